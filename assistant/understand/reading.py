"""`Reading`: one message being read, and what each step has used up, removed and found in it."""

from __future__ import annotations

import re

from assistant.understand.catalogue import CatalogueIndex
from assistant.understand.titles import Token, title_key, tokenise
from assistant.understand.vocabulary import (
    ADJACENT_REMOVALS,
    DANGLING_WORDS,
    FILLER_WORDS,
    FILM_CUE_BEFORE,
    FUZZY_CUTOFF,
    LOOSE_EDGES,
    OR_AHEAD,
    REMOVED_MARK,
    SERIES_NOUN_AHEAD,
    SERIES_REFUSAL_BEFORE,
    STOPWORDS,
    UNSEEN_BEFORE,
    VERDICT_WORDS,
)
from ingest.movie import Movie

_CLAUSE_END = re.compile(r"[.,;:!?]|\b(?:but|and|or)\b")
# After a name ruled out, a list goes on refusing: "no Harry Potter, Narnia or Percy Jackson".
_REFUSAL_GOES_ON = re.compile(r"\s*(?:,\s*(?:(?P<comma_word>or|nor|and)\s+)?|(?P<word>or|nor|and)\s+)")


class Reading:
    """One message being read: what is used up (masked), what leaves the intent (removed), what was found."""

    def __init__(self, text: str, index: CatalogueIndex) -> None:
        self.text, self.masked, self.index = text, text, index
        self.toks = tokenise(text)  # masking never splits a word, so one tokenisation serves every step
        self.starts = [t.start for t in self.toks]
        self.removed: list[tuple[int, int]] = []
        self.notices: list[str] = []
        self.references: list[str] = []
        self.named: list[str] = []
        self.excluded_series: list[str] = []  # series the message rules out, by name
        self.excluded_films: set[str] = set()  # and their films
        self.studios: list[str] = []  # studios asked for, where the catalogue records them
        # (the near-twins' ids, the notice): said only if the message did not name the twin too
        self.twin_notices: list[tuple[set[str], str]] = []
        self.directors: list[str] = []
        self.cast: list[str] = []
        self.lookups = 5  # fuzzy searches left for this message: a flood of unknown names stays cheap

    def take(self, start: int, end: int, remove: bool = True) -> None:
        self.masked = self.masked[:start] + " " * (end - start) + self.masked[end:]
        if remove:
            self.removed.append((start, end))

    def before(self, pattern: re.Pattern[str], pos: int, width: int = 80) -> re.Match[str] | None:
        """`pattern` (anchored with `$`) ending at pos; a bounded look back keeps long input linear."""
        return pattern.search(self.masked, max(0, pos - width), pos)

    def refusal_goes_on(self, refused_to: int, start: int) -> re.Match[str] | None:
        """The list joint between a name ruled out (a series or a person, ending at `refused_to`) and
        a name at `start`, when the refusal holds for that name too. A bare comma lists on only where
        an "or" follows ("no Bond, Mission Impossible or Bourne", "no Nolan, Tarantino or Scorsese"),
        not in "no Star Wars stuff, I'm not into documentaries"."""
        go_on = _REFUSAL_GOES_ON.fullmatch(self.masked, refused_to, start)
        if go_on and (go_on.group("word") or go_on.group("comma_word") or OR_AHEAD.match(self.masked, start)):
            return go_on
        return None

    def find_title(self, name: str, cutoff: float = FUZZY_CUTOFF) -> Movie | None:
        if (key := title_key(name)) in self.index.by_title:
            return self.index.best(key)
        if f"the {key}" in self.index.by_title:  # "like Godfather": no film is called that
            return self.index.best(f"the {key}")
        self.lookups -= 1
        return self.index.closest_title(name, None, cutoff) if self.lookups >= 0 else None

    def used(self, tok: Token) -> bool:
        return self.masked[tok.start] == " "

    def mention(
        self, movie: Movie | None, name: str, start: int, end: int, mode: str, dated: bool = False
    ) -> None:
        """A film the user named. mode: "ref" (steer towards it), "dislike", "unseen" (may be recommended).
        A film named without its year whose title has a well-known near-twin ("Heat" and "The Heat",
        "Alien" and "Aliens") gets a notice saying which one was understood."""
        if movie is None:
            self.notices.append(f'I couldn\'t find "{name}" in the catalogue.')
        else:
            if movie.id not in self.named:
                self.named.append(movie.id)
            typed = _without_article(title_key(name))
            known = _without_article(title_key(movie.title))
            guessed = set(typed.split()) <= self.index.words or _words_added(typed, known)
            if typed and typed != known and guessed:
                # "films like Se7en, Prisoner or Zodiac": a real word read as a near title is a guess
                # the person should see (a misspelling such as "incepton" is not); so is a longer
                # name read as the title it starts with ("Glass Onion" as Glass)
                self.notices.append(f'I took "{name}" to be {movie.label}.')
            elif not dated and (twins := self.index.near_twins(movie)):
                others = " or ".join(twin.label for twin in twins[:2])
                said = f'I took "{name or movie.title}" to be {movie.label}, not {others}.'
                self.twin_notices.append(({twin.id for twin in twins}, said))
            if mode == "ref" and movie.id not in self.references:
                self.references.append(movie.id)
            elif mode == "dislike":
                self.notices.append(
                    f'I can only search towards films, not away from them, so I set "{movie.title}" aside.'
                )
        if mode != "unseen" and (trigger := self.before(FILM_CUE_BEFORE, start)):
            start = trigger.start()
        if mode == "ref" and movie is not None:
            end = self._verdict_end(end)
        self.take(start, end, remove=mode != "unseen" or movie is None)

    def _verdict_end(self, end: int) -> int:
        """Where the verdict on a film named right before `end` ends ("Jaws| is perfect."): praise
        is not what the film wanted is like, so it leaves the intent with the title. A clause that
        says more ("Mad Max is one long chase") is kept."""
        rest = self.masked[end : end + 80]
        clause = rest[: m.start()] if (m := _CLAUSE_END.search(rest)) else rest
        words = set(re.findall(r"[\w'’-]+", clause.lower()))
        return end + len(clause) if words and words <= VERDICT_WORDS | STOPWORDS | FILLER_WORDS else end

    def series_noun_ahead(self, tok: Token) -> bool:
        """Whether "films", "series", "franchise" follows within a few words ("the bourne films")."""
        return bool(SERIES_NOUN_AHEAD.search(self.masked, tok.end, tok.end + 40))

    def finish_names(self) -> None:
        """Say which of two near-twin titles was understood, unless the message named both."""
        named = set(self.named)
        self.notices += [said for twins, said in self.twin_notices if not twins & named]

    def mode(self, start: int) -> str:
        trigger = self.before(FILM_CUE_BEFORE, start)
        if (trigger and trigger.group("neg")) or self.before(SERIES_REFUSAL_BEFORE, start):
            return "dislike"  # "I hated Twilight", "anything but another Superhero Movie"
        return "unseen" if trigger and self.before(UNSEEN_BEFORE, trigger.start()) else "ref"

    def intent(self) -> str:
        chars = list(self.text)
        for start, end in self.removed:
            chars[start:end] = REMOVED_MARK * (end - start)
        text = re.sub(f"{REMOVED_MARK}+", REMOVED_MARK, "".join(chars))
        text = DANGLING_WORDS.sub(REMOVED_MARK, ADJACENT_REMOVALS.sub(REMOVED_MARK, text)).replace(
            REMOVED_MARK, " "
        )
        text = re.sub(r"\s+([,.;:!?])", r"\1", " ".join(text.split()))
        text = re.sub(r"[,;:](?:\s*[,;:.!?])*\s*([.!?])|([,;:])(?:\s*[,;:])+", r"\1\2", text)
        text = LOOSE_EDGES.sub("", text)
        return text if set(title_key(text).split()) - STOPWORDS - FILLER_WORDS else ""


def _words_added(typed: str, known: str) -> bool:
    """Whether the name typed is the known title with whole words added ("glass onion" for "glass")."""
    return len(typed.split()) > len(known.split()) and set(known.split()) < set(typed.split())


def _without_article(key: str) -> str:
    """ "the shining" -> "shining": leaving out a title's article is no misreading to mention."""
    return re.sub(r"^(?:the|a|an) ", "", key)
