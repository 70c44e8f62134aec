"""The taste profile in a real browser: upload a small Letterboxd export, ask "surprise me", and
none of the uploaded films comes back (though without the profile they would)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from tests.e2e.test_browser import Tab, UiServer, browser, cards, send, tab, ui_server  # noqa: F401 (fixtures)

PERSON = "browser-tester"


def letterboxd_export(path: Path, films: list[dict[str, object]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as f:
        out = csv.writer(f)
        out.writerow(["Date", "Name", "Year", "Letterboxd URI", "Rating"])
        for n, film in enumerate(films):
            out.writerow([f"2024-05-{n + 1:02d}", film["title"], film["year"], f"https://boxd.it/b{n}", 4.5])
    return path


@pytest.mark.server
def test_uploaded_films_never_come_back_after_surprise_me(
    tab: Tab,  # noqa: F811 (the browser tests' fixtures, imported above)
    ui_server: UiServer,  # noqa: F811
    tmp_path: Path,
) -> None:
    # What "surprise me" shows without a profile: exactly the films the export will say were seen.
    before = ui_server.api("/api/recommend", {"request": "surprise me", "k": 8})["recommendations"]
    assert len(before) == 8
    export = letterboxd_export(tmp_path / "ratings.csv", before)
    page = tab.page
    page.click("#rc-taste button:has-text('Your taste')")
    page.fill("#rc-user input, #rc-user textarea", PERSON)
    page.set_input_files("#rc-ratings input[type=file]", str(export))
    page.wait_for_function(
        "() => document.querySelector('#rc-taste-line').innerText.includes('taste')"
        " && document.querySelector('#rc-taste-line').innerText.includes('8 films rated')"
    )
    assert f"Using {PERSON}'s taste" in page.inner_text("#rc-taste-line")
    send(page, "surprise me", 1)
    shown = cards(page)
    assert len(shown) == 5
    uploaded = {str(film["movie_id"]) for film in before}
    assert not {movie_id for movie_id, _ in shown} & uploaded, shown
    assert "Picked for your taste" in page.inner_text("#rc-notices")
    assert not tab.outside and not tab.dialogs
