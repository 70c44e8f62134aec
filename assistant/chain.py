"""The reply chain, composed as LangChain runnables in one place:

    condense (follow-up + session -> standalone Turn)
      -> understand / retrieve / rerank (Engine)          [recommend turns]
      -> evidence per pick -> explain (one short prompt per film, written in parallel,
         shown in order), checked sentence by sentence, streamed

The LLM sees each pick's evidence and a piece of its plot, never the request (assistant.explain).
Its text is cut into sentences, and a sentence claiming a title, year, person or genre that is
not the film's own is dropped before the person sees it (assistant.grounding); a sentence the
model did not finish is never shown. Any LLM failure leaves the recommendations standing, with
the evidence's own sentence for each film and a notice.
"""

from __future__ import annotations

import queue
import threading
import time
from collections import Counter
from collections.abc import Callable, Generator, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from langchain_core.language_models.chat_models import BaseChatModel
from langchain_core.messages import BaseMessageChunk
from langchain_core.prompts import ChatPromptTemplate
from langchain_core.runnables import Runnable, RunnableLambda

from assistant.conversation import Turn, request_from_json, resolve
from assistant.engine import Engine
from assistant.evidence import Evidence, build_evidence
from assistant.explain import (
    EXAMPLE_NOTES,
    EXAMPLE_SENTENCE,
    SENTENCES_PER_FILM,
    SYSTEM_PROMPT,
    evidence_sentence,
    film_notes,
)
from assistant.facts import answer_film_question, join_names
from assistant.grounding import CheckCounts, SentenceChecker, checked_sentences
from assistant.llm import LLMBackend, describe_llm_error
from assistant.profiles import Profile
from assistant.recall import memory_gaps, split_remembered
from assistant.results import NOTHING_TO_GO_ON
from assistant.sessions import Session
from assistant.taste import asks_to_rewatch, pick_for
from assistant.understand import ParsedRequest
from assistant.understand.intents import THANKS_OR_GOODBYE
from ingest.movie import Movie


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
    evidence: list[Evidence] = field(default_factory=list)  # one per film, once ReplyChain.evidence ran
    checks: CheckCounts = field(default_factory=CheckCounts)  # the model's sentences kept and dropped
    dropped: list[tuple[str, str, str]] = field(default_factory=list)  # (movie id, reason, sentence)
    because: dict[str, str] = field(default_factory=dict)  # movie id -> "because you rated Heat 5/5"
    answer: str = ""  # an "answer" turn's words (a fact about a film, or a reply to chit-chat)


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
        if turn.kind == "answer":
            return Picks(turn, p, [], [], list(p.notices), answer=turn.reply or direct_answer(p, engine))
        if (
            turn.kind == "recommend"
            and not p.intent.strip()
            and not p.references
            and p.constraints.is_empty()
        ):
            return Picks(turn, p, [], [], list(p.notices) or [NOTHING_TO_GO_ON])  # emoji only, say
        exclude = session.excluded | ({turn.target} if turn.target else set()) | set(turn.also)
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
        notices = list(turn.parsed.notices) + credits_notice(turn.parsed, engine)
        if not movies and not turn.parsed.constraints.is_empty():  # also beside a people notice
            limits = turn.parsed.constraints.describe()
            # "any with Al Pacino?" after The Godfather was shown: it fits, it was just shown already
            shown = [m for s in session.shown if (m := engine.movies.get(s.movie_id))]
            fit = list(dict.fromkeys(m.label for m in shown if turn.parsed.constraints.allows(m)))
            if fit:
                said = f"Of the films I showed you, {join_names(fit)} fit ({limits})"
                notices.append(f"{said}; I have no other film that does.")
            else:
                notices.append(f"No film matches all of: {limits}. Try loosening one.")
        elif not movies and not notices:
            notices.append(NOTHING_TO_GO_ON)
        refs = [engine.movies[r] for r in turn.parsed.references if r in engine.movies]
        return Picks(
            turn, turn.parsed, movies, [i.score for i in ranking.items], notices, ranking.timings_ms, refs
        )

    return RunnableLambda(pick, name="pick")


# The system prompt is the same for every film, so llama.cpp serves it from its KV cache. The chain
# streams the chat model itself (_FilmWriter), not a LangChain sequence: closing a sequence's stream
# reads the model to its end, closing the model's own stream stops it at the next token.
EXPLAIN_PROMPT = ChatPromptTemplate.from_messages(
    [("system", SYSTEM_PROMPT), ("human", EXAMPLE_NOTES), ("ai", EXAMPLE_SENTENCE), ("human", "{notes}")]
)


