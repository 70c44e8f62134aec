"""Render an eval result as docs/EVAL.md: every figure in it comes from the result object."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

STAGE_NAMES = {
    "dense": "dense only (MiniLM + Chroma, where-filters)",
    "hybrid": "hybrid (dense + BM25 + MovieLens neighbours, RRF)",
    "prior": "hybrid + popularity/quality prior",
    "rerank": "hybrid + cross-encoder reranker",
    "full": "hybrid + cross-encoder + prior",
}


def _table(stages: dict[str, dict[str, float]], metrics: list[str]) -> list[str]:
    lines = ["| stage | " + " | ".join(metrics) + " |", "|---|" + "---:|" * len(metrics)]
    best = {m: max(s.get(m, 0.0) for s in stages.values()) for m in metrics}
    for stage, summary in stages.items():
        cells = []
        for metric in metrics:
            value = summary.get(metric, 0.0)
            cell = f"{value:.4f}"
            cells.append(f"**{cell}**" if value == best[metric] else cell)
        lines.append(f"| {STAGE_NAMES.get(stage, stage)} | " + " | ".join(cells) + " |")
    return lines


def _redial_section(r: dict[str, Any]) -> list[str]:
    limit = r.get("dialogues_limit")
    smaller_n = any(s.get("n", r["samples"]) < r["samples"] for s in r["stages"].values())
    return [
        "## ReDial (conversational recommendation, test split"
        + (f", first {limit} dialogues)" if limit else ")"),
        "",
        f"{r['samples']:,} samples from "
        + (f"the first {limit} of " if limit else "")
        + "the 1,342 test dialogues (CRSLab protocol, He et al. CIKM 2023:",
        "one sample per film a recommender turn newly mentions that is in our catalogue; the request is",
        "the dialogue so far; films already mentioned are excluded from the ranking).",
        "Never trained or tuned on." + (f" Reranker: `{r['reranker']}`." if r.get("reranker") else ""),
        "Reading (`assistant.evaluation.redial.dialogue_request`): the seeker's latest turn sets the hard",
        "constraints, as a new request does in a reelchat chat; the whole dialogue (both sides, every",
        "title) steers the search as intent and reference films.",
        *(
            [
                f"In {r['targets_outside_constraints']:,} samples the recommender's film breaks a",
                'constraint the seeker stated in that turn ("I love Adam Sandler movies" answered',
                "with The Exorcist): reelchat never shows such a film, so every stage misses them.",
            ]
            if "targets_outside_constraints" in r
            else []
        ),
        f"Ran in {r['seconds']} s.",
        *(
            ["Stages with a smaller n skipped samples whose hybrid list was empty (nothing to rerank)."]
            if smaller_n
            else []
        ),
        "",
        *_table(r["stages"], ["recall@1", "recall@10", "recall@50", "ndcg@10"]),
        "",
        "For reference, GPT-4 zero-shot reaches Recall@1 0.0504 and Recall@10 0.2008 on ReDial test",
        "(He et al. 2023) over its own item set, which differs from our 4.8k-film catalogue, so the",
        "comparison is indicative, not exact.",
        "",
    ]


def render(result: dict[str, Any]) -> str:
    now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    out = [
        "# reelchat evaluation",
        "",
        f"Written by `reelchat eval` on {now}: {result['movies']:,} films; the latest run's prior weight",
        f"{result.get('retrieval_prior_weight')} over retrieval scores"
        + (
            f" and {result['prior_weight']} over the scores of `{result['reranker']}`."
            if result.get("reranker")
            else " (no cross-encoder loaded)."
        )
        + " Bold marks the best stage.",
        "",
        "`recommend()` runs hybrid retrieval by default; the prior only with",
        "`REELCHAT_RETRIEVAL_PRIOR_WEIGHT` (it scores higher here but overrides clear fits: see",
        "`rerank/prior.py`), the cross-encoder only with `REELCHAT_RERANKER=trained`.",
        "",
    ]
    for key in ["redial", *sorted(k for k in result if k.startswith("redial_first_"))]:
        if key in result:
            out += _redial_section(result[key])
    if "movielens" in result:
        m = result["movielens"]
        out += [
            "## MovieLens liked-history (ml-latest-small)",
            "",
            f"{m['users']} held-out users (the `test` half of a seeded user split; the other half feeds",
            "collaborative neighbours, reranker training and the prior's weight).",
            'Request: "I loved A, B and C" from three of their >= 4.5-rated catalogue films;',
            "targets: their other >= 4.5-rated films.",
            f"Ran in {m['seconds']} s.",
            "",
            *_table(m["stages"], ["hr@10", "recall@10"]),
            "",
        ]
    if "probes" in result:
        p = result["probes"]
        out += [
            "## Constraint probes",
            "",
            f"{p['probes']} requests with explicit constraints (years, decades, genres in and out, runtime,",
            "rating, director, actor), each checked against hand-written constraints and catalogue metadata.",
            "",
            f"- films shown: {p['films_shown']}",
            f"- **violations: {p['violations']}**",
            f"- constraints parsed exactly as written by hand: {p['parsed_exactly']} of {p['probes']}",
        ]
        out += [f"- violation: {line}" for line in p["failures"]]
        out.append("")
    if "grounding" in result:
        g = result["grounding"]
        out += [
            "## Grounding (hallucinated titles)",
            "",
            f"{g['requests']} probe requests answered by `{g['backend']}` ({g['model']}), 3 films each.",
            "",
            "- replies in which the model named a film it was not given: "
            f"{g['replies_with_titles_not_given']} (rate {g['hallucinated_title_rate']}); "
            f"those sentences were removed ({g['titles_removed']} titles)",
            f"- **titles not given that reached a reply: {g['titles_not_given_in_replies']}**",
            "",
        ]
    if "prior" in result:
        t = result["prior"]
        out += [
            "## Prior weight (tuned on MovieLens tune users, `reelchat eval prior`)",
            "",
            f"Over {t['over']}, {t['users']} users.",
            "",
            "| weight | Recall@10 |",
            "|---:|---:|",
        ]
        out += [f"| {w} | {v:.4f} |" for w, v in t["recall@10_by_weight"].items()]
        out += [
            "",
            f"Best: {t.get('best_weight', t['weight'])}. The one-standard-error rule picks {t['weight']},",
            f"the smallest weight within one standard error ({t.get('standard_error')}) of the best.",
            "Liked-history rewards popularity and measures no fit to a request, so `recommend()`",
            "leaves the prior off by default (see `rerank/prior.py`).",
            "",
        ]
    return "\n".join(out) + "\n"
