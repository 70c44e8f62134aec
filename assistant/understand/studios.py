"""Who made a film, as far as the catalogue knows, and the studios a message rules out.

"An animated film that isn't from Disney or Pixar" showed Toy Story 2, Aladdin, The Lion King,
Fantasia, One Hundred and One Dalmatians and Up. TMDB 5000 records each film's production companies
(`data/studios.parquet`, built by `data/prepare.py`), and viewers' tags name a few more
("studio ghibli", "pixar"); the newer films of the shipped catalogue (the
TMDB top 10,000) come with none. A studio a message refuses is a hard constraint, held like a refused
series (`RequestConstraints.excluded_films`): the films whose companies carry the studio's name, and
the films of their series by title stem (Frozen II and Toy Story 4 have no record; Frozen and Toy
Story do). That errs on the side of leaving a film out: the 2010 Robin Hood goes with Disney's
(as a documentary about Star Wars goes with "no Star Wars"). What no record says cannot be
checked, and the reply says so in one notice. A studio asked for ("a DreamWorks animated comedy")
puts its recorded films first (`Engine.order`); before, Up, Big Hero 6 and Toy Story 2 led.
"Indie" is read the same way, as the films of the independent and specialty companies (`INDIE`):
"2000s indie movies" opened with Inglourious Basterds, The Dark Knight and The Incredibles.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import pandas as pd

from assistant.understand.series import title_stem
from assistant.understand.vocabulary import STUDIOS
from ingest.movie import Movie

STUDIO_NAME = re.compile(STUDIOS, re.I)  # a studio's name as people say it
STUDIOS_FILE = "studios.parquet"  # in data/: movie_id, studio (one row per production company)
# How a studio is called -> what its companies' names say ("Walt Disney Pictures", "Pixar Animation
# Studios", "DreamWorks SKG"); the name itself where no entry says otherwise.
_COMPANY_WORDS = {
    "ghibli": r"ghibli",
    "warner": r"\bwarner\b",
    "universal": r"\buniversal\b",
    "paramount": r"\bparamount\b",
    "lionsgate": r"\blions\s*gate\b",
    "hammer": r"\bhammer\s+film",
    "neon": r"^neon$",
    "focus": r"\bfocus\s+(?:features|films)\b",
    "illumination": r"\billumination\s+entertainment\b",
    "laika": r"\blaika\b",
    # Disney has released every Pixar film ("Disney·Pixar"): "no Disney" is no Up or Toy Story either
    "disney": r"\bdisney\b|\bpixar\b",
}
# "Indie" as film lovers say it: made or released by the independent and specialty companies (90s
# Miramax, Fox Searchlight, Focus, A24, Film4 ...), or keyworded "independent film" by TMDB (318
# films; `StudioIndex` keeps them apart from the records). Either alone misses much: the keyword is not
# on Little Miss Sunshine, Juno or Lost in Translation, and the Duplass brothers' films name no
# specialty label.
INDIE = (
    r"\ba24\b|^neon$|searchlight|focus\s+features|sony\s+pictures\s+classics|\bifc\b|magnolia\s+pictures"
    r"|killer\s+films|annapurna|film\s*(?:4|four)\b|channel\s+four\s+films|bbc\s+films|miramax|fine\s+line|good\s+machine"
    r"|paramount\s+vantage|picturehouse|thinkfilm|newmarket|overture\s+films|october\s+films|gramercy"
    r"|artisan\s+entertainment|view\s+askew|this\s+is\s+that|big\s+beach|samuel\s+goldwyn|oscilloscope"
    r"|strand\s+releasing|kino\s+lorber|zeitgeist|cinereach|duplass|bona\s+fide|usa\s+films|sundance"
    r"|\bindependent\b"
)
_COMPANY_WORDS |= {"indie": INDIE, "independent": INDIE}
INDIE_KEYWORD = "independent film"
# ... and not made with a major studio besides: Newmarket financed American Pie (Universal), and
# the records put ThinkFilm on Transformers and Good Machine on Hulk. The keyword holds whatever the
# companies.
MAJOR = re.compile(
    r"^(?:universal\s+pictures|paramount\s+pictures|warner\s+bros\.?(?:\s+pictures)?|twentieth\s+century\s+fox"
    r"(?:\s+film\s+corporation)?|20th\s+century\s+fox|columbia\s+pictures(?:\s+corporation)?|walt\s+disney\s+pictures"
    r"|dreamworks(?:\s+skg|\s+pictures)?|marvel\s+(?:studios|enterprises)|metro-goldwyn-mayer(?:\s+\(mgm\))?"
    r"|new\s+line\s+cinema|sony\s+pictures|tristar\s+pictures)$",
    re.I,
)


def load_studios(data_dir: Path | str) -> dict[str, tuple[str, ...]]:
    """Film id -> its production companies, from `data/studios.parquet`; {} when absent."""
    path = Path(data_dir) / STUDIOS_FILE
    if not path.exists():
        return {}
    table = pd.read_parquet(path)
    out: dict[str, list[str]] = defaultdict(list)
    for film, studio in zip(table["movie_id"].astype(str).tolist(), table["studio"].tolist(), strict=True):
        out[film].append(str(studio))
    return {film: tuple(names) for film, names in out.items()}


def with_labels(
    studios: Mapping[str, Sequence[str]], tags: Mapping[str, Sequence[str]]
) -> dict[str, tuple[str, ...]]:
    """`studios` and what viewers' tags say of who made a film ("pixar", "studio ghibli"): TMDB 5000
    records four Ghibli films; viewers tagged Princess Mononoke and Howl's Moving Castle too."""
    out = {film: tuple(names) for film, names in studios.items()}
    for film, labels in tags.items():
        said = tuple(label for label in labels if STUDIO_NAME.fullmatch(label))
        if said:
            out[film] = (*out.get(film, ()), *said)
    return out


