"""The tables a batch run writes, defined once: DuckDB DDL, Arrow types and docs come from here.

Every table but ``runs`` and ``errors`` is keyed by ``doc_id`` (16 hex digits of the
archive-relative path, see :func:`svsamverkan.batch.version.doc_id_for`). No
constraints are declared: the writer keeps one row set per document by deleting
and inserting in one transaction, and ``tests/test_batch.py`` checks it.

>>> [c.name for c in TABLES["organisations"]]
['doc_id', 'organisation', 'sector', 'n_participants']
>>> create_table_sql("mentions").splitlines()[0]
'CREATE TABLE IF NOT EXISTS mentions ('
"""

from __future__ import annotations

from dataclasses import dataclass

import pyarrow as pa

DB_SCHEMA_VERSION = "1"
"""Bumped when a table changes shape; an older database is refused with a clear error."""


@dataclass(frozen=True, slots=True)
class Column:
    """One column: name, DuckDB type and what it holds."""

    name: str
    type: str
    doc: str


def _c(name: str, type_: str, doc: str) -> Column:
    return Column(name, type_, doc)


_DOC_ID = _c("doc_id", "VARCHAR", "document id (16 hex digits of SHA-1 of `path`)")
_SECTION_DOC = "score in [0, 1] for the guideline section {} (NULL when no classifier ran)"

