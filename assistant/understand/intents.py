"""What kind of message this is: a recommendation request, a search for a film the person cannot
name, a question about one film, a follow-up on films already shown, or chit-chat.

Rules by class of phrasing, most specific first: a question about a film needs a film the catalogue
holds (or a capitalised name) after a question about a fact; a known-item search is told by how
people describe a film they saw ("I remember a movie where...", "what's the film where...", a story
told about characters in the past tense); a follow-up points back ("the second one", "something
older"); chit-chat is greetings, thanks and questions about the assistant with no film in them.
Everything else is a recommendation request, the default, since answering one is never harmful.
"""

from __future__ import annotations

import re
from typing import Literal

from assistant.understand.catalogue import CatalogueIndex
from assistant.understand.titles import title_key
from assistant.understand.vocabulary import GENRE_ALTERNATIVES, GENRE_WORD

IntentKind = Literal["recommend", "known_item", "film_question", "follow_up", "chit_chat"]
INTENT_KINDS: tuple[IntentKind, ...] = ("recommend", "known_item", "film_question", "follow_up", "chit_chat")
QUESTIONS = (
    "director",
    "cast",
    "runtime",
    "year",
    "rating",
    "genre",
    "plot",
    "kids",
    "crew",
    "sequel",
    "where",
    "awards",
    "language",
)

