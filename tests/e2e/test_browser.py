"""The browser UI, end to end: `reelchat ui` as a real process on a free loopback port, driven by
Chromium through Playwright. Plus the UI's pure parts (filters, card HTML) without a browser."""

from __future__ import annotations

import json
import socket
import subprocess
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pytest

from assistant.sessions import SessionStore
from ingest.catalogue import read_catalogue
from tests.conftest import CATALOGUE, REPO, VENV_BIN, cli_env, free_port
from tests.e2e.conftest import wait_for_health
from ui.cards import card_html, chat_text
from ui.interactions import InteractionLog

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOT = REPO / "docs" / "screenshot.png"
HEIST = "a tense 90s heist thriller, nothing gory"
ROMCOM = "a romantic comedy set in New York, under 2 hours"  # one of the UI's examples
MARKUP = '<script>alert(1)</script><b>bold</b><img src=x onerror="window.__pwned=1">'
TURN = 90_000  # ms a turn may take on two busy cores (normally a second or two)


# --- the UI's pure parts ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def index() -> Any:
    from assistant.understand import CatalogueIndex

    return CatalogueIndex(read_catalogue(CATALOGUE).movies)


def test_every_offered_genre_filter_reads_as_that_constraint(index: Any) -> None:
    from assistant.understand import parse_request
    from ui.filters import filter_words, genre_phrases, with_filters

    phrases = genre_phrases(index)
    # All but TMDB's "Foreign", which reads as a language ("foreign films": not in English), as
    # people mean it; "Music" as "music films".
    assert set(phrases) == set(index.genres) - {"Foreign"}
    genres = sorted(phrases)
    for n, genre in enumerate(genres):
        other = genres[(n + 7) % len(genres)]
        for typed in ("a tense heist story, nothing gory", "something like The Matrix", ""):
            words = filter_words(1990, 1999, [genre], [other], phrases)
            parsed = parse_request(with_filters(typed, words), index).constraints
            assert (parsed.year_min, parsed.year_max) == (1990, 1999)
            assert genre in parsed.include_genres and parsed.exclude_genres == (other,), (typed, words)
    assert filter_words(None, 1980, [], [], phrases) == "until 1980"
    assert filter_words(2001.0, None, [], [], phrases) == "since 2001"
    assert with_filters("  funny  ", "") == "funny"


def test_the_language_filter_offers_what_the_catalogue_records_and_reads_as_a_constraint(index: Any) -> None:
    from assistant.understand import CatalogueIndex, parse_request
    from ui.filters import filter_words, language_choices, with_filters

    choices = language_choices(index)
    assert choices[:4] == ["Any language", "Not English", "English", "Japanese"]  # most films first
    expected = {"Any language": ((), ()), "Not English": ((), ("en",)), "Japanese": (("ja",), ())}
    for choice, (wanted, refused) in expected.items():
        words = filter_words(None, None, [], [], {}, choice)
        parsed = parse_request(with_filters("a quiet drama", words), index).constraints
        assert (parsed.languages, parsed.exclude_languages) == (wanted, refused), words
    none_recorded = CatalogueIndex([replace(m, language="") for m in read_catalogue(CATALOGUE).movies[:50]])
    assert language_choices(none_recorded) == ["Any language"]  # then the control is hidden


def test_a_card_names_the_language_of_a_film_not_in_english() -> None:
    card = {"movie_id": "1", "title": "Oldboy", "year": 2003, "genres": ["Thriller"]}
    assert "Korean" in card_html({**card, "language": "ko"}, 1)
    assert "English" not in card_html({**card, "language": "en"}, 1)  # the usual case says nothing


def test_card_and_chat_text_show_markup_as_text() -> None:
    card = {"movie_id": 'x" onmouseover="alert(1)', "title": "<i>T</i>", "year": 2001, "genres": ["Drama"]}
    html = card_html({**card, "overview": MARKUP, "directors": ["<b>D</b>"], "tagline": "<u>t</u>"}, 1)
    assert "<script>" not in html and "<b>" not in html and "<i>" not in html and "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&lt;b&gt;bold&lt;/b&gt;" in html
    assert 'data-movie-id="x&quot; onmouseover=&quot;alert(1)"' in html
    assert (
        chat_text("*Heat* <b>x</b> [link](http://e.x)")
        == r"\*Heat\* &lt;b&gt;x&lt;/b&gt; \[link\](http://e.x)"
    )


