"""How well a film's own descriptors cover what the request asks about: its TMDB keywords and its
MovieLens viewers' tags, matched to the request's words by meaning.

Retrieval finds films near the request; the ordering then leans on standing and co-liking, which
favour the famous films of a broad kind. "A courtroom thriller from the 90s" came back Pulp Fiction,
The Usual Suspects, Fargo: 90s thrillers everyone knows, none set in a courtroom. This vote asks of
each candidate: for each content word of the request ("courtroom"), how close is the nearest of the
film's descriptors ("court case", "lawyer"), above a floor; averaged over the words. A film with no
descriptors is unknown, not absent: it gets the candidates' mean. Genre words are left to the genre
filters and leans, and films named in the request bring their own kind (the engine's kinship vote;
the topic vote joins it only where the message also says what it wants: `ordering.TOPIC_WORDS_WITH_FILMS`).

Measured on both judged sets (P@5, default ordering; this vote alone changed, at weight 0.35):
0.563 -> 0.580 (first), 0.396 -> 0.446 (second); moods 0.27 -> 0.36 and 0.17 -> 0.23. Keywords
alone gave 0.568 / 0.413: viewers' tags are where moods are written ("tearjerker", "tense").
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Collection, Mapping, Sequence
from itertools import pairwise
from pathlib import Path

import numpy as np

from assistant.lexical import CHAT_WORDS, SOURCE, lexical_query
from assistant.tags import WORD, request_words, said_together, singular, unit_rows
from assistant.understand.moods import idiom_words, own_state_words
from assistant.understand.vocabulary import GENRE_WORD, STOPWORDS, genre_styles
from ingest.movie import Movie
from ingest.vectors import load_vectors, write_vectors

log = logging.getLogger(__name__)

# How people ask, never a topic: "something that will make me feel hopeful". Not glue for the whole
# request: "feel-good" is said in words ("feel", "good") that `lexical.says_nothing` reads one by one.
# "In the mood for", "feeling angsty", "spooky vibes": the framing of a mood, whose own word matched
# "feel-good", "emotional", "melancholy" and "moody" (judged P@10 hits +1 on the second set, level on
# the other two; P@5 level).
ASKING = CHAT_WORDS | {"make", "makes", "feel", "feeling", "feelings", "mood", "moods", "vibe", "vibes"}
# "based on a true story", "based on a book": what it is based on is the topic; "based" alone
# matched every film "based on novel or book" ("a courtroom drama based on a true story").
GLUE = frozenset({"based", "inspired", "adapted"})

# A genre word that names a kind within the genre is a topic too: "a zombie film" is a horror film
# with zombies (the descriptors say "zombie"), "a whodunit" a mystery with a murder to solve.
SUBGENRE = re.compile(r"slashers?|zombies?|whodunn?its?|gangsters?|mafia|mobsters?|cyberpunk|anime", re.I)
# "documentary-style", "a fake documentary": the descriptors call it found footage or mockumentary,
# words the embedding puts far from "documentary" (0.55, 0.39)
STAGED = ["found footage", "mockumentary"]
PHRASES_FILE = "phrases.vectors.npz"  # in data/: the descriptor vocabulary, embedded (prepare.py)
NEGATED = re.compile(r"(?:not|no|non|never|anti|too|way\s+too|overrated)\b")
# Embeddings put a word near its opposite ("slow" ~ "fast" 0.75, "light" ~ "dark" 0.64): the tone
# words a request says, each with the one its matches must not say.
_OPPOSITES = (("light", "dark"), ("slow", "fast"), ("happy", "sad"), ("funny", "serious"), ("quiet", "loud"))
ANTONYMS = {word: other for pair in _OPPOSITES for word, other in (pair, pair[::-1])}
MATCH_FLOOR = 0.6  # cosine: "courtroom" ~ "court case" clears it, "courtroom" ~ "crime" does not

Encode = Callable[[list[str]], np.ndarray]


def film_descriptors(movies: Mapping[str, Movie], tags: Mapping[str, Sequence[str]]) -> dict[str, list[str]]:
    """Film id -> its keywords and viewers' tags, lower-cased, each once."""
    out = {}
    for film_id, movie in movies.items():
        phrases = list(
            dict.fromkeys([k.lower() for k in movie.keywords] + [t.lower() for t in tags.get(film_id, ())])
        )
        if phrases:
            out[film_id] = phrases
    return out


def topic_words(intent: str, pairs: Collection[str] = frozenset()) -> list[str]:
    """The request's content words a descriptor could match: no stopwords, no genre words, no chat
    ("make me feel"). Two words in a row that a descriptor says together (`pairs`: "true story",
    "time travel", "road movie") are one: apart, "true" and "story" match any film's "story".

    Pairs measured on the three judged sets (P@5 / P@10 hits, 82 + 48 + 30 requests): 252 / 426,
    111 / 183, 42 / 62 -> 255 / 429, 114 / 187, 40 / 63. The third set's loss is one request: the
    occasion's "high school" as one topic put Dead Poets Society and Losin' It before Star Wars for
    "a classic ... that will grab my 15 year old". Keeping the two words beside the pair: 255 / 426,
    113 / 186, 40 / 62."""
    text = lexical_query(intent)
    # "i'm sad, cheer me up": no sad film, and no cheerleaders
    own = own_state_words(intent) | idiom_words(intent)
    # a genre said as a style is what the film is like: "documentary-style" ~ "fake documentary"
    styles = {intent[a:b].lower() for a, b in genre_styles(intent)}  # ("documentary", "western")
    words = [
        w
        for w in request_words(text)
        if (w in styles or SUBGENRE.fullmatch(w) or not GENRE_WORD.fullmatch(w))
        and w not in ASKING | GLUE | own
    ]
    tokens = [w.strip("'-") for w in WORD.findall(intent.lower())]  # "road movie": "movie" is noise alone
    together: list[str] = []
    said: set[str] = set()  # the request's own words of each pair found
    sources: set[tuple[str, ...]] = set()  # what films are based on, as said and as singular
    for found in SOURCE.finditer(intent):
        source = source_words(found.group("source"))
        if source:
            together.append(" ".join(["based on", *source]))
            as_said = tuple(found.group("source").lower().split()[: len(source)])
            said.update(as_said)
            sources.update((as_said, tuple(source)))
    for a, b in pairwise(tokens):
        if {a, b} & STOPWORDS or any(map(GENRE_WORD.fullmatch, (a, b))) or (a, b) in sources:
            continue  # ... or the pair is all a film is based on ("true story"), said already;
            # a pair within it is its own topic ("stephen king" of "a Stephen King novel")
        if pair := said_together(a, b, pairs):  # "time loops": the descriptors say "time loop"
            together.append(pair)
            said.update((a, b))
    if any(style.startswith("doc") for style in styles):
        together += STAGED  # the film world's names for fiction told as a documentary
    return [w for w in words if w not in said] + list(dict.fromkeys(together))


