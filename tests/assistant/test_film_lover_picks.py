"""Six requests a film lover typed (issue 12), each with the films a film lover would accept.

The accepted films were written down by an independent judge from film knowledge on 2026-11-29,
before any tuning, without running the recommender or looking at its answers; never adjust these
lists to what the recommender returns. A request passes when at least three of the five films
shown are on its list. Each list is generous but honest: a good fit left off counts as a miss.

Not met yet (see SHORTFALL): the cases are marked strict xfail with the measured reason. Marked
slow: the whole shipped catalogue is ingested once per session.
"""

from __future__ import annotations

import pytest

from assistant import MovieAssistant, Recommendation
from ingest.movie import Movie

pytestmark = pytest.mark.slow

Films = tuple[tuple[str, str, int], ...]  # (catalogue id, title, year)

UPLIFTING: Films = (
    ("116149", "Paddington", 2014),
    ("346648", "Paddington 2", 2017),
    ("77338", "Intouchables", 2011),
    ("773", "Little Miss Sunshine", 2006),
    ("116745", "The Secret Life of Walter Mitty", 2013),
    ("13", "Forrest Gump", 1994),
    ("194", "Amélie", 2001),
    ("14160", "Up", 2009),
    ("150540", "Inside Out", 2015),
    ("354912", "Coco", 2017),
    ("369557", "Sing Street", 2016),
    ("1584", "School of Rock", 2003),
    ("1402", "The Pursuit of Happyness", 2006),
    ("212778", "Chef", 2014),
    ("122906", "About Time", 2013),
    ("381284", "Hidden Figures", 2016),
    ("508442", "Soul", 2020),
    ("137", "Groundhog Day", 1993),
    ("2493", "The Princess Bride", 1987),
    ("11631", "Mamma Mia!", 2008),
    ("371645", "Hunt for the Wilderpeople", 2016),
    ("872", "Singin' in the Rain", 1952),
    ("120467", "The Grand Budapest Hotel", 2014),
    ("862", "Toy Story", 1995),
    ("12", "Finding Nemo", 2003),
    ("316029", "The Greatest Showman", 2017),
    ("71", "Billy Elliot", 2000),
    ("864", "Cool Runnings", 1993),
    ("2062", "Ratatouille", 2007),
    ("24803", "Julie & Julia", 2009),
    ("10719", "Elf", 2003),
    ("8835", "Legally Blonde", 2001),
    ("331482", "Little Women", 2019),
    ("10201", "Yes Man", 2008),
    ("257211", "The Intern", 2015),
    ("9598", "Babe", 1995),
    ("10681", "WALL·E", 2008),
    ("277834", "Moana", 2016),
    ("269149", "Zootopia", 2016),
    ("16859", "Kiki's Delivery Service", 1989),
    ("8392", "My Neighbor Totoro", 1988),
    ("490132", "Green Book", 2018),
    ("198277", "Begin Again", 2013),
)

CLEVER_HEIST: Films = (
    ("388", "Inside Man", 2006),
    ("161", "Ocean's Eleven", 2001),
    ("163", "Ocean's Twelve", 2004),
    ("298", "Ocean's Thirteen", 2007),
    ("10536", "The Italian Job", 1969),
    ("9654", "The Italian Job", 2003),
    ("75656", "Now You See Me", 2013),
    ("291805", "Now You See Me 2", 2016),
    ("9277", "The Sting", 1973),
    ("500", "Reservoir Dogs", 1992),
    ("629", "The Usual Suspects", 1995),
    ("913", "The Thomas Crown Affair", 1999),
    ("399170", "Logan Lucky", 2017),
    ("107", "Snatch", 2000),
    ("100", "Lock, Stock and Two Smoking Barrels", 1998),
    ("27205", "Inception", 2010),
    ("11371", "The Score", 2001),
    ("401469", "Widows", 2018),
    ("449443", "Den of Thieves", 2018),
    ("1844", "Entrapment", 1999),
    ("2322", "Sneakers", 1992),
    ("8848", "The Bank Job", 2008),
    ("10743", "Confidence", 2003),
    ("256591", "Focus", 2015),
    ("11088", "Heist", 2001),
    ("489931", "American Animals", 2018),
)

