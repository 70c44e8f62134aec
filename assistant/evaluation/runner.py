"""`reelchat eval`: ReDial (conversational), MovieLens liked-history and constraint probes, with a
stage table (dense, hybrid, + reranker, + prior) written to docs/EVAL.md.

Each sample's retrieval and cross-encoder scores are computed once; the stages are orderings of
those, so the table compares like with like and the run stays within minutes on 2 cores."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from tqdm.auto import tqdm

from assistant.engine import CANDIDATES, STAGES, Engine, Ranked
from assistant.evaluation.metrics import score_ranking, summarise
from assistant.evaluation.probes import PROBES
from assistant.understand import ParsedRequest, parse_request
from rerank.prior import TUNED_RETRIEVAL_PRIOR_WEIGHT

RANK_DEPTH = 50  # Recall@50 needs 50 films ranked
GPT4_REDIAL = {"recall@1": 0.0504, "recall@10": 0.2008}  # He et al., CIKM 2023, ReDial test


@dataclass(frozen=True)
class StagedRankings:
    """One sample's rankings at every stage (movie ids, best first)."""

    by_stage: dict[str, list[str]]
    head: list[Ranked]  # hybrid candidates that the cross-encoder scored
    ce: np.ndarray | None
    tail: list[Ranked]


def staged_rankings(engine: Engine, parsed: ParsedRequest, exclude: frozenset[str]) -> StagedRankings:
    dense = engine.candidates(parsed, exclude, n=CANDIDATES, lexical=False)
    hybrid = engine.candidates(parsed, exclude, n=CANDIDATES)
    with_prior = _ids(engine.with_prior(hybrid, eval_prior_weight(engine)))
    by_stage = {"dense": _ids(dense), "hybrid": _ids(hybrid), "prior": with_prior}
    ce = engine.cross_scores(parsed, hybrid) if engine.reranker is not None and hybrid else None
    if ce is not None:
        by_stage["rerank"] = _ids(engine.order(hybrid, ce, 0.0))
        by_stage["full"] = _ids(engine.order(hybrid, ce, engine.prior_weight))
    return StagedRankings(by_stage, hybrid[: len(ce) if ce is not None else 0], ce, hybrid)


def eval_prior_weight(engine: Engine) -> float:
    """The weight the "prior" stage is measured at: the configured one, or the tuned one when the
    prior is off in recommend() (the default), so the stage never just repeats hybrid."""
    return engine.retrieval_prior_weight or TUNED_RETRIEVAL_PRIOR_WEIGHT


def _ids(items: Sequence[Ranked]) -> list[str]:
    return [item.movie.id for item in items[:RANK_DEPTH]]


# --- ReDial ------------------------------------------------------------------------------------


def eval_redial(
    engine: Engine, redial_dir: Path, limit: int | None = None, progress: bool = True
) -> dict[str, Any]:
    from assistant.evaluation.redial import dialogue_request, load_redial_samples
    from assistant.evaluation.titles import TitleMatcher

    samples = load_redial_samples(
        redial_dir / "test_data.jsonl", TitleMatcher(engine.movies.values()), limit_dialogues=limit
    )
    rows: dict[str, list[dict[str, float]]] = {stage: [] for stage in STAGES}
    outside = 0  # samples whose target breaks the seeker's own stated constraints: unreachable
    started = time.perf_counter()
    for sample in tqdm(samples, desc="ReDial", unit="sample", disable=not progress):
        parsed = dialogue_request(sample, engine.index)
        outside += not parsed.constraints.allows(engine.movies[sample.target_id])
        staged = staged_rankings(engine, parsed, frozenset(sample.mentioned_ids))
        for stage, ranked in staged.by_stage.items():
            rows[stage].append(score_ranking(ranked, {sample.target_id}, ks=(1, 10, 50)))
    return {
        "samples": len(samples),
        "dialogues_limit": limit,
        "reranker": engine.reranker.model_name if engine.reranker else None,
        "targets_outside_constraints": outside,
        "seconds": round(time.perf_counter() - started, 1),
        "stages": {stage: summarise(r) for stage, r in rows.items() if r},
    }


