"""Why a film was picked, as facts a person can check: `Evidence`, built from the film, the
understood request, the films the person named and (when the engine has them) MovieLens signals.

The same evidence feeds the card's one line ("Matches: heist · twist ending · 1990s"), the
language model's notes (short: on 2 CPU cores every prompt token costs time) and, without a model,
a plain sentence (`evidence_sentence`). Nothing here invents: every phrase is the film's own
metadata or words from its plot.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from assistant.understand import REQUEST_WORDS, STOPWORDS, ParsedRequest, RequestConstraints
from assistant.understand.moods import own_state_words
from ingest.languages import name_of
from ingest.movie import Movie

_WORD = re.compile(r"[a-z][a-z'-]+")
_SENTENCE = re.compile(r"(?<=[.!?])\s+")
# "Dr. Jones", "Guardians of the Galaxy Vol. 2", "an L.A. detective": no sentence ends there
ABBREVIATION = re.compile(r"(?:\b(?:Dr|Mr|Mrs|Ms|St|Jr|Sr|Lt|Col|Gen|Capt|Sgt|Prof|vs|No|Vol|Pt)|\b[A-Z])\.$")
_STOP = frozenset(
    (
        "a an the and or but of for to in on at by with from about into like as is are was be it its this "
        "that some something anything movie movies film films flick watch want see me my i you your please "
        "good great best really very more less most much one ones kind sort type nothing not no set "
        "who what where when which while than then them they their there these those have has had "
        "would could should just only also still even ever over under after before story"
    ).split()
)
# Request words that name a genre: reported as the genre itself, not as a story match.
GENRE_WORDS = {
    "action": "Action",
    "adventure": "Adventure",
    "animated": "Animation",
    "animation": "Animation",
    "comedy": "Comedy",
    "comedies": "Comedy",
    "funny": "Comedy",
    "crime": "Crime",
    "documentary": "Documentary",
    "drama": "Drama",
    "dramas": "Drama",
    "family": "Family",
    "fantasy": "Fantasy",
    "history": "History",
    "historical": "History",
    "horror": "Horror",
    "scary": "Horror",
    "music": "Music",
    "musical": "Music",
    "mystery": "Mystery",
    "romance": "Romance",
    "romantic": "Romance",
    "sci-fi": "Science Fiction",
    "scifi": "Science Fiction",
    "science": "Science Fiction",
    "fiction": "Science Fiction",
    "thriller": "Thriller",
    "thrillers": "Thriller",
    "war": "War",
    "western": "Western",
    "westerns": "Western",
}
# Words that ask, remember or point rather than describe: "the same day", "trying to find", "a guy
# who..." are no theme of a film ("Matches: the same · the find" read as nonsense).
_ASKING = (
    STOPWORDS
    | REQUEST_WORDS
    | frozenset(
        (
            "make makes made need actually cheer same find finds found term whole without knowing know "
            "knows guy guys thing things someone somebody get gets got goes going take takes remember "
            "remembered recall think thought saw seen trying try looking called named name title kid kids "
            "child childhood happens happened basically literally enjoy enjoys enjoyed"
        ).split()
    )
)
_GENRE_NAMES = frozenset(g.lower() for g in GENRE_WORDS.values())
_CONSTRAINT_MATCH = re.compile(r"^(?:\d{4}s?|\d+ min|rated |no |dir\. |with |in [A-Z])")
PLOT_WORDS = 22  # words of the plot the model and the fallback see: one concrete detail, few tokens
MAX_MATCHES = 5


@dataclass(frozen=True)
class Evidence:
    """What in a film answers the request. Lists are short phrases, best first:
    `matches` the parts of the request it meets (keywords, genres, era, people, length);
    `plot_phrases` words of its own plot that match (for a film search: the details recalled);
    `related` how it stands to the films the person named; `standing` its ratings, in words;
    `plot` the plot sentence that matches best, shortened."""

    matches: list[str] = field(default_factory=list)
    plot_phrases: list[str] = field(default_factory=list)
    related: list[str] = field(default_factory=list)
    standing: str = ""
    plot: str = ""

    def line(self) -> str:
        """The card's one line: "Matches: heist · twist ending · 1990s" (or how it relates)."""
        if self.matches:
            return "Matches: " + " · ".join(self.matches[:MAX_MATCHES])
        if self.related:
            return self.related[0][0].upper() + self.related[0][1:]
        return f"Standing: {self.standing}" if self.standing else ""

    @property
    def themes(self) -> list[str]:
        """The matches that say what the film is about (not its genre, era, length or rating)."""
        return [m for m in self.matches if not _CONSTRAINT_MATCH.match(m) and m not in _GENRE_NAMES]

    def notes(self) -> str:
        """The evidence as the model reads it: a few short lines, no request text. Genres and era
        stay out: the label says them, and a small model handed "1990s, thriller" repeats it back
        ("a thriller set in the 1990s") instead of saying what happens."""
        lines = []
        if self.themes:
            lines.append("Fits: " + ", ".join(self.themes[:MAX_MATCHES]))
        if self.related:
            lines.append("Link: " + "; ".join(self.related[:2]))
        if self.plot:
            lines.append("Plot: " + self.plot)
        return "\n".join(lines)


