"""Views of query results: ``terminal`` (rich, for people), ``plain`` (tab-separated lines,
for pipes) and ``json`` (for programs). Each returns text or a rich renderable; the CLI prints.
"""
