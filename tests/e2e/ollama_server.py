"""A small stand-in for `ollama serve`, backed by the embedded llama.cpp model, for tests.

No Ollama binary exists on the machines reelchat is tested on, so this speaks enough of Ollama's
HTTP API for the real clients (the `ollama` package and langchain-ollama's `ChatOllama`) to run
their real code paths against a real model:

Covered
- `GET /` and `HEAD /` → "Ollama is running"; `GET /api/version`.
- `GET /api/tags`: the one served model, under `<name>:latest` unless the name has a tag.
- `POST /api/show` (`model`, or the older `name`): details, model_info, capabilities.
- `POST /api/chat`, streaming (NDJSON, one line per token, then a `done: true` line with
  `done_reason`, `total_duration`, `load_duration`, `prompt_eval_count`, `prompt_eval_duration`,
  `eval_count`, `eval_duration`) and non-streaming (`"stream": false`: one object).
  Options honoured: `num_ctx` (a model per context size is loaded, as Ollama reloads),
  `num_predict`, `temperature`, `top_k`, `top_p`, `seed`, `stop`. Other options are ignored.
- An unknown model → 404 `{"error": "model \\"x\\" not found, try pulling it first"}`, as Ollama.
- An error after the stream started → an `{"error": ...}` line, as Ollama.
- `drop_after=N` (`--drop-after N`): close the socket after N tokens without ending the chunked
  body, the way a crashed or killed server looks to a client.

Not covered (404, or 400 for a request that uses them)
- `/api/generate`, `/api/embed` and `/api/embeddings`, `/api/pull`, `/api/push`, `/api/create`,
  `/api/copy`, `/api/delete`, `/api/ps`, blobs, and the OpenAI-compatible `/v1/...` routes.
- images, tools and tool calls, `format` (JSON mode / schemas), `think` (reasoning traces);
  `keep_alive` is accepted and ignored; no model unloading, no auth.

Run it: `python -m tests.e2e.ollama_server --port 11434 --gguf PATH [--model llama3.2]`.
"""

from __future__ import annotations

import argparse
import itertools
import json
import threading
import time
from collections.abc import Generator
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from assistant.llamacpp import LlamaCppError, load_server, stream_chat

PASSED_OPTIONS = ("temperature", "top_k", "top_p", "seed", "stop")  # same name and meaning in llama.cpp


def _now() -> str:
    return datetime.now(UTC).isoformat().replace("+00:00", "Z")


def full_name(model: str) -> str:
    return model if ":" in model else f"{model}:latest"


