"""The words of a request's measures: how long a film runs ("under two hours", "90-120 mins"), how
well rated it is ("rated 8+", "over 90% on rotten tomatoes") and how many films are asked for ("top
10", "three comedies"). Read by `numbers.py`; the rest of the vocabulary is in `vocabulary.py`."""

from __future__ import annotations

import re

from assistant.understand.vocabulary import (
    COUNT_NUMBER,
    GENRE_ALTERNATIVES,
    SPELLED_NUMBER,
)

# fmt: off
# "2 hours", "an hour and a half", "1h30", "1 hr 45", "2 hours 10 minutes"
DURATION = (rf"(?P<num>\d+(?:\.\d+)?|{SPELLED_NUMBER}|an?)(?P<half0>\s+and\s+a\s+half)?\s*-?\s*"
        r"(?P<unit>hours?|hrs?|h|minutes?|mins?|m)(?:\b|(?<=h)(?=[0-5]\d\b))(?P<half1>\s+and\s+a\s+half)?"
        r"(?:\s*(?:and\s+)?(?P<extra>\d{1,2})\s*(?:minutes?|mins?|m)\b"
        r"|(?<=[hrs])\s*(?P<bare>[0-5]\d)\b(?!\s*(?:years?|films?|movies?|%)))?")
AT_MOST = (r"under|less\s+than|shorter\s+than|no\s+(?:longer|more)\s+than|not\s+(?:longer|more|over)"
            r"(?:\s+than)?|at\s+most|max(?:imum)?(?:\s+of)?|up\s+to|below|within|<=?")
AT_LEAST = r"over|more\s+than|longer\s+than|at\s+least|min(?:imum)?(?:\s+of)?|above|>=?"
RUNTIME_RULES = [
    ("max", re.compile(rf"(?<!\w)(?:{AT_MOST})\s*(?:about\s+|around\s+)?{DURATION}", re.I)),
    ("max", re.compile(rf"(?<!\w){DURATION}\s*(?:max(?:imum)?|tops|or\s+(?:less|shorter|under))\b", re.I)),
    ("min", re.compile(rf"(?<!\w)(?:{AT_LEAST})\s*(?:about\s+|around\s+)?{DURATION}", re.I)),
    ("min", re.compile(rf"(?<!\w){DURATION}\s*(?:\+|plus\b|or\s+(?:more|longer)\b)", re.I)),
]
# ... not a stretch of watching or of the film: "I watched about 20 minutes of it", "about 15 minutes in",
# "a 5-10 minute scene" (memories of a film, whose runtime they then ruled out)
_NOT_THE_FILM_BEFORE = (r"(?<!watched\s)(?<!saw\s)(?<!seen\s)(?<!first\s)(?<!last\s)(?<!only\s)(?<!for\s)"
                        r"(?<!of\s)(?<!by\s)(?<!episodes\s)")
_NOT_THE_FILM_AFTER = (
    r"(?![\s-]*(?:or\s+so\s+)?(?:long\s+)?(?:in|into|of|before|after|ago|later|earlier|left|through|each|years?"
    r"|scenes?|sequences?|segments?|clips?|takes?|shots?|episodes?|shows?|conversations?|intro|opening"
    r"|prologue)\b)"
)
# "between 90 and 120 minutes", "90-120 mins", "from 1.5 to 2 hours": both bounds, the first number in
# the second's unit unless it has its own
_LOW = rf"(?P<lo>\d+(?:\.\d+)?|{SPELLED_NUMBER})\s*(?P<lo_unit>hours?|hrs?|minutes?|mins?)?"
RUNTIME_RANGE = re.compile(
    rf"{_NOT_THE_FILM_BEFORE}(?<!\w)(?:between\s+{_LOW}\s+and|(?:from\s+)?{_LOW.replace('?P<lo', '?P<lo2')}"
    rf"\s*(?:to|-|–))\s*{DURATION}{_NOT_THE_FILM_AFTER}",
    re.I,
)
# "about 90 minutes", "roughly two hours", "a 2-hour movie", "90 minutes long": that long, give or take
APPROX_MINUTES = 15
RUNTIME_ABOUT = [re.compile(pattern, re.I) for pattern in [
    rf"{_NOT_THE_FILM_BEFORE}(?<!\w)(?:about|around|roughly|approximately|approx\.?|circa|~|something\s+like)"
    rf"\s*{DURATION}{_NOT_THE_FILM_AFTER}",
    rf"{_NOT_THE_FILM_BEFORE}(?<!\w){DURATION}\s*-?\s*long\b{_NOT_THE_FILM_AFTER}",
    rf"(?<=\ba\s)\s*{DURATION}(?=[\s-]+(?:long\s+)?(?:movies?|films?|flicks?|ones?)\b)",
]]  # fmt: skip
NOT_LONG = re.compile(
    r"\b(?:(?:not|nothing|no)\s+(?:too\s+|very\s+|overly\s+|super\s+)?|(?:isn|aren|wasn)['’]?t\s+(?:too|very|overly|super)\s+)"
    r"long\b",
    re.I,
)
# "a proper long epic, the longer the better": asked for length itself
LONG = re.compile(
    r"\bthe\s+longer\s+the\s+better\b|\b(?:a|an)\s+(?:(?:really|very|proper|properly|nice|good|big)\s+)*long\s+"
    r"(?:epic|film|movie|one)\b|\bepic[\s-]length\b",
    re.I,
)
SHORT = re.compile(r"\bshort(?:ish)?\b(?!\s+(?:stor(?:y|ies)|of|on|list|notice|term)\b)", re.I)
# "nothing over two hours", "no films longer than 2h": the bound turned over
RUNTIME_REFUSAL_BEFORE = re.compile(r"\b(?:nothing|none|no\s+(?:films?|movies?|ones)|not\s+anything"
                                    r"|nothing\s+(?:that['’]s|that\s+(?:is|runs?|lasts?)))\s+$", re.I)
