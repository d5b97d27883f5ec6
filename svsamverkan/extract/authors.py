"""Authors, panelists and presenters: lists and blocks in abstracts, articles and slides.

* author lines: "Ingrid Ek, Karin Berg1, Ola Lund2" with footnoted affiliations
  ("1 Elevhälsan") and "Eva Ek och Ulla Berg Orust kommun, Per Lund VGR";
* panel lists: bullet lines "Name, Organisation – role";
* name and title blocks: a line with only a full name, then a title line;
* persons with a title in running text ("doktorand Mikael Ek", "Jens Berg professor i X");
* persons quoted or speaking ("sa Birgitta Ek från Temagruppen");
* first names in picture captions ("Profilbild på Lena och Frida").

>>> t = "Ingrid Ek, Karin Berg1, Ola Lund2\\n\\n1 Elevhälsan\\n2 Socialtjänsten\\n"
>>> [(c.name, c.organisation) for c in author_list_candidates(t)]
[('Ingrid Ek', None), ('Karin Berg', 'Elevhälsan'), ('Ola Lund', 'Socialtjänsten')]
"""

from __future__ import annotations

import re

from .canonical import Candidate
from .names import NAME_PART, is_first_name, is_name_token, split_person_prefix
from .organisations import find_organisations, org_starts_at
from .roles import find_role, role_at_start

_BULLET = r"^[ \t]*(?:[•\-–*·▪●◦]|\d+[.)])[ \t]+"
_SPEECH_VERBS = (
    "sa|säger|berättar|berättade|menar|menade|beskriver|beskrev|lyfter|lyfte|poängterar|poängterade|"
    "påpekar|påpekade|instämmer|instämde|tror|trodde|konstaterar|konstaterade|förklarar|förklarade|"
    "betonar|betonade|lade|lägger|frågar|frågade|svarar|svarade|inledde|inleder|avslutade|avslutar|"
    "presenterade|presenterar|modererade|modererar|föreläste|föreläser"
)
_CITED_BEFORE = re.compile(
    r"(?:fram|skriven|skrivits|författad|utgiven)\s+av\s+\w+[ \u00a0]+$|enligt\s+\S+[ \u00a0]+$"
)
"""A title right after "tagits fram av" or "enligt": the author of something cited."""
_CITED = re.compile(r"^\s*(?:\(?\d{4}\)?|et al\.?|m\.fl\.)")


def _is_full_name(s: str) -> bool:
    tokens = s.split()
    return 2 <= len(tokens) <= 4 and is_first_name(tokens[0]) and all(is_name_token(t) for t in tokens[1:])


def _footnote_defs(text: str) -> list[tuple[int, str, str]]:
    """Affiliation footnotes ``(offset, mark, text)``: lines "1 Elevhälsan" or "¹ Elevhälsan"."""
    pattern = r"^[ \t]*([1-9¹²³⁴⁵⁶⁷⁸⁹])[ \t]+([A-ZÅÄÖ][^\n]{1,100})$"
    return [(m.start(), m.group(1).translate(_SUP), m.group(2).strip()) for m in re.finditer(pattern, text, re.M)]


def _notes_at(defs: list[tuple[int, str, str]], at: int) -> dict[str, str]:
    """What each mark means for an author line at offset ``at``.

    Numbering restarts in every abstract of a collection, so a mark means the first
    definition after the author line, else the last one before it.

    >>> _notes_at([(0, "1", "Skolan"), (9, "1", "BUP")], at=5)
    {'1': 'BUP'}
    """
    after: dict[str, str] = {}
    before: dict[str, str] = {}
    for pos, mark, note in defs:
        if pos >= at:
            after.setdefault(mark, note)
        else:
            before[mark] = note
    return {**before, **after}


_SUP = str.maketrans("¹²³⁴⁵⁶⁷⁸⁹", "123456789")


