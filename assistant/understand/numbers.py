"""Years, runtime, rating and how many films: the numeric constraints of a request."""

from __future__ import annotations

import re
from datetime import date

from assistant.understand.measures import (
    APPROX_MINUTES,
    COUNT_OF_FILMS,
    GOOD_RATING_WORDS,
    LONG,
    NOT_LONG,
    RATING_RULES,
    RUNTIME_ABOUT,
    RUNTIME_RANGE,
    RUNTIME_REFUSAL_BEFORE,
    RUNTIME_RULES,
    SHORT,
    SHORT_NEGATED_BEFORE,
    TOP_K,
)
from assistant.understand.reading import Reading
from assistant.understand.vocabulary import (
    AGE_YEARS,
    CENTURY,
    CENTURY_NAMES,
    COMPARED_TO_NAMED,
    DECADE_NAMES,
    FEW_YEARS,
    GENRE_WORD,
    GOOD_RATING,
    HAS_YEAR_EXPRESSION,
    LAST_YEARS,
    LONG_MIN,
    MAX_K,
    MILLENNIUM_SPAN,
    NEGATED_BOUND,
    NOT_LONG_MAX,
    NOT_RELEASE_BEFORE,
    NUMBER_WORDS,
    OLD,
    OLD_YEAR_MAX,
    RECENT,
    RECENT_YEARS,
    SHORT_MAX,
    TENS,
    THIS_DECADE,
    THIS_YEAR,
    TURN_OF_MILLENNIUM,
    YEAR_EXPRESSION_PARTS,
    YEAR_REFUSAL_BEFORE,
    YEAR_RULES,
)


def spelled_value(words: str) -> int | None:
    """ "ninety" -> 90, "a hundred and twenty" -> 120, "two" -> 2, "an" -> 1; None when not a number."""
    total, found = 0, False
    for word in re.findall(r"[a-z]+", words.lower()):
        if word == "hundred":
            total, found = max(total, 1) * 100, True
        elif word in TENS or word in NUMBER_WORDS:
            total, found = total + TENS.get(word, NUMBER_WORDS.get(word, 0)), True
        elif word != "and":
            return None
    return total if found else None


def _spelled_decade(expr: str) -> int | None:
    """ "nineteen-eighties" -> 1980, "the nineties" -> 1990, "twenty-tens" -> 2010, "noughties" -> 2000."""
    text = expr.lower()
    if re.search(r"two[\s-]+thousands|noughties|aughts", text):
        return 2000
    if re.search(r"twenty[\s-]*tens", text):
        return 2010
    decade = next((n for name, n in DECADE_NAMES.items() if name in text), None)
    if decade is None:
        return None
    century = next((c for name, c in CENTURY_NAMES.items() if re.search(rf"{name}[\s-]*\w+ies", text)), None)
    return (century or 1900) + decade


_NOT_SAID_OF_IT = re.compile(r"(?:\bnot|n['’]t|\bno|\bnever|\bwithout)\s+(?:[\w-]+\s+){0,3}$", re.I)
_SETTING_AFTER = re.compile(r"\s*(?:['’]?s\s+)?(?:setting|period)\b", re.I)


def _year_span(expr: str) -> tuple[int, int]:
    modifier_match = re.search(r"\b(early|mid|late)", expr, re.I)
    modifier = modifier_match.group(1).lower() if modifier_match else ""
    if (spelled := _spelled_decade(expr)) is not None:
        lo, hi = {"early": (0, 3), "mid": (3, 6), "late": (6, 9)}.get(modifier, (0, 9))
        return spelled + lo, spelled + hi
    m = YEAR_EXPRESSION_PARTS.search(expr)
    assert m is not None
    number, decade = int(m.group(2)), m.group(3)
    if not decade:
        if number < 100:  # "after '95"
            number += 2000 if number < 30 else 1900
        return number, number
    if number < 100:  # "00s" and "10s" are this century, "20s" to "90s" the last
        number += 2000 if number < 20 else 1900
    if number in (1800, 1900):  # "films from the 1900s", "the early 1900s": the century, not 1900-09
        lo, hi = {"early": (0, 33), "mid": (33, 66), "late": (66, 99)}.get(modifier, (0, 99))
        return number + lo, number + hi
    lo, hi = {"early": (0, 3), "mid": (3, 6), "late": (6, 9)}.get(modifier, (0, 9))
    return number + lo, number + hi


