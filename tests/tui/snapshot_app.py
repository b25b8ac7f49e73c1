"""The browser as the snapshot tests run it: the bundled lists alone, no viewing log."""

import os
import tempfile

home = tempfile.mkdtemp(prefix="sfilms-snapshot-")
os.environ.update(SFILMS_LISTS_DIR=os.path.join(home, "lists"), SFILMS_DATA_DIR=os.path.join(home, "data"),
                  XDG_CACHE_HOME=os.path.join(home, "cache"))  # fmt: skip

from soviet_films.tui.app import BrowseApp  # noqa: E402

app = BrowseApp()

if __name__ == "__main__":
    app.run()
