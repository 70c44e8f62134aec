"""The generated constraint suite: phrasings x constraints x filler words, read exactly."""

from __future__ import annotations

import pytest

from assistant.evaluation.grammar import exact_parses, generate_cases, parse_mismatch
from assistant.understand import CatalogueIndex, RequestConstraints
from ingest.movie import Movie


@pytest.fixture(scope="module")
def index(catalogue_movies: list[Movie]) -> CatalogueIndex:
    return CatalogueIndex(catalogue_movies)


def test_the_generator_is_seeded_and_large_enough() -> None:
    cases = generate_cases()
    assert len(cases) >= 2_000
    assert [c.text for c in cases[:50]] == [c.text for c in generate_cases()[:50]]
    assert len({c.text for c in cases}) > 0.95 * len(cases)  # combinations, not repeats


def test_at_least_99_percent_of_generated_requests_parse_exactly(index: CatalogueIndex) -> None:
    result = exact_parses(index, generate_cases())
    assert result["exact_rate"] >= 0.99, result["misses"][:5]


def test_a_wrong_parse_is_reported_field_by_field(index: CatalogueIndex) -> None:
    from assistant.evaluation.grammar import GrammarCase

    case = GrammarCase(0, "a comedy from the 80s", RequestConstraints(1990, 1999, include_genres=("Comedy",)))
    assert parse_mismatch(case, index) == {
        "year_min": {"expected": 1990, "got": 1980},
        "year_max": {"expected": 1999, "got": 1989},
    }
