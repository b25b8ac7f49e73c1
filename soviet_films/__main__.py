"""Run sfilms as ``python -m soviet_films``."""

from soviet_films.cli import main

main()
