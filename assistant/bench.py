"""`reelchat bench ...`: performance figures, printed, never asserted by timed tests."""

from __future__ import annotations

import tempfile
import time
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from assistant.settings import Settings


def bench_ingest(
    settings: Settings,
    limit: int | None = None,
    path: str | Path | None = None,
    columns: Mapping[str, str] | None = None,
    where: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """Full ingest of a catalogue (default: the shipped one; any file with a column map) into a
    fresh embedded collection, against the raw `model.encode` rate on the same texts in the same
    process, then an unchanged re-run. The films are ingested from a copy with no precomputed
    vectors beside it, so this always measures embedding."""
    from assistant.library import ingest_file, movies_collection
    from ingest.catalogue import read_catalogue, write_jsonl
    from ingest.embedding import make_encoder
    from ingest.store import chroma_client

    source = Path(path or settings.catalogue)
    movies = read_catalogue(source, columns=columns, where=where).movies[:limit]
    texts = [movie.document() for movie in movies]
    encode = make_encoder(settings.embed_model, settings.batch_size)
    encode(texts[:32])  # warm-up: first calls pay one-off allocation costs

    started = time.perf_counter()
    encode(texts)
    encode_seconds = time.perf_counter() - started

    with tempfile.TemporaryDirectory(prefix="reelchat-bench-") as tmp:
        bench_settings = replace(
            settings, chroma_dir=Path(tmp) / "chroma", chroma_url=None, collection="bench"
        )
        chroma_client(path=Path(tmp) / "warm-up")  # warm-up: importing chromadb is once per process
        copy = write_jsonl(movies, Path(tmp) / "catalogue.jsonl")
        # Timed around the whole call: reading and validating the file count as ingest work.
        started = time.perf_counter()
        ingest_file(bench_settings, copy, show_progress_bar=False)
        full_seconds = time.perf_counter() - started
        started = time.perf_counter()
        ingest_file(bench_settings, copy, show_progress_bar=False)
        rerun_seconds = time.perf_counter() - started
        total = movies_collection(bench_settings).count()

    films = len(movies)
    return {
        "catalogue": source.name,
        "films": films,
        "stored": total,
        "encode_films_per_s": round(films / encode_seconds, 1),
        "ingest_films_per_s": round(films / full_seconds, 1),
        "ingest_vs_encode": round(encode_seconds / full_seconds, 3),
        "encode_seconds": round(encode_seconds, 2),
        "full_seconds": round(full_seconds, 2),
        "rerun_seconds": round(rerun_seconds, 2),
        "rerun_vs_full": round(rerun_seconds / full_seconds, 4),
        "model": settings.embed_model,
        "batch_size": settings.batch_size,
    }


def format_result(result: dict[str, Any]) -> str:
    return "\n".join(f"{key:>20}: {value}" for key, value in result.items())


def query_requests(movies: list[Any], n: int, seed: int = 0) -> list[str]:
    """`n` varied requests: the constraint probes, "like <film>", topics from keywords, people,
    decades and genres, and a few hostile ones, drawn with a fixed seed."""
    import random

    from assistant.evaluation.probes import PROBES

    rng = random.Random(seed)
    with_people = [m for m in movies if m.cast and m.directors]
    requests = [probe.request for probe in PROBES]
    makers = [
        lambda m: f"something like {m.title}",
        lambda m: f"a movie about {' and '.join(m.keywords[:2]) or m.genres[0]}",
        lambda m: f"{m.genres[0].lower()} films with {m.cast[0]}",
        lambda m: f"a {(m.year // 10 % 10) * 10}s {m.genres[0].lower()} movie, nothing too long",
        lambda m: f"I loved {m.title}, what should I watch next?",
        lambda m: f"films by {m.directors[0]} but no horror",
    ]
    hostile = ["", "🎬🍿😱", "<script>alert(1)</script> scary", "'; DROP TABLE movies; --", "like Zzzyxq"]
    while len(requests) < n:
        if rng.random() < 0.03:
            requests.append(rng.choice(hostile))
            continue
        movie = rng.choice(with_people)
        if movie.genres and movie.year:
            requests.append(rng.choice(makers)(movie))
    return requests[:n]


def bench_query(settings: Settings, requests: int = 200, scale: int | None = None) -> dict[str, Any]:
    """p50/p95 latency of `recommend()` (no LLM) over varied requests, per stage too."""
    import statistics

    from assistant.api import MovieAssistant

    with tempfile.TemporaryDirectory(prefix="reelchat-scale-") as tmp:
        if scale:
            settings = build_scaled_collection(settings, scale, Path(tmp))
        assistant = MovieAssistant(settings)
        started = time.perf_counter()
        engine = assistant.engine
        load_seconds = time.perf_counter() - started
        texts = query_requests(list(engine.movies.values()), requests)
        for text in texts[:5]:  # warm-up: first calls allocate
            assistant.chat(text, explain=False)
        totals: list[float] = []
        stages: dict[str, list[float]] = {}
        for text in texts:
            begun = time.perf_counter()
            reply = assistant.chat(text, explain=False)
            totals.append((time.perf_counter() - begun) * 1000)
            for stage, ms in reply.timings_ms.items():
                if stage != "total":
                    stages.setdefault(stage, []).append(ms)
        movies = len(engine.movies)
    ordered = sorted(totals)
    return {
        "movies": movies,
        "requests": len(totals),
        "p50_ms": round(statistics.median(ordered), 1),
        "p95_ms": round(ordered[int(0.95 * (len(ordered) - 1))], 1),
        "stages_ms": {stage: round(statistics.median(v), 1) for stage, v in stages.items()},
        "reranker": engine.reranker.model_name if engine.reranker else None,
        "load_seconds": round(load_seconds, 1),
    }


def build_scaled_collection(settings: Settings, scale: int, tmp: Path) -> Settings:
    """A synthetic N-film collection: the real films, then copies with jittered vectors and
    numbered titles, so index sizes, filters and BM25 behave as at that scale without
    re-embedding N documents."""
    import numpy as np
    from tqdm.auto import tqdm

    from assistant.library import movies_collection
    from ingest.movie import HASH_KEY

    source = movies_collection(settings, create=False)
    got = source.get(include=["embeddings", "metadatas", "documents"])
    ids, vectors = got["ids"], np.asarray(got["embeddings"], dtype=np.float32)
    metas, docs = got["metadatas"] or [], got["documents"] or []
    scaled = replace(settings, chroma_dir=tmp / "chroma", chroma_url=None, collection=f"scale-{scale}")
    target = movies_collection(scaled)
    rng = np.random.default_rng(0)
    step = 2_000
    with tqdm(total=scale, desc=f"building {scale:,}-film collection", unit="film") as bar:
        for start in range(0, scale, step):
            rows = [(start + i) for i in range(min(step, scale - start))]
            src = [r % len(ids) for r in rows]
            copy = [r // len(ids) for r in rows]
            noise = rng.normal(0, 0.02, size=(len(rows), vectors.shape[1])).astype(np.float32)
            batch = vectors[src] + noise * np.array([[c > 0] for c in copy], dtype=np.float32)
            batch /= np.linalg.norm(batch, axis=1, keepdims=True)
            new_metas = []
            for s, c in zip(src, copy, strict=True):
                meta = dict(metas[s] or {})
                if c:
                    meta["title"] = f"{meta['title']} {c + 1}"
                meta[HASH_KEY] = f"synthetic-{c}"
                new_metas.append(meta)
            target.upsert(
                ids=[ids[s] if c == 0 else f"{ids[s]}-x{c}" for s, c in zip(src, copy, strict=True)],
                embeddings=batch,
                metadatas=new_metas,  # type: ignore[arg-type]
                documents=[docs[s] for s in src],
            )
            bar.update(len(rows))
    return scaled


CHAT_REQUESTS = (
    "a tense 90s heist thriller, nothing gory",
    "something like Inception but funnier",
    "an animated film for kids about friendship",
    "a romantic comedy from the 2000s",
    "a slow-burning mystery set in a small town",
)


def bench_chat(settings: Settings, requests: int = 5) -> dict[str, Any]:
    """Median times of a full chat turn with the configured LLM backend (REELCHAT_LLM; the
    embedded Qwen 1.5B by default offline): to the recommendations; from them to the model's
    first token and to its first checked sentence on screen (the checker shows whole sentences
    only); to the whole reply. Also tokens/s over the films decoded together, the checker's drops,
    and the machine's load average, since other work on the same cores changes every figure."""
    import os
    import statistics

    from assistant.api import MovieAssistant

    assistant = MovieAssistant(settings)
    started = time.perf_counter()
    assistant.engine  # noqa: B018 - load before timing
    backend = assistant.backend
    assistant.chat("a warm-up request about pirates")  # loads the LLM and fills every slot's cache
    load_seconds = time.perf_counter() - started
    load_before = os.getloadavg()[0]
    rows: list[dict[str, float]] = []
    dropped = kept = 0
    for text in (CHAT_REQUESTS * (requests // len(CHAT_REQUESTS) + 1))[:requests]:
        reply = assistant.chat(text)
        row = dict(reply.timings_ms)
        kept += reply.checked_sentences.get("kept", 0)
        dropped += sum(n for reason, n in reply.checked_sentences.items() if reason != "kept")
        rows.append(row)

    def median(key: str) -> float | None:
        values = [r[key] for r in rows if key in r]
        return round(statistics.median(values), 1) if values else None

    return {
        "backend": backend.name,
        "model": backend.model,
        "parallel": backend.parallel,
        "requests": len(rows),
        "recommendations_ms_p50": median("recommendations"),
        "first_text_ms_p50": median("first_token"),  # the first film's title line, from the catalogue
        # after the recommendations: the model's first token, and its first sentence shown
        "first_llm_token_after_recs_ms_p50": median("llm_first_token_ms"),
        "first_llm_sentence_after_recs_ms_p50": median("llm_first_sentence_ms"),
        "tokens_per_s_p50": median("llm_tokens_per_s"),
        "tokens_p50": median("llm_tokens"),
        "total_ms_p50": median("total"),
        "sentences_kept": kept,
        "sentences_dropped": dropped,
        "load_average_1min": [round(load_before, 2), round(os.getloadavg()[0], 2)],
        "load_seconds": round(load_seconds, 1),
    }
