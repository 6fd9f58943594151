"""Organizations: legislatures and chambers, ministries, courts, committees, parties,
NGOs, UN organs and other bodies named in a document.

Three readings, merged per document:

- the gazetteer of bodies (``kg/data/bodies.jsonl``): every spelling of the world's
  legislatures and chambers ("Mazhilis"/"Majilis", "Wolesi"/"Wolisi Jirga"), parties, UN
  organs and agencies and their acronyms;
- head-noun patterns: a capitalised phrase around an organization noun ("Ministry of
  Justice", "Interior Ministry", "Committee on Constitutional Legislation, State
  Structure and Regulations", "Ghana Bar Association (GBA)", "Uzarchive agency");
- descriptors: "the feminist group Feminita", "a group called X";
- a party named before a legislator's post ("Jamaat-e-Islami Senator X"), a ministry named in
  lower case ("the interior ministry"), and a generic government, cabinet or legislature that
  acts on a law (``kg/data/body_actions.txt``: "the government has signed", "proposed by the
  Government"), kept with the document's country.

A name never runs on into a person, a country's possessive or a law's title ("Association of
Turkmenistan Timur X", "... of Georgia’s Ministry of Justice", "X University Islamabad Bill"),
and spelling variants of one body in one document merge ("Ministry of Virtue" into "Ministry
for the Propagation of Virtue and Prevention of Vice", "United States Supreme Court" into the
Supreme Court, "DPR" into "House of Representatives (DPR)").

Generic references ("the lower house", "the House", "the chamber", "parliament") resolve
to the body the document names; a bare parliament becomes an organization only when the
document names no chamber of that country. A parent body is linked when the text names
it ("Legislative Chamber of the Oliy Majlis" -> "Oliy Majlis"). News outlets cited as
sources are never organizations. Keys are ``kg.iris.org_key(country, label)``.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..iris import org_key
from .countries import is_title_case, main_country
from .gazetteers import BodyRecord, Token, body_index, data_lines, in_portfolio, place_index, post_index, topic_words
from .model import Organization
from .sentences import sentence_folds, sentence_matches, sentence_tokens

__all__ = ["extract_organizations", "OrgMention", "org_mentions"]

HEADS = frozenset("""Ministry Committee Commission Council Department Agency Office Court Assembly Chamber Party
Association Union Bureau Center Centre Service Inspectorate Fund Foundation University Institute Academy Bank
Mission Organization Organisation Authority Board Tribunal Directorate Administration Corporation Movement
Federation Police Guard Secretariat Procuracy League Alliance Society Caucus Faction Bloc Cabinet Senate
Parliament Congress Commissariat Prosecutor’s Ombudsman’s Forum""".split())
# "Committees", "Ministries": the heads in the plural (a list of bodies: "the Committees on A and B")
PLURAL_HEADS = frozenset([h + "s" for h in HEADS if not h.endswith(("y", "s", "’s"))]
                         + [h[:-1] + "ies" for h in HEADS if h.endswith("y")])
LOWER_HEADS = frozenset("agency party movement foundation association fund".split())
DESCRIPTORS = frozenset("""group organization organisation association movement party fund foundation NGO charity
union network coalition alliance initiative bloc faction club society""".split())
LAW_WORDS = frozenset("""Bill Act Law Laws Code Order Decree Ordinance Resolution Regulations Rules Amendment Amendments
Statute Charter Convention Treaty Agreement Protocol Strategy Programme Program Plan Concept Report Award""".split())
PLACE_NOUNS = frozenset("building buildings headquarters premises street square district office offices".split())
_DETERMINERS = frozenset("""The A An This That These Those Its Their His Her Our Every Each Both Some Any No Another
In On At By For From With Of To As After Before During Since Under Over Through And But Or If When While Although
According Also Then Now Today Yesterday Tomorrow Earlier Later Meanwhile However Thus Therefore Moreover Currently
January February March April May June July August September October November December Monday Tuesday Wednesday
Thursday Friday Saturday Sunday Mr Mrs Ms Dr""".split())
_CONNECT = frozenset(("of", "for", "on"))
_MEMBER_NOUNS = frozenset("mps mp lawmakers deputies members legislators senators factions".split())
_GENERIC_CHAMBER = {"house": None, "chamber": None, "lower house": "lower", "upper house": "upper",
                    "lower chamber": "lower", "upper chamber": "upper"}
_ACRONYM = re.compile(r"[A-Z][A-Z&\-]{1,7}")
# bodies counted by convocation or term: "the 19th Congress", "the 8th Parliament"
_NUMBERED_BODIES = frozenset("Congress Parliament Assembly Duma Legislature Convocation Majlis Senate".split())
_ORDINAL = re.compile(r"\d{1,3}(?:st|nd|rd|th)|First|Second|Third|Fourth|Fifth|Sixth|Seventh|Eighth|Ninth|Tenth|"
                      r"Eleventh|Twelfth|Thirteenth|Fourteenth|Fifteenth|Sixteenth|Seventeenth|Eighteenth|Nineteenth|"
                      r"Twentieth")
# "X of parliament" where X is a part or a member: a description, not the body acting
_PARTS_OF_A_LEGISLATURE = frozenset("""member members deputy deputies speaker speakers chamber chambers house houses
floor building buildings seat seats mp mps lawmaker lawmakers legislator legislators senator senators committee
committees commission faction factions caucus leader leaders chairman chairperson chairwoman chair head secretariat
staff apparatus office press website""".split())
# the words that open a state's formal name ("the Republic of ...", "the Kingdom of ...")
_FORMAL_STATE_WORDS = frozenset("""Republic Kingdom Federation Federal Islamic Democratic People’s People's Sultanate
Emirate Principality Grand Commonwealth""".split())
_ARTICLE_THE = re.compile(r"^(?:the|The)\s+")


@dataclass
class OrgMention:
    label: str
    start: int
    end: int
    sentence: int
    record: BodyRecord | None = None
    kind: str | None = None
    country: str | None = None  # named in the phrase itself
    parent_label: str | None = None
    acronym: str | None = None
    generic: str | None = None  # "parliament", "house", "lower", "upper": a reference to resolve
    key: str | None = None  # set once resolved
    variant: bool = False  # another spelling of a body the gazetteer names (not the label)


@dataclass
class _Org:
    identity: str
    mentions: list[OrgMention] = field(default_factory=list)


# -- reading one sentence ------------------------------------------------------------------------

def _is_post_word(token: Token) -> bool:
    text = token.text
    index = post_index()
    probe = [Token(text, 0, 0)]
    if index.match_at(probe, 0):
        return True
    if text.endswith("s") and len(text) > 3:
        return index.match_at([Token(text[:-1], 0, 0)], 0) is not None
    return False


def _place_at(tokens: list[Token], i: int):
    hit = place_index().match_at(tokens, i)
    return hit


class _SentenceReader:
    def __init__(self, ctx, k: int, tokens: list[Token], headline_title_case: bool):
        self.ctx, self.k, self.t = ctx, k, tokens
        self.n = len(tokens)
        self.pattern_ok = not headline_title_case
        self.starts = [tok.start for tok in tokens]
        self.blocked = [False] * self.n  # media names
        self.used = [False] * self.n
        self.out: list[OrgMention] = []
        for a, b, _ in sentence_matches(ctx, "media")[k]:
            for x in range(a, b):
                self.blocked[x] = True

    def words(self) -> list[str]:
        """The sentence's token texts (shared with the gazetteer matching of the document)."""
        cached = self.ctx.notes.get("sentence_token_texts")
        return cached[self.k][0] if cached is not None else [tok.text for tok in self.t]

    def text(self, a: int, b: int) -> str:
        return self.ctx.text[self.t[a].start:self.t[b - 1].end]

    def emit(self, a: int, b: int, **kw) -> OrgMention:
        m = OrgMention(self.text(a, b), self.t[a].start, self.t[b - 1].end, self.k, **kw)
        self.out.append(m)
        for x in range(a, b):
            self.used[x] = True
        return m

    # gazetteer ---------------------------------------------------------------------------------
    def gazetteer(self) -> None:
        t, i = self.t, 0
        index = body_index()
        by_first = index._by_first
        while i < self.n:
            if self.blocked[i]:
                i += 1
                continue
            word = t[i].text
            # the cheap test PhraseIndex.match_at starts with: most tokens open no entry
            if word not in by_first and "'" not in word and not (len(word) > 3 and word.isupper()):
                i += 1
                continue
            hit = index.match_at(t, i)
            if not hit:
                if "-" in word and word.replace("-", "").isupper():
                    self._joined_acronyms(i)  # "the EU-UN initiative": two bodies
                i += 1
                continue
            n, (rec, how) = hit
            end = i + n
            if rec.kind == "party" and in_portfolio(t, i):
                i += 1  # "Minister of State for Law and Justice": a portfolio, not the party of those words
                continue
            if not self._gazetteer_boundary_ok(i, end, rec, how):
                i += 1
                continue
            country = None
            # "Legislative Chamber of the Oliy Majlis of Uzbekistan": the country qualifies the body
            q = self._country_suffix(end)
            if q and rec.country and not rec.generic and q[0] != rec.country:
                i += 1  # "Democratic Party of Korea": another country's body of the same words, read by the patterns
                continue
            if q:
                country, end_q = q
                if rec.generic and rec.kind in ("legislature", "chamber") and not self._formal_state_name(end):
                    end = end_q  # "Parliament of Kyrgyzstan", "National Assembly of Armenia": part of the name
            pre = self._country_prefix(i)
            if pre and not country:
                country = pre[0]
            generic = "parliament" if rec.generic and rec.name == "Parliament" else None
            start = i
            if generic and pre and not (i > 0 and t[i - 1].text in ("’s", "'s")):
                start = pre[1]  # "Georgian Parliament", "Ghana Parliament" (not "Turkey's Parliament")
            if generic and self._descriptive_parliament(start):
                i = end
                continue
            acronym = self._acronym_after(end)
            m = self.emit(start, end, record=rec, kind=rec.kind, country=country, generic=generic,
                          acronym=acronym[0] if acronym else None)
            if how == "acronym":
                m.acronym = t[i].text
            self._inner_parent(i, end, m)
            i = acronym[1] if acronym else end

    def _joined_acronyms(self, i: int) -> None:
        """"EU-UN", "UN-EU": acronyms of known bodies joined by a hyphen, each a mention of its body."""
        tok = self.t[i]
        parts, pos = [], tok.start
        for part in tok.text.split("-"):
            hit = body_index().match_at([Token(part, 0, 0)], 0)
            if hit is None or hit[0] != 1:
                return
            parts.append((part, pos, hit[1][0]))
            pos += len(part) + 1
        for part, start, rec in parts:
            self.out.append(OrgMention(part, start, start + len(part), self.k, record=rec, kind=rec.kind,
                                       acronym=part))
        self.used[i] = True

    def _inner_parent(self, a: int, b: int, m: OrgMention) -> None:
        """"Legislative Chamber of the Oliy Majlis": the body after "of (the)" is named too."""
        t = self.t
        for x in range(a + 1, b - 1):
            if t[x].text != "of":
                continue
            y = x + 1 + (1 if t[x + 1].text == "the" else 0)
            hit = body_index().match_at(t[:b], y) if y < b else None
            if hit:
                rec = hit[1][0]
                m.parent_label = rec.name
                self.out.append(OrgMention(self.text(y, y + hit[0]), t[y].start, t[y + hit[0] - 1].end, self.k,
                                           record=rec, kind=rec.kind, country=m.country))
                return

    def _gazetteer_boundary_ok(self, i: int, end: int, rec: BodyRecord, how: str) -> bool:
        t = self.t
        if i > 0 and t[i - 1].is_cap and t[i - 1].text not in _DETERMINERS and not _place_at(t, i - 1) \
                and t[i - 1].text not in ("UN", "U.N") and not self.blocked[i - 1] and i - 1 > 0 \
                and t[i - 1].text not in HEADS:  # "the rights Organization Amnesty International": a description
            # part of a longer name ("National Security Council" is not the UN Security Council)
            if body_index().match_at(t, i - 1) is None:
                return False
        if how == "acronym" and (i > 0 and t[i - 1].text == "(" ):
            return True
        if rec.kind == "un" and how == "alias" and end < self.n and _is_post_word(t[end]):
            return False  # "UN Secretary-General", "UN envoy": part of a post
        return True

    def _country_suffix(self, end: int) -> tuple[str, int] | None:
        """"of (the Republic of) Uzbekistan" after a name -> (ISO, end token)."""
        t = self.t
        if end + 1 < self.n and t[end].text == "of":
            j = end + 1
            if j < self.n and t[j].text == "the":
                j += 1
            hit = _place_at(t, j)
            if hit and hit[1].kind in ("name", "alias"):
                return hit[1].iso, j + hit[0]
        return None

    def _formal_state_name(self, of: int) -> bool:
        """"(of) the Republic of Uzbekistan": the state's formal name qualifies a body without naming it
        ("the Senate of the Republic of Uzbekistan" is the Senate; "the Parliament of Georgia" keeps its name)."""
        t = self.t
        j = of + 1
        if j < self.n and t[j].text == "the":
            j += 1
        return j < self.n and t[j].text in _FORMAL_STATE_WORDS

    def _country_prefix(self, i: int) -> tuple[str, int] | None:
        """"Kazakh", "Ghana", "Turkey’s" right before a name -> (ISO, start token)."""
        t = self.t
        j = i - 1
        if j >= 0 and t[j].text in ("’s", "'s"):
            j -= 1
        for back in range(1, 6):
            s = j - back + 1
            if s < 0:
                break
            hit = _place_at(t, s)
            if hit and s + hit[0] == j + 1 and hit[1].kind in ("name", "alias", "demonym"):
                return hit[1].iso, s
        return None

    def _descriptive_parliament(self, start: int) -> bool:
        """"the lower chamber of the Kazakh parliament", "members of parliament": a description."""
        t = self.t
        j = start - 1
        if j >= 0 and t[j].text in ("the", "The"):
            j -= 1
        if j >= 1 and t[j].text == "of":
            before = t[j - 1].text
            # "members of parliament", "the lower chamber of the Kazakh parliament": a part or a member of it;
            # "a session of Parliament", "the approval of parliament": the body itself
            return before.lower() in _PARTS_OF_A_LEGISLATURE
        return False

    def _acronym_after(self, end: int) -> tuple[str, int] | None:
        t = self.t
        if end + 2 < self.n and t[end].text == "(" and t[end + 2].text == ")" and _ACRONYM.fullmatch(t[end + 1].text):
            return t[end + 1].text, end + 3
        return None

    # head-noun patterns -------------------------------------------------------------------------
    def patterns(self) -> None:
        if not self.pattern_ok:
            return
        t = self.t
        for h in range(self.n):
            if self.used[h] or self.blocked[h]:
                continue
            word = t[h].text
            if word in HEADS:
                self._from_head(h)
            elif word in PLURAL_HEADS:
                self._from_plural_head(h)
            elif word in LOWER_HEADS and h > 0 and t[h - 1].is_cap and not self.used[h - 1]:
                self._from_lower_head(h)
            elif word in DESCRIPTORS and word[0].islower():
                self._from_descriptor(h)
            elif word == "ministry" and h > 1:
                self._lower_ministry(h)

    def _left_edge(self, h: int) -> int:
        t = self.t
        j = h
        while j > 0:
            prev = t[j - 1]
            if self.blocked[j - 1]:
                break
            singular_post = _is_post_word(prev) and post_index().match_at([prev], 0) is not None \
                and prev.text not in topic_words()  # "Justice Ministry": a portfolio, not a post
            if prev.is_cap and prev.text not in _DETERMINERS and not singular_post \
                    and not (prev.text.isupper() and len(prev.text) > 1
                                                             and self._is_dateline(j - 1)):
                j -= 1
            elif prev.text in ("’", "'") and j - 2 >= 0 and t[j - 2].is_cap and t[j - 2].text.endswith("s") \
                    and prev.start == t[j - 2].end and not self.blocked[j - 2]:
                j -= 2  # "Teachers' Association", "Lawyers' Union": a plural possessive inside the name
            elif prev.text in ("’s", "'s") and t[h].text in _OFFICE_HEADS and j - 2 >= 0 and \
                    self._post_ending_at(j - 1) is not None:
                j = self._post_ending_at(j - 1)  # "Attorney General's Office", "President's Office"
                break
            elif prev.text in ("’s", "'s") and j - 3 >= 0 and _is_post_word(t[j - 2]) and t[j - 2].is_cap \
                    and t[j - 3].is_cap and t[j - 3].text not in _DETERMINERS and not _is_post_word(t[j - 3]) \
                    and not self.blocked[j - 3]:
                j -= 2  # "Independent Lawyer's Association": a profession inside the name
            elif prev.text in ("and", "’s", "'s", "-", "&") and j - 2 >= 0 and t[j - 2].is_cap \
                    and not _is_post_word(t[j - 2]) and t[j - 2].text not in _DETERMINERS:
                j -= 1
            else:
                break
        # a connector cannot open the name
        while j < h and t[j].text in ("and", "’s", "'s", "-", "&"):
            j += 1
        return j

    def _post_ending_at(self, end: int) -> int | None:
        """The first token of a post title that ends right before token ``end`` ("Attorney General" before "'s")."""
        for start in range(max(0, end - 4), end):
            hit = post_index().match_at(self.t, start)
            if hit is not None and start + hit[0] == end and self.t[start].is_cap and not self.blocked[start]:
                return start
        return None

    def acronym_defined(self) -> None:
        """"the Umbrella for Democratic Change (UDC)": capitalised words defined by the acronym of their
        initials are a body's name, whatever its head word."""
        t, n = self.t, self.n
        for x in range(2, n - 1):
            if t[x].text != "(" or x + 2 >= n or t[x + 2].text != ")" or self.used[x + 1]:
                continue
            acr = t[x + 1].text
            if not (2 <= len(acr) <= 6 and acr.isalpha() and acr.isupper()):
                continue
            # walk left over capitalised words and small connectors, matching initials from the right
            j, k = x, len(acr) - 1
            while j > 0 and k >= 0:
                prev = t[j - 1]
                if prev.text in ("of", "for", "and", "the", "on", "&", "de", "in") and j - 1 > 0 and t[j - 2].is_cap:
                    j -= 1
                    continue
                if prev.is_cap and prev.text[0] == acr[k] and not self.used[j - 1] and not self.blocked[j - 1]:
                    j -= 1
                    k -= 1
                    continue
                break
            while j < x and t[j].text in ("of", "for", "and", "the", "on", "&", "de", "in"):
                j += 1
            if k >= 0 or x - j < 2 or post_index().match_at(t, j) is not None:
                continue
            if any(t[y].text in LAW_WORDS for y in range(j, x)) or x + 3 < n and t[x + 3].text in LAW_WORDS:
                continue  # "Personal Data Protection Act (PDPA)", "Bharatiya Nyaya Sanhita (BNS) Bill": an act's name
            if _place_at(t, j) and _place_at(t, j)[0] >= x - j:
                continue
            head = next((t[y].text for y in range(x - 1, j - 1, -1) if t[y].text in HEADS), None)
            self.emit(j, x, kind=_kind(head) if head else _acronym_kind(t[j:x]), acronym=acr)
            for y in range(x, x + 3):
                self.used[y] = True

    def _is_dateline(self, i: int) -> bool:
        return i + 1 < self.n and self.t[i + 1].text in (".", ",", ":") and self.k <= 2

    def _complement(self, k: int) -> tuple[int, int | None]:
        """Extend "of/for/on (the) Capitalised ..." from token ``k``; returns (end, start of an "of" tail)."""
        t, n = self.t, self.n
        end = k
        tail = None
        while end < n and t[end].text in _CONNECT:
            j = end + 1
            if j < n and t[j].text == "the":
                j += 1
            if j >= n:
                break
            law_end = t[j].text in LAW_WORDS and not (j + 1 < n and t[j + 1].is_cap) and t[end].text == "of"
            # "Committee on Law Enforcement", "Commission for Law and Order": a topic, not a law's title
            law_topic = t[j].text == "Law" and t[end].text in ("on", "for") and j + 1 < n and (
                t[j + 1].is_cap or t[j + 1].text == "and") and (j + 1 >= n or t[j + 1].text not in LAW_WORDS)
            if not t[j].is_cap or (t[j].text in LAW_WORDS and not law_end and not law_topic) or t[j].text in _DETERMINERS \
                    or self.blocked[j]:
                break
            connector = t[end].text
            run_end = self._cap_run(j)
            if run_end == j:
                break
            place = _place_at(t, j)
            if place and place[1].kind in ("name", "alias") and j + place[0] < run_end:
                if t[j + place[0]].text in ("’s", "'s"):
                    break  # "X of Georgia’s Ministry of Justice": X ends before the owner of the next body
                run_end = j + place[0]  # "Association of Turkmenistan Timur X": the name ends with the country
            if connector == "of" and tail is None and (any(t[x].text in HEADS for x in range(j, run_end))
                                                         or body_index().match_at(t, j) is not None):
                tail = j
            end = run_end
        return end, tail

    def _cap_run(self, j: int) -> int:
        """Capitalised words with inner "and", "’s", "-" and list commas closed by "and"."""
        t, n = self.t, self.n
        m = j
        after_and = False
        while m < n:
            tok = t[m]
            law_ok = tok.text not in LAW_WORDS or (m > j and t[m - 1].text in ("and", ",")) or (
                m == j and m > 0 and t[m - 1].text == "of" and not (m + 1 < n and t[m + 1].is_cap)) or (
                m == j and tok.text == "Law" and m > 0 and t[m - 1].text in ("on", "for") and m + 1 < n
                and t[m + 1].is_cap and t[m + 1].text not in LAW_WORDS)  # "Committee on Law Enforcement"
            if tok.is_cap and law_ok and not self.blocked[m] and tok.text not in _DETERMINERS \
                    and not (m > j and tok.text in ("In", "On", "At")):
                m += 1
            elif tok.text in ("’s", "'s", "-", "&") and m + 1 < n and t[m + 1].is_cap and m > j:
                m += 1
            elif tok.text == "and" and m + 1 < n and t[m + 1].is_cap and m > j:
                m += 1
                after_and = True
            elif tok.text == "," and m > j and not after_and and self._list_closes(m):
                m += 1
            else:
                break
        # a list comma that was never closed by "and" is cut off
        while m > j and t[m - 1].text in (",", "and", "’s", "'s", "-", "&"):
            m -= 1
        return m

    def _list_closes(self, comma: int) -> bool:
        """Whether capitalised items after this comma end with "and Capitalised" (a list, not an apposition)."""
        t = self.t
        m = comma + 1
        steps = 0
        while m < self.n and steps < 16:
            tok = t[m]
            if tok.text == "and":
                return m + 1 < self.n and t[m + 1].is_cap
            if not (tok.is_cap or tok.text in (",", "’s", "'s", "-", "&")) or _is_post_word(tok):
                return False
            m += 1
            steps += 1
        return False

    def _from_head(self, h: int) -> None:
        t, n = self.t, self.n
        a = self._left_edge(h)
        end = h + 1
        # compound heads: "Government Office", "Prosecutor General’s Office" are caught by the left edge;
        # a second head right after the first belongs to the name ("Ombudsman Office")
        while end < n and t[end].text in HEADS and not self.used[end]:
            end += 1
        end, tail = self._complement(end)
        acronym = self._acronym_after(end)
        # the phrase belongs to a law's title or names a place
        if end < n and (t[end].text in LAW_WORDS or t[end].text.lower() in PLACE_NOUNS):
            return
        if self._law_title_follows(end):
            return  # "Islamabad Women University Islamabad Bill, 2020": words of a bill's title
        if post_index().match_at(t, h) and post_index().match_at(t, h)[0] > 1:
            return  # "Cabinet Secretary" is a post
        if self._venue(a):
            return  # "the meeting held at Bangladesh Secretariat": a place, not a body that acts
        if t[h].text == "Forum" and a > 0 and t[a - 1].text in ("at", "during"):
            return  # "discussed at Astana International Forum": an event
        if end < n and not acronym and self.used[end] and any(
                o.record is not None and o.start == t[end].start for o in self.out):
            return  # "The International Human Rights Organization Amnesty International": a description
        if a == h and h > 0 and t[h].text in _NUMBERED_BODIES and _ORDINAL.fullmatch(t[h - 1].text):
            a = h - 1  # "the 19th Congress", "the 8th Parliament"
        owner = self._owner_possessive(a, h)
        if owner is not None:
            a = owner  # "the Taliban's Ministry of Justice": the owner is a body of its own
        # "Kazakh Ministry of Justice", "Kazakhstan’s Union of Parents": the country is not the name
        country = None
        pre = self._country_prefix(a)
        if pre:
            country = pre[0]
        hit = _place_at(t, a)
        if hit and a + hit[0] <= h:
            after = a + hit[0]
            if hit[1].kind == "demonym" or (after < n and t[after].text in ("’s", "'s")):
                country = hit[1].iso
                a = after + (1 if after < n and t[after].text in ("’s", "'s") else 0)
            elif hit[1].kind in ("name", "alias"):
                country = hit[1].iso
        if a == h and end == h + 1:
            return  # a bare head: "the Committee", "the Court"
        place = _place_at(t, a)
        if place and a + place[0] >= end:
            return  # "Federation of Nigeria" is the country
        label_end = end
        parent_label = None
        q = self._country_suffix(end)
        if q:
            country = country or q[0]
            if t[h].text in ("Parliament", "Assembly"):
                label_end = q[1]
            end = q[1]
        if tail is not None:
            parent_label = self.text(tail, label_end if label_end > tail else end)
            # "Committee on X of the Parliament of Kyrgyzstan": the topic ends where the parent starts
            if t[h + 1].text in ("on", "for") if h + 1 < n else False:
                cut = tail - 1
                if t[cut].text == "the":
                    cut -= 1
                label_end = cut
        if any(self.blocked[x] for x in range(a, label_end)):
            return
        if all(t[x].text in HEADS or t[x].text in _DETERMINERS for x in range(a, label_end)):
            return
        m = self.emit(a, label_end, kind=_kind(t[h].text), country=country, parent_label=parent_label,
                      acronym=acronym[0] if acronym else None)
        for x in range(label_end, acronym[1] if acronym else end):
            self.used[x] = True
        if parent_label and not any(o.start == t[tail].start for o in self.out):
            self._emit_parent(tail, label_end if label_end > tail else end)
        del m

    def _lower_ministry(self, h: int) -> None:
        """"the interior ministry said", "Uzbekistan's justice ministry": a ministry named by its portfolio in lower
        case (wire style); the label is written as the ministry's name ("Interior Ministry")."""
        t = self.t
        topics = topic_words()
        x = h
        while x > 0 and h - x < 3 and (t[x - 1].text.capitalize() in topics or (t[x - 1].text == "and" and x < h)) \
                and t[x - 1].text.islower():
            x -= 1
        while x < h and t[x].text == "and":
            x += 1
        if x == h or self.used[x] or x == 0:
            return
        before = t[x - 1].text
        pre = self._country_prefix(x)
        if before not in ("the", "The", "’s", "'s", "its") and pre is None:
            return
        m = self.emit(x, h + 1, kind="ministry", country=pre[0] if pre else None)
        m.label = " ".join(w if w == "and" else w.capitalize() for w in m.label.split())

    def _from_plural_head(self, h: int) -> None:
        """"the Committees on Judiciary, Human Rights & Legal Matters, and Drugs & Narcotics": one body per topic."""
        t, n = self.t, self.n
        single = _singular_head(t[h].text)
        if h + 2 >= n or t[h + 1].text not in ("on", "for", "of") or not t[h + 2].is_cap:
            return
        end, _ = self._complement(h + 1)
        if end <= h + 2:
            return
        # the last coordinating "and" at the top of the list parts the topics
        cut = None
        for x in range(end - 1, h + 2, -1):
            if t[x].text == "and" and x + 1 < end and t[x + 1].is_cap:
                cut = x
                break
        if cut is None:
            return
        first_end = cut - 1 if t[cut - 1].text == "," else cut
        connector = t[h + 1].text
        for a, b in ((h + 2, first_end), (cut + 1, end)):
            if b <= a:
                return
        for a, b in ((h + 2, first_end), (cut + 1, end)):
            label = f"{single} {connector} {self.text(a, b)}"
            self.out.append(OrgMention(label, t[h].start, t[b - 1].end, self.k, kind=_kind(single)))
        for x in range(h, end):
            self.used[x] = True

    def _law_title_follows(self, end: int) -> bool:
        """Capitalised words after the name run on into a law's title ("... University Islamabad Bill")."""
        t, n = self.t, self.n
        x = end
        while x < n and x - end < 4 and t[x].is_cap and t[x].text not in LAW_WORDS and t[x].text not in _DETERMINERS:
            x += 1
        if x == end or x >= n:
            return False
        if t[x].text == "(" and x + 3 < n and t[x + 2].text == ")":
            x += 3
        return x < n and t[x].text in LAW_WORDS

    def _venue(self, a: int) -> bool:
        t = self.t
        if a < 2 or t[a - 1].text not in ("at", "in", "inside"):
            return False
        return t[a - 2].text.lower() in ("held", "place", "convened", "hosted", "staged", "gathered", "venue")

    def _owner_possessive(self, a: int, h: int) -> int | None:
        """"the Taliban's Ministry of X": where the name starts when a movement or party the gazetteer knows runs
        the body (it is named on its own); None otherwise ("the NPC Standing Committee's Legislative Affairs
        Commission" keeps its parent in its name)."""
        t = self.t
        for x in range(a + 1, h):
            if t[x].text in ("’s", "'s"):
                hit = body_index().match_at(t, a)
                if hit and a + hit[0] == x and hit[1][0].kind in ("movement", "party"):
                    return x + 1
                return None
        return None

    def _emit_parent(self, a: int, b: int) -> None:
        t = self.t
        while b > a and not t[b - 1].is_cap:
            b -= 1
        if b <= a:
            return
        rec_hit = body_index().match_at(t, a)
        if rec_hit and a + rec_hit[0] == b:
            rec = rec_hit[1][0]
            generic = "parliament" if rec.generic and rec.name == "Parliament" else None
            self.out.append(OrgMention(self.text(a, b), t[a].start, t[b - 1].end, self.k, record=rec,
                                       kind=rec.kind, generic=generic))
            return
        q = None
        for x in range(a, b):
            if t[x].text == "of":
                q = x
        country = None
        label_b = b
        if q is not None:
            hit = _place_at(t, q + 1)
            if hit and q + 1 + hit[0] == b:
                country = hit[1].iso
                if not any(t[x].text in ("Parliament", "Assembly") for x in range(a, q)):
                    label_b = q
        self.out.append(OrgMention(self.text(a, label_b), t[a].start, t[label_b - 1].end, self.k,
                                   kind=_kind(t[label_b - 1].text), country=country))

    def _from_lower_head(self, h: int) -> None:
        t = self.t
        a = h
        hopped = False
        while a > 0 and not self.used[a - 1] and not self.blocked[a - 1]:
            prev = t[a - 1]
            if prev.is_cap and prev.text not in _DETERMINERS and not _is_post_word(prev):
                a -= 1
            elif prev.text in ("of", "the", "and") and a < h and t[a].is_cap and not hopped:
                hopped = True
                b = a - 1
                while b > 0 and t[b - 1].text in ("of", "the") and a - b < 2:
                    b -= 1
                if b > 0 and t[b - 1].is_cap and t[b - 1].text not in _DETERMINERS and not self.used[b - 1]:
                    a = b  # "Servant of the People party"
                else:
                    break
            else:
                break
        while a < h and not t[a].is_cap:
            a += 1
        if a == h or _place_at(t, a) and a + _place_at(t, a)[0] >= h:
            return
        if a == 0:
            return  # a capitalised sentence opener is not a name
        self.emit(a, h + 1, kind=_kind(t[h].text))

    def _complement_of_a_noun(self, d: int) -> bool:
        """Whether the descriptor at ``d`` closes an "of"-phrase: "head of the (working) group"."""
        t = self.t
        x = d - 1
        steps = 0
        while x >= 0 and steps < 3 and t[x].text.islower() and t[x].text not in ("of", "for", "from", "the", "a", "an"):
            x -= 1
            steps += 1
        if x >= 0 and t[x].text in ("the", "a", "an", "this", "that", "its", "their"):
            x -= 1
        return x >= 0 and t[x].text in ("of", "for", "from")

    def _from_descriptor(self, d: int) -> None:
        t, n = self.t, self.n
        j = d + 1
        if j < n and t[j].text in ("called", "named"):
            j += 1
        elif j + 1 < n and t[j].text == "known" and t[j + 1].text == "as":
            j += 2
        if j < n and t[j].text == ",":
            if self._complement_of_a_noun(d):
                return  # "the head of the working group, X": X is the head, not the group's name
            j += 1
        if j >= n or not t[j].is_cap or self.used[j] or self.blocked[j] or _is_post_word(t[j]) \
                or t[j].text in _DETERMINERS:
            return
        end = self._cap_run(j)
        end, _ = self._complement(end)
        if end == j or any(self.blocked[x] or self.used[x] for x in range(j, end)):
            return
        hit = _place_at(t, j)
        if hit and j + hit[0] >= end:
            return  # a place, not a name
        if end < n and (t[end].text.lower() in LOWER_HEADS or t[end].text in LAW_WORDS):
            return
        country = None
        if hit and j + hit[0] < n and t[j + hit[0]].text in ("’s", "'s"):
            country = hit[1].iso
        self.emit(j, end, kind=_kind(t[d].text), country=country)

    # generic references ---------------------------------------------------------------------------
    def acting_bodies(self) -> None:
        """"The government has signed a law", "proposed by the Government", "the cabinet approved the draft",
        "It passed out of the Legislature": a generic executive or legislature that acts (kg/data/body_actions.txt)
        is kept, with the document's country; "government officials", "a government meeting" are not bodies."""
        t = self.t
        approving = None
        for i, word in enumerate(self.words()):
            if i == 0 or word not in _GENERIC_ACTORS or self.used[i] or self.blocked[i]:
                continue
            low = word.lower()
            if low == "cabinet" and i + 1 < self.n and t[i + 1].text.lower() in ("meeting", "session") \
                    and t[i - 1].text.lower() in ("the", "a", "regular", "weekly", "special", "extraordinary") and (
                    approving if approving is not None else
                    (approving := _APPROVAL_WORDS.search(self.ctx.sentences[self.k].text) is not None)):
                # "the approval was given at the regular cabinet meeting": the cabinet acts
                m = self.emit(i, i + 1, kind="government", generic="government")
                m.label = "Cabinet"
                continue
            start = i
            pre = self._country_prefix(i)
            if pre:
                start = pre[1]  # "the Kyrgyz government"
            if t[start - 1].text not in ("the", "The", "its", "Its") if start > 0 else True:
                continue
            nxt = t[i + 1].text if i + 1 < self.n else ""
            if nxt[:1].isupper() and t[i].text[:1].isupper():
                continue  # "the Government Office": another body's name
            if low == "legislature" and t[i].text == "Legislature":
                acting = True  # "the Legislature" names the body itself
            else:
                acting = self._acts(i + 1) or self._acted_by(start - 1)
            if not acting:
                continue
            label = {"government": "Government", "cabinet": "Cabinet", "legislature": "Legislature"}[low]
            kind = "legislature" if low == "legislature" else "government"
            m = self.emit(i, i + 1, kind=kind, country=pre[0] if pre else None,
                          generic="parliament" if low == "legislature" else "government")
            m.label = label

    def _acts(self, j: int) -> bool:
        """Whether a body's verb of action on a law starts at token ``j`` ("has signed", "approved", "also proposed")."""
        t = self.t
        k = j
        while k < self.n:
            word = t[k].text.lower()
            if word in ("has", "have", "had", "also", "already", "then", "later", "finally", "recently", "now",
                        "unanimously", "yesterday", "today", "earlier", ","):
                k += 1
            elif word in ("on", "last", "this") and k + 1 < self.n and t[k + 1].text in _DAY_WORDS:
                k += 2  # "the cabinet on Monday approved", "the government last week submitted"
            else:
                break
        if k >= self.n:
            return False
        one = t[k].text.lower()
        two = one + " " + t[k + 1].text.lower() if k + 1 < self.n else one
        actions = _body_actions()
        return one in actions or two in actions

    def _acted_by(self, j: int) -> bool:
        """"... by the government", "at the initiative of the government": token ``j`` is the "the" before it."""
        t = self.t
        if j < 1:
            return False
        prev = t[j - 1].text.lower()
        if prev == "by":
            # "proposed by the Government", "signed by the cabinet"; a text "drafted" or "worked out by the
            # government" names where it comes from, not a step the body takes in the procedure
            verb = t[j - 2].text.lower() if j >= 2 else ""
            return verb in _body_actions() and verb not in _PROVENANCE_VERBS
        return prev == "of" and j >= 2 and t[j - 2].text.lower() in ("initiative", "request", "proposal", "decision",
                                                                      "order", "instruction", "approval")

    def generic_references(self) -> None:
        t = self.t
        # every word read below lower-cases to one of these (fold: a superset of str.lower)
        folded = sentence_folds(self.ctx)[self.k]
        if "parliament" not in folded and "house" not in folded and "chamber" not in folded:
            return
        for i in range(self.n):
            if self.used[i] or self.blocked[i]:
                continue
            word = t[i].text
            low = word.lower()
            if low == "parliament" and word == "parliament":
                pre = self._country_prefix(i)
                start = pre[1] if pre else i
                if pre and i > 0 and t[i - 1].text in ("’s", "'s"):
                    start = i  # "Turkey's parliament": the country, not a name ("Turkish parliament" keeps it)
                if self._descriptive_parliament(start):
                    continue
                if i + 1 < self.n and t[i + 1].text.lower() in ("building", "session", "seat", "seats"):
                    continue
                self.emit(start, i + 1, generic="parliament", kind="legislature", country=pre[0] if pre else None)
            elif low in ("house", "chamber"):
                prev = t[i - 1].text.lower() if i > 0 else ""
                if prev in ("lower", "upper"):
                    self.emit(i - 1, i + 1, generic=prev)
                elif word in ("House", "Chamber") and prev in ("the", "this") and not (
                        i + 1 < self.n and t[i + 1].text == "of"):
                    self.emit(i, i + 1, generic="house")
                elif word in ("house", "chamber") and prev in ("the", "this"):
                    self.emit(i, i + 1, generic="house")

    def coordinated_parties(self) -> None:
        """"Georgian Dream and European Socialists MPs": a name coordinated with a known party."""
        t = self.t
        parties = [m for m in self.out if m.kind == "party"]
        if not parties:
            return
        for m in parties:
            b = bisect.bisect_left(self.starts, m.end)
            if b >= self.n or t[b].text != "and" or b + 1 >= self.n or not t[b + 1].is_cap or self.used[b + 1]:
                continue
            end = self._cap_run(b + 1)
            end = next((x for x in range(b + 1, end) if t[x].text.lower() in _MEMBER_NOUNS), end)
            if end < self.n and end > b + 1 and t[end].text.lower() in _MEMBER_NOUNS \
                    and not any(self.used[x] or self.blocked[x] for x in range(b + 1, end)):
                hit = _place_at(t, b + 1)
                if hit and b + 1 + hit[0] >= end:
                    continue
                self.emit(b + 1, end, kind="party")

    def parties_before_posts(self) -> None:
        """"Jamaat-e-Islami Senator X", "Congress MP X": a party named as the prefix of a legislator's post
        (a compound name or a body's head word; an adjective such as "Republican" or "Labour" is not read)."""
        if not self.pattern_ok:
            return
        t = self.t
        heads = _legislator_heads()
        for i in range(1, self.n):
            if t[i].text not in heads:
                continue
            hit = post_index().match_at(t, i)
            if hit is None or hit[1].kind != "legislature":
                continue
            j = i - 1
            if self.used[j] or self.blocked[j] or not t[j].is_cap or _place_at(t, j):
                continue
            word = t[j].text
            if not (_COMPOUND_NAME.fullmatch(word) or word in _PARTY_HEADS):
                continue
            if j > 0 and (t[j - 1].is_cap and t[j - 1].text not in _DETERMINERS):
                continue  # part of a longer name the head-noun patterns read
            self.emit(j, j + 1, kind="party")

    def read(self) -> list[OrgMention]:
        self.gazetteer()
        self.patterns()
        if self.pattern_ok:
            self.acronym_defined()
        words = self.words()
        triggers = not _TRIGGERS.isdisjoint(words)  # one test before the two readers below
        if triggers and not _legislator_heads().isdisjoint(words):
            self.parties_before_posts()
        self.coordinated_parties()
        self.generic_references()
        if triggers and not _GENERIC_ACTORS.isdisjoint(words):
            self.acting_bodies()
        return self.out


