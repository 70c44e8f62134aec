"""`reelchat`: the command line. Every reporting command takes --json and prints one JSON object
as its last line; errors print one line naming the fix and exit non-zero."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from assistant.errors import USER_ERRORS, ReelchatError
from assistant.settings import REPO_ROOT, Settings

DEFAULT_REDIAL = REPO_ROOT.parent / "shared" / "data" / "redial"

# Shown as one line: our own errors, and ValueErrors from validating what the person typed.
CLI_ERRORS: tuple[type[Exception], ...] = (*USER_ERRORS, ValueError)
EXIT_ERROR = 1
EXIT_REJECTED = 3  # ingest finished, but some rows were rejected


def _store_flags(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--collection", help="Chroma collection name (default: movies, REELCHAT_COLLECTION)")
    parser.add_argument(
        "--chroma-url", help="use a Chroma server, e.g. http://127.0.0.1:8000 (REELCHAT_CHROMA_URL)"
    )
    parser.add_argument("--home", help="data directory (REELCHAT_HOME)")
    parser.add_argument(
        "--embed-model", help="sentence-transformers model name or path (REELCHAT_EMBED_MODEL)"
    )


def _settings(args: argparse.Namespace) -> Settings:
    return Settings.from_env(
        collection=getattr(args, "collection", None),
        chroma_url=getattr(args, "chroma_url", None),
        home=getattr(args, "home", None),
        embed_model=getattr(args, "embed_model", None),
    )


def _emit(payload: dict[str, Any], as_json: bool, human: str) -> None:
    if as_json:
        print(json.dumps(payload, ensure_ascii=False))
    else:
        print(human)


# --- commands ----------------------------------------------------------------------------------


def cmd_ingest(args: argparse.Namespace) -> int:
    from assistant.library import ingest_file
    from ingest.catalogue import parse_column_map, parse_filters

    settings = _settings(args)
    report = ingest_file(
        settings,
        args.path,
        columns=parse_column_map(args.columns),
        where=parse_filters(args.where),
        prune=args.prune,
        show_progress_bar=not args.no_progress,
        chunk_size=args.chunk_size,
    )
    for row in report.rejected:
        print(f"rejected {row}", file=sys.stderr)
    summary = (
        f"{report.added} added, {report.updated} updated, {report.unchanged} unchanged, "
        f"{report.removed} removed, {len(report.rejected)} rejected; {report.total} films in "
        f"{settings.collection!r} ({report.seconds:.1f} s)"
    )
    _emit(report.as_json(), args.json, summary)
    return EXIT_REJECTED if report.rejected else 0


def cmd_add(args: argparse.Namespace) -> int:
    from assistant.library import add_movie
    from ingest.catalogue import KNOWN_COLUMNS

    record: dict[str, Any] = {}
    if args.record:
        try:
            record = json.loads(args.record)
        except json.JSONDecodeError as e:
            raise SystemExit(f"error: --record is not valid JSON: {e}") from None
        if not isinstance(record, dict):
            raise SystemExit("error: --record must be a JSON object")
    for name in KNOWN_COLUMNS:
        value = getattr(args, name, None)  # not every column has a flag (has_credits is derived)
        if value is not None:
            record[name] = value
    movie, report = add_movie(_settings(args), record)
    action = "added" if report.added else "updated" if report.updated else "unchanged"
    payload = {
        "movie_id": movie.id,
        "title": movie.title,
        "year": movie.year,
        "action": action,
        "total": report.total,
    }
    _emit(payload, args.json, f"{action} {movie.label} (id {movie.id}); {report.total} films")
    return 0


def cmd_ask(args: argparse.Namespace) -> int:
    from assistant.api import MovieAssistant

    settings = _settings(args).with_overrides(
        reranker="none" if args.no_rerank else None, llm="none" if args.no_llm else None
    )
    assistant = MovieAssistant(settings)
    if args.json:
        # --no-llm: the recommender alone (no prose), as other tools expect
        reply = assistant.chat(
            args.request, session_id=args.session, k=args.k, explain=not args.no_llm, user_id=args.user
        )
        extra = {} if args.no_llm else {"text": reply.text, "backend": reply.backend}
        payload = {
            "recommendations": [r.brief() for r in reply.recommendations],
            "notices": reply.notices,
            "timings_ms": reply.timings_ms,
            **extra,
        }
        print(json.dumps(payload, ensure_ascii=False))
        return 0
    print_turn(assistant, args.request, args.session, args.k, args.user)
    return 0


def print_turn(
    assistant: Any, message: str, session_id: str | None, k: int | None = None, user_id: str | None = None
) -> None:
    """Stream one turn to the terminal: the picks as a list, then the explanation as it comes."""
    for event in assistant.stream(message, session_id, k, user_id=user_id):
        if event.type == "recommendations":
            for n, rec in enumerate(event.recommendations, start=1):
                year = f" ({rec.year})" if rec.year else ""
                print(f"{n}. {rec.title}{year} [{', '.join(rec.genres)}]")
            if event.recommendations:
                print()
        elif event.type == "text":
            print(event.text, end="", flush=True)
        elif event.type == "done" and event.reply is not None:
            print()
            for notice in event.reply.notices:
                print(f"note: {notice}")
            print(f"[{event.reply.backend}]")


def cmd_chat(args: argparse.Namespace) -> int:
    """An interactive terminal chat on one session (resumable with --session)."""
    import uuid

    from assistant.api import MovieAssistant

    assistant = MovieAssistant(_settings(args).with_overrides(llm="none" if args.no_llm else None))
    session = args.session or f"cli-{uuid.uuid4().hex[:8]}"
    print(f"reelchat — session {session} (resume with --session {session}); empty line or Ctrl-D to quit")
    while True:
        try:
            message = input("you> ").strip()
        except EOFError:
            print()
            return 0
        if not message:
            return 0
        print_turn(assistant, message, session)
        print()


BENCH_REQUESTS = {"query": 200, "chat": 5}  # a chat reply takes about a minute on 2 cores


def bench_requests(args: argparse.Namespace) -> int:
    return int(args.requests or BENCH_REQUESTS[args.what])


def cmd_bench(args: argparse.Namespace) -> int:
    from assistant import bench

    settings = _settings(args)
    if args.what == "ingest":
        from ingest.catalogue import parse_column_map, parse_filters

        result = bench.bench_ingest(
            settings,
            limit=args.limit,
            path=args.catalogue,
            columns=parse_column_map(args.columns),
            where=parse_filters(args.where),
        )
    elif args.what == "chat":
        result = bench.bench_chat(settings, requests=bench_requests(args))
    else:
        result = bench.bench_query(settings, requests=bench_requests(args), scale=args.scale)
    _emit(result, args.json, bench.format_result(result))
    return 0


EVAL_JOBS = ("redial", "movielens", "judged", "known_item", "probes", "grounding", "profiles", "explanations")


def cmd_eval(args: argparse.Namespace) -> int:
    from assistant.engine import Engine
    from assistant.evaluation.runner import run_eval, write_eval_md

    settings = _settings(args)
    result = run_eval(
        Engine(settings), args.what, Path(args.redial_dir), limit=args.limit, progress=not args.json
    )
    if args.write:
        write_eval_md(result, Path(args.write))
        print(f"wrote {args.write}", file=sys.stderr)
    _emit(result, args.json, json.dumps(result, indent=2, ensure_ascii=False))
    return 0


def cmd_train_ranker(args: argparse.Namespace) -> int:
    from assistant.evaluation.runner import DEFAULT_TOMT
    from assistant.ranker_training import train_ranker

    settings = _settings(args)
    out = Path(args.out) if args.out else settings.data_dir / "ranker.json"
    result = train_ranker(settings, out, Path(args.tomt or DEFAULT_TOMT), progress=not args.json)
    _emit({"out": str(out), **result}, args.json, json.dumps({"out": str(out), **result}, indent=2))
    return 0


def cmd_profile(args: argparse.Namespace) -> int:
    """A person's taste, kept on this machine: import a ratings export, show it, delete it."""
    from assistant.api import MovieAssistant

    assistant = MovieAssistant(_settings(args))
    if args.action == "import":
        if not args.path:
            raise ValueError("say which file: reelchat profile import ratings.csv --user NAME")
        report = assistant.import_ratings(args.path, args.user, args.format, args.links)
        for row in report.unmatched:
            print(f"unmatched {row}", file=sys.stderr)
        payload = {k: v for k, v in report.as_json().items() if k != "unmatched_rows"}
        human = (
            f"{report.matched} of {report.rows} rows matched ({report.added} added, {report.updated} "
            f"updated, {report.unchanged} unchanged), {len(report.unmatched)} unmatched; "
            f"{args.user} has {payload['rated']} films rated, {payload['liked']} liked "
            f"({report.seconds:.2f} s)"
        )
        _emit(payload, args.json, human)
        return 0
    if args.action == "show":
        profile = assistant.profile(args.user)
        if profile.is_empty():
            raise ValueError(f"no profile for {args.user!r}: reelchat profile import ratings.csv --user NAME")
        loved = [assistant.movie(f.movie_id) for f in profile.liked[:10]]
        titles = [m.label for m in loved if m is not None]
        payload = {"user": args.user, **profile.summary(), "top_liked": titles}
        human = f"{args.user}: {profile.summary()}\nmost loved: {'; '.join(titles) or '-'}"
        _emit(payload, args.json, human)
        return 0
    removed = assistant.delete_profile(args.user)
    _emit({"user": args.user, **removed}, args.json, f"deleted {args.user}: {removed}")
    return 0


