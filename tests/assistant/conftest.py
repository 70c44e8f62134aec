"""One real collection of the whole shipped catalogue per test session (real MiniLM, embedded
Chroma in a temp dir): the engine tests ask about real films."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from assistant.api import MovieAssistant
from assistant.library import ingest_file
from assistant.settings import Settings


@pytest.fixture(scope="session")
def catalogue_settings(request: pytest.FixtureRequest) -> Settings:
    # Kept in pytest's cache folder between runs: ingest is idempotent, so a later run only
    # compares hashes (seconds) instead of re-embedding 4,799 plots (minutes).
    home = Path(request.config.cache.mkdir("reelchat-catalogue-home"))
    settings = Settings.from_env(env={}, home=home, reranker="none", llm="none")
    report = ingest_file(settings, prune=True, show_progress_bar=False)
    assert report.total == 4799 and not report.rejected
    return settings


@pytest.fixture(scope="session")
def assistant(catalogue_settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> MovieAssistant:
    """Retrieval without the cross-encoder (its own tests train one); sessions in a temp dir."""
    sessions_home = tmp_path_factory.mktemp("sessions")
    settings = replace(catalogue_settings, home=sessions_home, chroma_dir=catalogue_settings.chroma_dir)
    return MovieAssistant(settings)


@pytest.fixture
def home(catalogue_settings: Settings) -> Path:
    return catalogue_settings.home