MEDITATIVE_SPACE: Films = (
    ("62", "2001: A Space Odyssey", 1968),
    ("593", "Solaris", 1972),
    ("2103", "Solaris", 2002),
    ("157336", "Interstellar", 2014),
    ("49047", "Gravity", 2013),
    ("17431", "Moon", 2009),
    ("419704", "Ad Astra", 2019),
    ("1272", "Sunshine", 2007),
    ("376865", "High Life", 2018),
    ("369972", "First Man", 2018),
    ("10681", "WALL·E", 2008),
    ("811", "Silent Running", 1972),
    ("1381", "The Fountain", 2006),
    ("686", "Contact", 1997),
    ("614911", "The Midnight Sky", 2020),
    ("4437", "2010", 1984),
    ("174772", "Europa Report", 2013),
    ("559581", "Stowaway", 2021),
)

SPY_NOT_BOND: Films = (
    ("954", "Mission: Impossible", 1996),
    ("955", "Mission: Impossible II", 2000),
    ("956", "Mission: Impossible III", 2006),
    ("56292", "Mission: Impossible - Ghost Protocol", 2011),
    ("177677", "Mission: Impossible - Rogue Nation", 2015),
    ("353081", "Mission: Impossible - Fallout", 2018),
    ("2501", "The Bourne Identity", 2002),
    ("2502", "The Bourne Supremacy", 2004),
    ("2503", "The Bourne Ultimatum", 2007),
    ("49040", "The Bourne Legacy", 2012),
    ("324668", "Jason Bourne", 2016),
    ("207703", "Kingsman: The Secret Service", 2014),
    ("343668", "Kingsman: The Golden Circle", 2017),
    ("203801", "The Man from U.N.C.L.E.", 2015),
    ("36955", "True Lies", 1994),
    ("341013", "Atomic Blonde", 2017),
    ("27576", "Salt", 2010),
    ("238713", "Spy", 2015),
    ("401981", "Red Sparrow", 2018),
    ("7451", "xXx", 2002),
    ("37834", "Knight and Day", 2010),
    ("213", "North by Northwest", 1959),
    ("137094", "Jack Ryan: Shadow Recruit", 2014),
    ("1669", "The Hunt for Red October", 1990),
    ("9869", "Patriot Games", 1992),
    ("9331", "Clear and Present Danger", 1994),
    ("8195", "Ronin", 1998),
    ("39514", "RED", 2010),
    ("37710", "The Tourist", 2010),
    ("70435", "Haywire", 2011),
    ("816", "Austin Powers: International Man of Mystery", 1997),
    ("9486", "Johnny English", 2003),
    ("454992", "The Spy Who Dumped Me", 2018),
    ("787", "Mr. & Mrs. Smith", 2005),
    ("1535", "Spy Game", 2001),
    ("4327", "Charlie's Angels", 2000),
    ("59961", "Safe House", 2012),
    ("577922", "Tenet", 2020),
    ("11412", "The Long Kiss Goodnight", 1996),
)

GENTLER_MATRIX: Films = (
    ("37165", "The Truman Show", 1998),
    ("27205", "Inception", 2010),
    ("38", "Eternal Sunshine of the Spotless Mind", 2004),
    ("550988", "Free Guy", 2021),
    ("97", "Tron", 1982),
    ("20526", "TRON: Legacy", 2010),
    ("333339", "Ready Player One", 2018),
    ("1090", "The Thirteenth Floor", 1999),
    ("1903", "Vanilla Sky", 2001),
    ("152601", "Her", 2013),
    ("45612", "Source Code", 2011),
    ("38050", "The Adjustment Bureau", 2011),
    ("4977", "Paprika", 2006),
    ("82690", "Wreck-It Ralph", 2012),
    ("137106", "The Lego Movie", 2014),
    ("2657", "Pleasantville", 1998),
    ("137", "Groundhog Day", 1993),
    ("353486", "Jumanji: Welcome to the Jungle", 2017),
    ("1262", "Stranger Than Fiction", 2006),
    ("324857", "Spider-Man: Into the Spider-Verse", 2018),
    ("782", "Gattaca", 1997),
)

