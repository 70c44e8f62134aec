"""Explanations from evidence (assistant.evidence): the language model's prompt for one film, and
the plain sentences used when no model writes (REELCHAT_LLM=none, or the model failed).

The model sees the evidence and a short piece of the plot, never the request: a small model
given the request tends to repeat it back ("a clever heist movie that matches the request")
instead of saying what in the film fits. The system prompt is the same for every film, so
llama.cpp keeps it in its KV cache and each film costs only its own few notes.
"""

from __future__ import annotations

from assistant.evidence import Evidence, split_sentences
from assistant.facts import join_names
from ingest.movie import Movie

SYSTEM_PROMPT = (
    "You are a film guide. Given notes on one film, write one sentence (20 words at most) telling "
    "the viewer what they will enjoy in it, with one concrete detail from the plot. Use only the "
    "notes. Do not name any other film, actor, year or genre. Do not mention notes or requests."
)
# One worked example, as chat turns: a small model copies an answer's length far better than it
# obeys "20 words at most" (it wrote 30-word sentences, 37 tokens a film). The film is made up, so
# nothing of it can leak into a real film's sentence as a fact; it shares the cached prefix with the
# system prompt, so it costs no time per film.
EXAMPLE_NOTES = (
    "The Night Courier\nFits: heist\nPlot: A retired safecracker is pulled "
    "into one last job, moving stolen diamonds across the city in a single night …"
)
EXAMPLE_SENTENCE = "A retired safecracker risks everything on one last diamond job before dawn."
# On 2 CPU cores every generated token is paid for five times over (one per film): one sentence
# per film keeps a five-film reply near 8 s, a second one roughly doubles it (docs: bench chat).
SENTENCES_PER_FILM = 1

# How a genre reads inside a phrase: "a 1990s crime thriller", "an animated family film".
_GENRE_WORD = {"Animation": "animated", "History": "historical", "Science Fiction": "science fiction"}
_GENRE_NOUNS = frozenset(("thriller", "drama", "comedy", "western", "documentary", "romance", "mystery"))


def film_notes(movie: Movie, evidence: Evidence) -> str:
    """The user turn for one film: its title and evidence (about 40-60 tokens). No year or genres:
    the model is told not to name them, and every prompt token is paid for on 2 cores (without
    them a five-film reply took 6.8 s instead of 8.0 s, with as few sentences dropped)."""
    notes = evidence.notes()
    return f"{movie.title}\n{notes}" if notes else movie.title


def kind_phrase(movie: Movie, era: str = "", prefer: frozenset[str] = frozenset()) -> str:
    """ "a 1990s crime thriller", "an animated comedy", "a film": one genre as the noun (one the
    person asked for when it can), one before it."""
    names = [g.lower() for g in movie.genres]
    nouns = [g for g in names if g in _GENRE_NOUNS]
    head = next((g for g in nouns if g in prefer), nouns[0] if nouns else "film")
    others = [g for g in movie.genres if g.lower() != head]
    modifier = next((g for g in others if g.lower() not in _GENRE_NOUNS), others[0] if others else "")
    words = [era, _GENRE_WORD.get(modifier, modifier.lower()), head]
    phrase = " ".join(w for w in words if w)
    return ("an " if phrase[0] in "aeiou" else "a ") + phrase


def evidence_sentence(movie: Movie, evidence: Evidence, named: bool = True) -> str:
    """A short paragraph from the evidence alone, written as a person would say it:
    "Heat (1995) is a 1990s crime thriller. It has what you asked for: heist and bank robbery. Obsessive
    master thief Neil McCauley leads ... It shares heist with The Town." (`named=False`: after
    the title line, "A 1990s crime thriller. It has ...")."""
    era = next((m for m in evidence.matches if m[:4].isdigit() and m.endswith("s")), "")
    spoken = next((m[3:] for m in evidence.matches if m.startswith("in ") and m[3:4].isupper()), "")
    themes = evidence.themes
    kind = kind_phrase(movie, " ".join(w for w in (era, spoken) if w), frozenset(evidence.matches))
    first = f"{movie.label} is {kind}" if named else kind[0].upper() + kind[1:]
    sentences = [first + "."]
    if themes:  # a sentence of its own reads right for nouns and adjectives: "heist", "gritty", "quirky"
        sentences.append(f"It has what you asked for: {join_names(themes[:3])}.")
    if evidence.plot:
        sentences.append(_whole_sentence(movie, evidence.plot))
    if evidence.related:
        sentences.append(f"It {_related_clause(evidence.related[0])}.")
    if evidence.standing:
        sentences.append(f"Viewers give it {evidence.standing}.")
    return " ".join(sentences)


def _whole_sentence(movie: Movie, plot: str) -> str:
    """The plot sentence the evidence quotes (shortened for the model), whole again for a reader."""
    start = plot.removesuffix(" …")
    found = next((s for s in split_sentences(movie.overview) if s.startswith(start)), plot)
    return found if found.endswith((".", "!", "?", "…", '"')) else found + "."


def _related_clause(related: str) -> str:
    if related.startswith("liked by"):
        return "is " + related
    return related  # "shares heist with Heat"
