"""The generated constraint suite: requests built from phrasings x constraints x filler words, each
with the exact constraints it states, and two checks on them.

    python -m assistant.evaluation.grammar [--json] [--cases N] [--seed S]

- `exact_parses`: how many requests `parse_request` reads to exactly the stated constraints;
- `shown_violations(assistant, cases)`: how many films shown for them break a stated constraint
  (it runs the engine: the slow test and the lead's eval call it).

The phrasings here are written as people type them, apart from the parser's vocabulary (a suite
built from the vocabulary itself could only agree with it). The generator is seeded, so a run is
repeatable and a failure can be replayed by its case number.
"""

from __future__ import annotations

import argparse
import json
import random
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assistant.understand import CatalogueIndex, RequestConstraints, parse_request

if TYPE_CHECKING:
    from assistant.api import MovieAssistant

C = RequestConstraints
REPO = Path(__file__).resolve().parents[2]
CATALOGUE = REPO / "data" / "movies.parquet"


@dataclass(frozen=True)
class GrammarCase:
    number: int
    text: str
    expected: RequestConstraints  # excluded_films left empty: membership is the catalogue's to say


# What people ask for: (phrase, genres). Several phrasings of each genre.
GENRES_ASKED: list[tuple[str, tuple[str, ...]]] = [
    ("a comedy", ("Comedy",)), ("comedies", ("Comedy",)), ("something funny", ("Comedy",)),
    ("a horror movie", ("Horror",)), ("something scary", ("Horror",)), ("a creepy film", ("Horror",)),
    ("a thriller", ("Thriller",)), ("thrillers", ("Thriller",)), ("a sci-fi film", ("Science Fiction",)),
    ("science fiction", ("Science Fiction",)), ("a scifi movie", ("Science Fiction",)),
    ("a western", ("Western",)), ("a documentary", ("Documentary",)), ("an animated film", ("Animation",)),
    ("a cartoon", ("Animation",)), ("a war film", ("War",)), ("a crime movie", ("Crime",)),
    ("a gangster film", ("Crime",)), ("a romance", ("Romance",)), ("a love story", ("Romance",)),
    ("a mystery", ("Mystery",)), ("a whodunit", ("Mystery",)), ("a fantasy film", ("Fantasy",)),
    ("an action movie", ("Action",)), ("an adventure", ("Adventure",)), ("a drama", ("Drama",)),
    ("a musical", ("Music",)), ("a family film", ("Family",)), ("a historical drama", ("History", "Drama")),
    ("a romantic comedy", ("Romance", "Comedy")), ("a rom-com", ("Romance", "Comedy")),
    # typed with a slip, as people type
    ("a thriler", ("Thriller",)), ("a horor movie", ("Horror",)), ("a funny comdy", ("Comedy",)),
    ("a documentry", ("Documentary",)), ("an animaited film", ("Animation",)), ("a westren", ("Western",)),
]  # fmt: skip
# What people rule out: templates around a genre noun, and the nouns.
REFUSALS = [
    "no {g}", "no {g} please", "nothing {g}", "skip the {g}", "anything but {g}", "but not {g}",
    "without {g}", "I don't want {g}", "not in the mood for {g}", "steer clear of {g}", "{g}-free",
    "spare me the {g}", "and no {g}", "definitely no {g}", "not a {g1}", "anything except {g}",
    "minus the {g}", "hold the {g}", "{g} is a no", "no {g}, thanks", "I'm not into {g}",
    "I can't stand {g}", "nothing with {g}", "keep it {g}-free", "no more {g}", "please, no {g}", "not {g}",
    "I'd rather avoid {g}", "{g} is off limits", "{g} is a hard no", "{g} is out of the question",
]  # fmt: skip
GENRES_REFUSED: list[tuple[str, str, str]] = [  # (noun, singular with article form, genre)
    ("horror", "horror film", "Horror"), ("romance", "romance", "Romance"), ("musicals", "musical", "Music"),
    ("comedy", "comedy", "Comedy"), ("war movies", "war movie", "War"),
    ("sci-fi", "sci-fi film", "Science Fiction"), ("animation", "cartoon", "Animation"),
    ("westerns", "western", "Western"), ("documentaries", "documentary", "Documentary"),
    ("thrillers", "thriller", "Thriller"), ("fantasy", "fantasy film", "Fantasy"),
    ("crime", "crime film", "Crime"), ("horor", "horor film", "Horror"),
]  # fmt: skip
DECADES = {
    1950: ["the 50s", "the 1950s", "the '50s", "the 50's", "the fifties", "the nineteen-fifties"],
    1960: ["the 60s", "the 1960s", "the '60s", "the 1960's", "the sixties", "the nineteen sixties"],
    1970: ["the 70s", "the 1970s", "the '70s", "the 70's", "the seventies", "the nineteen-seventies"],
    1980: ["the 80s", "the 1980s", "the '80s", "the 80's", "the eighties", "the nineteen-eighties"],
    1990: ["the 90s", "the 1990s", "the '90s", "the 90's", "the nineties", "the nineteen-nineties"],
    2000: ["the 2000s", "the two thousands", "the noughties"],
    2010: ["the 2010s", "the twenty-tens"],
}
DECADE_FRAMES = [
    "from {d}", "made in {d}", "released in {d}", "in {d}", "from {d} please", "that came out in {d}",
    "dating from {d}", "during {d}", "filmed in {d}", "something from {d}",
]  # fmt: skip
PART_OF_DECADE = {"early": (0, 3), "mid": (3, 6), "late": (6, 9)}
# (template, expected year_min, year_max given the year y)
YEAR_BOUNDS: list[tuple[str, int, int]] = [  # offsets: (min - y, max - y); 9999 = no bound
    ("after {y}", 1, 9999), ("made after {y}", 1, 9999), ("released after {y}", 1, 9999),
    ("newer than {y}", 1, 9999), ("since {y}", 0, 9999), ("from {y} onwards", 0, 9999),
    ("{y} or later", 0, 9999), ("before {y}", 9999, -1), ("older than {y}", 9999, -1),
    ("made before {y}", 9999, -1), ("up to {y}", 9999, 0), ("{y} or earlier", 9999, 0),
    ("nothing made before {y}", 0, 9999), ("not older than {y}", 0, 9999),
    ("no earlier than {y}", 0, 9999),
    ("nothing before {y}", 0, 9999), ("no films from before {y}", 0, 9999), ("nothing after {y}", 9999, 0),
    ("nothing newer than {y}", 9999, 0), ("no later than {y}", 9999, 0), ("not before {y}", 0, 9999),
    ("post-{y}", 1, 9999), ("pre-{y}", 9999, -1), ("{y} onwards", 0, 9999), ("no older than {y}", 0, 9999),
    ("anything after {y}", 1, 9999), ("skip anything before {y}", 0, 9999), ("released since {y}", 0, 9999),
    ("after '{yy}", 1, 9999), ("before the year {y}", 9999, -1),
    ("I don't want anything before {y}", 0, 9999), ("from {y}-{yy2}", 0, 2),
]  # fmt: skip
RUNTIMES: list[tuple[str, int | None, int | None]] = [
    ("under 2 hours", None, 120), ("less than 90 minutes", None, 90),
    ("shorter than ninety minutes", None, 90),
    ("no longer than 100 minutes", None, 100), ("under an hour and a half", None, 90),
    ("at most two hours", None, 120), ("over two hours", 120, None), ("at least 2 hours long", 120, None),
    ("90 minutes or less", None, 90), ("longer than 150 minutes", 150, None),
    ("not more than 2 hours", None, 120), ("2 hours max", None, 120), ("under 100 mins", None, 100),
    ("no more than an hour and a half", None, 90), ("a hundred and twenty minutes or less", None, 120),
    ("less than 1h30", None, 90), ("no more than 1 hr 45", None, 105), ("nothing over two hours", None, 120),
    ("between 90 and 120 minutes", 90, 120), ("90-120 mins", 90, 120), ("from 1.5 to 2 hours", 90, 120),
    ("about 90 minutes long", 75, 105), ("around two hours", 105, 135), ("roughly 100 minutes", 85, 115),
]  # fmt: skip
RATINGS: list[tuple[str, float]] = [
    ("rated 7+", 7.0), ("rated at least 8/10", 8.0), ("highly rated", 7.0), ("well reviewed", 7.0),
    ("with a rating above 6.5", 6.5), ("critically acclaimed", 7.0), ("rated 8 or higher", 8.0),
    ("with good reviews", 7.0), ("rated above 7", 7.0), ("at least 7.5/10", 7.5),
    ("with a rating of at least 7.5", 7.5),
    ("7 or above", 7.0), ("at least a 7", 7.0), ("4 stars or more", 8.0), ("IMDb 8+", 8.0),
]  # fmt: skip
SERIES = [
    ("no Harry Potter", "Harry Potter"), ("nothing from Marvel", "Marvel"),
    ("that isn't Star Wars", "Star Wars"),
    ("but no James Bond", "James Bond"), ("nothing from the Bourne films", "Bourne"),
    ("nothing Marvel", "Marvel"), ("no Star Wars stuff", "Star Wars"), ("not Harry Potter", "Harry Potter"),
    ("but not the Harry Potter movies", "Harry Potter"), ("skip the Bond films", "Bond"),
    ("Marvel-free", "Marvel"), ("not another Star Wars", "Star Wars"),
    ("I've had enough of Marvel", "Marvel"),
    ("except for Star Wars", "Star Wars"),
    ("but nothing with Adam Sandler", "Adam Sandler"), ("nothing directed by Michael Bay", "Michael Bay"),
    ("no Tom Cruise", "Tom Cruise"),
]  # fmt: skip
# Original languages, asked for and refused: (phrase, languages, languages refused).
LANGUAGES_ASKED: list[tuple[str, tuple[str, ...], tuple[str, ...]]] = [
    ("in French", ("fr",), ()), ("in Korean please", ("ko",), ()), ("spoken in Italian", ("it",), ()),
    ("Spanish-language", ("es",), ()), ("in Japanese", ("ja",), ()),
    ("in German or French", ("de", "fr"), ()),
    ("in Spanish only", ("es",), ()), ("not in English", (), ("en",)), ("nothing in English", (), ("en",)),
    ("with subtitles", (), ("en",)), ("subtitled", (), ("en",)), ("non-English", (), ("en",)),
    ("I want subtitles", (), ("en",)), ("no subtitles", ("en",), ()), ("in English", ("en",), ()),
    ("English-language only", ("en",), ()), ("nothing in French", (), ("fr",)), ("not in Hindi", (), ("hi",)),
]  # fmt: skip
OPENERS = [
    "{x}", "I want {x}", "can you recommend {x}?", "looking for {x}", "show me {x}", "any ideas for {x}?",
    "hey! {x}", "I'm in the mood for {x}", "find me {x}", "{x}, thanks", "recommend {x} please",
]  # fmt: skip
FILLERS = ["", "", " for tonight", " for a date night", " to watch with friends", " please", "!", " :)"]
JOINS = [", ", " and ", ", but ", " - ", "; "]


