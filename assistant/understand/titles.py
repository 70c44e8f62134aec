"""The one title normaliser: how a title or name is folded for comparison, and the tokens it is read in.

Every comparison of titles and names in reelchat goes through here: the parser's `title_key`, the
evaluation's `normalise_title` (other datasets' "Title (Year)" names) and title search's `fold`.
- `fold`: case and accents folded away, spaces collapsed ("Amélie" -> "amelie");
- words are runs of letters and digits; an apostrophe or a dot inside a word joins it ("A.I." -> "ai",
  "Schindler's" -> "schindlers"), "&" is "and", any other mark separates words;
- `title_key` also drops a possessive "'s", so "Nolan's" finds Nolan and "Ocean's" finds Ocean's;
- `normalise_title` keeps possessives and drops a leading or trailing article ("Matrix, The").
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

from assistant.understand.vocabulary import TOKEN

_JOINING_MARKS = re.compile(r"['’‘.]")
_POSSESSIVE = re.compile(r"['’‘]s$")
_TRAILING_ARTICLE = re.compile(r",\s*(?:the|a|an)\s*$")
_ARTICLES = ("the", "a", "an")


def fold(text: str) -> str:
    """Case and accents folded away, spaces collapsed: "Amélie" and "AMELIE" both become "amelie"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


@lru_cache(maxsize=65_536)
def word_form(raw: str) -> str:
    """One token as compared: folded, joining marks dropped ("A.I" -> "ai", "Schindler's" -> "schindlers")."""
    return "and" if raw == "&" else _JOINING_MARKS.sub("", fold(raw))


@lru_cache(maxsize=65_536)
def norm_token(raw: str) -> str:
    """`word_form` without a possessive "'s": "Nolan's" -> "nolan"."""
    return "and" if raw == "&" else word_form(_POSSESSIVE.sub("", fold(raw)))


def title_key(text: str) -> str:
    """Matching form of a title or name: casefolded, accents, possessives and punctuation dropped."""
    return " ".join(norm_token(m.group()) for m in TOKEN.finditer(text))


def normalise_title(title: str) -> str:
    """A comparison key for another dataset's title: "Amélie" -> "amelie", "Matrix, The" -> "matrix",
    "Fast & Furious" -> "fast and furious", "Spider-Man: Homecoming" -> "spider man homecoming"."""
    folded = _TRAILING_ARTICLE.sub("", fold(title))
    words = [word_form(m.group()) for m in TOKEN.finditer(folded)]
    # A title that is only an article ("A", "The") keeps it rather than becoming empty.
    return " ".join(words[1:] if len(words) > 1 and words[0] in _ARTICLES else words)


class Token(NamedTuple):
    norm: str
    raw: str
    start: int
    end: int

    @property
    def capitalised(self) -> bool:
        return self.raw[:1].isupper() or self.raw[:1].isdigit()


def tokenise(text: str, pos: int = 0, endpos: int | None = None) -> list[Token]:
    found = TOKEN.finditer(text, pos, len(text) if endpos is None else endpos)
    return [Token(norm_token(m.group()), m.group(), m.start(), m.end()) for m in found]