GUESSING_THRILLER: Films = (
    ("629", "The Usual Suspects", 1995),
    ("807", "Se7en", 1995),
    ("210577", "Gone Girl", 2014),
    ("11324", "Shutter Island", 2010),
    ("745", "The Sixth Sense", 1999),
    ("77", "Memento", 2000),
    ("146233", "Prisoners", 2013),
    ("550", "Fight Club", 1999),
    ("1124", "The Prestige", 2006),
    ("670", "Oldboy", 2003),
    ("1592", "Primal Fear", 1996),
    ("2832", "Identity", 2003),
    ("1933", "The Others", 2001),
    ("1949", "Zodiac", 2007),
    ("2649", "The Game", 1997),
    ("322", "Mystic River", 2003),
    ("546554", "Knives Out", 2019),
    ("411088", "Contratiempo", 2017),
    ("489999", "Searching", 2018),
    ("1073", "Arlington Road", 1999),
    ("109421", "Side Effects", 2013),
    ("4771", "Gone Baby Gone", 2007),
    ("426", "Vertigo", 1958),
    ("539", "Psycho", 1960),
    ("419430", "Get Out", 2017),
    ("65754", "The Girl with the Dragon Tattoo", 2011),
    ("617", "Wild Things", 1998),
    ("9913", "The Skeleton Key", 2005),
    ("181886", "Enemy", 2013),
    ("340666", "Nocturnal Animals", 2016),
    ("12149", "Frailty", 2001),
    ("1586", "Secret Window", 2004),
    ("4553", "The Machinist", 2004),
    ("21208", "Orphan", 2009),
    ("402", "Basic Instinct", 1992),
    ("206487", "Predestination", 2014),
    ("1213", "The Talented Mr. Ripley", 1999),
    ("46738", "Incendies", 2010),
    ("567", "Rear Window", 1954),
    ("6145", "Fracture", 2007),
    ("300669", "Don't Breathe", 2016),
    ("9741", "Unbreakable", 2000),
    ("381288", "Split", 2016),
    ("346685", "The Girl on the Train", 2016),
)

BOND_FILMS: Films = (
    ("646", "Dr. No", 1962),
    ("657", "From Russia with Love", 1963),
    ("658", "Goldfinger", 1964),
    ("660", "Thunderball", 1965),
    ("667", "You Only Live Twice", 1967),
    ("668", "On Her Majesty's Secret Service", 1969),
    ("681", "Diamonds Are Forever", 1971),
    ("253", "Live and Let Die", 1973),
    ("682", "The Man with the Golden Gun", 1974),
    ("691", "The Spy Who Loved Me", 1977),
    ("698", "Moonraker", 1979),
    ("699", "For Your Eyes Only", 1981),
    ("700", "Octopussy", 1983),
    ("36670", "Never Say Never Again", 1983),
    ("707", "A View to a Kill", 1985),
    ("708", "The Living Daylights", 1987),
    ("709", "Licence to Kill", 1989),
    ("710", "GoldenEye", 1995),
    ("714", "Tomorrow Never Dies", 1997),
    ("36643", "The World Is Not Enough", 1999),
    ("36669", "Die Another Day", 2002),
    ("36557", "Casino Royale", 2006),
    ("12208", "Casino Royale", 1967),
    ("10764", "Quantum of Solace", 2008),
    ("37724", "Skyfall", 2012),
    ("206647", "Spectre", 2015),
    ("370172", "No Time to Die", 2021),
)

MATRIX_FILMS: Films = (
    ("603", "The Matrix", 1999),
    ("604", "The Matrix Reloaded", 2003),
    ("605", "The Matrix Revolutions", 2003),
    ("624860", "The Matrix Resurrections", 2021),
    ("14543", "The Matrix Revisited", 2001),
)

