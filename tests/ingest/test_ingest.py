"""Ingest with the real packaged embedding model into a real embedded Chroma and a real server."""

from __future__ import annotations

import json
import re
import signal
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from assistant.cli import main
from assistant.library import add_movie, ingest_file, movies_collection
from assistant.settings import Settings
from ingest.catalogue import write_jsonl
from ingest.embedding import make_encoder
from ingest.movie import HASH_KEY, Movie
from tests.conftest import VENV_BIN, cli_env


def test_ingest_embeds_once_and_rerun_only_touches_changes(
    settings: Settings, catalogue_movies: list[Movie], tmp_path: Path
) -> None:
    films = catalogue_movies[:40]
    source = write_jsonl(films, tmp_path / "films.jsonl")

    first = ingest_file(settings, source, show_progress_bar=False)
    assert (first.added, first.updated, first.unchanged, first.total) == (40, 0, 0, 40)

    again = ingest_file(settings, source, show_progress_bar=False)
    assert (again.added, again.updated, again.unchanged, again.total) == (0, 0, 40, 40)

    changed = [replace(films[0], overview=films[0].overview + " Now with a twist."), *films[1:30]]
    write_jsonl(changed, source)
    third = ingest_file(settings, source, prune=True, show_progress_bar=False)
    assert (third.added, third.updated, third.unchanged, third.removed, third.total) == (0, 1, 29, 10, 30)

    collection = movies_collection(settings)
    stored = collection.get(ids=[films[0].id], include=["metadatas", "documents", "embeddings"])
    meta = stored["metadatas"][0]
    assert meta["title"] == films[0].title and meta["year"] == films[0].year
    assert meta["genres"] == list(films[0].genres)
    assert meta[HASH_KEY] == changed[0].content_hash(settings.embed_model)
    assert "Now with a twist." in stored["documents"][0]
    # the stored vector is the model's embedding of the stored document
    expected = make_encoder(settings.embed_model)([stored["documents"][0]])[0]
    assert float(expected @ stored["embeddings"][0]) > 0.999


def test_metadata_supports_the_recommenders_hard_filters(
    settings: Settings, catalogue_movies: list[Movie]
) -> None:
    films = catalogue_movies[:60]
    source = write_jsonl(films, Path(settings.home).parent / "films.jsonl")
    ingest_file(settings, source, show_progress_bar=False)
    collection = movies_collection(settings)
    where = {"$and": [{"year": {"$gte": 1990}}, {"year": {"$lte": 1999}}, {"genres": {"$contains": "Drama"}}]}
    got = collection.get(where=where, include=["metadatas"])  # type: ignore[arg-type]
    expected = {m.id for m in films if m.year and 1990 <= m.year <= 1999 and "Drama" in m.genres}
    assert expected and set(got["ids"]) == expected
    not_horror = collection.get(where={"genres": {"$not_contains": "Horror"}})  # type: ignore[dict-item]
    assert set(not_horror["ids"]) == {m.id for m in films if "Horror" not in m.genres}
    # Original languages: "in French or Spanish" and "not in English" (assistant/understand/languages.py)
    assert {m.language for m in films} >= {"en", "fr"}
    some = collection.get(where={"language": {"$in": ["fr", "es"]}})  # type: ignore[dict-item]
    assert set(some["ids"]) == {m.id for m in films if m.language in ("fr", "es")}
    not_english = collection.get(where={"language": {"$nin": ["en"]}})  # type: ignore[dict-item]
    assert set(not_english["ids"]) == {m.id for m in films if m.language != "en"}


def test_add_one_film_then_update_it(settings: Settings) -> None:
    record = {
        "id": "new-1",
        "title": "Paper Harbour",
        "year": "2024",
        "overview": "A ferry captain smuggles letters.",
        "genres": "Drama, Mystery",
        "runtime": "104",
    }
    movie, report = add_movie(settings, record)
    assert report.added == 1 and movie.genres == ("Drama", "Mystery") and movie.runtime == 104
    _, report = add_movie(settings, {**record, "overview": "A ferry captain smuggles love letters."})
    assert (report.added, report.updated, report.total) == (0, 1, 1)
    with pytest.raises(ValueError, match="unparseable year"):
        add_movie(settings, {**record, "year": "soon"})