_FILM = r"(?P<film>[^?!.;]{1,80}?)"
_END = r"\s*(?:[?!.]+|$)"
_THE_FILM = r"(?:the\s+)?(?:movie|film)\s+"
_KIDS = (
    r"(?:kids?|children|(?:a|an|my|our)\s+(?:\d{1,2}|\w+)[\s-]+year[\s-]+olds?|(?:my|a)\s+(?:son|daughter|kid|child|"
    r"nephew|niece|little\s+one)s?|the\s+(?:whole\s+)?family|(?:a\s+)?family\s+(?:movie\s+)?night|young\s+"
    r"(?:kids|children)|the\s+kids|teens?|toddlers?|little\s+ones)"
)
# (fact, pattern): the film is the `film` group.
_QUESTION_RULES: list[tuple[str, re.Pattern[str]]] = [
    (fact, re.compile(pattern, re.I))
    for fact, pattern in [
        ("director", rf"\bwho\s+(?:directed|made|helmed|was\s+behind|is\s+behind|shot)\s+{_FILM}{_END}"),
        ("director", rf"\bwho(?:['’]s|\s+is|\s+was)\s+the\s+director\s+(?:of|for|on)\s+{_FILM}{_END}"),
        ("director", rf"\b(?:director|filmmaker)\s+of\s+{_FILM}{_END}"),
        ("director", rf"\b(?:who|which\s+director)\s+(?:did|directed)\s+{_FILM}\s*(?:direct)?{_END}"),
        ("director", rf"^{_FILM}\s+(?:was\s+)?directed\s+by\s+(?:who|whom)\b"),
        (
            "cast",
            rf"\bwho(?:['’]?s|\s+is|\s+was|\s+are|\s+were)?\s+(?:starring\s+|acting\s+)?(?:in|stars?\s+in|starred\s+in|"
            rf"acts?\s+in|acted\s+in|plays?\s+in|played\s+in|the\s+(?:cast|actors|stars|lead)\s+(?:of|in))\s+"
            rf"{_FILM}{_END}",
        ),
        ("cast", rf"\bwho\s+(?:plays|played|stars|starred)\s+(?:the\s+\w+\s+)?in\s+{_FILM}{_END}"),
        ("cast", rf"\b(?:cast|actors|stars|lead\s+actors?)\s+(?:of|in)\s+{_FILM}{_END}"),
        (
            "runtime",
            rf"\bhow\s+(?:long|many\s+(?:minutes|hours))\s+(?:is|was|does)\s+{_FILM}\s*"
            rf"(?:last|run|take|go\s+on|long)?{_END}",
        ),
        ("runtime", rf"\b(?:runtime|run\s+time|running\s+time|length|duration)\s+(?:of|for)\s+{_FILM}{_END}"),
        (
            "year",
            rf"\b(?:when|what\s+year)\s+(?:did|was|were)\s+{_FILM}\s+(?:come\s+out|released|made|out|filmed|"
            rf"first\s+shown|premiered?)\b",
        ),
        ("year", rf"\b(?:release\s+(?:date|year)|year)\s+(?:of|for)\s+{_FILM}{_END}"),
        ("year", rf"\bhow\s+old\s+is\s+{_FILM}{_END}"),
        (
            "kids",
            rf"\b(?:is|are)\s+{_FILM}\s+(?:\w+\s+)?(?:ok(?:ay)?|suitable|appropriate|good|fine|safe|alright|"
            rf"too\s+\w+|right|for|kid[\s-]friendly|family[\s-]friendly)\s*(?:for|to\s+watch\s+with)?\s+{_KIDS}",
        ),
        ("kids", rf"\b(?:is|are)\s+{_FILM}\s+(?:kid|child|family)[\s-]?(?:friendly|safe|appropriate){_END}"),
        ("kids", rf"\bcan\s+{_KIDS}\s+watch\s+{_FILM}{_END}"),
        ("kids", rf"\b(?:what\s+(?:is|'s)\s+)?(?:the\s+)?age\s+rating\s+(?:of|for)\s+{_FILM}{_END}"),
        (
            "rating",
            rf"\bhow\s+(?:good|well[\s-]+(?:rated|reviewed)|highly\s+rated|is)\s+(?:is\s+|was\s+)?{_FILM}\s*"
            rf"(?:rated|reviewed)?{_END}",
        ),
        ("rating", rf"\bwhat(?:['’]s|\s+is)\s+{_FILM}\s+rated{_END}"),
        ("rating", rf"\b(?:rating|score|reviews?)\s+(?:of|for)\s+{_FILM}{_END}"),
        (
            "rating",
            rf"\bis\s+{_FILM}\s+(?:any\s+)?(?:good|worth\s+(?:it|watching|seeing)|well\s+rated){_END}",
        ),
        (
            "genre",
            rf"\bwhat\s+(?:kind|type|sort|genre)s?\s+of\s+(?:movie|film|thing)\s+is\s+{_FILM}{_END}",
        ),
        ("genre", rf"\bwhat\s+genres?\s+(?:is|are)\s+{_FILM}{_END}"),
        ("genre", rf"\bgenres?\s+of\s+{_FILM}{_END}"),
        (
            "plot",
            rf"\bwhat(?:['’]s|\s+is|\s+was)\s+{_FILM}\s+(?:about|all\s+about){_END}",
        ),
        ("plot", rf"\bwhat\s+happens\s+in\s+{_FILM}{_END}"),
        ("plot", rf"\b(?:plot|story|storyline|synopsis|summary|premise)\s+of\s+{_FILM}{_END}"),
        ("plot", rf"\btell\s+me\s+(?:more\s+)?about\s+{_FILM}{_END}"),
        (
            "plot",
            rf"\bwhat(?:['’]s|\s+is)\s+(?:the\s+(?:deal|story)\s+with\s+)?{_FILM}\s*(?:like)?\s*[?]+\s*$",
        ),
        (
            "plot",
            rf"\bdoes\s+{_FILM}\s+have\s+(?:a\s+)?(?:happy|sad|good|twist|surprise|open)\w*\s*(?:ending|end|twist)",
        ),
        (
            "plot",
            rf"\bdoes\s+(?:the\s+)?\w+\s+(?:die|survive|live|win|get\s+\w+)\s+(?:in|at\s+the\s+end\s+of)\s+{_FILM}{_END}",
        ),
        (
            "plot",
            rf"\bis\s+{_FILM}\s+(?:based\s+on|a\s+true\s+story|true|sad|depressing|uplifting|a\s+tear[\s-]?jerker)",
        ),
        (
            "kids",
            rf"\bis\s+{_FILM}\s+(?:too\s+)?(?:very\s+)?(?:scary|violent|gory|bloody|graphic|explicit|"
            rf"inappropriate|rated\s+r|r[\s-]rated|pg(?:[\s-]?13)?|sexual|dark)\b",
        ),
        ("kids", rf"\b(?:watch|show)\s+{_FILM}\s+(?:with|to)\s+{_KIDS}"),
        ("genre", rf"\bis\s+{_FILM}\s+(?:a|an)\s+(?:\w+\s+)?(?:{GENRE_ALTERNATIVES}|film|movie)\b"),
        ("genre", rf"\bis\s+{_FILM}\s+(?:funny|romantic|animated|a\s+cartoon|scary\s+or\s+funny)\s*[?]"),
        ("year", rf"\b(?:what\s+year|when|which\s+year|what\s+decade)\s+is\s+{_FILM}\s+from{_END}"),
        ("year", rf"\bis\s+{_FILM}\s+(?:old|new|recent|from\s+the\s+\w+)\s*[?]"),
        (
            "runtime",
            rf"\bis\s+{_FILM}\s+(?:very\s+|too\s+|really\s+)?(?:long|short|over\s+\w+\s+hours?)\s*[?]",
        ),
        ("runtime", rf"\bhow\s+long\s+does\s+{_FILM}\s+(?:run|last|take){_END}"),
        (
            "cast",
            rf"^\W*(?:is|was|does)\s+[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+)+\s+(?:in|star\s+in|appear\s+in|"
            rf"act\s+in|play\s+in)\s+{_FILM}{_END}",
        ),
        (
            "cast",
            rf"\bwho(?:['’]s|\s+is|\s+was)\s+the\s+(?:lead|star|main\s+(?:actor|actress|character))\s+"
            rf"(?:of|in)\s+{_FILM}{_END}",
        ),
        ("cast", rf"\bdoes\s+{_FILM}\s+(?:star|have)\s+[A-Z]\w+"),
        (
            "rating",
            rf"\b(?:what\s+did\s+(?:people|critics|viewers)\s+think\s+of|how\s+was)\s+{_FILM}\s*"
            rf"(?:received)?{_END}",
        ),
        (
            "rating",
            rf"\bis\s+{_FILM}\s+(?:overrated|underrated|acclaimed|popular|a\s+good\s+(?:movie|film)|"
            rf"worth\s+(?:a\s+)?watch)",
        ),
        (
            "crew",
            rf"\bwho\s+(?:wrote|scored|composed|produced|edited|shot|did\s+the\s+music\s+(?:for|of|in))\s+"
            rf"{_FILM}{_END}",
        ),
        (
            "sequel",
            rf"\b(?:is\s+there|are\s+there)\s+(?:a|any)\s+(?:sequels?|prequels?|follow[\s-]ups?)\s+"
            rf"(?:to|of|for)\s+{_FILM}{_END}",
        ),
        ("sequel", rf"\bdoes\s+{_FILM}\s+have\s+(?:a\s+)?(?:sequels?|prequels?){_END}"),
        (
            "where",
            rf"\bwhere\s+(?:can|could|do)\s+(?:i|we|you)\s+(?:watch|stream|see|rent|buy|find)\s+{_FILM}"
            rf"(?:\s+online)?{_END}",
        ),
        (
            "where",
            rf"\bis\s+{_FILM}\s+(?:on|streaming\s+on|available\s+on)\s+(?:netflix|hulu|prime|disney|hbo|max)",
        ),
    ]
]
# Rarer phrasings of the same facts.
_QUESTION_RULES += [
    (fact, re.compile(pattern, re.I))
    for fact, pattern in [
        (
            "cast",
            rf"\bwho\s+(?:plays|played|voices|voiced|portrays|portrayed)\s+(?:[\w'’.-]+\s+){{1,4}}in\s+{_FILM}{_END}",
        ),
        ("cast", rf"\bwho\s+else\s+(?:is|was|stars|starred|acts|acted)\s+in\s+{_FILM}{_END}"),
        ("runtime", rf"\bhow\s+many\s+(?:minutes|hours)\s+long\s+is\s+{_FILM}{_END}"),
        ("runtime", rf"\bhow\s+long['’]s\s+{_FILM}{_END}"),
        ("runtime", rf"\b(?:runtime|run\s+time|running\s+time|length)\s+on\s+{_FILM}{_END}"),
        ("year", rf"^\W*{_FILM}\s+came\s+out\s+(?:in\s+)?(?:what|which)\s+year"),
        ("rating", rf"\bwhat\s+(?:rating|score)\s+(?:does|did)\s+{_FILM}\s+(?:have|get){_END}"),
        ("rating", rf"\b(?:was|is)\s+{_FILM}\s+(?:a\s+(?:hit|flop|success)|well\s+received){_END}"),
        ("plot", rf"\bsummari[sz]e\s+{_FILM}{_END}"),
        ("director", rf"\b(?:was|is)\s+{_FILM}\s+directed\s+by\b"),
        ("director", rf"\bdid\s+[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+)*\s+direct\s+{_FILM}{_END}"),
        (
            "runtime",
            rf"\bis\s+{_FILM}\s+(?:longer|shorter|over|under|more\s+than|less\s+than)\s+\w+\s+(?:hours?|minutes?)",
        ),
        ("plot", rf"\bhow\s+does\s+{_FILM}\s+end{_END}"),
        ("plot", rf"\b(?:the\s+)?ending\s+of\s+{_FILM}{_END}"),
        ("plot", rf"\b(?:where|when)\s+is\s+{_FILM}\s+set{_END}"),
        (
            "plot",
            rf"\bwho\s+(?:is|was)\s+the\s+(?:villain|bad\s+guy|hero|antagonist|protagonist)\s+(?:in|of)\s+{_FILM}{_END}",
        ),
        ("plot", rf"\bwho\s+dies\s+in\s+{_FILM}{_END}"),
        ("plot", rf"\btell\s+me\s+(?:something|a\s+(?:bit|little)|anything)\s+about\s+{_FILM}{_END}"),
        ("year", rf"\bwhich\s+year\s+(?:did|was)\s+{_FILM}\s+(?:come\s+out|released|made|out)\b"),
        ("year", rf"^\W*{_FILM}\s+(?:came\s+out|was\s+released|was\s+made)\s+when\b"),
        (
            "rating",
            rf"\bwhat\s+(?:do|does)\s+(?:people|critics|viewers)\s+think\s+(?:of|about)\s+{_FILM}{_END}",
        ),
        ("rating", rf"\bis\s+{_FILM}\s+better\s+than\b"),
        ("language", rf"\bwhat\s+language\s+is\s+{_FILM}\s+in{_END}"),
        (
            "language",
            rf"\bis\s+{_FILM}\s+in\s+(?:english|french|spanish|german|italian|japanese|korean|colou?r|black\s+and\s+white){_END}",
        ),
        (
            "cast",
            rf"\bwhich\s+(?:actors|actresses|stars|people)\s+(?:are|were|is|was|appear|appeared|star|starred)\s+in\s+"
            rf"{_FILM}{_END}",
        ),
        (
            "cast",
            rf"\bwho(?:['’]s|\s+is|\s+was|\s+are|\s+were)\s+the\s+(?:lead(?:ing)?|main|starring)\s+"
            rf"(?:actor|actress|actors|star|stars|character|characters)\s+(?:of|in)\s+{_FILM}{_END}",
        ),
        ("plot", rf"\bwhat\s+{_FILM}\s+is\s+(?:about|like){_END}"),
        ("runtime", rf"\bhow\s+long\s+{_FILM}\s+(?:is|runs|lasts){_END}"),
        ("year", rf"\bwhen\s+{_FILM}\s+(?:came\s+out|was\s+(?:released|made)){_END}"),
        (
            "kids",
            rf"\bwhat\s+age(?:\s+group)?\s+is\s+{_FILM}\s+(?:for|suitable\s+for|aimed\s+at|meant\s+for){_END}",
        ),
        ("director", rf"\bwho(?:['’]s|\s+is|\s+was)\s+{_FILM}['’]s\s+director{_END}"),
        (
            "cast",
            rf"\bwho(?:['’]s|\s+is|\s+are|\s+was|\s+were)\s+(?:in\s+)?{_FILM}['’]s\s+(?:cast|stars|actors|lead)",
        ),
        (
            "runtime",
            rf"\bwhat(?:['’]s|\s+is)\s+{_FILM}['’]s\s+(?:runtime|run\s+time|running\s+time|length){_END}",
        ),
        ("rating", rf"\bwhat(?:['’]s|\s+is)\s+{_FILM}['’]s\s+(?:rating|score|imdb\s+rating){_END}"),
        ("plot", rf"\bwhat(?:['’]s|\s+is)\s+{_FILM}['’]s\s+(?:plot|story|storyline|premise){_END}"),
        ("genre", rf"\bwhat(?:['’]s|\s+is)\s+{_FILM}['’]s\s+genre{_END}"),
        ("year", rf"\bwhat(?:['’]s|\s+is)\s+{_FILM}['’]s\s+(?:release\s+(?:date|year)|year){_END}"),
        ("rating", rf"^\W*should\s+(?:i|we)\s+(?:watch|see|bother\s+with|skip)\s+{_FILM}{_END}"),
        ("rating", rf"\bdoes\s+{_FILM}\s+hold\s+up{_END}"),
        ("rating", rf"^\W*{_FILM}\s*[-:–,]\s*(?:any\s+good|worth\s+(?:it|watching)|good\s+or\s+bad){_END}"),
        ("kids", rf"\bwould\s+{_KIDS}\s+(?:like|enjoy|be\s+ok\s+with)\s+{_FILM}{_END}"),
        (
            "awards",
            rf"\b(?:did|has)\s+{_FILM}\s+(?:win|won|get|got)\s+(?:any\s+)?(?:awards?|oscars?|prizes?)",
        ),
        ("awards", rf"\bhow\s+many\s+(?:awards|oscars)\s+did\s+{_FILM}\s+(?:win|get){_END}"),
        ("plot", rf"\b(?:explain|what\s+happens\s+at)\s+the\s+ending\s+(?:of|to|in)\s+{_FILM}{_END}"),
    ]
]
_TITLE_THEN_QUESTION = re.compile(
    r"^\W*(?P<film>[^:–—,?]{1,60}?)\s*(?:[:–—,]|\s-)\s*(?P<question>(?:who|what|how|when|is|was|does|can)\b.*\bit\b.*)$",
    re.I,
)
_YEAR = re.compile(r"\s*\(\s*((?:18|19|20)\d\d)\s*\)\s*$")
_FILM_PREFIX = re.compile(r"^(?:the\s+(?:movie|film)\s+|(?:movie|film)\s+)", re.I)


