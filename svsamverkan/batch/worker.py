"""What a worker does with one file: read, repair, analyse, turn into rows, and time each stage.

Workers build one :class:`~svsamverkan.pipeline.Pipeline` when they start
(:func:`init_worker`) and reuse it for every file. Every failure becomes an
error result: the batch run goes on.

>>> init_worker(WorkerConfig(pipeline_version="v", run_id=1))
>>> r = analyse_text_for_test("Punkten bordläggs.", "a.txt")
>>> r.ok, r.rows["documents"][0][1]
(True, 'a.txt')
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import resource
import signal
import sys
import tempfile
import threading
import time
import traceback
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import SvsamverkanError
from ..readers import DEFAULT_MAX_BYTES, ReadResult
from .rows import FileInfo, Rows, analysis_to_rows

STAGES: tuple[str, ...] = ("read", "repair", "nlp+extract", "classify", "rows")
"""Stages timed in the workers; the parent adds ``write`` (database) time."""

_CLASSIFY_MARKERS = ("section", "classif")


@dataclass(frozen=True, slots=True)
class WorkerConfig:
    """Limits and identifiers a worker needs (picklable: sent to every worker)."""

    pipeline_version: str
    run_id: int
    max_bytes: int = DEFAULT_MAX_BYTES
    max_pages: int | None = None
    pipeline_factory: str | None = None


@dataclass(frozen=True, slots=True)
class FileTask:
    """One file to analyse. ``data`` carries the bytes when the worker cannot see the archive (Dask)."""

    info: FileInfo
    abs_path: str
    data: bytes | None = None


@dataclass(slots=True)
class WorkResult:
    """Rows of an analysed file, or the error it raised; plus stage times and worker memory."""

    info: FileInfo
    ok: bool
    rows: Rows | None = None
    error: dict[str, str] | None = None
    stage: str = "analyse"
    kind: str | None = None
    pages: int = 0
    seconds: dict[str, float] = field(default_factory=dict)
    worker: str = ""
    peak_rss_mb: float = 0.0
    cpu_seconds: float = 0.0


class StageTimer:
    """Adds up seconds per stage, separately in each thread (Dask workers run several)."""

    def __init__(self) -> None:
        self._local = threading.local()

    @property
    def seconds(self) -> dict[str, float]:
        """Seconds per stage of the current file in this thread."""
        if not hasattr(self._local, "seconds"):
            self._local.seconds = defaultdict(float)
        return self._local.seconds  # type: ignore[no-any-return]

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        """Time a block as ``name``."""
        t0 = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[name] += time.perf_counter() - t0

    def wrap(self, name: str, func: Callable[..., Any]) -> Callable[..., Any]:
        """``func`` timed as ``name``."""

        def timed(*args: Any, **kwargs: Any) -> Any:
            with self.stage(name):
                return func(*args, **kwargs)

        return timed

    def reset(self) -> None:
        """Start a new file."""
        self._local.seconds = defaultdict(float)


class _TimedNlp:
    """The spaCy pipeline seen through timers: section classification is ``classify``, the rest ``nlp+extract``.

    :class:`~svsamverkan.pipeline.Pipeline` runs ``nlp.make_doc`` and then every
    ``(name, proc)`` of ``nlp.pipeline``; everything else passes through.
    """

    def __init__(self, nlp: Any, timer: StageTimer) -> None:
        self._nlp = nlp
        self._timer = timer
        self._pipeline = [(name, timer.wrap(_stage_of(name), proc)) for name, proc in nlp.pipeline]

    def make_doc(self, text: str) -> Any:
        with self._timer.stage("nlp+extract"):
            return self._nlp.make_doc(text)

    @property
    def pipeline(self) -> list[tuple[str, Callable[..., Any]]]:
        return self._pipeline

    def __call__(self, text: Any, **kwargs: Any) -> Any:
        # a pipeline that calls nlp(...) directly gets every component timed as nlp+extract
        with self._timer.stage("nlp+extract"):
            return self._nlp(text, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._nlp, name)


def _stage_of(component: str) -> str:
    return "classify" if any(m in component for m in _CLASSIFY_MARKERS) else "nlp+extract"


@dataclass(slots=True)
class _WorkerState:
    config: WorkerConfig
    pipeline: Any
    timer: StageTimer


_STATE: _WorkerState | None = None


def load_factory(spec: str) -> Callable[[], Any]:
    """The pipeline factory named by ``module:function`` or ``path/to/file.py:function``.

    >>> load_factory("svsamverkan.pipeline:Pipeline").__name__
    'Pipeline'
    """
    module_name, sep, func_name = spec.rpartition(":")
    if not sep or not module_name or not func_name:
        raise SvsamverkanError("E070", spec, "a pipeline factory is written module:function or file.py:function")
    try:
        if module_name.endswith(".py"):
            mod_spec = importlib.util.spec_from_file_location(f"_svs_factory_{Path(module_name).stem}", module_name)
            if mod_spec is None or mod_spec.loader is None:
                raise ImportError(module_name)
            module = importlib.util.module_from_spec(mod_spec)
            mod_spec.loader.exec_module(module)
        else:
            module = importlib.import_module(module_name)
        factory = getattr(module, func_name)
    except (ImportError, AttributeError, OSError) as exc:
        raise SvsamverkanError("E070", spec, f"cannot load the pipeline factory ({exc})") from None
    return factory  # type: ignore[no-any-return]


def _build_pipeline(config: WorkerConfig, timer: StageTimer) -> Any:
    """The worker's pipeline (the default one, or the factory's), seen through stage timers."""
    from ..pipeline import Pipeline

    base = load_factory(config.pipeline_factory)() if config.pipeline_factory else Pipeline()
    return Pipeline(reader=base.reader, repairer=timer.wrap("repair", base.repairer),
                    nlp=_TimedNlp(base.nlp, timer), max_bytes=config.max_bytes)  # type: ignore[arg-type]


WARM_UP_TEXT = "Mötet öppnades. Beslut: punkten bordläggs."
"""A short text analysed once after loading, so every lazily loaded model is in memory."""


def init_worker(config: WorkerConfig) -> None:
    """Build the pipeline once per worker process and load its models (warm-up on a short text)."""
    global _STATE
    timer = StageTimer()
    pipe = _build_pipeline(config, timer)
    pipe.analyze_text(WARM_UP_TEXT)
    _STATE = _WorkerState(config=config, pipeline=pipe, timer=timer)


def _pipeline_key(config: WorkerConfig) -> tuple[object, ...]:
    return (config.pipeline_factory, config.max_bytes)


def worker_ready(config: WorkerConfig) -> _WorkerState:
    """The worker's state; built on first use, and again only when the pipeline settings change."""
    if _STATE is None or _pipeline_key(_STATE.config) != _pipeline_key(config):
        init_worker(config)
    assert _STATE is not None
    return _STATE


