"""Orchestrate a batch run: plan, analyse in parallel, write in transactions, summarise.

>>> import tempfile, pathlib
>>> with tempfile.TemporaryDirectory() as d:
...     root = pathlib.Path(d) / "arkiv"; root.mkdir()
...     _ = (root / "a.txt").write_text("Protokoll. Punkten bordläggs.", encoding="utf-8")
...     first = run(root, db=pathlib.Path(d) / "r.duckdb", workers=0)
...     again = run(root, db=pathlib.Path(d) / "r.duckdb", workers=0)
>>> (first.analysed, first.failed), (again.analysed, again.unchanged)
((1, 0), (0, 1))
"""

from __future__ import annotations

import os
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from ..errors import SvsamverkanError
from ..readers import DEFAULT_MAX_BYTES
from .progress import make_progress
from .scan import plan_run
from .store import Store
from .version import pipeline_version as current_pipeline_version
from .worker import FileTask, WorkerConfig, WorkResult

COMMIT_EVERY = 64
"""Documents per transaction at most (each document's rows always commit together)."""
COMMIT_SECONDS = 1.0
"""A transaction commits at least this often while results arrive."""


@dataclass(slots=True)
class BatchSummary:
    """What a run did. ``failures`` lists this run's failures; ``totals`` describe the whole database.

    ``first_result_seconds`` is the time until the first analysed file came back (start-up:
    scanning, starting workers, loading models); ``stage_seconds`` add up worker time per stage
    plus the parent's ``write`` time; ``worker_cpu_seconds`` is the CPU time the workers spent on
    files (without start-up); ``peak_rss_mb`` is the peak memory of each worker.
    """

    db: str
    archive: str
    run_id: int
    pipeline_version: str
    engine: str
    workers: int
    files_seen: int = 0
    analysed: int = 0
    unchanged: int = 0
    failed: int = 0
    missing: int = 0
    pruned: bool = False
    pages: int = 0
    bytes: int = 0
    seconds: float = 0.0
    first_result_seconds: float | None = None
    worker_cpu_seconds: float = 0.0
    by_kind: dict[str, int] = field(default_factory=dict)
    failures: list[dict[str, str]] = field(default_factory=list)
    stage_seconds: dict[str, float] = field(default_factory=dict)
    peak_rss_mb: dict[str, float] = field(default_factory=dict)
    totals: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return asdict(self)


def _default_workers() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - macOS, Windows
        return os.cpu_count() or 1


def run(
    archive: str | Path,
    *,
    db: str | Path = "results.duckdb",
    workers: int | None = None,
    engine: str = "local",
    scheduler: str | None = None,
    client: Any = None,
    parquet: str | Path | None = None,
    jsonl: str | Path | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_pages: int | None = None,
    timeout_per_file: float | None = None,
    retry_errors: bool = False,
    force: bool = False,
    prune: bool = False,
    verify_hashes: bool = False,
    commit_every: int = COMMIT_EVERY,
    pipeline_factory: str | None = None,
    progress: bool = False,
    log: Any = None,
) -> BatchSummary:
    """Analyse every supported file under ``archive`` into the DuckDB database ``db``.

    Already-stored files (same content hash and pipeline version) are skipped, so a
    killed run can simply be started again. ``engine='dask'`` sends the work to the
    cluster at ``scheduler`` (or to ``client``, a ``distributed.Client``).
    ``workers=0`` analyses in this process (no pool). ``pipeline_factory`` (``module:function`` or
    ``file.py:function``) builds the :class:`~svsamverkan.pipeline.Pipeline` each worker uses.
    ``log`` is a callable receiving one line per commit (the CLI's ``--verbose``).
    """
    root = Path(archive)
    if not root.is_dir():
        raise SvsamverkanError("E001", str(archive), "archive folder not found")
    if engine not in {"local", "dask"}:
        raise SvsamverkanError("E070", engine, "unknown engine", "use --engine local or --engine dask")
    t_start = time.perf_counter()
    version = current_pipeline_version()
    if pipeline_factory:
        module, _, func = pipeline_factory.rpartition(":")
        version += f"+pipeline.{Path(module).name}:{func}"
    db_path = Path(db)
    exclude = tuple(p for p in (db_path, db_path.with_name(db_path.name + ".wal"),
                                db_path.with_name(db_path.name + ".tmp"), parquet, jsonl) if p)
    n_workers = _default_workers() if workers is None else max(0, workers)
    own_client = engine == "dask" and client is None
    if engine == "dask":
        from .dask_engine import connect

        client = client or connect(scheduler)
        n_workers = sum(client.nthreads().values())
    try:
        return _run(root, db_path, version, engine, n_workers, client, exclude, t_start, parquet=parquet, jsonl=jsonl,
                    max_bytes=max_bytes, max_pages=max_pages, timeout_per_file=timeout_per_file,
                    retry_errors=retry_errors, force=force, prune=prune, verify_hashes=verify_hashes,
                    commit_every=commit_every, pipeline_factory=pipeline_factory, progress=progress, log=log)
    finally:
        if own_client:
            client.close()