def cmd_train_reranker(args: argparse.Namespace) -> int:
    from assistant.training import train_and_tune

    result = train_and_tune(_settings(args), minutes=args.minutes, seed=args.seed, progress=not args.json)
    _emit(result, args.json, json.dumps(result, indent=2, ensure_ascii=False))
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    """The main job: bring the collection and the reranker up to date, then serve the chat UI."""
    from assistant.library import ingest_file, is_up_to_date
    from assistant.training import train_and_tune

    settings = _settings(args)
    if is_up_to_date(settings):
        print(f"collection {settings.collection!r} is up to date")
    else:
        print("ingesting the catalogue (first run: under a minute from the shipped vectors) ...")
        report = ingest_file(settings, prune=True)
        print(f"{report.added} added, {report.updated} updated; {report.total} films")
    if settings.reranker == "trained" and not settings.reranker_dir.exists():
        if (settings.movielens_dir / "ratings.csv").exists():
            print("training the reranker (first run only: up to 15 minutes) ...")
            train_and_tune(settings)
        else:
            print(f"note: no MovieLens data at {settings.movielens_dir}, so no reranker is trained")
    if args.no_ui:
        args.request, args.k, args.session, args.no_rerank, args.json, args.no_llm, args.user = (
            args.sample,
            5,
            None,
            False,
            False,
            False,
            None,
        )
        print(f"\n> {args.sample}")
        return cmd_ask(args)
    return cmd_ui(args)


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("reelchat")
    except PackageNotFoundError:
        return "unknown"