def credits_notice(parsed: ParsedRequest, engine: Engine) -> list[str]:
    """A person filter can only search films whose cast and crew the catalogue knows: say so."""
    people = [*parsed.constraints.directors, *parsed.constraints.cast]
    if not people:
        return []
    unknown = sum(not m.has_credits for m in engine.movies.values())
    if not unknown:
        return []
    return [
        f"I looked for {' and '.join(people)} only among films whose cast and crew the catalogue "
        f"lists; {unknown:,} films have none, so some of their films may be missing here."
    ]


def direct_answer(parsed: ParsedRequest, engine: Engine) -> str:
    """The words of an "answer" turn: a film's facts from the catalogue, or a short reply."""
    if parsed.intent_kind == "film_question":
        return answer_film_question(parsed, engine.movies.get(parsed.asked_film or ""))
    if THANKS_OR_GOODBYE.search(parsed.text):
        return "You're welcome, enjoy the film! Ask me any time for more."
    return CHIT_CHAT_REPLY


CHIT_CHAT_REPLY = (
    "I'm reelchat: tell me what you feel like watching (a mood, a genre, an era, a film you loved) "
    "and I'll pick films from this machine's catalogue and say why each fits. You can also ask "
    'about a film ("who directed Heat?") or describe one you can\'t name ("the film where...").'
)


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

    @property
    def explain(self) -> BaseChatModel | None:
        return self.backend.chat

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

    def evidence(self, picks: Picks) -> list[Evidence]:
        """Why each pick fits (computed once per turn, then kept on `picks`)."""
        if len(picks.evidence) != len(picks.movies):
            refs = picks.references or [
                self.engine.movies[r] for r in picks.parsed.references if r in self.engine.movies
            ]
            signals = getattr(self.engine, "signals", None)  # MovieLens, when the engine has them
            picks.evidence = [build_evidence(m, picks.parsed, refs, signals) for m in picks.movies]
            picks.references = refs
        return picks.evidence

    def prose(self, message: str, picks: Picks) -> Prose:
        """The explanation as it is written. Any LLM failure keeps the picks: each film the model
        could not explain gets the sentence built from its evidence, and a notice says why."""
        out = Prose(self.backend.name if self.explain is not None else "none")
        out.pieces = self._pieces(message, picks, out)
        return out

    def _pieces(self, message: str, picks: Picks, out: Prose) -> Iterator[str]:
        if picks.answer:  # facts and replies come from the catalogue, never from a model
            yield picks.answer
            return
        if picks.parsed.intent_kind == "known_item" and picks.movies and picks.turn.kind == "recommend":
            # A search for one film: a guess, not a recommendation, honest about what it breaks.
            gaps = memory_gaps(picks.movies[0], split_remembered(picks.parsed)[1])
            though = f", though {' and '.join(gaps)}" if gaps else ""
            best = picks.movies[0].label
            yield f"This may be it: {best}, my best guess{though}; the others are next closest.\n"
        if self.explain is None or not picks.movies:
            out.notices += list(self.backend.notices)
            yield from self.fallback_text(picks)
            return
        with closing(self._model_text(picks)) as pieces:  # a reader who stops stops the model too
            for piece in pieces:
                if isinstance(piece, Exception):
                    out.notices.append(describe_llm_error(piece, self.backend))
                    continue
                yield piece
        if not picks.checks.kept:  # the model wrote nothing shown: say why, if the backend knows
            out.notices += list(self.backend.notices)

    def _model_text(self, picks: Picks) -> Generator[str | Exception, None, None]:
        """Every film's sentences are generated at once (as many as the backend decodes in
        parallel) and shown in order: film 1 as it is written, the others from what they wrote
        meanwhile. Each sentence passes the checker first; a film left with no sentence (the model
        failed, or every sentence was dropped) gets the one built from its evidence."""
        evidence = self.evidence(picks)
        explaining = picks.turn.kind == "explain"
        assert self.explain is not None
        given = [*picks.movies, *picks.references]
        writers = [
            # The films shown and the films the person named may be mentioned; no other.
            _FilmWriter(self.explain, movie, ev, SentenceChecker(movie, given, self.engine.index))
            for movie, ev in zip(picks.movies, evidence, strict=True)
        ]
        for writer in writers[1:]:
            # Film 1 first, alone, until its first sentence is on screen: on 2 cores the others'
            # prompts and tokens would share every step with it and hold that sentence back for
            # seconds. They then run together, while the person reads.
            writer.after = writers[0].said
        started = time.perf_counter()
        pool = ThreadPoolExecutor(max(1, min(self.backend.parallel, len(writers))), "explain")
        try:
            for writer in writers:
                pool.submit(writer.run)
            for n, (writer, ev) in enumerate(zip(writers, evidence, strict=True), start=1):
                if explaining:  # "why X?": the evidence answers at once; the model's words follow
                    yield evidence_sentence(writer.movie, ev) + " "
                else:
                    yield f"{n}. {writer.movie.label}: "
                said = False
                for piece in writer.pieces():
                    if isinstance(piece, Exception):
                        yield piece
                        continue
                    if not said and n == 1:
                        picks.timings_ms["llm_first_sentence_ms"] = _since(started)
                    yield (" " if said else "") + piece.strip()
                    said = True
                if not said and not explaining:
                    yield evidence_sentence(writer.movie, ev, named=False)
                yield "\n"
        finally:
            for writer in writers:  # the person stopped reading (or a new message came): stop them all
                writer.stop.set()
            pool.shutdown(wait=False, cancel_futures=True)
            _record(picks, writers, started)

    def fallback_text(self, picks: Picks) -> Iterator[str]:
        """Explanations from the evidence alone (no model, or the model failed)."""
        for n, (movie, ev) in enumerate(zip(picks.movies, self.evidence(picks), strict=True), start=1):
            prefix = "" if len(picks.movies) == 1 else f"{n}. "
            yield prefix + evidence_sentence(movie, ev) + "\n"