def _run(root: Path, db_path: Path, version: str, engine: str, n_workers: int, client: Any,
         exclude: tuple[Any, ...], t_start: float, *, parquet: str | Path | None, jsonl: str | Path | None,
         max_bytes: int, max_pages: int | None, timeout_per_file: float | None, retry_errors: bool, force: bool,
         prune: bool, verify_hashes: bool, commit_every: int, pipeline_factory: str | None, progress: bool,
         log: Any) -> BatchSummary:
    with Store(db_path) as store:
        options = {"max_bytes": max_bytes, "max_pages": max_pages, "timeout_per_file": timeout_per_file,
                   "retry_errors": retry_errors, "force": force, "prune": prune, "commit_every": commit_every,
                   "pipeline_factory": pipeline_factory}
        run_id = store.begin_run(archive=str(root.resolve()), pipeline_version=version, engine=engine,
                                 workers=n_workers, options=options)
        plan = plan_run(root, store.stored(), pipeline_version=version, max_bytes=max_bytes,
                        exclude=tuple(Path(p) for p in exclude), retry_errors=retry_errors, force=force,
                        verify_hashes=verify_hashes)
        summary = BatchSummary(db=str(db_path), archive=str(root), run_id=run_id, pipeline_version=version,
                               engine=engine, workers=n_workers, files_seen=len(plan.seen), unchanged=plan.unchanged)
        store.restat(plan.restat)
        config = WorkerConfig(pipeline_version=version, run_id=run_id, max_bytes=max_bytes, max_pages=max_pages,
                              pipeline_factory=pipeline_factory)
        tasks = [FileTask(info=info, abs_path=abs_path) for info, abs_path in plan.todo]
        refused = [WorkResult(info=info, ok=False, error=err, stage="scan") for info, err in plan.refused]
        writer = _Writer(store, summary, plan.replace, commit_every, log)
        try:
            with make_progress(enabled=progress) as bar:
                task_id = bar.add_task("analysing", total=len(tasks) + len(refused), failed=0)
                for result in _results(engine, tasks, refused, config, n_workers, timeout_per_file, client):
                    if result is not None:
                        if summary.first_result_seconds is None and result.stage != "scan":
                            summary.first_result_seconds = round(time.perf_counter() - t_start, 3)
                        writer.add(result)
                        bar.update(task_id, advance=1, failed=summary.failed)
                    writer.maybe_flush()
                writer.flush()
        except KeyboardInterrupt:  # keep what is done; the next run goes on from there
            writer.flush()
            store.update_run(run_id, status="interrupted", seconds=round(time.perf_counter() - t_start, 3))
            raise
        summary.missing = store.mark_present(plan.seen, prune=prune)
        summary.pruned = prune
        summary.seconds = round(time.perf_counter() - t_start, 3)
        store.update_run(run_id, status="finished", finished_at=_now(), seconds=summary.seconds,
                         files_seen=summary.files_seen, files_unchanged=summary.unchanged,
                         files_missing=summary.missing, **writer.run_counts())
        summary.totals = store.totals()
        if parquet:
            store.export_parquet(parquet)
        if jsonl:
            store.export_jsonl(jsonl)
    summary.stage_seconds = {k: round(v, 4) for k, v in writer.stage_seconds.items()}
    return summary


def _now() -> Any:
    from .rows import utc_now

    return utc_now()


def _results(engine: str, tasks: list[FileTask], refused: list[WorkResult], config: WorkerConfig, n_workers: int,
             timeout: float | None, client: Any) -> Iterator[WorkResult | None]:
    yield from refused
    if not tasks:
        return
    if engine == "dask":
        from .dask_engine import dask_results

        yield from dask_results(tasks, config, client, timeout_per_file=timeout)
    elif n_workers == 0:
        from .worker import inline_results

        yield from inline_results(tasks, config, timeout_per_file=timeout)
    else:
        from .pool import LocalPool

        yield from LocalPool(n_workers, config, timeout_per_file=timeout).results(tasks)


class _Writer:
    """Collects results and commits them in transactions; keeps the summary's counters."""

    def __init__(self, store: Store, summary: BatchSummary, replace: set[str], commit_every: int, log: Any) -> None:
        self.store, self.summary, self.replace = store, summary, replace
        self.commit_every = max(1, commit_every)
        self.log = log
        self.pending: list[WorkResult] = []
        self.last_flush = time.monotonic()
        self.committed = 0
        self.kinds: Counter[str] = Counter()
        self.stage_seconds: dict[str, float] = defaultdict(float)

    def add(self, r: WorkResult) -> None:
        self.pending.append(r)
        s = self.summary
        if r.ok:
            s.analysed += 1
            s.pages += r.pages
            s.bytes += r.info.size_bytes
            self.kinds[r.kind or "other"] += 1
            s.by_kind = dict(self.kinds.most_common())
        else:
            s.failed += 1
            err = r.error or {}
            s.failures.append({"path": r.info.path, "code": err.get("code", "E199"), "reason": err.get("reason", "")})
        s.worker_cpu_seconds += r.cpu_seconds
        for stage, sec in r.seconds.items():
            self.stage_seconds[stage] += sec
        if r.worker:
            s.peak_rss_mb[r.worker] = max(s.peak_rss_mb.get(r.worker, 0.0), r.peak_rss_mb)

    def run_counts(self) -> dict[str, Any]:
        s = self.summary
        return {"files_analysed": s.analysed, "files_failed": s.failed, "pages": s.pages, "bytes": s.bytes}

    def maybe_flush(self) -> None:
        if len(self.pending) >= self.commit_every or (
                self.pending and time.monotonic() - self.last_flush >= COMMIT_SECONDS):
            self.flush()

    def flush(self) -> None:
        self.last_flush = time.monotonic()
        if not self.pending:
            return
        t0 = time.perf_counter()
        self.store.write(self.pending, replace=self.replace, run_id=self.summary.run_id,
                         pipeline_version=self.summary.pipeline_version, run_counts=self.run_counts())
        self.stage_seconds["write"] += time.perf_counter() - t0
        self.committed += len(self.pending)
        if self.log is not None:
            self.log(f"committed {len(self.pending)} documents ({self.committed} in this run)")
        self.pending = []