@lru_cache(maxsize=1)
def _legislator_heads() -> frozenset[str]:
    """The first words of legislators' post titles, capitalised ("MP", "Senator", "Deputy", "Lawmaker")."""
    from .gazetteers import posts, tokenize
    return frozenset(tokenize(rec.title)[0].text for rec in posts() if rec.kind == "legislature"
                     and rec.title[:1].isupper())


_DAY_WORDS = frozenset("""Monday Tuesday Wednesday Thursday Friday Saturday Sunday week month year Monday's
weekend""".split())
_GENERIC_ACTORS = frozenset("government Government cabinet Cabinet legislature Legislature".split())
_TRIGGERS = _GENERIC_ACTORS | _legislator_heads()
_APPROVAL_WORDS = re.compile(r"\b(?:approv\w*|endors\w*|cleared|okay\w*|nod)\b", re.I)
_PROVENANCE_VERBS = frozenset("drafted drafts developed develops prepared prepares".split())


@lru_cache(maxsize=1)
def _body_actions() -> frozenset[str]:
    return frozenset(line.strip().lower() for line in data_lines("body_actions.txt"))


_OFFICE_HEADS = frozenset({"Office", "Department", "Chambers", "Secretariat", "Bureau"})


def _acronym_kind(tokens) -> str | None:
    """A body named without a head word of :data:`HEADS`: a party or coalition by its words, else a body of
    a kind the text does not tell ("organization")."""
    return "party" if {t.text for t in tokens} & {"Party", "Alliance", "Coalition", "Partnership"} else "organization"