def source_words(text: str) -> list[str]:
    """The words of what a film is based on, up to the first word that says no more of it ("a true
    story set in Boston": "true story"), each singular as the descriptors say it ("comic books")."""
    out = []
    for word in text.lower().split():
        if word in STOPWORDS or GENRE_WORD.fullmatch(word) or word in ASKING:
            break
        out.append(word)
    return [*out[:-1], singular(out[-1])] if out else []


class TopicIndex:
    """Every film's descriptors as columns of one embedded phrase vocabulary."""

    def __init__(
        self, descriptors: Mapping[str, Sequence[str]], vectors_of: Callable[[list[str]], np.ndarray]
    ):
        vocabulary = sorted({p for phrases in descriptors.values() for p in phrases})
        column = {p: j for j, p in enumerate(vocabulary)}
        self.vectors = unit_rows(vectors_of(vocabulary)) if vocabulary else np.zeros((0, 1), dtype=np.float32)
        # "not funny", "no plot", "too long": a viewer's complaint, which must not match "funny"
        # (cosine 0.82); "after a long week" found Avatar, The Departed and The Hobbit, "too long"
        negated = [j for j, p in enumerate(vocabulary) if NEGATED.match(p)]
        self.vectors[negated] = 0.0
        # the descriptors with each tone word in them, for its antonym: "light" is 0.64 from "dark"
        self._with_word = {
            word: np.asarray([j for j, p in enumerate(vocabulary) if word in p.split()], dtype=int)
            for word in set(ANTONYMS.values())
        }
        self.columns = {
            film: np.asarray([column[p] for p in phrases]) for film, phrases in descriptors.items()
        }
        # every two words in a row of a descriptor: "based on true story" -> "true story"
        self.pairs = frozenset(f"{a} {b}" for p in vocabulary for a, b in pairwise(p.split()))

    def __len__(self) -> int:
        return len(self.vectors)

    def coverage(
        self, word_vectors: np.ndarray, film_ids: Sequence[str], words: Sequence[str] = ()
    ) -> np.ndarray | None:
        """Per film: the mean over the words of the nearest descriptor's cosine above the floor (0 when
        none is near); None when no film has descriptors. `words` (the words of `word_vectors`, where
        known): a tone word never matches a descriptor that says its antonym."""
        if not len(word_vectors) or not len(self):
            return None
        near = np.maximum(unit_rows(word_vectors) @ self.vectors.T - MATCH_FLOOR, 0.0)  # words x phrases
        for i, word in enumerate(words):
            if word in ANTONYMS:
                near[i, self._with_word[ANTONYMS[word]]] = 0.0
        out = np.full(len(film_ids), np.nan, dtype=np.float32)
        for i, film in enumerate(film_ids):
            columns = self.columns.get(film)
            if columns is not None:
                out[i] = near[:, columns].max(axis=1).mean()
        described = ~np.isnan(out)
        if not described.any():
            return None
        out[~described] = out[described].mean()
        return out


def phrase_vectors(data_dir: Path, model: str, encode: Encode) -> Callable[[list[str]], np.ndarray]:
    """Vectors for phrases: the shipped ones where `data/phrases.vectors.npz` has them for this model,
    the rest embedded now (a film added later brings a few new keywords)."""
    stored = load_vectors(data_dir / PHRASES_FILE, model)
    embedded: dict[str, np.ndarray] = {}  # phrases embedded here, kept for the next film added

    def vectors_of(phrases: list[str]) -> np.ndarray:
        found = [embedded.get(p, stored.vector_for(p, p) if stored is not None else None) for p in phrases]
        missing = [p for p, v in zip(phrases, found, strict=True) if v is None]
        if missing:
            log.info("embedding %d descriptor phrases not in %s", len(missing), PHRASES_FILE)
            embedded.update(zip(missing, np.asarray(encode(missing), dtype=np.float32), strict=True))
            found = [v if v is not None else embedded[p] for p, v in zip(phrases, found, strict=True)]
        return np.asarray(found, dtype=np.float32).reshape(len(phrases), -1)

    return vectors_of


def write_phrase_vectors(path: Path, model: str, phrases: Sequence[str], encode: Encode) -> Path:
    """Embed the descriptor vocabulary once, for shipping (data/prepare.py)."""
    phrases = sorted(set(phrases))
    return write_vectors(path, model, phrases, phrases, np.asarray(encode(list(phrases))))
