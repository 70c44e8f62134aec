"""What kind of message this is: a recommendation request, a search for a film the person cannot
name, a question about one film, a follow-up on films already shown, or chit-chat.

Rules by class of phrasing, most specific first: a question about one film is read in `questions`;
a known-item search is told by how
people describe a film they saw ("I remember a movie where...", "what's the film where...", a story
told about characters in the past tense); a follow-up points back ("the second one", "something
older"); chit-chat is greetings, thanks and questions about the assistant with no film in them.
Everything else is a recommendation request, the default, since answering one is never harmful.
"""

from __future__ import annotations

import re
from typing import Literal

from assistant.understand.vocabulary import GENRE_WORD, LANGUAGES

IntentKind = Literal["recommend", "known_item", "film_question", "follow_up", "chit_chat"]
INTENT_KINDS: tuple[IntentKind, ...] = ("recommend", "known_item", "film_question", "follow_up", "chit_chat")


def _any(*alternatives: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{a})" for a in alternatives), re.I)


_A = r"(?:a|an|the|this|that|one|some)"
_MOVIE = r"(?:movie|film|flick)"
_NOT_GOOD = r"(?!\s+(?:good|great|nice|fun|decent|solid|cool|fantastic|excellent|brilliant|underrated)\b)"
# "what's the scariest horror film from the 80s": the best of a kind asked for, not a film remembered
_NOT_BEST = (
    r"(?!\s+(?:best|greatest|top|worst|most|least|newest|latest|oldest|longest|shortest|weirdest|strangest|darkest"
    r"|saddest|sweetest|coolest|\w+iest)\b)"
)
# How people ask for a film they cannot name.
_KNOWN_ITEM = _any(
    r"\[?\btomt\b|\btip\s+of\s+my\s+tongue\b",
    # not "what's a good movie from 1994": a film worth seeing asked for, not one remembered
    rf"\bwhat(?:['’]s|\s+is|\s+was)\s+(?:the\s+(?:name|title)\s+of\s+)?(?:the{_NOT_BEST}|that|this|a{_NOT_GOOD})\s+(?:\w+\s+){{0,3}}?"
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
    r"\bwhat(?:['’]s|\s+is|\s+was)\s+it\s+called\b|\bwhich\s+(?:one|movie|film)\s+(?:was|is)\s+(?:that|it)\b",
    r"\(\s*(?:i\s+think|i\s+believe|i\s+guess|maybe|possibly|probably|not\s+sure)\s*\??\s*\)",
    rf"\bhelp\s+(?:me\s+)?find\s+(?:a|the|this|that)\s+(?:\w+\s+){{0,2}}?{_MOVIE}\s+(?:where|about\s+(?:a|an|the)|"
    r"with\s+(?:a|an|the)|that|in\s+which|i)\b",
    # "help me find a movie: astronauts go through a wormhole ...": a description follows the colon
    rf"\b(?:help\s+(?:me\s+)?)?find\s+(?:a|the|this|that)\s+(?:\w+\s+){{0,2}}?{_MOVIE}\s*[:–—]\s*\w+(?:\s+\w+){{5}}",
    # "a movie with the word Miscellaneous in the title"
    r"\bword[s]?\s+\W?[\w'’-]+(?:\s+[\w'’-]+)?\W?\s+in\s+(?:the|its)\s+(?:title|name)\b|\btitle\s+(?:has|had|"
    r"contains|included?)\s+the\s+word\b",
    r"\b(?:years|decades|a\s+long\s+time)\s+ago\b.*\b(?:saw|watched|seen)\b",
    r"\b(?:saw|watched|seen)\b.*\b(?:years|decades|a\s+long\s+time)\s+ago\b",
    r"\(\s*\?+\s*\)|\?{2,}",
    r"\bi\s+(?:think|believe)\s+(?:it|the|he|she|they|there)\b|\b(?:might|may)\s+(?:have\s+been|be\s+(?:from|in|set))\b",
)
# Memories that often come with a search for one film, but also with a request ("the adventures I
# loved as a kid", "a Nolan film, or something like it", "a western from the 60s or 70s"): a search
# only when the message asks for no films, or also tells a story.
_MAYBE_REMEMBERED = _any(
    r"\b(?:as\s+a\s+(?:kid|child|teen(?:ager)?)|when\s+i\s+was\s+(?:a\s+)?(?:kid|little|young|child|teen))\b",
    r"\bor\s+something\b",
    r"\d0['’]?s\s*(?:/|or|-|–|to)\s*(?:early\s+|late\s+|mid\s+)?(?:\d0|\d{4})['’]?s",
)
# A story told about characters: "a guy who goes to Mexico", "man marries woman, she has ..."
_CHARACTER = (
    r"(?:man|men|guy|guys|woman|women|girl|girls|boy|boys|kid|kids|child|children|family|couple|teen|teens"
    r"|teenager|teenagers|people|group|person|someone|he|she|they|character|protagonist|dude|lady|mother|father"
    r"|mom|dad|son|daughter|brother|sister|soldier|cop|detective|alien|robot|dog|wife|husband|girlfriend"
    r"|boyfriend|student|students|scientist|king|queen|prince|princess|veteran|monkey|killer|tutor|agent|agents"
    r"|soldiers|cops|detectives|aliens|robots|dogs|musician|singer|band|vampires?|ghosts?|demons?|monsters?"
    r"|hunters?|witch|witches|wizard|pirates?|clown|astronauts?|friends|mom|daughter|sons|daughters|brothers"
    r"|sisters|twins|siblings|strangers|survivors|prisoners?|thieves|thief|criminals?|doctor|nurse|teacher|lawyer)"
)
_NARRATIVE = re.compile(
    rf"(?:^|[\s,;(])(?:(?:a|an|the|this|some|two|three|his|her|their|young|little|old)\s+)?(?:[\w-]+\s+)?"
    rf"{_CHARACTER}\s+(?:who\s+|that\s+)?(?:\w+ly\s+)?(?:is|was|were|are|has|had|gets|got|goes|went|go|finds|found"
    r"|falls|fell|meets|met|tries|tried|wakes|woke|discovers|discovered|becomes|became|kills|killed|moves|moved"
    r"|lives|lived|turns|turned|travels|traveled|travelled|starts|started|ends|ended|comes|came|runs|ran|takes"
    r"|took|marries|married|escapes|escaped|sees|saw|wants|wanted|being|can['’]t|gets|grows|guides|builds|build"
    r"|(?!(?:loves|likes|enjoys|hates|prefers|wants|needs|minds)\b)\w+s\s+(?:a|an|the|his|her|their|to|into|up|out|in"
    r"|on|with|from|for|through)\b"
    r"|(?:fight|swap|meet|try|find|go|live|discover|escape|travel|wake|steal|rob|kill|save|hunt|chase|must|have\s+to"
    r"|need\s+to|trapped|stuck|sent|forced|sitting|trying|living|fighting|looking|running|hiding)\s+"
    r"(?:a|an|the|his|her|their|to|in|on|with|from|for|through|around|bodies|places|each\s+other)\b)",
    re.I,
)
_PAST_MEMORY = _any(
    r"\bi\s+(?:think|believe)\s+(?:it\s+)?(?:was|is)\b|\bi['’]m\s+not\s+sure\b|\bnot\s+sure\s+if\b",
    r"\b(?:possibly|probably)\b|\bmaybe\s+(?:it\s+)?was\b|\bi\s+only\s+remember\b|\ball\s+i\s+(?:can\s+)?remember\b",
    r"\b(?:saw|watched|seen|caught)\s+(?:it\s+)?on\s+(?:tv|vhs|dvd|cable|netflix|youtube)\b|\bon\s+(?:vhs|cable)\b",
    r"\bwas\s+on\s+(?:tv|cable)\b|\bi\s+(?:saw|watched|seen)\b|\bthere\s+was\s+a\s+scene\b",
    r"(?:early|late|mid)[\s-]*\d0['’]?s\s+(?:early|late|mid)[\s-]*\d0['’]?s|\b\d0s?[\s-]?ish\b",
    r"\b(?:iirc|vaguely|as\s+i\s+recall|from\s+what\s+i\s+(?:can\s+)?remember|i\s+(?:can\s+)?(?:still\s+)?remember|"
    r"i\s+recall|(?:don['’]?t|do\s+not|can['’]?t)\s+remember\s+(?:much|the|a\s+lot|anything))\b",
)
# Said of one film the person has in mind, before any film was shown: "this movie", "the movie takes place
# in the future", "it was a foreign film", "title says it".
_ONE_FILM_IN_MIND = _any(
    r"\bthis\s+(?:\w+\s+)?(?:movie|film|show|cartoon)\b",
    r"\b(?:the|that)\s+(?:movie|film|show)(?:['’]s)?\s+(?:takes\s+place|was|is\s+about|as\s+i|starts|started|begins"
    r"|began|opens|opened|ends|ended|had|involves|involved|features|featured|about)\b",
    r"^\W*it\s+was\s+(?:a|an)\s+(?:\w+\s+){0,3}?(?:movie|film|show)\b",
    r"\b(?:title\s+says\s+it|(?:basically|essentially|pretty\s+much)\s+the\s+title|see\s+title|as\s+in\s+(?:the\s+)?"
    r"title)\b",
    r"\btrying\s+to\s+(?:remember|recall|find|figure\s+out)\s+(?:the\s+)?(?:name|title)\b",
)
# "the movie where the guy...": one film, known to exist; after films were shown it may point at one.
_DEFINITE_PLOT = re.compile(
    r"\b(?:the|that|this)\s+(?:\w+\s+)?(?:movie|film|one)\s+(?:where|in\s+which|about\s+(?:a|an|the|two)|"
    r"with\s+the)\b",
    re.I,
)
# "Horror movie where a family moves into ...": a plot told to name a film, unless framed as a request.
_PLOT_CLAUSE = re.compile(
    r"\b(?:movie|film|show|series|cartoon)\s+(?:\([^)]{1,20}\)\s+)?(?:where|in\s+which|whose)\s+(?:a|an|the|this|some"
    r"|two|three|his|her"
    r"|their|every|all|everyone|people|kids|\w+s)\b",
    re.I,
)
# "Horror movie about a couple who ...", "90s film where ...": a post's title line, a bare singular
# "movie" with no article before it (a request says "a horror movie about", or "movies about").
_BARE_MOVIE_ABOUT = re.compile(
    r"^\W*(?!(?:a|an|the|some|any|good|great|best|more|other)\b)(?:[\w'’/()?,-]+\s+){0,4}?(?:movie|film|flick)\s+"
    r"(?:about|where|in\s+which|that|featuring|set\s+in|with\s+(?:a|an|the|this|two|some))\b",
    re.I,
)
_MOOD = re.compile(
    r"\b(?:feel[\s-]?good|fun|funny|great|good|best|cozy|cosy|light|uplifting|chill|soundtrack|heart[\s-]?warming"
    r"|wholesome|relaxing|comforting|sweet)\b",
    re.I,
)
_ABOUT_START = re.compile(r"^\W*(?:it['’]?s\s+)?about\s+(?:a|an|the|two|some|this)\b", re.I)
# Request framing: a message that asks for films is a recommendation, however it tells a story.
_REQUEST = _any(
    r"\b(?:recommend|suggest|suggestions?|recs?|give\s+me|show\s+me|find\s+me|get\s+me)\b",
    r"\bi\s+(?:want|need|feel\s+like)\b|\bi['’]d\s+(?:like|love)\b|\bin\s+the\s+mood\b",
    r"\b(?:looking|searching)\s+for\s+(?:a\s+|an\s+|some\s+)?(?:good\s+)?(?:something|movies|films|recommendations?)\b",
    r"\bwhat\s+(?:should|shall|can)\s+(?:i|we)\s+(?:watch|put\s+on|stream|see)\b|\bsomething\b|\banything\b"
    r"|\bany\s+good\b|\btonight\b",
    r"\bcan\s+you\s+(?:find|pick)\b|\bwatch\s+(?:with|tonight)\b|\bideas?\s+for\b|\boptions?\b|\bpicks?\b|\bplease\b",
)
# Framing that may open either a request or a search for one film: "looking for a movie where ...".
_WEAK_REQUEST = re.compile(
    r"\b(?:looking|searching)\s+for\s+(?:a|an|some)\s+(?:\w+\s+){0,2}?(?:movie|film)\b|\bis\s+there\s+(?:a|any)\b",
    re.I,
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
    r"(?:\bnumber|\bno\.?|#)\s*\d\b|\b(?:that|this)\s+one\b|^\W*the\s+one\s+(?:with|where|about|from|that|by)\b",
    r"^\W*(?:seen|watched)\s+(?:all|both|them|those|these|every|each)\b|\bgot\s+(?:any\s+)?(?:more|others)\b",
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
_FOLLOW_ON = _any(
    r"^\W*(?:(?:ok(?:ay)?|cool|great|nice|thanks|hmm+|yes|no|nah|actually|well)[\s,!.]+)?(?:(?:what|how)\s+about"
    r"|and|but|also|only|just|maybe|preferably|rather|instead|same|any|ones?)\b",
    # changing the list shown: "make it a comedy", "drop the old ones", "narrow it down to the 90s"
    r"^\W*(?:(?:ok(?:ay)?|actually|hmm+|please|now|can\s+you|could\s+you)[\s,]*)*(?:make\s+(?:it|them|those|these)"
    r"|switch|change|swap|drop|narrow|filter|keep\s+only|remove|exclude|replace|sort|limit|go)\b",
    r"(?:^|[,;]\s*)(?:something|anything|ones?)?\s*(?:a\s+bit\s+|a\s+little\s+|much\s+)?(?:lighter|darker|older|newer"
    r"|shorter|longer|funnier|scarier|calmer)\b",
    r"\b(?:with|a\s+bit|slightly|a\s+little)\s+(?:less|more|fewer)\s+\w+",
    # "not so old", "but not too dark": a change to the films shown
    r"^\W*(?:(?:but|and|ok(?:ay)?|hmm+)[\s,]+)?(?:something\s+|ones?\s+)?not\s+(?:so|too|that|as)\s+\w+",
    # "anything from before the 80s?": the same request, narrowed
    r"^\W*(?:anything|something|any)\s+(?:from|before|after|under|over|shorter|longer|older|newer|with(?:out)?)\b",
    r"\b(?:already|i['’]ve|i\s+have)\s+(?:already\s+)?(?:seen|watched)\b",
    # "is it scary?", "how long is that one?": a question about a film shown
    r"^\W*(?:(?:and|but|so|ok(?:ay)?|hmm+)[\s,]+)?(?:is|was|are|were|does|did|do|has|have|can|could)\s+(?:it|that|this"
    r"|they|those|these|them)\b|\bhow\s+\w+\s+(?:is|are|was)\s+(?:it|that|this|they|those|these)\b",
    # "any older ones?", "ones from the 90s": "ones" stands for the films shown
    r"\b(?:ones|any\s+of\s+(?:them|those|these))\b",
    # "in Japanese instead", "not in Korean actually", "no subtitles": the same request, another language
    rf"^\W*(?:(?:ok(?:ay)?|actually|hmm+|please|now|but|and|no|nah)[\s,]+)*(?:something\s+|anything\s+)?"
    rf"(?:not\s+)?(?:(?:spoken\s+)?in\s+(?:{LANGUAGES})\b|(?:with|without|no)\s+subtitles\b|subtitled\b)",
)
# A greeting, thanks or an acknowledgement, alone or strung together: "cool, thx", "great, goodnight".
_ACK = (
    r"(?:hi+|hello+|hey+|hiya|howdy|yo|good\s+(?:morning|afternoon|evening|night)|greetings"
    r"|thanks?(?:\s+you)?(?:\s+(?:so|very)\s+much)?|thank\s+you|thx|ty|cheers|bye|goodbye|see\s+(?:you|ya)"
    r"|later|good\s*night|nite|ok(?:ay)?|cool|nice|great|awesome|perfect|lol|haha+|sounds\s+good|got\s+it|sure"
    r"|yes|no|nope|yep|yeah|sweet|wow|neat|amazing|brilliant|lovely|fine|alright|no\s+worries|much\s+appreciated"
    r"|k|kk|appreciate\s+it|will\s+do|cya|ciao|nice\s+one|that['’]s\s+(?:really\s+|very\s+|so\s+)?(?:helpful|great"
    r"|perfect|useful|nice))"
)
# Of chit-chat, the thanks and goodbyes: answered "you're welcome", not with what reelchat can do.
THANKS_OR_GOODBYE = re.compile(
    r"\b(?:thanks?|thank\s+you|thx|ty|cheers|bye|goodbye|good\s*night|nite|see\s+(?:you|ya)|later)\b", re.I
)
_CHIT_CHAT = _any(
    rf"^\W*{_ACK}(?:[\s,!.]+(?:{_ACK}|there|you|again|buddy|friend|mate|bot|so\s+much|a\s+lot|man|guys|all"
    r"|everyone|that['’]s|this\s+is|it|helps?|good|night))*\W*$",
    r"\b(?:who|what)\s+are\s+you\b|\bare\s+you\s+(?:a\s+)?(?:bot|robot|human|real|ai|person|chatgpt)\b",
    r"\bhow\s+are\s+you\b|\bwhat\s+can\s+you\s+do\b|\bhow\s+do(?:es)?\s+(?:you|this|it)\s+work\b",
    r"\bwhat(?:['’]s|\s+is)\s+your\s+name\b|\btell\s+me\s+(?:a\s+)?jokes?\b",
    r"\bwhat(?:['’]s|\s+is)\s+the\s+(?:weather|time|date)\b|\bhow['’]s\s+it\s+going\b|\bnice\s+to\s+meet\s+you\b",
    r"\byou['’]re\s+(?:great|awesome|the\s+best|helpful|funny|useless|smart)\b|\bwho\s+(?:made|built|created)\s+you\b",
    r"^\W*(?:what['’]?s\s+up|sup|how['’]?s\s+(?:your|it)\s+\w+|how\s+have\s+you\s+been|how\s+do\s+you\s+do"
    r"|never\s*mind|forget\s+it|can\s+you\s+help\s+me|that\s+(?:was|is)\s+(?:helpful|great|useful|nice|perfect|fun)"
    r"|good\s+(?:job|bot|one)|i\s+see|interesting|fair\s+enough|makes\s+sense)\b",
    # a reaction to the picks that asks for nothing: "these look great", "nice picks!"
    r"^\W*(?:(?:wow|oh|ok(?:ay)?|ooh)[\s,!.]+)?(?:these|those|they|that|this|it)(?:['’]s|['’]re)?\s+(?:all\s+)?"
    r"(?:look|looks|sound|sounds|seem|seems|are|is)?\s*(?:really\s+)?(?:great|good|perfect|awesome|amazing|nice"
    r"|cool|fun|interesting|brilliant)\W*$",
    r"^\W*(?:great|nice|good|awesome|perfect|cool)\s+(?:picks|suggestions|choices|list|recommendations)\W*$",
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
    r"|binge|plane|flight|sleepover|party|halloween|christmas|valentine\w*|lonely|dumped|heartbroken|stressed|tired"
    r"|sick|birthday|anniversary|distract\w*|rainy|snowy|hungover|nostalgic|inspir\w*|motivat\w*|unwind|cheer\w*"
    r"|popular|trending|new\s+releases?|underrated|hidden\s+gems?|liked|loved|enjoyed|similar"
    r"|feeling|energy|night\s+in|put\s+on)\b",
    re.I,
)
# "stories" asks for a kind of film: "coming of age stories set in the summer"; so do "a sports
# underdog story" and "the same old superhero stuff" (a particular story is read before this).
_FILM_WORDS = re.compile(
    r"\b(?:movies?|films?|flicks?|watch|cinema|documentar|series|show|stor(?:y|ies)\b|stuff\b"
    # the kinds of film that are no genre: "a biopic about a musician", "a heist caper", "a revenge tale"
    r"|biopics?\b|capers?\b|mockumentar|creature\s+features?\b|character\s+stud|tales?\b|sagas?\b|romps?\b"
    r"|two[\s-]handers?\b|road\s+trip\b)",
    re.I,
)


def classify(
    text: str, *, question: bool, constraints_set: bool, names_film: bool, in_session: bool
) -> IntentKind:
    """The kind of message, given what parsing found in it (a film question, constraints, named films)."""
    if _KNOWN_ITEM.search(text) or (
        not in_session and (_DEFINITE_PLOT.search(text) or _ONE_FILM_IN_MIND.search(text))
    ):
        return "known_item"
    asks_for_films = (
        _REQUEST.search(text)
        or _TASTE.search(text)
        or GENRE_WORD.search(text)
        or (_A_KIND.search(text) and _FILM_WORDS.search(text))  # "a proper old film noir, 40s or 50s"
    )
    if _MAYBE_REMEMBERED.search(text) and (_NARRATIVE.search(text) or not asks_for_films):
        return "known_item"
    if question:
        return "film_question"
    if _CLOSING.search(text):
        return "chit_chat"  # "thanks, I'll watch the first one!"
    if in_session and _FOLLOW_UP.search(text):  # nothing was shown to follow up on otherwise
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
        if (
            len(text.split()) >= 6
            and not _ASKS.search(text)
            and not _FIRST_PERSON.search(text)
            and not _TOPIC_LIST.search(text)
        ):
            return "known_item"
        if _TOPIC_LIST.search(text) or (_BARE_TOPIC.search(text) and not _ASKS.search(text)):
            return "recommend"  # a bare topic asks for films of it: "pirates!", "spies in Berlin"
        return "chit_chat"
    return "recommend"


# Thanks and a goodbye after the picks: the conversation is ending, no new request in it.
_CLOSING = _any(
    r"^\W*(?:(?:ok(?:ay)?|great|perfect|awesome|cool|nice|thanks?|thank\s+you|cheers|brilliant|lovely|sounds\s+good)"
    r"[\s,!.]*)+(?:i['’]ll|i\s+will|gonna|going\s+to|will|let\s+me|we['’]ll)\s+(?:\w+\s+)?(?:watch|check|try|see|give"
    r"|go\s+with|pick|take)\b",
    r"\bhave\s+a\s+(?:nice|good|great|lovely)\s+(?:day|night|evening|one|weekend)\b|\btalk\s+(?:to\s+you\s+)?later\b",
    r"\bthat['’]?s\s+(?:all|it|enough)(?:\s+for\s+(?:now|today|tonight))?\W*$|\b(?:i['’]m|we['’]re)\s+(?:done|all\s+set"
    r"|good\s+for\s+now)\b|\byou['’]re\s+a\s+(?:lifesaver|star|legend|gem)\b|\byou\s+rock\b",
    r"\bi['’]ll\s+let\s+you\s+know\b|\bcatch\s+you\s+later\b|\bbye\s+for\s+now\b|^\W*no\s+more,?\s+thanks?\b",
)
_NOT_THOSE = re.compile(
    r"^\W*(?:no|nope|nah|meh|not\s+really|hmm+|ugh|boring|seen\s+(?:it|them|those))\b", re.I
)
# A few words that name a subject, not a question: "heists", "samurai stories", "dinosaurs please".
_BARE_TOPIC = re.compile(
    r"^(?!.*\b(?:hmm+|h+m+|blah|meh|idk|dunno|asdf\w*|qwer\w*|test(?:ing)?|whatever"  # noise
    r"|help|menu|commands?|settings|restart|reset|stop|quit|exit|start\s+over)\b)"  # using the assistant
    r"(?=.*[^\W\d_]{4})"
    r"\W*(?:[^\W\d_]+[\s,&'’-]*){1,5}[.!]*\s*$",
    re.I,
)
_A_KIND = re.compile(r"^\W*(?:a|an|some|any)\b", re.I)
# Subjects listed: "bands, musicians, the struggle of making it in music", "pirates, treasure, sea monsters".
_TOPIC_LIST = re.compile(r"^\W*[a-z]+s\s*,\s*[a-z]+", re.I)
_FIRST_PERSON = re.compile(r"^\W*(?:i|i['’]m|i['’]ve|my|we|we['’]re|me|let['’]s|you)\b", re.I)


def _tells_a_story(text: str) -> bool:
    """A description of a film's events, with no request in it: "Man marries woman, she has life
    insurance", "a movie about a guy who goes to Mexico and drives an El Camino", "Evil twin?"."""
    if _REQUEST.search(text):
        return False
    if _PLURAL_HEAD.search(text) and not _PAST_MEMORY.search(text):
        return False  # "films about a woman who becomes a spy": several films, of a kind
    if _PAST_MEMORY.search(text) or any(not _OWN_PEOPLE.match(m.group()) for m in _NARRATIVE.finditer(text)):
        return True  # a particular story: "looking for a movie where a guy wakes up as someone else"
    if _WEAK_REQUEST.search(text):
        return False  # "looking for a movie where the villain wins": a kind of film
    if _ABOUT_START.search(text) or (_PLOT_CLAUSE.search(text) and not _MOOD.search(text)):
        return True
    if _BARE_MOVIE_ABOUT.search(text) and len(text.split()) >= 6 and not _MOOD.search(text):
        return True  # "movie about a heist" or "feel-good movie about friendship" asks for films
    # a guess put as a question ("Killer robot spiders?"); one that asks for a good film, or asks
    # anything ("my 4 year old wants a movie, any ideas?"), is a request
    guess = text.rstrip().endswith("?") and not _ASKS.search(text) and not _MOOD.search(text)
    return guess and not _ASKS_ANYWHERE.search(text) and not _PLURAL_FILMS.search(text)


# "my daughter is 12 and wants her first scary movie" tells of the person's own family, not a story.
_OWN_PEOPLE = re.compile(r"[\s,;(]*(?:my|our)\s", re.I)
# A message that opens with films in the plural asks for several ("horror movies where a family moves
# into a haunted house"); a search for one film names it in the singular. In the r/tipofmytongue dev
# posts, 1 title in 5,813 opens so ("movies about a father taking revenge for his kidnapped son").
_PLURAL_HEAD = re.compile(
    r"^\W*(?!(?:a|an|the|this|that|one)\b)(?:[\w'’-]+\s+){0,3}?(?:films|movies|flicks)\s+(?:about|where|in\s+which"
    r"|with|that|featuring|set\s+in|like)\b",
    re.I,
)
_PLURAL_FILMS = re.compile(r"\b(?:films|movies|flicks)\b", re.I)  # "saoirse ronan films?" asks for several


_ASKS_ANYWHERE = re.compile(
    r"\b(?:what|which|who|how|why|any|anything|got|ideas?|more|might|should|would|could|can|you|i|my|we|me)\b",
    re.I,
)