SHORT_NEGATED_BEFORE = re.compile(r"\b(?:not|nothing|no|in)\s+(?:too\s+|very\s+)?$", re.I)
_NOTHING_COUNTED = (r"(?!\s*(?:films?|movies?|flicks?|picks?|hours?|hrs?|minutes?|mins?|years?|titles?"
                    r"|options?|suggestions?|recommendations?|ones|times?|seasons?|episodes?)\b)")
RATING_NUMBER = r"(?P<r>\d{1,2}(?:\.\d)?)"
OR_MORE = r"or\s+(?:more|higher|above|better)"
# where a score comes from, said after it: "at least 7 on imdb", "80% on rotten tomatoes"
RATING_SITE = r"(?:imdb|tmdb|rotten\s+tomatoes|rt|metacritic|letterboxd)"
_ON_A_SITE = rf"(?:\s+(?:on|at|according\s+to)\s+{RATING_SITE}\b)?"
RATING_RULES = [re.compile(pattern + _ON_A_SITE, re.I) for pattern in [
    # "rated 8+", "a rating of at least 7.5", "highly rated, above 8"
    rf"\b(?:(?:highly|well|top|best)[\s-]+)?(?:rated|ratings?|score[sd]?|imdb|tmdb)\s*,?\s*"
    rf"(?:(?:of|at\s+least|above|over|higher\s+than|more\s+than|>=?|:)\s*){{0,2}}{RATING_NUMBER}"
    rf"(?P<scale>\s*/\s*10|\s+out\s+of\s+10|\s*\+|\s+{OR_MORE}|\s+stars?)?",
    rf"(?<!\w)(?:(?:at\s+least|above|over|more\s+than|higher\s+than|minimum(?:\s+of)?|>=?)\s*)?{RATING_NUMBER}\s*"
    rf"(?:/\s*10|out\s+of\s+10)(?:\s+{OR_MORE}|\s*\+)?",
    rf"(?<!\w){RATING_NUMBER}\s*(?:\+|{OR_MORE})?\s*(?P<scale>stars?)?\s*(?:rating|rated)\b",
    rf"(?<!\w){RATING_NUMBER}\s*\+?\s*(?P<scale>stars?)\b",
    # a bare score, nothing after it to make it a count or a length: "a thriller 7 or above", "at least a 7"
    rf"(?<![\w.]){RATING_NUMBER}\s+or\s+(?:above|higher|better|up)\b{_NOTHING_COUNTED}",
    rf"\bat\s+least\s+an?\s+{RATING_NUMBER}{_NOTHING_COUNTED}",
    # a score plus, said of a film: "an 8+ movie", "a 7.5+ thriller" (not "18+", "a 5+ hour film", "5+ films")
    rf"(?:(?<=\ba\s)|(?<=\ban\s))(?P<r>[5-9](?:\.\d)?)\s*\+(?!\s*(?:hours?|hrs?|minutes?|mins?|years?)\b)"
    rf"(?=\s+(?:[\w-]+\s+)?(?:movies?|films?|flicks?|{GENRE_ALTERNATIVES})\b)",
    # a score in per cent, as review sites give it: "a score of at least 80%", "rated 75% or more"
    rf"\b(?:(?:rated|ratings?|scores?|scored|rotten\s+tomatoes|rt|metacritic)\s*(?:of\s+)?|at\s+least\s+|above\s+|over\s+)"
    rf"(?:(?:at\s+least|above|over|more\s+than|>=?)\s*)?(?P<pct>\d{{2,3}})\s*(?:%|per\s*cent|percent)"
    rf"(?:\s+{OR_MORE}|\s*\+)?",
    # a score named by its site, nothing else around it: "a thriller with 7+ on imdb", "80% on rt"
    rf"(?:(?:at\s+least|above|over|more\s+than|higher\s+than|>=?)\s*)?(?<![\w.]){RATING_NUMBER}(?P<per_cent>%)?\s*(?:/\s*10|\+)?(?=\s+(?:on|at|according\s+to)\s+{RATING_SITE}\b)",
]]
GOOD_RATING_WORDS = re.compile(r"\b(?:highly[\s-]+(?:rated|regarded|acclaimed)|well[\s-]+(?:rated|reviewed"
                          r"|received|regarded)|(?:critically[\s-]+)?acclaimed|top[\s-]+rated|best[\s-]+rated"
                          r"|(?:good|great|strong|positive)\s+reviews"
                          rf"|(?:high|good|great|strong|decent)\s+{RATING_SITE}\s+(?:ratings?|scores?)"
                          r"|high\s+ratings?|rated\s+highly)\b", re.I)
TOP_K = re.compile(rf"\btop[\s-]+(?P<n>{COUNT_NUMBER})\b", re.I)
# "three comedies", "a couple of films"; not "after '68 - 4 stars or more" (a year, not 68 films)
COUNT_OF_FILMS = re.compile(rf"(?<!['’])\b(?P<n>{COUNT_NUMBER}|a\s+couple(?:\s+of)?|a\s+few|a\s+single)\s+"
                      r"(?:(?!(?:hours?|hrs?|minutes?|mins?|years?|stars?|out|of|times?)\b)[\w-]+\s+){0,2}?"
                      r"(?:movies?|films?|flicks?|picks?|recommendations?|suggestions?|options?|titles?|ones"
                      r"|choices|ideas|more(?!\s+(?:than|of|times?|hours?|minutes?|years?)\b))\b", re.I)
# fmt: on
