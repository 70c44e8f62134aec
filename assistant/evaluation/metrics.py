"""Ranking metrics with binary relevance: recall@k, hit@k and nDCG@k, and their averages.

A film listed twice in a ranking counts once, at its first place: a ranker cannot earn credit by
repeating a hit. An empty target set is a caller's mistake (that sample cannot be scored), so it
raises rather than quietly scoring 0 or 1.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable, Mapping, Sequence

DEFAULT_KS = (1, 5, 10, 20)


def recall_at_k(ranked_ids: Sequence[str], target_ids: Collection[str], k: int) -> float:
    """Share of the targets found in the first k."""
    targets = _targets(target_ids)
    return len(targets.intersection(_top(ranked_ids, k))) / len(targets)


def hit_at_k(ranked_ids: Sequence[str], target_ids: Collection[str], k: int) -> float:
    """1.0 if any target is in the first k, else 0.0."""
    targets = _targets(target_ids)
    return 1.0 if targets.intersection(_top(ranked_ids, k)) else 0.0


def ndcg_at_k(ranked_ids: Sequence[str], target_ids: Collection[str], k: int) -> float:
    """DCG of the first k (a hit at 1-based rank r scores 1 / log2(r + 1)) over the ideal DCG, which
    puts min(k, |targets|) hits at the top."""
    targets = _targets(target_ids)
    dcg = sum(1.0 / math.log2(rank + 2) for rank, item in enumerate(_top(ranked_ids, k)) if item in targets)
    ideal = sum(1.0 / math.log2(rank + 2) for rank in range(min(k, len(targets))))
    return dcg / ideal


def score_ranking(
    ranked_ids: Sequence[str], target_ids: Collection[str], ks: Iterable[int] = DEFAULT_KS
) -> dict[str, float]:
    """{"recall@k": ..., "hit@k": ..., "ndcg@k": ...} for each k: one row for `summarise`."""
    row: dict[str, float] = {}
    for k in ks:
        row[f"recall@{k}"] = recall_at_k(ranked_ids, target_ids, k)
        row[f"hit@{k}"] = hit_at_k(ranked_ids, target_ids, k)
        row[f"ndcg@{k}"] = ndcg_at_k(ranked_ids, target_ids, k)
    return row


def summarise(rows: Iterable[Mapping[str, float]]) -> dict[str, float]:
    """The mean of each metric over the rows, plus "n", the number of rows. Every row must carry the
    same metrics, or the means would be over different samples."""
    rows = list(rows)
    if not rows:
        return {"n": 0}
    names = list(rows[0])
    for index, row in enumerate(rows):
        if set(row) != set(names):
            raise ValueError(f"row {index} has metrics {sorted(row)}, the first row has {sorted(names)}")
    summary: dict[str, float] = {name: sum(row[name] for row in rows) / len(rows) for name in names}
    summary["n"] = len(rows)
    return summary


def _targets(target_ids: Collection[str]) -> set[str]:
    if not target_ids:
        raise ValueError("target_ids is empty: a sample with nothing to find cannot be scored; drop it first")
    return set(target_ids)


def _top(ranked_ids: Sequence[str], k: int) -> list[str]:
    if k < 1:
        raise ValueError(f"k must be >= 1, got {k}")
    return list(dict.fromkeys(ranked_ids))[:k]
