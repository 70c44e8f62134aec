"""Precomputed vectors beside a catalogue: used only when model and text match, never trusted blindly."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import assistant.library
from assistant.library import ingest_file, movies_collection
from assistant.settings import DEFAULT_CATALOGUE, DEFAULT_EMBED_MODEL, Settings
from ingest.catalogue import read_catalogue, write_jsonl
from ingest.embedding import make_encoder
from ingest.movie import Movie
from ingest.vectors import load_vectors, vectors_path_for, write_vectors


@pytest.fixture
def encoded_texts(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every text the real encoder is asked to embed during ingest_file."""
    seen: list[str] = []

    def counting_encoder(model_name: str, batch_size: int = 64) -> Callable[[list[str]], Any]:
        encode = make_encoder(model_name, batch_size)

        def wrapped(texts: list[str]) -> Any:
            seen.extend(texts)
            return encode(texts)

        return wrapped

    monkeypatch.setattr(assistant.library, "make_encoder", counting_encoder)
    return seen


def _catalogue_with_vectors(films: list[Movie], folder: Path, model: str) -> Path:
    source = write_jsonl(films, folder / "films.jsonl")
    documents = [m.document() for m in films]
    write_vectors(
        vectors_path_for(source), model, [m.id for m in films], documents, make_encoder(model)(documents)
    )
    return source


def test_only_the_film_whose_text_changed_is_embedded(
    settings: Settings, catalogue_movies: list[Movie], tmp_path: Path, encoded_texts: list[str]
) -> None:
    films = catalogue_movies[:12]
    source = _catalogue_with_vectors(films, tmp_path, settings.embed_model)
    edited = replace(films[3], overview=films[3].overview + " Then the lights go out.")
    write_jsonl([*films[:3], edited, *films[4:]], source)

    report = ingest_file(settings, source, show_progress_bar=False)

    assert (report.added, report.from_vectors, report.total) == (12, 11, 12)
    assert encoded_texts == [edited.document()]
    stored = movies_collection(settings).get(
        ids=[films[0].id, edited.id], include=["embeddings", "documents"]
    )
    by_id = dict(zip(stored["ids"], stored["embeddings"], strict=True))
    fresh = make_encoder(settings.embed_model)([films[0].document(), edited.document()])
    assert float(fresh[0] @ by_id[films[0].id]) > 0.999  # the float16 vector is the model's
    assert float(fresh[1] @ by_id[edited.id]) > 0.999  # and the edited film was really re-embedded


def test_vectors_of_another_model_are_ignored_with_a_log_line(
    settings: Settings,
    catalogue_movies: list[Movie],
    tmp_path: Path,
    encoded_texts: list[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    films = catalogue_movies[:5]
    source = write_jsonl(films, tmp_path / "films.jsonl")
    docs = [m.document() for m in films]
    write_vectors(
        vectors_path_for(source), "some/other-model", [m.id for m in films], docs, np.ones((5, 384))
    )

    with caplog.at_level(logging.WARNING, logger="ingest.vectors"):
        report = ingest_file(settings, source, show_progress_bar=False)

    assert "made with 'some/other-model'" in caplog.text and "ignoring them" in caplog.text
    assert (report.added, report.from_vectors, report.total) == (5, 0, 5)
    assert sorted(encoded_texts) == sorted(docs)


def test_truncated_vectors_file_is_reported_and_every_film_embedded(
    settings: Settings,
    catalogue_movies: list[Movie],
    tmp_path: Path,
    encoded_texts: list[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    films = catalogue_movies[:6]
    source = _catalogue_with_vectors(films, tmp_path, settings.embed_model)
    path = vectors_path_for(source)
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])

    with caplog.at_level(logging.ERROR, logger="ingest.vectors"):
        report = ingest_file(settings, source, show_progress_bar=False)

    assert f"precomputed vectors {path} cannot be read" in caplog.text
    assert "python data/prepare.py --vectors-only" in caplog.text
    assert (report.added, report.from_vectors, report.total) == (6, 0, 6)
    assert len(encoded_texts) == 6


def test_shipped_vectors_cover_every_shipped_film() -> None:
    """Stale vectors would silently turn the first run into minutes of embedding again."""
    vectors = load_vectors(vectors_path_for(DEFAULT_CATALOGUE), DEFAULT_EMBED_MODEL)
    assert vectors is not None and vectors.vectors.dtype == np.float16
    movies = read_catalogue(DEFAULT_CATALOGUE).movies
    stale = [m.id for m in movies if vectors.vector_for(m.id, m.document()) is None]
    assert len(vectors) == len(movies) and stale == []