def _any(*alternatives: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{a})" for a in alternatives), re.I)


_A = r"(?:a|an|the|this|that|one|some)"
_MOVIE = r"(?:movie|film|flick)"
# How people ask for a film they cannot name.
_KNOWN_ITEM = _any(
    r"\[?\btomt\b|\btip\s+of\s+my\s+tongue\b",
    rf"\bwhat(?:['’]s|\s+is|\s+was)\s+(?:the\s+(?:name|title)\s+of\s+)?(?:the|that|this|a)\s+(?:\w+\s+){{0,3}}?"
    rf"{_MOVIE}\s+(?:where|in\s+which|about|with|that|when|i|called|set|from|starring)\b",
    rf"\b(?:what|which)\s+{_MOVIE}\s+(?:is|was)\s+(?:it|that|this|the\s+one)\b",
    r"\bwhat(?:['’]s|\s+is|\s+was)\s+(?:that|the)\s+one\s+(?:where|with|about|in\s+which)\b",
    rf"\b(?:which|what)\s+{_MOVIE}\s+(?:has|had|features|featured|involves|starts|ends|begins|shows|showed"
    rf"|is\s+about|was\s+about|had\s+a\s+scene)\b",
    rf"\bname\s+(?:the|that|this)\s+{_MOVIE}\b|\bname\s+of\s+{_A}\s+(?:\w+\s+){{0,3}}?{_MOVIE}\b",
    rf"\b(?:do|does|would)\s+(?:you|anyone|anybody)\s+know\s+(?:the|a|that|this|which|what)\s+(?:\w+\s+){{0,2}}?"
    rf"{_MOVIE}\b",
    rf"\b(?:i\s+)?(?:remember|recall)\s+{_A}\s+(?:\w+\s+){{0,4}}?(?:{_MOVIE}|scene)\b",
    rf"\b(?:trying|want|need|hoping|looking)\s+(?:to\s+)?(?:find|remember|recall|identify|figure\s+out|think\s+of"
    rf"|name|track\s+down|get\s+the\s+name\s+of)\s+{_A}\s+(?:\w+\s+){{0,4}}?{_MOVIE}\b",
    r"\b(?:can['’]?t|cannot|can\s+not|don['’]?t|couldn['’]?t)\s+(?:remember|recall|think\s+of|find|figure\s+out)"
    r"\s+(?:the\s+)?(?:name|title)\b",
    r"\bforg(?:ot|otten)\s+(?:the\s+)?(?:name|title)\b",
    rf"\b(?:identify|find\s+the\s+name\s+of)\s+(?:a|this|the|that)\s+(?:\w+\s+){{0,3}}?{_MOVIE}\b",
    rf"\bhelp\s+(?:me\s+)?(?:finding|identifying|identify|remember|recall)\s+{_A}\s+(?:\w+\s+){{0,3}}?"
    rf"(?:{_MOVIE}|show)\b",
    rf"\b(?:looking|searching)\s+for\s+{_A}\s+(?:\w+\s+){{0,4}}?{_MOVIE}\s+(?:i|that\s+i|we)\s+"
    r"(?:saw|watched|remember|used\s+to)\b",
    rf"\b{_MOVIE}\s+i\s+(?:saw|watched|remember|used\s+to\s+watch)\b",
    rf"\bthere\s+(?:was|is)\s+(?:this|a|an|one)\s+(?:\w+\s+){{0,3}}?{_MOVIE}\s+(?:where|about|with|in\s+which|that)\b",
    r"\b(?:movie|film|show|series)\s+title\b",
    r"\b(?:driving\s+me\s+(?:crazy|nuts|insane)|bugging\s+me|bothering\s+me)\b",
    r"\bbeen\s+looking\s+for\s+(?:it\s+|this\s+)?for\s+(?:years|ages|months)\b",
    rf"\b(?:a|the|one|that|this)\s+scene\b|\bscenes?\s+(?:from|in|where)\s+{_A}\b|\b{_MOVIE}\s+scene\b",
    r"\b(?:this|the|that)\s+(?:gif|clip|video|trailer|preview)\b",
    rf"\bi\s+(?:once\s+)?(?:saw|watched|caught)\s+(?:a|an|this|that|some)\s+(?:\w+\s+){{0,3}}?{_MOVIE}\b",
    r"\bwhat\s+it(?:['’]s|\s+is|\s+was)\s+called\b|\b(?:name|title)\s+of\s+it\b|\bfind\s+(?:it|this\s+one)\b",
    rf"\bhelp\s+(?:me\s+)?find\s+(?:a|the|this|that)\s+(?:\w+\s+){{0,2}}?{_MOVIE}\s+(?:where|about\s+(?:a|an|the)|"
    r"with\s+(?:a|an|the)|that|in\s+which|i)\b",
    r"\b(?:as\s+a\s+(?:kid|child|teen(?:ager)?)|when\s+i\s+was\s+(?:a\s+)?(?:kid|little|young|child|teen))\b",
    r"\b(?:years|decades|a\s+long\s+time)\s+ago\b.*\b(?:saw|watched|seen)\b",
    r"\b(?:saw|watched|seen)\b.*\b(?:years|decades|a\s+long\s+time)\s+ago\b",
    r"\(\s*\?+\s*\)|\?{2,}|\bor\s+something\b",
    r"\bi\s+(?:think|believe)\s+(?:it|the|he|she|they|there)\b|\b(?:might|may)\s+(?:have\s+been|be\s+(?:from|in|set))\b",
)
# A story told about characters: "a guy who goes to Mexico", "man marries woman, she has ..."
_CHARACTER = (
    r"(?:man|men|guy|guys|woman|women|girl|girls|boy|boys|kid|kids|child|children|family|couple|teen|teens"
    r"|teenager|teenagers|people|group|person|someone|he|she|they|character|protagonist|dude|lady|mother|father"
    r"|mom|dad|son|daughter|brother|sister|soldier|cop|detective|alien|robot|dog|wife|husband|girlfriend"
    r"|boyfriend|student|students|scientist|king|queen|prince|princess|veteran|monkey|killer|tutor|agent|agents)"
)
_NARRATIVE = re.compile(
    rf"(?:^|[\s,;(])(?:(?:a|an|the|this|some|two|three|his|her|their|young|little|old)\s+)?(?:[\w-]+\s+)?"
    rf"{_CHARACTER}\s+(?:who\s+|that\s+)?(?:\w+ly\s+)?(?:is|was|were|are|has|had|gets|got|goes|went|go|finds|found"
    r"|falls|fell|meets|met|tries|tried|wakes|woke|discovers|discovered|becomes|became|kills|killed|moves|moved"
    r"|lives|lived|turns|turned|travels|traveled|travelled|starts|started|ends|ended|comes|came|runs|ran|takes"
    r"|took|marries|married|escapes|escaped|sees|saw|wants|wanted|being|can['’]t|gets|grows|guides|builds|build"
    r"|\w+s\s+(?:a|an|the|his|her|their|to|into|up|out|in|on|with|from|for|through)\b)",
    re.I,
)
_PAST_MEMORY = _any(
    r"\bi\s+(?:think|believe)\s+(?:it\s+)?(?:was|is)\b|\bi['’]m\s+not\s+sure\b|\bnot\s+sure\s+if\b",
    r"\b(?:possibly|probably)\b|\bmaybe\s+(?:it\s+)?was\b|\bi\s+only\s+remember\b|\ball\s+i\s+(?:can\s+)?remember\b",
    r"\b(?:saw|watched|seen|caught)\s+(?:it\s+)?on\s+(?:tv|vhs|dvd|cable|netflix|youtube)\b|\bon\s+(?:vhs|cable)\b",
    r"\bwas\s+on\s+(?:tv|cable)\b|\bi\s+(?:saw|watched|seen)\b|\bthere\s+was\s+a\s+scene\b",
    r"\d0['’]?s\s*(?:/|or|-|–|to)\s*(?:early\s+|late\s+|mid\s+)?(?:\d0|\d{4})['’]?s",
    r"(?:early|late|mid)[\s-]*\d0['’]?s\s+(?:early|late|mid)[\s-]*\d0['’]?s|\b\d0s?[\s-]?ish\b",
)
# "the movie where the guy...": one film, known to exist; after films were shown it may point at one.
_DEFINITE_PLOT = re.compile(
    r"\b(?:the|that|this)\s+(?:\w+\s+)?(?:movie|film|one)\s+(?:where|in\s+which|about\s+(?:a|an|the|two)|"
    r"with\s+the)\b",
    re.I,
)
# "Horror movie where a family moves into ...": a plot told to name a film, unless framed as a request.
_PLOT_CLAUSE = re.compile(
    r"\b(?:movie|film|show|series|cartoon)\s+(?:where|in\s+which|whose)\s+(?:a|an|the|this|some|two|three|his|her"
    r"|their|every|all|everyone|people|kids|\w+s)\b",
    re.I,
)
_ABOUT_START = re.compile(r"^\W*(?:it['’]?s\s+)?about\s+(?:a|an|the|two|some|this)\b", re.I)
# Request framing: a message that asks for films is a recommendation, however it tells a story.
_REQUEST = _any(
    r"\b(?:recommend|suggest|suggestions?|recs?|give\s+me|show\s+me|find\s+me|get\s+me)\b",
    r"\bi\s+(?:want|need|feel\s+like)\b|\bi['’]d\s+(?:like|love)\b|\bin\s+the\s+mood\b",
    r"\b(?:looking|searching)\s+for\s+(?:a\s+|an\s+|some\s+)?(?:good\s+)?(?:something|movies|films|recommendations?)\b",
    r"\bwhat\s+should\s+(?:i|we)\s+watch\b|\bsomething\b|\banything\b|\bany\s+good\b|\btonight\b",
    r"\bcan\s+you\s+(?:find|pick)\b|\bwatch\s+(?:with|tonight)\b|\bideas?\s+for\b|\boptions?\b|\bpicks?\b|\bplease\b",
    r"\b(?:looking|searching)\s+for\s+(?:a|an|some)\s+(?:\w+\s+){0,2}?(?:movie|film)\b|\bis\s+there\s+(?:a|any)\b",
)
# A question that asks for something: a described film put as a question ("Killer robot spiders?") has none.
_ASKS = re.compile(
    r"^\W*(?:what|which|who|whom|whose|how|why|when|where|is|are|was|were|can|could|would|will|do|does|did"
    r"|should|shall|any|anything|something|got|have|has|know|recommend|suggest|tell|give|show|need|want|i|we"
    r"|may|might|hey|hi|hello|ok|okay|please|so)\b",
    re.I,
)
# Pointing back at films already shown, or at the last answer.
_FOLLOW_UP = _any(
    r"\b(?:the\s+)?(?:first|second|third|fourth|fifth|last|other|middle|\d(?:st|nd|rd|th))\s+(?:one|film|movie"
    r"|pick|suggestion|option)\b",
    r"\b(?:number|no\.?|#)\s*\d\b|\b(?:that|this)\s+one\b",
    r"^\W*(?:something|anything|any|one|ones|a\s+bit|maybe|ok(?:ay)?,?|hmm+,?|and|but|also|or|now|how\s+about"
    r"|what\s+about)?\s*(?:a\s+(?:bit|little|lot)\s+|even\s+|much\s+)?(?:older|newer|more\s+recent|shorter|longer"
    r"|funnier|darker|lighter|scarier|sadder|happier|weirder|less\s+\w+|more\s+\w+|cheesier|calmer|gentler"
    r"|slower|faster|quieter|smarter|deeper|grittier)\b",
    r"\b(?:more|others?|another|different)\s+(?:like\s+(?:that|this|those|these|it|them|the\s+\w+\s+one)|ones?"
    r"|options|suggestions|picks|please)\b",
    r"\bmore\s+like\s+(?:that|this|those|these|it|them)\b|\b(?:anything|something)\s+else\b|\bwhat\s+else\b",
    r"\bnot\s+(?:that|this|those)\s+(?:one|ones)?\b",
    r"\b(?:i['’]ve|i\s+have|already)\s+(?:already\s+)?(?:seen|watched)\s+(?:it|that|those|them|this|all|both"
    r"|the\s+(?:first|second|third|last))\b",
    r"\b(?:again|instead)\s*[?!.]*$|^\W*(?:more|others|another\s+one|next)\W*$",
    r"\b(?:of\s+those|of\s+these|among\s+them|out\s+of\s+(?:those|these))\b|\bnone\s+of\s+(?:those|these|them|your)\b",
    r"\bthis\s+time\b|\b(?:same|similar)\s+(?:but|vibe|thing|kind|ones?)\b|^\W*(?:something|anything)\s+similar\W*$",
    r"\bmore\s+of\s+the\s+same\b|\bwhy\s+(?:did|would|do)\s+you\s+(?:pick|choose|recommend|suggest|show)\b",
    r"\bwhy\s+(?:that|this)\s+one\b|\binstead\b",
    r"\b(?:show|give|send|get)\s+(?:me\s+)?(?:some\s+)?(?:more|others|a\s+few\s+more)\b|\bmore\s+(?:please|of\s+"
    r"(?:those|these|them))\b|\bsee\s+more\b",
    r"^\W*(?:those|these|they|that|it)(?:['’]re|['’]s|\s+are|\s+is|\s+were|\s+was)\s+(?:all\s+)?(?:a\s+bit\s+|way\s+"
    r"|much\s+|far\s+)?too\s+\w+",
    r"^\W*(?:way\s+|a\s+bit\s+|much\s+)?too\s+\w+\W*$",
)
_FOLLOW_ON = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|cool|great|nice|thanks|hmm+|yes|no|nah|actually|well)[\s,!.]+)?(?:(?:what|how)\s+about"
    r"|and|but|also|only|just|maybe|preferably|rather|instead|same|any|ones?)\b",
    re.I,
)
_CHIT_CHAT = _any(
    r"^\W*(?:hi+|hello+|hey+|hiya|howdy|yo|good\s+(?:morning|afternoon|evening|night)|greetings"
    r"|thanks?(?:\s+you)?(?:\s+(?:so|very)\s+much)?|thank\s+you|thx|ty|cheers|bye|goodbye|see\s+(?:you|ya)"
    r"|later|good\s*night|ok(?:ay)?|cool|nice|great|awesome|perfect|lol|haha+|sounds\s+good|got\s+it|sure|yes|no"
    r"|nope|yep|yeah|sweet|wow|neat|amazing|brilliant|lovely|fine|alright|no\s+worries)"
    r"(?:[\s,!.]+(?:there|you|again|buddy|friend|mate|bot|so\s+much|a\s+lot|man|guys|all|everyone|that['’]s"
    r"|this\s+is|it|helps?|great|good|nice|cool|thanks?|thank\s+you|awesome|perfect|bye|night))*\W*$",
    r"\b(?:who|what)\s+are\s+you\b|\bare\s+you\s+(?:a\s+)?(?:bot|robot|human|real|ai|person|chatgpt)\b",
    r"\bhow\s+are\s+you\b|\bwhat\s+can\s+you\s+do\b|\bhow\s+do(?:es)?\s+(?:you|this|it)\s+work\b",
    r"\bwhat(?:['’]s|\s+is)\s+your\s+name\b|\btell\s+me\s+(?:a\s+)?jokes?\b",
    r"\bwhat(?:['’]s|\s+is)\s+the\s+(?:weather|time|date)\b|\bhow['’]s\s+it\s+going\b|\bnice\s+to\s+meet\s+you\b",
    r"\byou['’]re\s+(?:great|awesome|the\s+best|helpful|funny|useless|smart)\b|\bwho\s+(?:made|built|created)\s+you\b",
    r"^\W*(?:what['’]?s\s+up|sup|how['’]?s\s+(?:your|it)\s+\w+|how\s+have\s+you\s+been|how\s+do\s+you\s+do"
    r"|never\s*mind|forget\s+it|can\s+you\s+help\s+me|that\s+(?:was|is)\s+(?:helpful|great|useful|nice|perfect|fun)"
    r"|good\s+(?:job|bot|one)|i\s+see|interesting|fair\s+enough|makes\s+sense)\b",
)
# Talk about films that asks for none: "what's your favourite movie?", "do you like films?"
_CHAT_ABOUT_FILMS = _any(
    r"\byour\s+(?:all[\s-]time\s+)?favou?rite\s+(?:movie|film|actor|actress|director|genre)s?\b",
    r"\bdo\s+you\s+(?:like|love|watch|enjoy|have\s+a\s+favou?rite)\s+(?:movies|films|cinema)\b",
    r"\bcan\s+you\s+(?:watch|see)\s+(?:movies|films)\b|\bhave\s+you\s+(?:ever\s+)?(?:seen|watched)\s+(?:a\s+)?(?:movies?"
    r"|films?)\b",
    r"\bi\s+(?:just\s+)?(?:love|like|enjoy)\s+(?:movies|films|cinema)\W*$",
)
# A mood or taste word: "something to cheer me up" asks for films even without a film word.
_TASTE = re.compile(
    r"\b(?:fun|funny|sad|scary|dark|light|feel[\s-]?good|cozy|cosy|romantic|exciting|tense|chill|relax\w*|cheer"
    r"|uplifting|thrilling|epic|weird|quirky|smart|mind[\s-]?bending|twist|laugh|cry|date|watch|classic"
    r"|recommend\w*|suggest\w*|bored|mood|vibe|tonight|weekend|something|anything|see|surprise|entertain\w*"
    r"|kill\s+time|rainy|evening|afternoon|family|friends|girlfriend|boyfriend|wife|husband|partner|popcorn"
    r"|binge|plane|flight|sleepover|party|halloween|christmas|valentine\w*)\b",
    re.I,
)
_FILM_WORDS = re.compile(r"\b(?:movies?|films?|flicks?|watch|cinema|documentar|series|show)", re.I)


