"""Sentence splitting that survives news text.

Abbreviations ("Art.", "No.", "Mr.", "U.S.", initials), numbered lists and bullets, line
breaks inside paragraphs, and run-in subheadings glued to the next sentence
("Legislative Changes In April 2024, Kazakhstan ...") are handled; every sentence keeps
its character offsets into the document text.

>>> [s.text for s in split_sentences("Mr. A. Smith signed Art. 5 of the Law No. 12. It passed.")]
['Mr. A. Smith signed Art. 5 of the Law No. 12.', 'It passed.']
"""
from __future__ import annotations

import re
from typing import NamedTuple

from .gazetteers import Token, fold, tokenize

__all__ = ["Sentence", "split_sentences", "sentence_tokens", "sentence_folds", "sentence_matches"]

_ABBREVIATIONS = {
    "art", "arts", "no", "nos", "mr", "mrs", "ms", "dr", "prof", "st", "gen", "sen", "rep", "gov", "lt", "col",
    "sgt", "capt", "maj", "jr", "sr", "inc", "ltd", "co", "corp", "vs", "v", "etc", "e.g", "i.e", "para", "paras",
    "sec", "secs", "ch", "cl", "pt", "vol", "p", "pp", "approx", "est", "dept", "min", "max", "u.s", "u.k", "u.n",
    "e.u", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "rs", "tk", "hon",
    "fig", "cf", "op", "ed", "eds", "amb", "adm", "supt", "insp", "mt", "ft", "cap", "govt", "nat", "int", "ave",
    "md", "mohd", "muhd", "mst", "engr", "eng", "atty", "rev",
}
# a sentence ends at . ! ? (and closing quotes/brackets) followed by space and an opener
# (a footnote number glued to the full stop of a word, "in these areas.4 On May 5", ends the sentence too)
_END = re.compile(r"""[.!?]+["'”’»)\]]*(?:(?<=[a-z]\.)\d{1,2}(?!\d))?(?=\s+["'“‘«(\[]?[A-Z0-9А-ЯЁ•\-–—])|"""
                  r"""[.!?]+["'”’»)\]]*$""", re.M)
_BREAK = re.compile(r"\n\s*\n|\n(?=\s*(?:[•\-–—*▪●]|\d{1,2}[.)])\s)|\n(?=[^\n]{0,80}\n)")
_LIST_MARK = re.compile(r"\d{1,3}|[a-zA-Z]|[ivxIVX]{1,4}")
_WORD_BEFORE = re.compile(r"([\w.]+)\.?$")
_DOTTED = re.compile(r"(?:[a-z]\.)+[a-z]")
# a run-in subheading: 2-7 capitalised words (small words inside) glued to the sentence that
# follows it, which starts with a capitalised opener ("... Legislative Changes In April 2024, ...")
_SUBHEADING = re.compile(
    r"(?:[A-Z][\w’'\-]*)(?:\s+(?:(?:of|and|for|the|in|on|to|a|an|vs|with|at)\s+){0,2}[A-Z][\w’'\-]*){1,6}"
    r"\s+(?=(?:In|On|At|During|Since|After|Before|According|The|A|An|This|These|Many|Some|As|While|When|"
    r"Currently|Today|Last|Earlier|Meanwhile|However|Although|For|From|Under|Over|It|There|Its)\s+\S)")
_OPENERS = {"In", "On", "At", "During", "Since", "After", "Before", "According", "The", "A", "An", "This", "These",
            "Many", "Some", "As", "While", "When", "Currently", "Today", "Last", "Earlier", "Meanwhile", "However",
            "Although", "For", "From", "Under", "Over", "It", "There", "Its"}


def sentence_tokens(ctx) -> list[list[Token]]:
    """The tokens of every sentence of ``ctx`` (computed once per document, kept in ``ctx.notes``)."""
    cached = ctx.notes.get("sentence_tokens")
    if cached is None:
        cached = [tokenize(s.text, s.start) for s in ctx.sentences]
        ctx.notes["sentence_tokens"] = cached
    return cached


def sentence_folds(ctx) -> list[str]:
    """:func:`~kg.extract.gazetteers.fold` of every sentence of ``ctx`` (once per document, in ``ctx.notes``)."""
    cached = ctx.notes.get("sentence_folds")
    if cached is None:
        cached = ctx.notes["sentence_folds"] = [fold(s.text) for s in ctx.sentences]
    return cached


