"""The headline: which law an article is about, and the step it reports.

A news headline names the article's main act in a few words and says what happened to it,
in the present tense and often in title case: "Parliament adopts media law jailing those
spreading disinformation", "President signs bill on X", "Law on X comes into force",
"Bill proposing Y moved in Senate", "X assents Bill punishing bribery". The per-sentence
extractors leave the headline alone (title case defeats their title patterns); this module
reads it with patterns of its own:

* a **law phrase**: a law noun ("law", "bill", "amendments", "code", "decree", ...) with the
  words before it that qualify it ("media law", "new criminal code", "domestic violence laws")
  and what follows it ("on ...", "to ...", "for ...", "banning ...", "that ..."), up to a verb
  of the headline, a comma or a preposition of place or circumstance;
* a **step**: the verbs of ``kg/data/law_steps.jsonl`` (present tense included), with the agent
  before the verb or after "by".

>>> [p.text for p in law_phrases("Ruritania's assembly adopts press law jailing those who spread rumours")]
['press law jailing those who spread rumours']
>>> [p.text for p in law_phrases("Law For Protection of Rivers & Lakes Enacted By Council",
...                               "The law for the Protection of Rivers and Lakes was published.")]
['law for Protection of Rivers & Lakes']
>>> [p.text for p in law_phrases("Senate Passes Three Key Bills in Late Sitting")]
[]
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..extract import laws as _laws
from ..extract.legal_common import AgentMention, agent_mentions, find_country
from .words import content_words, vague_actor, word_group

__all__ = ["LawPhrase", "HeadlineStep", "law_phrases", "headline_steps", "is_title_case"]

_TOKEN = re.compile(r"[^\W_]+(?:['’\-\.][^\W_]+)*(?:['’]s)?|\([^()]{1,40}\)|&|[^\w\s]")
_NUMBER_WORDS = {"two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "several", "many", "some",
                 "multiple", "various", "dozens", "other", "more"}
_DETERMINERS = {"the", "a", "an", "its", "his", "her", "their", "our", "this", "that", "these", "those"}
_TAIL_START = {"on", "to", "for", "against", "about", "regarding", "concerning", "banning", "with", "that", "which",
               "of", "allowing", "requiring", "aimed", "designed", "meant", "intended", "vs", "vs.", "versus"}
# where a bill is sent ("bill to Senate", "bill to the President"): no aim of the law
_DESTINATIONS = frozenset("Senate Parliament House Assembly Congress President Cabinet Committee Duma Majlis Council Diet "
                          "Governor King Queen Monarch Legislature Sejm Seimas Knesset Lords Commons".split())
_HEADS_NOT_IN_HEADLINE = {"document", "project", "initiative", "proposal", "draft", "drafts", "package"}


@dataclass
class LawPhrase:
    start: int  # offsets in the headline (= the document text, which starts with it)
    end: int
    text: str  # as a label: title case undone where the words are not names
    head: str  # the law noun
    plural: bool

    @property
    def words(self) -> set[str]:
        return content_words(self.text)


@dataclass
class HeadlineStep:
    kind: str  # a step kind of law_steps.jsonl
    start: int
    end: int
    agents: list[AgentMention] = field(default_factory=list)
    passive: bool = False
    phrase: LawPhrase | None = None  # the law the step is about, when the headline names it


def is_title_case(text: str) -> bool:
    """Whether a headline capitalises (almost) every word: then capitals say nothing about names."""
    words = [w for w in re.findall(r"[^\W\d_]{4,}", text)]
    if len(words) < 3:
        return False
    return sum(w[0].isupper() for w in words) >= 0.7 * len(words)


def _tokens(text: str) -> list[tuple[str, int, int]]:
    return [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def law_phrases(title: str, body: str = "") -> list[LawPhrase]:
    """The law phrases of a headline, left to right (a phrase whose words are all generic is left out)."""
    tokens = _tokens(title)
    nouns = word_group("law_nouns")
    verbs = word_group("change_verbs")
    stops = word_group("phrase_stops")
    out: list[LawPhrase] = []
    taken_to = -1
    title_case = is_title_case(title)
    for i, (tok, s, e) in enumerate(tokens):
        low = tok.lower()
        if i <= taken_to or low not in nouns or low in _HEADS_NOT_IN_HEADLINE or low in ("measure", "measures"):
            continue
        if low in ("changes",) and not (i + 1 < len(tokens) and tokens[i + 1][0].lower() in ("to", "in")):
            continue
        # a compound of law nouns is one head: "reform law", "Code amendments", "Code (Amendment) Bill"
        while i + 1 < len(tokens) and (tokens[i + 1][0].lower() in nouns - _HEADS_NOT_IN_HEADLINE or (
                tokens[i + 1][0].startswith("(") and i + 2 < len(tokens) and tokens[i + 2][0].lower() in nouns)):
            i += 1
        low = tokens[i][0].lower()
        # the words before the noun that qualify it
        j = i
        while j > 0 and i - j < 6:
            prev, _, _ = tokens[j - 1]
            pl = prev.lower()
            if pl in ("draft", "drafts") and j == i:
                j -= 1  # "draft law": the compound names one act
                continue
            if j - 1 <= taken_to or pl in _DETERMINERS or pl in verbs or pl in stops or pl.endswith(("'s", "’s")):
                break  # a possessive names the owner ("Erdogan's media law"), not the law
            if not (prev[0].isalnum() or prev.startswith("(") or prev == "&"):
                break
            if pl in ("of", "on", "for", "to", "in", "with", "at", "from", "by", "about", "over", "against", "reading",
                      "readings"):
                break  # "passage of anti-corruption bill", "rule of law": what precedes is not the law's name
            j -= 1
        if j < i and tokens[j][0].lower() in _NUMBER_WORDS | {"crucial", "important", "key"} and low.endswith("s"):
            continue  # "four crucial bills": several laws, none of them one law
        if tokens[j][0].lower() in _NUMBER_WORDS:
            j += 1
        if j == i and i >= 2 and tokens[i - 1][0].lower() in ("of", "on", "for", "in") and \
                tokens[i - 2][0].lower() in word_group("not_law_heads"):
            continue  # "rule of law", "Minister of Law": a principle or a post, not an act
        if j + 1 == i and find_country(tokens[j][0]):
            j += 1  # "Kyrgyzstan laws": the country is the jurisdiction, not the law's name
        k = i  # the last token of the phrase
        # a year or a number right after the noun belongs to the title ("Bill 2021", "Bill No. 5")
        if k + 1 < len(tokens) and re.fullmatch(r"(?:19|20)\d\d|\d{1,5}", tokens[k + 1][0]):
            k += 1
        if k + 1 < len(tokens):
            nxt = tokens[k + 1][0].lower()
            after = tokens[k + 2][0] if k + 2 < len(tokens) else ""
            if nxt == "to" and (after in _DESTINATIONS or after.lower() == "the" and k + 3 < len(tokens)
                                and tokens[k + 3][0] in _DESTINATIONS):
                pass  # "sends bill to Senate": where the bill goes, not what it is for
            elif nxt in _TAIL_START or (nxt.endswith("ing") and nxt not in stops and len(nxt) > 4):
                end = k + 1
                while end + 1 < len(tokens) and end - k < 12:
                    word, _, _ = tokens[end + 1]
                    wl = word.lower()
                    after_to = tokens[end][0].lower() == "to"  # "law to amend ...": a verb after "to" is the law's aim
                    if wl in stops and not after_to or wl in verbs and wl not in _TAIL_START and not after_to or not (
                            word[0].isalnum() or word == "&" or word.startswith("(")):
                        break
                    end += 1
                while end > k and tokens[end][0].lower() in _TAIL_START | _DETERMINERS | {"and", "&"}:
                    end -= 1
                if end > k + 1 or (end == k + 1 and tokens[end][0].lower() not in _TAIL_START):
                    k = end
        start, stop = tokens[j][1], tokens[k][2]
        text = title[start:stop]
        if not content_words(text) - {low}:
            continue
        taken_to = k
        out.append(LawPhrase(start, stop, _label_case(text, body) if title_case else text, low,
                             low.endswith("s") and low not in ("changes",)))
    return out


_INNER_CAPITAL = re.compile(r"(?<=[A-Za-z,;])\s+([A-Z][\w'’\-]*)")


def _label_case(text: str, body: str) -> str:
    """Undo title case: a word stays capitalised when the body writes it so inside a sentence."""
    names = set(_INNER_CAPITAL.findall(body))

    def fix(m: re.Match) -> str:
        word = m.group()
        if word.isupper() and len(word) > 1 or not word[0].isupper() or word in names:
            return word
        return word[0].lower() + word[1:]
    return re.sub(r"[^\W\d_][\w'’\-]*", fix, text)


_ROLE_AFTER = re.compile(r"[’']?s?\s+(?:supreme\s+)?(?:leader|president|chief|head|chairman|chairwoman|minister|governor|"
                         r"king|emir|premier|speaker)\b", re.I)


def _role_words(title: str, start: int, end: int) -> list[AgentMention]:
    """A headline's actor named by role alone ("PM approves ...", "... enacted by Taliban leader"):
    the last such words in ``title[start:end]``, as a mention with no entity behind it."""
    found = None
    for m in re.finditer(r"[^\W\d_]+(?:\s+[^\W\d_]+)?", title[start:end]):
        for words in (m.group(), m.group().split()[-1]):
            actor = vague_actor(words)
            if actor is not None:
                found = AgentMention(start + m.start(), start + m.end(), None, actor.role)
                break
    return [found] if found else []


def headline_steps(ctx, phrases: list[LawPhrase]) -> list[HeadlineStep]:
    """The steps a headline reports: kind, agents, and the phrase of the law they concern."""
    title = ctx.document.title
    folded = title.lower()
    agents = agent_mentions(ctx, title)
    out: list[HeadlineStep] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _laws._step_patterns():
        if kind in ("consider", "violate"):
            continue
        for m in pattern.finditer(title):
            cs, ce = m.span()
            if any(a < ce and cs < b for a, b in taken) or any(p.start <= cs and ce <= p.end for p in phrases):
                continue
            head = title[max(0, cs - 40):cs]
            if _laws._FUTURE.search(head) or _laws._NEGATION.search(head) or re.search(
                    r"\b(?:move|moves|bid|bids|plan|plans|set|seek|seeks|vow|vows|push|pushes)\s+to\s*$", head, re.I):
                continue  # "lawmakers move to toughen ...": an intention, not a step
            if kind == "sign" and _laws._AWAITING.search(head) or re.search(
                    r"\b(?:asks?|urges?|calls?\s+on|wants?|tells?|presses?|pushes?)\s+(?:\w+\s+){0,3}to\s+(?:\w+\s+)?$", head, re.I):
                continue  # "asks President to refuse assent to ...": a request, not a step
            taken.append((cs, ce))
            after = folded[ce:]
            by = re.match(r"\s+(?:by|from)\s+", after)
            step = HeadlineStep(kind, cs, ce, passive=by is not None)
            if by:
                step.agents = [a for a in agents if a.start >= ce + by.end()][:1]
                if step.agents and _ROLE_AFTER.match(title, step.agents[0].end):
                    step.agents = []  # "enacted by Taliban leader": the leader, not the movement
                if not step.agents:
                    step.agents = _role_words(title, ce + by.end(), len(title))
                step.phrase = next((p for p in reversed(phrases) if p.end <= cs), None)
            else:
                before = [a for a in agents if a.end <= cs and not any(p.start <= a.start < p.end for p in phrases)]
                step.agents = before[-1:] or _role_words(title, 0, cs)
                step.phrase = next((p for p in phrases if p.start >= ce), None) or next(
                    (p for p in reversed(phrases) if p.end <= cs), None)
            out.append(step)
    out.sort(key=lambda st: st.start)
    return out
