"""The DuckDB database of a batch run: schema, what is already stored, and atomic writes.

One :meth:`Store.write` call is one transaction: for every document in it, the
old rows of its path (in every table, ``errors`` included) are deleted and the
new row set inserted. A run killed at any moment therefore leaves each
document either fully stored or not at all.

>>> import tempfile, os
>>> with tempfile.TemporaryDirectory() as d:
...     with Store(os.path.join(d, "r.duckdb")) as s:
...         s.table_counts()["documents"]
0
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from ..errors import SvsamverkanError
from .rows import FileInfo, Row, error_row, utc_now
from .schema import DB_SCHEMA_VERSION, DOCUMENT_TABLES, TABLES, arrow_schema, column_names, create_table_sql
from .worker import WorkResult


@dataclass(frozen=True, slots=True)
class Stored:
    """What the database holds for a path."""

    content_hash: str
    pipeline_version: str
    size_bytes: int
    mtime_ns: int
    failed: bool
    missing: bool


class Store:
    """An open batch database (use as a context manager)."""

    def __init__(self, path: str | Path, *, read_only: bool = False) -> None:
        self.path = str(path)
        try:
            self.con = duckdb.connect(self.path, read_only=read_only)
        except duckdb.Error as exc:
            raise SvsamverkanError("E110", self.path, f"cannot open the database ({exc})",
                                   "is another batch run using it?") from None
        # the workers need the cores; the writer's inserts are small
        self.con.execute("SET threads TO 1")
        if not read_only:
            self._create()
        self._check_version()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection (a checkpoint folds the write-ahead log into the file)."""
        self.con.close()

    # -- schema -------------------------------------------------------------------
    def _create(self) -> None:
        self.con.execute("BEGIN")
        self.con.execute("CREATE TABLE IF NOT EXISTS meta (key VARCHAR, value VARCHAR)")
        for table in TABLES:
            self.con.execute(create_table_sql(table))
        if not self.con.execute("SELECT 1 FROM meta WHERE key = 'schema_version'").fetchall():
            self.con.execute("INSERT INTO meta VALUES ('schema_version', ?)", [DB_SCHEMA_VERSION])
        self.con.execute("COMMIT")

    def _one(self, sql: str, params: list[Any] | None = None) -> tuple[Any, ...] | None:
        """The first row of a query (fetching all, so the connection is free again)."""
        rows = self.con.execute(sql, params or []).fetchall()
        return rows[0] if rows else None

    def _check_version(self) -> None:
        row = self._one("SELECT value FROM meta WHERE key = 'schema_version'")
        if row is None or row[0] != DB_SCHEMA_VERSION:
            raise SvsamverkanError("E111", self.path, f"database schema {row[0] if row else '?'} is not "
                                   f"{DB_SCHEMA_VERSION}", "write to a new --db file")

    # -- runs ---------------------------------------------------------------------
    def begin_run(self, *, archive: str, pipeline_version: str, engine: str, workers: int,
                  options: dict[str, Any]) -> int:
        """Record a new run (and mark runs that never finished as interrupted); returns its id."""
        self.con.execute("BEGIN")
        self.con.execute("UPDATE runs SET status = 'interrupted' WHERE status = 'running'")
        row = self._one("SELECT coalesce(max(run_id), 0) + 1 FROM runs")
        run_id = int(row[0]) if row else 1
        self.con.execute(
            "INSERT INTO runs (run_id, started_at, status, archive, pipeline_version, engine, workers, files_seen, "
            "files_analysed, files_unchanged, files_failed, files_missing, pages, bytes, options) "
            "VALUES (?, ?, 'running', ?, ?, ?, ?, 0, 0, 0, 0, 0, 0, 0, ?)",
            [run_id, utc_now(), archive, pipeline_version, engine, workers, json.dumps(options)],
        )
        self.con.execute("COMMIT")
        return run_id

    def update_run(self, run_id: int, **values: Any) -> None:
        """Set columns of a run row (its own small transaction)."""
        cols = ", ".join(f"{k} = ?" for k in values)
        self.con.execute(f"UPDATE runs SET {cols} WHERE run_id = ?", [*values.values(), run_id])

    # -- state --------------------------------------------------------------------
    def stored(self) -> dict[str, Stored]:
        """Every stored path (documents and errors) with its hash, version, stat and flags."""
        out: dict[str, Stored] = {}
        q = ("SELECT path, content_hash, pipeline_version, size_bytes, mtime_ns, {failed}, missing_since IS NOT NULL "
             "FROM {table}")
        for table, failed in (("documents", "false"), ("errors", "true")):
            rows = self.con.execute(q.format(table=table, failed=failed)).fetchall()
            for path, h, v, size, mtime, f, missing in rows:
                out[path] = Stored(h, v, size or 0, mtime or 0, bool(f), bool(missing))
        return out

    # -- writing ------------------------------------------------------------------
    def write(self, results: list[WorkResult], *, replace: set[str], run_id: int, pipeline_version: str,
              run_counts: dict[str, Any] | None = None) -> None:
        """Store results in ONE transaction: old rows of replaced paths out, new row sets in.

        ``replace`` names the paths that may have rows already; ``run_counts`` updates the run row
        in the same transaction, so its counters match what is committed.
        """
        if not results:
            return
        by_table: dict[str, list[Row]] = {t: [] for t in TABLES if t != "runs"}
        for r in results:
            if r.ok and r.rows is not None:
                for table, rows in r.rows.items():
                    by_table[table].extend(rows)
            else:
                by_table["errors"].append(error_row(r.info, r.error or {}, stage=r.stage,
                                                    pipeline_version=pipeline_version, run_id=run_id))
        stale = [r.info for r in results if r.info.path in replace]
        self.con.execute("BEGIN")
        try:
            if stale:
                ids = [i.doc_id for i in stale]
                for table in DOCUMENT_TABLES:
                    self.con.execute(f"DELETE FROM {table} WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))", [ids])
                self.con.execute("DELETE FROM errors WHERE path IN (SELECT unnest(?::VARCHAR[]))",
                                 [[i.path for i in stale]])
            for table, rows in by_table.items():
                if rows:
                    self._insert(table, rows)
            if run_counts:
                self.update_run(run_id, **run_counts)
            self.con.execute("COMMIT")
        except BaseException:
            self.con.execute("ROLLBACK")
            raise

    def _insert(self, table: str, rows: list[Row]) -> None:
        names = column_names(table)
        columns = list(zip(*rows))
        arrow = pa.table({n: pa.array(col, type=t) for n, col, t in zip(names, columns, arrow_schema(table).types)})
        self.con.register("_svs_rows", arrow)
        try:
            cols = ", ".join(f'"{n}"' for n in names)
            self.con.execute(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM _svs_rows")
        finally:
            self.con.unregister("_svs_rows")

    def restat(self, infos: list[FileInfo]) -> None:
        """Store the new size and modification time of files whose bytes did not change."""
        if not infos:
            return
        self.con.execute("BEGIN")
        for table in ("documents", "errors"):
            self.con.executemany(f"UPDATE {table} SET size_bytes = ?, mtime_ns = ? WHERE path = ?",
                                 [[i.size_bytes, i.mtime_ns, i.path] for i in infos])
        self.con.execute("COMMIT")

    def mark_present(self, seen: Iterable[str], *, prune: bool) -> int:
        """Flag stored paths that are not in ``seen`` as missing (or delete them when ``prune``).

        Paths that are back lose their flag. Returns how many stored paths are missing now.
        """
        now = utc_now()
        self.con.execute("BEGIN")
        self.con.execute("CREATE OR REPLACE TEMP TABLE _svs_seen (path VARCHAR)")
        self.con.register("_svs_seen_arrow", pa.table({"path": pa.array(list(seen), type=pa.string())}))
        self.con.execute("INSERT INTO _svs_seen SELECT path FROM _svs_seen_arrow")
        self.con.unregister("_svs_seen_arrow")
        gone = "path NOT IN (SELECT path FROM _svs_seen)"
        if prune:
            ids = "doc_id IN (SELECT doc_id FROM documents WHERE " + gone + ")"
            for table in DOCUMENT_TABLES[::-1]:  # documents last: the sub-query reads it
                self.con.execute(f"DELETE FROM {table} WHERE {ids}")
            self.con.execute(f"DELETE FROM errors WHERE {gone}")
        for table in ("documents", "errors"):
            self.con.execute(f"UPDATE {table} SET missing_since = NULL WHERE missing_since IS NOT NULL "
                             f"AND path IN (SELECT path FROM _svs_seen)")
            self.con.execute(f"UPDATE {table} SET missing_since = ? WHERE missing_since IS NULL AND {gone}", [now])
        row = self._one(
            f"SELECT (SELECT count(*) FROM documents WHERE {gone}) + (SELECT count(*) FROM errors WHERE {gone})")
        self.con.execute("DROP TABLE _svs_seen")
        self.con.execute("COMMIT")
        return int(row[0]) if row else 0

    # -- reading ------------------------------------------------------------------
    def table_counts(self) -> dict[str, int]:
        """Rows per table."""
        return {t: int(self._one(f"SELECT count(*) FROM {t}")[0]) for t in TABLES}  # type: ignore[index]

    def totals(self) -> dict[str, Any]:
        """Present documents, pages, documents by kind and errors by code (the whole database)."""
        docs, pages = self._one(
            "SELECT count(*), coalesce(sum(n_pages), 0) FROM documents WHERE missing_since IS NULL")  # type: ignore[misc]
        kinds = dict(self.con.execute("SELECT kind, count(*) FROM documents WHERE missing_since IS NULL "
                                      "GROUP BY kind ORDER BY 2 DESC, 1").fetchall())
        codes = dict(self.con.execute("SELECT code, count(*) FROM errors WHERE missing_since IS NULL "
                                      "GROUP BY code ORDER BY 2 DESC, 1").fetchall())
        return {"documents": int(docs), "pages": int(pages), "by_kind": kinds, "errors_by_code": codes}

    # -- exports ------------------------------------------------------------------
    def export_parquet(self, folder: str | Path) -> list[Path]:
        """One ``<table>.parquet`` per table in ``folder``."""
        out = Path(folder)
        out.mkdir(parents=True, exist_ok=True)
        written = []
        for table in TABLES:
            target = out / f"{table}.parquet"
            tmp = out / f".{table}.parquet.tmp"
            quoted = str(tmp).replace("'", "''")
            self.con.execute(f"COPY (SELECT * FROM {table}) TO '{quoted}' (FORMAT parquet)")
            os.replace(tmp, target)
            written.append(target)
        return written

    def export_jsonl(self, file: str | Path) -> int:
        """Every present document as one line: its analysis JSON plus ``path``, ``doc_id``, ``content_hash``."""
        target = Path(file)
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.tmp")
        cur = self.con.execute(
            "SELECT d.path, d.doc_id, d.content_hash, d.pipeline_version, a.analysis, t.text, t.original_text "
            "FROM documents d JOIN analyses a USING (doc_id) JOIN texts t USING (doc_id) "
            "WHERE d.missing_since IS NULL ORDER BY d.path")
        n = 0
        with open(tmp, "w", encoding="utf-8") as fh:
            while batch := cur.fetchmany(256):
                for path, doc_id, h, version, analysis, text, original in batch:
                    obj = {"path": path, "doc_id": doc_id, "content_hash": h, "pipeline_version": version,
                           **json.loads(analysis), "text": text, "original_text": original}
                    fh.write(json.dumps(obj, ensure_ascii=False) + "\n")
                    n += 1
        os.replace(tmp, target)
        return n


def load_dataframes(db: str | Path, tables: Iterable[str] | None = None) -> dict[str, Any]:
    """The tables of a batch database as pandas DataFrames (read-only).

    >>> import tempfile, os
    >>> with tempfile.TemporaryDirectory() as d:
    ...     Store(os.path.join(d, "r.duckdb")).close()
    ...     frames = load_dataframes(os.path.join(d, "r.duckdb"))
    >>> list(frames)[:3], len(frames["documents"])
    (['runs', 'documents', 'texts'], 0)
    """
    if not Path(db).is_file():
        raise SvsamverkanError("E001", str(db), "database file not found")
    with Store(db, read_only=True) as store:
        return {t: store.con.table(t).df() for t in (tables or TABLES)}