def _kind(head: str) -> str | None:
    head = head.lower().rstrip("’s")
    return {"ministry": "ministry", "court": "court", "party": "party", "committee": "committee",
            "commission": "commission", "department": "department", "agency": "agency", "office": "office",
            "association": "ngo", "society": "ngo", "foundation": "ngo", "fund": "ngo", "union": "ngo", "movement": "movement",
            "group": "ngo", "charity": "ngo", "university": "university", "council": "council",
            "senate": "chamber", "parliament": "legislature", "assembly": "legislature",
            "chamber": "chamber"}.get(head, "agency" if head else None)


# -- the document ----------------------------------------------------------------------------------

def org_mentions(ctx) -> list[OrgMention]:
    """Every organization mention in the document (cached in ``ctx.notes``)."""
    cached = ctx.notes.get("org_mentions")
    if cached is not None:
        return cached
    title_case = is_title_case(ctx.document.title)
    title_end = len(ctx.document.title)
    mentions: list[OrgMention] = []
    all_tokens = sentence_tokens(ctx)
    for k, sentence in enumerate(ctx.sentences):
        tokens = all_tokens[k]
        # the headline, also where the body repeats it (or a piece of it), is in title case: no head-noun patterns
        headline = title_case and (sentence.start < title_end or (
            len(sentence.text) > 12 and sentence.text in ctx.document.title))
        reader = _SentenceReader(ctx, k, tokens, headline)
        mentions += reader.read()
    ctx.notes["org_mentions"] = mentions
    return mentions


