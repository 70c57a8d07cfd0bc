"""Stores the graph lives in: an embedded on-disk Oxigraph store, or any SPARQL 1.1 server.

Both implement ``GraphStore`` (see ``base.py``), so every command and query runs the same way on
either; ``open_store`` picks one from a path or an endpoint URL.
"""
