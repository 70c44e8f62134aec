"""Render an eval result as docs/EVAL.md: every figure in it comes from the result object."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

STAGE_NAMES = {
    "dense": "dense only (MiniLM + Chroma, where-filters)",
    "hybrid": "hybrid (dense + BM25 + MovieLens neighbours, RRF)",
    "rerank": "+ cross-encoder reranker",
    "full": "+ popularity/quality prior",
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


def render(result: dict[str, Any]) -> str:
    now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    out = [
        "# reelchat evaluation",
        "",
        f"Written by `reelchat eval` on {now}: {result['movies']:,} films, reranker "
        f"`{result['reranker']}`, prior weight {result['prior_weight']}. Bold marks the best stage.",
        "Each stage adds one thing to the one above. `recommend()` uses the best stage by ReDial",
        "Recall@10: hybrid retrieval. The cross-encoder is used only when asked for",
        "(`REELCHAT_RERANKER=trained`), because it did not beat retrieval alone here.",
        "",
    ]
    if "redial" in result:
        r = result["redial"]
        out += [
            "## ReDial (conversational recommendation, test split)",
            "",
            f"{r['samples']:,} samples from the 1,342 test dialogues (CRSLab protocol, He et al. CIKM 2023:",
            "one sample per film a recommender turn newly mentions that is in our catalogue; the request is",
            "the dialogue so far; films already mentioned are excluded from the ranking).",
            "Never trained or tuned on.",
            f"Ran in {r['seconds']} s"
            + (
                f" on the first {r['dialogues_limit']} dialogues only (--limit)."
                if r.get("dialogues_limit")
                else "."
            ),
            "Stages with a smaller n skipped samples whose hybrid list was empty (nothing to rerank).",
            "",
            *_table(r["stages"], ["recall@1", "recall@10", "recall@50", "ndcg@10"]),
            "",
            "For reference, GPT-4 zero-shot reaches Recall@1 0.0504 and Recall@10 0.2008 on ReDial test",
            "(He et al. 2023) over its own item set, which differs from our 4.8k-film catalogue, so the",
            "comparison is indicative, not exact.",
            "",
        ]
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
    if "tuning" in result:
        t = result["tuning"]
        out += [
            "## Prior weight (tuned on MovieLens tune users)",
            "",
            "| weight | Recall@10 |",
            "|---:|---:|",
        ]
        out += [f"| {w} | {v:.4f} |" for w, v in t["recall@10_by_weight"].items()]
        out += ["", f"Chosen: {t['weight']}.", ""]
    return "\n".join(out) + "\n"