UI_ENTRY_POINTS = "reelchat.ui"  # pyproject: the ui package registers its `serve` here


def cmd_ui(args: argparse.Namespace) -> int:
    """The browser chat and the REST API on one server. The core does not import the
    presentation layer: the ui package registers its server as an entry point."""
    from importlib.metadata import entry_points

    found = [ep for ep in entry_points(group=UI_ENTRY_POINTS) if ep.name == "serve"]
    if not found:
        raise ReelchatError("The chat UI is not installed: run `bash scripts/setup.sh` (pip install -e .)")
    serve: Callable[..., int] = found[0].load()
    return serve(_settings(args), host=args.host, port=args.port)


# --- parser ------------------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="reelchat", description="A private, local movie recommendation assistant."
    )
    parser.add_argument("--version", action="version", version=f"reelchat {_version()}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("ingest", help="embed a catalogue into ChromaDB (default: the shipped catalogue)")
    p.add_argument("path", nargs="?", help="CSV, JSONL or Parquet catalogue (default: data/movies.parquet)")
    p.add_argument(
        "--columns", help="map our columns to the file's: OURS=SOURCE,... e.g. overview=description"
    )
    p.add_argument(
        "--where", action="append", metavar="SOURCE=VALUE", help="keep only matching rows, e.g. type=Movie"
    )
    p.add_argument("--prune", action="store_true", help="delete films that are no longer in the source")
    p.add_argument("--no-progress", action="store_true", help="hide the progress bar")
    p.add_argument(
        "--chunk-size", type=int, default=512, help="films embedded and upserted per step (default 512)"
    )
    p.add_argument("--json", action="store_true", help="print a JSON summary as the last line")
    _store_flags(p)
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("add", help="add or update one film without a full re-ingest")
    p.add_argument("--record", help='the film as a JSON object, e.g. \'{"title": "...", "overview": "..."}\'')
    p.add_argument("--id")
    p.add_argument("--title")
    p.add_argument("--year")
    p.add_argument("--overview", help="the plot")
    p.add_argument("--genres", help="comma-separated, e.g. 'Crime, Thriller'")
    p.add_argument("--keywords", help="comma-separated")
    p.add_argument("--tagline")
    p.add_argument("--runtime", help="minutes")
    p.add_argument("--vote-average", dest="vote_average")
    p.add_argument("--vote-count", dest="vote_count")
    p.add_argument("--popularity")
    p.add_argument("--director", help="comma-separated")
    p.add_argument("--cast", help="comma-separated")
    p.add_argument("--language", help="original language: an ISO 639-1 code or a name, e.g. 'ko' or 'Korean'")
    p.add_argument("--json", action="store_true")
    _store_flags(p)
    p.set_defaults(func=cmd_add)

    p = sub.add_parser("ask", help="recommend films for one request")
    p.add_argument("request", help='what you feel like, e.g. "a tense 90s heist thriller, nothing gory"')
    p.add_argument("--k", type=int, default=5, help="how many films (1-20, default 5)")
    p.add_argument("--session", help="a session id: films already shown in it are not repeated")
    p.add_argument("--no-llm", action="store_true", help="no LLM: with --json, the recommender alone")
    p.add_argument("--no-rerank", action="store_true", help="skip the cross-encoder")
    p.add_argument("--user", help="rank by this person's imported ratings (reelchat profile import)")
    p.add_argument("--json", action="store_true")
    _store_flags(p)
    p.set_defaults(func=cmd_ask)

    p = sub.add_parser("chat", help="an interactive chat in the terminal")
    p.add_argument("--session", help="resume this session id")
    p.add_argument("--no-llm", action="store_true", help="explanations from the catalogue alone")
    _store_flags(p)
    p.set_defaults(func=cmd_chat)

    p = sub.add_parser("bench", help="print performance figures")
    p.add_argument(
        "what",
        choices=["ingest", "query", "chat"],
        help="ingest: films/s vs raw encode; query: recommend() latency; chat: LLM reply latency",
    )
    p.add_argument("--limit", type=int, help="ingest: use only the first N films (quick runs)")
    p.add_argument("--catalogue", help="ingest: a CSV, JSONL or Parquet file (default: the shipped one)")
    p.add_argument("--columns", help="ingest: map our columns to the file's, as for `reelchat ingest`")
    p.add_argument("--where", action="append", metavar="SOURCE=VALUE", help="ingest: keep matching rows")
    p.add_argument("--requests", type=int, help="query: how many (default 200); chat: how many (default 5)")
    p.add_argument("--scale", type=int, help="query: run on a synthetic N-film collection")
    p.add_argument("--json", action="store_true")
    _store_flags(p)
    p.set_defaults(func=cmd_bench)

    p = sub.add_parser(
        "eval", help="measure quality: judged requests, ReDial, MovieLens, known-item search, probes"
    )
    p.add_argument("what", nargs="?", default="all", choices=[*EVAL_JOBS, "all"])
    p.add_argument("--limit", type=int, help="ReDial: only the first N dialogues; grounding: N requests (10)")
    p.add_argument("--redial-dir", default=str(DEFAULT_REDIAL), help="folder with test_data.jsonl")
    p.add_argument("--write", default="docs/EVAL.md", help="write the report here ('' to skip)")
    p.add_argument("--json", action="store_true")
    _store_flags(p)
    p.set_defaults(func=cmd_eval)

    p = sub.add_parser("train-ranker", help="train the learned ranker (LightGBM) shipped as data/ranker.json")
    p.add_argument("--out", help="where to write the model (default: data/ranker.json)")
    p.add_argument("--tomt", help="r/tipofmytongue train.jsonl (default: ../shared/data/tomt/train.jsonl)")
    p.add_argument("--json", action="store_true")
    _store_flags(p)
    p.set_defaults(func=cmd_train_ranker)

    p = sub.add_parser("profile", help="your taste: import rating exports, show or delete a profile")
    p.add_argument("action", choices=["import", "show", "delete"])
    p.add_argument("path", nargs="?", help="import: the export, e.g. Letterboxd's ratings.csv")
    p.add_argument("--user", required=True, help="whose profile, e.g. alice")
    p.add_argument("--format", choices=["letterboxd", "imdb", "movielens"], help="default: read the columns")
    p.add_argument("--links", help="MovieLens links.csv (movieId, imdbId, tmdbId) for MovieLens or IMDb ids")
    p.add_argument("--json", action="store_true")
    _store_flags(p)
    p.set_defaults(func=cmd_profile)

    p = sub.add_parser("train-reranker", help="train the cross-encoder on pairs derived from the catalogue")
    p.add_argument("--minutes", type=float, default=12.0, help="training time budget (default 12)")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--json", action="store_true")
    _store_flags(p)
    p.set_defaults(func=cmd_train_reranker)

    p = sub.add_parser("run", help="the main job: ingest and train if needed, then serve the chat UI")
    p.add_argument("--no-ui", action="store_true", help="answer --sample in the terminal instead of serving")
    p.add_argument(
        "--sample", default="a tense 90s heist thriller, nothing gory", help="the request for --no-ui"
    )
    p.add_argument("--host", default="127.0.0.1", help="UI address (default: this machine only)")
    p.add_argument("--port", type=int, default=7860, help="UI port (default 7860)")
    _store_flags(p)
    p.set_defaults(func=cmd_run)

    p = sub.add_parser("ui", help="the browser chat and REST API (http://127.0.0.1:7860, /docs for the API)")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default: this machine only)")
    p.add_argument("--port", type=int, default=7860, help="port (default 7860)")
    _store_flags(p)
    p.set_defaults(func=cmd_ui)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    func: Callable[[argparse.Namespace], int] = args.func
    try:
        return func(args)
    except CLI_ERRORS as e:
        print(f"error: {e}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("interrupted; re-run the same command to continue where it stopped", file=sys.stderr)
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
