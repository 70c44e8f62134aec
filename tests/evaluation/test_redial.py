import json
import re
from pathlib import Path

import pytest

from assistant.evaluation.redial import (
    RedialSample,
    context_as_request,
    dialogue_request,
    load_redial_samples,
)
from assistant.evaluation.titles import TitleMatcher
from assistant.understand import CatalogueIndex
from ingest.movie import Movie

REPO = Path(__file__).resolve().parents[2]
DATA_DIR = REPO.parent / "shared" / "data"

SEEKER, RECOMMENDER = 10, 20
CATALOGUE = [
    Movie(id="603", title="The Matrix", overview="", year=1999),
    Movie(id="862", title="Toy Story", overview="", year=1995),
    Movie(id="27205", title="Inception", overview="", year=2010),
    Movie(id="949", title="Heat", overview="", year=1995),
    Movie(id="348", title="Alien", overview="", year=1979),
]


def message(sender: int, text: str) -> dict[str, object]:
    return {"senderWorkerId": sender, "text": text, "timeOffset": 0, "messageId": 0}


DIALOGUES = [
    {
        "conversationId": "1",
        "initiatorWorkerId": SEEKER,
        "respondentWorkerId": RECOMMENDER,
        # "6" (Alien) is missing here on purpose: its name must come from movies_with_mentions.csv.
        "movieMentions": {
            "1": "The Matrix (1999)",
            "2": "Toy Story (1995)",
            "3": "Inception (2010)",
            "4": "Unknown Film (2001)",
            "5": "Heat  (1995)",
        },
        "messages": [
            message(RECOMMENDER, "Hi! What do you like?"),
            message(SEEKER, "I loved @1"),
            message(SEEKER, "and @6 too"),
            message(RECOMMENDER, "Try @3"),
            message(RECOMMENDER, "or @1 again, or @4"),
            message(SEEKER, "Seen @3. Something else?"),
            message(RECOMMENDER, "@5 and @2 and @5"),
        ],
    },
    {
        "conversationId": "2",
        "initiatorWorkerId": SEEKER,
        "respondentWorkerId": RECOMMENDER,
        "movieMentions": {"3": "Inception (2010)", "5": "Heat (1995)"},
        "messages": [
            message(RECOMMENDER, "Have you seen @5?"),  # before the seeker speaks: no sample
            message(SEEKER, "No"),
            message(RECOMMENDER, "@5 is great, also @3"),
        ],
    },
]


@pytest.fixture
def dialogue_file(tmp_path: Path) -> Path:
    path = tmp_path / "test_data.jsonl"
    path.write_text("".join(json.dumps(d) + "\n" for d in DIALOGUES), encoding="utf-8")
    (tmp_path / "movies_with_mentions.csv").write_text(
        "movieId,movieName,nbMentions\n6,Alien (1979),3\n1,Wrong Name (1900),1\n", encoding="utf-8"
    )
    return path


def test_samples_from_hand_written_dialogues(dialogue_file: Path) -> None:
    samples = load_redial_samples(dialogue_file, TitleMatcher(CATALOGUE))
    first_context = [
        ("assistant", "Hi! What do you like?"),
        ("user", "I loved The Matrix (1999) and Alien (1979) too"),
    ]
    later_context = [
        *first_context,
        ("assistant", "Try Inception (2010) or The Matrix (1999) again, or Unknown Film (2001)"),
        ("user", "Seen Inception (2010). Something else?"),
    ]
    assert samples == [
        # Turn 2 names Inception (new), the Matrix (already mentioned) and a film not in the catalogue.
        RedialSample("1", 2, first_context, "27205", ("603", "348")),
        # Turn 4 names Heat twice and Toy Story: one sample each, in the order named.
        RedialSample("1", 4, later_context, "949", ("603", "348", "27205")),
        RedialSample("1", 4, later_context, "862", ("603", "348", "27205")),
        # Heat was named in turn 0, before the seeker spoke; it is not new in turn 2.
        RedialSample(
            "2", 2, [("assistant", "Have you seen Heat (1995)?"), ("user", "No")], "27205", ("949",)
        ),
    ]


def test_limit_and_request_text(dialogue_file: Path) -> None:
    samples = load_redial_samples(dialogue_file, TitleMatcher(CATALOGUE), limit_dialogues=1)
    assert {s.dialogue_id for s in samples} == {"1"}
    assert context_as_request(samples[0]) == (
        "Assistant: Hi! What do you like?\nUser: I loved The Matrix (1999) and Alien (1979) too"
    )


def test_unnamed_mention_stays_as_written(tmp_path: Path, dialogue_file: Path) -> None:
    # Without the names file, @6 has no name anywhere: kept as written, and not counted as mentioned.
    samples = load_redial_samples(
        dialogue_file, TitleMatcher(CATALOGUE), movie_names_path=tmp_path / "absent.csv"
    )
    assert samples[0].context[1] == ("user", "I loved The Matrix (1999) and @6 too")
    assert samples[0].mentioned_ids == ("603",)


@pytest.mark.skipif(
    not (DATA_DIR / "redial" / "test_data.jsonl").exists(),
    reason=f"ReDial test split not found under {DATA_DIR} (see its README)",
)
def test_real_test_split_sample_count() -> None:
    from ingest.catalogue import read_catalogue

    matcher = TitleMatcher(read_catalogue(REPO / "data" / "movies.parquet").movies)
    samples = load_redial_samples(DATA_DIR / "redial" / "test_data.jsonl", matcher)
    # Measured 3,869 samples with the shipped 11,809-film catalogue (2,547 with TMDB 5000 alone).
    assert 3_500 <= len(samples) <= 4_200
    assert 1_000 <= len({s.dialogue_id for s in samples}) <= 1_342
    for sample in samples:
        assert sample.target_id not in sample.mentioned_ids
        assert any(role == "user" for role, _ in sample.context)
        assert not any(re.search(r"@\d", text) for _, text in sample.context)


def test_long_context_keeps_the_latest_turns() -> None:
    sample = RedialSample(
        "9", 3, [("user", "old " * 50), ("assistant", "middle"), ("user", "latest ask")], "949", ()
    )
    assert context_as_request(sample, max_chars=40) == "Assistant: middle\nUser: latest ask"
    assert context_as_request(sample).startswith("User: old old")


def test_the_seekers_latest_turn_sets_the_constraints_the_whole_dialogue_the_intent() -> None:
    index = CatalogueIndex(
        [
            *CATALOGUE,
            Movie(id="1", title="Airplane!", overview="", year=1980, genres=("Comedy",)),
            Movie(id="2", title="Halloween", overview="", year=1978, genres=("Horror",)),
        ]
    )
    sample = RedialSample(
        "9",
        3,
        [
            ("user", "I like horror movies like Alien (1979)"),
            ("assistant", "Heat (1995) is a great thriller"),
            ("user", "Any comedies from the 80s?"),
        ],
        "1",
        ("348", "949"),
    )
    parsed = dialogue_request(sample, index)
    # Horror was a passing remark and "thriller" the recommender's word: neither is a constraint now.
    assert parsed.constraints.include_genres == ("Comedy",)
    assert (parsed.constraints.year_min, parsed.constraints.year_max) == (1980, 1989)
    assert set(parsed.references) == {"348", "949"}  # every title named steers the search
    assert "horror" in parsed.intent and "thriller" in parsed.intent