def read_question(text: str, index: CatalogueIndex) -> tuple[str, str | None, str] | None:
    """(fact asked, catalogue id of the film or None, the film as written) for a question about one
    film; None when the message asks no such question."""
    if pointed := _TITLE_THEN_QUESTION.match(text):  # "Heat: who directed it?"
        film = pointed.group("film").strip()
        text = re.sub(r"\bit\b", lambda _: film, pointed.group("question"), count=1, flags=re.I)
    for fact, rule in _QUESTION_RULES:
        if not (m := rule.search(text)):
            continue
        written = _FILM_PREFIX.sub("", m.group("film").strip(" \"'“”‘’,")).strip()
        if not written or GENRE_WORD.fullmatch(written) or _is_generic(written):
            continue
        dated = _YEAR.search(written)
        title = written[: dated.start()].strip() if dated else written
        movie = index.match_title(title, int(dated.group(1)) if dated else None)
        if movie is None and set(title_key(title).split()) & _NOT_A_TITLE:
            continue  # "the best Nolan movie", "tonight": a request, not a film's name
        return fact, (movie.id if movie else None), written
    return None


_NOT_A_NAME = frozenset(
    "a an any some it this that these those one they them there something anything everything your my you "
    "he she we i what which who".split()
)
# Words that make an unknown "film" a description: "the best Christopher Nolan movie", "tonight".
_NOT_A_TITLE = frozenset(
    "best top greatest worst good great most favourite favorite movie movies film films tonight now today "
    "next first something anything".split()
)
# A film already shown: "the second one", "those".
_POINTERS = frozenset("first second third fourth fifth last one ones them those these".split())