def author_list_candidates(text: str) -> list[Candidate]:
    """Persons in author lines (two or more names, or one name with a footnote mark)."""
    defs = _footnote_defs(text)
    out: list[Candidate] = []
    for lm in re.finditer(r"[^\n]*", text):
        line = lm.group(0).strip()
        if not line:
            continue
        notes = _notes_at(defs, lm.start()) if defs and re.search(r"\w[1-9¹²³⁴⁵⁶⁷⁸⁹]", line) else {}
        if not line or len(line) > 300 or (line.endswith((".", "?", "!", ":")) and not line.endswith(" m.fl.")):
            continue
        groups = [g.strip() for g in re.split(r"\s*[,;]\s*", line) if g.strip()]
        found: list[Candidate] = []
        ok = True
        for g in groups:
            people = [p for p in re.split(r"\s+(?:och|&)\s+", g) if p]
            names: list[tuple[str, str | None]] = []
            org: str | None = None
            for p in people:
                m = re.match(
                    rf"^({NAME_PART}(?:\s+{NAME_PART}){{1,3}})([1-9¹²³⁴⁵⁶⁷⁸⁹](?:[,][1-9])*)?(?:\s+(.*))?$", p
                )
                if m is None:
                    break
                split = split_person_prefix(m.group(1) + (" " + m.group(3) if m.group(3) else ""), strict=False)
                if split is None:
                    break
                name, rest = split
                name = re.sub(r"\d+$", "", name).strip()
                mark = re.search(r"([1-9])(?:\s|$)", p.translate(_SUP))
                note = notes.get(mark.group(1)) if mark and m.group(2) else None
                rest = re.sub(r"^\d+\s*", "", rest).strip()
                if rest:
                    org = rest
                names.append((name, note))
            else:
                if not names:
                    ok = False
                    break
                for name, note in names:
                    found.append(Candidate(name, organisation=note or org, source="authors", confidence=0.85))
                continue
            if found and org_starts_at(g):
                found[-1] = Candidate(found[-1].name, organisation=g, source="authors", confidence=0.85)
                continue
            ok = False
            break
        has_marks = bool(re.search(rf"{NAME_PART}[1-9¹²³⁴⁵⁶⁷⁸⁹]\b", line))
        known = sum(is_first_name(c.name.split()[0]) for c in found)
        if ok and ((len(found) >= 2 and (known >= 2 or has_marks)) or (found and has_marks and known)):
            out.extend(found)
    return out


def panel_candidates(text: str) -> list[Candidate]:
    """Persons in bullet lists "Name, Organisation – role".

    >>> [(c.name, c.organisation) for c in panel_candidates("• Anna Ek, barnrättsorganisationen BRIS\\n")]
    [('Anna Ek', 'barnrättsorganisationen BRIS')]
    """
    out: list[Candidate] = []
    for m in re.finditer(_BULLET + r"([^\n]+)$", text, re.M):
        item = m.group(1).strip()
        split = split_person_prefix(item)
        if split is None and re.match(rf"{NAME_PART}[ \u00a0]+{NAME_PART}[ \u00a0]*(?:,|[–—][ \u00a0])", item):
            split = split_person_prefix(item, strict=False)
        if split is None:
            continue
        name, rest = split
        rest = rest.strip(" ,").lstrip("–—- ").strip()
        rest = re.split(r"\s+[–—-]\s+(?:från|from)\s", rest)[0].strip()
        role = None
        parts = [p.strip() for p in re.split(r"\s+[–—]\s+", rest) if p.strip()]
        org = parts[0] if parts else None
        if org and role_at_start(org):
            head, _, tail = org.partition(",")
            role, org = head.strip(), (tail.strip() or None)
        if len(parts) > 1 and role is None and role_at_start(parts[1]):
            role = parts[1]
        if org is None and role is None and len(item.split()) > 4:
            continue
        out.append(Candidate(name, role=role, organisation=org, source="panel", confidence=0.85))
    return out


