"""Questions about the films just shown, as a whole.

Which one is most something: "which one is the shortest?", "which of these is the highest rated?",
"what's the newest one?", "which is the scariest?" (`read_superlative`). Which of them fit a limit:
"which ones are under 2 hours?", "which of these are comedies?", "are any of them in French?", "which
of these can I watch with my kids?" (`asks_which_of_shown`: the limit itself is read by the parser).

A fact the catalogue holds orders them (runtime, year, TMDB rating, how many people rated it); a feel
it does not measure ("scariest", "funniest") is answered with the genre that comes closest, and says
so. Only a follow-up reads this way: without films shown, "what's the scariest film ever?" is a request
for films. "Ever", "of all time" and "you know" ask beyond the films shown, so they stay requests too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# (fact, most first?, pattern). A fact is a Movie field the answer reads, or a TMDB genre for a feel
# no field measures. Longer phrasings first: "best known" is not "best".
_SUPERLATIVES: list[tuple[str, bool, str]] = [
    ("runtime", False, r"shortest|quickest(?:\s+(?:watch|one))?|least\s+long"),
    ("runtime", True, r"longest"),
    ("year", True, r"newest|most\s+recent|latest|youngest|most\s+modern"),
    ("year", False, r"oldest|earliest|least\s+recent"),
    ("votes", True, r"most\s+(?:popular|famous|well[\s-]+known|watched|seen)|best[\s-]+known"),
    ("votes", False, r"least\s+(?:popular|famous|well[\s-]+known|known|watched|seen)|most\s+obscure"),
    (
        "rating",
        True,
        r"(?:best|highest|top)[\s-]+(?:rated|reviewed|scored|scoring|liked|reviews|ratings?|scores?)"
        r"|most\s+(?:acclaimed|liked|loved)"
        r"|best(?!\s+for\b)",
    ),
    ("rating", False, r"(?:worst|lowest)(?:[\s-]+(?:rated|reviewed|scored|scoring))?|least\s+liked"),
]
# A feel no fact measures: (genre, how it is said, the plain word for "I can't measure how ... it is").
_FEELS: list[tuple[str, str, str]] = [
    ("Horror", r"scariest|most\s+(?:scary|frightening|terrifying|horrifying)", "scary"),
    ("Horror", r"creepiest|most\s+creepy", "creepy"),
    ("Comedy", r"funniest|most\s+(?:funny|comic|hilarious)", "funny"),
    ("Romance", r"most\s+romantic", "romantic"),
    ("Action", r"most\s+action[\s-]*packed", "action-packed"),
    (
        "Family",
        r"most\s+(?:kid|family|child)[\s-]*friendly|best\s+for\s+(?:kids|children|the\s+family)",
        "suited to children",
    ),
]
# "which one is", "which of these is", "what's the", "which would you say is the", "which is"
_ASKING = re.compile(
    r"\b(?:which|what(?:['’]s|\s+is|\s+was)\s+the)\b(?:\s+(?:one|ones|film|movie|pick|of\s+(?:these|those|them|"
    r"the\s+\w+))(?:['’]s)?)?(?:\s+(?:is|was|has|are|got|would\s+you\s+say\s+is|do\s+you\s+think\s+is))?"
    r"(?:\s+the)?\s+"
    r"(?P<what>.+)$",
    re.I,
)
_BEYOND = re.compile(r"\b(?:ever|of\s+all\s+time|in\s+(?:the|your)\s+catalogue|you\s+(?:know|have))\b", re.I)
# After the word, only the films shown may follow ("the shortest one", "the oldest of them"), or a
# clause of its own ("which is the shortest, I only have an hour"): "the newest Pixar film" asks for one.
_SHOWN = (
    r"(?:\s+(?:one|ones|film|movie|pick|of\s+(?:these|those|them|the\s+\w+)|among\s+(?:these|those|them)"
    r"|here|so\s+far|you\s+(?:showed|suggested|picked|gave)(?:\s+me)?))*"
)
_RULES = [
    (fact, most, feel, re.compile(rf"^(?P<said>{pattern}){_SHOWN}\s*(?:[?!.]+.*|[,;:]\s.*)?$", re.I))
    for fact, most, pattern, feel in [(f, m, p, "") for f, m, p in _SUPERLATIVES]
    + [(g, True, p, w) for g, p, w in _FEELS]
]
FACTS = ("runtime", "year", "votes", "rating")


@dataclass(frozen=True)
class Superlative:
    fact: str  # "runtime", "year", "votes", "rating", or a genre for a feel no fact measures
    most: bool  # the largest first: longest, newest, best known, best rated, most of that genre
    said: str  # the words that asked: "shortest", "highest rated"
    feel: str = ""  # for a genre: the plain word, "scary" for "scariest"


def read_superlative(message: str) -> Superlative | None:
    """The comparison a follow-up asks of the films shown, or None when it asks none."""
    text = " ".join(message.split())
    if len(text.split()) > 14 or _BEYOND.search(text):
        return None
    asking = _ASKING.search(text)
    if asking is None:
        return None
    what = asking.group("what")
    for fact, most, feel, rule in _RULES:
        if match := rule.match(what):
            return Superlative(fact, most, " ".join(match.group("said").split()).lower(), feel)
    return None


# "which ones are ...", "which of these ...", "are any of them ...", "is either of those ...": a question
# over the films shown; what they must be is whatever limit the parser reads in the message
_WHICH_OF_SHOWN = re.compile(
    r"^\W*(?:(?:so|and|ok(?:ay)?|hmm+|also),?\s+)?(?:(?:which|what)\s+(?:ones|of\s+(?:these|those|them|the\s+\w+))"
    r"|(?:are|is)\s+(?:any|either|none|all)\s+(?:one\s+)?of\s+(?:these|those|them|the\s+\w+)"
    r"|any\s+of\s+(?:these|those|them))\b",
    re.I,
)


def asks_which_of_shown(message: str) -> bool:
    """Whether the message asks which of the films shown are something ("which ones are under 2
    hours?"), not for new films; what they must be is the parsed request's limits."""
    return bool(_WHICH_OF_SHOWN.search(message)) and len(message.split()) <= 16
