"""Render an eval result as docs/EVAL.md: every figure in it comes from the result object."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

STAGE_NAMES = {
    "dense": "dense only (MiniLM: Chroma, exact among the allowed films when constrained)",
    "hybrid": "hybrid RRF (dense, best-known, tags, BM25 title/text, MovieLens neighbours)",
    "learned": "learned ranker (LightGBM LambdaMART over the hybrid candidates)",
    "blend": "RRF + learned ranker + standing, one vote each (the default)",
    "rerank": "blend + cross-encoder",
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
        "(He et al. 2023) over its own item set, which differs from our catalogue, so the",
        "comparison is indicative, not exact.",
        "",
    ]


def render(result: dict[str, Any]) -> str:
    now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    stage = result.get("default_stage", "")
    crossed = f" Cross-encoder: `{result['reranker']}`." if result.get("reranker") else ""
    out = [
        "# reelchat evaluation",
        "",
        f"Written by `reelchat eval` on {now}: {result['movies']:,} films. `recommend()` runs the",
        f"**{STAGE_NAMES.get(stage, stage)}** stage by default.{crossed} Bold marks the best stage.",
        "",
    ]
    if "judged" in result:
        j = result["judged"]
        out += [
            "## Judged free-text requests (`reelchat eval judged`)",
            "",
            f'{j["requests"]} requests of every kind people type (moods, occasions, "like X but Y", eras,',
            "people, themes, constraints), each with 15+ catalogue films a film lover would accept, written",
            "by hand before any tuning (`assistant/evaluation/judged_requests.json`); used to validate,",
            f"never to train. Ran in {j['seconds']} s.",
            "",
            *_table(j["stages"], ["p@5", "p@10"]),
            "",
            "Default stage P@5 by kind: "
            + ", ".join(f"{k} {v:.2f}" for k, v in j.get("default_p@5_by_kind", {}).items()),
            "",
        ]
        for key, about in (
            (
                "second_set",
                "Second set (`judged_requests_2.json`): {n} more requests, 6 of each kind,\n"
                "written later by another judge on other subjects, before any tuning against it.",
            ),
            (
                "third_set",
                "Third set (`judged_requests_3.json`): {n} requests of the weakest kinds only (moods,\n"
                'occasions, "like X but Y"), written on 2026-11-30 by a third judge before any tuning\n'
                "against it.",
            ),
        ):
            if key in j:
                js = j[key]
                out += [
                    *about.format(n=js["requests"]).split("\n"),
                    "",
                    *_table(js["stages"], ["p@5", "p@10"]),
                    "",
                    "Default stage P@5 by kind: "
                    + ", ".join(f"{k} {v:.2f}" for k, v in js.get("default_p@5_by_kind", {}).items()),
                    "",
                ]
    for key in ["known_item", *sorted(k for k in result if k.startswith("known_item_first_"))]:
        if key in result:
            k = result[key]
            out += [
                "## Known-item search (r/tipofmytongue, held-out part)",
                "",
                f"{k['posts']} real posts describing a film the writer could not name, whose film is in",
                "the catalogue (the held-out fifth of the split in `assistant/evaluation/datasets.py`;",
                "the ranker's known-item model trains on the rest, and `data/tomt_descriptions.npz` ships",
                "the rest's vectors and the query adapter learned from them). In no stage do the facts",
                "a post remembers (a decade, a genre, an actor) filter; the dense search reads the",
                "request through the query adapter; the default has no standing vote, its plot vote is",
                "the adapted similarity, and it adds the recall of other people's descriptions and a",
                "penalty per remembered fact a film breaks (`assistant/recall.py`).",
                f"Ran in {k['seconds']} s.",
                "",
                *_table(k["stages"], ["hit@1", "hit@10", "hit@50"]),
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
            "the MovieLens signals the evaluation engine and the ranker's training use).",
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
            "rating, director, actor, original language), each checked against hand-written constraints and",
            "catalogue metadata.",
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
    out += _generic_sections(result)
    return "\n".join(out) + "\n"


GENERIC = {
    "profiles": "Taste profiles (`reelchat eval profiles`: MovieLens test users as Letterboxd exports)",
    "explanations": "Explanations (`reelchat eval explanations`)",
}


def _generic_sections(result: dict[str, Any]) -> list[str]:
    """Jobs without a hand-written section: their stage table, then their other figures."""
    out: list[str] = []
    for key, title in GENERIC.items():
        if key not in result:
            continue
        r = result[key]
        out += [f"## {title}", ""]
        stages = r.get("stages")
        if isinstance(stages, dict) and stages:
            metrics = [m for m in next(iter(stages.values())) if m != "n"]
            out += [*_table(stages, metrics), ""]
        scalars = {n: v for n, v in r.items() if n != "stages" and not isinstance(v, (dict, list))}
        out += [f"- {name}: {value}" for name, value in scalars.items()]
        out.append("")
        if key == "explanations":
            out += [
                "Which claims a reader can trace to the film's own text, checked by hand on a sample:",
                "[docs/EXPLANATIONS_CHECK.md](EXPLANATIONS_CHECK.md).",
                "",
            ]
    return out
