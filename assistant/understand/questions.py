"""Questions about one film ("who directed Heat?", "how long is Titanic?", "is Coco for kids?"): which
fact is asked, and about which film.

Rules by class of phrasing; the film is whatever stands where a film's name goes, looked up in the
catalogue (a film it lacks is still a question, answered with "I couldn't find it").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.understand.catalogue import CatalogueIndex
from assistant.understand.titles import title_key
from assistant.understand.vocabulary import GENRE_ALTERNATIVES, GENRE_WORD

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
    "money",
    "source",
)

_FILM = r"(?P<film>[^?!.;]{1,80}?)"
_ADVERB = r"(?:really|actually|even|still|also|generally|honestly|definitely|kinda|mostly)"
# "is the second one ok for kids?": a film shown by its place, read whole before any shorter guess
_ORDINAL_ONE = (
    r"(?:the\s+)?(?:first|second|third|fourth|fifth|sixth|last|\d(?:st|nd|rd|th))\s+(?:one|film|movie|pick)"
)
_FILM_OR_SHOWN = rf"(?P<film>{_ORDINAL_ONE}(?=\s)|[^?!.;]{{1,80}}?)"
_TITLE_FIRST = r"^\W*(?P<film>"  # rules that open with the film's name: "Mean Girls cast"
_PLEASE = r"(?:\s+please|\s+pls|\s+\?)?"
_END = r"\s*(?:[?!.]+|$)"
_THE_FILM = r"(?:the\s+)?(?:movie|film)\s+"
_KIDS = (
    r"(?:kids?|children|(?:a|an|my|our)\s+(?:\d{1,2}|\w+)[\s-]+year[\s-]+olds?|(?:my|a)\s+(?:son|daughter|kid|child|"
    r"nephew|niece|little\s+one)s?|the\s+(?:whole\s+)?family|(?:a\s+)?family\s+(?:movie\s+)?night|young\s+"
    r"(?:kids|children)|the\s+kids|teens?|teenagers?|toddlers?|little\s+ones|family\s+viewing)"
)
# (fact, pattern): the film is the `film` group.
_QUESTION_RULES: list[tuple[str, re.Pattern[str]]] = [
    (fact, re.compile(pattern, re.I))
    for fact, pattern in [
        ("director", rf"\bwho\s+(?:directed|made|helmed|was\s+behind|is\s+behind|shot)\s+{_FILM}{_END}"),
        ("director", rf"\bwho(?:['’]s|\s+is|\s+was)\s+the\s+director\s+(?:of|for|on)\s+{_FILM}{_END}"),
        ("director", rf"\bdirector\s+of\s+{_FILM}\s+(?:make|made|do|done|direct|directed|film|shoot){_END}"),
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
            # an adverb at most between the film and the verdict: any word there made the film's
            # name end early ("is The Lion King ok" read "The Lion", found as The Legion)
            rf"\b(?:is|are)\s+{_FILM_OR_SHOWN}\s+(?:{_ADVERB}\s+)?(?:ok(?:ay)?|suitable|appropriate|good|fine|safe|alright|"
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
            # not "what's like Inception?" nor "what's similar to Heat?": those ask for films
            rf"\bwhat(?:['’]s|\s+is)\s+(?:the\s+(?:deal|story)\s+with\s+)?(?!(?:like|similar|close)\b)"
            rf"{_FILM}\s*(?:like)?\s*[?]+\s*$",
        ),
        (
            "plot",
            rf"\bdoes\s+{_FILM}\s+have\s+(?:a\s+)?(?:happy|sad|good|twist|surprise|open)\w*\s*(?:ending|end|twist)",
        ),
        (
            "plot",
            rf"\bdoes\s+(?:the\s+)?\w+\s+(?:die|survive|live|win|get\s+\w+)\s+(?:in|at\s+the\s+end\s+of)\s+{_FILM}{_END}",
        ),
        ("source", rf"\bis\s+{_FILM}\s+(?:based\s+on|a\s+true\s+story|true\b)"),
        ("source", rf"\bwhat\s+(?:is|was)\s+{_FILM}\s+based\s+on{_END}"),
        ("plot", rf"\bis\s+{_FILM}\s+(?:sad|depressing|uplifting|a\s+tear[\s-]?jerker)"),
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
            rf"^\W*(?:is|was|does)\s+(?-i:[A-Z])[\w.'’-]+(?:\s+(?-i:[A-Z])[\w.'’-]+)+\s+(?:in|star\s+in|appear\s+in|"
            rf"act\s+in|play\s+in)\s+{_FILM}{_END}",
        ),
        (
            "cast",
            rf"\bwho(?:['’]s|\s+is|\s+was)\s+the\s+(?:lead|star|main\s+(?:actor|actress|character))\s+"
            rf"(?:of|in)\s+{_FILM}{_END}",
        ),
        ("cast", rf"\bdoes\s+{_FILM}\s+(?:star|have)\s+(?-i:[A-Z])\w+"),
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
        ("genre", rf"\bis\s+{_FILM}\s+(?:more\s+)?(?:a\s+|an\s+)?(?:{GENRE_ALTERNATIVES})\s+or\s+"),
        ("cast", rf"\bwhat(?:['’]s|\s+is)\s+{_FILM}['’]s\s+cast\b"),
        ("rating", rf"\bhow\s+does\s+{_FILM}\s+compare\s+(?:to|with)\b"),
        ("language", rf"\bdoes\s+{_FILM}\s+have\s+(?:english\s+)?(?:subtitles|dubbing|a\s+dub)"),
        ("sequel", rf"\bis\s+{_FILM}\s+a\s+(?:sequel|prequel|remake|reboot)\b"),
        ("sequel", rf"\bis\s+there\s+(?:a|an)\s+{_FILM}\s+(?:2|two|ii|sequel|part\s+(?:2|two)){_END}"),
        ("plot", rf"\b(?:story|plot)\s+(?:behind|in)\s+{_FILM}{_END}"),
        ("plot", rf"\b(?:info|information|details|facts|trivia)\s+(?:on|about|for)\s+{_FILM}{_END}"),
        ("plot", rf"\bwhat\s+do\s+you\s+know\s+about\s+{_FILM}{_END}"),
        (
            "cast",
            rf"\bwho(?:['’]s|\s+is|\s+was)\s+the\s+(?:actor|actress)\s+(?:that|who)\s+(?:plays|played)\s+"
            rf"(?:[\w'’.-]+\s+){{1,3}}in\s+{_FILM}{_END}",
        ),
        (
            "kids",
            rf"\bhow\s+(?:violent|scary|gory|graphic|bloody|sad|dark|explicit|intense)\s+is\s+{_FILM}{_END}",
        ),
        (
            "kids",
            rf"\bdoes\s+{_FILM}\s+have\s+(?:a\s+lot\s+of\s+|much\s+|any\s+)?(?:violence|gore|sex|nudity|swearing"
            rf"|bad\s+language|blood|jump\s+scares)",
        ),
        (
            "kids",
            rf"\b(?:is\s+there|are\s+there|any)\s+(?:a\s+lot\s+of\s+|much\s+|any\s+)?(?:violence|gore|sex|nudity"
            rf"|swearing|sex\s+scenes|jump\s+scares)\s+in\s+{_FILM}{_END}",
        ),
        ("kids", rf"\bage\s+rating\s+on\s+{_FILM}{_END}"),
        ("rating", rf"\breviews?\s+(?:like\s+)?(?:for|of|on)\s+{_FILM}{_END}"),
        (
            "rating",
            rf"\b(?:was|is)\s+{_FILM}\s+(?:popular|successful|a\s+(?:box[\s-]office\s+)?(?:hit|success|flop))"
            rf"{_END}",
        ),
        ("director", rf"\b(?:was|is)\s+{_FILM}\s+directed\s+by\b"),
        ("director", rf"\bdid\s+(?-i:[A-Z])[\w.'’-]+(?:\s+(?-i:[A-Z])[\w.'’-]+)*\s+direct\s+{_FILM}{_END}"),
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
        # how old a viewer must be: "how old do you need to be to watch Deadpool?"
        (
            "kids",
            rf"\bhow\s+old\s+(?:do|does|should|must)\s+(?:you|i|one|we|they|kids?|children|(?:my|a)\s+\w+)\s+"
            rf"(?:need\s+to\s+|have\s+to\s+)?be\s+(?:to\s+(?:watch|see)\s+)?{_FILM}{_END}",
        ),
        (
            "kids",
            rf"\b(?:what|which)\s+age\s+(?:can|should|do|does)\s+(?:\w+\s+){{0,2}}(?:watch|see)\s+{_FILM}{_END}",
        ),
        ("kids", rf"\bminimum\s+age\s+(?:for|to\s+(?:watch|see))\s+{_FILM}{_END}"),
        # a title, then the fact as a bare noun: "Mean Girls cast", "Fargo (1996) runtime please"
        ("runtime", rf"^\W*{_FILM}\s+(?:runtime|run\s*time|running\s+time|length|how\s+long){_PLEASE}{_END}"),
        ("cast", rf"^\W*{_FILM}\s+(?:cast|actors|stars|who['’]?s\s+in\s+it){_PLEASE}{_END}"),
        ("year", rf"^\W*{_FILM}\s+(?:what\s+year|which\s+year|release\s+(?:date|year)|year){_PLEASE}{_END}"),
        ("director", rf"^\W*{_FILM}\s+(?:director|who\s+directed(?:\s+it)?){_PLEASE}{_END}"),
        ("rating", rf"^\W*{_FILM}\s+(?:rating|score|reviews){_PLEASE}{_END}"),
        ("plot", rf"^\W*{_FILM}\s+(?:plot|synopsis|summary|storyline){_PLEASE}{_END}"),
        (
            "awards",
            rf"\b(?:did|has)\s+{_FILM}\s+(?:win|won|get|got)\s+(?:an?\s+|the\s+)?(?:best\s+picture|oscars?|academy\s+awards?"
            rf"|golden\s+globes?|palme)",
        ),
        # money: the catalogue holds none, and says so
        ("money", rf"\b(?:budget|box[\s-]office|gross|revenue|takings)\s+(?:of|for|on)\s+{_FILM}{_END}"),
        ("money", rf"\bhow\s+much\s+(?:did|does)\s+{_FILM}\s+(?:cost|make|earn|gross|take\s+in)\b"),
        ("money", rf"\bwhat(?:['’]s|\s+is|\s+was)\s+{_FILM}['’]s\s+(?:budget|box[\s-]office|gross)\b"),
    ]
]
_TITLE_THEN_QUESTION = re.compile(
    r"^\W*(?P<film>[^:–—,?]{1,60}?)\s*(?:[:–—,]|\s-)\s*(?P<question>(?:who|what|how|when|is|was|does|can)\b.*\bit\b.*)$",
    re.I,
)
_YEAR = re.compile(r"\s*\(\s*((?:18|19|20)\d\d)\s*\)\s*$")
_THE_ORIGINAL = re.compile(r"^(?:the\s+)?(?:original|first)\s+", re.I)
_FILM_WORDS_AROUND = re.compile(
    r"^(?:the\s+)?(?:new|original|latest|old|recent|first|last|remake\s+of)\s+(?=\w)|\s+(?:movie|film|remake)$",
    re.I,
)
_FILM_PREFIX = re.compile(r"^(?:the\s+(?:movie|film)\s+|(?:movie|film)\s+)", re.I)


def read_question(
    text: str, index: CatalogueIndex, named: Sequence[str] = ()
) -> tuple[str, str | None, str] | None:
    """(fact asked, catalogue id of the film or None, the film as written) for a question about one
    film; None when the message asks no such question. `named`: the films the message names, which
    "it" can stand for ("I've heard of Heat. Is it any good?")."""
    if pointed := _TITLE_THEN_QUESTION.match(text):  # "Heat: who directed it?"
        film = pointed.group("film").strip()
        if shown := _LISTED_FIRST.match(film):
            film = shown.group()
        rewritten = re.sub(r"\bit\b", lambda _: film, pointed.group("question"), count=1, flags=re.I)
        found = _read(rewritten, index, named)
        if found is not None and (found[1] is not None or POINTER.fullmatch(found[2])):
            return found
    if (bare := _FILM_THEN_FACT.match(text)) and (shown := POINTER.fullmatch(bare.group("film").strip())):
        fact = next(f for f, words in _BARE_FACTS.items() if re.fullmatch(words, bare.group("fact"), re.I))
        return fact, None, shown.group()  # "#3 - how long?", "the one with Keanu - what year?"
    return _read(text, index, named)


# A film shown, then a bare question: "#3 - how long?", "second one: any good?"
_BARE_FACTS = {
    "runtime": r"how\s+long|runtime|length",
    "year": r"what\s+year|when|which\s+year|how\s+old",
    "director": r"who\s+directed(?:\s+it)?|director",
    "cast": r"who(?:['’]s|\s+is)\s+in\s+it|who\s+stars(?:\s+in\s+it)?|cast",
    "rating": r"any\s+good|(?:is\s+it\s+)?worth\s+(?:it|watching)|rating|score",
    "plot": r"what(?:['’]s|\s+is)\s+it\s+about|plot|story",
    "genre": r"what\s+(?:kind|genre)(?:\s+is\s+it)?|genre",
    "kids": r"(?:is\s+it\s+)?(?:ok|okay|fine|good|safe)\s+for\s+kids|kid[\s-]friendly",
}
_FILM_THEN_FACT = re.compile(
    rf"^\s*(?P<film>[^:–—,?]{{1,40}}?)\s*(?:[:–—,]|\s-)\s*(?P<fact>{'|'.join(_BARE_FACTS.values())})\s*[?!.]*\s*$",
    re.I,
)


_A_SCORE = re.compile(
    r"(?:(?:at\s+least|above|over|more\s+than|higher\s+than|>=?)\s*)?(?:\d{1,2}(?:\.\d)?|\d{2,3}\s*(?:%|per\s*cent))"
    r"(?:\s*(?:\+|/\s*10|out\s+of\s+10|or\s+(?:more|higher|above|better)))?",
    re.I,
)


def _read(text: str, index: CatalogueIndex, named: Sequence[str]) -> tuple[str, str | None, str] | None:
    pointer: tuple[str, str | None, str] | None = None
    unknown: tuple[str, str | None, str] | None = None
    for fact, rule in _QUESTION_RULES:
        if not (m := rule.search(text)):
            continue
        written = _FILM_PREFIX.sub("", m.group("film").strip(" \"'“”‘’,")).strip()
        it_named = bool(named) and len(set(named)) == 1 and bool(_IT.fullmatch(written))
        if POINTER.fullmatch(written) and not _a_title(written, index) and not it_named:
            pointer = pointer or (fact, None, written)  # "who directed the second one?": a film shown
            continue
        first = bool(_THE_ORIGINAL.match(written))  # "the original Halloween": the oldest of that title
        if title_key(written) not in index.by_title:  # "The Last Samurai" is a title, not "Samurai"
            written = _FILM_WORDS_AROUND.sub("", written).strip() or written  # "the new Dune movie" -> "Dune"
        if owned := _POSSESSIVE_FACT.match(written):  # "Inception's cast": the noun says the fact
            written, fact = owned.group("film"), _FACT_NOUNS[owned.group("noun").lower().split()[0]]
        if named and len(set(named)) == 1 and _IT.fullmatch(written):
            return fact, named[0], written
        if (
            not written
            or GENRE_WORD.fullmatch(written)
            or _A_SCORE.fullmatch(written)  # "a comedy with a rating of at least 7.5": a bound, not a film
            or (_is_generic(written) and not _a_title(written, index))
        ):
            continue
        if not written[:1].isupper() and set(title_key(written).split()) <= _NOT_A_TITLE:
            continue  # "what would the kids enjoy next": "next" is a word here, not the film Next
        dated = _YEAR.search(written)
        title = written[: dated.start()].strip() if dated else written
        movie = index.match_title(title, int(dated.group(1)) if dated else None)
        if movie is not None and first and not dated:
            movie = min(index.by_title.get(title_key(movie.title), [movie]), key=lambda m: m.year or 9999)
        if movie is None and set(title_key(title).split()) & _NOT_A_TITLE:
            continue  # "the best Nolan movie", "tonight": a request, not a film's name
        if movie is None and rule.pattern.startswith(_TITLE_FIRST):
            continue  # "like Interstellar but shorter. runtime": only a known title makes it a question
        if movie is not None:
            return fact, movie.id, written
        # a film we cannot find: another rule may read the name whole ("how violent is The Dark
        # Knight Rises?" also reads as "is The | Dark")
        unknown = unknown or (fact, None, written)
    return unknown or pointer


# Where a film's name would stand, a pointer at one already shown: "the third one", "number 2",
# "it", "that one" (the conversation resolves which; `read_question` gives no film for it).
_LISTED = (
    r"(?:the\s+)?(?:first|second|third|fourth|fifth|sixth|last|other|\d(?:st|nd|rd|th))\s+(?:one|film|movie|pick)"
    r"|(?:number|no\.?|#)\s*\d"
)
POINTER = re.compile(
    rf"(?:{_LISTED}|it|(?:that|this)(?:\s+(?:one|film|movie))?"
    r"|the\s+one\s+(?:with|by|from|starring)\s+[\w'’. -]{2,30})(?:\s+(?:about|like))?(?!\w)",
    re.I,
)
_LISTED_FIRST = re.compile(rf"(?:{_LISTED})(?!\w)", re.I)  # "the 2nd one sounds good, what's it about"


_FACT_NOUNS = {
    "director": "director", "cast": "cast", "actors": "cast", "stars": "cast", "runtime": "runtime",
    "length": "runtime", "rating": "rating", "score": "rating", "reviews": "rating", "plot": "plot",
    "story": "plot", "ending": "plot", "genre": "genre", "release": "year", "year": "year",
}  # fmt: skip
_POSSESSIVE_FACT = re.compile(rf"^(?P<film>.+?)['’]s\s+(?P<noun>{'|'.join(_FACT_NOUNS)})(?:\s+date)?\b", re.I)
_IT = re.compile(r"(?:it|this|that)(?:\s+(?:one|film|movie))?", re.I)
_NOT_A_NAME = frozenset(
    "a an any some it this that these those one they them there something anything everything your my you "
    "he she we i what which who".split()
)
# Words that make an unknown "film" a description: "the best Christopher Nolan movie", "tonight", "the
# funniest comedy of the 2000s", "the newest Pixar movie".
_NOT_A_TITLE = frozenset(
    "best top greatest worst good great most favourite favorite movie movies film films tonight now today "
    "next first something anything funniest scariest newest latest oldest saddest creepiest darkest "
    "weirdest strangest sweetest happiest longest shortest goriest".split()
)
# A film already shown: "the second one", "those".
_POINTERS = frozenset("first second third fourth fifth last one ones them those these".split())


def _a_title(written: str, index: CatalogueIndex) -> bool:
    """ "how scary is It?" names a film, "is it scary?" points at one: a capital says which."""
    return written[:1].isupper() and bool(index.by_title.get(title_key(written)))


def _is_generic(written: str) -> bool:
    """ "a good movie", "it", "the second one": no film's name."""
    words = title_key(written).split()
    if not words or words[0] in _NOT_A_NAME or (len(words) <= 3 and bool(set(words) & _POINTERS)):
        return True
    return bool(_POINTING_END.search(written))  # "the runtime of the second one"


_POINTING_END = re.compile(
    r"\b(?:first|second|third|fourth|fifth|last|other|that|this)\s+(?:one|film|movie|pick)s?\s*$"
    r"|\b(?:it|them|those|these)\s*$",
    re.I,
)
