"""The compiled catalogue: a SQLite database in the cache folder, indexed for how the commands look
things up, so that a command reads the rows its answer needs and no more.

- The list files are the source of truth; this is only a cache. Deleting it loses nothing, and where
  it cannot be used (a read-only or missing cache folder, a lock held too long) sfilms reads the files
  instead (``store.shelf``), slower.
- ``schema``: the tables; opening, checking and, where the file is not a usable cache, rebuilding it.
- ``rows``: rows read into the model's records by column name.
- ``reader``: the queries every command asks, each returning model records.
- ``readings``: reading the list files (on several cores when there are many), hashing their bytes.
- ``update``: bringing it up to date: the files that changed are read; the entries they add or drop,
  and every entry that shares a link key with them (``core.identity.link_keys``), are linked again by
  ``core.linking``; only the rows whose content changed are written (``writer``).
"""
