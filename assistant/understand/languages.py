"""Languages asked for and refused: "a Korean thriller", "in French", "not in English", "with
subtitles", "foreign films", "no subtitles".

The catalogue records each film's original language (TMDB's `original_language`), so these are hard
constraints like years and genres. A catalogue without languages (a Netflix export) gets no filter:
`unsupported.py` then says the wish only guided the search. Titles and people are read first, so
"The French Connection" and "Spanish Apartment" never reach this.
"""

from __future__ import annotations

import re

from assistant.understand.reading import Reading
from assistant.understand.vocabulary import LANGUAGES
from ingest.languages import COUNTRIES, WORDS

# "French or Italian", "German, Dutch and in Danish"
_LANG = rf"(?:{LANGUAGES})(?:\s*(?:,|/|\bor\b|\band\b|\bnor\b)\s*(?:in\s+)?(?:{LANGUAGES}))*"
_ONE_LANG = re.compile(rf"\b(?:{LANGUAGES})\b", re.I)
# What makes "Korean" a kind of film: a film noun or a genre's name ("an Italian mafia film" is
# Italian; "not the Italian mafia" is a subject, not a language).
_KIND_NOUN = (
    r"(?:films?|movies?|flicks?|ones|stuff|cinema|animes?|animations?|animated|cartoons?|dramas?|comed(?:y|ies)"
    r"|thrillers?|horrors?|romances?|rom-?coms?|musicals?|westerns?|documentar(?:y|ies)|action|fantasy"
    r"|sci-?fi|science\s+fiction|crime|myster(?:y|ies)|noirs?|melodramas?|epics?|war\s+(?:films?|movies?))"
)
# "in French", "spoken in Korean", "Spanish-language", "a Korean revenge thriller" (up to two words
# between), "French cinema". Not "the Korean War", "the French Revolution", "in French Guiana".
_PLACE_OR_EVENT = (
    r"(?!\s+(?:war|revolution|resistance|riviera|alps|guiana|polynesia|army|navy|empire|new\s+wave)\b)"
)
# "in French" is a language when what follows is no noun of its own ("in French for a date night",
# "in French please"); "set in English countryside" is a place.
_AFTER_SPOKEN = (
    r"(?:for|to|with|from|by|about|like|as|so|too|than|since|after|before|during|made|released|set"
    r"|starring|directed|is|are|would|could|and|or|nor|but|please|pls|plz|only|that|which|who|if"
    r"|language|audio|subtitles|subs|dub|dubbed|thanks|thank|again|instead|preferably|ideally|maybe|though"
    r"|actually|at\s+all|this\s+time|now|too|either)"
)
_KIND_AHEAD = rf"\s+(?:[a-z-]+\s+){{0,2}}?{_KIND_NOUN}\b"  # "Korean [revenge] thriller"
KIND_AHEAD = re.compile(_KIND_AHEAD, re.I)
LANGUAGE = re.compile(
    rf"\b(?:spoken\s+)?in\s+(?P<spoken>{_LANG})\b{_PLACE_OR_EVENT}"
    rf"(?=\s*(?:$|[.,;:!?)/\-–—]|{_AFTER_SPOKEN}\b))"
    rf"|\b(?P<named>{_LANG})[\s-]+(?:language|speaking)\b"
    rf"|\b(?P<people>{_LANG})\b{_PLACE_OR_EVENT}(?={_KIND_AHEAD})",
    re.I,
)
# A people's adjective said alone, as the whole wish: "something Japanese", "what about Korean?",
# "French please" (not "a Japanese garden", "my Korean friend": a noun follows those).
BARE_LANGUAGE = re.compile(
    rf"\b(?P<bare>{_LANG})\b(?=\s*(?:$|[.,;:!?)]|(?:please|pls|plz|instead|then|too|maybe|perhaps)\b))", re.I
)
_BARE_CUE = re.compile(
    r"(?:^|\b(?:something|anything|nothing|what\s+about|how\s+about|any|maybe|perhaps|or|only|just|not"
    r"|preferably|ideally))\W*$",
    re.I,
)
# Wishes about subtitles or foreignness: not in English, or (refused) only in English.
NOT_ENGLISH = re.compile(
    r"\bnon[\s-]?english(?:[\s-]+language)?\b|\bforeign(?:[\s-]+language)?\b|\bsubtitled\b"
    r"|\b(?:with|want|need|like|love|prefer)\s+(?:english\s+)?subtitles\b|\bsubs\s+(?:are\s+)?(?:fine|welcome)\b",
    re.I,
)
ONLY_ENGLISH = re.compile(
    r"\b(?:no|without|nothing\s+with|hate|avoid)\s+(?:any\s+)?(?:subtitles|subs)\b|\bno\s+foreign\b"
    r"|\b(?:can['’]?t|cannot|don['’]?t|do\s+not|won['’]?t)\s+(?:do|read|stand|like|want)\s+subtitles\b",
    re.I,
)
# "don't mind subtitles" allows them; it asks for nothing.
SUBTITLES_ALLOWED = re.compile(
    r"\b(?:(?:do\s+not|don['’]?t|wouldn['’]?t)\s+mind|fine\s+with|ok(?:ay)?\s+with|happy\s+with)"
    r"\s+(?:(?:reading\s+)?(?:subtitles|subs)|foreign(?:\s+(?:films?|movies?))?)\b",
    re.I,
)
# Narrower than the genres' REFUSAL_BEFORE, which lets any three words sit between: "nothing scary
# in French" refuses scary films, not French ones.
REFUSED = re.compile(
    r"(?:\b(?:no|not|nothing|none|never|without|except|excluding|avoid|skip|anything\s+but|other\s+than"
    r"|rather\s+than|instead\s+of)\s+(?:(?:a|an|any|the|more|too|so|made|spoken|filmed|originally|that\s+is"
    r"|that['’]s)\s+)?|\b\w+n['’]t\s+(?:(?:a|an|in)\s+)?)$",
    re.I,
)
# "anything from Japan", "films made in France", "that isn't from Korea": where the film comes from,
# said after a film word or a refusal. Not "a girl from Japan" or "set in Japan" (the story's place).
_COUNTRY = "|".join(sorted((re.escape(c).replace(r"\ ", r"\s+") for c in COUNTRIES), key=len, reverse=True))
FROM_COUNTRY = re.compile(rf"\b(?:from|made\s+in|out\s+of)\s+(?P<country>{_COUNTRY})\b", re.I)
_MADE_BEFORE = re.compile(
    rf"(?:\b(?:{_KIND_NOUN}|anything|something|one|nothing|not|only|preferably|ideally|or|and)"
    r"|n['’]t|\b(?:is|are|was|be))\s+$",
    re.I,
)
DUBBED = re.compile(r"\bdub(?:bed)?\s+(?:into\s+)?$", re.I)
# "Bong Joon-ho films, or other Korean thrillers": an alternative widens the request; it is a taste.
ALTERNATIVE = re.compile(r"\bor\s+(?:(?:some|any)\s+)?(?:other|more|similar)\s+$", re.I)