def _is_generic(written: str) -> bool:
    """ "a good movie", "it", "the second one": no film's name."""
    words = title_key(written).split()
    return not words or words[0] in _NOT_A_NAME or (len(words) <= 3 and bool(set(words) & _POINTERS))


def classify(
    text: str, *, question: bool, constraints_set: bool, names_film: bool, in_session: bool
) -> IntentKind:
    """The kind of message, given what parsing found in it (a film question, constraints, named films)."""
    if _KNOWN_ITEM.search(text) or (not in_session and _DEFINITE_PLOT.search(text)):
        return "known_item"
    if question:
        return "film_question"
    if _CLOSING.search(text):
        return "chit_chat"  # "thanks, I'll watch the first one!"
    if _FOLLOW_UP.search(text) and (in_session or not names_film):
        return "follow_up"
    plain = not constraints_set and not names_film
    if plain and _CHIT_CHAT.search(text) and not _FILM_WORDS.search(text) and not _NOT_THOSE.search(text):
        return "chit_chat"
    if in_session and (_FOLLOW_ON.search(text) or _NOT_THOSE.search(text)):
        return "follow_up"  # "what about the 80s?", "and with Tom Hanks?", "nah"
    if plain and _CHAT_ABOUT_FILMS.search(text):
        return "chit_chat"
    if _tells_a_story(text):
        return "known_item"
    if plain and not (_FILM_WORDS.search(text) or _TASTE.search(text) or GENRE_WORD.search(text)):
        # No film, taste or constraint in it: after films were shown, a reaction to them; else a described
        # scene ("Invincible except for a leaf-shaped spot") or talk ("what's the capital of France?").
        if in_session:
            return "follow_up"
        if len(text.split()) >= 6 and not _ASKS.search(text) and not _FIRST_PERSON.search(text):
            return "known_item"
        return "chit_chat"
    return "recommend"


