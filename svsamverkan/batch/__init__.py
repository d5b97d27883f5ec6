"""Batch processing of whole archives into a DuckDB database (``svsamverkan batch``).

>>> from svsamverkan.batch import pipeline_version
>>> "+models." in pipeline_version()
True

See ``docs/batch.md`` for the tables, the CLI and the resume semantics.
"""

from .runner import BatchSummary, run
from .store import load_dataframes
from .version import pipeline_version

__all__ = ["BatchSummary", "load_dataframes", "pipeline_version", "run"]
