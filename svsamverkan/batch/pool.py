"""A process pool for one machine, with a time limit per file.

Each worker process builds the pipeline once (:func:`~svsamverkan.batch.worker.init_worker`)
and then analyses one file at a time. Each worker holds :data:`PREFETCH` files, so the
next one is already waiting in its pipe while the parent stores results (a commit
would otherwise leave the workers idle). A worker that runs past the time limit is
killed and replaced; one that dies (crash, out of memory) is replaced too; the file
it was working on becomes an error result, the files queued behind it go to
another worker. If the parent is killed, workers see their pipe close and exit.
"""

from __future__ import annotations

import gc
import multiprocessing as mp
import os
import signal
import time
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from typing import Any

from ..errors import SvsamverkanError
from .worker import FileTask, WorkerConfig, WorkResult, analyse_task, init_worker

HEARTBEAT_S = 0.5
"""The pool yields ``None`` at least this often so the caller can commit and redraw progress."""
PREFETCH = 2
"""Files in flight per worker: the one it analyses and the one waiting behind it."""


def _worker_main(conn: Connection, config: WorkerConfig) -> None:
    """Body of a worker process: load models, then answer tasks until the pipe closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's business: it stops the workers
    try:
        init_worker(config)
    except SvsamverkanError as exc:
        conn.send(("init_error", exc.to_dict()))
        return
    except Exception as exc:
        conn.send(("init_error", {"code": "E199", "source": "worker", "reason": f"{type(exc).__name__}: {exc}"}))
        return
    # The models are millions of long-lived objects: keep the garbage collector from walking
    # them again and again (a full collection otherwise costs ~90 ms, several times a minute).
    gc.collect()
    gc.freeze()
    conn.send(("ready", None))
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        try:
            conn.send(("result", analyse_task(task, config)))
        except (BrokenPipeError, OSError):
            return


def _context(*, preload_models: bool) -> Any:
    """``forkserver`` where there is one (else ``spawn``).

    The server imports the worker module; with ``preload_models`` (the default pipeline)
    it also loads the models (:mod:`svsamverkan.batch.preload`), so workers forked from it
    start with them. The server lives as long as this process; what it preloads is decided
    when it starts, by the first pool.
    """
    if "forkserver" not in mp.get_all_start_methods():
        return mp.get_context("spawn")
    from multiprocessing import forkserver

    from .preload import ENV

    ctx = mp.get_context("forkserver")
    ctx.set_forkserver_preload(["svsamverkan.batch.worker", *(["svsamverkan.batch.preload"] if preload_models else [])])
    old = os.environ.get(ENV)
    os.environ[ENV] = "1" if preload_models else "0"
    try:
        forkserver.ensure_running()  # the server inherits the environment now, or never
    finally:
        if old is None:
            del os.environ[ENV]
        else:
            os.environ[ENV] = old
    return ctx


@dataclass(slots=True)
class _Worker:
    proc: Any
    conn: Connection
    ready: bool = False
    tasks: deque[FileTask] = field(default_factory=deque)
    """Sent and not answered yet, in the order the worker takes them; the first is being analysed."""
    started: float = 0.0
    """When the first task started (when the answer before it arrived: the worker takes tasks in order)."""

    @property
    def task(self) -> FileTask | None:
        """The task being analysed now."""
        return self.tasks[0] if self.tasks else None


def _failure(task: FileTask, code: str, stage: str, reason: str, hint: str = "") -> WorkResult:
    error = {"code": code, "source": task.info.path, "reason": reason, "hint": hint}
    return WorkResult(info=task.info, ok=False, error=error, stage=stage)


class LocalPool:
    """``n`` worker processes; :meth:`results` yields a result per task (in completion order)."""

    def __init__(self, n: int, config: WorkerConfig, *, timeout_per_file: float | None = None,
                 prefetch: int = PREFETCH) -> None:
        self.n = max(1, n)
        self.config = config
        self.timeout = timeout_per_file
        self.prefetch = max(1, prefetch)
        self._ctx = _context(preload_models=config.pipeline_factory is None)
        self._workers: list[_Worker] = []
        self._retry: deque[FileTask] = deque()

    def _start(self) -> _Worker:
        parent, child = self._ctx.Pipe()
        proc = self._ctx.Process(target=_worker_main, args=(child, self.config), daemon=True,
                                 name="svsamverkan-batch-worker")
        proc.start()
        child.close()
        w = _Worker(proc=proc, conn=parent)
        self._workers.append(w)
        return w

    def _retire(self, w: _Worker, *, kill: bool) -> None:
        if kill:
            w.proc.kill()
        w.proc.join(timeout=5)
        w.conn.close()
        self._workers.remove(w)

    def _next_task(self) -> FileTask | None:
        """A task handed back by a lost worker first, then the next new one."""
        if self._retry:
            return self._retry.popleft()
        task = None if self._exhausted else next(self._todo, None)
        if task is None:
            self._exhausted = True
        return task

    def _has_work(self) -> bool:
        return bool(self._retry) or not self._exhausted

    def _feed(self, w: _Worker) -> None:
        """Top a ready worker up to ``prefetch`` tasks, or let it go when it has none and none are left."""
        while len(w.tasks) < self.prefetch:
            task = self._next_task()
            if task is None:
                break
            if not w.tasks:
                w.started = time.monotonic()
            w.tasks.append(task)
            w.conn.send(task)
        if not w.tasks:
            w.conn.send(None)
            self._retire(w, kill=False)

    def _lose(self, w: _Worker) -> FileTask | None:
        """Kill a worker; its queued tasks go to others. Returns the task it was working on."""
        task = w.task
        self._retry.extend(list(w.tasks)[1:])
        self._retire(w, kill=True)
        self._replace()
        return task

    def results(self, tasks: Iterable[FileTask]) -> Iterator[WorkResult | None]:
        """Analyse every task; yields results as they finish and ``None`` as a heartbeat."""
        self._todo: Iterator[FileTask] = iter(tasks)
        self._exhausted = False
        try:
            for _ in range(self.n):
                self._start()
            while self._workers:
                yield from self._wait_once()
        finally:
            for w in list(self._workers):
                self._retire(w, kill=True)

    def _replace(self) -> None:
        if self._has_work() and len(self._workers) < self.n:
            self._start()

    def _wait_once(self) -> Iterator[WorkResult | None]:
        now = time.monotonic()
        wait_s = HEARTBEAT_S
        if self.timeout is not None:
            for w in self._workers:
                if w.task is not None:
                    wait_s = min(wait_s, max(0.0, w.started + self.timeout - now))
        ready = set(wait([w.conn for w in self._workers], timeout=wait_s))
        produced = False
        for w in list(self._workers):
            if w.conn in ready:
                result = self._receive(w)
                if result is not None:
                    produced = True
                    yield result
            elif w.task is not None and self.timeout is not None and time.monotonic() - w.started > self.timeout:
                task = self._lose(w)
                assert task is not None
                produced = True
                yield _failure(task, "E101", "timeout", f"analysis took longer than {self.timeout:g} s",
                               "raise --timeout-per-file to analyse it")
        if not produced:
            yield None

    def _receive(self, w: _Worker) -> WorkResult | None:
        """Read one message; hands the worker its next task before the result goes to the caller."""
        try:
            kind, payload = w.conn.recv()
        except (EOFError, OSError):
            if w.task is None:
                code = w.proc.exitcode
                self._retire(w, kill=True)
                raise SvsamverkanError("E102", "worker", f"a worker process died before it got a file (exit {code})",
                                       "run with --workers 1 --debug to see why") from None
            w.proc.join(timeout=1)
            code = w.proc.exitcode
            task = self._lose(w)
            assert task is not None
            return _failure(task, "E102", "crash", f"the worker process died (exit code {code})",
                            "the file may need more memory than the machine has")
        if kind == "init_error":
            self._retire(w, kill=True)
            raise SvsamverkanError(payload.get("code", "E199"), payload.get("source", "worker"),
                                   "a worker could not load the pipeline: " + payload.get("reason", ""))
        if kind == "ready":
            w.ready = True
            self._feed(w)
            return None
        w.tasks.popleft()
        w.started = time.monotonic()
        self._feed(w)
        return payload  # type: ignore[no-any-return]