def generate_cases(n: int = 2_400, seed: int = 11) -> list[GrammarCase]:
    """n requests, each 1-4 constraint phrases in a random opener with random filler."""
    rng = random.Random(seed)
    cases: list[GrammarCase] = []
    for number in range(n):
        parts: list[str] = []
        expected = C()
        asked = rng.choice(GENRES_ASKED) if rng.random() < 0.7 else None
        if asked:
            parts.append(asked[0])
            expected = replace(expected, include_genres=asked[1])
        else:
            parts.append(rng.choice(["a film", "a movie", "something", "films"]))
        kinds = ["years", "refuse", "runtime", "rating", "series", "language"]
        extras = rng.sample(kinds, k=rng.choice([1, 1, 2, 2, 3]))
        for extra in extras:
            phrase, expected = _extra(rng, extra, expected)
            if phrase:
                parts.append(phrase)
        body = parts[0] + "".join(rng.choice(JOINS) + part for part in parts[1:])
        text = rng.choice(OPENERS).format(x=body) + rng.choice(FILLERS)
        cases.append(GrammarCase(number, text, expected))
    return cases


def _extra(rng: random.Random, kind: str, expected: RequestConstraints) -> tuple[str, RequestConstraints]:
    if kind == "years":
        if rng.random() < 0.5:
            decade = rng.choice(list(DECADES))
            words = rng.choice(DECADES[decade])
            lo, hi = decade, decade + 9
            if rng.random() < 0.25 and words.split()[-1][0].isdigit():
                part = rng.choice(list(PART_OF_DECADE))
                words = words.replace("the ", f"the {part} ", 1)
                lo, hi = decade + PART_OF_DECADE[part][0], decade + PART_OF_DECADE[part][1]
            return rng.choice(DECADE_FRAMES).format(d=words), replace(expected, year_min=lo, year_max=hi)
        template, low, high = rng.choice(YEAR_BOUNDS)
        year = rng.randrange(1960, 2016)
        return template.format(y=year, yy=f"{year % 100:02d}", yy2=f"{(year + 2) % 100:02d}"), replace(
            expected,
            year_min=None if low == 9999 else year + low,
            year_max=None if high == 9999 else year + high,
        )
    if kind == "refuse":
        choices = [g for g in GENRES_REFUSED if g[2] not in expected.include_genres]
        noun, single, genre = rng.choice(choices)
        template = rng.choice(REFUSALS)
        article = "an" if single[0] in "aeiou" else "a"
        phrase = template.format(g=noun, g1=single) if "{g1}" in template else template.format(g=noun)
        phrase = phrase.replace("not a ", f"not {article} ")
        return phrase, replace(expected, exclude_genres=(genre,))
    if kind == "runtime":
        phrase, least, most = rng.choice(RUNTIMES)
        return phrase, replace(expected, runtime_min=least, runtime_max=most)
    if kind == "rating":
        phrase, rating = rng.choice(RATINGS)
        return phrase, replace(expected, rating_min=rating)
    if kind == "language":
        phrase, wanted, refused = rng.choice(LANGUAGES_ASKED)
        return phrase, replace(expected, languages=wanted, exclude_languages=refused)
    phrase, name = rng.choice(SERIES)
    return phrase, replace(expected, exclude_series=(name,))


