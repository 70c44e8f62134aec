"""Format checks on the held-apart evaluation data (the intent set and the judged set).

These check that the files are what they claim (counts, labels, constraints a request states,
films that exist in the shipped catalogue), not how well the assistant does on them.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from assistant.evaluation.datasets import (
    INTENT_REQUESTS,
    INTENTS,
    load_intent_requests,
    tomt_part,
)

MINIMUM_PER_INTENT = {
    "recommend": 80,
    "known_item": 60,
    "film_question": 40,
    "follow_up": 45,
    "chit_chat": 25,
}


def test_tomt_split_holds_out_one_post_in_five() -> None:
    ids = [f"post{n}" for n in range(5000)]
    heldout = sum(tomt_part(post_id) == "heldout" for post_id in ids)
    assert 900 < heldout < 1100
    assert tomt_part("dtyx6g") == tomt_part("dtyx6g")  # a hash of the id, so stable


def test_intent_set_has_enough_of_every_intent() -> None:
    requests = load_intent_requests()
    counts = Counter(request.intent for request in requests)
    assert len(requests) >= 250
    for intent in INTENTS:
        assert counts[intent] >= MINIMUM_PER_INTENT[intent], (intent, counts[intent])


def test_intent_texts_are_unique() -> None:
    texts = [request.text.strip().lower() for request in load_intent_requests()]
    duplicates = [text for text, n in Counter(texts).items() if n > 1]
    assert not duplicates


def test_follow_ups_are_sent_after_films_were_shown() -> None:
    requests = load_intent_requests()
    assert all(r.in_session for r in requests if r.intent == "follow_up")


def test_tomt_lines_come_only_from_the_dev_part() -> None:
    tomt = [r for r in load_intent_requests() if r.source == "tomt"]
    assert len(tomt) >= 30
    assert all(r.intent == "known_item" and r.tomt_id for r in tomt)
    assert {tomt_part(r.tomt_id or "") for r in tomt} == {"dev"}


def test_intent_file_opens_with_a_header_saying_how_it_was_written() -> None:
    header = json.loads(Path(INTENT_REQUESTS).read_text(encoding="utf-8").splitlines()[0])
    assert "before any tuning" in header["about"]


def test_malformed_intent_line_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"text": "hi", "intent": "greeting", "in_session": false, "source": "written"}\n')
    with pytest.raises(ValueError, match=r"line 1.*intent"):
        load_intent_requests(path)
