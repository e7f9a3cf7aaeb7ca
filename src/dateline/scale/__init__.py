"""Scale out: the pipeline on a Ray cluster, a Parquet dataset per record kind, and `load` into the store.

`ingest_ray(paths, out)` lists the input files on the driver, reads them in Ray tasks with
dateline's own readers, and analyses them in a pool of Ray actors (`map_batches`, streaming
execution) that each load the pipeline once. Each actor writes its batch's rows itself, as Parquet
files named after the batch's content, so the text never travels back through the object store
and a retried batch rewrites the same files. The dataset holds one table per record kind, with
the store's columns (`records.py` flattened as `store.schema` does), partitioned by article date:

    OUT/dateline.json                               what wrote it: pipeline version, model, counts
    OUT/articles/article_date=2024-12-19/part-….parquet
    OUT/{blocks,entities,mentions,quotes,times,places,events,errors}/article_date=…/part-….parquet

`load(out, db)` rebuilds each article's `Analysis` from those rows and adds it with the store's
own writer (people and aliases, full-text indexes, wire copies), skipping what is stored already.
Ray is imported only by `ingest_ray`; `load` needs pyarrow alone.

Modules: `tables` (the Parquet schemas and rows), `sources` (file systems and readers), `engine`
(the actors and `ingest_ray`), `dataset` (reading a dataset back, and `load`).
"""

from dateline.scale.dataset import LoadStats, load, read_dataset, read_manifest
from dateline.scale.engine import ScaleOptions, ScaleStats, ingest_ray, require_ray
from dateline.scale.sources import filesystem_for, inputs, read_remote
from dateline.scale.tables import PARTITION, ScaleError, require_pyarrow, rows, schemas

__all__ = [
    "PARTITION",
    "LoadStats",
    "ScaleError",
    "ScaleOptions",
    "ScaleStats",
    "filesystem_for",
    "ingest_ray",
    "inputs",
    "load",
    "read_dataset",
    "read_manifest",
    "read_remote",
    "require_pyarrow",
    "require_ray",
    "rows",
    "schemas",
]
