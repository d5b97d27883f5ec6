"""The ``svsamverkan`` command line.

    svsamverkan repair [FILE|-] [--explain]
    svsamverkan analyze FILE... [--format json|jsonl|md] [--out DIR] [--kind KIND]
    svsamverkan classify [FILE|-]
    svsamverkan batch ARCHIVE_DIR --db results.duckdb
    svsamverkan series MINUTES...
    svsamverkan serve [--host H] [--port P]

Errors go to stderr with a non-zero exit code; ``--debug`` shows tracebacks.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from ._version import __version__
from .errors import SvsamverkanError

EXIT_OK, EXIT_ERROR, EXIT_PARTIAL = 0, 1, 2


def _read_input(arg: str) -> tuple[str, str]:
    """Read FILE or stdin ('-') as text; returns (source, text)."""
    if arg == "-":
        return "<stdin>", sys.stdin.read()
    from .readers import read

    r = read(arg)
    return r.source, r.text


def _dump(obj: Any, *, indent: int | None = 2) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=indent)


def cmd_repair(args: argparse.Namespace) -> int:
    from .repair import repair

    _, text = _read_input(args.file)
    result = repair(text)
    if args.explain:
        print(_dump(result.to_dict()))
    else:
        sys.stdout.write(result.text)
    return EXIT_OK


def cmd_analyze(args: argparse.Namespace) -> int:
    from .pipeline import default_pipeline
    from .render import to_markdown

    pipe = default_pipeline()
    failures = 0
    out_dir = Path(args.out) if args.out else None
    if out_dir:
        out_dir.mkdir(parents=True, exist_ok=True)
    for f in args.files:
        try:
            if f == "-":
                analysis = pipe.analyze_text(sys.stdin.read(), source="<stdin>", kind=args.kind)
            else:
                analysis = pipe.analyze_file(f, kind=args.kind)
        except SvsamverkanError as exc:
            failures += 1
            print(f"svsamverkan: {exc}", file=sys.stderr)
            if args.debug:
                raise
            continue
        if args.format == "md":
            rendered = to_markdown(analysis)
        elif args.format == "jsonl":
            rendered = _dump(analysis.to_dict(), indent=None) + "\n"
        else:
            rendered = _dump(analysis.to_dict()) + "\n"
        if out_dir:
            stem = "stdin" if f == "-" else Path(f).stem
            suffix = {"md": ".md", "jsonl": ".jsonl", "json": ".json"}[args.format]
            target = _unique(out_dir / f"{stem}{suffix}")
            target.write_text(rendered, encoding="utf-8")
            print(f"wrote {target}", file=sys.stderr)
        else:
            sys.stdout.write(rendered)
    if failures:
        return EXIT_ERROR if failures == len(args.files) else EXIT_PARTIAL
    return EXIT_OK


def _unique(path: Path) -> Path:
    """Never overwrite a file written earlier in the same run with the same stem."""
    seen: set[Path] = _unique.__dict__.setdefault("seen", set())
    candidate, n = path, 1
    while candidate in seen:
        n += 1
        candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
    seen.add(candidate)
    return candidate


def cmd_classify(args: argparse.Namespace) -> int:
    from .classify import classify_texts
    from .errors import SvsamverkanError as _E

    stream = sys.stdin if args.file == "-" else open(args.file, encoding="utf-8")  # noqa: SIM115
    with stream:
        lines = [ln for ln in stream.read().splitlines() if ln.strip()]
    items = []
    for n, line in enumerate(lines, 1):
        try:
            obj = json.loads(line)
            text = obj["text"] if isinstance(obj, dict) else None
            if not isinstance(text, str):
                raise KeyError("text")
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise _E("E070", args.file, f"line {n} is not a JSON object with a string 'text' ({exc})") from None
        items.append(obj)
    preds = classify_texts([o["text"] for o in items])
    for obj, pred in zip(items, preds):
        out: dict[str, Any] = {"labels": list(pred.labels), "scores": pred.scores}
        if "id" in obj:
            out = {"id": obj["id"], **out}
        if args.explain:
            out["explanations"] = {k: list(v) for k, v in pred.explanations.items()}
        print(_dump(out, indent=None))
    return EXIT_OK


def cmd_series(args: argparse.Namespace) -> int:
    from .extract.series import link_series, series_to_dict
    from .pipeline import default_pipeline

    pipe = default_pipeline()
    analyses = []
    for f in args.files:
        try:
            analyses.append(pipe.analyze_file(f, kind="minutes"))
        except SvsamverkanError as exc:
            print(f"svsamverkan: {exc}", file=sys.stderr)
    if not analyses:
        return EXIT_ERROR
    print(_dump(series_to_dict(link_series(analyses))))
    return EXIT_OK if len(analyses) == len(args.files) else EXIT_PARTIAL


def cmd_serve(args: argparse.Namespace) -> int:
    from .api import serve

    serve(args.host, args.port)
    return EXIT_OK


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "repair": cmd_repair,
    "analyze": cmd_analyze,
    "classify": cmd_classify,
    "serve": cmd_serve,
    "series": cmd_series,
}


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (also used to document the CLI)."""
    p = argparse.ArgumentParser(
        prog="svsamverkan",
        description="Read Swedish samverkan documents (minutes, transcripts, slides, articles) "
        "and turn them into clean text and structured data.",
        epilog="Examples:\n  svsamverkan repair damaged.txt\n  svsamverkan analyze minutes.pdf --format md\n"
        "  echo '{\"text\": \"Vi upprättar en SIP.\"}' | svsamverkan classify -",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--version", action="version", version=f"svsamverkan {__version__}")
    p.add_argument("--debug", action="store_true", help="show full tracebacks on errors")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    r = sub.add_parser("repair", help="repair damaged Swedish text (stdout)")
    r.add_argument("file", nargs="?", default="-", help="input file or - for stdin (default)")
    r.add_argument("--explain", action="store_true", help="print the repaired text and every edit as JSON")

    a = sub.add_parser("analyze", help="analyse documents (participants, decisions, themes, sections)")
    a.add_argument("files", nargs="+", metavar="FILE", help="input files, or - for stdin")
    a.add_argument("--format", choices=["json", "jsonl", "md"], default="json")
    a.add_argument("--out", metavar="DIR", help="write DIR/<input stem>.json instead of stdout")
    a.add_argument("--kind", help="override the detected document kind (minutes, transcript, slides, ...)")

    c = sub.add_parser("classify", help="classify JSON lines {\"text\": ...} against the four sections")
    c.add_argument("file", nargs="?", default="-", help="JSON-lines file or - for stdin (default)")
    c.add_argument("--explain", action="store_true", help="add the words that decided each label")

    se = sub.add_parser("series", help="follow tabled items and assignments across minutes of one group")
    se.add_argument("files", nargs="+", metavar="FILE", help="minutes of the same group (any order)")

    s = sub.add_parser("serve", help="run the HTTP API (POST /analyze, /repair, /classify)")
    s.add_argument("--host", default="127.0.0.1")
    s.add_argument("--port", type=int, default=8765)

    for name, register in _EXTRA_SUBCOMMANDS.items():
        register(sub)
        del name
    return p


# Later modules (batch, serve) add subcommands here: name -> function(subparsers).
_EXTRA_SUBCOMMANDS: dict[str, Callable[[Any], None]] = {}


def _register_extras() -> None:
    try:
        from .batch.cli import register as register_batch

        _EXTRA_SUBCOMMANDS["batch"] = register_batch
    except ImportError:
        pass


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``svsamverkan`` command; returns the exit code.

    >>> main(["analyze", "no-such-file.txt"])
    1
    """
    _register_extras()
    parser = build_parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return EXIT_ERROR
    func = COMMANDS.get(args.command) or getattr(args, "func", None)
    try:
        return int(func(args))  # type: ignore[misc]
    except SvsamverkanError as exc:
        if args.debug:
            raise
        print(f"svsamverkan: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("svsamverkan: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # last line of defence: no traceback for users
        if args.debug:
            raise
        print(f"svsamverkan: internal error: {type(exc).__name__}: {exc} (run with --debug for details)",
              file=sys.stderr)
        return EXIT_ERROR


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