def company_pattern(said: str) -> re.Pattern[str]:
    """What the companies of a studio said as `said` ("Studio Ghibli", "Warner Bros.") are called."""
    words = re.sub(
        r"\b(?:studios?|pictures|films?|bros\.?|features|entertainment)\b", " ", said.lower()
    ).split()
    key = words[0] if words else said.lower()
    return re.compile(_COMPANY_WORDS.get(key, rf"\b{re.escape(key)}"), re.I)


class StudioIndex:
    """The catalogue's films by production company, and their series."""

    def __init__(self, movies: Iterable[Movie], studios: Mapping[str, Sequence[str]]) -> None:
        self._movies = {m.id: m for m in movies}
        self._studios = {film: tuple(names) for film, names in studios.items() if film in self._movies}
        # what TMDB's keywords say of who made a film (not a record of its companies: `__bool__`)
        self._independent = frozenset(
            m.id for m in self._movies.values() if any(k.lower() == INDIE_KEYWORD for k in m.keywords)
        )
        self._by_stem: dict[str, list[str]] = defaultdict(list)
        for m in self._movies.values():
            self._by_stem[title_stem(m.title)].append(m.id)
        self._films_of: dict[str, frozenset[str]] = {}  # by the name as said: asked twice per request

    def __bool__(self) -> bool:
        return bool(self._studios)

    def films_of(self, said: str) -> frozenset[str]:
        """Ids of the films a studio made, as its records say, and the rest of their series."""
        if said in self._films_of:
            return self._films_of[said]
        pattern = company_pattern(said)
        made = {film for film, names in self._studios.items() if any(pattern.search(n) for n in names)}
        if pattern.pattern == INDIE:  # how a film was made, no franchise: Clerks' stem is not Clerks II's
            independent = {film for film in made if not any(MAJOR.match(n) for n in self._studios[film])}
            self._films_of[said] = frozenset(independent | self._independent)
            return self._films_of[said]
        stems = {title_stem(self._movies[film].title) for film in made}
        self._films_of[said] = frozenset(made | {f for stem in stems for f in self._by_stem.get(stem, ())})
        return self._films_of[said]
