"""Persons with the posts they hold.

A person is read only with a post, since the graph keeps officials and professionals, not
private persons, petitioners or bylines. Names are runs of capitalised words, initials
("Premnath C. Dolawatte", "AHM Mustafa Kamal") and particles ("Nick de Bois"); the post
comes from the words around the name:

- a title before it: "Kazakh President Kassym-Jomart Tokayev", "First Deputy Prosecutor
  General Johan Merkel", "former Minister of National Economy X", "Mazhilis Speaker X",
  or before a comma: "Kazakhstan’s Commissioner for Children’s Rights, X";
- an apposition after it: "X, Head of the Department ... at the Prosecutor General’s
  Office, reported", "X, former President of Kyrgyzstan and now Special Representative ...";
- membership: "X of the feminist group Feminita";
- a description in lower case before or after it: "the head of the working group, X",
  "X, the secretary of state for public affairs, said" (any post title, in any case, heads it);
  a role given by a verb: "X, who heads the committee on security";
- a plural title over a list of names: "Senators X and Y";
- abbreviated titles ("Gov.", "Lt. Gov.", "state Rep."), initials glued to the name
  ("B.Enkhbayar", "Ts.Davaasuren"), and honorifics from ``kg/data/honorifics.csv``: courtesy
  forms are skipped, an epithet after a title ends the title ("Father of the Nation
  Bangabandhu Sheikh X"), alone it styles the person and is the role ("Quaid-e-Azam X").

The title is copied from the text; a demonym or country in it ("Kazakh", "Uzbekistan’s",
"of Turkmenistan") gives the post's country and is left out of the title, "former" sets
``Post.former``; a post of the UN or another international body has no country; otherwise
the document's main country. Later mentions by surname ("Zakiyeva said") join the same
person, and spelling variants of a name already read are merged as aliases.
"""
from __future__ import annotations

import bisect
import csv
import re
import difflib
from dataclasses import dataclass, field
from functools import lru_cache

from ..iris import slug
from .countries import is_title_case, main_country
from .gazetteers import PhraseIndex, Token, body_index, data_lines, place_index, post_index, posts, topic_words
from .model import Person, Post
from .sentences import sentence_matches, sentence_tokens
from .organizations import HEADS, LAW_WORDS, PLURAL_HEADS, org_mentions

__all__ = ["extract_persons"]

def _honorifics(kind: str) -> frozenset[str]:
    """The honorifics of ``kind`` in ``kg/data/honorifics.csv`` (courtesy forms, or epithets)."""
    return frozenset(row["honorific"] for row in csv.DictReader(data_lines("honorifics.csv")) if row["kind"] == kind)


HONORIFICS = _honorifics("courtesy")
# forms of address never part of a name ("Hon. X", "Datuk X"); "Sheikh" and "Chief" also open names and posts
_FORM_OF_ADDRESS = frozenset(h for h in HONORIFICS if " " not in h and h not in ("Sheikh", "Chief"))
EPITHETS = _honorifics("epithet")
PARTICLES = frozenset("de da del della di du van von der den la le bin ibn al el ul ur dos das".split())
MODIFIERS = frozenset("""former acting first deputy vice then ex interim outgoing incumbent newly new appointed
senior chief current now also later retired ex- another state federal""".split())
CONNECTORS = frozenset(("of", "for", "on", "the", "and", "’s", "'s", "-", "at", "in", "to", "under"))
_NOT_NAME = frozenset("""The A An This That These Those It Its He She They We I You His Her Their Our In On At By For
From With Of To As After Before During Since Under Over Through And But Or If When While Although According Also
Then Now Today Yesterday Tomorrow Earlier Later Meanwhile However Thus Therefore Moreover Currently Image Photo
Source Author Read More Related News Latest Popular Picture Video Share January February March April May June July
August September October November December Monday Tuesday Wednesday Thursday Friday Saturday Sunday Mr Mrs Ms Dr
Prof Republic Law Code Article Bill Act Decree Section Part Chapter Paragraph Criminal Civil Administrative
Penal Procedure Constitution Government State Parliament Senate Taliban Islamic Emirate God Allah Covid COVID
Coronavirus Telegram Facebook Instagram Twitter YouTube WhatsApp Day Week Year New Old Central Asia Asian Europe
European Africa African Middle East West Western North Northern South Southern Eastern Soviet Union Royal Assent
Speaking Welcoming Presenting Piloting Guided Conducting Drafts Deputies Members""".split())
_STOP_LOWER_LEADS = ("who is", "who was", "who serves as", "who served as", "who is also", "who also serves as")
_PARTICLE_NAME = re.compile(r"(?:al|el|ad|as|ash|at|az|ud|ul|bin|ibn|abu|bint|van|de|di|da|du|le|la|dos)-[A-Z][a-z]")
_INTL_KINDS = ("un", "international")


