"""The reply chain, composed as LangChain runnables in one place:

    condense (follow-up + session -> standalone Turn)
      -> understand / retrieve / rerank (Engine)          [recommend turns]
      -> explain (LLM prompt | chat model | text), grounded, streamed

The LLM sees only the picks' plots and facts and the person's words. Its text is streamed one
sentence at a time so that a sentence naming a film it was not given can be dropped before the
person sees it. Any LLM failure leaves the recommendations standing and adds a notice.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from langchain_core.output_parsers import StrOutputParser
from langchain_core.prompts import ChatPromptTemplate
from langchain_core.runnables import Runnable, RunnableLambda

from assistant.conversation import Turn, request_from_json, resolve
from assistant.engine import Engine
from assistant.explain import SYSTEM_PROMPT, build_prompt, foreign_titles, template_explanation
from assistant.llm import LLMBackend, describe_llm_error
from assistant.profiles import Profile
from assistant.results import NOTHING_TO_GO_ON
from assistant.sessions import Session
from assistant.taste import asks_to_rewatch, pick_for
from assistant.understand import ParsedRequest
from ingest.movie import Movie

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")
_SENTENCE = re.compile(r"[^.!?\n]*(?:[.!?]+|\n|$)\s*")  # a sentence with its trailing space


@dataclass
class Picks:
    """What the recommend/explain step decided, before any prose."""

    turn: Turn
    parsed: ParsedRequest
    movies: list[Movie]
    scores: list[float]
    notices: list[str] = field(default_factory=list)
    timings_ms: dict[str, float] = field(default_factory=dict)
    references: list[Movie] = field(default_factory=list)
    removed_titles: int = 0  # film titles the model wrote that it was not given (their sentences dropped)
    because: dict[str, str] = field(default_factory=dict)  # movie id -> "because you rated Heat 5/5"


def condense_runnable(engine: Engine) -> Runnable[dict[str, Any], Turn]:
    return RunnableLambda(lambda inp: resolve(inp["message"], inp["session"], engine.index), name="condense")


def picks_runnable(engine: Engine, default_k: int) -> Runnable[dict[str, Any], Picks]:
    """Turn + session -> the films to show (the engine's ranking, or the one film asked about)."""

    def pick(inp: dict[str, Any]) -> Picks:
        turn: Turn = inp["turn"]
        session: Session = inp["session"]
        if turn.kind == "explain" and turn.target:
            # "why X?": that film and the request it was shown for; no new retrieval
            parsed = request_from_json(turn.original_request)
            return Picks(turn, parsed, [engine.movies[turn.target]], [1.0])
        assert turn.parsed is not None
        p = turn.parsed
        if (
            turn.kind == "recommend"
            and not p.intent.strip()
            and not p.references
            and p.constraints.is_empty()
        ):
            return Picks(turn, p, [], [], list(p.notices) or [NOTHING_TO_GO_ON])  # emoji only, say
        exclude = session.excluded | ({turn.target} if turn.target else set())
        k = turn.k or turn.parsed.k or inp.get("k") or default_k
        profile: Profile | None = inp.get("profile")
        if profile is not None:  # a person's profile: films they know stay out unless asked to rewatch
            message = inp.get("message", "")
            mine = (
                pick_for(engine, message, p, profile, frozenset(exclude), k)
                if turn.kind == "recommend"
                else None
            )
            if mine is not None:
                refs = [engine.movies[r] for r in p.references if r in engine.movies]
                return Picks(
                    turn, mine.parsed, mine.movies, mine.scores, list(p.notices) + mine.notices,
                    mine.timings_ms, refs, because=mine.because,
                )  # fmt: skip
            if turn.kind != "recommend" or not asks_to_rewatch(message):
                exclude |= profile.known
        ranking = engine.rank(turn.parsed, exclude=frozenset(exclude), k=k)
        movies = [item.movie for item in ranking.items]
        notices = list(turn.parsed.notices)
        if not movies and not notices:
            notices.append(
                f"No film matches all of: {turn.parsed.constraints.describe()}. Try loosening one."
            )
        refs = [engine.movies[r] for r in turn.parsed.references if r in engine.movies]
        return Picks(
            turn, turn.parsed, movies, [i.score for i in ranking.items], notices, ranking.timings_ms, refs
        )

    return RunnableLambda(pick, name="pick")


def explain_runnable(backend: LLMBackend) -> Runnable[dict[str, Any], str]:
    prompt = ChatPromptTemplate.from_messages([("system", SYSTEM_PROMPT), ("human", "{prompt}")])
    assert backend.chat is not None
    return prompt | backend.chat | StrOutputParser()


@dataclass
class Prose:
    """The explanation of one turn, read by iterating it; `backend` names who writes it, and
    `notices` (filled while it is read) say what went wrong, if anything."""

    backend: str
    pieces: Iterator[str] = field(default_factory=lambda: iter(()))
    notices: list[str] = field(default_factory=list)

    def __iter__(self) -> Iterator[str]:
        return self.pieces


class ReplyChain:
    """The pipeline behind every entry point. The LLM backend is loaded on first explanation
    (`backend_factory`), so recommending without prose never loads a language model."""

    def __init__(self, engine: Engine, backend_factory: Callable[[], LLMBackend], default_k: int = 5) -> None:
        self.engine = engine
        self._backend_factory = backend_factory
        self.condense = condense_runnable(engine)
        self.pick = picks_runnable(engine, default_k)

    @cached_property
    def backend(self) -> LLMBackend:
        return self._backend_factory()

    @cached_property
    def explain(self) -> Runnable[dict[str, Any], str] | None:
        return explain_runnable(self.backend) if self.backend.chat is not None else None

    def decide(
        self, message: str, session: Session, k: int | None = None, profile: Profile | None = None
    ) -> Picks:
        started = time.perf_counter()
        turn = self.condense.invoke({"message": message, "session": session})
        picks = self.pick.invoke(
            {"turn": turn, "session": session, "k": k, "profile": profile, "message": message}
        )
        picks.timings_ms["decide"] = round((time.perf_counter() - started) * 1000, 2)
        return picks

    def prose(self, message: str, picks: Picks) -> Prose:
        """The explanation as it is written. Any LLM failure keeps the picks: the text falls back
        to the catalogue's facts and a notice says what happened."""
        out = Prose(self.backend.name if self.explain is not None else "none")
        out.pieces = self._pieces(message, picks, out)
        return out

    def _pieces(self, message: str, picks: Picks, out: Prose) -> Iterator[str]:
        written = False
        for piece in self._model_text(message, picks):
            if isinstance(piece, Exception):
                out.notices.append(describe_llm_error(piece, self.backend))
                break
            written = written or bool(piece.strip())
            yield piece
        if out.backend == "none" or not written:
            out.notices += list(self.backend.notices)
        if not written:  # no model, or it failed before writing: the catalogue's facts instead
            yield from self.fallback_text(picks)

    def _model_text(self, message: str, picks: Picks) -> Iterator[str | Exception]:
        """Each film gets its own short prompt, headed by its title and year from the catalogue,
        so the model never has to (and cannot usefully) name a film."""
        if not picks.movies or self.explain is None:
            return
        explaining = picks.turn.kind == "explain"
        request = picks.parsed.text if explaining else message
        for n, movie in enumerate(picks.movies, start=1):
            if explaining:
                # the catalogue's own facts first: what a "why" answer must contain, whatever the model adds
                yield template_explanation(movie, picks.parsed, picks.references) + "\n"
            else:
                yield f"{n}. {movie.label}: "
            user = build_prompt(request, movie, picks.parsed, picks.references)
            if explaining:
                user += f"\nThe person now asks: {message}"
            try:
                tokens = _counted(self.explain.stream({"prompt": user}), picks.timings_ms, first=n == 1)
                yield from grounded_sentences(tokens, picks.movies, self.engine, picks)
            except Exception as e:  # any backend failure: keep the picks, say what happened
                yield e
                return
            yield "\n"

    def fallback_text(self, picks: Picks) -> Iterator[str]:
        """Explanations from the catalogue alone (no model, or the model failed)."""
        for n, movie in enumerate(picks.movies, start=1):
            prefix = "" if len(picks.movies) == 1 else f"{n}. "
            yield prefix + template_explanation(movie, picks.parsed, picks.references) + "\n"


def _counted(chunks: Iterator[str], timings: dict[str, float], first: bool) -> Iterator[str]:
    """Pass the model's chunks (one token each for the streaming backends) through, recording
    when the first came and how many came over how long, so benchmarks can report tokens/s."""
    started = time.perf_counter()
    count = 0
    generating_since = started
    for chunk in chunks:
        count += 1
        if count == 1:
            generating_since = time.perf_counter()
            if first:
                timings["llm_first_token_ms"] = round((generating_since - started) * 1000, 2)
        yield chunk
    if count > 1:
        timings["llm_tokens"] = timings.get("llm_tokens", 0) + count - 1
        timings["llm_seconds"] = timings.get("llm_seconds", 0) + time.perf_counter() - generating_since
        timings["llm_tokens_per_s"] = round(timings["llm_tokens"] / timings["llm_seconds"], 2)


def grounded_sentences(
    chunks: Iterator[str], allowed: Sequence[Movie], engine: Engine, picks: Picks
) -> Iterator[str]:
    """Re-chunk a token stream at sentence ends and drop sentences naming films outside `allowed`
    (counted in `picks.removed_titles`, which eval reports as the hallucinated-title rate)."""
    buffer = ""
    for chunk in chunks:
        buffer += chunk
        ends = list(_SENTENCE_END.finditer(buffer))
        if ends:
            cut = ends[-1].end()
            segment, buffer = buffer[:cut], buffer[cut:]
            yield from _without_foreign_titles(segment, allowed, engine, picks)
    if buffer.strip():
        yield from _without_foreign_titles(buffer, allowed, engine, picks)


def _without_foreign_titles(
    segment: str, allowed: Sequence[Movie], engine: Engine, picks: Picks
) -> Iterator[str]:
    for sentence in _SENTENCE.findall(segment):
        foreign = foreign_titles(sentence, allowed, engine.index) if sentence else []
        picks.removed_titles += len(foreign)
        if sentence and not foreign:
            yield sentence
