"""Engines that drive the pipeline over many articles and into the store.

- ``engines.ingest``: a run (files → pipeline → store), what ``dateline ingest`` calls.
- ``engines.coding``: the one "code this document or report why not" step every engine runs.
- ``engines.local``: N worker processes on one machine (``dateline ingest --workers N``).
- ``engines.spark``: a PySpark job writing partitioned Parquet, and ``load`` to bring that
  Parquet into the SQLite store (``dateline spark-ingest``, ``dateline load``).

Every engine reads the same files (``dateline.read.iter_input_files`` and, for Spark's own
listing, ``dateline.read.wanted_under_folder``).
"""
