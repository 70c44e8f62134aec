"""The checker between the language model and the person: every sentence the model writes about a
film is kept only if what it asserts is that film's own. A sentence is dropped when it names

- a catalogue film other than the ones given (a title),
- a year or decade that is neither the film's nor in its plot,
- a person of the catalogue who is not in the film's credits or plot,
- a genre the film does not have (said as a genre: "a horror film", "this comedy"),
- who a character is, in a word its text never uses and few plots do ("Jack Skellington, a ghostly
  clown", "A high school dropout takes a day off" of Ferris Bueller, "Patch Adams is a comedian"),
- a count or span of three or more that its text never says of the same thing ("three years after"
  of a film whose plot says "nearly a year after ... three killings"; "two" is left alone: a pair is
  read off two names),
- the request itself ("fits the request", "you asked for"): the reply says what is in the film,
- or words of the prompt's made-up worked example that the film's own text lacks ("The Big
  Lebowski: ... risks everything on one last job before dawn"): copied, not true of this film.

and a sentence the model did not finish (the token cap cut it) is never shown. Each drop is
counted by reason, which `reelchat eval explanations` reports.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from assistant.evidence import ABBREVIATION
from assistant.explain import EXAMPLE_NOTES, EXAMPLE_SENTENCE
from assistant.understand import CatalogueIndex, find_titles, title_key
from assistant.understand.vocabulary import NUMBER_NAMES, TENS
from ingest.movie import Movie

_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)(s?)\b")
_DECADE = re.compile(r"(?:\b|')(\d0)s\b")
_NAME = re.compile(r"\b[A-Z][\w'.-]+(?:\s+(?:de|van|von|del|da|di|le|la)?\s*[A-Z][\w'.-]+){1,2}")
_REQUEST = re.compile(
    r"\b(?:the|your|their|this) (?:request|query|question)\b|\byou (?:asked|requested|wanted)\b|"
    r"\bthe person\b|\bthe user\b|\bthe notes\b|\bas requested\b",
    re.IGNORECASE,
)
_NUMBER_WORDS = (
    {w: n for n, w in enumerate(NUMBER_NAMES)}
    | TENS
    | {"hundred": 100, "hundreds": 100, "thousand": 1000, "dozen": 12}
)
# A number and the two words after it: "three killings", "$150 million from".
_NUMBER = re.compile(
    r"\b(\d{1,3}(?:,\d{3})*(?:\.\d+)?|" + "|".join(_NUMBER_WORDS) + r")\b((?:\W+[a-z]+){0,2})", re.I
)
_COUNTED_FROM = 3  # "two friends" may be read off two names; "three years" must be the film's own
_SMALL_WORDS = frozenset("a an the of and or in on at to for with from by".split())
_ARTICLES = frozenset({"the", "a", "an"})
# Words that make a sentence naming another film a comparison: "fans of", "shares", "both", "like"
_COMPARES = re.compile(
    r"\b(?:both|like|unlike|alike|similar\w*|shar(?:e|es|ed|ing)|compar\w+|than|reminiscent|echo\w*"
    r"|recall\w*|fans?|enjoy\w*|loved|same|also|too|whereas|as\s+(?:in|with|does|did)|just\s+as|much\s+as)\b",
    re.I,
)
_FINISHED = re.compile(r"[.!?…][\"'”’)\]]*\s*$")
_BOUNDARY = re.compile(r"(?<=[.!?…])[\"'”’)\]]*\s+|\n+")
# Genre words as a sentence says them; each stands for the catalogue genre it claims.
GENRE_CLAIMS = {
    "comedy": "Comedy",
    "comedies": "Comedy",
    "thriller": "Thriller",
    "horror": "Horror",
    "western": "Western",
    "documentary": "Documentary",
    "science fiction": "Science Fiction",
    "sci-fi": "Science Fiction",
    "animated": "Animation",
    "animation": "Animation",
    "musical": "Music",
    "romantic comedy": "Romance",
    "rom-com": "Romance",
    "war film": "War",
    "war movie": "War",
    "fantasy": "Fantasy",
}
_GENRE = re.compile(
    r"\b(" + "|".join(sorted(map(re.escape, GENRE_CLAIMS), key=len, reverse=True)) + r")\b", re.I
)


# Who a character is, as a sentence says it: the last word of the role. "Jack Skellington, a ghostly
# clown, ..."; "Patch Adams is a comedian who ..." (a name's, not "a community ... is a utopia");
# "A high school dropout takes ..." (a sentence that opens with its subject: the role ends before
# "who", "of", a possessive or a verb in -s; not before a comma, where "A gritty, comedic crime
# caper" lists what the film is like).
_ROLE_END = r"(?=['’]s\b|\s+(?:who|whose|that|with|from|in|on|at|of|and|[a-z]+s)\b)"
_ROLE_WORDS = r"(?:[a-z][\w-]*\s+){0,3}?(?P<head>[a-z][\w-]*)"
# What a film is, not who is in it: "A biography of Margaret Thatcher, a powerful woman ..."
_FILM_KINDS = frozenset(
    "biography biopic documentary mockumentary adaptation remake sequel prequel parody satire spoof "
    "musical anthology retelling caper romp epic saga fable parable allegory chronicle portrait".split()
)
_ROLES = (
    re.compile(rf"[A-Z][\w'.-]*(?:\s+[A-Z][\w'.-]*)*,\s+an?\s+{_ROLE_WORDS}\s*,"),
    re.compile(rf"[A-Z][\w'.-]*\s+(?:is|was)\s+an?\s+{_ROLE_WORDS}(?:{_ROLE_END}|(?=\s*[.;:!?]|\s*$))"),
    re.compile(rf"^\s*[Aa]n?\s+{_ROLE_WORDS}{_ROLE_END}"),
)
_COMPOUND_PART = 3  # letters at least on each side of a compound role's split ("hit" + "man")


@dataclass
class CheckCounts:
    """Sentences kept and dropped (by reason) over one reply, or over an evaluation run."""

    kept: int = 0
    dropped: Counter[str] = field(default_factory=Counter)

    @property
    def total(self) -> int:
        return self.kept + sum(self.dropped.values())

    def add(self, other: CheckCounts) -> None:
        self.kept += other.kept
        self.dropped.update(other.dropped)


def _word_runs(text: str, size: int = 4) -> set[str]:
    words = re.findall(r"[a-z']+", text.lower())
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


_EXAMPLE_RUNS = _word_runs(f"{EXAMPLE_NOTES} {EXAMPLE_SENTENCE}")
# The made-up example's rare words ("safecracker", "diamonds", "courier", "dawn"): fewer than this many of
# the 5,000 best-known plots say them, so a film's sentence that has one its own text lacks took it from
# the example, whatever its ending ("A retired safecracker's life is ..." of Shaun of the Dead).
_RARE_IN_PLOTS = 15
_REPEATED_RUN = 4  # words: "a rat-monkey transforms into a zombie ... while a rat-monkey transforms into"


def _stem(word: str) -> str:
    """ "safecracker's", "safecrackers" -> "safecracker": enough to tell a copied word in another form."""
    word = word.removesuffix("'s").removesuffix("’s")
    return word[:-1] if len(word) > 4 and word.endswith("s") and not word.endswith("ss") else word


def _stems(text: str) -> set[str]:
    return {_stem(w) for w in re.findall(r"[a-z'’]+", text.lower())}


_EXAMPLE_STEMS = _stems(f"{EXAMPLE_NOTES} {EXAMPLE_SENTENCE}") - {"fits", "plot"}


def repeats_itself(sentence: str) -> bool:
    """A small model caught in a loop says the same few words twice in one sentence."""
    words = re.findall(r"[a-z'’]+", sentence.lower())
    runs = [tuple(words[i : i + _REPEATED_RUN]) for i in range(len(words) - _REPEATED_RUN + 1)]
    return len(set(runs)) < len(runs)


def is_finished(text: str) -> bool:
    return bool(_FINISHED.search(text.strip()))


class SentenceChecker:
    """Checks sentences about one film. `given` are all films of the reply (a sentence may compare
    with another pick, never name a film outside them); `index` knows the catalogue's titles and
    people."""

    def __init__(
        self, movie: Movie, given: Sequence[Movie], index: CatalogueIndex, request: str = ""
    ) -> None:
        self.movie = movie
        self.given = list(given)
        self.index = index
        own = " ".join([movie.overview, movie.tagline, *movie.keywords])
        self.own_text = own.lower()
        self.own_stems = _stems(own)
        said = index.plots_saying
        self.example_rare = {
            w for w in _EXAMPLE_STEMS if said.get(w, 0) + said.get(w + "s", 0) < _RARE_IN_PLOTS
        }
        self.own_people = {title_key(p) for p in (*movie.directors, *movie.cast)}
        self.own_years = {str(movie.year)} if movie.year else set()
        self.own_years |= {m.group(1) for m in _YEAR.finditer(own)}
        self.own_counts = {(value, root) for value, roots in _counts(own) for root in roots}
        # A title's number is no claim: "Ocean's Eleven", "The Hateful Eight", "21 Jump Street".
        self.title_numbers = {value for m in (movie, *given) for value, _ in _counts(m.title)}
        self.request_words = set(re.findall(r"[a-z']+", request.lower()))
        self.title_stems = _stems(movie.title)
        self.counts = CheckCounts()
        self.dropped: list[tuple[str, str]] = []  # (reason, sentence): what eval shows as examples

    def reason_to_drop(self, sentence: str) -> str | None:
        if self._foreign_title(sentence):
            return "title"
        if self._told_of_another(sentence):
            return "other film"
        if self._foreign_year(sentence):
            return "year"
        if self._foreign_person(sentence):
            return "person"
        if self._foreign_genre(sentence):
            return "genre"
        if self._foreign_number(sentence):
            return "number"
        if _REQUEST.search(sentence):
            return "request"
        if self._copies_example(sentence):
            return "example"
        if repeats_itself(sentence):
            return "repeat"
        if self._foreign_role(sentence):
            return "role"
        return None

    def check(self, sentence: str) -> bool:
        """True when the sentence may be shown; counts it either way."""
        if not sentence.strip():
            return True
        reason = self.reason_to_drop(sentence)
        if reason is None:
            self.counts.kept += 1
            return True
        self.counts.dropped[reason] += 1
        self.dropped.append((reason, sentence.strip()))
        return False

    def _foreign_title(self, sentence: str) -> bool:
        # A title its own plot says ("to prove Santa Claus is real") names a character, not a film.
        found = foreign_titles(sentence, self.given, self.index)
        return any(m.title.lower() not in self.own_text for m in found)

    def _told_of_another(self, sentence: str) -> bool:
        """The sentence opens with another film of the reply as its subject and compares nothing:
        "Paddington and his family embark on a magical journey" of Vacation, "Amélie and Link fall in
        love" of Before Sunrise (the named film put into the pick's story). "Amélie and Chocolat are
        both about love" compares, and a title the pick's own plot says names a character there."""
        head = sentence.lstrip(" \"'“‘*")
        if head.startswith(self.movie.title) or _COMPARES.search(sentence):
            return False
        return any(
            head.startswith(m.title) and not head[len(m.title) : len(m.title) + 1].isalnum()
            for m in self.given
            if m.id != self.movie.id and m.title.lower() not in self.own_text
        )

    def _foreign_year(self, sentence: str) -> bool:
        year = self.movie.year
        for found in _YEAR.finditer(sentence):
            value, decade = found.group(1), found.group(2)
            if decade and year and int(value) // 10 == year // 10 and value.endswith("0"):
                continue  # "the 1990s" of a 1995 film
            if value not in self.own_years:
                return True
        for found in _DECADE.finditer(sentence):
            if not year or found.group(1) != f"{year % 100 // 10}0":
                return True
        return False

    def _foreign_person(self, sentence: str) -> bool:
        for found in _NAME.finditer(sentence):
            words = found.group().split()
            # Any two- or three-word run inside the capitalised run may be a name ("Director Michael Mann").
            for size in (3, 2):
                for i in range(len(words) - size + 1):
                    key = title_key(" ".join(words[i : i + size]))
                    if self.index.is_person(key) and key not in self.own_people and key not in self.own_text:
                        return True
        return False

    def _foreign_number(self, sentence: str) -> bool:
        """A number of three or more that the film's text never puts before the same word (either
        of the next two): "three killings" is not "three years"; "four lifelong friends" is "four
        friends"."""
        for value, roots in _counts(sentence):
            if value < _COUNTED_FROM or value in self.title_numbers:
                continue
            said = [root for root in roots if root] or [""]  # a number alone: any of the film's own
            if not any((value, root) in self.own_counts for root in said):
                return True
        return False

    def _foreign_role(self, sentence: str) -> bool:
        """A role in a word the film's text, title and the request never use, and one few plots
        use (so not "man", "legend", "criminal": too broad to be wrong, or said another way)."""
        for pattern in _ROLES:
            for found in pattern.finditer(sentence):
                word = found.group("head").lower()
                rare = word in self.index.words and word not in self.index.common | _FILM_KINDS
                own = (
                    _stem(word) in self.own_stems | self.title_stems
                    or word in self.request_words
                    or _written_apart(word, self.own_text)
                )
                if rare and not own:
                    return True
        return False

    def _copies_example(self, sentence: str) -> bool:
        """Four words in a row from the example, one of them uncommon ("one last diamond job",
        "risks everything on one"), or one of its rare words, that the film's text lacks: copied.
        Everyday runs such as "across the city in" do not count."""
        if any(
            run not in self.own_text and not set(run.split()) <= self.index.common
            for run in _word_runs(sentence) & _EXAMPLE_RUNS
        ):
            return True
        return bool((_stems(sentence) & self.example_rare) - self.own_stems)

    def _foreign_genre(self, sentence: str) -> bool:
        for found in _GENRE.finditer(sentence):
            word = found.group(1).lower()
            genre = GENRE_CLAIMS[word]
            if genre not in self.movie.genres and word not in self.own_text:
                return True
        return False


