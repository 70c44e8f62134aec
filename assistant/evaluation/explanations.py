"""`reelchat eval explanations`: how trustworthy and finished the explanations are, over requests
from the labelled intent set (recommendations and film searches, none sent mid-session), answered
by the configured language model exactly as a person would get them.

Reported: the share of the model's sentences the checker dropped (and why), parts (one film's
explanation) ending mid-sentence in the reply (must be 0), catalogue titles in the reply that
were neither picked nor named by the person (must be 0), time per reply, and samples to check
by hand: dropped sentences with their reason, and replies beside the evidence they came from.
"""

from __future__ import annotations

import json
import statistics
import time
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tqdm.auto import tqdm

from assistant.grounding import foreign_titles, is_finished
from assistant.settings import Settings

if TYPE_CHECKING:
    from assistant.engine import Engine

REQUESTS = Path(__file__).with_name("intent_requests.jsonl")


def explanation_requests(limit: int = 30) -> list[str]:
    """The first `limit` fresh requests for films (recommend or known-item) of the intent set."""
    rows = [json.loads(line) for line in REQUESTS.read_text(encoding="utf-8").splitlines()[1:] if line]
    wanted = [r["text"] for r in rows if r["intent"] in ("recommend", "known_item") and not r["in_session"]]
    return wanted[:limit]


def reply_parts(text: str) -> list[str]:
    """One part per film: the lines of a reply ("1. Heat (1995): ..." or a single explanation)."""
    return [line.strip() for line in text.split("\n") if line.strip()]


def eval_explanations(
    settings: Settings,
    limit: int = 30,
    k: int = 5,
    progress: bool = True,
    samples: int = 5,
    engine: Engine | None = None,
) -> dict[str, Any]:
    """Each request runs through the reply chain as `MovieAssistant.chat` runs it (no session),
    so the checker's verdict on every sentence can be read off the turn."""
    from assistant.api import MovieAssistant
    from assistant.sessions import Session

    bot = MovieAssistant(settings)
    if engine is not None:  # already loaded by `reelchat eval`: not a second copy
        bot.__dict__["engine"] = engine
    index = bot.engine.index
    counts: Counter[str] = Counter()
    parts = mid_sentence = not_given = films = 0
    totals: list[float] = []
    dropped_examples: list[dict[str, str]] = []
    not_given_examples: list[dict[str, str]] = []
    replies: list[dict[str, Any]] = []
    for request in tqdm(explanation_requests(limit), desc="explanations", disable=not progress):
        started = time.perf_counter()
        picks = bot.chain.decide(request, Session(id=""), k)
        text = "".join(bot.chain.prose(request, picks)).strip() if picks.movies else ""
        totals.append((time.perf_counter() - started) * 1000)
        counts["kept"] += picks.checks.kept
        counts.update(picks.checks.dropped)
        films += len(picks.movies)
        for part in reply_parts(text):
            parts += 1
            mid_sentence += not is_finished(part)
        allowed = [*picks.movies, *(index.movie(r) for r in picks.parsed.references)]
        own = " ".join(f"{m.overview} {m.tagline}" for m in picks.movies).lower()
        for found in foreign_titles(text, allowed, index):
            if found.title.lower() in own:
                continue  # a pick's own plot says it ("Santa Claus is real"): a character, not a film
            not_given += 1
            not_given_examples.append({"request": request, "title": found.label, "reply": text})
        if len(replies) < samples and picks.movies:
            replies.append(
                {
                    "request": request,
                    "text": text,
                    "evidence": {
                        m.label: e.line() for m, e in zip(picks.movies, picks.evidence, strict=True)
                    },
                }
            )
        for _, reason, sentence in picks.dropped:
            if len(dropped_examples) < 12:
                dropped_examples.append({"request": request, "reason": reason, "sentence": sentence})
    kept = counts.pop("kept", 0)
    unfinished = counts.pop("unfinished", 0)
    written = kept + sum(counts.values())
    return {
        "backend": bot.backend.name,
        "model": bot.backend.model,
        "requests": len(totals),
        "films_explained": films,
        "parts": parts,
        "parts_ending_mid_sentence": mid_sentence,
        "titles_not_given": not_given,
        "sentences_written": written,
        "sentences_dropped": sum(counts.values()),
        "dropped_share": round(sum(counts.values()) / written, 4) if written else None,
        "dropped_by_reason": dict(counts),
        "unfinished_sentences_held_back": unfinished,
        "reply_ms_p50": round(statistics.median(totals), 1) if totals else None,
        "titles_not_given_examples": not_given_examples[:10],
        "dropped_examples": dropped_examples,
        "sample_replies": replies,
    }
