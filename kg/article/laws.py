"""One law, many mentions: the laws of one article, each with every name the article gives it.

The per-sentence law extractor makes a law of each title it reads and points references
("the bill", "the document") at the law named last. Across a whole article that leaves one
act split under several names and fragments taken for laws. This pass groups the laws of
an article that are one act, by what news writing gives away:

* the same title once normalised (determiners, a trailing year or date, "draft law" / "bill",
  "Act" / "Bill" of the same name): "X (Amendment) Bill 2016" = "X (Amendment) Act 2016";
* an acronym and its expansion: "BNS Bill" = "Bharatiya Nyaya Sanhita (BNS) Bill";
* an apposition: "Senate Bill No. 2825, the Phivolcs Modernization Act";
* the same subject in other words, when one of the two is a description rather than a title
  ("draft law on protection against false information" = "the bill on Protection from False
  and Inaccurate Information");
* the headline's law phrase, matched to the body's law it describes;
* content read as a law: an untitled proposal or a reported toughening inside an article
  that names its act belongs to that act; a reference with nothing named before it ("a law
  proposed by the president") belongs to the act the headline names.

Each group gets one label, the most telling of its names (a title before a description, a
specific description before a generic or referring one, never a fragment), the others kept
as aliases, and one key; every fact that pointed at a merged law is pointed at the group.

>>> normalized_title("the NDLEA Act (Amendment) Bill, 2024")
'ndlea act (amendment) bill'
>>> normalized_title("Competition (Amendment) Act 2016") == normalized_title("Competition (Amendment) Bill 2016")
True
>>> acronym_of("Bharatiya Nyaya Sanhita (BNS) Bill"), acronym_of("BNS Bill")
('bns bill', 'bns bill')
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from .. import iris
from ..extract import laws as _laws
from ..extract.model import Law
from .headline import LawPhrase
from .words import content_words, word_group

__all__ = ["normalized_title", "acronym_of", "LawGroup", "unify_laws", "label_score"]

_YEAR_TAIL = re.compile(r"[,\s]*(?:of\s+)?(?:19|20)\d\d\s*$")
_DATE_TAIL = re.compile(r"\s+(?:on|in|since|from)\s+(?:\d{1,2}\s+)?(?:January|February|March|April|May|June|July|"
                        r"August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|"
                        r"Saturday|Sunday)\b.*$", re.I)
_LEAD = re.compile(r"^(?:(?:the|a|an|this|that|its|their|new|draft|proposed)\s+)+", re.I)
_HEAD_SWAP = re.compile(r"\b(?:act|law|draft\s+law|draft\s+bill)\s*$", re.I)
_ACRONYM = re.compile(r"\(([A-Z][A-Za-z]{1,7})\)")
_APPOSITION = re.compile(r"\s*(?:,\s*(?:the\s+|also\s+known\s+as\s+(?:the\s+)?|known\s+as\s+(?:the\s+)?|or\s+(?:the\s+)?)?|"
                         r"\(\s*(?:the\s+)?)$", re.I)
_FRAGMENT = re.compile(r"^(?:to|for|that|which|it|is|are|was|were|be|been|has|have|had|a\s+number|number)\b|"
                       r"^\S+\s+(?:has|have|had|is|are|was|were|will|would|must|should|can|could|may)\b|"
                       r"\b(?:\d+(?:[.,]\d+)?\s*(?:years?|months?|days?|hours?|MCI|BCA|%|percent)|"
                       r"\d+\s+to\s+\d+)\b", re.I)
_NAMED_ACT = re.compile(r"(?:[A-Z][\w’'\-]*\s+){1,6}(?:Act|Code|Law|Bill|Ordinance|Decree)\b|"
                        r"\b(?:Code|Law)\s+(?:of|on)\s+(?:the\s+)?[A-Z]")
_PROPER = re.compile(r"^(?:[A-Z\d“\"«(]|On\s)")


_DESCRIPTION = re.compile(
    r"\b(?P<head>(?:draft\s+)?(?:law|bill|amendments?|changes|decree|resolution|legislation|measure|"
    r"package\s+of\s+(?:amendments|changes|laws|bills))s?)\s+"
    r"(?:(?:on\s+|late\s+on\s+|last\s+|this\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\s+|"
    r"on\s+(?:(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+\d{1,2}|"
    r"\d{1,2}\s+(?:January|February|March|April|May|June|July|August|September|October|November|December))"
    r"(?:,?\s+(?:19|20)\d\d)?,?\s+)?"
    r"(?P<how>on|to|regarding|concerning|introducing|amending|criminali[sz]ing|decriminali[sz]ing|banning|"
    r"providing\s+for|allowing|toughening|tightening|strengthening|raising|increasing|imposing|punishing|"
    r"prohibiting|establishing|requiring|against|relaxing|easing|reducing|abolishing|protecting|making|"
    r"(?:that|which)\s+(?:would\s+)?(?:makes?|bans?|criminali[sz]es?|raises?|introduces?|imposes?|prohibits?)|"
    r"to\s+(?:ban|make|criminali[sz]e|outlaw|prohibit|toughen|raise|introduce|impose|protect|regulate|curb))\s+"
    r"(?!(?:the\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|"
    r"June|July|August|September|October|November|December|\d|first|second|third|final|agenda|table|floor)\b)"
    r"(?P<rest>[^,.;:!?()\n\"“”«»]{3,220})", re.I)
_DESCRIPTION_END = re.compile(
    r"\s+(?:aimed\s+at|in\s+order\s+to|so\s+as\s+to|which|that|who|was|were|is|are|has|have|had|will|would|"
    r"could|should|may|by|after|before|during|since|until|following|on\s+(?:Monday|Tuesday|Wednesday|Thursday|"
    r"Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|"
    r"December|\d)|in\s+(?:the\s+)?(?:first|second|third|final)\s+reading|in\s+(?:19|20)\d\d|"
    r"and\s+(?:was|were|sent|submitted|approved|passed|adopted|signed|then)|into\s+law|at\s+(?:its|the|a)\s|"
    r"(?:include|includes|included|provide|provides|stipulate|stipulates|envisage|envisages|establish|establishes|"
    r"introduce|introduces|make|makes|mean|means|set|sets|come|comes|came|take|takes|took|say|says|said|"
    r"state|states|go|goes|went|got|gets|become|becomes|became|need|needs|must|can|cannot|also|now|won|wins|"
    r"received|receives|gained|secured|passed|passes|cleared|clears|sailed|breezed|faced|faces|drew|sparked|"
    r"triggered|prompted|heads|awaits|requires|failed|fails))\b",
    re.I)


def descriptions(sentence: str) -> list[tuple[int, int, str]]:
    """The law descriptions of a sentence: a law noun and what the law does or is about,
    cut where the clause turns to something else, at most 14 words.

    >>> [d for _, _, d in descriptions("The president signed a bill on amendments to the Criminal Code aimed at relaxing X.")]
    ['bill on amendments to the Criminal Code']
    """
    out = []
    for m in _DESCRIPTION.finditer(sentence):
        rest = m.group("rest")
        stop = _DESCRIPTION_END.search(rest)
        if stop:
            rest = rest[:stop.start()]
        words = rest.split()
        if len(words) > 14:
            words = words[:14]
        while words and words[-1].lower() in ("and", "or", "of", "the", "to", "in", "on", "for", "with", "a", "an",
                                              "its", "their", "by", "at"):
            words.pop()
        if not words:
            continue
        text = f"{m.group('head')} {m.group('how')} {' '.join(words)}"  # a weekday or a date between them left out
        out.append((m.start(), m.start("how") + len(m.group("how")) + 1 + len(" ".join(words)), re.sub(r"\s+", " ", text)))
    return out


def normalized_title(title: str) -> str:
    """A title with what does not tell two acts apart removed (for exact matching)."""
    t = re.sub(r"[“”\"«»‘’']", "", title).strip()
    t = _DATE_TAIL.sub("", t)
    t = _YEAR_TAIL.sub("", t)
    t = _LEAD.sub("", t)
    t = _HEAD_SWAP.sub("bill", t)
    t = re.sub(r"\s+(?:No\.?|Number)\s*", " no ", t)
    t = re.sub(r"[\s,;:.]+", " ", t).strip().lower()
    return t


def acronym_of(title: str) -> str | None:
    """"X Y Z (XYZ) Bill" and "XYZ Bill" both give "xyz bill"."""
    head = re.search(r"\b(bill|act|code|law|ordinance|decree)\b\s*(?:,?\s*(?:19|20)\d\d)?\s*$", title, re.I)
    if head is None:
        return None
    m = _ACRONYM.search(title)
    if m:
        return f"{m.group(1).lower()} {head.group(1).lower()}"
    first = title.split()[0] if title.split() else ""
    if re.fullmatch(r"[A-Z]{2,8}", first) and len(title.split()) <= 3:
        return f"{first.lower()} {head.group(1).lower()}"
    return None


def initials_of(title: str) -> str | None:
    """"Protection of Children from Online Exploitation Bill, 2025" gives "pcoe bill": the initials of
    its capitalised words, which an acronym of the act ("the PCOE Bill") spells (three words or more)."""
    head = re.search(r"\b(bill|act|code|law|ordinance|decree)\b\s*(?:,?\s*(?:19|20)\d\d)?\s*$", title, re.I)
    if head is None or _ACRONYM.search(title):
        return None
    words = re.findall(r"[^\W\d_][\w’'\-]*", title[:head.start()])
    caps = [w for w in words if w[0].isupper()]
    if len(caps) < 3 or len(caps) > 8 or caps[0].isupper():
        return None
    return f"{''.join(w[0] for w in caps).lower()} {head.group(1).lower()}"


@dataclass
class LawGroup:
    """The laws of an article that are one act."""

    keys: list[str]
    names: list[tuple[str, str]] = field(default_factory=list)  # (name, origin): title, description, headline, ...
    headline: bool = False  # the headline names it
    fragment: bool = True  # every mention of it is a fragment, a reference or an untitled proposal


@lru_cache(maxsize=4096)
def label_score(name: str, origin: str) -> float:
    """How well a name tells which act it is: a title first, then a number, then a specific
    description; a referring, generic or fragmentary name last."""
    words = content_words(name)
    n = len(name.split())
    score = {"title": 30.0, "number": 25.0, "description": 15.0, "headline": 14.0, "found": 13.0,
             "synthesized": 12.0, "weak": 3.0}.get(origin, 0.0)
    score += min(len(words), 6)
    if origin in ("description", "found", "headline") and _NAMED_ACT.search(name):
        score += 8  # "amendments to the Animal Protection Act": the description names the act
    if n > 16:
        score -= (n - 16) * 0.5
    lowered = {w.lower() for w in re.findall(r"[\w’'-]+", name)}
    if lowered & word_group("reference"):
        score -= 8
    if _FRAGMENT.search(name):
        score -= 20
    if not words:
        score -= 10
    return score


_DISTINCT = re.compile(r"^(?:similar|separate|counterpart|rival|competing|parallel|alternative|another)\s", re.I)


def _telling(name: str, origin: str) -> bool:
    """Whether a name can stand for an act of its own (not a reference, fragment or bare noun);
    "a similar bill", "another bill" is an act of its own however unnamed."""
    if origin == "description" and _DISTINCT.match(name):
        return True
    if origin in ("title", "number"):
        return not _FRAGMENT.search(name)  # a titled act is an act, however generic ("Amendment Bill, 2020")
    return origin not in ("weak", "reference", "found", "synthesized") and bool(content_words(name)) and \
        not _FRAGMENT.search(name)


def _first_offset(mentions, key) -> int:
    return min((m.start for m in mentions.get(key, [])), default=10 ** 9)


_SHARED_STEPS = {"Signing"}  # a chamber passes many acts at one sitting; one signature is one act


def _merge_by_shared_step(groups: dict[str, LawGroup], laws, steps) -> None:
    """Groups told of as one step by one agent in one passage: untitled groups sharing a signature, or
    a step of one agent on one day ("X withdrew the A Bill he had tabled on 20 January ... the
    Amendment Bill, 2020, introduced on 20 January") where one of the two titles says nothing."""
    marks: dict[tuple, list[str]] = {}
    root_of = {k: r for r, g in groups.items() for k in g.keys}
    for st in steps:
        root = root_of.get(st.law)
        if root is None or not st.agents or st.event is None:
            continue
        day = st.date if st.date and len(st.date) == 10 else None
        for agent in st.agents:
            if st.event in _SHARED_STEPS:  # a signature, whenever dated
                marks.setdefault((st.event, agent, laws[st.law].country, None), []).append((root, st.date, st.sentence))
            if day is not None:  # any step of one agent on one day
                marks.setdefault((st.event, agent, laws[st.law].country, day), []).append((root, st.date, st.sentence))
    for (event, agent, _, day), found in marks.items():
        roots = list(dict.fromkeys(r for r, _, _ in found))
        dates = {d for _, d, _ in found if d}
        sentences = [si for _, _, si in found]
        if len(roots) < 2 or len(dates) > 1 or max(sentences) - min(sentences) > 2 or len(set(sentences)) < 2:
            continue  # told of in one passage, in two sentences: the same step retold
        titled = [r for r in roots if any(o in ("title", "number") for _, o in groups[r].names)]
        if day is None and titled or len(titled) > 1 and all(
                any(content_words(n) for n, o in groups[r].names if o in ("title", "number")) for r in titled):
            continue  # two named acts stay two (and a signature merges only untitled ones)
        keep = roots[0]
        for other in roots[1:]:
            if other in groups and keep in groups and other != keep:
                moved = groups.pop(other)
                groups[keep].keys.extend(moved.keys)
                groups[keep].names.extend(moved.names)
                groups[keep].fragment = groups[keep].fragment and moved.fragment
                for k in moved.keys:
                    root_of[k] = keep


_PURPOSE = re.compile(
    r"\b(?:(?:aim|purpose|goal|objective)\s+of\s+the\s+(?:new\s+|proposed\s+|draft\s+)?(?P<n1>law|bill|measure|"
    r"amendments|legislation|draft)\s+is\s+to|the\s+(?:new\s+|proposed\s+|draft\s+)?(?P<n2>law|bill|measure|"
    r"amendments|legislation)\s+(?:aims|seeks|is\s+designed|is\s+intended|is\s+meant)\s+to)\s+"
    r"(?P<what>[^,.;:!?()]{3,100})", re.I)


@lru_cache(maxsize=1)
def _penalty_change() -> re.Pattern:
    stems = "|".join(sorted(word_group("penalty_change_stems"), key=len, reverse=True))
    return re.compile(
        rf"\b(?P<stem>{stems})(?:s|es|ed|d|ing)?\s+(?:the\s+|its\s+|their\s+)?(?:criminal\s+|administrative\s+)?"
        r"(?:penalties|penalty|punishments?|liability|sanctions|fines)\s+(?:for|on|against)\s+"
        r"(?:(?:those|people|persons|anyone|individuals)\s+(?:who|that)\s+(?:commit|are\s+guilty\s+of|engage\s+in)\s+)?"
        r"(?P<what>[^,.;:!?()]{3,80})", re.I)


def _gerund(stem: str) -> str:
    """toughen -> toughening, raise -> raising."""
    return (stem[:-1] if stem.endswith("e") and not stem.endswith("ee") else stem) + "ing"


def _synthesized_names(ctx, g: LawGroup, mentions) -> list[tuple[str, str]]:
    """Names for an act an article only refers to: "amendments to the X Code" when a reference to
    amendments stands beside a code's name, "amendments toughening penalties for X" from the change
    the article tells, "law to <aim>" from a stated purpose."""
    out = []
    sentences = sorted({m.sentence for k in g.keys for m in mentions.get(k, [])})
    nouns = [m.title.lower() for k in g.keys for m in mentions.get(k, [])]
    amending = any(re.search(r"amendment|change", n) for n in nouns)
    for si in sentences:
        text = ctx.sentences[si].text
        if amending:
            for m in _laws.CODE_RE.finditer(text):
                name = _laws.canonical_code(m.group(0))
                if name:
                    out.append((f"amendments to the {name}", "synthesized"))
                    break
    change = _penalty_change()
    described = any(o in ("description", "title", "number") for _, o in g.names)
    for sentence in ctx.sentences if amending or not described else ():
        # "X has toughened the penalties for Y": the amendments (or the law) that did it
        m = change.search(sentence.text)
        if m:
            what = re.split(r"\s+(?:to|from|up\s+to|by)\s+(?:\d|one|two|three|five|ten)\b", m.group("what"))[0]
            out.append((f"{'amendments' if amending else 'law'} {_gerund(m.group('stem').lower())} penalties for "
                        f"{' '.join(what.split()[:8])}",
                        "synthesized"))
            break
    for sentence in ctx.sentences:
        for m in _PURPOSE.finditer(sentence.text):
            noun = (m.group("n1") or m.group("n2")).lower()
            words = m.group("what").split()[:10]
            out.append((f"{'law' if noun == 'draft' else noun} to {' '.join(words)}", "synthesized"))
    return out


def _origin(mention: _laws.LawMention, text: str = "") -> str:
    if mention.strength in ("weak", "fallback"):
        return "weak"
    if mention.strength in ("anaphor", "indefinite"):
        return "reference"
    if mention.strength == "alias":
        return "number"
    title = mention.title
    if re.search(r"[“”\"«»]", text[mention.start:mention.end]) or re.search(
            r"^On\s+[A-Z]|\b(?:law|decree|resolution)\s+On\s+[A-Z]", title):
        return "title"  # a quoted title, or a title-case "On ..." title
    if re.fullmatch(r"(?:(?:House|Senate|Assembly)\s+)?(?:Bill|Act|Law|Decree|Resolution)\s+(?:No\.?\s*)?[\d/\-.,]+|"
                    r"(?:HB|SB|AB|H\.R\.|S\.B\.|H\.B\.)\s*\d+", title):
        return "number"
    if _PROPER.match(title) and re.search(r"\b(?:Bill|Act|Law|Decree|Code|Resolution|Ordinance|Order|Instrument|"
                                          r"Regulation|Proclamation)\b", title):
        return "title"
    return "description"


def _is_not_a_law(title: str) -> bool:
    """"Minister of Law", "Rule of Law", "Faculty of Law": a post, principle or body."""
    m = re.match(r"^(?:the\s+)?(\w+)\s+(?:of|on|for|in)\s+(?:the\s+)?(?:law|laws|legislation)$", title, re.I)
    return bool(m and m.group(1).lower() in word_group("not_law_heads"))


class _Union:
    def __init__(self, keys):
        self.parent = {k: k for k in keys}

    def find(self, k):
        while self.parent[k] != k:
            self.parent[k] = self.parent[self.parent[k]]
            k = self.parent[k]
        return k

    def union(self, a, b):
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[rb] = ra


def _overlap(a: set[str], b: set[str]) -> float:
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


#: beyond this many laws in one article only exact and alias matches are tried (similarity is quadratic)
MAX_SIMILARITY_LAWS = 60


def unify_laws(ctx, phrases: list[LawPhrase]) -> tuple[dict[str, str], dict[int, str]]:
    """Group the article's laws, label and key each group.

    Returns old key -> new key ("" for a law dropped as no law), and ``id(phrase)`` -> key for
    the headline phrases that name one of the groups. A headline phrase that matches no law of
    the body, in an article whose body names none, becomes a law of its own."""
    laws: dict[str, Law] = {law.key: law for law in ctx.extraction.laws}
    mentions: dict[str, list[_laws.LawMention]] = {}
    for m, k in ctx.notes.get("law_mentions", []):
        if k in laws:
            mentions.setdefault(k, []).append(m)
    steps_by_law: dict[str, int] = {}
    any_step: set[str] = set()  # laws with a step of any kind, a status-only one included
    for st in ctx.notes.get("law_steps", []):
        if st.event:
            steps_by_law[st.law] = steps_by_law.get(st.law, 0) + 1
        if st.event or st.status and st.kind not in ("consider", "violate"):
            any_step.add(st.law)
    uf = _Union(laws)
    names: dict[str, list[tuple[str, str]]] = {}
    for key, law in laws.items():
        own = list(dict.fromkeys((m.title, _origin(m, ctx.text)) for m in mentions.get(key, [])
                                 if m.strength not in ("anaphor", "indefinite")))  # each name once
        if not own:
            own = [(law.title, "reference" if not mentions.get(key) or all(
                m.strength in ("anaphor", "indefinite") for m in mentions[key]) else "description")]
        names[key] = own

    known = {k: set(v) for k, v in names.items()}
    # what the law does, where the sentence says it of one law only ("signed a bill on X aimed at Y")
    # (the description must be the law's mention, or the object or subject of one of its steps)
    anchors: dict[int, list[tuple[int, int, str]]] = {}  # sentence -> (start, end, law) in document offsets
    for k, ms in mentions.items():
        for m in ms:
            anchors.setdefault(m.sentence, []).append((m.start, m.end, k))
    for st in ctx.notes.get("law_steps", []):
        if st.law in laws and st.event:
            anchors.setdefault(st.sentence, []).append((st.start, st.start, st.law))
    for si, spans in anchors.items():
        if si >= len(ctx.sentences) or len({k for _, _, k in spans}) != 1:
            continue
        key = spans[0][2]
        sentence = ctx.sentences[si]
        for ds, de, text in descriptions(sentence.text):
            ds, de = ds + sentence.start, de + sentence.start
            if not any(a < de and ds < b or 0 <= ds - b <= 30 or 0 <= a - de <= 30 for a, b, _ in spans):
                continue
            if content_words(text) and (text, "found") not in known[key]:
                known[key].add((text, "found"))
                names[key].append((text, "found"))

    # not laws at all: a post or a principle read as a title ("Minister of Law")
    dropped = {k for k, law in laws.items() if _is_not_a_law(law.title) and not steps_by_law.get(k)}

    # exact: normalised title, acronym
    by_title: dict[tuple[str | None, str], str] = {}
    by_acronym: dict[tuple[str | None, str], str] = {}
    for key, law in laws.items():
        if key in dropped:
            continue
        for name, origin in names[key]:
            if origin in ("weak", "reference"):
                continue
            t = normalized_title(name)
            if t and len(t) > 3:
                other = by_title.setdefault((law.country, t), key)
                uf.union(other, key)
            for a in {acronym_of(name), initials_of(name)} - {None}:
                other = by_acronym.setdefault((law.country, a), key)
                uf.union(other, key)

    # apposition: "Senate Bill No. 2825, the Phivolcs Modernization Act"
    ordered = sorted(((m, k) for k, ms in mentions.items() for m in ms if k not in dropped and not m.target),
                     key=lambda mk: mk[0].start)
    for (a, ka), (b, kb) in zip(ordered, ordered[1:]):
        if a.sentence == b.sentence and ka != kb and a.strength in ("strong", "alias") and \
                b.strength in ("strong", "alias") and 0 <= b.start - a.end <= 30 and \
                _APPOSITION.fullmatch(ctx.text[a.end:b.start] + "") and not (
                _origin(a) == "title" and _origin(b) == "title" and not (
                ctx.text[a.end:b.start].strip().startswith("("))):
            uf.union(ka, kb)

    # the same subject in other words (one side a description)
    live = [k for k in laws if k not in dropped]
    if len(live) <= MAX_SIMILARITY_LAWS:
        # numbers name an act but tell no subject; a word's stem stands for its forms ("regulating", "regulation")
        words = {k: {w[:6] for w in set().union(*(content_words(n) for n, o in names[k] if o not in ("reference",)))
                     if not w.isdigit()} for k in live}
        kinds = {k: {_origin_kind(o) for _, o in names[k]} for k in live}
        for i, a in enumerate(live):
            for b in live[i + 1:]:
                if uf.find(a) == uf.find(b) or laws[a].country != laws[b].country:
                    continue
                if "title" in kinds[a] and "title" in kinds[b]:
                    continue  # two titled acts are two acts unless their titles say they are one
                ka, kb = laws[a].kind or "law", laws[b].kind or "law"
                if kb not in _laws._COMPATIBLE.get(ka, {ka}) and ka not in _laws._COMPATIBLE.get(kb, {kb}):
                    continue  # a cabinet resolution is not the law the deputies passed
                if laws[a].date and laws[b].date and laws[a].date[:4] != laws[b].date[:4]:
                    continue  # steps in different years: two acts
                shared = words[a] & words[b]
                if len(shared) >= 2 and _overlap(words[a], words[b]) >= 0.6 or (
                        len(shared) == 1 and min(len(words[a]), len(words[b])) == 1 and _overlap(words[a], words[b]) == 1
                        and (kinds[a] <= {"weak", "description", "found"} or kinds[b] <= {"weak", "description", "found"})
                        and not _distinct_codes(laws[a].title, laws[b].title)):
                    uf.union(a, b)

    groups: dict[str, LawGroup] = {}
    for key in live:
        root = uf.find(key)
        g = groups.setdefault(root, LawGroup(keys=[]))
        g.keys.append(key)
        g.names.extend(names[key])
    for g in groups.values():
        g.fragment = not any(_telling(n, o) for n, o in g.names)

    # two descriptions of the act one agent signed (or one chamber passed) on one day are one act
    _merge_by_shared_step(groups, laws, ctx.notes.get("law_steps", []))

    # the headline's law phrase: the body's law it describes, else the act the body only refers to,
    # else the body's one act, else an act of its own
    phrase_root: dict[int, str] = {}
    for i, phrase in enumerate(phrases):
        target = _group_for_phrase(groups, phrase, laws, steps_by_law)
        if target is None:
            fragments = [r for r, g in groups.items() if g.fragment and not g.headline]
            solid = [r for r, g in groups.items() if not g.fragment]
            if fragments and (not phrase.plural or phrase.head in ("laws", "amendments", "changes")):
                # the act the body refers to before naming any: its first reference, else the busiest fragment
                target = max(fragments, key=lambda r: (all(o == "reference" for _, o in groups[r].names),
                                                       -min(_first_offset(mentions, k) for k in groups[r].keys),
                                                       sum(steps_by_law.get(k, 0) for k in groups[r].keys)))
            elif len(solid) == 1 and not phrase.plural:
                target = solid[0]
            elif not groups and (not phrase.plural or phrase.head in ("laws", "amendments", "changes")):
                target = f"headline:{i}"
                groups[target] = LawGroup(keys=[], headline=True, fragment=False)
            else:
                continue
        phrase_root[id(phrase)] = target
        g = groups[target]
        g.names.append((phrase.text, "headline"))
        g.headline = True
        g.fragment = False

    # content read as a law (untitled proposals, toughenings, bare references) joins the article's act
    solid = [r for r, g in groups.items() if not g.fragment]
    if solid:
        main = _main_group(groups, solid, laws, steps_by_law, mentions)
        for root in [r for r, g in groups.items() if g.fragment]:
            g = groups.pop(root)
            phrase_root.update({i: main for i, r in phrase_root.items() if r == root})
            groups[main].keys.extend(g.keys)
            groups[main].names.extend(n for n in g.names if n[1] != "reference")
    else:
        # only references: an act the article never names; without a step of its own it is no fact
        for root in [r for r, g in groups.items() if not any(k in any_step for k in g.keys)
                     and all(o == "reference" for _, o in g.names)]:
            for k in groups.pop(root).keys:
                dropped.add(k)
        for g in groups.values():
            g.names.extend(_synthesized_names(ctx, g, mentions))

    # label and key each group; point every fact at it
    remap: dict[str, str] = {}
    root_key: dict[str, str] = {}
    new_laws: list[Law] = []
    for root, g in groups.items():
        label, _ = max(g.names, key=lambda no: (label_score(*no), -len(no[0])), default=("", ""))
        label = _DATE_TAIL.sub("", label).strip() or label  # "bill on X on 29 June": the date is the step's
        members = [laws[k] for k in g.keys]
        country = next((law.country for law in members if law.country), None)
        if not members:
            country = _laws.main_country(ctx)
        code_key = next((k for k in g.keys if _is_code_key(k, laws[k])), None)
        if code_key and not any(o == "title" for _, o in g.names):
            key = code_key
        else:
            key = iris.law_key(country, _laws._title_key_text(label, country)) if label else g.keys[0]
        law = Law(key=key, title=label, country=country, kind=_group_kind(members, g), date=None)
        seen = set()
        for m in members:
            for ev in m.evidence:
                if ev not in seen:
                    seen.add(ev)
                    law.evidence.append(ev)
            for target in m.amends:
                if target not in law.amends:
                    law.amends.append(target)
        law.aliases = _aliases(g, label)
        if not members:
            headline = ctx.sentences[0] if ctx.sentences else None
            if headline is not None:
                law.evidence.append(ctx.evidence(headline))
        for k in g.keys:
            remap[k] = key
        root_key[root] = key
        new_laws.append(law)
    for k in dropped:
        remap[k] = ""
    ctx.extraction.laws[:] = _unique(new_laws)
    return remap, {i: root_key[r] for i, r in phrase_root.items() if r in root_key}


def _origin_kind(origin: str) -> str:
    return "title" if origin in ("title", "number") else origin


def _distinct_codes(a: str, b: str) -> bool:
    ca = {m.group(0).lower() for m in _laws.CODE_RE.finditer(a)}
    cb = {m.group(0).lower() for m in _laws.CODE_RE.finditer(b)}
    return bool(ca and cb and not ca & cb)


def _is_code_key(key: str, law: Law) -> bool:
    return law.kind == "code" and key.endswith(("-code", "-codes"))


def _group_kind(members: list[Law], g: LawGroup) -> str | None:
    kinds = [law.kind for law in members if law.kind]
    for preferred in ("code", "bill", "act", "decree", "resolution", "law", "amendment", "treaty", "proposal"):
        if preferred in kinds:
            return preferred
    if g.headline:
        head = next((n for n, o in g.names if o == "headline"), "")
        return _laws._kind_of(head) if head else "law"
    return kinds[0] if kinds else None


def _aliases(g: LawGroup, label: str) -> list[str]:
    out, seen = [], {normalized_title(label)}
    for name, origin in g.names:
        if origin in ("reference", "weak") or label_score(name, origin) < 3:
            continue
        n = normalized_title(name)
        if n and n not in seen:
            seen.add(n)
            out.append(name)
    return out


def _unique(laws: list[Law]) -> list[Law]:
    by_key: dict[str, Law] = {}
    for law in laws:
        if law.key in by_key:
            kept = by_key[law.key]
            kept.evidence.extend(e for e in law.evidence if e not in kept.evidence)
            kept.aliases.extend(a for a in law.aliases if a not in kept.aliases)
        else:
            by_key[law.key] = law
    return list(by_key.values())


def _group_for_phrase(groups: dict[str, LawGroup], phrase: LawPhrase, laws, steps_by_law) -> str | None:
    words = phrase.words
    best, best_score = None, 0.0
    for root, g in groups.items():
        if g.fragment:
            continue
        gw = set().union(*(content_words(n) for n, o in g.names if o not in ("reference",)))
        score = _overlap(words, gw)
        codes_p = {m.group(0).lower() for m in _laws.CODE_RE.finditer(phrase.text)}
        codes_g = {m.group(0).lower() for n, _ in g.names for m in _laws.CODE_RE.finditer(n)}
        if codes_p and codes_g and codes_p & codes_g:
            score = max(score, 0.75)
        if score > best_score:
            best, best_score = root, score
    if best is not None and best_score >= 0.5:
        return best
    solid = [r for r, g in groups.items() if not g.fragment]
    if len(solid) == 1 and not phrase.plural:
        # the one act of the body, when the headline phrase says nothing against it
        only = solid[0]
        if all(_laws_country_ok(laws, k) for k in groups[only].keys):
            return only
    return None


def _laws_country_ok(laws, key) -> bool:
    return True


def _main_group(groups, solid, laws, steps_by_law, mentions) -> str:
    """The act an article is about: the headline's, else the one most spoken of."""
    def weight(root):
        g = groups[root]
        return (g.headline, sum(steps_by_law.get(k, 0) for k in g.keys),
                sum(len(mentions.get(k, [])) for k in g.keys))
    return max(solid, key=weight)