def _norm(label: str) -> str:
    label = _ARTICLE_THE.sub("", label.replace("'", "’"))
    return re.sub(r"\s+", " ", label).strip().lower()


def _initials(label: str) -> str:
    words = [w for w in re.findall(r"[^\W\d_][\w’'\-]*", label) if w.lower() not in ("of", "the", "for", "on", "and", "in")]
    return "".join(w[0] for w in words).upper()


def extract_organizations(ctx) -> None:
    """Add ``ctx.extraction.organizations``; ``ctx.notes["org_mentions"]`` keeps every mention with its key."""
    main = main_country(ctx)
    mentions = org_mentions(ctx)
    all_tokens = sentence_tokens(ctx)
    groups: dict[str, _Org] = {}
    order: list[str] = []

    def country_of(m: OrgMention) -> str | None:
        if m.country:
            return m.country
        if m.record is not None:
            if m.record.country:
                return m.record.country
            if not m.record.generic:
                return None  # international bodies
        return main

    def add(identity: str, m: OrgMention) -> None:
        if identity not in groups:
            groups[identity] = _Org(identity)
            order.append(identity)
        groups[identity].mentions.append(m)

    # named bodies first, generic references after (they resolve to the named ones)
    for m in mentions:
        if m.generic:
            continue
        c = country_of(m)
        if m.record is not None:
            identity = f"{c}|rec|{m.record.name}"
        else:
            identity = f"{c}|{_norm(m.label)}"
            # a pattern match that spells a gazetteer body ("Ministry of Justice" twice) merges
        add(identity, m)

    # "the Senate" beside "the Senate of the Oliy Majlis": the same body
    labels = {identity: _norm(_label(g)) for identity, g in groups.items()}
    for identity in list(order):
        g = groups[identity]
        rec = next((m.record for m in g.mentions if m.record is not None), None)
        if rec is None or not rec.generic:
            continue
        c = identity.split("|", 1)[0]
        prefix = rec.name.lower() + " of "
        for other in order:
            if other != identity and other.split("|", 1)[0] == c and other in groups \
                    and labels[other].startswith(prefix):
                groups[other].mentions.extend(g.mentions)
                del groups[identity]
                order.remove(identity)
                break

    _merge_variants(groups, order, main)

    # acronyms and initials: "GBA" after "Ghana Bar Association (GBA)", "IEC", "NA"
    named = {identity: g for identity, g in groups.items()}
    acronyms: dict[str, str] = {}
    for identity, g in named.items():
        for m in g.mentions:
            if m.acronym:
                acronyms.setdefault(m.acronym, identity)
        label = max((m.label for m in g.mentions), key=len)
        ini = _initials(_ARTICLE_THE.sub("", label))
        if len(ini) >= 2:
            acronyms.setdefault(ini, identity)
    if acronyms:
        for k, sentence in enumerate(ctx.sentences):
            for tok in all_tokens[k]:
                identity = acronyms.get(tok.text)
                if identity:  # a repeated sentence is dropped when the evidence is built
                    groups[identity].mentions.append(OrgMention(tok.text, tok.start, tok.end, k, acronym=tok.text))

    # generic references resolve to the legislatures and chambers named in the document
    bodies_by_country: dict[str, list[str]] = {}
    for identity in order:
        g = groups[identity]
        rec = next((m.record for m in g.mentions if m.record is not None), None)
        kind = rec.kind if rec else g.mentions[0].kind
        if kind in ("legislature", "chamber"):
            bodies_by_country.setdefault(identity.split("|", 1)[0], []).append(identity)
    unicameral_by_country = {c: [i for i in ids if _house(groups[i]) in ("unicameral", "parliament")]
                             for c, ids in bodies_by_country.items()}
    parliament_by_country = {c: [i for i in ids if "parliament" in labels.get(i, "")]
                             for c, ids in bodies_by_country.items()}

    pending_parliaments: list[OrgMention] = []
    governments_by_country: dict[str, list[str]] = {}
    for identity in order:
        g = groups[identity]
        rec = next((m.record for m in g.mentions if m.record is not None), None)
        if (rec.kind if rec else g.mentions[0].kind) == "government":
            governments_by_country.setdefault(identity.split("|", 1)[0], []).append(identity)
    for m in mentions:
        if not m.generic:
            continue
        c = str(m.country or main)
        candidates = bodies_by_country.get(c, [])
        if m.generic == "government":
            # "the cabinet" beside "the Cabinet of Ministers": that body; else the country's government
            named = governments_by_country.get(c, [])
            if named:
                groups[named[0]].mentions.append(m)
            else:
                add(f"{c}|{m.label.lower()}", m)
                governments_by_country.setdefault(c, []).append(f"{c}|{m.label.lower()}")
            continue
        if m.generic == "parliament":
            unicameral = unicameral_by_country.get(c, [])
            parliaments = parliament_by_country.get(c, [])
            if parliaments:
                groups[parliaments[0]].mentions.append(m)
            elif unicameral:
                groups[unicameral[0]].mentions.append(m)
            elif candidates:
                continue  # "the Kazakh parliament" beside the Mazhilis and the Senate: a description
            else:
                pending_parliaments.append(m)
        else:
            want = m.generic if m.generic in ("lower", "upper") else None
            chosen = None
            for i in candidates:
                if want is None or _house(groups[i]) in (want, "unicameral"):
                    chosen = i
                    break
            if chosen is None and candidates and want is None:
                chosen = candidates[0]
            if chosen:
                groups[chosen].mentions.append(m)
    for m in pending_parliaments:
        c = m.country or main
        add(f"{c}|parliament", m)

    # "the jirga", "the assembly": a lower-case last word of a named body
    last_words = {}
    for identity in order:
        label = _label(groups[identity])
        words = label.split()
        if words and words[-1][0].isupper() and words[-1] not in ("Party",):
            last_words.setdefault(words[-1].lower(), identity)
    if last_words:
        for k, sentence in enumerate(ctx.sentences):
            toks = all_tokens[k]
            for x, tok in enumerate(toks):
                if tok.text.islower() and tok.text in last_words and x > 0 and toks[x - 1].text in ("the", "its"):
                    groups[last_words[tok.text]].mentions.append(OrgMention(tok.text, tok.start, tok.end, k))

    # build the organizations
    keys: dict[str, str] = {}
    orgs: list[Organization] = []
    for identity in order:
        g = groups[identity]
        named_mentions = [m for m in g.mentions if m.record is not None or m.kind or m.generic == "parliament"]
        if not named_mentions:
            continue
        label = _label(g)
        c = identity.split("|", 1)[0]
        country = None if c == "None" else c
        rec = next((m.record for m in g.mentions if m.record is not None), None)
        kind = rec.kind if rec else next((m.kind for m in g.mentions if m.kind), None)
        key = org_key(country, label)
        keys[identity] = key
        aliases: list[str] = []
        alias_set: set[str] = set()
        for m in g.mentions:
            text = _ARTICLE_THE.sub("", m.label)
            if text != label and (m.record is not None or m.acronym) and text not in alias_set:
                alias_set.add(text)
                aliases.append(text)
            if m.acronym and m.acronym not in alias_set and m.acronym != label:
                alias_set.add(m.acronym)
                aliases.append(m.acronym)
        evidence = []
        seen_sentences: set[int] = set()
        for m in sorted(g.mentions, key=lambda m: m.start):
            m.key = key
            if 0 <= m.sentence < len(ctx.sentences) and m.sentence not in seen_sentences:
                seen_sentences.add(m.sentence)
                evidence.append(ctx.evidence(ctx.sentences[m.sentence]))
        orgs.append(Organization(key=key, name=label, country=country, aliases=aliases, kind=kind,
                                 evidence=evidence))
    # parents named in the text
    by_label: dict[str, str] = {}
    for o in orgs:
        for name in (o.name, *o.aliases):
            by_label.setdefault(_norm(name), o.key)
    for o, identity in zip(orgs, [i for i in order if i in keys]):
        for m in groups[identity].mentions:
            parent = m.parent_label or (m.record.parent if m.record is not None else None)
            pk = by_label.get(_norm(parent)) if parent else None
            if pk and pk != o.key:
                o.parent = pk
                break
    ctx.extraction.organizations.extend(orgs)


