"""The `ollama` backend's real code path (langchain-ollama's ChatOllama and the ollama client)
against tests/e2e/ollama_server.py, which answers with the real SmolLM2 model."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import ollama
import pytest
from langchain_ollama import ChatOllama

from assistant.llm import LLMBackend, describe_llm_error, select_backend
from assistant.settings import Settings
from tests.e2e.ollama_server import FakeOllama

pytestmark = pytest.mark.server
REPO = Path(__file__).resolve().parents[2]
SHORT = 24


@pytest.fixture(scope="module")
def fake(smollm2: Path) -> Iterator[FakeOllama]:
    with FakeOllama(smollm2, model="llama3.2") as server:
        yield server


@pytest.fixture
def backend(settings: Settings, fake: FakeOllama) -> Iterator[LLMBackend]:
    fake.drop_after = None
    yield select_backend(
        settings.with_overrides(llm="ollama", ollama_host=fake.url, llm_max_tokens=SHORT, llm_context=2048)
    )
    fake.drop_after = None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_invoke_through_chat_ollama(backend: LLMBackend, fake: FakeOllama) -> None:
    assert isinstance(backend.chat, ChatOllama)
    reply = backend.chat.invoke("Recommend one film about the sea.")
    assert reply.text.strip()
    assert reply.response_metadata["done_reason"] in ("stop", "length")
    assert 0 < reply.response_metadata["eval_count"] <= SHORT
    # The settings reach Ollama as options: the context window is sized for our prompts.
    options = fake.requests[-1]["options"]
    assert (options["num_ctx"], options["num_predict"]) == (2048, SHORT)


def test_stream_through_chat_ollama(backend: LLMBackend) -> None:
    assert backend.chat is not None
    texts = [c.text for c in backend.chat.stream("Describe a heist film.") if c.text]
    assert len(texts) >= 3
    assert "".join(texts).strip()


def test_model_not_pulled(settings: Settings, smollm2: Path) -> None:
    with FakeOllama(smollm2, model="smollm2:135m") as other:
        backend = select_backend(settings.with_overrides(llm="ollama", ollama_host=other.url))
        assert backend.chat is not None
        with pytest.raises(ollama.ResponseError) as caught:
            backend.chat.invoke("hi")
    assert caught.value.status_code == 404
    assert caught.value.error == 'model "llama3.2" not found, try pulling it first'
    assert describe_llm_error(caught.value, backend) == (
        "Ollama has no model `llama3.2` — pull it with `ollama pull llama3.2`"
    )


def test_server_down(settings: Settings) -> None:
    url = f"http://127.0.0.1:{_free_port()}"
    backend = select_backend(settings.with_overrides(llm="ollama", ollama_host=url))
    assert backend.chat is not None
    with pytest.raises(Exception) as caught:
        backend.chat.invoke("hi")
    assert describe_llm_error(caught.value, backend) == (
        f"Cannot reach Ollama at {url} — start it with `ollama serve`, then `ollama pull llama3.2`"
    )


def test_connection_dropped_mid_stream(backend: LLMBackend, fake: FakeOllama) -> None:
    assert backend.chat is not None
    fake.drop_after = 3
    received = []
    with pytest.raises(Exception) as caught:
        for chunk in backend.chat.stream("Describe a western."):
            received.append(chunk.text)
    assert len([t for t in received if t]) == 3  # the tokens before the drop still arrived
    message = describe_llm_error(caught.value, backend)
    assert message.startswith(f"Ollama at {fake.url} dropped the connection in the middle of a reply")


def test_timeout(settings: Settings, fake: FakeOllama) -> None:
    backend = select_backend(settings.with_overrides(llm="ollama", ollama_host=fake.url, llm_timeout=0.01))
    assert backend.chat is not None
    with pytest.raises(Exception) as caught:
        backend.chat.invoke("Write a long story.")
    assert describe_llm_error(caught.value, backend).startswith("The language model took longer than 0.01 s")


def test_plain_client_non_streaming_and_num_predict(fake: FakeOllama) -> None:
    client = ollama.Client(host=fake.url)
    reply = client.chat(
        model="llama3.2",
        messages=[{"role": "user", "content": "Tell me about cinema."}],
        stream=False,
        options={"num_predict": 5, "temperature": 0},
    )
    assert reply.done and reply.done_reason == "length"
    assert reply.eval_count == 5
    assert reply.message.content


def test_plain_client_listing_and_show(fake: FakeOllama) -> None:
    client = ollama.Client(host=fake.url)
    assert [m.model for m in client.list().models] == ["llama3.2:latest"]
    details = client.show("llama3.2").details
    assert details is not None and details.format == "gguf"
    with pytest.raises(ollama.ResponseError, match='model "mistral" not found, try pulling it first'):
        client.show("mistral")
    with urllib.request.urlopen(fake.url) as response:
        assert response.read() == b"Ollama is running"


def test_num_ctx_is_honoured(fake: FakeOllama) -> None:
    client = ollama.Client(host=fake.url)
    with pytest.raises(ollama.ResponseError, match=r"context \(256 tokens\)"):
        client.chat(
            model="llama3.2",
            messages=[{"role": "user", "content": "film " * 400}],
            stream=False,
            options={"num_ctx": 256, "num_predict": 4},
        )


def test_runs_as_a_module(smollm2: Path) -> None:
    port = _free_port()
    cmd = [sys.executable, "-m", "tests.e2e.ollama_server", "--port", str(port), "--gguf", str(smollm2)]
    proc = subprocess.Popen(cmd, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/version", timeout=2) as response:
                    assert "version" in json.load(response)
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"the server did not start: {proc.stdout.read() if proc.stdout else ''}")
                time.sleep(0.2)
    finally:
        proc.terminate()
        proc.wait(timeout=10)