def find_languages(r: Reading) -> tuple[list[str], list[str]]:
    """(languages asked for, languages refused) as ISO 639-1 codes; their words are masked."""
    if not r.index.languages:
        return [], []  # nothing to filter on: unsupported.py tells the person
    include: list[str] = []
    exclude: list[str] = []
    for m in list(SUBTITLES_ALLOWED.finditer(r.masked)):
        r.take(m.start(), m.end())
    for rule, wanted in ((ONLY_ENGLISH, include), (NOT_ENGLISH, exclude)):
        for m in list(rule.finditer(r.masked)):
            wanted += [] if "en" in wanted else ["en"]
            r.take(m.start(), m.end())
    for m in list(LANGUAGE.finditer(r.masked)):
        said = m.group("spoken") or m.group("named") or m.group("people")
        codes = [c for w in _ONE_LANG.findall(said) for c in WORDS[" ".join(w.lower().split())]]
        if r.before(ALTERNATIVE, m.start()):
            continue  # its words stay in the search
        if r.before(DUBBED, m.start()):
            r.take(m.start(), m.end())  # "dubbed in English" is how it is heard, not what it was made in
            continue
        refused = r.before(REFUSED, m.start(), width=40)
        if refused:
            exclude += [c for c in codes if c not in exclude]
            # "no French comedies" refuses French films, not comedies: the kind noun goes too
            end = _kind_end(r, m) if m.group("people") else m.end()
            r.take(refused.start(), end)
        else:
            include += [c for c in codes if c not in include]
            r.take(m.start(), m.end())  # "a Korean thriller": the thriller stays for the genres
    for m in list(BARE_LANGUAGE.finditer(r.masked)):
        if not r.before(_BARE_CUE, m.start()):
            continue
        codes = [c for w in _ONE_LANG.findall(m.group("bare")) for c in WORDS[" ".join(w.lower().split())]]
        refused = r.before(REFUSED, m.start(), width=40)
        wanted = exclude if refused else include
        wanted += [c for c in codes if c not in wanted]
        r.take(refused.start() if refused else m.start(), m.end())
    for m in list(FROM_COUNTRY.finditer(r.masked)):
        if not r.before(_MADE_BEFORE, m.start()) or r.before(ALTERNATIVE, m.start()):
            continue
        codes = list(COUNTRIES[" ".join(m.group("country").lower().split())])
        refused = r.before(REFUSED, m.start(), width=40)
        wanted = exclude if refused else include
        wanted += [c for c in codes if c not in wanted]
        r.take(refused.start() if refused else m.start(), m.end())
    include = [c for c in include if c not in exclude]
    return include, exclude


def _kind_end(r: Reading, m: re.Match[str]) -> int:
    kind = KIND_AHEAD.match(r.masked, m.end())
    return kind.end() if kind else m.end()