_FUNCTION_WORDS = frozenset("of the for and on in & to at".split())
_MAX_MERGE = 300  # bodies in one document above which spelling variants are not looked for (pairwise work)
# a party's name written as one hyphenated compound with a particle: "Jamaat-e-Islami", "Jamiat-ul-Ulema"
_COMPOUND_NAME = re.compile(r"[A-Z][a-z]+(?:-(?:e|i|ul|ud|ut|al|el|as|ash|az|o|wa)-[A-Z][a-z]+)+(?:-[A-Z][a-z]+)?")
_PARTY_HEADS = frozenset("Congress League Alliance Front Movement".split())


@lru_cache(maxsize=4096)
def _place_words(word: str) -> bool:
    """Whether ``word`` (lower case) is the name of a place: a city, region or country."""
    hit = place_index().match_at([Token(word.capitalize(), 0, 0)], 0)
    return hit is not None and hit[0] == 1


@lru_cache(maxsize=4096)
def _singular_head(word: str) -> str | None:
    """"Committees" -> "Committee", "Ministries" -> "Ministry": an organization head in the plural."""
    if len(word) < 5:
        return None
    if word.endswith("ies") and word[:-3] + "y" in HEADS:
        return word[:-3] + "y"
    return word[:-1] if word[:-1] in HEADS else None


