"""Code articles: "Article 99", "Articles 120 and 121", "Art. 205.1", "Part 3 of Article 65",
"Section 364(2)", "clause 101(2)", "67th article of law for ...", each tied to its code.

The code is the one named right after the number ("of the Criminal Code", "of the PPC",
"of the principal Act", "of law for X"), else a code named in the same sentence, else the
code the document named last. The number is kept as printed without its part or
subsection ("364(2)" -> "364"). The offense is read when the text ties one: "(Article 99)"
after "murder of a minor", "Article 125 ..., which covers “Kidnapping.”".

Article mentions are left in ``ctx.notes["article_mentions"]`` for penalties and events.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from .. import iris
from .gazetteers import fold
from .legal_common import CODE_RE, canonical_code, find_country, main_country, sentence_index
from .model import Code, CodeArticle

__all__ = ["ArticleMention", "find_article_mentions", "extract_articles"]

# "Article 112 Bis", "Article 5 ter": the Latin suffixes of inserted articles are part of the number
_NUM = (r"(?<![\d.])\d{1,5}(?:[.\-‑]\d{1,4}){0,3}(?:-?[A-Z](?![A-Za-z]))?(?!\d)"
        r"(?:\s(?:[Bb]is|[Tt]er|[Qq]uater|[Qq]uinquies|[Ss]exies)\b)?(?:\s?\([0-9a-z]{1,4}\)){0,3}")
_KW = r"(?:Articles?|ARTICLES?|articles?|Arts?\.|Sections?|SECTIONS?|sections?|Secs?\.|§§?|[Cc]lauses?|[Pp]aragraphs?)"
_PART = r"(?:(?:[Pp]art|[Pp]aragraph|[Cc]lause|[Ii]tem|[Pp]oint|[Ss]ub-?(?:section|paragraph|clause))\s+\d{1,3}(?:\s?\([0-9a-z]{1,3}\))?\s+of\s+)?"
_ARTICLE = re.compile(
    rf"{_PART}(?:the\s+)?(?P<kw>{_KW})\s?(?P<nums>{_NUM}(?:\s*(?:,|and|&|or|through|to)\s*(?:{_KW}\s?)?{_NUM}){{0,12}})")
_ORDINAL = re.compile(
    r"(?P<num>\d{1,4})(?:st|nd|rd|th)\s+(?:article|section)\s+of\s+(?:the\s+)?(?P<code>[^,.;:()]{3,90}?)"
    r"(?=\s*(?:[,.;:()]|\band\s+\d{1,4}(?:st|nd|rd|th)\b|$))", re.I)
_ONE_NUM = re.compile(_NUM)
_DIGIT = re.compile(r"\d")
_SUB = re.compile(r"\s?\([0-9a-z]{1,4}\)")
# what may follow the number and name the code
_OF_CODE = re.compile(
    r"\s*(?:,\s*)?(?:(?:of|under|in|to)\s+)(?:the\s+)?(?:(?:current|existing|new|same|said|relevant)\s+)?"
    r"(?P<what>principal\s+Act|(?:[A-Z][\w’'\-]*\s+){0,6}?(?:Code|Act|Law|Constitution)\b(?:\s+of\s+(?:the\s+)?"
    r"(?:Republic\s+of\s+)?[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)?|(?:law|Law|act|Act)\s+(?:on|for|of|about)\s+[^,.;:()]{3,80}"
    r"?(?=\s*(?:[,.;:()]|$))|(?:[A-Z]{2,6})\b)")
_WHICH = re.compile(r"^\s*(?:\([^)]{0,20}\)\s*)?,?\s*(?:which|that)\s+(?:covers|concerns|deals with|punishes|"
                    r"relates to|addresses|criminali[sz]es|provides (?:for )?(?:liability|punishment|responsibility) "
                    r"for|establishes (?:liability|responsibility) for)\s+[“\"«]?(?P<o>[^”\"».;()]{3,120})", re.I)
_PAREN = re.compile(r"^\s*(?:of\s+[^()]{0,80}?)?\s*\((?P<o>[a-z][^()]{3,150})\)")
_INVOLVING = re.compile(r"^\s*(?:for\s+(?=[a-z])|,\s*(?:involving|concerning|on|establishing (?:responsibility|liability) for|"
                        r"which involves)\s+)(?P<o>[^,.;()]{3,150})")
_FOR_BEFORE = re.compile(r"\bfor\s+(?:the\s+)?(?P<o>[^,;:()]{3,120}?)\s*$")
_FOR_BEFORE_ALL = re.compile(r"\bfor\s")
_CLAUSE_BEFORE = re.compile(r"(?:^|[,;:]\s*)(?P<o>[^,;:()]{3,120}?)\s*$")


@dataclass
class ArticleMention:
    start: int  # offsets in the document text
    end: int
    number: str
    key: str  # CodeArticle key
    code: str  # Code key
    sentence: int  # index into ctx.sentences
    offense: str | None = None


def _clean_number(raw: str) -> str:
    n = _SUB.sub("", raw).strip()
    return n.replace("‑", "-")


def _code_from_text(what: str) -> tuple[str, str | None]:
    """(name of the code, country named in it)."""
    what = re.sub(r"\s+", " ", what.strip())
    country = None
    m = re.search(r"\s+of\s+(?:the\s+)?(?:Republic\s+of\s+)?([A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)$", what)
    base = what
    if m:
        found = find_country(m.group(1))
        if found:
            country, base = found, what[:m.start()]
    canon = canonical_code(base)
    if canon is None:
        # "Pakistan Penal Code": a country word inside the name
        for spelling in CODE_RE.finditer(base):
            canon = canonical_code(spelling.group(0))
            prefix = base[:spelling.start()].strip()
            if prefix:
                country = country or find_country(prefix)
            break
    if canon is None:
        canon = base
    if country is None:
        country = find_country(base) if re.search(r"[A-Z]", base) else None
    return canon, country


def _offense(text: str, start: int, end: int, paren: bool) -> str | None:
    after = text[end:end + 220]
    for pattern in (_WHICH, _INVOLVING):
        m = pattern.match(after)
        if m:
            return m.group("o").strip(" “”\"'")
    m = _PAREN.match(after)
    if m and not re.match(r"(?:part|paragraph|clause|as amended|hereinafter)", m.group("o"), re.I):
        return m.group("o").strip()
    if paren:
        before = text[max(0, start - 160):start].rstrip()
        if before.endswith("("):
            head = before[:-1]
            last_for = None
            for last_for in _FOR_BEFORE_ALL.finditer(head):
                pass
            last_punct = max(head.rfind(","), head.rfind(";"), head.rfind(":"))
            if last_for is not None and last_for.start() > last_punct:
                m = _FOR_BEFORE.search(head, last_for.start())
            else:
                m = _CLAUSE_BEFORE.search(head, max(0, last_punct))
            if m:
                o = m.group("o").strip()
                o = re.sub(r"^(?:and\s+)?(?:other\s+)?", "", o)
                return o or None
    return None


def find_article_mentions(ctx) -> list[ArticleMention]:
    """Every article cited in the document, with its code (Code objects go to the extraction)."""
    country = main_country(ctx)
    text = ctx.text
    codes: dict[str, Code] = {c.key: c for c in ctx.extraction.codes}
    mentions: list[ArticleMention] = []
    last_code: tuple[str, str | None] | None = None  # (name, country) of the code the text named last
    # the codes the text names, read over the whole text only when an article needs them
    code_spans: list[tuple[int, int, str]] = []
    code_starts: list[int] = []
    code_read = False

    def read_codes() -> None:
        nonlocal code_read
        if not code_read:
            code_read = True
            code_spans[:] = sorted(((m.start(), m.end(), m.group(0)) for m in CODE_RE.finditer(text)),
                                   key=lambda t: t[0])
            code_starts[:] = [c[0] for c in code_spans]

    def code_named_before(offset: int, sentence_start: int) -> tuple[str, str | None] | None:
        read_codes()
        i = bisect.bisect_left(code_starts, offset) - 1
        while i >= 0 and code_spans[i][1] > offset:
            i -= 1
        if i < 0 or code_spans[i][0] < sentence_start:
            return None
        return _code_from_text(code_spans[i][2])

    def code_named_in_sentence_after(offset: int, sentence_end: int) -> tuple[str, str | None] | None:
        read_codes()
        i = bisect.bisect_left(code_starts, offset)
        if i < len(code_spans) and code_spans[i][0] < sentence_end:
            return _code_from_text(code_spans[i][2])
        return None

    def register(name: str, code_country: str | None) -> str:
        key = iris.code_key(code_country, name)
        if key not in codes:
            codes[key] = Code(key=key, name=name, country=code_country)
        return key

    law_spans = sorted(((m.start, m.end, m.title) for m, _ in ctx.notes.get("law_mentions", [])
                        if m.strength in ("strong",) and m.kind in ("act", "law", "decree")), key=lambda t: t[0])

    law_starts = [t[0] for t in law_spans]

    def previous_code(offset: int) -> tuple[str, str | None] | None:
        """The code or named act the text cited last before ``offset``."""
        read_codes()
        best, best_at, is_law = None, -1, False
        i = bisect.bisect_left(code_starts, offset) - 1
        while i >= 0 and code_spans[i][1] > offset:
            i -= 1
        if i >= 0:
            best, best_at = code_spans[i][2], code_spans[i][0]
        j = bisect.bisect_left(law_starts, offset) - 1
        while j >= 0 and law_spans[j][1] > offset:
            j -= 1
        if j >= 0 and law_spans[j][0] > best_at:
            best, best_at, is_law = law_spans[j][2], law_spans[j][0], True
        if best is None:
            return None
        return (best, None) if is_law else _code_from_text(best)

    found: list[tuple[int, int, str, str | None, int, bool]] = []  # start, end, number, code text, sentence, paren
    for si, sentence in enumerate(ctx.sentences):
        st = sentence.text
        # both patterns need a digit, _ARTICLE one of its keywords (case-sensitive), _ORDINAL "article"/"section"
        if not _DIGIT.search(st):
            continue
        folded = fold(st)
        if not ("article" in folded or "section" in folded or "§" in st or "Art" in st or "Sec" in st
                or "lause" in st or "aragraph" in st):
            continue
        for m in _ARTICLE.finditer(st):
            kw = m.group("kw").lower()
            nums_text = m.group("nums")
            numbers = [_clean_number(n.group(0)) for n in _ONE_NUM.finditer(nums_text)]
            if kw.startswith(("paragraph", "clause")) and m.group(0)[:1].islower() is False and not numbers:
                continue
            after = st[m.end():m.end() + 160]
            om = _OF_CODE.match(after)
            code_text = om.group("what") if om else None
            if code_text and re.fullmatch(r"[A-Z]{2,6}", code_text) and canonical_code(code_text) is None:
                code_text = None
            paren = st[max(0, m.start() - 2):m.start()].rstrip().endswith("(")
            for n in numbers:
                if len(n.replace(".", "").replace("-", "")) > 7:
                    continue
                found.append((sentence.start + m.start(), sentence.start + m.end(), n, code_text, si, paren))
        for m in _ORDINAL.finditer(st):
            found.append((sentence.start + m.start(), sentence.start + m.end(), m.group("num"),
                          m.group("code").strip(), si, False))
    found.sort(key=lambda f: f[0])
    for start, end, number, code_text, si, paren in found:
        sentence = ctx.sentences[si]
        if code_text and re.fullmatch(r"principal\s+Act", code_text, re.I):
            resolved = last_code or previous_code(start)
            code_text = None
            name, code_country = resolved if resolved else ("principal Act", None)
        elif code_text:
            name, code_country = _code_from_text(code_text)
        else:
            resolved = (code_named_in_sentence_after(end, sentence.end) or code_named_before(start, sentence.start)
                        or last_code or previous_code(start))
            name, code_country = resolved if resolved else ("Criminal Code", None)
        code_country = code_country or country
        last_code = (name, code_country)
        code_key = register(name, code_country)
        key = iris.article_key(code_key, number)
        offense = _offense(text, start, end, paren)
        mentions.append(ArticleMention(start, end, number, key, code_key, si, offense))
    ctx.extraction.codes = list(codes.values())
    return mentions


def extract_articles(ctx) -> None:
    """Pipeline component: code articles with their codes, jurisdiction and offense."""
    mentions = find_article_mentions(ctx)
    ctx.notes["article_mentions"] = mentions
    by_key: dict[str, CodeArticle] = {a.key: a for a in ctx.extraction.articles}
    codes = {c.key: c for c in ctx.extraction.codes}
    seen = {key: set(a.evidence) for key, a in by_key.items()}  # beside the lists: an article cited in every sentence stays linear
    for m in mentions:
        article = by_key.get(m.key)
        if article is None:
            article = CodeArticle(key=m.key, number=m.number, code=m.code, country=codes[m.code].country)
            by_key[m.key] = article
            ctx.extraction.articles.append(article)
        if m.offense and not article.offense:
            article.offense = m.offense
        ev = ctx.evidence(ctx.sentences[m.sentence])
        known = seen.get(m.key)
        if known is None:
            known = seen[m.key] = set(article.evidence)
        if ev not in known:
            known.add(ev)
            article.evidence.append(ev)
    _ = sentence_index  # re-exported for the other legal extractors
