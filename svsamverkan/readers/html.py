"""HTML pages via BeautifulSoup and lxml: the main text, without the page chrome.

The reader keeps ``<article>`` (the one with most text), else ``<main>``, else
the body; it drops navigation, page headers and footers, asides, forms, scripts
and cookie banners. Headings and paragraphs become blocks separated by a blank
line, list items "- " lines, tables tab-separated rows.

>>> html_to_text("<nav>Meny</nav><article><h1>Rubrik</h1><p>Text  här.</p>"
...              "<ul><li>ett</li><li>två</li></ul></article>")
('Rubrik\\n\\nText här.\\n\\n- ett\\n- två', ())
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ..errors import ReadError
from ..model import Table
from .base import DEFAULT_MAX_BYTES, ReadResult, read_limited

DROP_TAGS: tuple[str, ...] = (
    "script", "style", "noscript", "template", "nav", "aside", "form", "iframe", "svg", "button",
    "select", "input", "dialog", "canvas", "video", "audio", "object", "embed", "head",
)
PAGE_CHROME_TAGS: tuple[str, ...] = ("header", "footer")
"""Dropped unless inside the article (an article's own header holds its title)."""

CHROME_PATTERN = re.compile(
    r"cookie|consent|gdpr|banner|breadcrumb|skip-?link|share|social|newsletter|sidebar|site-?nav|menu|popup|modal",
    re.IGNORECASE,
)
BLOCK_TAGS = frozenset({
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table", "div", "section", "article", "main",
    "blockquote", "figure", "figcaption", "dl", "dt", "dd", "pre", "address", "header", "footer", "hr",
    "details", "summary", "body", "html",
})
LEAF_BLOCKS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "figcaption", "dt", "dd", "pre", "address",
                         "summary"})