ACCEPTED: dict[str, Films] = {
    "an uplifting film to cheer me up on a gloomy day": UPLIFTING,
    "a clever heist movie with a twist": CLEVER_HEIST,
    "a meditative, visually stunning film set in outer space": MEDITATIVE_SPACE,
    "spy action in the style of 007 that isn't a Bond film": SPY_NOT_BOND,
    "something like The Matrix, but gentler": GENTLER_MATRIX,
    "a thriller that keeps you guessing until the last minute": GUESSING_THRILLER,
}
MINIMUM_ACCEPTED_IN_TOP_5 = 3


def _ids(films: Films) -> set[str]:
    return {movie_id for movie_id, _, _ in films}


def _shown(picks: list[Recommendation]) -> list[str]:
    return [f"{pick.title} ({pick.year})" for pick in picks]


def test_accepted_lists_are_long_and_leave_out_what_the_request_rules_out() -> None:
    assert all(len(films) >= 12 for films in ACCEPTED.values())
    assert not _ids(SPY_NOT_BOND) & _ids(BOND_FILMS)
    assert not _ids(GENTLER_MATRIX) & _ids(MATRIX_FILMS)


def test_accepted_films_are_in_the_shipped_catalogue(catalogue_movies: list[Movie]) -> None:
    catalogue = {movie.id: (movie.title, movie.year) for movie in catalogue_movies}
    named = [film for films in (*ACCEPTED.values(), BOND_FILMS, MATRIX_FILMS) for film in films]
    missing = [film for film in named if catalogue.get(film[0]) != (film[1], film[2])]
    assert not missing


# Measured with the default ordering (RRF + learned ranker + standing) on 2026-11-29: five
# requests get 0-2 of 5 accepted (the heist one 2: The Hurricane Heist and La Casa de Papel beside
# Reservoir Dogs, Pulp Fiction, Now You See Me 2); the issue's own bar is not met for them yet.
# strict: the day a request passes, this marker must go (the test fails until it does), so the
# shortfall is never hidden.
SHORTFALL = pytest.mark.xfail(
    strict=True, reason="issue 12 open: fewer than 3 of 5 accepted with the default ordering of 2026-11-29"
)


MET = {
    "spy action in the style of 007 that isn't a Bond film",  # 3+ of 5 accepted since the first ranker
    # since 2026-11-30, the learned vote capped where no film is named: Now You See Me 2, The Bank
    # Job and Inception accepted; La Casa de Papel and The Hurricane Heist not
    "a clever heist movie with a twist",
    # since 2026-11-30, "meditative" is a mood (reflective, contemplative: drama, not horror or
    # action): 2001, Gravity, Interstellar accepted; Avatar and Alien not
    "a meditative, visually stunning film set in outer space",
}


@pytest.mark.parametrize(
    "request_text", [pytest.param(r, marks=() if r in MET else SHORTFALL) for r in ACCEPTED]
)
def test_a_film_lover_would_accept_at_least_three_of_five(
    assistant: MovieAssistant, request_text: str
) -> None:
    picks = assistant.recommend(request_text, k=5)
    accepted = [pick for pick in picks if pick.movie_id in _ids(ACCEPTED[request_text])]
    assert len(accepted) >= MINIMUM_ACCEPTED_IN_TOP_5, (
        f"{request_text!r}: {len(accepted)} of 5 accepted; shown {_shown(picks)}"
    )


def test_spy_request_shows_no_bond_film(assistant: MovieAssistant) -> None:
    picks = assistant.recommend("spy action in the style of 007 that isn't a Bond film", k=5)
    assert not [pick for pick in picks if pick.movie_id in _ids(BOND_FILMS)], _shown(picks)


def test_gentler_matrix_request_shows_no_matrix_film(assistant: MovieAssistant) -> None:
    picks = assistant.recommend("something like The Matrix, but gentler", k=5)
    assert not [pick for pick in picks if pick.movie_id in _ids(MATRIX_FILMS)], _shown(picks)
