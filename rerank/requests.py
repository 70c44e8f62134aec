"""Requests a person might type for a film, synthesized from its catalogue metadata.

"a 90s crime thriller about bank and heist", "something with Tom Hanks about island and
survival": each names a few things the film has (genres, keywords, decade, director or lead
actor, a mood that fits its genres) and never its title, so a reranker trained on them learns to
match descriptions, not to spot names. Every template names at least one specific thing (keywords,
a person or the tagline); "a funny comedy" fits a thousand films and teaches nothing.
"""

from __future__ import annotations

import random
import re
import string
from collections.abc import Sequence
from dataclasses import dataclass

from ingest.movie import Movie
from rerank.texts import CANDIDATE_CAST, CANDIDATE_KEYWORDS, useful_keywords

# noun: how a request names the main genre; adjective: how it qualifies it ("romantic comedy").
GENRE_NOUN = {
    "Action": "action movie",
    "Adventure": "adventure",
    "Animation": "animated movie",
    "Comedy": "comedy",
    "Crime": "crime movie",
    "Documentary": "documentary",
    "Drama": "drama",
    "Family": "family movie",
    "Fantasy": "fantasy",
    "History": "historical drama",
    "Horror": "horror movie",
    "Music": "music film",
    "Mystery": "mystery",
    "Romance": "romance",
    "Science Fiction": "sci-fi movie",
    "Thriller": "thriller",
    "War": "war movie",
    "Western": "western",
}
GENRE_ADJECTIVE = {
    "Action": "action",
    "Adventure": "adventure",
    "Animation": "animated",
    "Comedy": "comedy",
    "Crime": "crime",
    "Documentary": "documentary",
    "Drama": "dramatic",
    "Family": "family",
    "Fantasy": "fantasy",
    "History": "historical",
    "Horror": "horror",
    "Music": "musical",
    "Mystery": "mystery",
    "Romance": "romantic",
    "Science Fiction": "sci-fi",
    "Thriller": "thriller",
    "War": "war",
    "Western": "western",
}
MOODS = {
    "Action": ("exciting", "action-packed"),
    "Adventure": ("epic", "fun"),
    "Animation": ("charming", "colourful"),
    "Comedy": ("funny", "lighthearted", "hilarious"),
    "Crime": ("gritty", "dark"),
    "Documentary": ("eye-opening", "fascinating"),
    "Drama": ("moving", "emotional", "powerful"),
    "Family": ("feel-good", "wholesome"),
    "Fantasy": ("magical", "whimsical"),
    "History": ("sweeping",),
    "Horror": ("scary", "creepy", "terrifying"),
    "Music": ("uplifting",),
    "Mystery": ("twisty", "puzzling"),
    "Romance": ("sweet", "heartfelt"),
    "Science Fiction": ("mind-bending", "futuristic"),
    "Thriller": ("tense", "gripping", "suspenseful"),
    "War": ("harrowing", "intense"),
    "Western": ("rugged",),
}
TEMPLATES = (
    "a {era} {genre} about {about}",
    "something with {actor} about {about}",
    "looking for a {mood} {genre} with {about}",
    "{mood} {genre} directed by {director}",
    "recommend me a {genre} from the {era} about {about}",
    "I'm in the mood for something {mood} about {about}",
    "a {genre} starring {actor}",
    "what's a good {genre} with {about}?",
    "any {mood} {era} movies with {actor}?",
    "a {director} film about {about}",
    'a {mood} movie that feels like "{tagline}"',
    "{genre} about {about}, ideally from the {era}",
    "show me {era} films about {about}",
    "we want a {mood} {genre} for movie night, something about {about}",
    "a {genre} by {director}, {mood} if possible",
    "films about {about} with {actor}",
)
SPECIFIC_FIELDS = frozenset({"about", "actor", "director", "tagline"})
MAX_TAGLINE_CHARS = 90
_FIELDS = {t: frozenset(f for _, f, _, _ in string.Formatter().parse(t) if f) for t in TEMPLATES}


@dataclass(frozen=True)
class Facets:
    """What a request asks for; a film with all of it is another right answer, not a negative."""

    genres: frozenset[str] = frozenset()
    keywords: frozenset[str] = frozenset()
    decade: int | None = None
    person: str | None = None
    tagline: str | None = None

    def satisfied_by(self, movie: Movie) -> bool:
        if self.tagline is not None:
            return movie.tagline.strip() == self.tagline  # a tagline singles out one film
        decade = None if movie.year is None else movie.year // 10 * 10
        return (
            self.genres <= set(movie.genres)
            and self.keywords <= set(movie.keywords)
            and (self.decade is None or self.decade == decade)
            and (self.person is None or self.person in movie.directors or self.person in movie.cast)
        )


