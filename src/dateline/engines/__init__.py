"""Engines that run the same pipeline at scale.

- ``engines.local``: N worker processes on one machine (``dateline ingest --workers N``).
- ``engines.spark``: a PySpark job writing partitioned Parquet, and ``load`` to bring that
  Parquet into the SQLite store (``dateline spark-ingest``, ``dateline load``).
"""
