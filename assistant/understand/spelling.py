"""Misspelt kind words, put right before the message is read: "a good thriler from the 90s", "any
horor movies not too gory", "a documentry about space". A genre word one slip off was read as
nothing: no filter held, and the search embedded a word it did not know ("any horor movies" showed
How to Train Your Dragon and Star Wars, "a good thriler from the 90s" three comedies).

Only the genre words are put right (`vocabulary.KIND_WORDS`), and only a word the catalogue's own
text never uses (`CatalogueIndex.spelled`): "auction", "comely" and "thrilled" are words, not slips
for "action", "comedy" and "thriller". A short word is one slip off too many words to guess at: up to
five letters, only a letter left out counts ("horor", "comdy"; not "grime" for "crime")."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Collection, Iterable

from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein

from assistant.understand.vocabulary import KIND_WORDS

# a word of four letters or more, whole ("horor-free" and "documentry-style" are read too)
_WORD = re.compile(r"(?<![\w'’-])[A-Za-z]{4,}(?![\w'’])")
SHORT = 5  # letters up to which only a left-out letter counts
LONG = 8  # letters from which two slips may be put right ("documentry", "phsychological")


class Speller:
    """Puts misspelt genre words right. `known`: every word the catalogue's text uses, never a slip;
    `common`: the words it uses often, which a slip might as well have been meant for."""

    def __init__(self, known: Collection[str], common: Iterable[str]) -> None:
        self.known = frozenset(known) | KIND_WORDS
        self._common: dict[int, list[str]] = defaultdict(list)  # by length: rivals are as long or longer
        for word in common:
            if word not in KIND_WORDS:
                self._common[len(word)].append(word)

    def correct(self, text: str) -> str:
        """`text` with each misspelt genre word replaced by the word meant (lower case)."""
        return _WORD.sub(lambda m: self.meant(m.group()) or m.group(), text)

    def meant(self, word: str) -> str | None:
        """The genre word `word` is one slip from (two for a long word), when no common word at least
        as long is as close; else None."""
        low = word.lower()
        if low in self.known or _derived(low):
            return None
        slips = 2 if len(low) >= LONG else 1
        near: dict[int, list[str]] = {}
        for kind in KIND_WORDS:
            if (len(low) <= SHORT and len(kind) != len(low) + 1) or abs(len(kind) - len(low)) > slips:
                continue
            distance = DamerauLevenshtein.distance(low, kind, score_cutoff=slips)
            if distance <= slips and (distance == 1 or low[:3] == kind[:3]):
                near.setdefault(distance, []).append(kind)
        if not near or len(near[distance := min(near)]) > 1:
            return None
        # "mosters" is one slip from "mobsters" and from "monsters": a guess, not a slip put right. A
        # word shorter than the one typed is no rival: a slip drops a letter more often than it adds
        # one ("comdy" is no "cody"); nor, for a word with letters left out ("horor"), one that needs
        # a letter changed ("honor").
        kind = near[distance][0]
        pool = [w for n in range(len(low), len(low) + distance + 1) for w in self._common.get(n, ())]
        scorer = DamerauLevenshtein.distance
        rivals = [
            w for w, _, _ in process.extract(low, pool, scorer=scorer, score_cutoff=distance, limit=None)
        ]
        if _left_out(low, kind):
            rivals = [other for other in rivals if _left_out(low, other)]
        return None if rivals else kind


def _left_out(typed: str, word: str) -> bool:
    """Whether `typed` is `word` with letters left out ("horor" of "horror")."""
    letters = iter(word)
    return len(typed) < len(word) and all(c in letters for c in typed)


def _derived(word: str) -> bool:
    """ "cartoonish", "westernish", "creepily": a genre word with an ending, said on purpose."""
    stems = (kind[:-1] for kind in KIND_WORDS if len(kind) > SHORT)
    return any(len(word) > len(stem) + 1 and word.startswith(stem) for stem in stems)