def _peak_rss_mb() -> float:
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(rss / (1024 * 1024) if sys.platform == "darwin" else rss / 1024, 1)


def _read(state: _WorkerState, task: FileTask) -> ReadResult:
    if task.data is None:
        return state.pipeline.read(task.abs_path)
    # Dask: the bytes travelled; the readers want a file with the right suffix.
    with tempfile.TemporaryDirectory(prefix="svsamverkan-") as tmp:
        p = Path(tmp) / Path(task.info.path).name
        p.write_bytes(task.data)
        raw = state.pipeline.read(p)
    from dataclasses import replace

    return replace(raw, source=task.abs_path)


def _check_pages(raw: ReadResult, task: FileTask, max_pages: int | None) -> None:
    if max_pages is not None and len(raw.pages) > max_pages:
        raise SvsamverkanError("E100", task.info.path, f"{len(raw.pages)} pages, over the limit of {max_pages}",
                               "raise --max-pages to analyse it")


def analyse_task(task: FileTask, config: WorkerConfig) -> WorkResult:
    """Analyse one file into rows; any exception becomes an error result."""
    state = worker_ready(config)
    timer = state.timer
    timer.reset()
    stage = "read"
    t0, cpu0 = time.perf_counter(), time.thread_time()
    try:
        with timer.stage("read"):
            raw = _read(state, task)
            _check_pages(raw, task, config.max_pages)
        stage = "analyse"
        analysis = state.pipeline.analyze_read(raw)
        with timer.stage("rows"):
            rows = analysis_to_rows(analysis, task.info, pipeline_version=config.pipeline_version,
                                    run_id=config.run_id, seconds=time.perf_counter() - t0)
        result = WorkResult(info=task.info, ok=True, rows=rows, kind=analysis.kind, pages=len(analysis.pages) or 1)
    except SvsamverkanError as exc:
        error = exc.to_dict()
        error["source"] = task.info.path
        result = WorkResult(info=task.info, ok=False, error=error, stage=stage)
    except Exception as exc:  # a bug in a stage must not stop an archive run
        tb = traceback.extract_tb(exc.__traceback__)
        where = f" at {Path(tb[-1].filename).name}:{tb[-1].lineno}" if tb else ""
        result = WorkResult(info=task.info, ok=False, stage=stage, error={
            "code": "E199", "source": task.info.path, "reason": f"internal error: {type(exc).__name__}: {exc}{where}",
            "hint": "please report it with the file if you can share it"})
    seconds = dict(timer.seconds)
    analysed = seconds.get("repair", 0.0) + seconds.get("nlp+extract", 0.0) + seconds.get("classify", 0.0)
    total = time.perf_counter() - t0
    # what the timers did not see (assembling the Analysis) counts as nlp+extract
    if result.ok:
        seconds["nlp+extract"] = seconds.get("nlp+extract", 0.0) + max(
            0.0, total - analysed - seconds.get("read", 0.0) - seconds.get("rows", 0.0))
    result.seconds = seconds
    result.cpu_seconds = time.thread_time() - cpu0
    result.worker = f"{os.uname().nodename}:{os.getpid()}"
    result.peak_rss_mb = _peak_rss_mb()
    return result