def split_sentences(text: str) -> list[str]:
    """Sentences of a plot, not fooled by "Dr. Jones" or "an L.A. detective"."""
    sentences: list[str] = []
    for piece in _SENTENCE.split(text.strip()):
        if sentences and ABBREVIATION.search(sentences[-1]):
            sentences[-1] += " " + piece
        elif piece.strip():
            sentences.append(piece)
    return sentences


def request_words(text: str) -> list[str]:
    # "that's" and "it's" are "that" and "it": never a match to show ("Matches: that's · comedy")
    words = (w.split("'")[0] for w in _WORD.findall(text.lower().replace("’", "'")))
    return [w for w in dict.fromkeys(words) if w not in _STOP and len(w) > 2]


def stem(word: str) -> str:
    return word[:5] if len(word) > 6 else word.rstrip("s")


def _shorten(sentence: str, words: int = PLOT_WORDS) -> str:
    parts = sentence.split()
    if len(parts) <= words:
        return sentence.strip()
    cut = " ".join(parts[:words]).rstrip(",;:-")
    # At a clause end if one is near, so the fragment still reads as a thought.
    clause = max(cut.rfind(", "), cut.rfind("; "))
    return (cut[:clause] if clause > len(cut) // 2 else cut) + " …"


def decade_phrase(c: RequestConstraints, year: int | None) -> str:
    if year is None or (c.year_min is None and c.year_max is None):
        return ""
    lo, hi = c.year_min, c.year_max
    if (lo is not None and year < lo) or (hi is not None and year > hi):
        return ""
    if lo is not None and hi is not None and lo % 10 == 0 and hi == lo + 9:
        return f"{lo}s"
    return str(year)


def constraint_matches(movie: Movie, c: RequestConstraints) -> list[str]:
    """The hard constraints the film meets, in a word or two each."""
    out = [g.lower() for g in c.include_genres if g in movie.genres]
    if era := decade_phrase(c, movie.year):
        out.append(era)
    out += [f"no {g.lower()}" for g in c.exclude_genres]
    if (c.runtime_max or c.runtime_min) and movie.runtime:
        out.append(f"{movie.runtime} min")
    if c.rating_min is not None and movie.vote_average is not None:
        out.append(f"rated {movie.vote_average:.1f}")
    out += [f"dir. {d}" for d in movie.directors if d in c.directors]
    out += [f"with {a}" for a in c.cast if a in movie.cast]
    if (c.languages or c.exclude_languages) and movie.language:
        out.append(f"in {name_of(movie.language)}")  # "a Korean thriller", "not in English"
    return out


def _keyword_for(word: str, keywords: Sequence[str]) -> str | None:
    s = stem(word)
    hits = [k for k in keywords if any(stem(part) == s or part.startswith(s) for part in k.lower().split())]
    return min(hits, key=len).lower() if hits else None


def _plot_phrase(word: str, sentences: Sequence[str]) -> str | None:
    """A few words of the plot around `word`: "steal $20 million from a casino"."""
    s = stem(word)
    for sentence in sentences:
        tokens = sentence.split()
        for i, token in enumerate(tokens):
            if token.lower().strip(".,;:!?\"'()").startswith(s):
                return " ".join(tokens[max(0, i - 2) : i + 4]).strip(".,;:!?\"'()")
    return None


def standing_phrase(movie: Movie, signals: Any = None) -> str:
    parts = []
    if movie.vote_average is not None and (movie.vote_count or 0) >= 10:
        parts.append(f"{movie.vote_average:.1f}/10 from {movie.vote_count:,} TMDB votes")
    counts = getattr(signals, "counts", None) or {}
    means = getattr(signals, "means", None) or {}
    if counts.get(movie.id, 0) >= 5 and movie.id in means:
        parts.append(f"{means[movie.id]:.1f}/5 from {counts[movie.id]:,} MovieLens ratings")
    return " and ".join(parts)


def viewer_tags(movie: Movie, signals: Any = None) -> tuple[str, ...]:
    """What MovieLens viewers tagged the film ("atmospheric", "twist ending"), if signals carry tags."""
    return (getattr(signals, "tags", None) or {}).get(movie.id, ())


def related_phrases(movie: Movie, references: Sequence[Movie], signals: Any = None) -> list[str]:
    """How the film relates to the ones the person named: shared keywords or viewers' tags, and
    MovieLens viewers' co-liking."""
    out = []
    tables = [getattr(signals, name, None) or {} for name in ("neighbours", "like_neighbours")]
    for ref in references[:2]:
        shared = [k.lower() for k in ref.keywords if k in movie.keywords][:2]
        tags = viewer_tags(movie, signals)
        shared = shared or [t for t in viewer_tags(ref, signals) if t in tags and t not in GENRE_WORDS][:2]
        shared = shared or [g.lower() for g in ref.genres if g in movie.genres][:2]
        if any(other == movie.id for table in tables for other, _ in table.get(ref.id, [])):
            out.append(f"liked by the same MovieLens viewers as {ref.title}")
        if shared:
            out.append(f"shares {' and '.join(shared)} with {ref.title}")
    return out


def build_evidence(
    movie: Movie, parsed: ParsedRequest, references: Sequence[Movie] = (), signals: Any = None
) -> Evidence:
    """The evidence for one pick. `signals` is optional (MovieLens neighbours, counts, means:
    anything with those attributes); without it the evidence simply has no MovieLens part."""
    # Words that ask rather than describe ("tonight", "give", "any") are no theme of a film.
    words = [w for w in request_words(parsed.intent) if w not in GENRE_WORDS and w not in _ASKING]
    # "i'm sad, cheer me up": how the person feels is no theme of the film ("It has what you asked
    # for: sad" was shown for Mary and Max).
    own_state = own_state_words(parsed.intent)
    words = [w for w in words if w not in own_state]
    sentences = split_sentences(movie.overview) or [movie.overview]
    haystack = " ".join([movie.overview, movie.tagline]).lower()
    matches: list[str] = []
    phrases: list[str] = []
    viewers_tags = viewer_tags(movie, signals)
    for word in words:
        # The film's keywords, else what its viewers call it ("bleak" -> tagged "bleak").
        keyword = _keyword_for(word, movie.keywords) or _keyword_for(word, viewers_tags)
        if keyword:  # "twist" -> the keyword "twist ending"; "friendship" stays itself, not "friends"
            matches.append(keyword if " " in keyword else word)
        elif stem(word) in haystack:
            matches.append(word)
            if phrase := _plot_phrase(word, sentences):
                phrases.append(phrase)
    matches += [g.lower() for w in request_words(parsed.intent) if (g := GENRE_WORDS.get(w)) in movie.genres]
    matches += constraint_matches(movie, parsed.constraints)
    known_item = getattr(parsed, "intent_kind", "") in ("known_item", "film_question")
    matched_stems = [stem(m.split()[0]) for m in matches]
    best = max(sentences, key=lambda s: sum(st in s.lower() for st in matched_stems))
    return Evidence(
        matches=list(dict.fromkeys(matches))[: MAX_MATCHES + (2 if known_item else 0)],
        plot_phrases=list(dict.fromkeys(phrases))[: 4 if known_item else 2],
        related=related_phrases(movie, references, signals),
        standing=standing_phrase(movie, signals),
        plot=_shorten(best.strip()),
    )