def test_ui_binds_loopback_by_default() -> None:
    from assistant.cli import build_parser

    args = build_parser().parse_args(["ui"])
    assert (args.host, args.port) == ("127.0.0.1", 7860)


# --- the real server and a real browser ------------------------------------------------------


@dataclass
class UiServer:
    url: str
    port: int
    home: Path
    log: Path

    def api(self, path: str, body: dict[str, Any]) -> dict[str, Any]:
        request = urllib.request.Request(
            f"{self.url}{path.lstrip('/')}",
            data=json.dumps(body).encode(),
            headers={"content-type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=120) as response:
            result: dict[str, Any] = json.load(response)
            return result


@pytest.fixture(scope="module")
def ui_server(
    make_home: Callable[[str], Path], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[UiServer]:
    home = make_home("browser-home")
    port = free_port()
    log = tmp_path_factory.mktemp("ui-log") / "server.log"
    env = cli_env(home, REELCHAT_LLM="none", REELCHAT_RERANKER="none")
    with log.open("w") as out:
        command = [str(VENV_BIN / "reelchat"), "ui", "--port", str(port)]
        proc = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, env=env)
    url = f"http://127.0.0.1:{port}/"
    try:
        wait_for_health(url, 240, lambda: proc.poll() is None)
        yield UiServer(url, port, home, log)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture(scope="module")
def llm_ui_server(
    make_home: Callable[[str], Path], tmp_path_factory: pytest.TempPathFactory, smollm2: Path
) -> Iterator[UiServer]:
    """The UI with a real model writing the prose (the packaged SmolLM2 through llama.cpp), so a
    reply takes seconds to stream, as it does for a person."""
    home = make_home("browser-llm-home")
    port = free_port()
    log = tmp_path_factory.mktemp("ui-llm-log") / "server.log"
    env = cli_env(home, REELCHAT_LLM="llamacpp", REELCHAT_GGUF=str(smollm2), REELCHAT_RERANKER="none")
    with log.open("w") as out:
        command = [str(VENV_BIN / "reelchat"), "ui", "--port", str(port)]
        proc = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, env=env)
    url = f"http://127.0.0.1:{port}/"
    try:
        wait_for_health(url, 240, lambda: proc.poll() is None)
        yield UiServer(url, port, home, log)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.mark.server
def test_server_prints_its_loopback_url_and_is_not_reachable_elsewhere(ui_server: UiServer) -> None:
    printed = ui_server.log.read_text()
    assert f"reelchat UI: http://127.0.0.1:{ui_server.port}/" in printed
    assert "Traceback" not in printed
    outward = _outward_address()
    if outward is None:
        pytest.skip("this machine has no non-loopback address to try")
    with pytest.raises(OSError):
        socket.create_connection((outward, ui_server.port), timeout=3).close()


def _outward_address() -> str | None:
    """This machine's address on its default route (a UDP connect sends nothing)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        try:
            sock.connect(("192.0.2.1", 9))  # TEST-NET-1: never routed anywhere real
        except OSError:
            return None
        address = str(sock.getsockname()[0])
    return None if address.startswith("127.") else address


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} not found: install Debian's chromium (apt-get install -y chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@dataclass
class Tab:
    page: Any
    dialogs: list[str]
    outside: list[str]  # requests that left this machine (there must be none)


@pytest.fixture
def tab(browser: Any, ui_server: UiServer) -> Iterator[Tab]:
    page = browser.new_page(viewport={"width": 1360, "height": 1040})
    page.set_default_timeout(TURN)
    found = Tab(page, [], [])

    def on_dialog(dialog: Any) -> None:
        found.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    local = (ui_server.url, "data:", "blob:")
    page.on("request", lambda r: None if r.url.startswith(local) else found.outside.append(r.url))
    page.goto(ui_server.url)
    page.wait_for_selector("#rc-message textarea")
    yield found
    page.close()


def bot_messages(page: Any) -> list[str]:
    return [str(t) for t in page.locator('#rc-chat [data-testid="bot"]').all_inner_texts()]


def wait_turn(page: Any, replies: int) -> str:
    """Wait until the chat holds `replies` bot messages and nothing is still streaming."""
    page.wait_for_function(
        """(n) => {
            const bots = document.querySelectorAll('#rc-chat [data-testid="bot"]');
            return bots.length >= n && bots[n - 1].innerText.trim() !== '…'
                && document.querySelectorAll('.generating, .pending').length === 0;
        }""",
        arg=replies,
    )
    return bot_messages(page)[replies - 1]


def send(page: Any, message: str, replies: int) -> str:
    page.fill("#rc-message textarea", message)
    page.click("#rc-send")
    return wait_turn(page, replies)


def title_of(card_title: str) -> str:
    """ "2 The Usual Suspects (1995)" -> "The Usual Suspects"."""
    return card_title.split(" ", 1)[1].rsplit(" (", 1)[0]


def logged(home: Path, kind: str) -> list[dict[str, Any]]:
    return [e for e in InteractionLog(home / "interactions.jsonl").entries() if e["kind"] == kind]


def cards(page: Any, replacing: list[tuple[str, str]] | None = None) -> list[tuple[str, str]]:
    """(movie id, title line) of each card shown, once they are there (and differ from `replacing`):
    the cards re-render just after the state that holds them changes."""
    page.wait_for_function(
        """(old) => {
            const ids = [...document.querySelectorAll('.rc-card')].map(c => c.dataset.movieId);
            return ids.length > 0 && ids.join() !== old.join();
        }""",
        arg=[i for i, _ in replacing or []],
    )
    found = page.locator(".rc-card")
    return [
        (
            str(found.nth(i).get_attribute("data-movie-id")),
            str(found.nth(i).locator(".rc-title").inner_text()),
        )
        for i in range(found.count())
    ]


@pytest.mark.server
def test_chat_streams_cards_explains_and_forgets_a_disliked_film(
    tab: Tab, ui_server: UiServer, catalogue_movies: list[Any]
) -> None:
    page = tab.page
    status = page.inner_text("#rc-status")
    assert f"{len(catalogue_movies):,} films indexed" in status and "LLM: none" in status
    # Record the reply's length as the DOM changes: streamed text arrives in several pieces.
    page.evaluate(
        """() => { window.__lengths = [];
        new MutationObserver(() => {
            const bots = document.querySelectorAll('#rc-chat [data-testid="bot"]');
            if (bots.length) window.__lengths.push(bots[bots.length - 1].innerText.trim().length);
        }).observe(document.querySelector('#rc-chat'), {subtree: true, childList: true, characterData: true});
        }"""
    )
    reply = send(page, HEIST, 1)
    shown = cards(page)
    assert len(shown) == 5
    lines = page.locator(".rc-card .rc-evidence").all_inner_texts()
    assert len(lines) == 5 and all(line.startswith("Matches: ") for line in lines), lines
    assert all("1990s" in line for line in lines) and any("heist" in line for line in lines), lines
    assert ";" not in reply and "its story involves" not in reply  # sentences, not fragments
    assert all(title.split(" ", 1)[1] in reply for _, title in shown)  # the prose covers every card
    lengths = page.evaluate("window.__lengths")
    assert len({n for n in lengths if 1 < n < len(reply.strip())}) >= 2, lengths  # partial replies seen
    # The screenshot opens on the request, not the end of the reply the chat scrolled to.
    page.evaluate(
        "() => document.querySelectorAll('#rc-chat *').forEach(e => { if (e.scrollTop) e.scrollTop = 0; })"
    )
    page.screenshot(path=str(SCREENSHOT))

    second_title = title_of(shown[1][1])
    page.locator(".rc-why").nth(1).click()
    explained = wait_turn(page, 2)
    assert f"why did you recommend {second_title}?" in page.inner_text("#rc-chat")
    assert explained.startswith(second_title), explained
    assert cards(page) == shown  # the cards stay while one is explained

    first_id, first_title = shown[0][0], title_of(shown[0][1])
    page.locator(".rc-dislike").nth(0).click()
    notices = "(t) => document.querySelector('#rc-notices').innerText.includes(t)"
    page.wait_for_function(notices, arg=f"won't suggest {first_title}")
    vote = logged(ui_server.home, "feedback")[-1]
    assert (vote["movie_id"], vote["value"], vote["source"]) == (first_id, -1, "ui")
    assert SessionStore(ui_server.home / "sessions.sqlite").load(vote["session"]).disliked == {first_id}
    asked = logged(ui_server.home, "request")
    assert any(e["session"] == vote["session"] and e["shown"] == [i for i, _ in shown] for e in asked)

    send(page, HEIST, 3)
    again = cards(page, replacing=shown)
    assert len(again) == 5 and first_id not in {i for i, _ in again}
    assert not {i for i, _ in again} & {i for i, _ in shown}  # the session never repeats itself
    assert not tab.dialogs and not tab.outside


@pytest.mark.server
def test_filters_combine_with_what_is_typed(tab: Tab) -> None:
    from playwright.sync_api import expect

    page = tab.page
    page.get_by_text("Try one").scroll_into_view_if_needed()
    page.get_by_text(ROMCOM).click()
    expect(page.locator("#rc-message textarea")).to_have_value(ROMCOM)
    page.click("#rc-filters button")
    page.get_by_label("From year").fill("1980")
    page.get_by_label("To year").fill("1989")
    leave_out = page.get_by_label("Leave out these genres")
    leave_out.fill("Drama")
    leave_out.press("Enter")  # picks the one option left after typing
    leave_out.press("Escape")
    page.click("#rc-send")
    wait_turn(page, 1)
    assert len(cards(page)) == 5
    asked = page.locator('#rc-chat [data-testid="user"]').first.inner_text()
    assert asked == f"{ROMCOM}; from 1980 to 1989, no drama"
    shown = page.locator(".rc-card .rc-facts").all_inner_texts()
    titles = page.locator(".rc-card .rc-title").all_inner_texts()
    years = [int(t.rsplit("(", 1)[1].rstrip(")")) for t in titles]
    assert len(shown) == 5 and all(1980 <= y <= 1989 for y in years), years
    assert not any("Drama" in facts for facts in shown), shown
    assert all("Comedy" in facts and "Romance" in facts for facts in shown), shown
    assert not tab.dialogs and not tab.outside


@pytest.mark.server
def test_the_language_filter_shows_only_films_in_that_language(tab: Tab) -> None:
    page = tab.page
    page.fill("#rc-message textarea", "a gentle coming-of-age drama")
    page.click("#rc-filters button")
    language = page.get_by_label("Original language")
    language.fill("Japanese")
    language.press("Enter")
    language.press("Escape")
    page.click("#rc-send")
    wait_turn(page, 1)
    asked = page.locator('#rc-chat [data-testid="user"]').first.inner_text()
    assert asked == "a gentle coming-of-age drama; in Japanese"
    shown = page.locator(".rc-card .rc-facts").all_inner_texts()
    assert len(shown) == 5 and all("Japanese" in facts for facts in shown), shown
    assert not tab.dialogs and not tab.outside


@pytest.mark.server
def test_markup_in_a_plot_shows_as_text_and_never_runs(tab: Tab, ui_server: UiServer) -> None:
    added = ui_server.api(
        "/api/movies",
        {
            "id": "xss-1",
            "title": "The Zyzzyva Lighthouse",
            "overview": f"A lighthouse keeper on Zyzzyva island hears a voice. {MARKUP}",
            "year": 2004,
            "genres": ["Drama"],
        },
    )
    assert added["movie"]["overview"].endswith(MARKUP)  # stored as given; shown as text
    page = tab.page
    send(page, "a lighthouse keeper on Zyzzyva island", 1)
    card = page.locator('.rc-card[data-movie-id="xss-1"]')
    assert "<script>alert(1)</script><b>bold</b><img" in card.locator(".rc-plot").inner_text()
    assert card.locator("script, b, img").count() == 0
    assert page.locator("#rc-chat img[src=x], #rc-chat script").count() == 0
    page.wait_for_timeout(500)  # give a broken image's onerror time to fire, if it could
    assert page.evaluate("window.__pwned") is None
    assert not tab.dialogs


@pytest.mark.server
def test_each_tab_is_its_own_conversation(tab: Tab, browser: Any, ui_server: UiServer) -> None:
    send(tab.page, ROMCOM, 1)
    first = cards(tab.page)
    other = browser.new_page(viewport={"width": 1360, "height": 1040})
    try:
        other.set_default_timeout(TURN)
        other.goto(ui_server.url)
        other.wait_for_selector("#rc-message textarea")
        send(other, ROMCOM, 1)
        # A shared session would have excluded what the first tab was shown.
        assert cards(other) == first
    finally:
        other.close()
    sessions = {e["session"] for e in logged(ui_server.home, "request") if e["request"] == ROMCOM}
    assert len(sessions) == 2 and all(s.startswith("ui-") for s in sessions)


@pytest.mark.server
def test_nothing_to_go_on_gets_a_friendly_notice(tab: Tab) -> None:
    page = tab.page
    page.click("#rc-send")  # empty: answered on the page, nothing sent
    page.wait_for_function("() => document.querySelector('#rc-notices').innerText.includes('Tell me')")
    send(page, "🙂🙂", 1)
    assert "Tell me what you feel like watching" in page.inner_text("#rc-notices")
    assert "Traceback" not in page.content()


@pytest.mark.server
def test_why_this_answers_at_once_while_a_reply_is_still_streaming(
    browser: Any, llm_ui_server: UiServer
) -> None:
    page = browser.new_page(viewport={"width": 1360, "height": 1040})
    try:
        page.set_default_timeout(TURN)
        page.goto(llm_ui_server.url)
        page.wait_for_selector("#rc-message textarea")
        page.fill("#rc-message textarea", HEIST)
        page.click("#rc-send")
        shown = cards(page)  # the cards come first; the model is only starting to write
        third = title_of(shown[2][1])
        streaming = page.evaluate(
            """() => { const bots = document.querySelectorAll('#rc-chat [data-testid="bot"]');
                return !bots[0].innerText.includes('5. '); }"""
        )
        assert streaming, "the first reply had already finished: nothing to interrupt"
        page.locator(".rc-why").nth(2).click()
        clicked = time.monotonic()
        page.wait_for_function(
            """(title) => { const bots = document.querySelectorAll('#rc-chat [data-testid="bot"]');
                return bots.length >= 2 && bots[1].innerText.startsWith(title); }""",
            arg=third,
            timeout=5_000,
        )
        assert time.monotonic() - clicked < 5
        wait_turn(page, 2)  # and it finishes, with the film's own words
        assert bot_messages(page)[1].startswith(third)

        # A new message while a reply streams is answered at once too: the older reply stops.
        page.fill("#rc-message textarea", HEIST)
        page.click("#rc-send")
        streaming = cards(page, replacing=shown)
        page.fill("#rc-message textarea", ROMCOM)
        page.click("#rc-send")
        sent = time.monotonic()
        page.wait_for_function(
            """(n) => document.querySelectorAll('#rc-chat [data-testid="user"]').length >= n
                && document.querySelector('.rc-card') !== null""",
            arg=4,
            timeout=5_000,
        )
        romcom = cards(page, replacing=streaming)
        assert time.monotonic() - sent < 5, "the new message waited for the old reply"
        assert romcom != streaming
        last = wait_turn(page, 4)
        assert last.startswith(title_of(romcom[0][1])), last  # the reply is about the new cards
    finally:
        page.close()
