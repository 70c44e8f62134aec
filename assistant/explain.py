"""Explanations grounded in the catalogue: what in a film's plot or metadata matches the request.

`match_facts` finds the evidence (request words found in the plot, keywords or tagline; the
constraints the film satisfies); `template_explanation` turns it into prose without any model
(the `none` backend, and the fallback when an LLM fails). `build_prompt` gives an LLM the same
facts and nothing else; `ground` removes any film title the LLM wrote that it was not given.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.understand import CatalogueIndex, ParsedRequest, RequestConstraints
from ingest.movie import Movie

_WORD = re.compile(r"[a-z][a-z'-]+")
_SENTENCE = re.compile(r"(?<=[.!?])\s+")
_STOP = frozenset(
    (
        "a an the and or but of for to in on at by with from about into like as is are was be it its this "
        "that some something anything movie movies film films flick watch want see me my i you your please "
        "good great best really very more less most much one ones kind sort type"
    ).split()
)


# Genre words are reported as "a Thriller film", not as story matches.
GENRE_WORDS = frozenset(
    "action adventure animation animated comedy comedies crime documentary drama dramas family fantasy "
    "history horror music musical mystery romance romantic thriller thrillers war western westerns "
    "sci-fi scifi science fiction only just".split()
)


@dataclass(frozen=True)
class MatchFacts:
    matched_words: tuple[str, ...]  # request words found in the film's text
    plot_sentence: str  # the plot sentence that matches best (or the first)
    satisfied: tuple[str, ...]  # constraints the film meets, in words


_ABBREVIATION = re.compile(r"(?:\b(?:Dr|Mr|Mrs|Ms|St|Jr|Sr|Lt|Col|Gen|Capt|Sgt|Prof|vs|No)|\b[A-Z])\.$")


def split_sentences(text: str) -> list[str]:
    """Sentences of a plot, not fooled by "Dr. Jones" or "an L.A. detective"."""
    sentences: list[str] = []
    for piece in _SENTENCE.split(text.strip()):
        if sentences and _ABBREVIATION.search(sentences[-1]):
            sentences[-1] += " " + piece
        elif piece.strip():
            sentences.append(piece)
    return sentences


def request_words(text: str) -> list[str]:
    return [w for w in dict.fromkeys(_WORD.findall(text.lower())) if w not in _STOP and len(w) > 2]


def _stem(word: str) -> str:
    return word[:5] if len(word) > 6 else word.rstrip("s")


def match_facts(movie: Movie, parsed: ParsedRequest, references: Sequence[Movie] = ()) -> MatchFacts:
    words = request_words(parsed.intent)
    for ref in references:  # "like Heat": what the named films are about counts as the request
        words += [k.lower() for k in ref.keywords[:6]] + [g.lower() for g in ref.genres]
    haystack = " ".join([movie.overview, movie.tagline, *movie.keywords]).lower()
    genre_words = {g.lower() for g in movie.genres} | GENRE_WORDS
    matched = tuple(w for w in dict.fromkeys(words) if _stem(w) in haystack and w not in genre_words)
    sentences = split_sentences(movie.overview) or [movie.overview]
    best = max(sentences, key=lambda s: sum(_stem(w) in s.lower() for w in matched))
    return MatchFacts(matched[:4], best.strip(), tuple(satisfied_constraints(movie, parsed.constraints)))


def satisfied_constraints(movie: Movie, c: RequestConstraints) -> list[str]:
    facts: list[str] = []
    if (c.year_min is not None or c.year_max is not None) and movie.year:
        facts.append(f"from {movie.year}")
    facts += [f"a {g} film" for g in c.include_genres]
    if c.exclude_genres:
        facts.append("not " + " or ".join(c.exclude_genres))
    if (c.runtime_max or c.runtime_min) and movie.runtime:
        facts.append(f"{movie.runtime} minutes long")
    if c.rating_min is not None and movie.vote_average is not None:
        facts.append(f"rated {movie.vote_average:.1f}/10")
    facts += [f"directed by {d}" for d in movie.directors if d in c.directors]
    facts += [f"with {a}" for a in c.cast if a in movie.cast]
    return facts


def template_explanation(movie: Movie, parsed: ParsedRequest, references: Sequence[Movie] = ()) -> str:
    """One or two honest sentences from the catalogue alone."""
    facts = match_facts(movie, parsed, references)
    reasons = []
    if references:
        shared = ", ".join(facts.matched_words[:3]) or "its genre"
        reasons.append(f"shares {shared} with {' and '.join(r.title for r in references[:2])}")
    elif facts.matched_words:
        reasons.append(f"its story involves {', '.join(facts.matched_words[:3])}")
    reasons += list(facts.satisfied)
    why = "; ".join(reasons) if reasons else "it is a close match for what you described"
    return f"{movie.label}: {why}. {facts.plot_sentence}"


# --- LLM prompt and grounding ------------------------------------------------------------------

SYSTEM_PROMPT = (
    "You explain why one film fits what a person asked for. Write one or two short sentences that "
    "cite the film's plot or facts given below. Use only those facts. Never mention any other film. "
    "Do not invent actors, years or events."
)
PLOT_CHARS = 320  # the plot as the LLM sees it: on 2 CPU cores prompt reading costs ~30 ms a token


def build_prompt(request: str, movie: Movie, parsed: ParsedRequest, references: Sequence[Movie] = ()) -> str:
    """The user turn for one film: the request and that film's facts, nothing else. One small
    prompt per film keeps the first words quick: the model starts after ~100 prompt tokens, not 700."""
    facts = match_facts(movie, parsed, references)
    plot = (
        movie.overview if len(movie.overview) <= PLOT_CHARS else movie.overview[:PLOT_CHARS].rsplit(" ", 1)[0]
    )
    lines = [f"Request: {request[-400:]}", f"Film: {movie.label}, {', '.join(movie.genres)}"]
    if movie.directors:
        lines.append(f"Director: {', '.join(movie.directors[:2])}")
    lines.append(f"Plot: {plot}")
    if facts.matched_words:
        lines.append(f"Matches the request on: {', '.join(facts.matched_words)}")
    if facts.satisfied:
        lines.append(f"Meets: {'; '.join(facts.satisfied)}")
    if references:
        lines.append(f"The person liked: {', '.join(r.title for r in references[:3])}")
    return "\n".join(lines) + "\nWhy does this film fit the request?"


def foreign_titles(text: str, allowed: Sequence[Movie], index: CatalogueIndex) -> list[Movie]:
    """Catalogue films named in `text` that are not among `allowed`."""
    allowed_ids = {m.id for m in allowed}
    allowed_titles = {m.title.casefold() for m in allowed}
    return [
        m
        for m in index.find_titles(text)
        if m.id not in allowed_ids and m.title.casefold() not in allowed_titles
    ]


def ground(text: str, allowed: Sequence[Movie], index: CatalogueIndex) -> tuple[str, int]:
    """Drop every sentence that names a film the model was not given; returns (text, removed)."""
    removed = 0
    kept: list[str] = []
    for sentence in split_sentences(text):
        if foreign_titles(sentence, allowed, index):
            removed += 1
            continue
        kept.append(sentence)
    return " ".join(kept).strip(), removed
