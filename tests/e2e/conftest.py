"""Servers for the UI and REST tests: the real app on free loopback ports, over a private copy of
the ingested catalogue (these tests add films, which must not leak into other tests' catalogue)."""

from __future__ import annotations

import shutil
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from assistant.api import MovieAssistant
from assistant.settings import Settings
from tests.conftest import free_port


@pytest.fixture(scope="session")
def make_home(
    catalogue_settings: Settings, tmp_path_factory: pytest.TempPathFactory
) -> Callable[[str], Path]:
    """A fresh data directory holding a copy of the ingested collection (about 45 MB, a second)."""

    def make(name: str) -> Path:
        home = tmp_path_factory.mktemp(name)
        shutil.copytree(catalogue_settings.chroma_dir, home / "chroma")
        return home

    return make


def ui_settings(home: Path, **overrides: object) -> Settings:
    """Fast and deterministic: no cross-encoder, no LLM (replies list the catalogue's facts)."""
    return Settings.from_env(env={}, home=home, reranker="none", llm="none").with_overrides(**overrides)


def wait_for_health(url: str, seconds: float, alive: Callable[[], bool] = lambda: True) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not alive():
            pytest.fail("the server exited before it answered /health")
        try:
            with urllib.request.urlopen(f"{url}health", timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    pytest.fail(f"no answer from {url}health within {seconds:.0f} s")


@dataclass
class LiveServer:
    url: str  # ends with "/"
    home: Path
    assistant: MovieAssistant


@pytest.fixture(scope="session")
def live_server(make_home: Callable[[str], Path]) -> Iterator[LiveServer]:
    """The full app (REST routes + Gradio) served by uvicorn in a thread on a free loopback port."""
    import uvicorn

    from ui.server import create_app, warm_up

    home = make_home("rest-home")
    assistant = MovieAssistant(ui_settings(home))
    warm_up(assistant)
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(create_app(assistant, port=port), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, name="reelchat-test-server", daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{port}/"
    try:
        wait_for_health(url, 60, thread.is_alive)
        yield LiveServer(url, home, assistant)
    finally:
        server.should_exit = True
        thread.join(timeout=15)