def _name_role_line(line: str) -> Candidate | None:
    """A short line "Anna Ek, utvecklingsledare, FoU Väst" or "Anna Ek – rektor" (no sentence)."""
    if len(line.split()) > 14 or line.endswith((".", "?", "!")):
        return None
    m = re.match(rf"({NAME_PART}(?:\s+{NAME_PART}){{1,2}})\s*(?:,|\s[–—]\s)\s*(.+)$", line)
    if m is None or not _is_full_name(m.group(1)):
        return None
    rest = m.group(2).strip()
    role = role_at_start(rest)
    if role is None:
        return None
    parts = [p.strip(" :") for p in re.split(r"\s*,\s*|\s[–—]\s", rest) if p.strip(" :")]
    head_role, head_org = role_org_after(parts[0])
    orgs = [head_org] if head_org else []
    orgs += [p for p in parts[1:] if p[:1].isupper() or find_organisations(p)]
    return Candidate(
        m.group(1), role=head_role or parts[0], organisation=", ".join(orgs) or None, source="title_block",
        confidence=0.8,
    )


def name_title_blocks(text: str) -> list[Candidate]:
    """A line holding only a full name, with a title line right after (blank lines allowed).

    >>> [(c.name, c.role) for c in name_title_blocks("Anna Ek\\n\\nRektor Ale skola\\n")]
    [('Anna Ek', 'Rektor Ale skola')]
    """
    lines = text.splitlines()
    out: list[Candidate] = []
    for i, line in enumerate(lines):
        name = re.sub(r"[*_#]+", "", line).strip()
        one_line = _name_role_line(name)
        if one_line is not None:
            out.append(one_line)
            continue
        if not _is_full_name(name):
            continue
        nxt = [re.sub(r"[*_#]+", "", ln).strip() for ln in lines[i + 1 : i + 4] if ln.strip()]
        if not nxt:
            continue
        title = nxt[0]
        if len(title) > 120 or not role_at_start(title):
            continue
        role, org = title, None
        if "," in title:
            head, tail = title.split(",", 1)
            if find_organisations(tail) or org_starts_at(tail.strip()):
                role, org = head.strip(), tail.strip()
        out.append(Candidate(name, role=role, organisation=org, source="title_block", confidence=0.85))
    return out


_ORG_AFTER = r"(?:på|vid|hos|från|inom)\s+([^,.;:]{2,70})"


def _trim_org(org: str) -> str:
    org = re.split(r"[ \u00a0]+(?:" + _SPEECH_VERBS + r"|och|som|under|har|hade|är|var)\b", org)[0]
    return org.strip(" ,.;:")


def role_org_after(after: str) -> tuple[str | None, str | None]:
    """Role and organisation right after a name: ", kurator på elevhälsan i Ale kommun".

    >>> role_org_after(", skolsköterska på Götaskolan i Gnosjö kommun, säger")
    ('skolsköterska', 'Götaskolan i Gnosjö kommun')
    >>> role_org_after(" på socialtjänsten i Gnosjö säger att")
    (None, 'socialtjänsten i Gnosjö')
    """
    m = re.match(r"[ \u00a0]*,?[ \u00a0]*(.*)", after, re.S)
    rest = m.group(1) if m else after
    role = None
    r = role_at_start(rest)
    if r:
        role = find_role(rest)
        rest = rest[len(role or ""):].lstrip()
    om = re.match(_ORG_AFTER, rest)
    org = _trim_org(re.sub(r"\s+", " ", om.group(1))) if om else None
    if role is None and org is None:
        return None, None
    return role, org or None


def byline_candidates(text: str) -> list[Candidate]:
    """The writer of an article: "Text: Emma Lund", "Av: Emma Lund".

    >>> [c.name for c in byline_candidates("Brödtext.\\nText: Emma Lund\\n")]
    ['Emma Lund']
    """
    out: list[Candidate] = []
    label = r"(?:Text(?: och foto)?|Av|Skribent|Reporter)"
    pattern = rf"^[ \t]*{label}[ \t]*:[ \t]*({NAME_PART}(?:[ \t]+{NAME_PART}){{1,2}})"
    for m in re.finditer(pattern, text, re.M):
        split = split_person_prefix(m.group(1) + " x", strict=False)
        if split:
            out.append(Candidate(split[0], source="byline", confidence=0.8))
    return out


