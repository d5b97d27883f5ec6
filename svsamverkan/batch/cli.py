"""``svsamverkan batch``: the command line of the batch job (registered by :mod:`svsamverkan.cli`)."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from ..readers import DEFAULT_MAX_BYTES

EXIT_OK, EXIT_ERROR, EXIT_PARTIAL = 0, 1, 2


def _size(text: str) -> int:
    """Bytes from ``123``, ``20k``, ``50M`` or ``1G``.

    >>> _size("20k"), _size("1.5M"), _size("100")
    (20480, 1572864, 100)
    """
    units = {"k": 1 << 10, "m": 1 << 20, "g": 1 << 30}
    t = text.strip().lower().removesuffix("b")
    if t and t[-1] in units:
        return int(float(t[:-1]) * units[t[-1]])
    return int(t)


def register(subparsers: Any) -> None:
    """Add the ``batch`` subcommand."""
    b = subparsers.add_parser(
        "batch",
        help="analyse a whole archive folder into a DuckDB database (parallel, resumable)",
        description="Walk ARCHIVE_DIR, analyse every supported file and store the results in DuckDB tables. "
        "Files already stored with the same content hash and pipeline version are skipped, so a killed run "
        "is resumed by running the same command again. See docs/batch.md.",
    )
    b.add_argument("archive", metavar="ARCHIVE_DIR", help="folder to analyse (searched recursively)")
    b.add_argument("--db", default="results.duckdb", help="DuckDB database file (default: results.duckdb)")
    b.add_argument("--workers", type=int, default=None,
                   help="worker processes (default: number of cores; 0 = analyse in this process)")
    b.add_argument("--engine", choices=["local", "dask"], default="local")
    b.add_argument("--scheduler", metavar="tcp://HOST:PORT", help="Dask scheduler address (--engine dask)")
    b.add_argument("--parquet", metavar="DIR", help="also export every table to DIR/<table>.parquet")
    b.add_argument("--jsonl", metavar="FILE", help="also export every document's analysis as JSON lines")
    b.add_argument("--max-bytes", type=_size, default=DEFAULT_MAX_BYTES, help="refuse larger files (e.g. 50M)")
    b.add_argument("--max-pages", type=int, default=None, help="refuse documents with more pages/slides")
    b.add_argument("--timeout-per-file", type=float, default=None, metavar="SECONDS",
                   help="stop analysing a file after this many seconds (the file becomes an error row)")
    b.add_argument("--retry-errors", action="store_true", help="analyse files that failed before again")
    b.add_argument("--force", action="store_true", help="analyse every file again")
    b.add_argument("--prune", action="store_true",
                   help="delete rows of files no longer in the archive (default: flag them in missing_since)")
    b.add_argument("--verify-hashes", action="store_true",
                   help="hash every file (default: trust size + modification time of stored files)")
    b.add_argument("--commit-every", type=int, default=64, metavar="N",
                   help="documents per transaction at most (default 64; 1 = one transaction per document)")
    b.add_argument("--pipeline", metavar="MODULE:FUNC", help="factory returning the Pipeline each worker uses")
    b.add_argument("--quiet", action="store_true", help="no progress bar and no summary")
    b.add_argument("--verbose", action="store_true", help="log every commit on stderr")
    b.add_argument("--json", action="store_true", help="print the summary as JSON")
    b.set_defaults(func=cmd_batch)


def cmd_batch(args: argparse.Namespace) -> int:
    """Run the batch job; exit 0 when no file of the archive has an error row, 2 when some do."""
    from .progress import render_summary
    from .runner import run

    def log(line: str) -> None:
        print(f"svsamverkan batch: {line}", file=sys.stderr, flush=True)

    summary = run(
        args.archive, db=args.db, workers=args.workers, engine=args.engine, scheduler=args.scheduler,
        parquet=args.parquet, jsonl=args.jsonl, max_bytes=args.max_bytes, max_pages=args.max_pages,
        timeout_per_file=args.timeout_per_file, retry_errors=args.retry_errors, force=args.force,
        prune=args.prune, verify_hashes=args.verify_hashes, commit_every=args.commit_every,
        pipeline_factory=args.pipeline, progress=not args.quiet and sys.stderr.isatty(),
        log=log if args.verbose else None,
    )
    if args.json:
        print(json.dumps(summary.to_dict(), ensure_ascii=False, indent=2))
    elif not args.quiet:
        render_summary(summary.to_dict())
    return EXIT_PARTIAL if summary.totals.get("errors_by_code") else EXIT_OK