def _content_words(label: str) -> tuple[str, ...]:
    return tuple(w for w in re.findall(r"[^\W_][\w’'\-]*", _norm(label)) if w not in _FUNCTION_WORDS)


def _merge_variants(groups: dict[str, _Org], order: list[str], main: str | None) -> None:
    """Spellings of one body in one document merge: "Ministry of Virtue" and "Ministry for the Propagation of
    Virtue and Prevention of Vice" (the short form's words are all in the long one, same head word);
    "United States Supreme Court" and the "Supreme Court" of the United States (the country's name before a
    body the gazetteer knows: that body, under the gazetteer's name)."""
    from .gazetteers import country_record
    if not 2 <= len(order) <= _MAX_MERGE:
        return  # a document naming hundreds of bodies (a directory, not news) is not compared pair by pair
    info, norms = {}, {}
    for identity in order:
        g = groups[identity]
        rec = next((m.record for m in g.mentions if m.record is not None), None)
        label = _label(g)
        info[identity] = (rec, _content_words(label), identity.split("|", 1)[0])
        norms[identity] = _norm(label)
    merged: set[str] = set()
    for identity in list(order):
        rec, words, c = info[identity]
        if identity in merged or not words or (len(words) < 2 and rec is None):
            continue
        for other in order:
            if other == identity or other in merged:
                continue
            orec, owords, oc = info[other]
            if oc != c:
                continue
            target = None
            if rec is None and orec is None and owords[0] == words[0] \
                    and groups[identity].mentions[0].kind == groups[other].mentions[0].kind \
                    and set(words) <= set(owords) and (len(owords) > len(words) or set(words) == set(owords)) \
                    and words[0].capitalize() in HEADS:
                target = other  # the short form joins the long one
            elif rec is None and orec is None and len(owords) == len(words) + 1 and owords[1:] == words \
                    and _place_words(owords[0]):
                target = other  # "Circuit Court" after "Accra Circuit Court": the same court
            elif rec is None and orec is not None and orec.generic and c != "None":
                record = country_record(c)
                names = {_norm(n) for n in ((record.name,) + record.aliases)} if record else set()
                label = norms[identity]
                if any(label == f"{n} {_norm(orec.name)}" for n in names):
                    target = other  # "United States Supreme Court": the Supreme Court of the country
                    for m in groups[identity].mentions:
                        m.variant = True  # named by the gazetteer's name
            elif rec is not None and rec.generic and rec.kind in ("chamber", "legislature") \
                    and (orec is None or not orec.generic) \
                    and (orec.kind if orec else groups[other].mentions[0].kind) in ("chamber", "legislature") \
                    and norms[other].endswith(" " + _norm(rec.name)):
                target = other  # "the Senate" beside "the Federal Senate"
            elif rec is not None and c != "None" and any(
                    m.acronym and m.acronym in rec.acronyms for m in groups[other].mentions) \
                    and all(m.acronym for m in groups[identity].mentions):
                target = other  # "DPR" beside "the House of Representatives (DPR)"
            if target is not None:
                groups[target].mentions.extend(groups[identity].mentions)
                merged.add(identity)
                break
    for identity in merged:
        del groups[identity]
        order.remove(identity)


