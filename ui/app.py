"""The Gradio chat. Presentation only: every decision (what to recommend, what a follow-up means,
what a dislike does) is a call into `MovieAssistant`; this module lays out its answers."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Iterator
from typing import Any, Literal

import gradio as gr

from assistant import MovieAssistant
from assistant.results import NOTHING_TO_GO_ON
from ui.cards import CardData, card_data, card_html, chat_text, notices_html, status_html
from ui.filters import filter_words, genre_phrases, language_choices, with_filters
from ui.interactions import InteractionLog
from ui.rest import CALLER_ERRORS, MAX_REQUEST_CHARS

log = logging.getLogger(__name__)

EXAMPLES = [
    "a tense 90s heist thriller, nothing gory",
    "something funny and animated for a family evening",
    "films like The Matrix but less violent",
    "a romantic comedy set in New York, under 2 hours",
    "a slow, beautiful science fiction film about space",
]
THINKING = "…"
# The page's events are not a second API: /api (documented at /docs, guarded by the token) is the one.
PRIVATE: Literal["private"] = "private"
History = list[dict[str, Any]]
# What one turn updates: the chat, the cards, the notices, the message box, the status line.
Updates = tuple[Any, Any, Any, Any, Any]


def new_session_id() -> str:
    """Called by gr.State on every page load: each browser tab is its own conversation."""
    return f"ui-{uuid.uuid4().hex}"


def why_message(title: str) -> str:
    # The title, not the card's position: the session's latest turn may no longer be these cards
    # (after one "why", it is the film explained), but a shown title is always understood.
    return f"why did you recommend {title}?"


class ChatUI:
    def __init__(self, assistant: MovieAssistant, interactions: InteractionLog) -> None:
        self.assistant = assistant
        self.interactions = interactions
        self.genres = genre_phrases(assistant.engine.index)
        # session id -> the turn answering it now; a newer turn replaces it and the older one stops
        self._answering: dict[str, object] = {}

    def status(self, backend: str | None = None) -> str:
        return status_html(backend or self.assistant.backend.name, len(self.assistant.engine.movies))

    def turn(self, message: str, history: History, session_id: str, show_cards: bool) -> Iterator[Updates]:
        """Stream one reply: the cards as soon as they are chosen, then the prose as it is written."""
        skip = gr.skip()
        history = [*history, {"role": "user", "content": chat_text(message)}]
        history.append({"role": "assistant", "content": THINKING})
        yield history, skip, "", "" if show_cards else skip, skip  # a "why" keeps what is being typed
        text = ""
        mine = self._answering[session_id] = object()
        stream = self.assistant.stream(message, session_id)
        try:
            for event in stream:
                if self._answering.get(session_id) is not mine:
                    # A newer message or a "Why this?" click took over this conversation: stop here,
                    # which also stops the model writing the rest of this reply. The last update
                    # changes nothing: Gradio sends a finished event's last update once more, and
                    # this turn's chat must not overwrite the newer one's.
                    yield skip, skip, skip, skip, skip
                    return
                if event.type == "recommendations" and show_cards:
                    yield history, [card_data(r) for r in event.recommendations], skip, skip, skip
                elif event.type == "text":
                    text += event.text
                    history[-1] = {"role": "assistant", "content": chat_text(text)}
                    yield history, skip, skip, skip, skip
                elif event.type == "done" and event.reply is not None:
                    reply = event.reply
                    shown = [r.movie_id for r in reply.recommendations]
                    self.interactions.request(session_id, message, shown, "ui")
                    # No films: the notices are the answer, so they go in the chat, not only below it.
                    said = reply.text or " ".join(reply.notices) or "I found nothing for that."
                    history[-1] = {"role": "assistant", "content": chat_text(said)}
                    yield history, skip, notices_html(reply.notices), skip, self.status(reply.backend)
        except CALLER_ERRORS as e:
            history[-1] = {"role": "assistant", "content": chat_text(f"Sorry: {e}")}
            yield history, skip, notices_html([str(e)], "error"), skip, skip
        except Exception:  # a bug must not show a stack trace; the server log keeps it
            log.exception("chat turn failed")
            sorry = "Something went wrong on my side answering that. Please try again or rephrase."
            history[-1] = {"role": "assistant", "content": chat_text(sorry)}
            yield history, skip, notices_html([sorry], "error"), skip, skip
        finally:
            getattr(stream, "close", lambda: None)()  # a generator: closing it stops the model too
            if self._answering.get(session_id) is mine:
                del self._answering[session_id]

    def submit(
        self,
        message: str,
        history: History,
        session_id: str,
        year_from: float | None,
        year_to: float | None,
        include: list[str] | None,
        exclude: list[str] | None,
        language: str | None = None,
    ) -> Iterator[Updates]:
        words = filter_words(year_from, year_to, include, exclude, self.genres, language)
        full = with_filters(message or "", words)
        if not full:
            yield gr.skip(), gr.skip(), notices_html([NOTHING_TO_GO_ON]), gr.skip(), gr.skip()
            return
        if len(full) > MAX_REQUEST_CHARS:
            too_long = (
                f"That message is {len(full):,} characters; please keep it under {MAX_REQUEST_CHARS:,}."
            )
            yield gr.skip(), gr.skip(), notices_html([too_long], "error"), gr.skip(), gr.skip()
            return
        yield from self.turn(full, history or [], session_id, show_cards=True)

    def why(self, title: str) -> Callable[[History, str], Iterator[Updates]]:
        def explain(history: History, session_id: str) -> Iterator[Updates]:
            # The cards stay: the person asked about one of them, not for new ones.
            yield from self.turn(why_message(title), history or [], session_id, show_cards=False)

        return explain

    def rate(self, card: CardData, value: int) -> Callable[[str], tuple[str, Any, Any]]:
        def feedback(session_id: str) -> tuple[str, Any, Any]:
            try:
                self.assistant.feedback(session_id, card["movie_id"], value)
            except CALLER_ERRORS as e:
                return notices_html([str(e)], "error"), gr.skip(), gr.skip()
            self.interactions.feedback(session_id, card["movie_id"], value, "ui")
            title = card["title"]
            said = f"Noted: you liked {title}." if value > 0 else f"Noted: I won't suggest {title} again."
            if value > 0:
                return notices_html([said]), gr.Button(variant="primary"), gr.Button(variant="secondary")
            return notices_html([said]), gr.Button(variant="secondary"), gr.Button(variant="stop")

        return feedback

    def import_taste(self, path: str | None, name: str, session_id: str) -> str:
        """Import a ratings export into the named person's profile and tie this chat to it."""
        import html
        import re

        from ui.rest import ID_PATTERN

        name = (name or "").strip()
        if not path:
            return _taste_line("Choose your ratings file (Letterboxd, IMDb or MovieLens CSV).")
        if not re.match(ID_PATTERN, name) or len(name) > 128:
            return _taste_line("Type your name first (letters, digits, - _ . @), then upload again.")
        try:
            report = self.assistant.import_ratings(path, name)
        except CALLER_ERRORS as e:
            return _taste_line(f"Could not import that file: {html.escape(str(e))}")
        self.assistant.profiles.link_session(name, session_id)
        missed = f" · {len(report.unmatched)} rows not matched" if report.unmatched else ""
        return _taste_line(
            f"Using {html.escape(name)}'s taste: {report.profile.get('rated', 0)} films rated, "
            f"{report.profile.get('liked', 0)} liked; films you have seen are left out{missed}."
        )

    def build(self) -> gr.Blocks:
        with gr.Blocks(title="reelchat", analytics_enabled=False) as demo:
            session = gr.State(new_session_id)
            cards = gr.State([])
            with gr.Row(elem_id="rc-header"):
                gr.HTML(
                    '<h1 class="rc-brand">🎬 reelchat</h1><p class="rc-tagline-app">Private film picks, '
                    'from this machine\'s own catalogue · <a href="docs">REST API</a></p>'
                )
                status = gr.HTML(self.status(), elem_id="rc-status")
            with gr.Row(equal_height=False):
                with gr.Column(scale=5):
                    chatbot = gr.Chatbot(
                        elem_id="rc-chat",
                        height=460,
                        show_label=False,
                        latex_delimiters=[],
                        allow_tags=False,
                        placeholder="Ask for a film: a mood, a genre, a decade, a film you loved.",
                    )
                    notices = gr.HTML("", elem_id="rc-notices")
                    with gr.Row():
                        box = gr.Textbox(
                            show_label=False,
                            placeholder="e.g. a tense 90s heist thriller, nothing gory",
                            max_length=MAX_REQUEST_CHARS,
                            scale=6,
                            elem_id="rc-message",
                            autofocus=True,
                        )
                        send = gr.Button("Send", variant="primary", scale=1, elem_id="rc-send")
                    gr.Examples(EXAMPLES, inputs=box, label="Try one")
                    with gr.Accordion("Filters (added to what you type)", open=False, elem_id="rc-filters"):
                        with gr.Row():
                            # No minimum here: once the filters are open, the browser sends an
                            # empty year as 0, which Gradio's bounds check turned into an error
                            # for every message. `filter_words` reads 0 as unset and clamps the rest.
                            year_from = gr.Number(label="From year", precision=0)
                            year_to = gr.Number(label="To year", precision=0)
                        genres = list(self.genres)
                        include = gr.Dropdown(genres, multiselect=True, label="Only these genres")
                        exclude = gr.Dropdown(genres, multiselect=True, label="Leave out these genres")
                        languages = language_choices(self.assistant.engine.index)
                        language = gr.Dropdown(
                            languages,
                            value=languages[0],
                            label="Original language",
                            visible=len(languages) > 1,  # a catalogue that records none offers none
                            elem_id="rc-language",
                        )
                    with gr.Accordion("Your taste (import your ratings)", open=False, elem_id="rc-taste"):
                        who = gr.Textbox(label="Your name", max_length=128, elem_id="rc-user")
                        ratings = gr.File(
                            label="Letterboxd, IMDb or MovieLens ratings.csv",
                            file_types=[".csv"],
                            type="filepath",
                            elem_id="rc-ratings",
                        )
                    taste = gr.HTML(_taste_line("No taste profile in use."), elem_id="rc-taste-line")
                    upload = self.import_taste
                    ratings.upload(upload, [ratings, who, session], [taste], api_visibility=PRIVATE)
                with gr.Column(scale=4, elem_id="rc-cards"):
                    self._cards(cards, chatbot, session, notices, box, status)

            outputs = [chatbot, cards, notices, box, status]
            inputs = [box, chatbot, session, year_from, year_to, include, exclude, language]
            # "multiple": a message sent while a reply still streams is answered at once (the
            # older turn stops, see `turn`); Gradio's default would drop it until the reply ends.
            box.submit(self.submit, inputs, outputs, api_visibility=PRIVATE, trigger_mode="multiple")
            send.click(self.submit, inputs, outputs, api_visibility=PRIVATE, trigger_mode="multiple")
        return demo

    def _cards(self, cards: gr.State, *targets: Any) -> None:
        chatbot, session, notices, box, status = targets
        outputs = [chatbot, cards, notices, box, status]

        @gr.render(inputs=[cards])
        def show(items: list[CardData]) -> None:
            if not items:
                gr.HTML('<p class="rc-empty">Recommendations appear here.</p>')
                return
            for position, card in enumerate(items, start=1):
                with gr.Group(elem_classes=["rc-card-group"]):
                    gr.HTML(card_html(card, position))
                    with gr.Row(elem_classes=["rc-actions"]):
                        why = gr.Button("Why this?", size="sm", scale=3, elem_classes=["rc-why"])
                        up = gr.Button("👍", size="sm", scale=1, min_width=48, elem_classes=["rc-like"])
                        down = gr.Button("👎", size="sm", scale=1, min_width=48, elem_classes=["rc-dislike"])
                why.click(self.why(card["title"]), [chatbot, session], outputs, api_visibility=PRIVATE)
                up.click(self.rate(card, 1), [session], [notices, up, down], api_visibility=PRIVATE)
                down.click(self.rate(card, -1), [session], [notices, up, down], api_visibility=PRIVATE)


