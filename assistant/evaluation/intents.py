"""Intent accuracy: how often `parse_request` tells the kind of message the independent judge labelled.

    python -m assistant.evaluation.intents [--json] [--tomt N]

Reads `intent_requests.jsonl` (labels written by a judge before any rule was tuned; its sentences
were never read to write the rules) and prints accuracy, accuracy per labelled kind, the confusions
as counts (expected -> got, no sentences: reading them would invite tuning to them), and the parse
time per message. With `--tomt N`, also the share of N r/tipofmytongue posts from the dev part whose
title line is read as a known-item search (held-out posts are never read).
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import time
from collections import Counter
from pathlib import Path
from typing import Any

from assistant.evaluation.datasets import (
    INTENT_REQUESTS,
    INTENT_REQUESTS_2,
    INTENTS,
    load_intent_requests,
    tomt_part,
)
from assistant.understand import CatalogueIndex, parse_request
from ingest.catalogue import read_catalogue

REPO = Path(__file__).resolve().parents[2]
CATALOGUE = REPO / "data" / "movies.parquet"
TOMT = REPO.parent / "shared" / "data" / "tomt" / "train.jsonl"
_TAGS = re.compile(r"\[[^\]]*\]")


def evaluate_intents(index: CatalogueIndex, path: Path = INTENT_REQUESTS) -> dict[str, Any]:
    requests = load_intent_requests(path)
    confusions: Counter[tuple[str, str]] = Counter()
    per_kind: dict[str, list[bool]] = {kind: [] for kind in INTENTS}
    times: list[float] = []
    for request in requests:
        start = time.perf_counter()
        parsed = parse_request(request.text, index, in_session=request.in_session)
        times.append((time.perf_counter() - start) * 1000)
        per_kind[request.intent].append(parsed.intent_kind == request.intent)
        if parsed.intent_kind != request.intent:
            confusions[(request.intent, parsed.intent_kind)] += 1
    right = sum(sum(hits) for hits in per_kind.values())
    return {
        "requests": len(requests),
        "accuracy": round(right / len(requests), 4) if requests else 0.0,
        "by_intent": {
            kind: {"requests": len(hits), "accuracy": round(sum(hits) / len(hits), 4) if hits else None}
            for kind, hits in per_kind.items()
        },
        "confusions": [
            {"expected": expected, "got": got, "count": count}
            for (expected, got), count in confusions.most_common()
        ],
        "parse_ms": _percentiles(times),
    }


def tomt_known_item_rate(index: CatalogueIndex, limit: int, path: Path = TOMT) -> dict[str, Any]:
    """Share of dev-part r/tipofmytongue title lines (tags stripped) read as known-item searches."""
    seen = hits = 0
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            post = json.loads(line)
            if tomt_part(post["id"]) != "dev":
                continue  # the held-out part is never read
            title = " ".join(_TAGS.sub(" ", post.get("title") or "").split())
            if not title:
                continue
            seen += 1
            hits += parse_request(title, index).intent_kind == "known_item"
            if seen >= limit:
                break
    return {"posts": seen, "known_item_rate": round(hits / seen, 4) if seen else 0.0}


def _percentiles(times: list[float]) -> dict[str, float]:
    if not times:
        return {"p50": 0.0, "p95": 0.0}
    ordered = sorted(times)
    return {
        "p50": round(statistics.median(ordered), 3),
        "p95": round(ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))], 3),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--tomt", type=int, default=0, help="also read N dev-part tomt title lines")
    parser.add_argument(
        "--set",
        type=Path,
        default=INTENT_REQUESTS,
        help=f"the labelled messages (default {INTENT_REQUESTS.name}; {INTENT_REQUESTS_2.name}: the "
        "second set, written after the rules were tuned on the first)",
    )
    args = parser.parse_args(argv)
    index = CatalogueIndex(read_catalogue(CATALOGUE).movies)
    result = evaluate_intents(index, args.set)
    if args.tomt:
        if not TOMT.exists():
            raise SystemExit(f"tomt posts not found at {TOMT}: run from a checkout beside ../shared")
        result["tomt_dev"] = tomt_known_item_rate(index, args.tomt)
    if args.json:
        print(json.dumps(result))
        return
    print(f"{result['requests']} requests, accuracy {result['accuracy']:.1%}")
    for kind, row in result["by_intent"].items():
        print(f"  {kind:14} {row['requests']:4}  {row['accuracy']}")
    for row in result["confusions"]:
        print(f"  {row['expected']} -> {row['got']}: {row['count']}")
    print(f"parse p50 {result['parse_ms']['p50']} ms, p95 {result['parse_ms']['p95']} ms")
    if "tomt_dev" in result:
        print(f"tomt dev title lines read as known-item: {result['tomt_dev']}")


if __name__ == "__main__":
    main()
