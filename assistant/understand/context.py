"""The person's situation, told before what they ask for: "the news is so grim lately. i want a film
where people are just decent and kind", "big job interview tomorrow and im a bundle of nerves. need
something fun", and in a dialogue "Hello! I'm good. I'm looking for an action movie".

Such a sentence says how the person is, not what the film should be about: searched as words,
"freezing and dark at 4pm" found The Dark Knight for a sun-drenched summer film, and "so grim lately"
pulled grim plots toward a request for decent, kind people. It leaves the search text; the moods in
it ("stressed out", "feeling stuck") still lean the picks (`ParsedRequest.context`), and anything
read from it (a film, a year, an occasion) holds as before.

A sentence is context when it talks of the person or their moment ("I", "lately", "tonight", a
greeting), a later one asks for a film, and it does none of what says a film: it asks nothing
("want", "something", "recommend"), names no film, genre or kind of film, no holiday or event (whose
films it suggests: "throwing a halloween party."), tells no taste ("I loved") and no memory ("I
remember them in the grass"); "a heist." alone describes a film. It stays when the asking sentence
points back at it ("just turned 45 and feeling lost. something that gets that") or says nothing of
its own ("I just got dumped. any ideas?").

Measured (`reelchat eval all`, default ordering, the same store before and after): ReDial (3,869
samples, where it mostly drops greetings and thanks) R@1 / R@10 / R@50 0.0178 / 0.0982 / 0.2215 ->
0.0184 / 0.1013 / 0.2223; judged P@5 / P@10 level on the first two sets, 0.273 / 0.203 -> 0.273 /
0.207 on the third (six of its lists changed: "stressed out of my mind. want something calm" lost
Dead Calm and Donnie Darko for In the Mood for Love and Palm Springs; "friday night and im BUZZING.
want something loud ... with a killer soundtrack" gained Baby Driver; a revenge list lost The Count
of Monte Cristo for Riddick). Seasons are no event: "i miss summer so much" kept "dark at 4pm".
"""

from __future__ import annotations

import re

from assistant.understand.vocabulary import FILLER_WORDS, GENRE_WORD, STOPWORDS

# One sentence with its end: "snowed in all weekend. " (a line break ends one too).
_SENTENCE = re.compile(r"(?:[^.!?;\n]|[.!?;](?=\S))+(?:[.!?;]+|\n|$)\s*")  # "3.5 hours" is one
_ASKS = re.compile(
    r"\b(?:want\w*|wanna|need\w*|give\s+me|show\s+me|find\s+me|recommend\w*|suggest\w*|looking\s+for|something"
    r"|somethin|anything|any|what|which|can\s+you|could\s+you|hit\s+me|please|pls|plz|more|mood\s+for"
    r"|how\s+about|should\s+i|ideas?|options?|recs?)\b|\?",
    re.I,
)
# what says a film or a taste for films, not a situation
_FILM_TALK = re.compile(
    r"\b(?:movies?|films?|flicks?|cinema|watch\w*|seen|saw|series|sequels?|show|director|actor|actress|starring"
    r"|lov(?:e|ed|es|ing)|lik(?:e|ed|es)|enjoy\w*|fan\s+of|favou?rites?|hate[ds]?|genre)\b",
    re.I,
)
# a holiday or an event suggests its films ("throwing a halloween costume party. want something campy")
_EVENT = re.compile(
    r"\b(?:hallowe['’]?en|christmas|xmas|thanksgiving|easter|valentine\w*|new\s+year\w*|hanukkah|diwali"
    r"|anniversary|birthday|wedding|part(?:y|ies)|date|sleepover|holidays?|vacation)\b",
    re.I,
)
# What a situation talks about: the person, their moment, or the talk itself ("Hello! I'm good.").
# "a heist." alone describes a film, whatever follows it.
_ABOUT_THEM = re.compile(
    r"\b(?:i|i['’]?m|im|i['’]?ve|me|my|we|we['’]re|our|us|it['’]?s|today|tonight|lately|week\w*|morning|night"
    r"|evening|afternoon|\w+day|\d+\s*(?:am|pm)|news|hi|hiya|hello|hey|thanks|thank)\b",
    re.I,
)
# a sentence of talk alone: "Good!", "Oh wow.", "Yeah, that was good." ("a good heist." is not)
_TALK = re.compile(
    r"(?:\W*\b(?:oh|wow|yeah|yep|yup|yes+|no|nice|good|great|awesome|excellent|perfect|sure|indeed|true|so|very"
    r"|lol|ha\w*|hmm+|um+|well|co+l|ok|okay|alright|sounds|that|was|is|it|does|boy|fine)\b)+\W*",
    re.I,
)
# a memory told ("I remember them being in the grass", "I can see the guy saying it"): what a film
# had, in a search for one that the kind of message missed
_MEMORY = re.compile(
    r"\b(?:was|were|had|remember\w*|recall\w*|guess\w*|think|believe|scenes?|see|saw|seen|found|came)\b", re.I
)
# "something that gets that", "a film about all this": the ask is about the situation told
_POINTS_BACK = re.compile(
    r"\b(?:gets?|captures?|understands?|about|deals?\s+with|speaks?\s+to|relates?\s+to|reflects?|matches)"
    r"\s+(?:that|this|it|all\s+(?:that|this)|how\s+i\s+feel)\b",
    re.I,
)


def context_spans(text: str, masked: str) -> list[tuple[int, int]]:
    """The spans of `text` that only tell the person's situation (see the module's docstring).
    `masked`: `text` with what was read already blanked (a film named, an occasion): a sentence
    something was read from is no context."""
    sentences = [(m.start(), m.end()) for m in _SENTENCE.finditer(text) if m.group().strip()]
    if len(sentences) < 2:
        return []
    asking = [i for i, (a, b) in enumerate(sentences) if _ASKS.search(text, a, b)]
    if not asking or any(_POINTS_BACK.search(text, *sentences[i]) for i in asking):
        return []
    spans = []
    for a, b in sentences[: asking[-1]]:
        said = text[a:b]
        if (
            masked[a:b] != said
            or not (_ABOUT_THEM.search(said) or _TALK.fullmatch(said))
            or any(p.search(said) for p in (_ASKS, _FILM_TALK, _EVENT, _MEMORY, GENRE_WORD))
        ):
            continue
        spans.append((a, b))
    return spans


def says_what_it_wants(intent: str) -> bool:
    """Whether the search text left without the context still says something of its own: "any
    ideas?" alone does not."""
    words = re.findall(r"[\w'’-]+", _ASKS.sub(" ", intent).lower())
    return any(w not in STOPWORDS and w not in FILLER_WORDS for w in words)