_DONE = object()


class _FilmWriter:
    """One film's model call on a worker thread; `pieces()` hands its checked sentences over in
    order, as they come."""

    def __init__(
        self, chat: BaseChatModel, movie: Movie, evidence: Evidence, checker: SentenceChecker
    ) -> None:
        self.chat = chat
        self.movie = movie
        self.notes = film_notes(movie, evidence)
        self.checker = checker
        self.unfinished: Counter[str] = Counter()
        self.stop = threading.Event()
        self.said = threading.Event()  # set at its first sentence shown, or when it ends without one
        self.after: threading.Event | None = None  # starts only once this is set
        self.queue: queue.Queue[Any] = queue.Queue()
        self.tokens = 0
        self.first_token_s: float | None = None
        self.started = self.ended = 0.0

    def run(self) -> None:
        if self.after is not None:
            while not self.after.wait(0.05) and not self.stop.is_set():
                pass
        self.started = time.perf_counter()
        stream = self.chat.stream(EXPLAIN_PROMPT.format_messages(notes=self.notes))
        try:
            for sentence in checked_sentences(self._count(stream), self.checker, self.unfinished):
                self.queue.put(sentence)
                self.said.set()
                if self._enough():
                    break
        except Exception as e:  # any backend failure: this film falls back to its evidence
            self.queue.put(e)
        finally:
            # Stops llama.cpp at its next token when the reader has gone (every backend's stream
            # is a generator; the interface only promises an iterator).
            getattr(stream, "close", lambda: None)()
            self.ended = time.perf_counter()
            self.said.set()
            self.queue.put(_DONE)

    def _count(self, chunks: Iterator[BaseMessageChunk]) -> Iterator[str]:
        for chunk in chunks:
            if self._enough():
                return
            if self.first_token_s is None:
                self.first_token_s = time.perf_counter()
            self.tokens += 1
            yield chunk.text

    def _enough(self) -> bool:
        counts = self.checker.counts  # a dropped sentence gets one more try
        return self.stop.is_set() or counts.kept >= SENTENCES_PER_FILM or counts.total > SENTENCES_PER_FILM

    def pieces(self) -> Iterator[str | Exception]:
        while (item := self.queue.get()) is not _DONE:
            yield item


def _since(started: float) -> float:
    return round((time.perf_counter() - started) * 1000, 2)


def _record(picks: Picks, writers: Sequence[_FilmWriter], started: float) -> None:
    """What benchmarks and eval read: when the model's first token came (film 1), tokens/s over
    the films decoded together, and what the checker kept and dropped."""
    first = writers[0].first_token_s if writers else None
    if first is not None:
        picks.timings_ms["llm_first_token_ms"] = round((first - started) * 1000, 2)
    generating = [w for w in writers if w.first_token_s is not None and w.tokens > 1]
    if generating:
        span = max(w.ended for w in generating) - min(w.first_token_s or 0 for w in generating)
        tokens = sum(w.tokens - 1 for w in generating)
        picks.timings_ms["llm_tokens"] = tokens
        picks.timings_ms["llm_tokens_per_s"] = round(tokens / max(span, 1e-6), 2)
    for writer in writers:
        picks.checks.add(writer.checker.counts)
        picks.dropped += [(writer.movie.id, *d) for d in writer.checker.dropped]
        picks.checks.dropped.update(writer.unfinished)
    picks.removed_titles = picks.checks.dropped["title"]