def _compared_to_named(r: Reading, lows: list[int], highs: list[int], phrases: list[str]) -> None:
    """ "like Alien but newer": after the newest film named; "older": before the oldest."""
    years = [y for y in (r.index.movie(f).year for f in r.references) if y]
    if not years:
        return
    for m in list(COMPARED_TO_NAMED.finditer(r.masked)):
        if m.group("newer"):
            lows.append(max(years) + 1)
        else:
            highs.append(min(years) - 1)
        phrases.append(m.group().strip())
        r.take(m.start(), m.end())


def find_years(r: Reading) -> tuple[int | None, int | None]:
    lows: list[int] = []
    highs: list[int] = []
    spans: list[tuple[int, int]] = []
    phrases: list[str] = []
    for kind, rule in YEAR_RULES if HAS_YEAR_EXPRESSION.search(r.masked) else []:
        for m in list(rule.finditer(r.masked)):
            if kind == "in" and (
                r.before(NOT_RELEASE_BEFORE, m.start()) or _SETTING_AFTER.match(r.masked, m.end())
            ):
                continue  # "set in the 1920s", "an early 1900's setting": when it is set
            if kind == "short_range":
                first = int(m.group("a"))
                last = first // 100 * 100 + int(m.group("b"))
                a, b, kind = (first, first), (last if last >= first else last + 100,) * 2, "range"
            else:
                a = _year_span(m.group("a") or m.group("b"))
                b = _year_span(m.group("b")) if kind == "range" else a
            negated = r.before(YEAR_REFUSAL_BEFORE, m.start())
            start = negated.start() if negated else m.start()
            phrase = r.masked[start : m.end()].strip()
            r.take(start, m.end())
            if kind in ("in", "range") and negated:
                r.notices.append(f'I can\'t leave out a span of years, so I ignored "{phrase}".')
                continue
            if kind in ("in", "range"):
                spans.append((a[0], b[1]))
            else:
                kind = NEGATED_BOUND[kind] if negated else kind
                bound = {"after": a[1] + 1, "since": a[0], "before": a[0] - 1, "until": a[1]}[kind]
                (lows if kind in ("after", "since") else highs).append(bound)
            phrases.append(phrase)
    _relative_years(r, lows, highs, phrases)
    _compared_to_named(r, lows, highs, phrases)
    for rule, recent in ((RECENT, True), (OLD, False)):
        for m in list(rule.finditer(r.masked)):
            negated = r.before(YEAR_REFUSAL_BEFORE, m.start())
            start = negated.start() if negated else m.start()
            newest = r.index.latest_year - RECENT_YEARS
            if recent:
                (highs.append(newest - 1) if negated else lows.append(newest))
            else:
                (lows.append(OLD_YEAR_MAX + 1) if negated else highs.append(OLD_YEAR_MAX))
            phrases.append(r.masked[start : m.end()].strip())
            r.take(start, m.end())
    if spans:  # several decades widen the window ("80s or 90s"); bounds narrow it
        lows.append(min(s[0] for s in spans))
        highs.append(max(s[1] for s in spans))
    lo, hi = max(lows, default=None), min(highs, default=None)
    if lo is not None and hi is not None and lo > hi:
        r.notices.append(f"You asked for films {' and '.join(phrases)}; I ignored the year limits.")
        return None, None
    return lo, hi