def sentence_matches(ctx, name: str) -> list[list[tuple]]:
    """Gazetteer matches (first token, end token, value) per sentence, for ``name`` in
    "place", "media", "post", "body"; computed once per document."""
    key = f"matches:{name}"
    cached = ctx.notes.get(key)
    if cached is None:
        from . import gazetteers
        index = {"place": gazetteers.place_index, "media": gazetteers.media_names,
                 "post": gazetteers.post_index, "body": gazetteers.body_index}[name]()
        texts = ctx.notes.get("sentence_token_texts")
        if texts is None:  # each sentence's token texts and special tokens, shared by the indexes
            texts = []
            for tokens in sentence_tokens(ctx):
                words = [t.text for t in tokens]
                texts.append((words, gazetteers.special_tokens(words)))
            ctx.notes["sentence_token_texts"] = texts
        cached = [index.matches(tokens, words, special)
                  for tokens, (words, special) in zip(sentence_tokens(ctx), texts)]
        ctx.notes[key] = cached
    return cached


class Sentence(NamedTuple):
    """A sentence and its character offsets (an immutable named tuple: cheap to make, a document has many)."""

    text: str
    start: int
    end: int


def _is_abbreviation(text: str, dot: int) -> bool:
    m = _WORD_BEFORE.search(text, max(0, dot - 12), dot)
    if not m:
        return False
    word = m.group(1).lower().rstrip(".")
    if word in _ABBREVIATIONS:
        return True
    if len(word) == 1 and word.isalpha():  # an initial: "A. Smith"
        return True
    if "." in word and _DOTTED.fullmatch(word):  # U.S, e.g
        return True
    return False


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for m in _BREAK.finditer(text):
        if m.group() == "\n" and _soft_wrap(text, m.start()):
            continue
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return spans


# a line of wire copy cut to width mid-sentence: "... Republican People's" / "Party (CHP) said ..."
_WRAPPED_END = re.compile(r"(?:[a-z,’']|\b[A-Z][a-z]+|\d)$")


def _soft_wrap(text: str, newline: int) -> bool:
    """Whether the line break at ``newline`` only wraps a long line of a hard-wrapped paragraph (wire
    style, lines of 45-90 characters cut mid-sentence), so the line after it goes on the same sentence;
    a short line (a heading, a caption, "Video of day") or a line that ends a sentence still breaks."""
    line_start = text.rfind("\n", 0, newline) + 1
    line = text[line_start:newline].rstrip()
    if not 45 <= len(line) <= 90 or not _WRAPPED_END.search(line):
        return False
    nxt_end = text.find("\n", newline + 1)
    nxt = text[newline + 1:nxt_end if nxt_end >= 0 else len(text)].strip()
    if not nxt or not nxt[0].isalpha():
        return False
    # the next line goes on with the sentence: it opens in lower case, or the cut line ended in lower case
    return nxt[0].islower() or line[-1].islower() or line[-1] in ",’'"


def split_sentences(text: str, offset: int = 0) -> list[Sentence]:
    """Sentences of ``text``; offsets are shifted by ``offset``.

    >>> [s.text for s in split_sentences("It rose. Scope of the Problem According to them, it fell.")]
    ['It rose.', 'Scope of the Problem', 'According to them, it fell.']
    """
    out: list[Sentence] = []
    for p_start, p_end in _paragraphs(text):
        para = text[p_start:p_end]
        start = 0
        for m in _END.finditer(para):
            dot = m.start()
            if para[dot] == "." and _is_abbreviation(para, dot):
                continue
            if para[dot] == "." and _LIST_MARK.fullmatch(para[start:dot].strip()):
                continue  # "1. First item": the number of a list item
            if para[dot] == "." and dot > 0 and para[dot - 1].isdigit() and dot + 1 < len(para) and para[dot + 1].isdigit():
                continue
            _emit(out, text, p_start + start, p_start + m.end(), offset)
            start = m.end()
        _emit(out, text, p_start + start, p_end, offset)
    return out


def _emit(out: list[Sentence], text: str, start: int, end: int, offset: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end - start < 2:
        return
    heading = _SUBHEADING.match(text, start, end)
    if heading and _is_heading(heading.group()):
        out.append(Sentence(text[start:heading.end()].rstrip(), start + offset, start + len(heading.group().rstrip()) + offset))
        start = heading.end()
    out.append(Sentence(text[start:end], start + offset, end + offset))


def _is_heading(words: str) -> bool:
    """A run of capitalised words is a heading when none of them is itself an opener."""
    parts = words.split()
    return len(parts) >= 2 and not any(w in _OPENERS for w in parts[1:])
