"""`reelchat eval`: ReDial (conversational), MovieLens liked-history, judged free-text requests,
known-item search and constraint probes, with a stage table (dense, hybrid, learned ranker, +
cross-encoder) written to docs/EVAL.md. Each request is retrieved once and every stage orders the
same candidates (`assistant.evaluation.stages`)."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tqdm.auto import tqdm

from assistant.engine import Engine
from assistant.evaluation.metrics import score_ranking, summarise
from assistant.evaluation.probes import PROBES
from assistant.evaluation.stages import as_known_item, held_out_engine, staged_rankings
from assistant.understand import find_titles, parse_request

GPT4_REDIAL = {"recall@1": 0.0504, "recall@10": 0.2008}  # He et al., CIKM 2023, ReDial test
DEFAULT_TOMT = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "tomt" / "train.jsonl"


def _by_stage(rows: dict[str, list[dict[str, float]]]) -> dict[str, dict[str, float]]:
    return {stage: summarise(r) for stage, r in rows.items() if r}


# --- ReDial ------------------------------------------------------------------------------------


def eval_redial(
    engine: Engine, redial_dir: Path, limit: int | None = None, progress: bool = True
) -> dict[str, Any]:
    from assistant.evaluation.redial import dialogue_request, load_redial_samples
    from assistant.evaluation.titles import TitleMatcher

    samples = load_redial_samples(
        redial_dir / "test_data.jsonl", TitleMatcher(engine.movies.values()), limit_dialogues=limit
    )
    rows: dict[str, list[dict[str, float]]] = {}
    outside = 0  # samples whose target breaks the seeker's own stated constraints: unreachable
    started = time.perf_counter()
    for sample in tqdm(samples, desc="ReDial", unit="sample", disable=not progress):
        parsed = dialogue_request(sample, engine.index)
        outside += not parsed.constraints.allows(engine.movies[sample.target_id])
        for stage, ranked in staged_rankings(engine, parsed, frozenset(sample.mentioned_ids)).items():
            rows.setdefault(stage, []).append(score_ranking(ranked, {sample.target_id}, ks=(1, 10, 50)))
    return {
        "samples": len(samples),
        "dialogues_limit": limit,
        "reranker": engine.reranker.model_name if engine.reranker else None,
        "targets_outside_constraints": outside,
        "seconds": round(time.perf_counter() - started, 1),
        "stages": _by_stage(rows),
    }


# --- MovieLens ---------------------------------------------------------------------------------


def liked_request(engine: Engine, query_ids: list[str] | tuple[str, ...]) -> str:
    names = [engine.movies[i].label for i in query_ids]
    return f"I loved {', '.join(names[:-1])} and {names[-1]}"


def movielens_samples(engine: Engine, part: str) -> list[Any]:
    """Liked-history samples of the `tune` or `test` users (split_users seed 0: the same split
    that keeps test users out of the signals the ranker and the evaluation engine use)."""
    from rerank.movielens import liked_history_samples, load_ratings, split_users

    ratings = load_ratings(engine.settings.movielens_dir, set(engine.movies))
    tune, test = split_users(sorted(ratings["user"].unique()), seed=0, fraction=0.5)
    users = tune if part == "tune" else test
    return liked_history_samples(ratings[ratings["user"].isin(users)], seed=0)


def eval_movielens(engine: Engine, part: str = "test", progress: bool = True) -> dict[str, Any]:
    engine = held_out_engine(engine.settings, engine)
    samples = movielens_samples(engine, part)
    rows: dict[str, list[dict[str, float]]] = {}
    started = time.perf_counter()
    for sample in tqdm(samples, desc=f"MovieLens ({part})", unit="user", disable=not progress):
        parsed = parse_request(liked_request(engine, sample.query_ids), engine.index)
        for stage, ranked in staged_rankings(engine, parsed, frozenset(sample.query_ids)).items():
            scores = score_ranking(ranked, sample.target_ids, ks=(10,))
            rows.setdefault(stage, []).append({"hr@10": scores["hit@10"], "recall@10": scores["recall@10"]})
    return {
        "users": len(samples),
        "part": part,
        "seconds": round(time.perf_counter() - started, 1),
        "stages": _by_stage(rows),
    }


# --- judged free-text requests ------------------------------------------------------------------


def eval_judged(engine: Engine, progress: bool = True) -> dict[str, Any]:
    """Precision@5/@10 on hand-judged requests: a pick counts when a film lover accepted it. The
    first set's figures, with the second set's and the third's (written later, by other judges) under
    "second_set" and "third_set"."""
    from assistant.evaluation.datasets import JUDGED_REQUESTS, JUDGED_REQUESTS_2, JUDGED_REQUESTS_3

    result = _eval_judged_set(engine, JUDGED_REQUESTS, progress)
    for key, path in (("second_set", JUDGED_REQUESTS_2), ("third_set", JUDGED_REQUESTS_3)):
        if path.exists():
            result[key] = _eval_judged_set(engine, path, progress)
    return result


def _eval_judged_set(engine: Engine, path: Path, progress: bool) -> dict[str, Any]:
    from assistant.evaluation.datasets import load_judged_requests

    judged = load_judged_requests(path)
    rows: dict[str, list[dict[str, float]]] = {}
    by_kind: dict[str, list[float]] = {}
    started = time.perf_counter()
    for item in tqdm(judged.requests, desc=path.stem, unit="request", disable=not progress):
        parsed = parse_request(item.request, engine.index)
        accepted = item.accepted_ids
        for stage, ranked in staged_rankings(engine, parsed, frozenset()).items():
            p5 = sum(i in accepted for i in ranked[:5]) / 5
            p10 = sum(i in accepted for i in ranked[:10]) / 10
            rows.setdefault(stage, []).append({"p@5": p5, "p@10": p10})
            if stage == engine.default_stage:
                by_kind.setdefault(item.kind, []).append(p5)
    return {
        "requests": len(judged.requests),
        "seconds": round(time.perf_counter() - started, 1),
        "stages": _by_stage(rows),
        "default_p@5_by_kind": {k: round(sum(v) / len(v), 4) for k, v in sorted(by_kind.items())},
    }


# --- known-item search ----------------------------------------------------------------------------


def eval_known_item(
    engine: Engine, tomt_path: Path = DEFAULT_TOMT, limit: int | None = None, progress: bool = True
) -> dict[str, Any]:
    """HR@10 on the held-out r/tipofmytongue posts whose film is in the catalogue."""
    from itertools import islice

    from assistant.evaluation.knownitem import tomt_samples

    samples = list(islice(tomt_samples(tomt_path, "heldout", set(engine.movies)), limit))
    rows: dict[str, list[dict[str, float]]] = {}
    started = time.perf_counter()
    for sample in tqdm(samples, desc="known-item", unit="post", disable=not progress):
        parsed = as_known_item(parse_request(sample.text, engine.index))
        for stage, ranked in staged_rankings(engine, parsed, frozenset()).items():
            scores = score_ranking(ranked, {sample.target_id}, ks=(1, 10, 50))
            rows.setdefault(stage, []).append({k: scores[k] for k in ("hit@1", "hit@10", "hit@50")})
    return {
        "posts": len(samples),
        "seconds": round(time.perf_counter() - started, 1),
        "stages": _by_stage(rows),
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
        shown += sum(m.id not in given for m in find_titles(reply.text, bot.engine.index))
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


def eval_profiles(settings: Any, limit: int | None, progress: bool) -> dict[str, Any]:
    from assistant.evaluation.profiles import eval_profiles as run

    return run(settings, limit, progress)


def eval_explanations(engine: Engine, limit: int, progress: bool) -> dict[str, Any]:
    from assistant.evaluation.explanations import eval_explanations as run

    return run(engine.settings, limit, progress=progress, engine=engine)


def run_eval(
    engine: Engine, what: str, redial_dir: Path, limit: int | None = None, progress: bool = True
) -> dict[str, Any]:
    jobs: dict[str, Callable[[], dict[str, Any]]] = {
        "redial": lambda: eval_redial(engine, redial_dir, limit, progress),
        "movielens": lambda: eval_movielens(engine, "test", progress),
        "judged": lambda: eval_judged(engine, progress),
        "known_item": lambda: eval_known_item(engine, limit=limit, progress=progress),
        "probes": lambda: eval_probes(engine),
        "grounding": lambda: eval_grounding(engine.settings, limit or 10, progress),
        "profiles": lambda: eval_profiles(engine.settings, limit, progress),
        "explanations": lambda: eval_explanations(engine, limit or 30, progress),
    }
    chosen = [j for j in jobs if j not in ("grounding", "explanations")] if what == "all" else [what]
    result: dict[str, Any] = {
        "default_stage": engine.default_stage,
        "ranker": engine.ranker.about if engine.ranker else None,
        "reranker": engine.reranker.model_name if engine.reranker else None,
        "movies": len(engine.movies),
    }
    for name in chosen:
        # A run on the first N items keeps its own section: it never replaces the full one's.
        key = f"{name}_first_{limit}" if name in ("redial", "known_item") and limit else name
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
