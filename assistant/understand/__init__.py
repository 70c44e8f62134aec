"""Request understanding: one chat message -> search intent, hard constraints and the films it names.

Rule-based on purpose: deterministic, explainable and fast (well under 5 ms a message), so every
constraint a user sees applied can be traced to the words that set it. What rules cannot pin down
(mood, plot, "but funnier") stays in `intent` for retrieval to embed.

Modules, each with one job: `types` (the request types), `vocabulary` (the words and phrasings of
constraints: genre synonyms, numbers, decades, refusals), `titles` (the one title normaliser),
`catalogue` (what the parser knows about the catalogue), `series` (franchises known from the
catalogue), `reading` (one message being read), `mentions` (films and series named), `people`,
`numbers` (years, runtime, rating, count; their words in `measures`), `spelling` (typed slips in
genre words), `genres`, `questions` (a question about one film), `shown` (questions about the films
shown: "which one is the shortest?", "which of these are comedies?"), `filmmaker`
("films by the director of Inception"), `movements` ("a film noir", "a giallo": years, language, kind),
`intents` (what kind of message it is), `parse` (`parse_request`, the order of the steps).
"""

from assistant.understand.catalogue import CatalogueIndex
from assistant.understand.intents import INTENT_KINDS, IntentKind
from assistant.understand.parse import find_titles, parse_request, split_avoided
from assistant.understand.titles import title_key
from assistant.understand.types import ParsedRequest, RequestConstraints
from assistant.understand.vocabulary import (
    EMPTY_NOTICE,
    FILM_NOUNS,
    FUZZY_CUTOFF,
    GOOD_RATING,
    MAX_CHARS,
    MAX_K,
    OLD_YEAR_MAX,
    RECENT_YEARS,
    REQUEST_WORDS,
    SHORT_MAX,
    STOPWORDS,
)

__all__ = [
    "EMPTY_NOTICE",
    "FILM_NOUNS",
    "FUZZY_CUTOFF",
    "GOOD_RATING",
    "INTENT_KINDS",
    "MAX_CHARS",
    "MAX_K",
    "OLD_YEAR_MAX",
    "RECENT_YEARS",
    "REQUEST_WORDS",
    "SHORT_MAX",
    "STOPWORDS",
    "CatalogueIndex",
    "IntentKind",
    "ParsedRequest",
    "RequestConstraints",
    "find_titles",
    "parse_request",
    "split_avoided",
    "title_key",
]
