"""Run sfilms as ``python -m soviet_films``."""

from soviet_films.cli.main import main

main()