CSS = """
#rc-header { align-items: center; }
.rc-brand { margin: 0; font-size: 1.6rem; }
.rc-tagline-app { margin: 0; font-size: 0.85rem; opacity: 0.75; }
.rc-status { text-align: right; opacity: 0.85; }
.rc-notices { margin: 0.25rem 0; padding-left: 1.2rem; font-size: 0.9rem; opacity: 0.85; }
.rc-notices.rc-error { color: var(--error-text-color, #b91c1c); opacity: 1; }
.rc-card { padding: 0.6rem 0.8rem 0.2rem; }
.rc-title { margin: 0 0 0.2rem; font-size: 1.05rem; }
.rc-n { display: inline-block; min-width: 1.4em; opacity: 0.6; }
.rc-year { font-weight: normal; opacity: 0.75; }
.rc-facts { margin: 0 0 0.3rem; font-size: 0.85rem; opacity: 0.8; }
.rc-evidence { margin: 0 0 0.3rem; font-size: 0.85rem; font-weight: 600; color: #c2410c; }
.rc-tagline { margin: 0 0 0.3rem; font-style: italic; font-size: 0.9rem; }
.rc-plot { margin: 0; font-size: 0.9rem; white-space: pre-wrap; }
.rc-actions { padding: 0 0.8rem 0.6rem; gap: 0.4rem; }
.rc-empty { opacity: 0.6; }
"""


def _taste_line(text: str) -> str:
    return f'<p class="rc-taste-line">{text}</p>'


def build_ui(assistant: MovieAssistant, interactions: InteractionLog) -> gr.Blocks:
    return ChatUI(assistant, interactions).build()