def _relative_years(r: Reading, lows: list[int], highs: list[int], phrases: list[str]) -> None:
    """ "from the last ten years", "the past decade", "this century", "nothing from the last century"."""
    latest = r.index.latest_year
    for rule in (LAST_YEARS, CENTURY, AGE_YEARS, THIS_DECADE, THIS_YEAR, TURN_OF_MILLENNIUM):
        for m in list(rule.finditer(r.masked)):
            lo: int | None
            hi: int | None
            if rule is LAST_YEARS:
                if r.before(NOT_RELEASE_BEFORE, m.start()):
                    continue  # "a film about the last few years of a marriage": when it is set
                few = FEW_YEARS.get(" ".join((m.group("n") or "").lower().split()))
                years = 10 if m.group("decade") else few or _count(m.group("n"))
                if years is None or not 0 < years <= 100:
                    continue
                lo, hi = latest - years + 1, None
            elif rule is AGE_YEARS:
                age = _age(m)
                if age is None:
                    continue
                newer = bool(m.group("newer") or m.group("newer_age"))
                if (m.group("what") or "").lower() == "nothing":
                    newer = not newer  # "nothing more than a decade old"
                lo, hi = (latest - age + 1, None) if newer else (None, latest - age)
            elif rule is THIS_DECADE:
                lo, hi = latest // 10 * 10, None
            elif rule is THIS_YEAR:
                if r.before(NOT_RELEASE_BEFORE, m.start()):
                    continue
                which = (m.group("which") or m.group("which2")).lower()
                if which == "past":  # "in the past year": the newest films
                    lo, hi = latest, None
                else:
                    lo = hi = latest - (which == "last")
                    if r.before(YEAR_REFUSAL_BEFORE, m.start()):
                        if which == "last":
                            continue  # "nothing from last year": a gap in the years, which bounds cannot say
                        hi = None  # "nothing from this year" turns over to "until last year" below
                if date.today().year > latest:
                    said = " ".join((m.group("when") or m.group("when2")).lower().split())
                    newest = f"My catalogue's newest films are from {latest}"
                    r.notices.append(f"{newest}; I read {said!r} as {lo}.")
            elif rule is TURN_OF_MILLENNIUM:
                if r.before(NOT_RELEASE_BEFORE, m.start()):
                    continue  # "set at the turn of the century": when it is set
                lo, hi = 2000 - MILLENNIUM_SPAN, 2000 + MILLENNIUM_SPAN
            else:
                recent = m.group("which").lower() in ("this", "21st")
                lo, hi = (2000, None) if recent else (None, 1999)
            negated = r.before(YEAR_REFUSAL_BEFORE, m.start())
            if negated:  # "nothing from the last century": from 2000; "nothing from this century": until 1999
                lo, hi = (hi + 1 if hi is not None else None), (lo - 1 if lo is not None else None)
            start = negated.start() if negated else m.start()
            if rule is THIS_YEAR and not negated:
                start = m.start("when") if m.group("when") else m.start("when2")  # "a movie" stays asked for
            if rule is AGE_YEARS and m.group("what") and GENRE_WORD.fullmatch(m.group("what")):
                start = m.end("what")  # "a comedy less than 20 years old": the comedy is asked for too
            lows += [lo] if lo is not None else []
            highs += [hi] if hi is not None else []
            phrases.append(r.masked[start : m.end()].strip())
            r.take(start, m.end())


def _age(m: re.Match[str]) -> int | None:
    """The years of an `AGE_YEARS` match: "15 years", "a decade", "two decades", "a few years"."""
    words = " ".join((m.group("n") or m.group("n2")).lower().split())
    unit = (m.group("unit") or m.group("unit2")).lower()
    count = FEW_YEARS.get(words.removeprefix("a ")) or _count(words)
    years = None if count is None else count * (10 if unit.startswith("decade") else 1)
    return years if years is not None and 0 < years <= 100 else None


def _count(word: str) -> int | None:
    return int(word) if word.isdigit() else spelled_value(word)


def _minutes(m: re.Match[str]) -> int:
    number = m.group("num").lower()
    value = float(number) if number[0].isdigit() else float(spelled_value(number) or 0)
    value += 0.5 if m.group("half0") or m.group("half1") else 0.0
    extra = int(m.group("extra") or m.group("bare") or 0)
    return round(value * (60 if m.group("unit").lower().startswith("h") else 1) + extra)