def _label(g: _Org) -> str:
    """The most specific name the document gives the body."""
    best = None

    def reference(m: OrgMention) -> bool:  # "the jirga" after "Wolesi Jirga": a lower-case reference
        return m.record is None and m.kind is None and not m.generic and not m.acronym and m.label[:1].islower()

    named = any(not m.generic and not m.acronym and not reference(m) for m in g.mentions)
    canonical = any(not m.variant and not m.generic and not m.acronym for m in g.mentions)
    for m in g.mentions:
        if m.generic and (m.generic != "parliament" or named):
            continue
        if reference(m):
            continue
        if m.variant and canonical:
            continue
        if m.acronym and m.label == m.acronym:
            continue
        text = _ARTICLE_THE.sub("", m.label)
        if best is None or _specificity(text) > _specificity(best):
            best = text
    if best is None:
        first = next((m for m in g.mentions if m.generic), g.mentions[0])
        best = _ARTICLE_THE.sub("", first.label)
    if best == "parliament":
        best = "Parliament"
    return best


def _specificity(label: str) -> tuple[int, int, int]:
    # "Parliament of Georgia" > "Georgian Parliament" > "Turkey’s parliament" > "Parliament"; then the longer name
    possessive = 1 if re.search(r"[’']s\b", label) else 0
    return (len(label.split()) - possessive, -possessive, len(label))


def _house(g: _Org) -> str | None:
    rec = next((m.record for m in g.mentions if m.record is not None), None)
    return rec.house if rec else None
