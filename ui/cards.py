"""HTML for the recommendation cards, the status line and notices, and chat text made safe.

Catalogue text (plots, titles, taglines) and model prose are untrusted: a film added through the
API may carry markup. Everything we place into HTML goes through `html.escape`, so a plot
containing `<script>` shows those characters instead of running them.
"""

from __future__ import annotations

import html
import re
import textwrap
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict
from typing import Any

from assistant import Recommendation
from assistant.evidence import Evidence
from ingest.languages import name_of

PLOT_CHARS = 260  # a card shows a taste of the plot; "tell me more about it" gives the rest
CardData = dict[str, Any]  # a Recommendation as a plain dict: what gr.State holds between events

# Backslash-escape what Markdown would read as emphasis, code, links or tables, so "*Heat*" in a plot
# stays literal. Parentheses are left alone: a backslash before one starts LaTeX in some renderers.
_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]#|~])")


def card_data(rec: Recommendation) -> CardData:
    return asdict(rec)


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def short_plot(text: str, width: int = PLOT_CHARS) -> str:
    return textwrap.shorten(" ".join(text.split()), width=width, placeholder=" …") if text else ""


def card_html(card: Mapping[str, Any], position: int) -> str:
    """One film: title, year, genres, rating, runtime, director, its language if not English, why it
    fits, a short plot."""
    year = f' <span class="rc-year">({_e(card["year"])})</span>' if card.get("year") else ""
    facts = []
    if card.get("genres"):
        facts.append(_e(", ".join(card["genres"])))
    if card.get("vote_average") is not None:
        facts.append(f'<span title="average rating">★ {float(card["vote_average"]):.1f}/10</span>')
    if card.get("runtime"):
        facts.append(f"{int(card['runtime'])} min")
    if card.get("directors"):
        facts.append("dir. " + _e(", ".join(card["directors"][:2])))
    if card.get("language") and card["language"] != "en":  # "Korean": say it before someone presses play
        facts.append(f'<span title="original language">{_e(name_of(card["language"]))}</span>')
    tagline = f'<p class="rc-tagline">{_e(card["tagline"])}</p>' if card.get("tagline") else ""
    why = evidence_line(card)
    evidence = f'<p class="rc-evidence">{_e(why)}</p>' if why else ""
    return (
        f'<article class="rc-card" data-movie-id="{_e(card["movie_id"])}" data-position="{position}">'
        f'<h3 class="rc-title"><span class="rc-n">{position}</span> {_e(card["title"])}{year}</h3>'
        f'<p class="rc-facts">{" · ".join(facts)}</p>{evidence}{tagline}'
        f'<p class="rc-plot">{_e(short_plot(card.get("overview") or ""))}</p>'
        "</article>"
    )


def evidence_line(card: Mapping[str, Any]) -> str:
    """ "Matches: heist · twist ending · 1990s": why the film is on the list, in one line."""
    found = card.get("evidence")
    if isinstance(found, Evidence):
        return found.line()
    return Evidence(**found).line() if isinstance(found, Mapping) else ""


def status_html(backend: str, films: int) -> str:
    """The always-visible line: who writes the answers and how much there is to choose from."""
    writer = {
        "none": "none (replies list the catalogue's facts)",
        "llamacpp": "llama.cpp (local)",
        "ollama": "Ollama (local)",
        "openai": "an OpenAI-compatible server",
    }.get(backend, backend)
    return (
        f'<div class="rc-status" data-backend="{_e(backend)}" data-films="{films}">'
        f"LLM: <b>{_e(writer)}</b> · <b>{films:,}</b> films indexed</div>"
    )


def notices_html(notices: Iterable[str], kind: str = "info") -> str:
    items = "".join(f"<li>{_e(n)}</li>" for n in dict.fromkeys(notices) if n)
    return f'<ul class="rc-notices rc-{_e(kind)}">{items}</ul>' if items else ""


def chat_text(text: str) -> str:
    """Text for the Chatbot (which renders Markdown and some HTML), shown exactly as written."""
    return _MARKDOWN_SPECIALS.sub(r"\\\1", html.escape(text, quote=False))


def brief_titles(cards: Sequence[Mapping[str, Any]]) -> list[str]:
    return [str(c["title"]) for c in cards]