# "less than two hours long", "under 2 hours in length": the rest of the runtime said, no topic
_LENGTH_TAIL = re.compile(r"\s+(?:long|in\s+(?:length|runtime)|of\s+runtime|running\s+time)\b", re.I)


def _with_tail(r: Reading, end: int) -> int:
    tail = _LENGTH_TAIL.match(r.masked, end)
    return tail.end() if tail else end


def find_runtime(r: Reading) -> tuple[int | None, int | None]:
    bounds: dict[str, list[int]] = {"min": [], "max": []}
    for m in list(RUNTIME_RANGE.finditer(r.masked)):  # "between 90 and 120 minutes"
        longest = _minutes(m)
        said = m.group("lo") or m.group("lo2")
        number = float(said) if said[0].isdigit() else float(spelled_value(said) or 0)
        unit = (m.group("lo_unit") or m.group("lo2_unit") or m.group("unit")).lower()
        shortest = round(number * (60 if unit.startswith("h") else 1))
        if 0 < shortest < longest:
            bounds["min"].append(shortest)
            bounds["max"].append(longest)
            r.take(m.start(), _with_tail(r, m.end()))
    for kind, rule in RUNTIME_RULES:
        for m in list(rule.finditer(r.masked)):
            start = m.start()
            if refused := r.before(RUNTIME_REFUSAL_BEFORE, start, 40):  # "nothing over two hours"
                kind, start = "max" if kind == "min" else "min", refused.start()
            bounds[kind].append(_minutes(m))
            r.take(start, _with_tail(r, m.end()))
    for rule in RUNTIME_ABOUT:  # "about 90 minutes", "a 2-hour movie": that long, give or take
        for m in list(rule.finditer(r.masked)):
            minutes = _minutes(m)
            bounds["min"].append(max(minutes - APPROX_MINUTES, 1))
            bounds["max"].append(minutes + APPROX_MINUTES)
            r.take(m.start(), _with_tail(r, m.end()))
    for rule, limit in ((NOT_LONG, NOT_LONG_MAX), (SHORT, SHORT_MAX)):
        for m in list(rule.finditer(r.masked)):
            if not r.before(SHORT_NEGATED_BEFORE, m.start()):
                bounds["max"].append(limit)
                r.take(m.start(), m.end())
    for m in list(LONG.finditer(r.masked)):
        bounds["min"].append(LONG_MIN)
        r.take(m.start(), m.end())
    lo, hi = max(bounds["min"], default=None), min(bounds["max"], default=None)
    if lo is not None and hi is not None and lo > hi:
        r.notices.append(
            f"You asked for films over {lo} and under {hi} minutes; I ignored the runtime limits."
        )
        return None, None
    return lo, hi


def find_rating(r: Reading) -> float | None:
    ratings: list[float] = []
    for rule in RATING_RULES:
        for m in list(rule.finditer(r.masked)):
            groups = m.groupdict()
            value = float(groups.get("pct") or groups["r"])
            if groups.get("pct") or groups.get("per_cent"):  # a score in per cent: "over 90%"
                value /= 10
            if "star" in (groups.get("scale") or "").lower() and value <= 5:
                value *= 2  # stars are out of five
            if 0 < value <= 10:
                ratings.append(value)
                r.take(m.start(), m.end())
    for m in list(GOOD_RATING_WORDS.finditer(r.masked)):
        if r.before(_NOT_SAID_OF_IT, m.start(), 40):
            continue  # "doesn't have a super high rating": a memory of a film, no wish
        ratings.append(GOOD_RATING)
        r.take(m.start(), m.end())
    return max(ratings, default=None)


def find_k(r: Reading) -> int | None:
    for rule in (TOP_K, COUNT_OF_FILMS):
        if m := rule.search(r.masked):
            word = " ".join(m.group("n").lower().split())
            k = int(word) if word.isdigit() else NUMBER_WORDS[word]
            r.take(*(m.span() if rule is TOP_K else m.span("n")))
            if k > MAX_K:
                r.notices.append(f"I can show at most {MAX_K} films at a time.")
            return min(max(k, 1), MAX_K)
    return None
