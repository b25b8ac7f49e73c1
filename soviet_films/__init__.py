"""sfilms: browse curated, themed lists of Soviet films from the command line.

The layers are folders, and imports only go down (the README's Development section draws the map):
``cli`` (the typer app) calls ``library`` (one function per command, returning results) and hands the
results to ``views`` (plain, JSON, terminal), which ``console`` writes out. The library reaches the data
through ``store`` (files, the cache, the formats) and computes with ``core`` (pure domain code);
``places`` knows where files live; ``model`` and ``errors`` are shared by every layer.
"""

__version__ = "0.1.0"