def read_html(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> ReadResult:
    """Read an .html/.htm file. Errors: E003 empty or no text, E030 broken.

    >>> import tempfile
    >>> page = Path(tempfile.mkdtemp()) / "nyhet.html"
    >>> _ = page.write_text("<article><h1>Barnens röst</h1><p>Text.</p></article>", encoding="utf-8")
    >>> r = read_html(page)
    >>> r.text, r.kind_hint
    ('Barnens röst\\n\\nText.', 'article')
    """
    source = str(path)
    data = read_limited(path, max_bytes)
    if not data.strip():
        raise ReadError("E003", source, "the file is empty")
    if b"\x00" in data[:65536] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ReadError("E030", source, "not an HTML file (it contains binary data)")
    try:
        soup = _parse(data)
        if soup.find(True) is None:
            raise ReadError("E030", source, "no HTML elements found")
        title = _title(soup)
        has_article = soup.find("article") is not None
        text, tables = _soup_to_text(soup)
    except ReadError:
        raise
    except Exception as exc:
        raise ReadError("E030", source, f"broken HTML ({type(exc).__name__}: {str(exc)[:160]})") from None
    if not text.strip():
        raise ReadError("E003", source, "the page contains no main text")
    metadata: dict[str, Any] = {"title": title} if title else {}
    return ReadResult(source=source, format="html", text=text, tables=tables,
                      kind_hint="article" if has_article else None, metadata=metadata)


def _parse(data: bytes | str) -> Any:
    from bs4 import BeautifulSoup

    return BeautifulSoup(data, "lxml")


def html_to_text(html: str) -> tuple[str, tuple[Table, ...]]:
    """The main text of an HTML string and its tables (offsets into that text)."""
    return _soup_to_text(_parse(html))


def _title(soup: Any) -> str | None:
    meta = soup.find("meta", attrs={"property": "og:title"})
    if meta is not None and meta.get("content"):
        return " ".join(str(meta["content"]).split())
    if soup.title is not None and soup.title.get_text(strip=True):
        return " ".join(soup.title.get_text().split())
    h1 = soup.find("h1")
    return " ".join(h1.get_text().split()) if h1 is not None else None


def _soup_to_text(soup: Any) -> tuple[str, tuple[Table, ...]]:
    for tag in soup.find_all(DROP_TAGS):
        tag.decompose()
    for tag in soup.find_all(PAGE_CHROME_TAGS):
        if not tag.decomposed and tag.find_parent("article") is None:
            tag.decompose()
    for tag in soup.find_all(_is_chrome):
        if not tag.decomposed:
            tag.decompose()
    root = _main_root(soup)
    blocks: list[str | tuple[tuple[str, ...], ...]] = []
    page_h1 = soup.find("h1")
    if root.find("h1") is None and page_h1 is not None:  # the title often sits above <main>
        blocks.append(_inline_text(page_h1))
    _walk(root, blocks, [])
    return _assemble(blocks)


def _is_chrome(tag: Any) -> bool:
    """Navigation, banners and the like, found by role, id or class.

    An element that holds the article, the main content or the page's h1 is never chrome.
    """
    if tag.name in ("html", "body", "article", "main"):
        return False
    attrs = getattr(tag, "attrs", None) or {}
    classes = attrs.get("class", []) or []
    names = " ".join([str(attrs.get("id", "")), " ".join(classes) if isinstance(classes, list) else str(classes)])
    is_chrome = attrs.get("role") in ("navigation", "banner", "contentinfo", "complementary", "search") or bool(
        CHROME_PATTERN.search(names)
    )
    return is_chrome and tag.find(("article", "main", "h1")) is None


def _main_root(soup: Any) -> Any:
    articles = soup.find_all("article")
    if articles:
        return max(articles, key=lambda a: len(a.get_text(" ", strip=True)))
    for candidate in (soup.find("main"), soup.find(attrs={"role": "main"}), soup.body):
        if candidate is not None:
            return candidate
    return soup


def _walk(node: Any, blocks: list[Any], inline: list[str]) -> None:
    """Append blocks (strings or table rows) for ``node``'s children."""
    from bs4 import NavigableString, Tag
    from bs4.element import Comment

    for child in node.children:
        if isinstance(child, Comment):
            continue
        if isinstance(child, NavigableString):
            inline.append(str(child))
            continue
        if not isinstance(child, Tag):
            continue
        name = child.name
        if name == "br":
            inline.append("\n")
        elif name not in BLOCK_TAGS and name != "li":
            _walk(child, blocks, inline)
        else:
            _flush(inline, blocks)
            if name in LEAF_BLOCKS:
                blocks.append(_inline_text(child))
            elif name in ("ul", "ol"):
                blocks.append("\n".join(_list_lines(child, 0)))
            elif name == "li":
                blocks.append("- " + _inline_text(child))
            elif name == "table":
                blocks.append(_table_rows(child))
            else:
                _walk(child, blocks, inline)
                _flush(inline, blocks)


def _flush(inline: list[str], blocks: list[Any]) -> None:
    text = _normalise("".join(inline))
    inline.clear()
    if text:
        blocks.append(text)


def _normalise(text: str) -> str:
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return "\n".join(line for line in lines if line)


def _inline_text(tag: Any) -> str:
    parts: list[str] = []
    for piece in tag.descendants:
        if getattr(piece, "name", None) in ("br", "p", "div"):
            parts.append("\n")
        elif isinstance(piece, str) and not _in_nested_list(piece, tag):
            from bs4.element import Comment

            if not isinstance(piece, Comment):
                parts.append(str(piece))
    return _normalise("".join(parts))


def _in_nested_list(piece: Any, top: Any) -> bool:
    parent = piece.parent
    while parent is not None and parent is not top:
        if parent.name in ("ul", "ol"):
            return True
        parent = parent.parent
    return False


def _list_lines(lst: Any, depth: int) -> list[str]:
    lines = []
    for li in lst.find_all("li", recursive=False):
        text = _inline_text(li).replace("\n", " ")
        if text:
            lines.append("  " * depth + "- " + text)
        for sub in li.find_all(("ul", "ol")):
            if sub.find_parent("li") is li:
                lines.extend(_list_lines(sub, depth + 1))
    return lines


def _table_rows(table: Any) -> tuple[tuple[str, ...], ...]:
    rows = []
    for tr in table.find_all("tr"):
        if tr.find_parent("table") is not table:
            continue
        cells = tuple(" ".join(c.get_text(" ").split()) for c in tr.find_all(("td", "th")))
        if any(cells):
            rows.append(cells)
    return tuple(rows)


def _assemble(blocks: list[Any]) -> tuple[str, tuple[Table, ...]]:
    parts: list[str] = []
    tables: list[Table] = []
    offset = 0
    pending_list = False
    for block in blocks:
        is_table = isinstance(block, tuple)
        text = "\n".join("\t".join(row) for row in block) if is_table else block
        if not text:
            continue
        is_item = not is_table and text.startswith("- ") and "\n" not in text
        sep = ("\n" if is_item and pending_list else "\n\n") if parts else ""
        parts.append(sep + text)
        start = offset + len(sep)
        offset = start + len(text)
        if is_table:
            tables.append(Table(rows=block, start=start, end=offset))
        pending_list = is_item
    return "".join(parts), tuple(tables)
