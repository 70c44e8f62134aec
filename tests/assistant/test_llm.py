"""The LLM layer: the embedded llama.cpp chat model (real SmolLM2), backend selection, model files."""

from __future__ import annotations

import hashlib
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from langchain_core.messages import HumanMessage, SystemMessage
from langchain_ollama import ChatOllama

from assistant.llamacpp import ChatLlamaCpp, LlamaCppError, LlamaCppTimeout
from assistant.llm import LLMBackend, LLMConfigError, describe_llm_error, ollama_url, select_backend
from assistant.models import ModelFileError, assemble_qwen, default_gguf
from assistant.settings import Settings
from tests.e2e.ollama_server import FakeOllama

SHORT = 24  # tokens per reply: enough to see real text, short enough for a 2-core machine


@pytest.fixture(scope="session")
def chat(smollm2: Path) -> ChatLlamaCpp:
    return ChatLlamaCpp(model_path=str(smollm2), n_ctx=2048, max_tokens=SHORT, temperature=0.2, seed=7)


@pytest.fixture
def closed_port() -> int:
    """A loopback port nothing listens on (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def llm_settings(settings: Settings, smollm2: Path, closed_port: int) -> Settings:
    """Ollama pointed at a dead port; a fresh data dir, so no assembled Qwen is found."""
    return settings.with_overrides(
        ollama_host=f"http://127.0.0.1:{closed_port}", llm_max_tokens=SHORT, llm_context=2048
    )


@pytest.fixture
def fake_ollama(smollm2: Path) -> Iterator[FakeOllama]:
    with FakeOllama(smollm2, model="llama3.2") as fake:
        yield fake


# --- ChatLlamaCpp on the real runtime ---------------------------------------------------------


def test_invoke_returns_a_reply_within_max_tokens(chat: ChatLlamaCpp) -> None:
    reply = chat.invoke([SystemMessage("You recommend films."), HumanMessage("Name one space film.")])
    assert reply.text.strip()
    assert reply.usage_metadata is not None
    assert 0 < reply.usage_metadata["output_tokens"] <= SHORT
    assert reply.response_metadata["finish_reason"] in ("stop", "length")


def test_stream_yields_tokens_as_they_come(chat: ChatLlamaCpp) -> None:
    chunks = list(chat.stream("Describe a comedy film in one sentence."))
    texts = [c.text for c in chunks if c.text]
    assert len(texts) >= 3
    assert "".join(texts).strip()
    assert chunks[-1].response_metadata["finish_reason"] in ("stop", "length")


def test_a_stream_abandoned_early_frees_the_model(chat: ChatLlamaCpp) -> None:
    long_chat = chat.model_copy(update={"max_tokens": 400})
    for i, _ in enumerate(long_chat.stream("Write a long story about a lighthouse.")):
        if i == 2:
            break
    # The slot is released once llama.cpp sees the stop: a deadlock here would hang the test.
    assert chat.invoke("Say hello.").text.strip()


def test_a_slow_reply_times_out_with_a_clear_message(chat: ChatLlamaCpp) -> None:
    # ~600 prompt tokens take seconds to evaluate on two cores, well past the 0.3 s allowed.
    slow = chat.model_copy(update={"timeout": 0.3})
    with pytest.raises(LlamaCppTimeout) as caught:
        slow.invoke("Summarise these notes: " + "a quiet film about a lighthouse keeper. " * 75)
    backend = LLMBackend("llamacpp", "smollm2", slow, 2048, timeout=0.3)
    assert describe_llm_error(caught.value, backend).startswith("The language model took longer than 0.3 s")
    assert chat.invoke("Say hello.").text.strip()  # the timed-out request let go of the model


def test_a_prompt_longer_than_the_context_names_the_fix(smollm2: Path) -> None:
    tiny = ChatLlamaCpp(model_path=str(smollm2), n_ctx=256, max_tokens=8)
    with pytest.raises(LlamaCppError, match=r"longer than the model's context \(256 tokens\)"):
        tiny.invoke("film " * 400)


def test_a_missing_model_file_is_reported_at_call_time(tmp_path: Path) -> None:
    with pytest.raises(LlamaCppError, match="No GGUF model at"):
        ChatLlamaCpp(model_path=str(tmp_path / "nope.gguf")).invoke("hi")


# --- select_backend ---------------------------------------------------------------------------


def test_auto_picks_ollama_when_it_serves_the_model(llm_settings: Settings, fake_ollama: FakeOllama) -> None:
    backend = select_backend(llm_settings.with_overrides(ollama_host=fake_ollama.url))
    assert (backend.name, backend.model, backend.endpoint) == ("ollama", "llama3.2", fake_ollama.url)
    assert isinstance(backend.chat, ChatOllama)
    assert backend.notices == ()


def test_auto_falls_back_to_llamacpp_when_ollama_is_down(llm_settings: Settings, smollm2: Path) -> None:
    backend = select_backend(llm_settings)
    assert backend.name == "llamacpp"
    assert isinstance(backend.chat, ChatLlamaCpp)
    assert backend.model == smollm2.name
    assert "Ollama is not running" in backend.notices[0]
    assert backend.chat.invoke("Name a film.").text.strip()


def test_auto_falls_back_when_the_model_is_not_pulled(llm_settings: Settings, smollm2: Path) -> None:
    with FakeOllama(smollm2, model="smollm2:135m") as other:
        backend = select_backend(llm_settings.with_overrides(ollama_host=other.url))
    assert backend.name == "llamacpp"
    assert "`ollama pull llama3.2`" in backend.notices[0]


def test_auto_with_no_model_at_all_is_none_with_a_notice(llm_settings: Settings, tmp_path: Path) -> None:
    missing = tmp_path / "gone.gguf"
    backend = select_backend(llm_settings.with_overrides(gguf=missing))
    assert (backend.name, backend.chat) == ("none", None)
    notices = " ".join(backend.notices)
    assert f"REELCHAT_GGUF points to {missing}, which does not exist" in notices
    assert "ollama serve" in notices


def test_explicit_modes(llm_settings: Settings) -> None:
    assert select_backend(llm_settings.with_overrides(llm="none")).chat is None
    # An explicit Ollama backend is built even while Ollama is down: the error comes at call time.
    assert select_backend(llm_settings.with_overrides(llm="ollama")).name == "ollama"
    assert select_backend(llm_settings.with_overrides(llm="llamacpp")).name == "llamacpp"
    with pytest.raises(LLMConfigError, match="REELCHAT_LLM='gpt' is not one of auto, ollama"):
        select_backend(llm_settings.with_overrides(llm="gpt"))
    with pytest.raises(LLMConfigError, match="REELCHAT_OPENAI_MODEL"):
        select_backend(llm_settings.with_overrides(llm="openai"))


def test_openai_backend_reports_an_unreachable_server(llm_settings: Settings, closed_port: int) -> None:
    url = f"http://127.0.0.1:{closed_port}/v1"
    backend = select_backend(llm_settings.with_overrides(llm="openai", openai_base_url=url, openai_model="m"))
    assert backend.name == "openai" and backend.chat is not None
    with pytest.raises(Exception) as caught:
        backend.chat.invoke("hi")
    assert describe_llm_error(caught.value, backend) == (
        f"Cannot reach the OpenAI-compatible server at {url} — check REELCHAT_OPENAI_BASE_URL"
    )


def test_llm_settings_from_the_environment(tmp_path: Path) -> None:
    env = {
        "REELCHAT_HOME": str(tmp_path),
        "REELCHAT_LLM": "LlamaCpp",
        "OLLAMA_HOST": "0.0.0.0:1234",
        "REELCHAT_GGUF": str(tmp_path / "m.gguf"),
        "REELCHAT_LLM_TIMEOUT": "5",
        "REELCHAT_LLM_MAX_TOKENS": "99",
    }
    settings = Settings.from_env(env=env)
    assert (settings.llm, settings.gguf, settings.llm_timeout, settings.llm_max_tokens) == (
        "llamacpp",
        tmp_path / "m.gguf",
        5.0,
        99,
    )
    assert ollama_url(settings.ollama_host) == "http://0.0.0.0:1234"
    assert ollama_url("localhost") == "http://localhost:11434"
    assert ollama_url("[::1]:11500") == "http://[::1]:11500"
    assert ollama_url("https://ollama.example/") == "https://ollama.example:443"


# --- model files ------------------------------------------------------------------------------


def _parts(tmp_path: Path) -> tuple[list[Path], str]:
    chunks = [b"GGUF" + bytes(range(200)), b"middle" * 300, b"end"]
    paths = []
    for i, data in enumerate(chunks, start=1):
        path = tmp_path / "parts" / f"part{i:02d}.bin"
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(data)
        paths.append(path)
    return paths, hashlib.sha256(b"".join(chunks)).hexdigest()


def test_assemble_joins_parts_in_order_and_is_idempotent(tmp_path: Path) -> None:
    parts, sha = _parts(tmp_path)
    out = assemble_qwen(tmp_path / "models", progress=False, parts=parts, sha256=sha, filename="m.gguf")
    assert out.read_bytes() == b"".join(p.read_bytes() for p in parts)
    assert out.with_name("m.gguf.sha256").read_text().split()[0] == sha
    mtime = out.stat().st_mtime_ns
    again = assemble_qwen(tmp_path / "models", progress=False, parts=parts, sha256=sha, filename="m.gguf")
    assert again == out and out.stat().st_mtime_ns == mtime


def test_assemble_refuses_a_wrong_sha256(tmp_path: Path) -> None:
    parts, _ = _parts(tmp_path)
    dest = tmp_path / "models"
    with pytest.raises(ModelFileError, match=r"has sha256 [0-9a-f]{64}, expected 0{64}.*--force-reinstall"):
        assemble_qwen(dest, progress=False, parts=parts, sha256="0" * 64, filename="m.gguf")
    assert list(dest.iterdir()) == []  # neither the file nor its .partial is left behind


def test_default_gguf_prefers_the_setting_then_qwen_then_smollm2(settings: Settings, smollm2: Path) -> None:
    assert default_gguf(settings) == smollm2
    qwen = settings.home / "models" / "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf"
    qwen.parent.mkdir(parents=True)
    qwen.write_bytes(b"stand-in")
    assert default_gguf(settings) == qwen
    chosen = settings.home / "mine.gguf"
    assert default_gguf(settings.with_overrides(gguf=chosen)) == chosen