def _written_apart(word: str, text: str) -> bool:
    """Whether `text` writes the compound `word` as two words or with a hyphen: Léon's plot says
    "hit man", and "a hitman" is its own role, not one invented."""
    return any(
        re.search(rf"\b{re.escape(word[:i])}[ -]{re.escape(word[i:])}\b", text) is not None
        for i in range(_COMPOUND_PART, len(word) - _COMPOUND_PART + 1)
    )


def _counts(text: str) -> list[tuple[float, tuple[str, ...]]]:
    """Each number in `text` with the roots of the (up to) two words after it."""
    out = []
    for found in _NUMBER.finditer(text):
        word = found.group(1).lower().replace(",", "")
        value = float(word) if word[0].isdigit() else float(_NUMBER_WORDS[word])
        roots = tuple(w[:4] for w in re.findall(r"[a-z]+", found.group(2).lower()))
        out.append((value, (*roots, "")))  # "" stands for "the number alone", always the film's own
    return out


def foreign_titles(text: str, given: Sequence[Movie], index: CatalogueIndex) -> list[Movie]:
    """Catalogue films named in `text` other than `given`. The given films' own titles are taken
    out first, so "Good Night, and Good Luck." does not also name "Good Luck"; and a title counts
    only when written as one ("The Edge", not "the edge of their seats")."""
    for movie in sorted(given, key=lambda m: -len(m.title)):
        text = text.replace(movie.title, " ")
    ids, titles = {m.id for m in given}, {m.title.casefold() for m in given}
    return [
        m
        for m in find_titles(text, index)
        if m.id not in ids and m.title.casefold() not in titles and written_as_title(m.title, text)
    ]


