"""Moods and occasions in everyday words, and the genres they lean to.

"A feel-good film for tonight" names no genre, and a sentence embedding of it leans nowhere
useful (MiniLM put it nearest Action and found Cloverfield, whose plot opens with a party). A film
lover reads it as comedy or family, not horror. This vocabulary says so for the common moods: a
soft lean (never a hard constraint) that the engine's mood search and ranker read like the
embedding's lean, which it replaces when a mood word is present.

Weights are on the scale of that lean (z-scores over genres): +2.5 is "clearly this", -2 "clearly
not this". One source of truth: add a mood here, not in the engine.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

# "something dark", "dark and twisted", "keep it light": a tone word said of the film wanted. Alone,
# "dark" and "light" are as often plot words ("a dark secret", "the speed of light") or said of the
# person's day ("it's freezing and dark at 4pm"). "Fun" is no mood: "a fun movie for a sleepover
# with teenagers" then read as a stated mood, which outweighs the occasion's teen comedy.
_SAID_AS_A_TONE = (
    r"(?:(?:something|anything|keep\s+it|nice\s+and|a\s+bit|really|very|pretty|properly)\s+{0}\b"
    r"|\b{0}\s+and\s+(?!stormy|dark|light|shadow|at\b))"
)
_DETECTIVE = {"Crime": 2.0, "Mystery": 2.0, "Thriller": 1.5, "Comedy": -2.0, "Family": -2.0, "Animation": -2}
MOOD_LEANS: tuple[tuple[re.Pattern[str], Mapping[str, float]], ...] = tuple(
    (re.compile(rf"\b(?:{words})", re.I), lean)
    for words, lean in (
        # a movement's kind (its years and language: `movements.py`): "a film noir" is a crime film
        (r"(?:film[\s-]+|neo[\s-]?|nordic\s+|scandi\w*\s+)?noirs?\b", {**_DETECTIVE, "Romance": -1.0}),
        (r"giall[oi]\b", {**_DETECTIVE, "Horror": 2.0}),
        (
            r"feel[\s-]?good|uplifting|cheer(?:ful|\s+(?:me|us)\s+up)|heart[\s-]?warming|wholesome|co[sz](?:y|ier|iest)\b"
            r"|comforting|happy\s+(?:film|movie)|put\s+(?:me|us)\s+in\s+a\s+good\s+mood|hopeful|optimistic"
            r"|life[\s-]?affirming"
            r"|faith\s+in\s+humanity|kind(?:ness)?\s+to\s+(?:each\s+other|one\s+another|others)",
            {
                "Comedy": 2.0,
                "Family": 2.0,
                "Romance": 1.0,
                "Animation": 1.0,
                "Horror": -2.0,
                "War": -1.5,
                "Thriller": -1.0,
                "Crime": -1.0,
            },
        ),
        (
            r"laugh|funny|hilarious|silly|goofy|light[\s-]?hearted|comic\b|humou?r(?:ous)?\b"
            rf"|{_SAID_AS_A_TONE.format('light')}",
            {"Comedy": 2.5, "Horror": -1.0, "War": -1.5, "Drama": -0.5},
        ),
        (
            r"scary|scare[sd]?\b|creepy|spooky|terrifying|frightening|eerie|dread|chills",
            {"Horror": 2.5, "Thriller": 1.0, "Mystery": 0.5, "Comedy": -1.0, "Family": -2.0, "Romance": -1.0},
        ),
        (
            r"(?:in)?tense|edge[\s-]of[\s-](?:my|your|the)[\s-]seat|nail[\s-]?bit|suspense|heart[\s-]pounding"
            r"|gripping|keeps?\s+you\s+guessing",
            {"Thriller": 2.5, "Mystery": 1.0, "Crime": 1.0, "Action": 0.5, "Comedy": -1.0, "Family": -1.5},
        ),
        (
            r"a\s+good\s+cry|make\s+me\s+cry|tear[\s-]?jerker|heart[\s-]?break|emotional|moving\s+(?:drama|film|story)"
            r"|sad\b|sadness|breaks?\s+(?:my|your|our|the)\s+heart|make\s+(?:me|us)\s+(?:sob|weep|tear\s+up)"
            r"|rip\s+(?:my|your|our)\s+heart\s+out",
            {"Drama": 2.5, "Romance": 1.0, "Comedy": -1.0, "Horror": -1.5, "Action": -1.0},
        ),
        (
            r"romantic|swoon|love\s+story|date\s+night",
            {"Romance": 2.5, "Comedy": 1.0, "Drama": 0.5, "Horror": -2.0, "War": -1.5},
        ),
        (
            r"bleak|grim\b|disturbing|harrowing|haunting|depressing|gritty|dark\s+(?:film|movie|drama|thriller)"
            rf"|{_SAID_AS_A_TONE.format('dark')}|{_SAID_AS_A_TONE.format('heavy')}",
            {"Drama": 1.5, "Thriller": 1.5, "Crime": 1.0, "Comedy": -2.0, "Family": -2.0, "Animation": -1.5},
        ),
        (
            # patient and brooding: suspense that builds, no action spectacle or gags
            r"slow[\s-]?burn(?:ing|er)?|atmospheric|brooding|moody\b",
            {
                "Thriller": 1.5,
                "Mystery": 1.5,
                "Drama": 1.5,
                "Horror": 0.5,
                "Action": -1.5,
                "Comedy": -1.5,
                "Family": -2.0,
                "Animation": -1.5,
            },
        ),
        (
            r"whimsical|quirky|charming|magical",
            {"Comedy": 1.5, "Fantasy": 1.5, "Romance": 0.5, "Horror": -1.5, "War": -1.5},
        ),
        (
            r"action[\s-]packed|adrenaline|explosive|exciting",
            {"Action": 2.5, "Adventure": 1.0, "Thriller": 1.0, "Drama": -0.5},
        ),
        (
            r"mind[\s-]?bending|thought[\s-]?provoking|cerebral|make\s+(?:me|you)\s+think",
            {"Science Fiction": 2.0, "Mystery": 1.5, "Thriller": 1.0, "Drama": 0.5},
        ),
        (
            # wanting to wind down: gentle stories, nothing that sets the pulse racing
            r"relax(?:ing|ed)?\b|calm(?:ing)?\b|chill(?:ed)?(?:\s+out)?\b|soothing|peaceful|gentle\b"
            r"|low[\s-]key|laid[\s-]back|unwind|de[\s-]?stress|stressed|anxious|nerves\b|nervous"
            r"|not\s+much\s+happens|take\s+my\s+mind\s+off",
            {
                "Comedy": 1.0,
                "Family": 1.0,
                "Animation": 1.0,
                "Drama": 1.0,
                "Romance": 0.5,
                "Action": -2.0,
                "Horror": -2.5,
                "Thriller": -2.0,
                "War": -2.0,
                "Crime": -1.5,
            },
        ),
        (
            # company and consolation: warm human stories
            r"lonely|loneliness|(?:less|not\s+so)\s+alone|comfort\s+me|consol|after\s+a\s+break[\s-]?up"
            r"|(?:got|been|just\s+got)\s+dumped|heart[\s-]?broken",
            {
                "Drama": 1.5,
                "Romance": 1.0,
                "Comedy": 1.0,
                "Horror": -2.0,
                "Action": -1.5,
                "War": -1.5,
                "Thriller": -1.5,
                "Crime": -1.0,
            },
        ),
        (
            r"inspir(?:ing|ational|e\s+me)|motivat|empowering|uplift\s+me|against\s+(?:all\s+)?the\s+odds",
            {"Drama": 2.0, "History": 1.0, "Family": 0.5, "Horror": -2.0, "Thriller": -1.0, "Crime": -1.0},
        ),
        (
            # righteous anger: true stories of wrongs, not superheroes smashing things
            r"injustice|outrag|(?:makes?\s+(?:my|your|our)\s+)?blood\s+boil|make\s+me\s+(?:angry|mad|furious)|fired\s+up",
            {
                "Drama": 2.0,
                "History": 1.5,
                "Crime": 0.5,
                "Comedy": -2.0,
                "Family": -2.0,
                "Animation": -1.5,
                "Fantasy": -1.5,
                "Science Fiction": -1.0,
            },
        ),
        (
            r"bittersweet|melanchol|wistful|poignant|reflective|contemplative|meditative|introspective",
            {"Drama": 2.0, "Romance": 1.0, "Action": -1.5, "Horror": -2.0, "Thriller": -1.0},
        ),
        (
            # strange on purpose: dream logic and odd worlds, not a family romp or a war film
            r"weird|surreal|trippy|bizarre|offbeat|dream[\s-]?like|mind[\s-]?melting",
            {
                "Fantasy": 1.5,
                "Science Fiction": 1.0,
                "Mystery": 1.0,
                "Drama": 0.5,
                "Family": -1.5,
                "War": -1.5,
                "Romance": -0.5,
                "History": -1.0,
            },
        ),
    )
)


_LIGHT = {"Comedy": 2.0, "Family": 1.0, "Romance": 0.5, "Horror": -2.0, "War": -1.5, "Thriller": -1.0}
_DARK = {"Drama": 1.5, "Thriller": 1.5, "Crime": 1.0, "Comedy": -2.0, "Family": -2.0, "Animation": -1.5}
# scared, but only a little: "something scary but I'm a wimp", "not too scary"
_A_LITTLE_SCARED = (
    r"(?:i['’]?m|i\s+am)\s+(?:a\s+)?(?:bit\s+of\s+a\s+|total\s+|big\s+|huge\s+)?(?:wimp|scaredy[\s-]?cat|chicken)"
    r"|easily\s+scared|(?:not|nothing)\s+too\s+(?:scary|creepy|frightening|intense)|mildly\s+scary"
    r"|a\s+(?:little|bit)\s+(?:scary|spooky|creepy)|scary\s+but\s+not\s+too"
)
# "Like Inception but funnier": the way the person wants it to differ from the film named. Unlike a
# mood said on its own, this one holds beside named films (engine: the mood vote), since it is what
# sets the wanted films apart from them.
COMPARATIVE_LEANS: tuple[tuple[re.Pattern[str], Mapping[str, float]], ...] = tuple(
    (re.compile(rf"\b(?:{words})\b", re.I), lean)
    for words, lean in (
        (r"funnier|more\s+(?:fun|comedy|comedic|humou?r|jokes|laughs)|sillier|goofier", _LIGHT),
        (
            r"lighter|happier|cheerier|sweeter|more\s+(?:upbeat|uplifting|hopeful)"
            r"|less\s+(?:dark|bleak|grim|heavy|depressing|serious|sad)"
            # "a film about grief that isn't depressing", "nothing too heavy"
            r"|(?:not|isn['’]t|nothing|without\s+being)\s+(?:too\s+|that\s+|overly\s+|so\s+)?"
            r"(?:dark|bleak|grim|heavy|depressing|sad|dreary)",
            _LIGHT,
        ),
        (
            r"gentler|softer|calmer|quieter|less\s+(?:intense|violent|brutal|gory|scary|action)"
            # "a cozy mystery, nothing violent", "an action film that isn't too violent"
            r"|(?:no|nothing|not|isn['’]t|aren['’]t|without(?:\s+any)?)\s+(?:too\s+|that\s+|overly\s+|very\s+)?violen\w*"
            r"|non[\s-]?violent",
            {
                "Drama": 1.0,
                "Family": 1.0,
                "Romance": 0.5,
                "Action": -1.5,
                "Horror": -2.0,
                "War": -1.5,
                "Thriller": -1.5,
                "Crime": -1.0,
            },
        ),
        (
            _A_LITTLE_SCARED,
            {"Comedy": 3.0, "Family": 2.5, "Mystery": 0.5, "Fantasy": 1.0, "Horror": -2.5, "Thriller": -1.0},
        ),
        (r"darker|grittier|bleaker|grimmer|heavier|more\s+(?:serious|mature|adult|brutal|violent)", _DARK),
        (
            r"scarier|creepier|more\s+(?:scary|horror|frightening|terrifying)",
            {"Horror": 2.5, "Thriller": 1.0, "Comedy": -1.0, "Family": -2.0},
        ),
        (
            r"sadder|more\s+(?:emotional|moving|tear)|less\s+(?:funny|silly|goofy)",
            {"Drama": 2.5, "Romance": 0.5, "Comedy": -1.5},
        ),
        (r"more\s+romantic|more\s+romance|more\s+love", {"Romance": 2.5, "Comedy": 0.5, "Horror": -2.0}),
        (
            r"more\s+action|more\s+exciting|faster|more\s+thrilling|tenser|more\s+tense",
            {"Action": 2.0, "Thriller": 1.5, "Adventure": 1.0, "Drama": -0.5},
        ),
    )
)


def mood_lean(text: str) -> dict[str, float]:
    """Genre -> lean for the moods named in `text` (summed when several are); {} when none is."""
    return _lean(text, MOOD_LEANS)


def comparative_lean(text: str) -> dict[str, float]:
    """Genre -> lean for how `text` says the wanted films should differ in feel from those named
    ("but funnier", "less bleak"); read from the whole message, since "less bleak" is also a word to
    avoid and leaves the intent."""
    return _lean(text, COMPARATIVE_LEANS)


_A_LITTLE_SCARED_SAID = re.compile(rf"\b(?:{_A_LITTLE_SCARED})\b", re.I)


def a_little_scared(text: str) -> bool:
    """Whether the message asks to be scared only a little ("scary but not too scary", "I'm a wimp")."""
    return _A_LITTLE_SCARED_SAID.search(text) is not None


def without_comparatives(text: str) -> str:
    """`text` without the phrases that say how to differ ("something funnier" -> "something ")."""
    for pattern, _ in COMPARATIVE_LEANS:
        text = pattern.sub(" ", text)
    return text


# each mood's phrases with the rest of their last word ("uplift" -> "uplifting")
_MOOD_WORDS = tuple(re.compile(pattern.pattern + r"[\w-]*", re.I) for pattern, _ in MOOD_LEANS)
_TO_THE_VIEWER = re.compile(r"\b(?:me|my|you|your|us|our)\b", re.I)


def without_moods(text: str) -> str:
    """`text` without the mood words the vocabulary knows ("a feel-good film" -> "a  film")."""
    for pattern in _MOOD_WORDS:
        text = pattern.sub(" ", text)
    return text


# "the news is so grim lately", "my week has been dark and heartbreaking": a tone said of the person's
# world, not of the film they want (who then wants the opposite more often than not). How they feel
# ("life has been so lonely") still says what they want.
_THEIR_WORLD_BEFORE = re.compile(
    r"\b(?:news|week|day|year|month|weather|world|life|things|everything|work)\s+"
    r"(?:is|are|was|were|has\s+been|have\s+been|feels?|seems?)\s+(?:\w+\s+){0,2}$",
    re.I,
)
# "i'm sad", "feeling lonely", "I've been stressed": how the person is, which is no tone or theme of
# the film wanted (they may want cheering up)
OWN_STATE = re.compile(
    r"\b(?:i['’]?m|im|i\s+am|i\s+feel|feeling|i['’]?ve\s+been|been\s+feeling)\s+"
    r"((?:so\s+|really\s+|very\s+|kinda\s+|a\s+(?:bit|little)\s+)?[\w'-]+)",
    re.I,
)


def own_state_words(text: str) -> set[str]:
    """The words in which the person says how they are ("i'm so sad" -> {"so", "sad"})."""
    return {w.lower() for m in OWN_STATE.finditer(text) for w in m.group(1).split()}


def idiom_words(text: str) -> set[str]:
    """The words of a mood said as what the film should do to the viewer ("cheer me up", "keeps you
    guessing", "on the edge of my seat"): an idiom, whose words say nothing one by one ("cheer"
    matched films about cheerleaders)."""
    return {
        w.lower()
        for pattern in _MOOD_WORDS
        for m in pattern.finditer(text)
        if _TO_THE_VIEWER.search(m.group(0))
        for w in m.group(0).split()
    }


_TONE = re.compile(
    r"grim|bleak|dark|disturb|harrow|haunt|scar|creep|tense|heart[\s-]?break|emotional|sad", re.I
)
# "a ghost story that's more sad than scary": what follows "than" is what the film should be less of
THAN_BEFORE = re.compile(r"\bmore\s+(?:[\w'’-]+\s+){1,3}(?P<than>than\s+(?:[\w'’-]+\s+){0,2})$", re.I)


def _said_of_the_film(pattern: re.Pattern[str], text: str) -> bool:
    own_state = [m.span(1) for m in OWN_STATE.finditer(text)]

    def of_their_world(start: int) -> bool:  # "it's freezing and dark", "i'm sad"
        return bool(_THEIR_WORLD_BEFORE.search(text, 0, start)) or any(a <= start < b for a, b in own_state)

    return any(
        not (_TONE.match(m.group()) and of_their_world(m.start()))
        and not THAN_BEFORE.search(text, max(0, m.start() - 60), m.start())
        for m in pattern.finditer(text)
    )


def _lean(text: str, leans: tuple[tuple[re.Pattern[str], Mapping[str, float]], ...]) -> dict[str, float]:
    lean: dict[str, float] = {}
    for pattern, genres in leans:
        if _said_of_the_film(pattern, text):
            for genre, weight in genres.items():
                lean[genre] = lean.get(genre, 0.0) + weight
    return lean
