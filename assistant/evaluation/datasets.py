"""The held-apart evaluation data: a labelled intent set and a judged recommendation set.

Both files were written by hand by an independent judge before any tuning against them
(see each file's header), and are read here into small typed values:

- `intent_requests.jsonl`: one message a line, labelled with the kind of request it is
  (`recommend`, `known_item`, `film_question`, `follow_up`, `chit_chat`), whether it is sent
  after the assistant already showed films (`in_session`), and where it came from (`written`,
  or `tomt`: the title line or first sentence of a real r/tipofmytongue post from the dev part).
- `judged_requests.json`: free-text recommendation requests, each with the catalogue films a
  film lover would happily accept as a pick. A pick outside the list counts as a miss.
  `judged_requests_2.json` and `judged_requests_3.json` are the same kind of set by other judges
  (the third: moods, occasions and "like X but Y" only), each written before tuning against it.

`tomt_part` splits the r/tipofmytongue posts (`../shared/data/tomt/train.jsonl`) by a hash of
their id: one post in five is held out for measuring known-item search, and nothing (rules,
labelled sets, tuning) may be built from those; the rest are the dev part.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, cast

EVALUATION_DIR = Path(__file__).resolve().parent
INTENT_REQUESTS = EVALUATION_DIR / "intent_requests.jsonl"
INTENT_REQUESTS_2 = (
    EVALUATION_DIR / "intent_requests_2.jsonl"
)  # written after the rules were tuned on the first
JUDGED_REQUESTS = EVALUATION_DIR / "judged_requests.json"
JUDGED_REQUESTS_2 = EVALUATION_DIR / "judged_requests_2.json"  # a second judge, written later
# a third judge: moods, occasions and "like X but Y" only (the weakest kinds), written 2026-11-30
JUDGED_REQUESTS_3 = EVALUATION_DIR / "judged_requests_3.json"

Intent = Literal["recommend", "known_item", "film_question", "follow_up", "chit_chat"]
INTENTS: tuple[Intent, ...] = ("recommend", "known_item", "film_question", "follow_up", "chit_chat")
IntentSource = Literal["written", "tomt"]
JudgedKind = Literal["mood", "occasion", "like_x_but_y", "era", "person", "theme", "genre_mix", "constraint"]
JUDGED_KINDS: tuple[JudgedKind, ...] = (
    "mood",
    "occasion",
    "like_x_but_y",
    "era",
    "person",
    "theme",
    "genre_mix",
    "constraint",
)
TomtPart = Literal["heldout", "dev"]


def tomt_part(post_id: str) -> TomtPart:
    """Which part of the r/tipofmytongue split a post belongs to: one in five is held out.

    A hash of the id, not its position, so the split is the same whatever order or subset of
    the file is read.
    """
    digest = int(hashlib.sha1(post_id.encode()).hexdigest(), 16)
    return "heldout" if digest % 5 == 0 else "dev"


@dataclass(frozen=True)
class IntentRequest:
    text: str
    intent: Intent
    in_session: bool
    source: IntentSource
    tomt_id: str | None = None  # the r/tipofmytongue post a `tomt` line was taken from


@dataclass(frozen=True)
class JudgedFilm:
    movie_id: str
    title: str
    year: int


@dataclass(frozen=True)
class JudgedConstraints:
    """What the request itself rules out, checkable against the catalogue: a shown film that
    breaks one is a constraint violation, whatever its score. Years and runtime are inclusive."""

    year_min: int | None = None
    year_max: int | None = None
    runtime_max: int | None = None
    exclude_genres: tuple[str, ...] = ()
    exclude: tuple[JudgedFilm, ...] = ()  # the film named in "like X", a series ruled out

    @property
    def excluded_ids(self) -> frozenset[str]:
        return frozenset(film.movie_id for film in self.exclude)


@dataclass(frozen=True)
class JudgedRequest:
    request_id: str
    request: str
    kind: JudgedKind
    accept: tuple[JudgedFilm, ...]
    constraints: JudgedConstraints = JudgedConstraints()

    @property
    def accepted_ids(self) -> frozenset[str]:
        return frozenset(film.movie_id for film in self.accept)


@dataclass(frozen=True)
class JudgedSet:
    about: str
    requests: tuple[JudgedRequest, ...]


def _field(row: dict[str, object], name: str, where: str) -> object:
    if name not in row:
        raise ValueError(f"{where}: missing field {name!r}")
    return row[name]


def _text(row: dict[str, object], name: str, where: str) -> str:
    value = _field(row, name, where)
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{where}: {name!r} must be a non-empty string, got {value!r}")
    return value


def _choice(row: dict[str, object], name: str, allowed: tuple[str, ...], where: str) -> str:
    value = _text(row, name, where)
    if value not in allowed:
        raise ValueError(f"{where}: {name!r} is {value!r}; expected one of {', '.join(allowed)}")
    return value


def load_intent_requests(path: Path = INTENT_REQUESTS) -> list[IntentRequest]:
    """Read the labelled intent set; a malformed line raises naming its line number.

    The first line is a header object ({"about": ...}) saying how and when the set was written.
    """
    requests: list[IntentRequest] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{path.name} line {number}"
        row = json.loads(line)
        if not isinstance(row, dict):
            raise ValueError(f"{where}: expected a JSON object")
        if number == 1 and "about" in row:
            continue
        in_session = _field(row, "in_session", where)
        if not isinstance(in_session, bool):
            raise ValueError(f"{where}: 'in_session' must be true or false, got {in_session!r}")
        requests.append(
            IntentRequest(
                text=_text(row, "text", where),
                intent=cast(Intent, _choice(row, "intent", INTENTS, where)),
                in_session=in_session,
                source=cast(IntentSource, _choice(row, "source", ("written", "tomt"), where)),
                tomt_id=_text(row, "tomt_id", where) if "tomt_id" in row else None,
            )
        )
    return requests


def _judged_film(row: object, where: str) -> JudgedFilm:
    if not isinstance(row, dict):
        raise ValueError(f"{where}: each accepted film must be an object with id, title, year")
    year = _field(row, "year", where)
    if not isinstance(year, int):
        raise ValueError(f"{where}: 'year' must be an integer, got {year!r}")
    return JudgedFilm(movie_id=_text(row, "id", where), title=_text(row, "title", where), year=year)


def _optional_int(row: dict[str, object], name: str, where: str) -> int | None:
    value = row.get(name)
    if value is not None and not isinstance(value, int):
        raise ValueError(f"{where}: {name!r} must be an integer, got {value!r}")
    return value


def _judged_constraints(row: object, where: str) -> JudgedConstraints:
    if row is None:
        return JudgedConstraints()
    if not isinstance(row, dict):
        raise ValueError(f"{where}: 'constraints' must be an object")
    unknown = set(row) - {"year_min", "year_max", "runtime_max", "exclude_genres", "exclude"}
    if unknown:
        raise ValueError(f"{where}: unknown constraint(s) {sorted(unknown)}")
    genres = row.get("exclude_genres", [])
    exclude = row.get("exclude", [])
    if not isinstance(genres, list) or not all(isinstance(g, str) for g in genres):
        raise ValueError(f"{where}: 'exclude_genres' must be a list of genre names")
    if not isinstance(exclude, list):
        raise ValueError(f"{where}: 'exclude' must be a list of films")
    return JudgedConstraints(
        year_min=_optional_int(row, "year_min", where),
        year_max=_optional_int(row, "year_max", where),
        runtime_max=_optional_int(row, "runtime_max", where),
        exclude_genres=tuple(genres),
        exclude=tuple(_judged_film(film, where) for film in exclude),
    )


def load_judged_requests(path: Path = JUDGED_REQUESTS) -> JudgedSet:
    """Read the judged set; a malformed request raises naming its id."""
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or not isinstance(data.get("requests"), list):
        raise ValueError(f"{path.name}: expected an object with 'about' and a 'requests' list")
    requests: list[JudgedRequest] = []
    for index, row in enumerate(data["requests"]):
        if not isinstance(row, dict):
            raise ValueError(f"{path.name}: request {index} is not an object")
        where = f"{path.name} request {row.get('id', index)!r}"
        accept = _field(row, "accept", where)
        if not isinstance(accept, list):
            raise ValueError(f"{where}: 'accept' must be a list of films")
        requests.append(
            JudgedRequest(
                request_id=_text(row, "id", where),
                request=_text(row, "request", where),
                kind=cast(JudgedKind, _choice(row, "kind", JUDGED_KINDS, where)),
                accept=tuple(_judged_film(film, where) for film in accept),
                constraints=_judged_constraints(row.get("constraints"), where),
            )
        )
    return JudgedSet(about=_text(data, "about", path.name), requests=tuple(requests))
