"""The one title normaliser: how a title or name is folded for comparison, and the tokens it is read in."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

from assistant.understand.vocabulary import TOKEN


@lru_cache(maxsize=65_536)
def norm_token(raw: str) -> str:
    if raw == "&":
        return "and"
    text = "".join(c for c in unicodedata.normalize("NFKD", raw.casefold()) if not unicodedata.combining(c))
    return re.sub(r"['’]s$", "", text).replace("'", "").replace("’", "")


def title_key(text: str) -> str:
    """Matching form of a title or name: casefolded, accents, possessives and punctuation dropped."""
    return " ".join(norm_token(m.group()) for m in TOKEN.finditer(text))


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