# --- MovieLens ---------------------------------------------------------------------------------


def liked_request(engine: Engine, query_ids: Sequence[str]) -> str:
    names = [engine.movies[i].label for i in query_ids]
    return f"I loved {', '.join(names[:-1])} and {names[-1]}"


def movielens_samples(engine: Engine, part: str) -> list[Any]:
    """Liked-history samples of the `tune` or `test` users (split_users seed 0: the same split
    that keeps test users out of collaborative neighbours and reranker training)."""
    from rerank.movielens import liked_history_samples, load_ratings, split_users

    ratings = load_ratings(engine.settings.movielens_dir, set(engine.movies))
    tune, test = split_users(sorted(ratings["user"].unique()), seed=0, fraction=0.5)
    users = tune if part == "tune" else test
    return liked_history_samples(ratings[ratings["user"].isin(users)], seed=0)


def eval_movielens(engine: Engine, part: str = "test", progress: bool = True) -> dict[str, Any]:
    samples = movielens_samples(engine, part)
    rows: dict[str, list[dict[str, float]]] = {stage: [] for stage in STAGES}
    started = time.perf_counter()
    for sample in tqdm(samples, desc=f"MovieLens ({part})", unit="user", disable=not progress):
        parsed = parse_request(liked_request(engine, sample.query_ids), engine.index)
        staged = staged_rankings(engine, parsed, frozenset(sample.query_ids))
        for stage, ranked in staged.by_stage.items():
            scores = score_ranking(ranked, sample.target_ids, ks=(10,))
            rows[stage].append({"hr@10": scores["hit@10"], "recall@10": scores["recall@10"]})
    return {
        "users": len(samples),
        "part": part,
        "seconds": round(time.perf_counter() - started, 1),
        "stages": {stage: summarise(r) for stage, r in rows.items() if r},
    }


def tune_prior_weight(
    engine: Engine,
    weights: Sequence[float] = (0.0, 0.5, 1.0, 2.0, 3.0, 4.0, 6.0, 10.0, 15.0, 25.0, 40.0, 100.0),
    progress: bool = True,
) -> dict[str, Any]:
    """Choose the prior's weight by Recall@10 on the MovieLens *tune* users (never ReDial): over
    the cross-encoder's scores when a reranker is loaded, else over the retrieval scores."""
    per_weight: dict[float, list[float]] = {w: [] for w in weights}
    for sample in tqdm(movielens_samples(engine, "tune"), desc="tuning prior", disable=not progress):
        parsed = parse_request(liked_request(engine, sample.query_ids), engine.index)
        hybrid = engine.candidates(parsed, frozenset(sample.query_ids), n=CANDIDATES)
        if not hybrid:
            continue
        ce = engine.cross_scores(parsed, hybrid) if engine.reranker is not None else None
        for w in weights:
            ordered = engine.with_prior(hybrid, w) if ce is None else engine.order(hybrid, ce, w)
            per_weight[w].append(score_ranking(_ids(ordered), sample.target_ids, ks=(10,))["recall@10"])
    return {
        **one_standard_error_choice(per_weight),
        "over": "retrieval scores" if engine.reranker is None else "cross-encoder scores",
        "users": len(per_weight[weights[0]]),
    }


def one_standard_error_choice(per_weight: dict[float, list[float]]) -> dict[str, Any]:
    """The one-standard-error rule over per-user scores by weight: the smallest weight whose mean is
    within one standard error of the best mean. Past it the gains are noise, and a smaller weight
    leaves more say to how well a film fits the request, which liked-history does not measure."""
    table = {w: float(np.mean(v)) if v else 0.0 for w, v in per_weight.items()}
    best = max(table, key=lambda w: (table[w], -w))
    values = per_weight[best]
    stderr = float(np.std(values, ddof=1) / np.sqrt(len(values))) if len(values) > 1 else 0.0
    chosen = min(w for w in table if table[w] >= table[best] - stderr)
    return {
        "weight": chosen,
        "best_weight": best,
        "standard_error": round(stderr, 4),
        "recall@10_by_weight": table,
    }