@dataclass
class _Candidate:
    words: list[str]
    start: int
    end: int
    sentence: int
    posts: list[tuple[Post, str | None]] = field(default_factory=list)  # (post, organization label)
    display: str = ""  # the name as written ("B.Enkhbayar" keeps its glued initial)


@lru_cache(maxsize=65536)
def _plural_of_post(word: str) -> bool:
    """"Representatives", "Deputies": the word without its final "s" opens a post title."""
    return post_index().match_at([Token(word[:-1], 0, 0)], 0) is not None


@lru_cache(maxsize=1)
def _never_names() -> frozenset[str]:
    """Capitalised words never read as part of a name: topic words of portfolios, sentence openers and
    other common capitalised words, organization heads, also in the plural ("Committees")."""
    return frozenset(topic_words() | _NOT_NAME | HEADS | PLURAL_HEADS)


# "X, who heads the Y": the post the verb names
_ROLE_VERBS = {"heads": "head", "leads": "leader", "chairs": "chair", "runs": "head", "directs": "director",
               "headed": "head", "led": "leader", "chaired": "chair"}
# determiners that open a description of a person: "the head of ...", "his predecessor"
_OPENERS = frozenset("the The his His her Her its Its their Their our Our a A an An".split())
# post words that are mostly other things in lower case: never the head of a lower-case description
_LOOSE_POST_SKIP = frozenset("general justice major chair host member marshal prince king queen".split())


@lru_cache(maxsize=1)
def _loose_post_index() -> PhraseIndex:
    """Every post title in lower case (for descriptions: "the head of the working group, X")."""
    index: PhraseIndex = PhraseIndex()
    for rec in posts():
        index.add(rec.title.lower(), rec)
    return index


@lru_cache(maxsize=4096)
def _singular_post(word: str) -> str | None:
    """"Senators" -> "Senator", "Deputies" -> "Deputy": the one-word post a plural names, else None."""
    if len(word) < 4 or not word.endswith("s") or not word[:1].isupper():
        return None
    for single in ((word[:-3] + "y") if word.endswith("ies") else None, word[:-1]):
        if single:
            hit = post_index().match_at([Token(single, 0, 0)], 0)
            if hit is not None and hit[0] == 1:
                return single
    return None


#: given names written short before the rest of the name (South and Southeast Asian usage)
_NAME_ABBREVIATIONS = frozenset({"Md", "Mohd", "Muhd", "Mst"})
_QUOTE_OPEN = frozenset('"“‘\'')
_QUOTE_CLOSE = frozenset('"”’\'')


def _name_word(text: str) -> bool:
    return len(text) > 1 and text[0].isupper() and text[1:].islower() and text.isalpha()


