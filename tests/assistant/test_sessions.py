"""SessionStore: nothing is lost on restart, sessions stay apart, also under concurrent writers."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from assistant.sessions import SessionStore


def test_a_new_store_on_the_same_file_sees_everything(tmp_path: Path) -> None:
    store = SessionStore(tmp_path / "s.sqlite")
    store.record_turn("a", "90s heist films", "Heat; Ronin", ["949", "8195"], "90s heist films", ("680",))
    store.record_turn("a", "something older", "The Sting", ["9277"], "older heist films")
    store.set_feedback("a", "8195", -1)
    store.set_feedback("a", "949", 1)

    again = SessionStore(tmp_path / "s.sqlite").load("a")  # as after a restart
    assert again.messages == [
        ("user", "90s heist films"),
        ("assistant", "Heat; Ronin"),
        ("user", "something older"),
        ("assistant", "The Sting"),
    ]
    assert [s.movie_id for s in again.last_turn] == ["9277"]
    assert again.shown[0].request == "90s heist films" and again.shown[0].turn == 1
    assert again.mentioned == {"680"} and again.liked == {"949"} and again.disliked == {"8195"}
    assert again.excluded == {"949", "8195", "9277", "680"}


def test_sessions_are_isolated_under_concurrent_writers(tmp_path: Path) -> None:
    store = SessionStore(tmp_path / "s.sqlite")

    def talk(n: int) -> None:
        for turn in range(10):
            store.record_turn(f"user-{n}", f"q{turn}", f"a{turn}", [f"{n}-{turn}"], f"q{turn}")

    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(talk, range(8)))
    for n in range(8):
        session = store.load(f"user-{n}")
        assert [s.movie_id for s in session.shown] == [f"{n}-{t}" for t in range(10)]
        assert [s.turn for s in session.shown] == list(range(1, 11))
        assert len(session.messages) == 20


def test_feedback_can_be_changed_and_cleared(tmp_path: Path) -> None:
    store = SessionStore(tmp_path / "s.sqlite")
    store.set_feedback("b", "1", 1)
    store.set_feedback("b", "1", -1)
    assert store.load("b").disliked == {"1"} and not store.load("b").liked
    store.set_feedback("b", "1", 0)
    assert not store.load("b").disliked


@pytest.mark.parametrize("bad", ["", "   ", "x" * 129])
def test_bad_session_ids_are_refused_clearly(tmp_path: Path, bad: str) -> None:
    with pytest.raises(ValueError, match="session_id must be"):
        SessionStore(tmp_path / "s.sqlite").load(bad)
