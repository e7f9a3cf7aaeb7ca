"""The SQLite store: schema and migrations, the ingest writer, and the queries."""

from dateline.store.queries import Store
from dateline.store.schema import SCHEMA_VERSION, StoreError

__all__ = ["SCHEMA_VERSION", "Store", "StoreError"]