TABLES: dict[str, tuple[Column, ...]] = {
    "runs": (
        _c("run_id", "INTEGER", "run number, 1, 2, ..."),
        _c("started_at", "TIMESTAMP", "when the run started (UTC)"),
        _c("finished_at", "TIMESTAMP", "when it finished (NULL while running or when killed)"),
        _c("status", "VARCHAR", "running, finished or interrupted (a killed run is marked at the next start)"),
        _c("archive", "VARCHAR", "absolute path of the archive folder"),
        _c("pipeline_version", "VARCHAR", "svsamverkan version + hash of models/"),
        _c("engine", "VARCHAR", "local or dask"),
        _c("workers", "INTEGER", "worker processes (local) or worker threads (dask)"),
        _c("files_seen", "INTEGER", "files found in the archive"),
        _c("files_analysed", "INTEGER", "documents analysed and stored in this run"),
        _c("files_unchanged", "INTEGER", "files skipped: same content hash and pipeline version as stored"),
        _c("files_failed", "INTEGER", "files that became `errors` rows in this run"),
        _c("files_missing", "INTEGER", "stored paths no longer in the archive"),
        _c("pages", "BIGINT", "pages analysed in this run"),
        _c("bytes", "BIGINT", "bytes analysed in this run"),
        _c("seconds", "DOUBLE", "wall-clock seconds of the run"),
        _c("options", "VARCHAR", "JSON: limits and options of the run"),
    ),
    "documents": (
        _DOC_ID,
        _c("path", "VARCHAR", "path relative to the archive folder, with / separators"),
        _c("content_hash", "VARCHAR", "SHA-256 of the file's bytes"),
        _c("pipeline_version", "VARCHAR", "pipeline version that produced the rows"),
        _c("run_id", "INTEGER", "run that stored the rows"),
        _c("analysed_at", "TIMESTAMP", "when the analysis finished (UTC)"),
        _c("size_bytes", "BIGINT", "file size"),
        _c("mtime_ns", "BIGINT", "file modification time (ns since the epoch)"),
        _c("format", "VARCHAR", "file format (txt, md, pdf, docx, pptx, html, srt, vtt)"),
        _c("kind", "VARCHAR", "document kind (minutes, transcript, slides, article, abstract, guideline, other)"),
        _c("kind_confidence", "DOUBLE", "confidence of `kind`"),
        _c("language", "VARCHAR", "sv, en or und (undetermined), from function words"),
        _c("date", "DATE", "meeting date, else document date, when it is an ISO date"),
        _c("meeting_name", "VARCHAR", "name of the meeting (minutes)"),
        _c("meeting_date", "VARCHAR", "meeting date as found"),
        _c("meeting_place", "VARCHAR", "meeting place"),
        _c("document_date", "VARCHAR", "date of the document as found"),
        _c("n_chars", "INTEGER", "characters of the original text"),
        _c("n_tokens", "INTEGER", "word tokens of the original text"),
        _c("n_pages", "INTEGER", "pages/slides (1 for formats without pages)"),
        _c("n_paragraphs", "INTEGER", "paragraphs"),
        _c("n_participants", "INTEGER", "participants"),
        _c("n_decisions", "INTEGER", "decisions"),
        _c("n_edits", "INTEGER", "repair edits that changed text"),
        _c("damage_level", "DOUBLE", "share of word tokens of the original text that repair changed"),
        _c("coverage_struktur", "DOUBLE", "share of text labelled struktur (NULL without classifier)"),
        _c("coverage_tidiga_insatser", "DOUBLE", "share of text labelled tidiga_insatser"),
        _c("coverage_delaktighet", "DOUBLE", "share of text labelled delaktighet"),
        _c("coverage_samhallsvard", "DOUBLE", "share of text labelled samhallsvard"),
        _c("top_theme", "VARCHAR", "best theme label"),
        _c("seconds", "DOUBLE", "seconds the analysis took"),
        _c("missing_since", "TIMESTAMP", "set when the file is no longer in the archive (NULL while present)"),
    ),
    "texts": (
        _DOC_ID,
        _c("original_text", "VARCHAR", "text as read"),
        _c("text", "VARCHAR", "repaired text"),
    ),
    "analyses": (
        _DOC_ID,
        _c("analysis", "VARCHAR", "the full analysis JSON (docs/analysis.schema.json) without its two texts"),
    ),
    "pages": (
        _DOC_ID,
        _c("page", "INTEGER", "page, slide or cue-block number"),
        _c("start_char", "INTEGER", "start offset in the original text"),
        _c("end_char", "INTEGER", "end offset in the original text"),
        _c("title", "VARCHAR", "slide title"),
        _c("ocr", "BOOLEAN", "text came from OCR"),
    ),
    "participants": (
        _DOC_ID,
        _c("participant_idx", "INTEGER", "position in the document's participant list"),
        _c("name", "VARCHAR", "person's name"),
        _c("role", "VARCHAR", "role or title"),
        _c("organisation", "VARCHAR", "organisation"),
        _c("sector", "VARCHAR", "sector of the organisation"),
        _c("present", "BOOLEAN", "present at the meeting (NULL when the document does not say)"),
        _c("confidence", "DOUBLE", "extraction confidence"),
        _c("n_mentions", "INTEGER", "mentions of the person"),
    ),
    "mentions": (
        _DOC_ID,
        _c("participant_idx", "INTEGER", "participant mentioned (joins `participants`)"),
        _c("mention_idx", "INTEGER", "position among the participant's mentions"),
        _c("text", "VARCHAR", "mention as written"),
        _c("start_char", "INTEGER", "start offset in the original text"),
        _c("end_char", "INTEGER", "end offset in the original text"),
    ),
    "organisations": (
        _DOC_ID,
        _c("organisation", "VARCHAR", "organisation of one or more participants"),
        _c("sector", "VARCHAR", "its sector (NULL when unknown)"),
        _c("n_participants", "INTEGER", "participants from it in the document"),
    ),
    "decisions": (
        _DOC_ID,
        _c("decision_idx", "INTEGER", "position in the document"),
        _c("type", "VARCHAR", "beslut, uppdrag, bordlagd, information, uppfoljning or rekommendation"),
        _c("text", "VARCHAR", "decision text"),
        _c("item", "VARCHAR", "agenda item"),
        _c("responsible", "VARCHAR", "who is responsible"),
        _c("deadline", "VARCHAR", "deadline as found"),
        _c("start_char", "INTEGER", "start offset in the original text"),
        _c("end_char", "INTEGER", "end offset in the original text"),
    ),
    "themes": (
        _DOC_ID,
        _c("rank", "INTEGER", "1 = best theme of the document"),
        _c("label", "VARCHAR", "theme label"),
        _c("score", "DOUBLE", "theme score"),
        _c("vocabulary_id", "VARCHAR", "id in the theme vocabulary"),
        _c("n_spans", "INTEGER", "text spans supporting the theme"),
        _c("spans", "VARCHAR", "JSON list of [start, end] offsets in the original text"),
    ),
    "paragraphs": (
        _DOC_ID,
        _c("paragraph_idx", "INTEGER", "position in the document"),
        _c("start_char", "INTEGER", "start offset in the original text"),
        _c("end_char", "INTEGER", "end offset in the original text"),
        _c("text", "VARCHAR", "repaired paragraph text"),
        _c("labels", "VARCHAR[]", "section labels of the paragraph"),
        _c("struktur", "DOUBLE", _SECTION_DOC.format("struktur")),
        _c("tidiga_insatser", "DOUBLE", _SECTION_DOC.format("tidiga_insatser")),
        _c("delaktighet", "DOUBLE", _SECTION_DOC.format("delaktighet")),
        _c("samhallsvard", "DOUBLE", _SECTION_DOC.format("samhallsvard")),
    ),
    "edits": (
        _DOC_ID,
        _c("edit_idx", "INTEGER", "position in the document"),
        _c("start_char", "INTEGER", "start offset of `before` in the original text"),
        _c("end_char", "INTEGER", "end offset in the original text"),
        _c("before", "VARCHAR", "original text"),
        _c("after", "VARCHAR", "repaired text"),
        _c("step", "VARCHAR", "repair step"),
        _c("confidence", "DOUBLE", "confidence of the edit"),
        _c("undecided", "BOOLEAN", "a reported undecided word (before = after)"),
        _c("alternatives", "VARCHAR[]", "other candidates considered"),
    ),
    "errors": (
        _c("path", "VARCHAR", "path relative to the archive folder"),
        _DOC_ID,
        _c("content_hash", "VARCHAR", "SHA-256 of the file's bytes"),
        _c("pipeline_version", "VARCHAR", "pipeline version that failed on it"),
        _c("run_id", "INTEGER", "run that recorded the failure"),
        _c("failed_at", "TIMESTAMP", "when (UTC)"),
        _c("size_bytes", "BIGINT", "file size"),
        _c("mtime_ns", "BIGINT", "file modification time (ns since the epoch)"),
        _c("stage", "VARCHAR", "scan, read, analyse, timeout or crash"),
        _c("code", "VARCHAR", "error code (see svsamverkan.errors.ERROR_CODES)"),
        _c("reason", "VARCHAR", "what went wrong"),
        _c("hint", "VARCHAR", "what to do about it"),
        _c("missing_since", "TIMESTAMP", "set when the file is no longer in the archive"),
    ),
}