class FakeOllama:
    """Serve `gguf` as model `model` on `host:port` (0: a free port) from a background thread."""

    def __init__(
        self,
        gguf: Path,
        model: str = "llama3.2",
        host: str = "127.0.0.1",
        port: int = 0,
        num_ctx: int = 2048,
        n_threads: int = 2,
    ) -> None:
        self.gguf = Path(gguf)
        self.model = full_name(model)
        self.num_ctx = num_ctx
        self.n_threads = n_threads
        self.drop_after: int | None = None  # tokens to send before dropping the connection
        self.requests: list[dict[str, Any]] = []  # chat bodies received, for tests to inspect
        self.httpd = ThreadingHTTPServer((host, port), _handler(self))
        self.httpd.daemon_threads = True
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host!s}:{port}"

    def start(self) -> FakeOllama:
        self._thread = threading.Thread(target=self.httpd.serve_forever, name="fake-ollama", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        if self._thread:
            self._thread.join(timeout=5)

    def __enter__(self) -> FakeOllama:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def knows(self, name: str) -> bool:
        return full_name(name) == self.model

    def tag(self) -> dict[str, Any]:
        size = self.gguf.stat().st_size
        return {
            "name": self.model,
            "model": self.model,
            "modified_at": _now(),
            "size": size,
            "digest": f"{size:064x}",
            "details": {"format": "gguf", "family": "llama", "parameter_size": "", "quantization_level": ""},
        }


def _handler(server: FakeOllama) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # chunked streaming needs 1.1

        def log_message(self, format: str, *args: Any) -> None:  # keep test output clean
            pass

        def _send(self, status: int, body: Any, content_type: str = "application/json") -> None:
            data = (body if isinstance(body, str) else json.dumps(body)).encode()
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(data)

        def _body(self) -> dict[str, Any]:
            length = int(self.headers.get("Content-Length") or 0)
            return json.loads(self.rfile.read(length) or b"{}")

        def do_HEAD(self) -> None:
            self.do_GET()

        def do_GET(self) -> None:
            if self.path == "/":
                self._send(200, "Ollama is running", "text/plain; charset=utf-8")
            elif self.path == "/api/version":
                self._send(200, {"version": "0.12.0"})
            elif self.path == "/api/tags":
                self._send(200, {"models": [server.tag()]})
            else:
                self._send(404, "404 page not found", "text/plain")

        def do_POST(self) -> None:
            try:
                body = self._body()
            except ValueError:
                self._send(400, {"error": "invalid JSON in the request body"})
                return
            name = body.get("model") or body.get("name") or ""
            if self.path not in ("/api/show", "/api/chat"):
                self._send(404, "404 page not found", "text/plain")
            elif not name:
                self._send(400, {"error": "model is required"})
            elif not server.knows(name):
                self._send(404, {"error": f'model "{name}" not found, try pulling it first'})
            elif self.path == "/api/show":
                self._send(200, _show(server))
            else:
                self._chat(name, body)

        def _chat(self, name: str, body: dict[str, Any]) -> None:
            server.requests.append(body)
            unsupported = [k for k in ("tools", "format", "think") if body.get(k)]
            messages = body.get("messages") or []
            unsupported += ["images"] * any(m.get("images") for m in messages)
            if unsupported:
                self._send(400, {"error": f"the test server does not support {', '.join(unsupported)}"})
                return
            options = body.get("options") or {}
            payload: dict[str, Any] = {
                "messages": [{"role": m["role"], "content": m.get("content", "")} for m in messages],
                "stream": True,
                "max_tokens": int(options.get("num_predict") or -1),
            }
            payload.update({key: options[key] for key in PASSED_OPTIONS if key in options})
            started = time.perf_counter_ns()
            try:
                llama = load_server(
                    server.gguf, int(options.get("num_ctx") or server.num_ctx), server.n_threads
                )
                load_ns = time.perf_counter_ns() - started
                tokens = _tokens(stream_chat(llama, payload))
                first = next(tokens)
            except (LlamaCppError, StopIteration) as exc:
                self._send(500, {"error": str(exc) or "no reply"})
                return
            if body.get("stream", True):
                self._stream(name, first, tokens, started, load_ns)
                return
            parts = [first]
            parts.extend(tokens)
            text = "".join(p for p in parts if isinstance(p, str))
            final = parts[-1] if isinstance(parts[-1], dict) else {}
            reply = {"model": name, "created_at": _now(), "message": {"role": "assistant", "content": text}}
            self._send(200, {**reply, **_done(final, started, load_ns)})

        def _stream(
            self,
            name: str,
            first: str | dict[str, Any],
            tokens: Generator[Any, None, None],
            started: int,
            load_ns: int,
        ) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "application/x-ndjson")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            sent = 0
            try:
                for item in itertools.chain([first], tokens):
                    if isinstance(item, str):
                        if server.drop_after is not None and sent >= server.drop_after:
                            tokens.close()  # stop llama.cpp, then hang up mid-body
                            self.close_connection = True
                            self.wfile.flush()
                            return
                        line = {"model": name, "created_at": _now(), "done": False}
                        self._chunk({**line, "message": {"role": "assistant", "content": item}})
                        sent += 1
                    else:
                        message = {"role": "assistant", "content": ""}
                        self._chunk(
                            {
                                "model": name,
                                "created_at": _now(),
                                "message": message,
                                **_done(item, started, load_ns),
                            }
                        )
            except LlamaCppError as exc:
                self._chunk({"error": str(exc)})
            except (BrokenPipeError, ConnectionResetError):  # the client went away
                tokens.close()
                return
            self.wfile.write(b"0\r\n\r\n")
            self.wfile.flush()

        def _chunk(self, obj: dict[str, Any]) -> None:
            data = (json.dumps(obj) + "\n").encode()
            self.wfile.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")
            self.wfile.flush()

    return Handler


def _tokens(chunks: Generator[dict[str, Any], None, None]) -> Generator[str | dict[str, Any], None, None]:
    """llama.cpp's OpenAI chunks → token strings, then one dict: the final chunk (reason, timings)."""
    try:
        for chunk in chunks:
            choice = (chunk.get("choices") or [{}])[0]
            text = (choice.get("delta") or {}).get("content")
            if text:
                yield text
            if choice.get("finish_reason"):
                yield {"finish_reason": choice["finish_reason"], **(chunk.get("timings") or {})}
    finally:
        chunks.close()


def _done(final: dict[str, Any], started: int, load_ns: int) -> dict[str, Any]:
    prompt_ns = int(final.get("prompt_ms", 0) * 1e6)
    eval_ns = int(final.get("predicted_ms", 0) * 1e6)
    return {
        "done": True,
        "done_reason": "length" if final.get("finish_reason") == "length" else "stop",
        "total_duration": time.perf_counter_ns() - started,
        "load_duration": load_ns,
        "prompt_eval_count": int(final.get("prompt_n", 0)) + int(final.get("cache_n", 0)),
        "prompt_eval_duration": prompt_ns,
        "eval_count": int(final.get("predicted_n", 0)),
        "eval_duration": eval_ns,
    }


def _show(server: FakeOllama) -> dict[str, Any]:
    return {
        "modelfile": f"FROM {server.gguf}\n",
        "parameters": f"num_ctx {server.num_ctx}",
        "template": "{{ .Prompt }}",
        "details": server.tag()["details"],
        "model_info": {"general.architecture": "llama", "llama.context_length": server.num_ctx},
        "capabilities": ["completion"],
        "modified_at": _now(),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m tests.e2e.ollama_server", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--gguf", type=Path, required=True, help="the GGUF model file to serve")
    parser.add_argument("--model", default="llama3.2", help="the name to serve it under (default llama3.2)")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=11434)
    parser.add_argument("--num-ctx", type=int, default=2048, help="context size when a request sets none")
    parser.add_argument("--drop-after", type=int, help="drop every streamed reply after N tokens")
    args = parser.parse_args(argv)
    fake = FakeOllama(args.gguf, args.model, args.host, args.port, args.num_ctx)
    fake.drop_after = args.drop_after
    print(f"fake Ollama serving {fake.model} on {fake.url}", flush=True)
    try:
        fake.httpd.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        fake.httpd.server_close()


if __name__ == "__main__":
    main()