class _Reader:
    """Names and their posts in one sentence."""

    def __init__(self, ctx, k: int, tokens: list[Token], orgs, main: str | None, org_by_key: dict):
        self.ctx, self.k, self.t = ctx, k, tokens
        self.n = len(tokens)
        self.main = main
        self.org_by_key = org_by_key
        self.org_at: list[object | None] = [None] * self.n  # OrgMention covering the token
        starts = [tok.start for tok in tokens]
        for m in orgs:
            x = bisect.bisect_left(starts, m.start)
            while x < self.n and tokens[x].start < m.end:
                self.org_at[x] = m
                x += 1
        self.nonname = [False] * self.n
        post_ends = set()
        for a, b, _ in sentence_matches(ctx, "post")[k]:
            post_ends.add(b)
        for name in ("place", "media", "post"):
            for a, b, value in sentence_matches(ctx, name)[k]:
                if name == "place" and b == a + 1 and a in post_ends and getattr(value, "kind", None) in (
                        "region", "capital") and b < self.n and tokens[b].text[:1].isupper():
                    continue  # "Gov. Mary Jones": a town's name used as a first name right after a post
                for x in range(a, b):
                    self.nonname[x] = True
        for a, b, value in sentence_matches(ctx, "place")[k]:
            # "Senator Matías Lagos Urrutia": a town's name between two words of a name is one of them
            if b == a + 1 and 0 < a and b < self.n and getattr(value, "kind", None) in ("region", "capital") and \
                    _name_word(tokens[a - 1].text) and _name_word(tokens[b].text) and \
                    not self.nonname[a - 1] and not self.nonname[b]:
                self.nonname[a] = False
        never = _never_names()
        for x, tok in enumerate(tokens):
            if not tok.text[:1].isupper() and "-" not in tok.text:
                continue  # read only for a capitalised word or a hyphenated particle (see _read_nameable)
            if self.org_at[x] is not None or tok.text in never or tok.text in _FORM_OF_ADDRESS:
                self.nonname[x] = True
            elif tok.text.endswith("s") and _plural_of_post(tok.text):
                self.nonname[x] = True  # "Representatives", "Deputies"
        # whether each token may be a word of a name: read once, only for a capitalised word or a
        # hyphenated particle (any other token is not; see _read_nameable)
        self._nameable_at = [self._read_nameable(x) if tok.text[:1].isupper() or "-" in tok.text else False
                             for x, tok in enumerate(tokens)]

    # names ---------------------------------------------------------------------------------------
    def _initial(self, x: int) -> bool:
        """"B." in "B. Smith" or "B.Enkhbayar"; a two-letter initial only glued to the name ("Ts.Davaasuren",
        "Sh.Bat": Mongolian patronymic initials)."""
        tok = self.t[x]
        if not (x + 1 < self.n and self.t[x + 1].text == "." and self.t[x + 1].start == tok.end):
            return False
        text = tok.text
        if len(text) == 1:
            return text.isupper()
        if text in _NAME_ABBREVIATIONS:
            return x + 2 < self.n and self.t[x + 2].text[:1].isupper()  # "Md. Abdul Karim": Muhammad, written short
        return len(text) == 2 and text[0].isupper() and text[1].islower() and text not in HONORIFICS \
            and x + 2 < self.n and self.t[x + 2].start == self.t[x + 1].end and self.t[x + 2].text[:1].isupper()

    def _nameable(self, x: int) -> bool:
        """Whether token ``x`` may be a word of a name (computed once per token)."""
        return self._nameable_at[x]

    def _read_nameable(self, x: int) -> bool:
        tok = self.t[x]
        text = tok.text
        if "-" not in text and not text[:1].isupper():
            return False  # neither a capitalised word nor a hyphenated particle
        if self.nonname[x] or (not text.isalpha() and any(c.isdigit() for c in text)):
            return False
        if not text[:1].isupper():
            # "Abdel Fattah al-Sisi", "Omar el-Bashir": a hyphenated particle with a capitalised name
            return bool(_PARTICLE_NAME.match(text)) and x > 0 and self.t[x - 1].text[:1].isupper() \
                and not self.nonname[x - 1]
        if self._initial(x):
            return True
        if len(text) < 2 or not text[0].isalpha():
            return False
        if text.isupper():
            # "AHM Mustafa Kamal": an all-capitals block of initials opens a name
            return len(text) <= 4 and x + 1 < self.n and self.t[x + 1].text[:1].isupper() \
                and not self.t[x + 1].text.isupper() and not self.nonname[x + 1]
        return True

    def names(self) -> list[tuple[int, int]]:
        out, x = [], 0
        while x < self.n:
            if not self._nameable(x) or (x > 0 and self.t[x - 1].text in ("-",)):
                x += 1
                continue
            j = x
            skip: set[int] = set()  # a nickname in quotes inside the name ("Maria Lourdes "Malou" Javier")
            while j < self.n:
                if self._nameable(j):
                    j += 2 if self._initial(j) else 1
                elif j > x and self.t[j].text in _QUOTE_OPEN and j + 3 < self.n and \
                        self.t[j + 2].text in _QUOTE_CLOSE and self.t[j + 1].text[:1].isupper() and self._nameable(j + 3):
                    skip.update(range(j, j + 3))
                    j += 3
                elif self.t[j].text in PARTICLES and j > x and (
                        (j + 1 < self.n and self._nameable(j + 1)) or (
                        j + 2 < self.n and self.t[j + 1].text in PARTICLES and self._nameable(j + 2))):
                    j += 1  # "Nick de Bois", "Maria van der Berg"
                else:
                    break
            end = j
            while end > x and (self.t[end - 1].text == "." or self.t[end - 1].text in PARTICLES):
                end -= 2 if self.t[end - 1].text == "." else 1
            words = [t.text for i, t in enumerate(self.t[x:end], x) if t.text != "." and i not in skip]
            if end > x and self._in_law_title(end):
                words = []  # "General Clauses (Amendment) Bill": words of a law's title
            if words and not all(len(w) == 1 for w in words) and len(words) <= 5 and end > x:
                if not (len(words) == 1 and words[0].isupper()):
                    out.append((x, end))
            x = max(j, x + 1)
        return out

    def _in_law_title(self, end: int) -> bool:
        """Whether the capitalised words ending before token ``end`` open a law's title."""
        t, n = self.t, self.n
        if end < n and t[end].text in LAW_WORDS:
            return True
        if end + 3 < n and t[end].text == "(" and t[end + 2].text == ")" and t[end + 3].text in LAW_WORDS:
            return True
        return False

    # titles --------------------------------------------------------------------------------------
    def _is_post(self, x: int) -> bool:
        return post_index().match_at(self.t, x) is not None

    def title_before(self, a: int) -> list[tuple[int, int]]:
        """Token ranges of titles right before the name (a second one before a comma)."""
        t = self.t
        j = a - 1
        while j >= 0 and (t[j].text.rstrip(".") in HONORIFICS or (t[j].text == "." and j > 0
                                                                  and t[j - 1].text in HONORIFICS)):
            j -= 1
        comma = False
        if j >= 0 and t[j].text == ",":
            j -= 1
            comma = True
        out = []
        for _ in range(2):
            span = self._walk_left(j, comma)
            if span is None and comma and not out:
                span = self._described_before(j)
            if span is None:
                break
            out.append(span)
            s = span[0]
            if s >= 2 and t[s - 1].text == ",":
                j = s - 2
            else:
                break
        return out

    def _abbreviated_post_ends(self, dot: int) -> bool:
        """Whether the "." at ``dot`` ends an abbreviated post title ("Gov.", "Sen.", "Lt. Gov.")."""
        for start in (dot - 1, dot - 3):
            if start >= 0:
                hit = post_index().match_at(self.t, start)
                if hit and start + hit[0] > dot:
                    return True
        return False

    def _described_before(self, j: int) -> tuple[int, int] | None:
        """"the head of the working group, X", "The ruler of Belarus, X", "the children’s rights commissioner in
        Russia, X", "his predecessor, X": a description in lower case that ends at the comma before the name,
        opened by a determiner and headed by a post word (of any case)."""
        t = self.t
        x = j
        while x >= 0 and j - x < 16 and t[x].text not in (",", ";", ":", "(", ")", "“", "”", '"'):
            if t[x].text in _OPENERS and not (x > 0 and t[x - 1].text in ("of", "for", "in", "at", "on", "to", "with",
                                                                         "from")):
                break  # "the" inside "of the Law ... Ministry" belongs to the complement
            x -= 1
        if x < 0 or t[x].text not in _OPENERS:
            if not (x < 0 and j - x <= 8):
                return None
        s = x + 1
        if s > j:
            return None
        for h in range(s, j + 1):
            hit = _loose_post_index().match_at(t, h)
            if hit is None or t[h].text.lower() in _LOOSE_POST_SKIP:
                continue
            after = h + hit[0]
            if after == j + 1 or (after <= j and t[after].text in ("of", "for", "in", "at", "on", "to", "with")):
                # before the head only modifiers, adjectives and an owner may stand ("the children’s rights ...")
                return s, j + 1
            break
        return None

    def _verbal_role(self, b: int) -> tuple[str, int, int] | None:
        """"X, who heads the committee on security, said": (the post's noun, start, end of what is headed)."""
        t, n = self.t, self.n
        if not (b + 3 < n and t[b].text == "," and t[b + 1].text == "who"):
            return None
        noun = _ROLE_VERBS.get(t[b + 2].text)
        if noun is None or t[b + 3].text not in ("the", "a", "an", "its", "their", "his", "her") and \
                not t[b + 3].text[:1].isupper():
            return None
        q = b + 3
        while q < n and q - b < 18 and t[q].text not in (",", ".", ";", ":", "(", ")"):
            q += 1
        if q >= n or t[q].text not in (",", ".", ";") or q - (b + 3) < 2:
            return None
        # what is headed is a body: a named one, or a phrase with an organization's head word ("the committee")
        if not any(self.org_at[x] is not None or t[x].text.capitalize() in HEADS for x in range(b + 3, q)):
            return None
        return noun, b + 3, q

    def _described_after(self, b: int) -> tuple[int, int] | None:
        """"X, the secretary of state for public affairs, said": a lower-case apposition headed by a post word,
        closed by a comma or the end of the sentence."""
        t, n = self.t, self.n
        if b >= n or t[b].text != ",":
            return None
        p = b + 1
        if p < n and t[p].text in _OPENERS:
            p += 1
        for h in range(p, min(n, p + 4)):
            if t[h].text in (",", ".", ";"):
                return None
            hit = _loose_post_index().match_at(t, h)
            if hit is None or t[h].text.lower() in _LOOSE_POST_SKIP:
                continue
            q = h + hit[0]
            if q < n and t[q].text in ("of", "for", "in", "at", "on", "to", "with"):
                while q < n and q - h < 14 and t[q].text not in (",", ".", ";", ":", "(", ")", "“", "”", '"'):
                    q += 1
            if q >= n or t[q].text in (",", ".", ";", ")"):
                return p, q
            return None
        return None

    def _walk_left(self, j: int, comma: bool = False) -> tuple[int, int] | None:
        span = self._walk_left_titled(j)
        if span is None and comma and j >= 0 and self.t[j].text.islower():
            # "the chairwoman of the budget committee, X": a lower-case complement after "of the"
            t = self.t
            x = j
            while x > 0 and j - x < 5 and t[x].text.islower() and t[x].text not in ("of", "for", "on"):
                x -= 1
            if x > 0 and t[x].text in ("of", "for", "on") and self._is_post(x - 1):
                head = self._walk_left_titled(x - 1)
                if head is not None:
                    return head[0], j + 1
        return span

    def _walk_left_titled(self, j: int) -> tuple[int, int] | None:
        t = self.t
        if j < 0:
            return None
        end = j + 1
        s = end
        saw_and = False
        steps = 0
        while s - 1 >= 0 and steps < 18:
            tok = t[s - 1]
            text = tok.text
            low = text.lower()
            if self._is_post(s - 1):
                saw_and = False  # a list comma only joins words before the title ("Ecology, Geology and ...")
            if text[:1].isupper() and text not in ("The", "A", "An", "In", "On", "At", "By", "For", "From", "With",
                                                    "According", "Meanwhile", "However", "Earlier", "Also"):
                if text.isupper() and len(text) > 4:
                    break  # a dateline or an agency name in capitals
                s -= 1
            elif low in MODIFIERS or (low == text and self._is_post(s - 1)):
                s -= 1
            elif text == "." and s - 2 >= 0 and t[s - 2].end == tok.start and t[s - 2].text[:1].isupper() \
                    and self._abbreviated_post_ends(s - 1):
                s -= 1  # "Gov. Ron DeSantis", "Lt. Gov. X": the dot of an abbreviated title
            elif text in CONNECTORS and s < end:
                if text == "and":
                    if s - 2 >= 0 and self._nameable(s - 2) and not self.nonname[s - 2]:
                        break  # "Sekerbayeva and another co-founder": another person
                    saw_and = True
                s -= 1
            elif text == "," and saw_and and s - 2 >= 0 and t[s - 2].text[:1].isupper() and s < end:
                s -= 1
            else:
                break
            steps += 1
        # trim connectors and determiners at the left edge
        while s < end and (t[s].text in CONNECTORS or t[s].text in (",", "The", "the") or t[s].text.lower() in (
                "another", "its", "their", "his", "her", "now", "also")):
            s += 1
        if s >= end:
            return None
        heads = [x for x in range(s, end) if self._is_post(x)]
        if not heads:
            return None
        # after the head only a complement may follow ("President of Turkmenistan"); a post word inside the
        # complement is a portfolio ("Minister of Justice and Internal Affairs"), not the head
        for head in reversed(heads):
            length = post_index().match_at(t, head)[0]
            rest = [t[x].text for x in range(head + length, end)]
            if not rest or rest[0] in ("of", "for", "on", "at", "’s", "'s"):
                return s, end
        return None

    def title_after(self, b: int) -> list[tuple[int, int]]:
        """Token ranges of an apposition: "X, Head of the Department ..., said"."""
        t, n = self.t, self.n
        if b >= n or t[b].text != ",":
            return []
        p = b + 1
        rest = " ".join(tok.text for tok in t[p:p + 5]).lower()
        for lead in sorted(_STOP_LOWER_LEADS, key=len, reverse=True):
            if rest.startswith(lead + " "):
                p += len(lead.split())
                break
        while p < n and t[p].text in ("the", "a", "an"):
            p += 1
        q = p
        steps = 0
        while q < n and steps < 28:
            tok = t[q]
            text = tok.text
            if text[:1].isupper() or text in CONNECTORS or text.lower() in MODIFIERS or self._is_post(q):
                q += 1
            elif text == "," and self._list_continues(q):
                q += 1
            else:
                break
            steps += 1
        while q > p and t[q - 1].text in CONNECTORS:
            q -= 1
        if q <= p:
            return []
        if q + 1 < n and t[q].text == "," and self._nameable(q + 1) and q + 2 < n and self._nameable(q + 2):
            return []  # "host X, Vice Chair of Y, Ebenezer Kum, said": the title is Kum's
        heads = [x for x in range(p, min(q, p + 9)) if self._is_post(x)]
        if not heads:
            return []
        # the phrase must open with the title (or an owner's possessive, or a modifier)
        first = heads[0]
        lead = [t[x].text for x in range(p, first)]
        if lead and not ("’s" in lead or "'s" in lead or all(w.lower() in MODIFIERS or w[:1].isupper() for w in lead)):
            return []
        # "former President of X and now Special Representative of Y": two posts
        spans, s = [], p
        for x in range(p, q):
            if t[x].text == "and" and x + 1 < q and (t[x + 1].text.lower() in MODIFIERS or self._is_post(x + 1)):
                spans.append((s, x))
                s = x + 1
                while s < q and t[s].text.lower() in ("now", "also"):
                    s += 1
        spans.append((s, q))
        return [sp for sp in spans if sp[1] > sp[0] and any(self._is_post(x) for x in range(*sp))]

    def _list_continues(self, comma: int) -> bool:
        t = self.t
        m = comma + 1
        while m < self.n and m - comma < 12:
            if t[m].text == "and":
                return True
            if not (t[m].text[:1].isupper() or t[m].text == ","):
                return False
            m += 1
        return False

    def membership(self, b: int) -> tuple[int, int, object] | None:
        """"X of the feminist group Feminita" -> the organization mention."""
        t = self.t
        if b + 1 >= self.n or t[b].text != "of":
            return None
        x = b + 1
        if t[x].text in ("the", "a", "an"):
            x += 1
        for _ in range(4):
            if x < self.n and self.org_at[x] is not None:
                return b, x, self.org_at[x]
            if x < self.n and t[x].text.islower() and t[x].text not in CONNECTORS:
                x += 1
            else:
                break
        return None

    # turning a title span into a post ---------------------------------------------------------------
    def post(self, s: int, e: int) -> tuple[Post, str | None]:
        t = self.t
        former = False
        country = None
        intl = False
        org_key = None
        # modifiers
        words = list(range(s, e))
        keep = []
        for x in words:
            if t[x].text.lower() in ("former", "ex", "ex-") and not keep:
                former = True
                continue
            keep.append(x)
        # a leading demonym, country or owner's possessive: "Kazakh", "Uzbekistan’s", "the UN Council’s"
        places = {a: (b, p) for a, b, p in place_index().finditer(t[s:e])}
        if keep:
            first = keep[0]
            hit = places.get(first - s)
            if hit and hit[1].kind in ("name", "alias", "demonym"):
                after = hit[0] + s
                org_there = self.org_at[first]
                if org_there is None or org_there.end <= t[first].end or (
                        after < e and t[after].text in ("’s", "'s")):
                    country = hit[1].iso
                    keep = [x for x in keep if x >= after]
                    if keep and t[keep[0]].text in ("’s", "'s"):
                        keep = keep[1:]
            poss = [i for i, x in enumerate(keep) if t[x].text in ("’s", "'s")]
            if poss and not any(self._is_post(x) for x in keep[:poss[0]]):
                owner = keep[:poss[0]]
                for x in owner:
                    if self.org_at[x] is not None:
                        org_key = self.org_at[x].key
                keep = keep[poss[0] + 1:]
        # a trailing "of <Country>"
        if len(keep) >= 2 and t[keep[-2]].text == "of":
            hit = place_index().match_at(t, keep[-1])
            if hit and hit[1].kind in ("name", "alias") and hit[0] == 1 and self.org_at[keep[-1]] is None:
                country = country or hit[1].iso
                keep = keep[:-2]
        if not keep:
            keep = list(range(s, e))
        title = self.ctx.text[t[keep[0]].start:t[keep[-1]].end]
        org_label = None
        for x in range(s, e):
            m = self.org_at[x]
            if m is not None:
                org_key = org_key or m.key
                org_label = org_label or m.label
                org = self.org_by_key.get(m.key)
                if org is not None and org.kind in _INTL_KINDS:
                    intl = True
                elif org is not None and org.country and country is None:
                    country = org.country
        for _, _, (rec, _how) in body_index().finditer(t[s:e]):
            if rec.kind in _INTL_KINDS or (rec.country is None and not rec.generic):
                intl = True
        if country is None and not intl:
            for a, b, p in place_index().finditer(t[s:e]):
                if p.kind in ("name", "alias", "demonym") and self.org_at[a + s] is None:
                    country = p.iso
                    break
        if country is None and not intl:
            rec = next((r for _, _, r in post_index().finditer(t[s:e]) if r.country), None)
            country = rec.country if rec else self.main
        return Post(title=title, country=None if intl else country, organization=org_key, former=former), org_label

    def _plural_title(self, a: int) -> tuple[int, int] | None:
        """"Senators X and Y": the one-word plural post right before the first name of a list."""
        j = a - 1
        if j >= 0 and _singular_post(self.t[j].text) and (j == 0 or self.t[j - 1].text not in ("of", "the")):
            return j, j + 1
        return None

    def read(self) -> list[_Candidate]:
        out = []
        listed: tuple[int, tuple[Post, str | None]] | None = None  # (end token, post) of a plural title's list
        for a, b in self.names():
            if b - a >= 3 and a > 0 and self.t[a - 1].text in ("for", "of", "on") and not self.title_before(a):
                # "Minister of State for Personnel Jitendra Singh": the first word ends the title's complement
                span = self._walk_left_titled(a)
                if span is not None:
                    a += 1
            epithet, titles = None, None
            if self.t[a].text in EPITHETS and b - a >= 2:
                titles = self.title_before(a)
                if titles:
                    a += 1  # "Father of the Nation Bangabandhu Sheikh X": the epithet ends the title
                else:
                    epithet = (a, a + 1)  # "Quaid-e-Azam Muhammad Ali Jinnah": styled so, and that is the role
            words, display = [], []
            nickname = set()
            for x in range(a, b):  # a nickname in quotes inside the name is no word of it
                if self.t[x].text in _QUOTE_OPEN and x + 2 < b and self.t[x + 2].text in _QUOTE_CLOSE:
                    nickname.update(range(x, x + 3))
            for x in range(a, b):
                tok = self.t[x]
                if tok.text == "." or x in nickname:
                    continue
                initial = self._initial(x)
                word = tok.text + "." if initial else tok.text
                words.append(word)
                glued = initial and x + 2 < self.n and self.t[x + 2].start == self.t[x + 1].end
                display.append(word + ("" if glued else " "))
            cand = _Candidate(words, self.t[a].start, self.t[b - 1].end, self.k, display="".join(display).strip())
            for s, e in titles or self.title_before(a):
                cand.posts.append(self.post(s, e))
            if epithet and not cand.posts:
                cand.posts.append(self.post(*epithet))
            plural = self._plural_title(a) if not cand.posts and len(words) >= 2 else None
            if plural:
                post, label = self.post(*plural)
                post.title = _singular_post(self.t[plural[0]].text) or post.title
                cand.posts.append((post, label))
                listed = (b, (post, label))
            elif listed and not cand.posts and len(words) >= 2 and all(
                    self.t[x].text in (",", "and") for x in range(listed[0], a)) and a > listed[0]:
                cand.posts.append(listed[1])  # "... and Robinhood Padilla": the list's post
                listed = (b, listed[1])
            else:
                listed = None
            if b + 2 < self.n and self.t[b].text == "," and self.t[b + 1].text.isdigit() and len(self.t[b + 1].text) <= 3 \
                    and self.t[b + 2].text == ",":
                b += 2  # "Dana Omarova, 56, a lawyer from Almaty": the age before the apposition
            if len(words) >= 2 or cand.posts:
                after = self.title_after(b)
                described = self._described_after(b) if len(words) >= 2 and len(after) <= 1 else None
                if described and (not after or (after[0][0] == described[0] and after[0][1] < described[1])):
                    after = [described]  # "X, a deputy of the ruling party, said": the whole description
                for s, e in after:
                    cand.posts.append(self.post(s, e))
            if not cand.posts and len(words) >= 2:
                verbal = self._verbal_role(b)
                if verbal:
                    post, label = self.post(verbal[1], verbal[2])
                    post.title = f"{verbal[0]} of {self.ctx.text[self.t[verbal[1]].start:self.t[verbal[2] - 1].end]}"
                    cand.posts.append((post, label))
            member = self.membership(b)
            if member and not cand.posts and len(words) >= 2:
                _, _, m = member
                org = self.org_by_key.get(m.key)
                country = None if org is not None and org.kind in _INTL_KINDS else (
                    org.country if org is not None and org.country else self.main)
                cand.posts.append((Post(title=f"member of {m.label}", country=country, organization=m.key), m.label))
            out.append(cand)
        return out


