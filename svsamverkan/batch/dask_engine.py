"""Run the analysis on a Dask distributed cluster; the client (this process) writes the database.

Files travel to the workers as bytes, so the workers need no access to the
archive. Each Dask worker process builds the pipeline once, on its first file.
The time limit per file returns an error row when it is exceeded, but Dask
cannot stop a running task: the thread finishes in the background (use the
workers' own ``--lifetime``/memory limits for hard stops).
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..errors import MissingExtraError, SvsamverkanError
from .worker import FileTask, WorkerConfig, WorkResult, analyse_task

HEARTBEAT_S = 0.5


def _analyse_with_limit(task: FileTask, config: WorkerConfig, timeout: float | None) -> WorkResult:
    """Runs on a Dask worker."""
    if timeout is None:
        return analyse_task(task, config)
    box: list[WorkResult] = []
    t = threading.Thread(target=lambda: box.append(analyse_task(task, config)), daemon=True)
    t.start()
    t.join(timeout)
    if box:
        return box[0]
    error = {"code": "E101", "source": task.info.path, "reason": f"analysis took longer than {timeout:g} s",
             "hint": "raise --timeout-per-file to analyse it"}
    return WorkResult(info=task.info, ok=False, error=error, stage="timeout")


def connect(scheduler: str | None) -> Any:
    """A ``distributed.Client`` for ``tcp://HOST:PORT`` (or a local cluster when ``None``)."""
    try:
        from distributed import Client
    except ImportError:  # pragma: no cover - dask is a dev dependency
        raise MissingExtraError("--engine dask", "dask", "distributed") from None
    try:
        return Client(scheduler, timeout="30s") if scheduler else Client(processes=False)
    except OSError as exc:
        raise SvsamverkanError("E112", scheduler or "local cluster", f"cannot reach the Dask scheduler ({exc})",
                               "start one with: dask scheduler, then dask worker tcp://HOST:8786") from None


def dask_results(tasks: list[FileTask], config: WorkerConfig, client: Any, *,
                 timeout_per_file: float | None = None) -> Iterator[WorkResult | None]:
    """Submit tasks (a bounded window at a time, so memory stays flat); yield results as they finish."""
    from distributed import wait

    window = max(2, 2 * sum(client.nthreads().values()))
    token = uuid.uuid4().hex[:12]  # task keys unique to this run
    todo = iter(tasks)
    in_flight: dict[Any, FileTask] = {}

    unreadable: list[WorkResult] = []

    def submit_next() -> None:
        task = next(todo, None)
        if task is None:
            return
        try:
            data = Path(task.abs_path).read_bytes()
        except OSError as exc:  # deleted or locked since the scan
            unreadable.append(WorkResult(info=task.info, ok=False, stage="read", error={
                "code": "E001", "source": task.info.path, "reason": f"cannot read the file ({exc.strerror})"}))
            submit_next()
            return
        loaded = FileTask(info=task.info, abs_path=task.abs_path, data=data)
        fut = client.submit(_analyse_with_limit, loaded, config, timeout_per_file, pure=False,
                            key=f"svsamverkan-{token}-{task.info.doc_id}")
        in_flight[fut] = task

    for _ in range(window):
        submit_next()
    while in_flight or unreadable:
        while unreadable:
            yield unreadable.pop()
        if not in_flight:
            break
        try:
            done, _ = wait(list(in_flight), timeout=HEARTBEAT_S, return_when="FIRST_COMPLETED")
        except TimeoutError:
            yield None
            continue
        for fut in done:
            task = in_flight.pop(fut)
            submit_next()
            yield _collect(fut, task)


def _collect(fut: Any, task: FileTask) -> WorkResult:
    try:
        return fut.result()  # type: ignore[no-any-return]
    except Exception as exc:  # worker died (KilledWorker) or the task itself failed
        error = {"code": "E102", "source": task.info.path, "reason": f"the Dask task failed: {type(exc).__name__}: "
                 f"{exc}", "hint": "check the worker logs"}
        return WorkResult(info=task.info, ok=False, error=error, stage="crash")