# --- probes ------------------------------------------------------------------------------------


def eval_probes(engine: Engine, k: int = 10) -> dict[str, Any]:
    violations = 0
    shown = 0
    parsed_right = 0
    failures: list[str] = []
    for probe in PROBES:
        parsed = parse_request(probe.request, engine.index)
        parsed_right += parsed.constraints == probe.expected
        for item in engine.rank(parsed, k=k).items:
            shown += 1
            broken = probe.expected.violations(item.movie)
            if broken:
                violations += 1
                failures.append(f"{probe.request!r}: {item.movie.label} ({'; '.join(broken)})")
    return {
        "probes": len(PROBES),
        "films_shown": shown,
        "violations": violations,
        "parsed_exactly": parsed_right,
        "failures": failures[:20],
    }


# --- grounding --------------------------------------------------------------------------------


def eval_grounding(settings: Any, limit: int = 10, progress: bool = True) -> dict[str, Any]:
    """Hallucinated titles: over `limit` probe requests answered by the configured LLM, how many
    film titles the model wrote that it was not given (removed before showing), and how many
    reached the reply text anyway (must be 0)."""
    from assistant.api import MovieAssistant

    bot = MovieAssistant(settings)
    requests = [p.request for p in PROBES[:limit]]
    removed = shown = with_removed = 0
    for text in tqdm(requests, desc="grounding", disable=not progress):
        reply = bot.chat(text, k=3)
        given = {r.movie_id for r in reply.recommendations}
        shown += sum(m.id not in given for m in bot.engine.index.find_titles(reply.text))
        removed += reply.removed_titles
        with_removed += reply.removed_titles > 0
    return {
        "backend": bot.backend.name,
        "model": bot.backend.model,
        "requests": len(requests),
        "replies_with_titles_not_given": with_removed,
        "hallucinated_title_rate": round(with_removed / max(1, len(requests)), 4),
        "titles_removed": removed,
        "titles_not_given_in_replies": shown,
    }


# --- the command -------------------------------------------------------------------------------


def run_eval(
    engine: Engine, what: str, redial_dir: Path, limit: int | None = None, progress: bool = True
) -> dict[str, Any]:
    jobs: dict[str, Callable[[], dict[str, Any]]] = {
        "redial": lambda: eval_redial(engine, redial_dir, limit, progress),
        "movielens": lambda: eval_movielens(engine, "test", progress),
        "prior": lambda: tune_prior_weight(engine, progress=progress),
        "probes": lambda: eval_probes(engine),
        "grounding": lambda: eval_grounding(engine.settings, limit or 10, progress),
    }
    chosen = list(jobs) if what == "all" else [what]
    result: dict[str, Any] = {
        "reranker": engine.reranker.model_name if engine.reranker else None,
        "prior_weight": engine.prior_weight,
        "retrieval_prior_weight": eval_prior_weight(engine),
        "movies": len(engine.movies),
    }
    for name in chosen:
        # A run on the first N dialogues keeps its own section: it never replaces the full split's.
        key = f"redial_first_{limit}" if name == "redial" and limit else name
        result[key] = jobs[name]()
    return result


def write_eval_md(result: dict[str, Any], path: Path) -> None:
    """Write the report, keeping sections of earlier runs that this one did not redo (their
    figures live beside it in the .json file), so `eval grounding` does not erase ReDial."""
    import json

    from assistant.evaluation.report import render

    path.parent.mkdir(parents=True, exist_ok=True)
    raw = path.with_suffix(".json")
    merged = json.loads(raw.read_text(encoding="utf-8")) if raw.exists() else {}
    merged.update(result)
    raw.write_text(json.dumps(merged, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    path.write_text(render(merged), encoding="utf-8")
