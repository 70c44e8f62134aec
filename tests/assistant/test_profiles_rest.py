"""The profile routes of the REST API: upload a ratings export, read the profile, delete it, all
behind the API token like the other writes; recommend with a user_id leaves their films out."""

from __future__ import annotations

from dataclasses import replace

import pytest
from fastapi.testclient import TestClient

from assistant.api import MovieAssistant
from assistant.settings import Settings
from ingest.movie import Movie
from ui.interactions import InteractionLog
from ui.rest import build_api

TOKEN = "s3cret-token"


@pytest.fixture(scope="module")
def client(catalogue_settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    home = tmp_path_factory.mktemp("profiles-rest")
    bot = MovieAssistant(replace(catalogue_settings, home=home, chroma_dir=catalogue_settings.chroma_dir))
    return TestClient(build_api(bot, InteractionLog(home / "interactions.jsonl"), TOKEN))


def export(films: list[Movie]) -> bytes:
    lines = ["Date,Name,Year,Letterboxd URI,Rating"]
    lines += [
        f'2024-01-{n + 1:02d},"{m.title}",{m.year},https://boxd.it/r{n},4.5' for n, m in enumerate(films)
    ]
    lines.append("2024-02-01,A Film Nobody Made,2019,https://boxd.it/none,3")
    return ("\n".join(lines) + "\n").encode()


def test_upload_read_and_delete_a_profile_with_the_token(client: TestClient) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    before = client.post("/api/recommend", json={"request": "a tense heist thriller", "k": 5}).json()
    shown = [client.get(f"/api/movies/{r['movie_id']}").json() for r in before["recommendations"]]
    films = [Movie(m["movie_id"], m["title"], "", m["year"]) for m in shown]
    upload = {"file": ("ratings.csv", export(films), "text/csv")}

    assert client.post("/api/users/ivy/ratings", files=upload).status_code == 401
    assert client.get("/api/users/ivy").status_code == 401
    assert client.delete("/api/users/ivy").status_code == 401

    done = client.post("/api/users/ivy/ratings", files=upload, headers=auth)
    assert done.status_code == 200, done.text
    body = done.json()
    assert (body["matched"], body["unmatched"], body["rated"], body["liked"]) == (5, 1, 5, 5)
    assert body["unmatched_rows"] == [
        {"line": 7, "title": "A Film Nobody Made", "reason": "no film of this title in the catalogue"}
    ]
    again = client.post("/api/users/ivy/ratings", files=upload, headers=auth).json()
    assert (again["added"], again["updated"], again["unchanged"]) == (0, 0, 5)

    profile = client.get("/api/users/ivy", headers=auth).json()
    assert profile["rated"] == 5 and {t["movie_id"] for t in profile["top_liked"]} == {f.id for f in films}
    after = client.post(
        "/api/recommend", json={"request": "a tense heist thriller", "k": 5, "user_id": "ivy"}
    ).json()
    assert len(after["recommendations"]) == 5
    assert not {r["movie_id"] for r in after["recommendations"]} & {f.id for f in films}

    gone = client.delete("/api/users/ivy", headers=auth).json()
    assert gone["films"] == 5
    assert client.get("/api/users/ivy", headers=auth).status_code == 404


def test_a_file_that_is_no_export_gets_a_400_naming_the_columns(client: TestClient) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    bad = {"file": ("notes.csv", b"a,b\n1,2\n", "text/csv")}
    answer = client.post("/api/users/ivy/ratings", files=bad, headers=auth)
    assert answer.status_code == 400 and "Letterboxd" in answer.json()["detail"]
    assert client.post("/api/users/not%20ok/ratings", files=bad, headers=auth).status_code == 422
