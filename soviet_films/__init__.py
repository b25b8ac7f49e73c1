"""sfilms: browse curated, themed lists of Soviet films from the command line.

The package is layered: ``models`` (plain dataclasses), ``catalog`` (finding, loading and
validating list files), ``query`` (pure functions over the model), ``render`` (terminal,
plain and JSON views) and ``cli`` (the typer commands that tie them together).
"""

__version__ = "0.1.0"