def _display(words: list[str]) -> str:
    return " ".join(words)


def _same_person(short: list[str], full: list[str]) -> bool:
    """Whether ``short`` ("Dolawatte", "Kojo Kum", "Berdymuhamedov") names the person ``full``."""
    s = [w.lower().rstrip(".") for w in short]
    f = [w.lower().rstrip(".") for w in full]
    if s[-1] == f[-1]:
        return len(s) == 1 or all(w in f or (len(w) == 1 and any(x.startswith(w) for x in f)) for w in s)
    if len(s) >= 2 and len(f) >= 2 and s[0] == f[0]:
        return difflib.SequenceMatcher(None, s[-1], f[-1]).ratio() >= 0.8
    if len(s) == 1 and len(s[0]) >= 5:
        return difflib.SequenceMatcher(None, s[0], f[-1]).ratio() >= 0.85
    return False


def extract_persons(ctx) -> None:
    """Add ``ctx.extraction.persons``: every named person who holds a post in the text."""
    main = main_country(ctx)
    mentions = org_mentions(ctx)
    org_by_key = {o.key: o for o in ctx.extraction.organizations}
    by_sentence: dict[int, list] = {}
    for m in mentions:
        by_sentence.setdefault(m.sentence, []).append(m)
    skip_headline = is_title_case(ctx.document.title)
    title_end = len(ctx.document.title)
    candidates: list[_Candidate] = []
    all_tokens = sentence_tokens(ctx)
    for k, sentence in enumerate(ctx.sentences):
        if skip_headline and sentence.start < title_end:
            continue
        tokens = all_tokens[k]
        candidates += _Reader(ctx, k, tokens, by_sentence.get(k, []), main, org_by_key).read()

    people: list[tuple[list[str], Person]] = []
    by_surname: dict[str, list[int]] = {}
    seen: dict[str, set[int]] = {}

    def find(words: list[str], fuzzy: bool) -> Person | None:
        for i in by_surname.get(words[-1].lower().rstrip("."), ()):
            if _same_person(words, people[i][0]):
                return people[i][1]
        if fuzzy:
            for full, person in people:
                if _same_person(words, full):
                    return person
        return None

    def evidence(person: Person, k: int) -> None:
        done = seen.setdefault(person.key, set())
        if k not in done:
            done.add(k)
            person.evidence.append(ctx.evidence(ctx.sentences[k]))

    titled = sorted((c for c in candidates if c.posts), key=lambda c: (-len(c.words), c.start))
    for cand in titled:
        person = find(cand.words, fuzzy=True)
        if person is None:
            if len(cand.words) == 1 and len(cand.words[0]) < 3:
                continue
            name = cand.display or _display(cand.words)
            person = Person(key=slug(name), name=name)
            by_surname.setdefault(cand.words[-1].lower().rstrip("."), []).append(len(people))
            people.append((cand.words, person))
        elif (cand.display or _display(cand.words)) != person.name and \
                (cand.display or _display(cand.words)) not in person.aliases:
            person.aliases.append(cand.display or _display(cand.words))
        for post, _ in cand.posts:
            if all((p.title, p.country, p.former) != (post.title, post.country, post.former) for p in person.posts):
                person.posts.append(post)
        evidence(person, cand.sentence)
    # untitled mentions of a titled person: spelling variants, surnames ("Zakiyeva said")
    for cand in candidates:
        if cand.posts:
            continue
        person = find(cand.words, fuzzy=len(cand.words) >= 2 and len(people) < 200)
        if person is None:
            continue
        text = cand.display or _display(cand.words)
        if text != person.name and text not in person.aliases:
            person.aliases.append(text)
        evidence(person, cand.sentence)
    for _, person in people:
        person.evidence.sort(key=lambda e: e.start)
    ctx.extraction.persons.extend(p for _, p in people if p.posts)


