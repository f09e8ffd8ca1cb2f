"""Screening a news archive on a distributed engine (Dask).

``partitions`` cuts the inputs (files, folders, WARC record ranges, Parquet row ranges)
into tasks; ``work`` is what runs on a worker (the engine loaded once per process, one
task per partition); ``driver`` starts or reaches the cluster, submits and records;
``results`` lays out the Parquet result folder; ``incidents`` merges the findings of
every partition into incidents once the run gathers; ``workbook`` writes the analyst
workbook from it. Only this package imports dask and distributed, and only on these paths.
"""
