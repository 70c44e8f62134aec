"""End to end with a real embedded model (SmolLM2 through llama.cpp), and with the `ollama` code
path against the Ollama-protocol test server: multi-turn, grounded, resumable, and failures
that leave the recommendations standing."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from assistant.api import MovieAssistant
from assistant.grounding import foreign_titles
from assistant.settings import Settings
from assistant.understand import find_titles
from tests.conftest import free_port
from tests.e2e.ollama_server import FakeOllama

SHORT = 40  # tokens per film: real prose, short enough for 2 cores


def _settings(base: Settings, home: Path, **overrides: object) -> Settings:
    return replace(base, home=home, chroma_dir=base.chroma_dir).with_overrides(
        llm_max_tokens=SHORT, llm_context=2048, ollama_host=f"http://127.0.0.1:{free_port()}", **overrides
    )


def test_multi_turn_with_the_embedded_model(
    catalogue_settings: Settings, smollm2: Path, tmp_path: Path
) -> None:
    settings = _settings(catalogue_settings, tmp_path, llm="llamacpp", gguf=smollm2)
    bot = MovieAssistant(settings)
    first = bot.chat("a tense 90s heist thriller, nothing gory", "e2e", k=2)
    assert first.backend == "llamacpp" and len(first.recommendations) == 2
    for n, rec in enumerate(first.recommendations, start=1):
        assert f"{n}. {rec.title} ({rec.year}):" in first.text  # titles from the catalogue
    assert len(first.text) > 80  # the model wrote something after each title

    second = first.recommendations[1]
    why = MovieAssistant(settings).chat("why did you recommend the second one?", "e2e")  # a restart
    assert why.backend == "llamacpp"
    assert [r.movie_id for r in why.recommendations] == [second.movie_id]
    assert second.title in why.text
    plot_words = {w.strip(".,").lower() for w in second.overview.split() if len(w) > 6}
    assert plot_words & {w.strip(".,").lower() for w in why.text.split()}


def test_no_reply_names_a_film_it_was_not_given(
    catalogue_settings: Settings, smollm2: Path, tmp_path: Path
) -> None:
    bot = MovieAssistant(_settings(catalogue_settings, tmp_path, llm="llamacpp", gguf=smollm2))
    request = "films like Titanic and The Notebook, and tell me about Avatar too"
    reply = bot.chat(request, "g", k=2)
    # The picks, and the films the person named (the evidence may say what a pick shares with them).
    given = [bot.engine.movies[r.movie_id] for r in reply.recommendations]
    given += find_titles(request, bot.engine.index)
    named = {m.label for m in foreign_titles(reply.text, given, bot.engine.index)}
    assert not named, named


@pytest.fixture
def fake_ollama(smollm2: Path) -> Iterator[FakeOllama]:
    with FakeOllama(smollm2, model="llama3.2") as fake:
        yield fake


def test_ollama_backend_end_to_end(
    catalogue_settings: Settings, fake_ollama: FakeOllama, tmp_path: Path
) -> None:
    settings = _settings(catalogue_settings, tmp_path, llm="auto").with_overrides(ollama_host=fake_ollama.url)
    reply = MovieAssistant(settings).chat("a funny animated movie", "o", k=2)
    assert reply.backend == "ollama" and len(reply.recommendations) == 2 and reply.text
    assert fake_ollama.requests and fake_ollama.requests[0]["model"] == "llama3.2"  # /api/chat bodies


def test_ollama_dropping_mid_stream_keeps_the_picks(
    catalogue_settings: Settings, fake_ollama: FakeOllama, tmp_path: Path
) -> None:
    fake_ollama.drop_after = 3
    settings = _settings(catalogue_settings, tmp_path, llm="ollama").with_overrides(
        ollama_host=fake_ollama.url
    )
    reply = MovieAssistant(settings).chat("a western", "d", k=2)
    assert len(reply.recommendations) == 2
    assert any("dropped the connection" in n for n in reply.notices), reply.notices


def test_ollama_down_keeps_the_picks_and_names_the_fix(catalogue_settings: Settings, tmp_path: Path) -> None:
    reply = MovieAssistant(_settings(catalogue_settings, tmp_path, llm="ollama")).chat("a war film", "x", k=2)
    assert len(reply.recommendations) == 2 and reply.text  # the catalogue's facts stand in
    assert any("ollama serve" in n for n in reply.notices), reply.notices