DOCUMENT_TABLES: tuple[str, ...] = tuple(t for t in TABLES if t not in {"runs", "errors"})
"""Tables holding one document's row set (all keyed by ``doc_id``)."""

CHILD_TABLES: tuple[str, ...] = tuple(t for t in DOCUMENT_TABLES if t != "documents")

_ARROW: dict[str, pa.DataType] = {
    "VARCHAR": pa.string(),
    "INTEGER": pa.int32(),
    "BIGINT": pa.int64(),
    "DOUBLE": pa.float64(),
    "BOOLEAN": pa.bool_(),
    "TIMESTAMP": pa.timestamp("us"),
    "DATE": pa.date32(),
    "VARCHAR[]": pa.list_(pa.string()),
}


def arrow_schema(table: str) -> pa.Schema:
    """The Arrow schema of a table (used to insert rows in bulk).

    >>> arrow_schema("texts").names
    ['doc_id', 'original_text', 'text']
    """
    return pa.schema([(c.name, _ARROW[c.type]) for c in TABLES[table]])


def column_names(table: str) -> tuple[str, ...]:
    """The column names of a table, in order."""
    return tuple(c.name for c in TABLES[table])


def create_table_sql(table: str) -> str:
    """``CREATE TABLE IF NOT EXISTS`` for one table."""
    cols = ",\n".join(f'    "{c.name}" {c.type}' for c in TABLES[table])
    return f"CREATE TABLE IF NOT EXISTS {table} (\n{cols}\n)"