def parse_mismatch(case: GrammarCase, index: CatalogueIndex) -> dict[str, Any] | None:
    """The fields read differently from what the case states, or None for an exact parse."""
    got = parse_request(case.text, index).constraints
    wrong = {
        f.name: {"expected": getattr(case.expected, f.name), "got": getattr(got, f.name)}
        for f in fields(C)
        if f.name != "excluded_films" and getattr(case.expected, f.name) != getattr(got, f.name)
    }
    if bool(case.expected.exclude_series) != bool(got.excluded_films):
        wrong["excluded_films"] = {"expected": "the series' films", "got": len(got.excluded_films)}
    return wrong or None


def exact_parses(index: CatalogueIndex, cases: list[GrammarCase]) -> dict[str, Any]:
    misses = [(case, miss) for case in cases if (miss := parse_mismatch(case, index))]
    return {
        "cases": len(cases),
        "exact": len(cases) - len(misses),
        "exact_rate": round(1 - len(misses) / len(cases), 4) if cases else 0.0,
        "misses": [{"case": c.number, "text": c.text, "wrong": _jsonable(m)} for c, m in misses[:20]],
    }


def shown_violations(assistant: MovieAssistant, cases: list[GrammarCase], k: int = 5) -> dict[str, Any]:
    """Recommend for each case; count shown films that break the case's stated constraints, or the
    constraints the parser read (a series ruled out is checked through the parser's member list)."""
    index = assistant.engine.index
    shown = broken = 0
    examples: list[dict[str, Any]] = []
    for case in cases:
        parsed = parse_request(case.text, index)
        stated = replace(case.expected, excluded_films=parsed.constraints.excluded_films)
        for rec in assistant.recommend(case.text, k=k):
            movie = assistant.movie(rec.movie_id)
            if movie is None:
                continue
            shown += 1
            why = stated.violations(movie) + parsed.constraints.violations(movie)
            if why:
                broken += 1
                if len(examples) < 20:
                    examples.append({"case": case.number, "text": case.text, "film": movie.label, "why": why})
    return {"cases": len(cases), "shown": shown, "violations": broken, "examples": examples}


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, (tuple, list, frozenset, set)):
        return [_jsonable(v) for v in value]
    return value


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--cases", type=int, default=2_400)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args(argv)
    from ingest.catalogue import read_catalogue

    index = CatalogueIndex(read_catalogue(CATALOGUE).movies)
    result = exact_parses(index, generate_cases(args.cases, args.seed))
    if args.json:
        print(
            json.dumps({k: v for k, v in result.items() if k != "misses"} | {"misses": result["misses"][:5]})
        )
        return
    print(f"{result['cases']} cases, {result['exact']} exact ({result['exact_rate']:.2%})")
    for miss in result["misses"]:
        print(f"  #{miss['case']} {miss['text']!r}: {miss['wrong']}")


if __name__ == "__main__":
    main()