class _Timeout(BaseException):
    """Raised by the alarm in :func:`inline_results` (a BaseException, so stages cannot swallow it)."""


def _on_alarm(signum: int, frame: Any) -> None:
    raise _Timeout


def inline_results(tasks: Iterable[FileTask], config: WorkerConfig, *,
                   timeout_per_file: float | None = None) -> Iterator[WorkResult]:
    """Analyse in this process (``workers=0``): no pool, models shared with the caller.

    The time limit uses ``SIGALRM`` and so works only in the main thread on Unix.
    """
    worker_ready(config)
    use_alarm = (timeout_per_file is not None and hasattr(signal, "setitimer")
                 and threading.current_thread() is threading.main_thread())
    for task in tasks:
        if not use_alarm:
            yield analyse_task(task, config)
            continue
        previous = signal.signal(signal.SIGALRM, _on_alarm)
        signal.setitimer(signal.ITIMER_REAL, float(timeout_per_file or 0))
        try:
            result = analyse_task(task, config)
        except _Timeout:
            result = WorkResult(info=task.info, ok=False, stage="timeout", error={
                "code": "E101", "source": task.info.path, "reason": f"analysis took longer than {timeout_per_file:g} s",
                "hint": "raise --timeout-per-file to analyse it"})
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
        yield result


def analyse_text_for_test(text: str, path: str) -> WorkResult:
    """Analyse a text as if it were the file ``path`` (used by doctests and tests)."""
    assert _STATE is not None
    data = text.encode("utf-8")
    from .version import content_hash_bytes

    info = FileInfo(path=path, content_hash=content_hash_bytes(data), size_bytes=len(data), mtime_ns=0)
    return analyse_task(FileTask(info=info, abs_path=path, data=data), _STATE.config)
