"""Countries: which jurisdictions a document is about.

Every place word is read with the gazetteer (names, official names, demonyms, capitals,
regions, currency words and index units such as "tenge", "MCI", "soum", "BCA") and so are
bodies and posts that belong to one country ("Mazhilis", "Justice Secretary"). Each
mention is weighed by where it stands: the headline and the dateline weigh most, a
country that opens a sentence as its subject ("Kazakhstan has ...", "Meanwhile, Uzbekistan
and Turkmenistan have ...") counts as a subject of the article, a partner in "an
agreement between Russia and X" or a place in a prepositional phrase ("refugees in Iran")
counts little. ``ctx.extraction.countries`` holds the dominant country first, then the
other subject countries.

:func:`main_country` and :func:`find_country` are the helpers the other extractors use.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from .gazetteers import Token, body_index, in_portfolio, place_index, post_index, special_tokens, tokenize
from .sentences import sentence_tokens

__all__ = ["CountryMention", "extract_countries", "main_country", "find_country", "country_mentions",
           "is_title_case"]

_WEIGHT = {"name": 2.0, "alias": 2.0, "demonym": 1.0, "capital": 1.0, "region": 0.5, "unit": 1.0,
           "body": 2.0, "post": 1.5}
_STRONG = {"name", "alias", "demonym"}
# words after which a place is incidental: "refugees from Iran", "an agreement between Russia and X"
_INCIDENTAL_BEFORE = {"between", "with", "from", "to", "against", "toward", "towards", "into", "via", "across"}
_DATELINE = re.compile(r"\s*([A-Z][A-Za-z\-]+(?: [A-Z][A-Za-z\-]+)?)\s*(?:[.,:(]|-\s|—|–)")
_SMALL = set("a an and as at but by for from in into of on or the to vs via with".split())


@dataclass(frozen=True)
class CountryMention:
    iso: str
    kind: str  # name, alias, demonym, capital, region, unit, body, post
    start: int
    end: int
    sentence: int  # index into ctx.sentences (-1: not in a sentence)
    subject: bool = False  # the country opens its sentence as the subject
    incidental: bool = False


def is_title_case(line: str) -> bool:
    """A headline written in title case ("Lower House Session Approves Changes")."""
    words = re.findall(r"[^\W\d_][\w’'\-]*", line)
    content = [w for w in words if w.lower() not in _SMALL]
    if len(content) < 3:
        return False
    return sum(1 for w in content if w[0].isupper()) / len(content) >= 0.75


def _mentions_in(tokens: list[Token], sentence_index: int, texts=None) -> list[CountryMention]:
    """``texts``: (the tokens' texts, the positions of special tokens), when the caller has them."""
    found: list[CountryMention] = []
    places = place_index()
    bodies = body_index()
    posts = post_index()
    # the cheap test PhraseIndex.match_at starts with: most tokens open no entry of the three
    firsts = _first_words(bodies, places, posts)
    following = 0  # the first token not yet read
    if texts is None:
        words = [t.text for t in tokens]
        texts = (words, special_tokens(words))
    words, special = texts
    candidates = [x for x, w in enumerate(words) if w in firsts]
    if special:
        candidates = sorted(set(candidates).union(special))
    for i in candidates:
        if i < following:
            continue
        following = i + 1
        hit = bodies.match_at(tokens, i)
        if hit and hit[1][0].country and not hit[1][0].generic and hit[1][1] != "acronym" and \
                not _other_country_after(tokens, i + hit[0], hit[1][0].country, places) and \
                not in_portfolio(tokens, i):
            n = hit[0]
            found.append(CountryMention(hit[1][0].country, "body", tokens[i].start, tokens[i + n - 1].end,
                                        sentence_index))
            following = i + n
            continue
        hit_place = places.match_at(tokens, i)
        if hit_place:
            n, place = hit_place
            incidental = i > 0 and tokens[i - 1].text.lower() in _INCIDENTAL_BEFORE
            if not incidental and i > 1 and tokens[i - 1].text.lower() in ("and", "or"):
                incidental = tokens[i - 2].is_cap and _prev_word(tokens, i - 2) in _INCIDENTAL_BEFORE
            found.append(CountryMention(place.iso, place.kind, tokens[i].start, tokens[i + n - 1].end,
                                        sentence_index, incidental=incidental))
            following = i + n
            continue
        hit_post = posts.match_at(tokens, i)
        if hit_post and hit_post[1].country:
            n = hit_post[0]
            found.append(CountryMention(hit_post[1].country, "post", tokens[i].start, tokens[i + n - 1].end,
                                        sentence_index))
            following = i + n
            continue
    return found


def _other_country_after(tokens: list[Token], end: int, iso: str, places) -> bool:
    """"Democratic Party of Korea": the words of one country's body, named for another country."""
    if end >= len(tokens) or tokens[end].text != "of":
        return False
    at = end + 2 if end + 1 < len(tokens) and tokens[end + 1].text == "the" else end + 1
    hit = places.match_at(tokens, at)
    return hit is not None and hit[1].iso != iso


_FIRST_WORDS: list = [None, frozenset()]


def _first_words(*indexes) -> frozenset:
    """The words that open an entry of any of ``indexes`` (kept while the indexes are the same)."""
    key = _FIRST_WORDS[0]
    if key is None or len(key) != len(indexes) or any(a is not b for a, b in zip(key, indexes)):
        key = indexes
        _FIRST_WORDS[1] = frozenset().union(*(ix._by_first for ix in indexes))
        _FIRST_WORDS[0] = key
    return _FIRST_WORDS[1]


def _prev_word(tokens: list[Token], i: int) -> str:
    """The lower-cased word before a run of capitalised tokens ending at ``i``."""
    while i > 0 and tokens[i - 1].is_cap:
        i -= 1
    return tokens[i - 1].text.lower() if i > 0 else ""


def _subject_isos(tokens: list[Token], mentions: list[CountryMention]) -> set[str]:
    """Countries that open the sentence as its subject, after an optional adverbial.

    "Kazakhstan has ...", "Meanwhile, Kazakhstan, Kyrgyzstan and Uzbekistan have ...",
    "In contrast, Tajikistan’s relations ...", "Both Kazakhstan and Kyrgyzstan have ...".
    """
    if not tokens:
        return set()
    by_start = {m.start: m for m in mentions if m.kind in ("name", "alias")}
    i = 0
    comma = next((k for k, t in enumerate(tokens[:7]) if t.text == ","), None)
    if comma is not None and tokens[0].start not in by_start:
        i = comma + 1
    if i < len(tokens) and tokens[i].text in ("Both", "both"):
        i += 1
    isos: set[str] = set()
    while i < len(tokens):
        m = by_start.get(tokens[i].start)
        if m is None:
            break
        isos.add(m.iso)
        while i < len(tokens) and tokens[i].start < m.end:
            i += 1
        if i < len(tokens) and tokens[i].text in (",", "and"):
            i += 1
            if i < len(tokens) and tokens[i].text == "and":
                i += 1
            continue
        break
    if not isos or i >= len(tokens):
        return set()
    nxt = tokens[i].text
    if nxt in ("’s", "'s") or (nxt[:1].islower() and nxt not in _SMALL):
        return isos
    return set()


def country_mentions(ctx) -> list[CountryMention]:
    """Every country mention in the document (cached in ``ctx.notes``)."""
    cached = ctx.notes.get("country_mentions")
    if cached is not None:
        return cached
    mentions: list[CountryMention] = []
    all_tokens = sentence_tokens(ctx)
    texts = ctx.notes.get("sentence_token_texts")
    if texts is None:  # each sentence's token texts and special tokens, shared with sentences.sentence_matches
        texts = []
        for tokens in all_tokens:
            words = [t.text for t in tokens]
            texts.append((words, special_tokens(words)))
        ctx.notes["sentence_token_texts"] = texts
    for k, sentence in enumerate(ctx.sentences):
        tokens = all_tokens[k]
        found = _mentions_in(tokens, k, texts[k])
        subjects = _subject_isos(tokens, found)
        mentions += [CountryMention(m.iso, m.kind, m.start, m.end, m.sentence, m.iso in subjects and
                                    m.kind in ("name", "alias"), m.incidental) for m in found]
    ctx.notes["country_mentions"] = mentions
    return mentions


def _scores(ctx, mentions: list[CountryMention]) -> dict[str, float]:
    title_end = len(ctx.document.title)
    body_start = ctx.document.body_offset
    dateline = _DATELINE.match(ctx.text, body_start)
    scores: dict[str, float] = defaultdict(float)
    for m in mentions:
        w = _WEIGHT.get(m.kind, 1.0)
        if m.incidental:
            w *= 0.25
        if m.start < title_end:
            w += 3.0
        elif dateline and m.kind in ("capital", "region") and m.start < dateline.end():
            w += 4.0
        if m.subject:
            w += 1.0
        scores[m.iso] += w
    return scores


def extract_countries(ctx) -> None:
    """Set ``ctx.extraction.countries`` and ``ctx.notes["main_country"]``."""
    mentions = country_mentions(ctx)
    scores = _scores(ctx, mentions)
    main = None
    if scores:
        first_seen = {}
        for m in mentions:
            first_seen.setdefault(m.iso, m.start)
        main = max(scores, key=lambda iso: (scores[iso], -first_seen[iso]))
    ctx.notes["main_country"] = main
    ctx.notes["country_scores"] = dict(scores)
    about = [main] if main else []
    for m in mentions:
        if m.subject and m.iso not in about:
            about.append(m.iso)
    for iso in about:
        if iso not in ctx.extraction.countries:
            ctx.extraction.countries.append(iso)


def main_country(ctx) -> str | None:
    """The document's dominant jurisdiction (ISO code), once :func:`extract_countries` ran."""
    if "main_country" not in ctx.notes:
        extract_countries(ctx)
    return ctx.notes.get("main_country")


def find_country(text: str) -> str | None:
    """The first country a phrase names ("Criminal Code of the Republic of Azerbaijan" -> "AZ").

    Names, official names and demonyms come first; capitals and regions only when the
    phrase names no country.

    >>> find_country("the Kazakh Senate"), find_country("a court in Almaty"), find_country("the law")
    ('KZ', 'KZ', None)
    """
    tokens = tokenize(text)
    weak = None
    for _, _, place in place_index().finditer(tokens):
        if place.kind in _STRONG:
            return place.iso
        if weak is None and place.kind in ("capital", "region"):
            weak = place.iso
    return weak
