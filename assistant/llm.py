"""Which language model writes the replies: Ollama, the embedded llama.cpp model, an
OpenAI-compatible server, or none (replies then list the picks without prose).

`select_backend(settings)` decides once per process; `describe_llm_error(exc, backend)` turns
whatever a backend raised at call time into one line that says what to do.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from assistant.errors import ReelchatError
from assistant.models import default_gguf
from assistant.settings import Settings

if TYPE_CHECKING:  # langchain_core takes a second to import; only the chosen backend needs it
    from langchain_core.language_models.chat_models import BaseChatModel

MODES = ("auto", "ollama", "llamacpp", "openai", "none")
TEMPERATURE = 0.3  # a little variety in the prose; more makes a small model invent plot details
TRY_AGAIN = "try again, or raise REELCHAT_LLM_TIMEOUT"
PROBE_TIMEOUT = 1.5  # seconds for auto mode's look at Ollama: long enough for a busy server
# llama.cpp slots: a reply's five films are decoded in one batch, so the whole reply takes about
# as long as its longest film, not the sum (see docs: `reelchat bench chat`).
LLAMACPP_SLOTS = 5


class LLMConfigError(ReelchatError):
    """A language-model setting is invalid."""


@dataclass(frozen=True)
class LLMBackend:
    name: str  # "ollama" | "llamacpp" | "openai" | "none"
    model: str
    chat: BaseChatModel | None
    context_tokens: int
    notices: tuple[str, ...] = ()
    endpoint: str = ""  # where the model runs: a URL, or the GGUF path
    timeout: float = 60.0
    parallel: int = 1  # films whose sentences the backend writes at once


def ollama_url(host: str) -> str:
    """OLLAMA_HOST as the ollama CLI accepts it ("0.0.0.0", "host:port", a URL) → a base URL."""
    host = host.strip().rstrip("/")
    if "://" not in host:
        host = f"http://{host}"
    parts = urlsplit(host)
    port = parts.port or (443 if parts.scheme == "https" else 11434)
    hostname = parts.hostname or "127.0.0.1"
    if ":" in hostname:  # an IPv6 address keeps its brackets in a URL
        hostname = f"[{hostname}]"
    return f"{parts.scheme}://{hostname}:{port}{parts.path}"


def ollama_models(base_url: str, timeout: float = PROBE_TIMEOUT) -> list[str] | None:
    """Names of the models pulled into the Ollama at `base_url`, or None when it is unreachable."""
    import httpx

    try:
        response = httpx.get(f"{base_url}/api/tags", timeout=timeout)
        response.raise_for_status()
        return [m.get("name") or m.get("model", "") for m in response.json().get("models", [])]
    except (httpx.HTTPError, ValueError):
        return None


def has_model(pulled: list[str], model: str) -> bool:
    # `llama3.2` means the `latest` tag, as in `ollama run llama3.2`.
    wanted = model if ":" in model else f"{model}:latest"
    return model in pulled or wanted in pulled


def select_backend(settings: Settings) -> LLMBackend:
    """The backend `settings.llm` asks for. Never raises because a server is down: explicit modes
    fail at call time (see `describe_llm_error`), auto mode falls back with a notice."""
    mode = settings.llm.strip().lower()
    if mode not in MODES:
        raise LLMConfigError(f"REELCHAT_LLM={settings.llm!r} is not one of {', '.join(MODES)}")
    if mode == "none":
        return _none(settings, "The language model is off (REELCHAT_LLM=none): replies list the picks.")
    if mode == "ollama":
        return _ollama(settings)
    if mode == "llamacpp":
        return _llamacpp(settings)
    if mode == "openai":
        return _openai(settings)

    url = ollama_url(settings.ollama_host)
    pulled = ollama_models(url)
    if pulled is not None and has_model(pulled, settings.ollama_model):
        return _ollama(settings)
    if pulled is None:
        why = f"Ollama is not running at {url}"
    else:
        why = f"Ollama has no `{settings.ollama_model}` (run `ollama pull {settings.ollama_model}`)"
    backend = _llamacpp(settings)
    notice = f"{why}; using the embedded model {backend.model}." if backend.chat else f"{why}."
    return replace(backend, notices=(notice, *backend.notices))


def _none(settings: Settings, notice: str) -> LLMBackend:
    return LLMBackend("none", "", None, settings.llm_context, (notice,), "", settings.llm_timeout)


def _ollama(settings: Settings) -> LLMBackend:
    from langchain_ollama import ChatOllama

    url = ollama_url(settings.ollama_host)
    chat = ChatOllama(
        model=settings.ollama_model,
        base_url=url,
        # Ollama's default window (2048-4096 tokens, by version) silently drops the start of a
        # long prompt: the retrieved plots would vanish without an error.
        num_ctx=settings.llm_context,
        num_predict=settings.llm_max_tokens,
        temperature=TEMPERATURE,
        client_kwargs={"timeout": settings.llm_timeout},
    )
    return LLMBackend(
        "ollama", settings.ollama_model, chat, settings.llm_context, (), url, settings.llm_timeout
    )


def _llamacpp(settings: Settings) -> LLMBackend:
    path = default_gguf(settings)
    if path is None or not Path(path).is_file():
        where = (
            f"REELCHAT_GGUF points to {path}, which does not exist"
            if settings.gguf is not None
            else "No embedded model is installed"
        )
        return _none(
            settings,
            f"{where}: replies list the picks without prose. Start Ollama (`ollama serve`, then "
            f"`ollama pull {settings.ollama_model}`), or run `python -m assistant.models`.",
        )
    from assistant.llamacpp import ChatLlamaCpp

    chat = ChatLlamaCpp(
        model_path=str(path),
        n_ctx=settings.llm_context,
        n_threads=2,
        n_parallel=LLAMACPP_SLOTS,
        temperature=TEMPERATURE,
        max_tokens=settings.llm_max_tokens,
        timeout=settings.llm_timeout,
    )
    return LLMBackend(
        "llamacpp",
        path.name,
        chat,
        settings.llm_context,
        (),
        str(path),
        settings.llm_timeout,
        parallel=LLAMACPP_SLOTS,
    )


def _openai(settings: Settings) -> LLMBackend:
    if not settings.openai_model:
        raise LLMConfigError(
            "REELCHAT_LLM=openai needs REELCHAT_OPENAI_MODEL (the model's name on the server)"
        )
    if not settings.openai_base_url and not settings.openai_api_key:
        # Without a base URL the client talks to api.openai.com: a private assistant should not
        # do that by default, only when a key says the user meant it.
        raise LLMConfigError(
            "REELCHAT_LLM=openai needs REELCHAT_OPENAI_BASE_URL (a local OpenAI-compatible server) "
            "or REELCHAT_OPENAI_API_KEY"
        )
    from langchain_openai import ChatOpenAI

    kwargs: dict[str, Any] = {
        "model": settings.openai_model,
        "base_url": settings.openai_base_url,
        # Local servers ignore the key, but the client refuses to start without one.
        "api_key": settings.openai_api_key or "unused",
        "temperature": TEMPERATURE,
        "max_completion_tokens": settings.llm_max_tokens,
        "timeout": settings.llm_timeout,
        "max_retries": 1,
        "streaming": True,
    }
    endpoint = settings.openai_base_url or "https://api.openai.com/v1"
    return LLMBackend(
        "openai",
        settings.openai_model,
        ChatOpenAI(**kwargs),
        settings.llm_context,
        (),
        endpoint,
        settings.llm_timeout,
    )


def _causes(exc: BaseException) -> list[BaseException]:
    chain: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in chain:
        chain.append(current)
        current = current.__cause__ or current.__context__
    return chain


def _is(exc: BaseException, module: str, *names: str) -> bool:
    # Only a module that was imported can have raised its exceptions, so looking it up in
    # sys.modules keeps this function from importing httpx, ollama or openai for nothing.
    mod = sys.modules.get(module)
    types = tuple(t for n in names if isinstance(t := getattr(mod, n, None), type))
    return bool(types) and isinstance(exc, types)


def describe_llm_error(exc: BaseException, backend: LLMBackend) -> str:
    """One line for a person: what went wrong with the language model and the command that fixes it."""
    model, where = backend.model, backend.endpoint
    pull = f"`ollama pull {model}`"
    for err in _causes(exc):
        if isinstance(err, ReelchatError):
            return str(err)
        if (
            isinstance(err, TimeoutError)
            or _is(err, "httpx", "TimeoutException")
            or _is(err, "openai", "APITimeoutError")
        ):
            return f"The language model took longer than {backend.timeout:g} s — {TRY_AGAIN}"
        if backend.name == "ollama":
            if _is(err, "ollama", "ResponseError"):
                text = str(getattr(err, "error", err))
                if getattr(err, "status_code", None) == 404 or "not found" in text:
                    return f"Ollama has no model `{model}` — pull it with {pull}"
                return f"Ollama answered with an error: {text}"
            if _is(err, "httpx", "RemoteProtocolError", "ReadError", "StreamError"):
                return (
                    f"Ollama at {where} dropped the connection in the middle of a reply — check that "
                    "`ollama serve` is still running (and its log), then ask again"
                )
            if isinstance(err, ConnectionError) or _is(err, "httpx", "ConnectError"):
                return f"Cannot reach Ollama at {where} — start it with `ollama serve`, then {pull}"
        if backend.name == "openai":
            if _is(err, "openai", "APIConnectionError"):
                return (
                    f"Cannot reach the OpenAI-compatible server at {where} — check REELCHAT_OPENAI_BASE_URL"
                )
            if _is(err, "openai", "AuthenticationError", "PermissionDeniedError"):
                return f"The server at {where} refused the API key — check REELCHAT_OPENAI_API_KEY"
            if _is(err, "openai", "NotFoundError"):
                return f"The server at {where} has no model `{model}` — check REELCHAT_OPENAI_MODEL"
    return f"The language model ({backend.name}) failed: {exc}"