def test_the_add_command_takes_every_flag(settings: Settings, capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["add", "--home", str(settings.home), "--collection", settings.collection, "--json"]
    argv += ["--id", "new-2", "--title", "Harbour Lights", "--overview", "Two sisters run a lighthouse."]
    argv += ["--genres", "Drama", "--language", "Korean"]
    assert main(argv) == 0
    assert json.loads(capsys.readouterr().out.strip().splitlines()[-1])["action"] == "added"
    stored = movies_collection(settings).get(ids=["new-2"], include=["metadatas"])
    assert stored["metadatas"][0]["language"] == "ko"


def test_ingest_over_a_real_chroma_server(
    chroma_server: str, catalogue_movies: list[Movie], tmp_path: Path
) -> None:
    source = write_jsonl(catalogue_movies[:25], tmp_path / "films.jsonl")
    result = subprocess.run(
        [
            str(VENV_BIN / "reelchat"),
            "ingest",
            str(source),
            "--chroma-url",
            chroma_server,
            "--json",
            "--no-progress",
        ],
        env=cli_env(tmp_path / "home"),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1])["added"] == 25

    import chromadb

    host, port = chroma_server.removeprefix("http://").split(":")
    client = chromadb.HttpClient(host=host, port=int(port))
    stored = client.get_collection("movies").get(include=["metadatas"])
    assert sorted(stored["ids"]) == sorted(m.id for m in catalogue_movies[:25])
    assert not (tmp_path / "home" / "chroma").exists()  # nothing went to the embedded store


def test_dead_server_gets_a_message_that_names_the_fix(tmp_path: Path) -> None:
    from tests.conftest import free_port

    result = subprocess.run(
        [str(VENV_BIN / "reelchat"), "ingest", "--chroma-url", f"http://127.0.0.1:{free_port()}"],
        env=cli_env(tmp_path / "home"),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert "Cannot reach the Chroma server" in result.stderr and "chroma run" in result.stderr
    assert "Traceback" not in result.stderr


def test_bad_rows_via_cli_exit_code_and_report(tmp_path: Path) -> None:
    source = tmp_path / "films.csv"
    source.write_bytes(
        b"id,title,year,overview\n1,Heat,1995,Robbers and a cop.\n2,Nope,abc,A plot.\n3,Gone,2001,\n"
    )
    result = subprocess.run(
        [str(VENV_BIN / "reelchat"), "ingest", str(source), "--json", "--no-progress"],
        env=cli_env(tmp_path / "home"),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 3
    assert "rejected line 3 ('Nope'): unparseable year 'abc'" in result.stderr
    assert "rejected line 4 ('Gone'): missing plot (overview)" in result.stderr
    summary = json.loads(result.stdout.strip().splitlines()[-1])
    assert summary == {**summary, "added": 1, "rejected": 2, "total": 1}


def test_sigkill_mid_ingest_then_rerun_finishes_without_duplicates_or_re_embedding(
    catalogue_movies: list[Movie], tmp_path: Path
) -> None:
    films = catalogue_movies[:300]
    source = write_jsonl(films, tmp_path / "films.jsonl")
    home = tmp_path / "home"
    proc = subprocess.Popen(
        [str(VENV_BIN / "reelchat"), "ingest", str(source), "--chunk-size", "50"],
        env=cli_env(home),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stderr is not None
    # tqdm redraws with \r; once the bar passes 100 films, the first chunk has been written.
    buffer = ""
    while proc.poll() is None:
        buffer += proc.stderr.read(1)
        done = [int(n) for n in re.findall(r"(\d+)/300", buffer[-200:])]
        if done and max(done) >= 100:
            proc.send_signal(signal.SIGKILL)
            break
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL, "ingest finished before it could be killed"

    settings = Settings.from_env(env={}, home=home)
    before = movies_collection(settings).count()
    assert 50 <= before < 300

    result = subprocess.run(
        [str(VENV_BIN / "reelchat"), "ingest", str(source), "--json", "--no-progress"],
        env=cli_env(home),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout.strip().splitlines()[-1])
    assert summary["unchanged"] == before  # what was stored before the kill was not embedded again
    assert summary["added"] == 300 - before
    assert summary["total"] == 300
    ids = movies_collection(settings).get()["ids"]
    assert sorted(ids) == sorted(m.id for m in films)


def test_cli_help_is_fast_and_lists_commands() -> None:
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "assistant.cli", "--help"], capture_output=True, text=True
    )
    assert result.returncode == 0 and "ingest" in result.stdout
    assert "torch" not in result.stderr and "chromadb" not in result.stderr  # heavy imports stay lazy