def titled_mentions(text: str) -> list[Candidate]:
    """Persons named with a title in running text: "doktorand Mikael Ek", "Jens Berg professor i X".

    >>> [(c.name, c.role) for c in titled_mentions("Vi samarbetar med doktorand Mikael Ek.")]
    [('Mikael Ek', 'doktorand')]
    """
    out: list[Candidate] = []
    for m in re.finditer(NAME_PART, text):
        if not is_first_name(m.group(0)) or (m.start() > 0 and text[m.start() - 1] == "-"):
            continue
        split = split_person_prefix(text[m.start(): m.start() + 80].split("\n")[0])
        if split is None:
            continue
        name = split[0]
        end = m.start() + len(name)
        after = text[end: end + 80]
        if _CITED.match(after):
            continue
        before = text[max(0, m.start() - 40): m.start()]
        if re.search(_CITED_BEFORE, before):
            continue  # the author of something cited
        role = None
        rb = re.search(r"(?:^|([.!?:\n–-])[ \u00a0]*|[ \u00a0])(\w[\w-]*)[ \u00a0]+$", before)
        if rb and role_at_start(rb.group(2)) and (rb.group(2).islower() or rb.group(1) or rb.start(2) == 0):
            role = rb.group(2)
        copula = re.search(r"(?:^|[.!?\n][ \u00a0]*)(\w[\w-]*)[ \u00a0]+(?:var|är|blir|blev)[ \u00a0]+$", before)
        if role is None and copula and role_at_start(copula.group(1)):
            role = copula.group(1)  # "Moderator var Lisa Ek"
        after_role, after_org = role_org_after(after)
        role = role or after_role
        if role is None:
            continue
        org = after_org
        ob = re.search(r"([^,.\n]{3,60}),[ \u00a0]*$", before)
        if org is None and ob and (find_organisations(ob.group(1)) or org_starts_at(ob.group(1).strip())):
            orgs = find_organisations(ob.group(1))
            org = orgs[-1][2] if orgs else ob.group(1).strip()
            pre = re.search(r"([A-ZÅÄÖ]\w+[ \u00a0]+" + re.escape(org) + ")$", ob.group(1))
            if pre and org[:1].isupper():
                org = pre.group(1)
        out.append(Candidate(name, role=role, organisation=org, source="titled", confidence=0.75))
    return out


def quoted_candidates(text: str) -> list[Candidate]:
    """Persons who speak in an article: "sa Anna Ek", "Anna Ek, från BRIS, beskrev ...".

    >>> [c.name for c in quoted_candidates("– Vi behöver mer, sa Birgitta Östling från Temagruppen.")]
    ['Birgitta Östling']
    """
    full = rf"{NAME_PART}(?:[ \u00a0]+{NAME_PART}){{1,2}}"
    out: list[Candidate] = []
    pats = (
        rf"\b(?:{_SPEECH_VERBS})[ \u00a0]+({full})",
        rf"({full})(?:,?[ \u00a0]+(?:från|på|vid)[ \u00a0]+[^,.\n]{{2,60}},?)?[ \u00a0]+(?:{_SPEECH_VERBS})\b",
    )
    for pat in pats:
        for m in re.finditer(pat, text):
            split = split_person_prefix(m.group(1) + " x")
            if split is None:
                continue
            name = split[0]
            role, org = role_org_after(text[m.start(1) + len(name): m.start(1) + len(name) + 120])
            out.append(Candidate(name, role=role, organisation=org, present=True, source="quoted", confidence=0.7))
    return out


def caption_first_names(text: str) -> list[Candidate]:
    """First names listed alone in short caption lines ("Profilbild på Lena och Frida").

    >>> [c.name for c in caption_first_names("frida och lena\\n")]
    ['Frida', 'Lena']
    """
    out: list[Candidate] = []
    for line in text.splitlines():
        s = re.sub(_BULLET, "", line).strip()
        if not s or len(s.split()) > 6:
            continue
        m = re.fullmatch(r"(?:(?:[Bb]ild|[Pp]rofilbild|[Ff]oto)\s+(?:på|av)\s+)?(\w+)\s+(?:och|&)\s+(\w+)", s)
        if not m:
            continue
        names = [m.group(1), m.group(2)]
        if all(is_first_name(n.capitalize()) for n in names):
            out.extend(Candidate(n.capitalize(), source="caption", confidence=0.5) for n in names)
    return out