# Thanks and a goodbye after the picks: the conversation is ending, no new request in it.
_CLOSING = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|great|perfect|awesome|cool|nice|thanks?|thank\s+you|cheers|brilliant|lovely|sounds\s+good)"
    r"[\s,!.]*)+(?:i['’]ll|i\s+will|gonna|going\s+to|will|let\s+me|we['’]ll)\s+(?:\w+\s+)?(?:watch|check|try|see|give"
    r"|go\s+with|pick|take)\b",
    re.I,
)
_NOT_THOSE = re.compile(
    r"^\W*(?:no|nope|nah|meh|not\s+really|hmm+|ugh|boring|seen\s+(?:it|them|those))\b", re.I
)
_FIRST_PERSON = re.compile(r"^\W*(?:i|i['’]m|i['’]ve|my|we|we['’]re|me|let['’]s|you)\b", re.I)


def _tells_a_story(text: str) -> bool:
    """A description of a film's events, with no request in it: "Man marries woman, she has life
    insurance", "a movie about a guy who goes to Mexico and drives an El Camino", "Evil twin?"."""
    if _REQUEST.search(text):
        return False
    if any(rule.search(text) for rule in (_PAST_MEMORY, _NARRATIVE, _ABOUT_START, _PLOT_CLAUSE)):
        return True
    return text.rstrip().endswith("?") and not _ASKS.search(text)  # a guess put as a question