@dataclass(frozen=True)
class SynthRequest:
    text: str
    movie: Movie
    facets: Facets


def _normalise(text: str) -> str:
    return " " + " ".join(re.sub(r"[^\w]+", " ", text.lower()).split()) + " "


def title_forms(title: str) -> list[str]:
    """The ways a request could name a film: "The Dark Knight Rises: Part 2" -> the full title,
    the part before the colon, each without a leading article."""
    forms = {title, title.split(":")[0]}
    forms |= {re.sub(r"^(the|a|an)\s+", "", f.strip(), flags=re.IGNORECASE) for f in forms}
    return [n for n in (_normalise(f) for f in forms) if n.strip()]


def mentions_title(text: str, title: str) -> bool:
    """Whether text names the title as whole words (so "Up" is not found in "about")."""
    haystack = _normalise(text)
    return any(form in haystack for form in title_forms(title))


def _era(year: int, rng: random.Random) -> str:
    decade = year // 10 * 10
    if decade >= 2000:
        return f"{decade}s"
    return rng.choice((f"{decade % 100:02d}s", f"{decade}s"))


def _and_join(words: Sequence[str]) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"


def synthesize_request(movie: Movie, rng: random.Random) -> SynthRequest | None:
    """One request for the film, or None when its metadata is too thin to describe it."""
    genres = [g for g in movie.genres if g in GENRE_NOUN]
    if not genres:
        return None
    # Only what the candidate card shows (first keywords, lead actors) is used: the cross-encoder
    # can learn to match a request to a film only on text it is given.
    keywords = [k for k in useful_keywords(movie, CANDIDATE_KEYWORDS) if not mentions_title(k, movie.title)]
    tagline = movie.tagline.strip().rstrip(".!")
    usable_tagline = len(tagline) <= MAX_TAGLINE_CHARS and not mentions_title(tagline, movie.title)
    available = {"genre", "mood"}
    available |= {"about"} if len(keywords) >= 2 else set()
    available |= {"era"} if movie.year else set()
    available |= {"actor"} if movie.cast else set()
    available |= {"director"} if movie.directors else set()
    available |= {"tagline"} if tagline and usable_tagline else set()
    templates = [t for t in TEMPLATES if _FIELDS[t] <= available and _FIELDS[t] & SPECIFIC_FIELDS]
    if not templates:
        return None
    template = rng.choice(templates)
    used = _FIELDS[template]

    main = rng.choice(genres)
    others = [g for g in genres if g != main]
    second = rng.choice(others) if others and rng.random() < 0.5 else None
    genre = f"{GENRE_ADJECTIVE[second]} {GENRE_NOUN[main]}" if second else GENRE_NOUN[main]
    # "an action-packed action movie" reads like a machine wrote it; prefer a mood the genre lacks.
    moods = [m for g in genres for m in MOODS[g] if m.split("-")[0] not in genre] or list(MOODS[main])
    about = rng.sample(keywords, k=min(len(keywords), rng.choice((2, 2, 3)))) if "about" in used else []
    person = None
    if "actor" in used:
        person = rng.choice(movie.cast[:CANDIDATE_CAST])
    elif "director" in used:
        person = movie.directors[0]
    values = {
        "genre": genre,
        "mood": rng.choice(moods),
        "about": _and_join(about) if about else "",
        "era": _era(movie.year, rng) if movie.year else "",
        "actor": person or "",
        "director": person or "",
        "tagline": tagline,
    }
    text = re.sub(r"\ba ([aeiou])", r"an \1", template.format(**values))
    if rng.random() < 0.5:
        text = text[0].upper() + text[1:]
    if mentions_title(text, movie.title):  # e.g. the film "Her" and "about her past"
        return None
    facets = Facets(
        genres=frozenset(g for g in (main, second) if g) if "genre" in used else frozenset(),
        keywords=frozenset(about),
        decade=movie.year // 10 * 10 if movie.year and "era" in used else None,
        person=person,
        tagline=movie.tagline.strip() if "tagline" in used else None,
    )
    return SynthRequest(text, movie, facets)


def synthesized_requests(movies: Sequence[Movie], n: int, seed: int = 0) -> list[SynthRequest]:
    """Up to n requests for n different films, drawn uniformly (seeded) from those that allow one."""
    rng = random.Random(seed)
    order = list(range(len(movies)))
    rng.shuffle(order)
    requests: list[SynthRequest] = []
    for i in order:
        if len(requests) >= n:
            break
        request = synthesize_request(movies[i], rng)
        if request is not None:
            requests.append(request)
    return requests
