"""How names and titles are compared across articles.

>>> fold_name("Tokayev") == fold_name("Tokaev")
True
>>> fold_name("Mirziyoyev") == fold_name("Mirziyoev")
True
>>> fold_name("Berdimuhamedov") == fold_name("Berdymukhammedov")
True
>>> first_names_agree("Aleksandr", "Alexander"), first_names_agree("Nurlan", "Aibek")
(True, False)
>>> sorted(distinctive_words("the draft law on combating cyberbullying"))
['combating', 'cyberbullying']
>>> distinctive_words("amendments to the Criminal Code")
frozenset()
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["fold_name", "name_tokens", "first_names_agree", "title_words", "distinctive_words", "title_years",
           "GENERIC_TITLE_WORDS"]


def _ascii(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


@lru_cache(maxsize=8192)
def fold_name(word: str) -> str:
    """One spelling for the transliterations of a name: kh/h, zh/j, y/i, x/ks, doubled letters."""
    w = re.sub(r"[^a-z]", "", _ascii(word))
    for a, b in (("dzh", "j"), ("kh", "h"), ("zh", "j"), ("x", "ks"), ("ck", "k"), ("w", "v"), ("q", "k"),
                 ("y", "i"), ("ou", "u")):
        w = w.replace(a, b)
    w = re.sub(r"(.)\1+", r"\1", w)
    w = re.sub(r"(?<=[aeiou])i(?=[aeiou])", "", w)  # Tokaiev -> Tokaev, Mirzioiev -> Mirzioev
    return w


def name_tokens(name: str) -> list[str]:
    """The words of a person's name, initials and particles kept: "Kassym-Jomart Tokayev" -> 3 words."""
    return [t for t in re.split(r"[\s\-.]+", _ascii(name)) if t]


def _distance(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def first_names_agree(a: str, b: str) -> bool:
    """Two first names of one person: one spelling, or an initial of the other, or a near spelling."""
    fa, fb = fold_name(a), fold_name(b)
    if not fa or not fb:
        return True
    if fa == fb or (len(fa) == 1 or len(fb) == 1) and fa[0] == fb[0]:
        return True
    return fa[0] == fb[0] and _distance(fa, fb) <= max(1, min(len(fa), len(fb)) // 4)


#: words that say what kind of act or step a title is, or how it changes the rules, not which act:
#: a title made only of them ("amendments to the Criminal Code", "the bill", "amendments
#: toughening penalties") is generic; what is left names the subject ("women", "children")
GENERIC_TITLE_WORDS = frozenset("""
a an the of on in to for and or by with at from as its their this that these those against about
law laws bill bills draft drafts act acts code codes amendment amendments amend amending amended addenda addendum
addition additions change changes introducing introduction new legislative legislation certain some
relevant related project resolution decree measure measures initiative initiatives similar proposal proposals
package document documents country countries republic federation national state criminal penal
administrative responsibility offenses offences violations procedure civil article articles part
ensuring ensure expand expanding extend extending definition definitions lengthen lengthening punishment punishments
penalty penalties sanction sanctions liability toughen toughening tougher tighten tightening strengthen strengthening
increase increasing raise raising improve improving improvement cases case involving concerning regarding
matters issues provisions
""".split())


def _stem(word: str) -> str:
    return word[:-1] if len(word) > 4 and word.endswith("s") and not word.endswith("ss") else word


@lru_cache(maxsize=65536)
def title_words(title: str) -> frozenset[str]:
    return frozenset(_stem(w) for w in re.findall(r"[a-z0-9]+", _ascii(title).replace("’", "'").replace("'s", ""))
                     if w not in ("a", "an", "the", "of", "on", "in", "to", "for", "and", "or", "s"))


@lru_cache(maxsize=65536)
def distinctive_words(title: str, country_words: frozenset[str] = frozenset()) -> frozenset[str]:
    """The words of a title that tell one act from another (no generic words, no numbers, no country)."""
    generic = _generic_stems()
    return frozenset(w for w in title_words(title) if w not in generic and w not in country_words and not w.isdigit())


@lru_cache(maxsize=1)
def _generic_stems() -> frozenset[str]:
    return frozenset(_stem(w) for w in GENERIC_TITLE_WORDS)


def title_years(title: str) -> set[str]:
    """Years written in a title ("Bill, 2016"): two titles with different years are two acts."""
    return set(re.findall(r"\b(?:19|20)\d\d\b", title))
