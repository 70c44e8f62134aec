"""One server for both faces: the FastAPI routes (/api, /health, /docs) with the Gradio chat
mounted at "/". `reelchat ui` calls `serve`."""

from __future__ import annotations

import logging

import gradio as gr
from fastapi import FastAPI

from assistant import MovieAssistant
from assistant.settings import Settings
from ui.app import CSS, build_ui
from ui.interactions import InteractionLog
from ui.rest import build_api

log = logging.getLogger(__name__)

# Four chat turns run at once; more only split two to sixteen cores between more embeddings,
# and a queued person sees their place in line instead of a stalled reply.
CONCURRENCY = 4
LOOPBACK = ("127.0.0.1", "localhost", "::1")
# System fonts only: the default theme would fetch web fonts from Google on every page load,
# and a private assistant should not tell anyone when it is used.
THEME = gr.themes.Soft(
    font=["ui-sans-serif", "system-ui", "sans-serif"], font_mono=["ui-monospace", "monospace"]
)


def create_app(
    assistant: MovieAssistant, api_token: str | None = None, host: str = "127.0.0.1", port: int = 7860
) -> FastAPI:
    interactions = InteractionLog(assistant.settings.home / "interactions.jsonl")
    app = build_api(assistant, interactions, api_token)
    demo = build_ui(assistant, interactions)
    demo.queue(default_concurrency_limit=CONCURRENCY)
    return gr.mount_gradio_app(
        app,
        demo,
        path="/",
        server_name=host,
        server_port=port,
        ssr_mode=False,  # server-side rendering would need a Node server beside this one
        theme=THEME,
        css=CSS,
        show_error=False,  # our handlers say what went wrong; nothing else reaches the page
        run_history=False,  # nothing of what was asked is kept in the browser
        footer_links=["gradio", "settings"],  # no link to Gradio's API page: /docs documents ours
    )


def warm_up(assistant: MovieAssistant) -> None:
    """Load the catalogue, the embedding model and the LLM backend before the first person waits."""
    assistant.recommend("a warm-up request", k=1)
    _ = assistant.chain


def url_for(host: str, port: int) -> str:
    return f"http://[{host}]:{port}/" if ":" in host else f"http://{host}:{port}/"


def serve(settings: Settings, host: str = "127.0.0.1", port: int = 7860) -> int:
    import uvicorn

    assistant = MovieAssistant(settings)
    print("reelchat: loading the catalogue and models…", flush=True)
    warm_up(assistant)
    app = create_app(assistant, api_token=settings.api_token, host=host, port=port)
    if host not in LOOPBACK and not settings.api_token:
        print(
            f"warning: listening on {host}: anyone who can reach it can chat and add films; "
            "set REELCHAT_API_TOKEN to guard the API's writes",
            flush=True,
        )
    films = assistant.catalogue_size()
    print(f"reelchat: {films:,} films, LLM: {assistant.backend.name}", flush=True)
    print(f"reelchat UI: {url_for(host, port)}  (REST API docs: {url_for(host, port)}docs)", flush=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")
    return 0
