"""Root fields, one Query type per area; merged in `schema/__init__.py`."""
