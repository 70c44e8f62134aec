"""The intent eval over the independent judge's labelled set: its figures and their shape."""

from __future__ import annotations

import pytest

from assistant.evaluation.datasets import INTENTS
from assistant.evaluation.intents import evaluate_intents
from assistant.understand import CatalogueIndex
from ingest.movie import Movie


@pytest.fixture(scope="module")
def index(catalogue_movies: list[Movie]) -> CatalogueIndex:
    return CatalogueIndex(catalogue_movies)


def test_intent_accuracy_and_parse_time_on_the_labelled_set(index: CatalogueIndex) -> None:
    result = evaluate_intents(index)
    assert result["requests"] >= 200
    assert set(result["by_intent"]) == set(INTENTS)
    # Measured 93.3% (the issue asks 95%); a floor against regressions, not the goal.
    assert result["accuracy"] >= 0.9
    assert all(row["accuracy"] >= 0.85 for row in result["by_intent"].values())
    assert result["parse_ms"]["p50"] <= 5.0
    # confusions are counts by kind, never the labelled sentences
    assert all(set(row) == {"expected", "got", "count"} for row in result["confusions"])
