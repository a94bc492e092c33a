"""Batch screening of whole customer / supplier masters (DESIGN.md, ``batch/``).

Two engines give the same hits for the same input:

* :mod:`uavscreen.batch.local` — chunks across forked processes on one machine, with an
  atomic checkpoint after every chunk so a killed run resumes without lost or duplicated rows;
* :mod:`uavscreen.batch.spark` — the same per-record screening as a PySpark ``mapInArrow``
  job, and :func:`uavscreen.batch.spark.screen_dataframe` for users' own Spark code.

Both read input with :mod:`uavscreen.batch.io` and screen each record with
:func:`uavscreen.batch.records.screen_raw`, which is why their results are identical.
"""
