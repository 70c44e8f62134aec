"""A studio ruled out ("an animated film that isn't from Disney or Pixar") where studios are recorded."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant import MovieAssistant, Recommendation
from assistant.understand import CatalogueIndex, parse_request
from assistant.understand.studios import StudioIndex, company_pattern, load_studios, with_labels
from ingest.movie import Movie

DATA = Path(__file__).resolve().parents[2] / "data"


def test_a_studio_is_found_by_what_its_companies_are_called() -> None:
    assert company_pattern("Disney").search("Walt Disney Pictures")
    assert company_pattern("Studio Ghibli").search("Studio Ghibli")
    assert company_pattern("Warner Bros.").search("Warner Bros. Animation")
    assert company_pattern("Lionsgate").search("Lions Gate Films")
    assert not company_pattern("Neon").search("Neon Rouge Production")
    assert not company_pattern("Pixar").search("Walt Disney Pictures")
    assert company_pattern("Disney").search("Pixar Animation Studios")  # Disney releases Pixar's films


def test_a_studios_films_and_the_rest_of_their_series() -> None:
    films = [
        Movie(id="1", title="Frozen", overview=""),
        Movie(id="2", title="Frozen II", overview=""),  # no record: its series has one
        Movie(id="3", title="Shrek", overview=""),
        Movie(id="4", title="Coco", overview=""),  # no record, no series: cannot be known
    ]
    index = StudioIndex(films, {"1": ("Walt Disney Animation Studios",), "3": ("DreamWorks Animation",)})
    assert index.films_of("Disney") == {"1", "2"}
    assert index.films_of("DreamWorks") == {"3"}
    assert not StudioIndex(films, {})  # nothing recorded: the reader falls back to a notice


def test_viewers_tags_that_name_a_studio_count_as_a_record() -> None:
    studios = with_labels(
        {"1": ("Walt Disney Pictures",)}, {"2": ("studio ghibli", "anime"), "1": ("pixar",)}
    )
    assert studios == {"1": ("Walt Disney Pictures", "pixar"), "2": ("studio ghibli",)}


@pytest.fixture(scope="module")
def index(catalogue_movies: list[Movie]) -> CatalogueIndex:
    return CatalogueIndex(catalogue_movies, load_studios(DATA))


@pytest.mark.parametrize(
    "message",
    [
        "an animated film that isn't from Disney or Pixar",
        "no Disney, Pixar or DreamWorks please",  # "no Disney" is also read as a series
        "animated, but nothing from Pixar",
        # more ways to say it (were read as nothing)
        "no more Pixar, an animated film",
        "skip the Pixar stuff, animated please",
        # Disney has released every Pixar film: "no Disney" showed Up first
        "an animated movie but no Disney",
    ],
)
def test_a_refused_studio_is_ruled_out_with_a_notice_of_what_is_not_recorded(
    index: CatalogueIndex, message: str
) -> None:
    parsed = parse_request(message, index)
    pixar = {m.id for m in index.by_title["toy story"]} | {m.id for m in index.by_title["toy story 4"]}
    assert pixar and pixar <= parsed.constraints.excluded_films  # Toy Story 4 has no record: its series does
    assert "pixar" not in parsed.intent.lower()  # searched for, it pulls their unrecorded films closer
    assert any("no studio on record" in n for n in parsed.notices), parsed.notices


def test_a_studio_asked_for_is_read_with_a_notice(index: CatalogueIndex) -> None:
    parsed = parse_request("a Studio Ghibli film for a rainy day", index)
    assert parsed.studios == ("Studio Ghibli",) and not parsed.constraints.excluded_films
    assert any("no studio on record" in n for n in parsed.notices), parsed.notices


def made_by(picks: list[Recommendation], *names: str) -> list[str]:
    """The titles among `picks` whose recorded companies are one of `names`'."""
    studios = load_studios(DATA)
    assert studios, "data/studios.parquet is missing: python data/prepare.py --studios-only"
    patterns = [company_pattern(name) for name in names]
    return [
        p.title for p in picks if any(pt.search(n) for pt in patterns for n in studios.get(p.movie_id, ()))
    ]


def test_a_studio_asked_for_comes_first(assistant: MovieAssistant) -> None:
    """Before: Up, Big Hero 6, Toy Story 2, Inside Out, Monsters, Inc. (Disney and Pixar)."""
    picks = assistant.recommend("a DreamWorks animated comedy", k=5)
    assert len(made_by(picks, "DreamWorks")) == 5, [p.title for p in picks]


def test_no_disney_or_pixar_film_is_shown(assistant: MovieAssistant) -> None:
    """Before: Toy Story 2, Aladdin, The Lion King, Fantasia, One Hundred and One Dalmatians."""
    picks = assistant.recommend("an animated film that isn't from Disney or Pixar", k=10)
    assert len(picks) == 10 and not made_by(picks, "Disney", "Pixar"), made_by(picks, "Disney", "Pixar")


def test_indie_is_the_independent_companies_without_a_major_or_the_keyword() -> None:
    films = [
        Movie(id="1", title="Juno", overview=""),
        Movie(id="2", title="American Pie", overview=""),
        Movie(id="3", title="Primer", overview="", keywords=["time travel", "independent film"]),
        Movie(id="4", title="Clerks", overview=""),
        Movie(id="5", title="Clerks II", overview=""),  # a series is no way of making films
    ]
    records = {
        "1": ("Fox Searchlight Pictures", "Mandate Pictures"),
        "2": ("Newmarket Capital Group", "Universal Pictures"),  # financed, made with a major
        "4": ("Miramax Films", "View Askew Productions"),
    }
    index = StudioIndex(films, records)
    assert index.films_of("indie") == index.films_of("independent") == {"1", "3", "4"}
    assert not StudioIndex(films, {})  # a keyword is no record of companies


@pytest.mark.parametrize(
    ("company", "indie"),
    [
        ("Film4", True),
        ("Film 4", True),
        ("Filmfour", True),
        ("Film Four International", True),
        ("Film 44", False),
    ],
)
def test_film4_is_indie_however_the_records_spell_it(company: str, indie: bool) -> None:
    """The records spell it five ways; "Film 4" (Room's) and "Filmfour" (Sexy Beast's) were missed."""
    assert bool(company_pattern("indie").search(company)) is indie


@pytest.mark.parametrize(
    ("message", "studios"),
    [
        ("2000s indie movies, that whole sundance era", ("indie",)),
        ("independent films from the 90s", ("independent",)),
        ("a movie about an indie band", ()),  # indie music, not the way a film was made
        ("an independent woman who runs a farm", ()),
    ],
)
def test_indie_is_read_as_who_made_the_film(
    index: CatalogueIndex, message: str, studios: tuple[str, ...]
) -> None:
    assert parse_request(message, index).studios == studios


def test_indie_films_come_first(assistant: MovieAssistant) -> None:
    """Before: Inglourious Basterds, The Dark Knight, The Incredibles, Gladiator (the best-known
    films of the decade: "indie" was no reading)."""
    picks = assistant.recommend("2000s indie movies", k=5)
    indie = assistant.engine.index.studios.films_of("indie")
    assert len(picks) == 5 and all(p.movie_id in indie for p in picks), [p.title for p in picks]