def written_as_title(title: str, sentence: str) -> bool:
    words = [w for w in re.findall(r"[\w']+", title) if w[0].isalpha()]
    significant = [w for w in words if w.lower() not in _SMALL_WORDS] or words
    if not significant or not all(w[0].isupper() or not w[0].isalpha() for w in significant):
        return title in sentence
    parts = [re.escape(w) for w in re.findall(r"[\w']+", title)]
    if parts and parts[0].lower() in _ARTICLES:  # "inspired by the Shawshank Redemption"
        parts[0] = f"(?i:{parts[0]})"
    pattern = r"\b" + r"\W+".join(parts) + r"\b"
    return re.search(pattern, sentence) is not None  # case-sensitive: "The Edge", not "the edge"


def sentence_ends(text: str) -> list[re.Match[str]]:
    """Where sentences end: not after "Dr." or "Vol." ("Guardians of the Galaxy Vol. 2 ...")."""
    return [
        end
        for end in _BOUNDARY.finditer(text)
        if end.group().startswith("\n") or not ABBREVIATION.search(text[: end.start()])
    ]


def sentences(text: str) -> list[str]:
    """`text` cut after each sentence end (a sentence keeps its trailing space or newline)."""
    out, last = [], 0
    for end in sentence_ends(text):
        out.append(text[last : end.end()])
        last = end.end()
    return [*out, text[last:]] if text[last:] else out


def checked_sentences(
    chunks: Iterator[str], checker: SentenceChecker, unfinished: Counter[str]
) -> Iterator[str]:
    """Re-chunk a token stream into whole sentences and pass on those the checker keeps. Whatever
    is left when the stream ends without a sentence end is dropped, counted in `unfinished`."""
    buffer = ""
    for chunk in chunks:
        buffer += chunk
        ends = sentence_ends(buffer)
        if not ends:
            continue
        # A sentence end is certain only once whitespace follows it: "3." may become "3.5".
        cut = ends[-1].end()
        done, buffer = buffer[:cut], buffer[cut:]
        for sentence in sentences(done):
            if checker.check(sentence):
                yield sentence
    if buffer.strip():
        if is_finished(buffer):
            if checker.check(buffer):
                yield buffer
        else:
            unfinished["unfinished"] += 1
