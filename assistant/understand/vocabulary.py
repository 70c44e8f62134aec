"""The words and phrasings request understanding knows, in one place: stop words, cues before film
names and people, year, runtime, rating and count expressions, genre synonyms. Every rule module
reads its patterns from here, so a new phrasing is added once."""

from __future__ import annotations

import re

from ingest.languages import WORDS as LANGUAGE_WORDS

MAX_CHARS, MAX_K = 2_000, 20
FUZZY_CUTOFF, LOWER_CASE_CUTOFF = 85.0, 90.0  # lower-case words are held to more: they are often not titles
FUZZY_MIN_CHARS = 5  # shorter words are one typo from too many titles
# A surname typed in lower case is a person's when they have this many films and the best-known
# 5,000 plots say it no more than this often ("a nolan film"; not "a london film", Jason London)
LOWER_CASE_SURNAME_FILMS, LOWER_CASE_SURNAME_PLOTS = 3, 2
# A surname said with no role ("a London film") is the person's when they have at least 1/2 as many
# films as the best-known 5,000 plots say the word (Ridley Scott 16 films, "Scott" in 15 plots)
SURNAME_OVER_WORD = 2
# A surname said alone names a director with this many films over an actor ("a Lynch film": David)
SURNAME_DIRECTOR_FILMS = 3
OLD_YEAR_MAX, RECENT_YEARS, GOOD_RATING, SHORT_MAX, NOT_LONG_MAX = 1979, 5, 7.0, 100, 120
LONG_MIN = 150  # minutes: "a proper long epic" (Lawrence of Arabia, not a 2-hour blockbuster)
EMPTY_NOTICE = "Tell me what you feel like watching…"
# "more killer animal movies in that vein", "in the same spirit", "along those lines": pointing back at
# the films named, no subject of their own ("vein" is a rare plot word, "spirit" a ghost)
POINTING_BACK_WORDS = (
    r"in\s+(?:that|this|the\s+same|a\s+similar|a\s+like)\s+(?:vein|spirit|style|mou?ld)"
    r"|along\s+(?:those|these|the\s+same|similar)\s+lines|of\s+(?:that|the\s+same|a\s+similar)\s+ilk"
)
POINTING_BACK = re.compile(rf"\b(?:{POINTING_BACK_WORDS})\b", re.I)
# "Underrated sci-fi", "hidden gems", "something I haven't heard of": well liked, not widely seen.
LESSER_KNOWN = re.compile(
    r"\b(?:underrated|under[\s-]?appreciated|overlooked|under[\s-]?seen|(?:hidden|forgotten|little)\s+gems?"
    r"|gems?\s+(?:that\s+)?(?:nobody|no\s+one|few\s+people)\s+(?:knows?|has\s+seen|talks?\s+about)"
    r"|(?:lesser|little)[\s-]known|obscure|under\s+the\s+radar|off\s+the\s+beaten\s+(?:path|track)"
    r"|(?:not|nothing|less)\s+(?:too\s+|so\s+|that\s+)?(?:mainstream|well[\s-]known|famous|popular|obvious)"
    r"|(?:that\s+)?(?:i|we)\s+(?:probably\s+)?(?:haven['’]?t|have\s+not|never)\s+heard\s+of"
    r"|(?:that\s+)?(?:nobody|no\s+one|few\s+people)\s+(?:has\s+)?(?:seen|knows?\s+about|talks?\s+about))",
    re.I,
)
# "The must-see films of the 60s", "essential noir", "the greatest westerns ever made": the canon, the
# films most people have seen and liked. Not what a film is about ("must-see" is no topic), and not a
# rating ("acclaimed", "highly rated": GOOD_RATING_WORDS).
CANON = re.compile(
    r"\b(?:must[\s-]+(?:see|watch)(?:e?s)?|essentials?|greatest|iconic|landmark|definitive|seminal|influential"
    r"|of\s+all[\s-]+time|all[\s-]+time\s+greats?"
    r"|ever\s+made|before\s+(?:you|i|we)\s+die|(?:everyone|everybody)\s+(?:should|has\s+to|must|needs?\s+to)"
    r"\s+(?:see|watch)|(?:cinema|film|movie)\s+101)\b",
    re.I,
)
# "A classic", "the classics" also ask for the canon; the years reader takes the word (OLD: before 1980)
CLASSIC = re.compile(
    r"(?<!cult\s)(?<!modern\s)(?<!instant\s)\bclassics?\b(?!\s+(?:cars?|rock|music|novels?|books?))", re.I
)
# Who carries the film: "a western with a strong female lead", "female-led action", "a heroine I can
# root for". Not what it is about ("a film about a woman who..." is its plot, read as words).
FEMALE_LEAD = re.compile(
    r"\b(?:(?:strong|great|good|badass|bad-ass|kick-?ass|tough|powerful|complex|fierce|smart)\s+)?"
    r"(?:female|woman|women|girl)[\s-]+(?:leads?|led|protagonists?|heroe?s?|characters?|centric|cent(?:er|re)d"
    r"|driven|fronted)\b"
    r"|\b(?:strong|badass|bad-ass|kick-?ass|tough|fierce)\s+(?:women|woman|females?|heroines?|girls?)\b"
    r"|\bheroines?\b|\bgirl\s+power\b"
    r"|\b(?:led|carried|fronted|starring)\s+by\s+(?:an?\s+)?(?:women|woman|actress(?:es)?|females?)\b",
    re.I,
)
# A film with fewer votes than this is too little known to be confused with a namesake.
NEAR_TWIN_MIN_VOTES = 100


def word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


# A title made only of these ("It", "Up", "Her") is a title only when capitalised.
STOPWORDS = word_set(
    "a an the and or but nor of in on at to for from by with without about as is it its i me my we us our "
    "you your he him his she her they them their this that these those what which who up down out off over "
    "under into more most some any no not only so than too very can will just be was were are am do does "
    "did have has had there here when where how all both each few other such if then yet also get got ever "
    "never enough still well back away"
)
# A title made only of these and other common words ("Date Night", "Scary Movie") needs a cue
# ("like ...", quotes, a year) before it counts.
REQUEST_WORDS = word_set(
    "movie movies film films flick flicks something anything stuff watch want like love good great best new "
    "old recent classic night day time date show give kind sort feel mood tonight people man men woman women "
    "girl boy kids family life world home big little short long funny scary horror comedy drama action crime "
    "war western thriller romance mystery fantasy adventure"
)
NOT_SURNAMES = STOPWORDS | REQUEST_WORDS
FILM_NOUNS = word_set("film films movie movies flick flicks picture pictures joint joints")
FILLER_WORDS = word_set("lot really much please thanks")
# What a verdict on a film named is made of ("Jaws is perfect", "die hard is my all-time favourite",
# "The Truman Show blew my mind"): praise of that film, not a description of the film wanted.
VERDICT_WORDS = word_set(
    "is was has had been be just really totally absolutely completely honestly so such truly genuinely "
    "literally still all-time all time favourite favorite fave ever perfect perfection incredible amazing "
    "great brilliant awesome fantastic phenomenal excellent superb masterpiece best one of blew blown mind "
    "wrecked destroyed broke heart made moved killed got left stuck stayed haunted floored gutted rocked "
    "ruled slaps slapped good way me my i it with lol"
)
# After "not the": words that compare or point, not a subject to keep out ("not the same old
# stuff", "not the usual"): never an avoided word.
NOT_A_SUBJECT = word_set(
    "same usual typical standard whole only other kind sort type one ones first last "
    "best worst old new rest obvious something anything everything"
)
TITLE_GLUE = word_set("of the a an in on to")
# How a film feels or was made, refused in lower case ("nothing loud or taxing", "nothing too dark",
# "no silent films"): never the name of a series, even where a few titles start with the word (Loud
# Whisper, Dark Phoenix, Silent Hill).
FEEL_WORDS = word_set(
    "loud quiet dark light slow fast long short sad happy funny silly scary creepy gory bloody violent "
    "heavy intense weird cheesy sappy boring depressing taxing stressful gross graphic explicit silent"
)
# "like the original Alien", "similar to the first Matrix": the film after them
LIST_OPENERS = (
    "the movie", "the film", "the movies", "the films", "movies", "films", "the original", "the first",
)  # fmt: skip
REMOVED_MARK = "\x00"

# fmt: off
TOKEN = re.compile(r"[^\W_]+(?:['’‘.][^\W_]+)*|&")  # "A.I.", "Schindler's" are one word each
MARKUP_TAG = re.compile(r"<[^<>]{0,200}>")
YEAR_IN_PARENS = re.compile(r"\(\s*((?:18|19|20)\d\d)\s*\)")
QUOTED = re.compile(
    r"(?<!\w)(?:\"([^\"]{1,100})\"|“([^”]{1,100})”|‘([^’]{1,100})’|'([^']{1,100})'(?!\w))")

LIKING_CUES = (r"similar\s+to|such\s+as|in\s+the\s+(?:vein|style|spirit|mou?ld)\s+of|reminiscent\s+of"
        r"|along\s+the\s+lines\s+of|the\s+likes\s+of|comparable\s+to|akin\s+to|vibes?\s+of|fans?\s+of"
        r"|like|liked|love|loved|enjoy|enjoyed|adored?|seen|watched|saw|besides|apart\s+from")
DISLIKING_CUES = (r"(?:did|do|does)\s*n['’]?o?t\s+(?:really\s+)?(?:like|love|enjoy)"
        r"|(?:do\s*n['’]?o?t|never)\s+(?:recommend|suggest|show\s+me|give\s+me)"
        r"|hated?|disliked?|nothing\s+like|unlike")
FILM_CUE = re.compile(rf"\b(?:(?P<neg>{DISLIKING_CUES})|{LIKING_CUES})\b", re.I)
FILM_CUE_BEFORE = re.compile(rf"\b(?:(?P<neg>{DISLIKING_CUES})|{LIKING_CUES})\s*[\"“‘']?\s*$", re.I)
NOT_A_FILM_CUE_BEFORE = re.compile(
    r"(?:\bwould|['’]d|\bfeels?|\bfelt|\blooks?|\bsounds?|\bseems?|\bkinda)\s+$", re.I)
UNSEEN_BEFORE = re.compile(r"(?:n['’]t|\b(?:havent|hasnt|didnt|never|not))\s+(?:\w+\s+)?$", re.I)

DIRECTOR_CUE_BEFORE = re.compile(r"\b(?:directed\s+by|director|by|filmmaker|helmed\s+by|made\s+by)\s+$", re.I)
CAST_CUE_BEFORE = re.compile(
    r"\b(?:starring|stars?|with|featuring|feat\.?|actor|actress|played\s+by)\s+$", re.I)
# "I love Tarantino", "a big fan of Nolan": a taste for someone cues a surname as "film" does
PERSON_TASTE_BEFORE = re.compile(r"\b(?:i|we)\s+(?:really\s+|just\s+|absolutely\s+)?"
                                 r"(?:love|loved|adore|adored|enjoy|enjoyed|dig)\s+$|\bfan\s+of\s+$", re.I)
PERSON_ROLE_BEFORE = re.compile(r"\b(?:directed\s+by|director|starring|featuring|actor|actress)\s+$", re.I)
# "no Nolan", "anything but Jim Carrey", "something that isn't Wes Anderson", "nothing from Nolan"
PERSON_REFUSAL_BEFORE = re.compile(r"\b(?:no|not|nothing|without|except(?:\s+for)?|excluding|avoid|skip|minus"
                                  r"|anything\s+but|other\s+than|rather\s+than|instead\s+of|apart\s+from"
                                  r"|aside\s+from|enough\s+(?:of|with)|sick\s+of|tired\s+of|done\s+with"
                                  r"|(?:that|which)\s+(?:isn['’]t|is\s+not|aren['’]t|are\s+not)|(?:that|which|it)['’]s\s+not)\s+"
                              r"(?:(?:with|starring|featuring|by|directed\s+by|from|of)\s+)?(?:any\s+)?$",
                                   re.I)
NAME_LIST_GAP = re.compile(r"^\s*(?:,|and|&|or|,\s*(?:and|or))\s*$", re.I)

# Decades as people write them: "1990s", "90s", "'90s", "90's", "the nineties", "nineteen-nineties",
# "twenty-tens", "the two thousands", "noughties"; any of them "early", "mid" or "late".
DECADE_NAMES = {"twenties": 20, "thirties": 30, "forties": 40, "fifties": 50, "sixties": 60,
                "seventies": 70, "eighties": 80, "nineties": 90}
CENTURY_NAMES = {"nineteen": 1900, "twenty": 2000}
SPELLED_DECADE = (rf"(?:(?:nineteen|twenty)[\s-]*)?(?:{'|'.join(DECADE_NAMES)})"
                  r"|twenty[\s-]*tens|two[\s-]+thousands|noughties|aughts")
YEAR_EXPRESSION = (r"(?:the\s+)?(?:year\s+)?(?:(?:early|mid|late)[\s-]*)?"
                   rf"(?:(?:19|20)?\d0['’]?s|['’]\d0['’]?s|(?:19|20)\d\d|['’]\d\d(?![\d'’s])|{SPELLED_DECADE})\b")
YEAR_EXPRESSION_PARTS = re.compile(r"(early|mid|late)?[\s-]*['’]?(\d{2,4})(['’]?s)?", re.I)
HAS_YEAR_EXPRESSION = re.compile(rf"\d|{SPELLED_DECADE}|centur|decade", re.I)
YEAR_RULES = [(kind, re.compile(pattern, re.I)) for kind, pattern in [
    # "1995-99", "2010 to 15": the second year in the first one's century
    ("short_range", r"\b(?:(?:from|between)\s+)?(?P<a>(?:19|20)\d\d)\s*(?:-|–|—|to|/)\s*(?P<b>\d\d)\b"
                    r"(?![’'s]|\s*(?:films?|movies?|flicks?|picks?|titles?|ones|minutes?|mins?|hours?|%))"),
    ("range", rf"\b(?:(?:from|between)\s+)?(?P<a>{YEAR_EXPRESSION})\s*"
              rf"(?:-|–|—|to|and|until|till|through)\s*(?P<b>{YEAR_EXPRESSION})"),
    ("after", rf"\b(?:after|post|newer\s+than|later\s+than|more\s+recent\s+than)[\s-]+"
              rf"(?P<a>{YEAR_EXPRESSION})"),
    ("since", rf"\b(?:(?:from|starting(?:\s+in|\s+from)?)\s+)?(?P<a>{YEAR_EXPRESSION})\s*"
              rf"(?:\+|or\s+(?:later|newer|after)\b|and\s+(?:later|newer|after|up)\b|on(?:wards?)?\b"
              rf"|at\s+the\s+earliest\b)"
              # "at least from 2015", "from at least 2015": a lower bound, not 2015 alone
              rf"|\b(?:since|at\s+least\s+(?:from|since)|(?:from|since)\s+at\s+least)\s+(?P<b>{YEAR_EXPRESSION})"),
    ("before", rf"\b(?:before|pre|older\s+than|earlier\s+than|prior\s+to)[\s-]+(?P<a>{YEAR_EXPRESSION})"),
    ("until", rf"\b(?:until|till|up\s+to|through|no\s+later\s+than)\s+(?P<a>{YEAR_EXPRESSION})"
              rf"|\b(?P<b>{YEAR_EXPRESSION})\s*(?:(?:or|and)\s+(?:earlier|older|before)|at\s+the\s+latest)\b"),
    ("in", rf"\b(?:(?:made|released|filmed|came\s+out)\s+)?(?:(?:from|in|of|during|around)\s+)?"
           rf"(?P<a>{YEAR_EXPRESSION})"),
]]
# "nothing after 2000" is "until 2000"
NEGATED_BOUND = {"after": "until", "until": "after", "since": "before", "before": "since"}
# "nothing made before 1995", "no films from before 1990", "skip anything older than 2005"
YEAR_REFUSAL_BEFORE = re.compile(r"\b(?:no|not|nothing|none|never|without|avoid|except|skip"
                                 r"|anything\s+but|\w+n['’]t\s+(?:want|like|need|show\s+me))\s+"
                                 r"(?:(?:too|very|that|so|anything|made|released|from|films?|movies?|ones"
                                 r"|stuff|dat(?:ed|ing)|filmed|shot|came\s+out|is|are|was)\s+){0,3}$", re.I)
# Relative spans, read against the catalogue's newest year: "from the last ten years", "the past decade".
# "in the last few years", "made in the past couple of years": a few is RECENT_YEARS.
LAST_YEARS = re.compile(r"\b(?:(?:made|released|filmed|came\s+out)\s+)?"
                        r"(?:(?:from|in|over|during|of|within)\s+)?the\s+(?:last|past)\s+(?:(?P<n>\d{1,2}|couple\s+of|[a-z]+)\s+years"
                        r"|(?P<decade>decade|ten\s+years))\b", re.I)
FEW_YEARS = {"few": RECENT_YEARS, "several": RECENT_YEARS, "couple of": 3}
CENTURY = re.compile(r"\b(?:(?:from|in|of)\s+)?(?:the\s+)?(?P<which>this|last|previous|21st|20th)"
                     r"\s+century\b",
                     re.I)
# "From this decade" (the catalogue's newest year's decade); "from the turn of the millennium" (around
# 2000: TURN_OF_MILLENNIUM years either side).
THIS_DECADE = re.compile(r"\b(?:(?:from|in|of)\s+)?this\s+decade\b", re.I)
TURN_OF_MILLENNIUM = re.compile(
    r"\b(?:(?:from|around|at)\s+)?the\s+turn\s+of\s+the\s+(?:millennium|century)\b"
    r"|\b(?:(?:from|around)\s+)?the\s+millennium\b",
    re.I,
)
MILLENNIUM_SPAN = 2
# "set in the 1920s" is a setting and "in my 30s" an age, not a release date.
# "a film about the 60s" is set then; "what about the 80s?" asks for films made then.
NOT_RELEASE_BEFORE = re.compile(
    r"(?:\bset|\bbased|\btakes?\s+place|\bmy|\bhis|\bher|\btheir|\bour|\byour|(?<!\bwhat\s)(?<!\bhow\s)\babout)"
    r"\s+(?:in\s+)?$", re.I)

# (words, genres when asked for, genres when refused). "No rom-coms" refuses Romance only: constraints
# cannot say "not both", and refusing Comedy as well would drop every comedy.
GENRE_WORDS: list[tuple[str, tuple[str, ...], tuple[str, ...]]] = [
    (r"rom[\s-]?coms?|romantic[\s-]+comed(?:y|ies)", ("Romance", "Comedy"), ("Romance",)),
    (r"sci[\s-]?fi|science[\s-]+fiction|space[\s-]+operas?|cyberpunk", ("Science Fiction",), ()),
    # "the horror of war", "the horrors of slavery": what a story shows, not the genre
    (r"horrors?(?!\s+of\b)|scary|spooky|slashers?|creepy|frightening|terrifying|zombies?|ghost[\s-]+stor(?:y|ies)"
     r"|haunted[\s-]+houses?|scarefests?|fright[\s-]+flicks?", ("Horror",), ()),
    # "a crime family", "the royal family", "a family moves into a haunted house", "a family of
    # vampires", "a family's secret": a family in the story, not a film for one
    (r"kids?|kid[\s-]friendly|children'?s?|(?<!crime\s)(?<!mob\s)(?<!mafia\s)(?<!royal\s)(?<!dysfunctional\s)"
     r"family(?![\s-]+(?:drama|saga|secret|stor|feud|tragedy|business)|['’]s\b"
     r"|\s+(?:who|whose|that|which|of|is|was|are|were|has|had|must|gets|got|goes|went|moves?|moved|moving"
     r"|lives|lived|living|tries|tried|becomes|became|finds|found|discovers|discovered|travels|buys|bought"
     r"|inherits|inherited|struggles|fights|falls|takes|comes|decides|decided|trapped|stranded|haunted"
     r"|torn|terrori[sz]ed|hunted)\b)",
     ("Family",), ()),
    (r"animated|animations?|cartoons?|anime", ("Animation",), ()),
    (r"funny|comed(?:y|ies)|comedic|hilarious|humou?rous|comical|slapstick|laugh[\s-]+out[\s-]+loud",
     ("Comedy",), ()),
    (r"thrillers?|suspense(?:ful)?|nail[\s-]?biters?", ("Thriller",), ()),
    (r"war", ("War",), ()),
    (r"westerns?|cowboy[\s-]+(?:films?|movies?|flicks?)", ("Western",), ()),
    (r"documentar(?:y|ies)|docs?|docu(?:mentary)?[\s-]?films?", ("Documentary",), ()),
    (r"musicals?|music(?=\s+(?:films?|movies?|documentar))", ("Music",), ()),  # "great music" is no genre
    (r"romantic|romances?|romcoms?|love[\s-]+stor(?:y|ies)|mushy", ("Romance",), ()),
    (r"myster(?:y|ies)|whodunn?its?", ("Mystery",), ()),
    (r"fantasy|fantasies|fairy[\s-]+tales?|sword[\s-]+and[\s-]+sorcery", ("Fantasy",), ()),
    (r"(?<!live-)(?<!live\s)action(?:[\s-]+packed)?|shoot[\s-]+['’]?em[\s-]+ups?", ("Action",), ()),
    (r"adventures?", ("Adventure",), ()),
    (r"crime|gangsters?|mafia|mob|mobsters?", ("Crime",), ()),
    (r"historical|history|period\s+(?:pieces?|dramas?|films?|movies?)", ("History",), ()),
    (r"dramas?|dramatic|tear[\s-]?jerkers?", ("Drama",), ()),
    (r"foreign(?:[\s-]+language)?", ("Foreign",), ()),
    (r"tv\s+movies?|made[\s-]+for[\s-]+tv", ("TV Movie",), ()),
]
GENRE_WORD = re.compile(
    r"\b(?:" + "|".join(f"(?P<g{i}>{p})" for i, (p, _, _) in enumerate(GENRE_WORDS)) + r")\b", re.I)
# "a movie from last year", "a comedy released this year", "this year's best horror", "something new
# this year": a release year said of the film asked for, not a memory of when ("I think it came out
# last year", "my favourite from last year"), nor what is still to come ("coming out this year").
THIS_YEAR = re.compile(
    r"(?:\b(?:movies?|films?|flicks?|something|anything|ones?|releases?)\b|" + GENRE_WORD.pattern + r")\s+"
    r"(?P<when>(?:(?:that|which)\s+(?:came\s+out|(?:was|were)\s+(?:released|made)|(?:is|are)\s+from)\s+(?:in\s+)?"
    r"|(?:made|released|filmed|new)\s+(?:(?:from|in|of|during)\s+)?|(?:from|in|of|during)\s+)(?:the\s+)?(?P<which>this|last|past)"
    r"\s+year\b(?!['’]?s\b|\s+or\b))"
    r"|\b(?P<when2>(?P<which2>this|last)\s+year['’]s)\s+(?=(?:best|top|new|biggest|great|good)\b)",
    re.I,
)
# Genre words that name a film as a noun does ("a Sandler comedy", "a Hitchcock thriller"): after a
# surname they cue it as "film" does. Not "kid", "family" or "war" ("a Sweeney kid").
KIND_NOUNS = word_set(
    "comedy comedies thriller thrillers drama dramas western westerns horror musical musicals romance "
    "romances documentary documentaries mystery mysteries whodunit whodunits slasher slashers romcom romcoms"
)
# The genre words as typed, for putting a slip right ("thriler", "horor": `understand/spelling.py`);
# each is read by GENRE_WORD as it stands (a test holds them to it).
KIND_WORDS = word_set(
    "horror horrors thriller thrillers comedy comedies documentary documentaries animated animation "
    "western westerns romance romances romantic mystery mysteries fantasy adventure "
    "adventures musical musicals drama dramas crime historical history action suspense suspenseful "
    "gangster gangsters mafia mobster mobsters whodunit whodunnit slasher slashers zombie zombies "
    "hilarious scary spooky creepy terrifying frightening"
)
# A genre word said as a way of filming, not the kind asked for: "a documentary-style horror", "a fake
# documentary", "shot like a documentary" want horror told as found footage or mockumentary, not
# documentaries (the genre filter showed only horror documentaries). The word stays a topic.
GENRE_AS_STYLE = re.compile(
    r"\b(?:(?:fake|faux|mock|pseudo|fictional)[\s-]+(?P<a>documentar(?:y|ies))"
    r"|(?:shot|filmed|made|told|done|presented)\s+(?:like|as)\s+an?\s+(?P<b>documentary)"
    r"|style\s+of\s+an?\s+(?P<c>documentary)"
    rf"|(?P<d>{'|'.join(f'(?:{p})' for p, _, _ in GENRE_WORDS)})(?:[\s-]style|-?esque|-?ish|-inspired)\b)",
    re.I,
)


def genre_styles(text: str) -> list[tuple[int, int]]:
    """Where `text` says a genre word as a style (`GENRE_AS_STYLE`): the word's own spans."""
    return [m.span(g) for m in GENRE_AS_STYLE.finditer(text) for g in "abcd" if m.group(g)]


GENRE_ALTERNATIVES = "|".join(f"(?:{p})" for p, _, _ in GENRE_WORDS)
# Words that refuse what follows them: "no romance", "skip the horror", "I'm not into musicals".
REFUSAL_BEFORE = re.compile(r"(?:(?-i:\bzero)|\b(?:no|not|nothing|none|without|avoid|skip|except|excluding"
                            r"|minus|hate|never"
                            r"|other\s+than|rather\s+than|instead\s+of|spare\s+me|hold|steer\s+clear\s+of"
                            r"|stay\s+away\s+from|keep\s+away\s+from|free\s+of|sick\s+of|tired\s+of"
                            r"|fed\s+up\s+with|allergic\s+to|enough\s+(?:of|with)|done\s+with|pass\s+on"
                            r"|leave\s+out|nix|not\s+in\s+the\s+mood\s+for|anything\s+but)"
                            r"|\b\w+n['’]t)\s+(?:[\w'’-]+\s+){0,3}$", re.I)
# ...and after it: "horror-free", "romance is a no", "horror is off limits", "musicals, no thanks",
# "horror isn't my thing",
# "westerns don't do it for me".
# A war by its name: "World War II", "the Vietnam war", "WW2" (a subject, not the genre)
NAMED_WAR = re.compile(r"\b(?:(?:world|civil|cold|vietnam|gulf|korean|iraq|first|second|great|trojan"
                       r"|napoleonic|revolutionary)\s+war\b(?:\s+(?:i{1,2}|1|2|one|two)\b)?"
                       r"|war\s+(?:i{1,2}|1|2|one|two)\b)", re.I)
# The verdict itself, after "is" or "are": "a no", "a hard no", "off limits", "out of the question".
REFUSED_VERDICT = (r"(?:is|are|['’]s|['’]re)\s+(?:a\s+(?:hard\s+|firm\s+|big\s+)?no(?:[\s-]?go)?"
                   r"|out(?:\s+of\s+the\s+question)?|off(?:\s+the\s+(?:table|menu)|[\s-]+limits)|banned"
                   r"|not\s+(?:allowed|an\s+option|for\s+me|my\s+(?:thing|jam|cup\s+of\s+tea))"
                   r"|a\s+deal[\s-]?breaker)\b")
REFUSAL_AFTER = re.compile(r"(?:\s+(?:movies?|films?|flicks?|ones|stuff))?[\s-]*"
                           rf"(?:free\b|{REFUSED_VERDICT}"
                           r"|(?:is|are)n['’]?t\s+(?:for\s+me|my\s+(?:thing|jam|cup\s+of\s+tea))\b"
                           r"|(?:do|does)(?:\s+not|n['’]?t)\s+do\s+(?:it|much|anything)\s+for\s+me\b"
                           r"|[,?!.]?\s+no\s+thanks?\b|[,?!.]?\s+not\s+please\b)",
                           re.I)
# "keep the horror out", "leave the romance out of it": the genre between the two is refused
KEEP_BEFORE = re.compile(r"\b(?:keep|leave)\s+(?:the\s+|any\s+|all\s+)?$", re.I)
KEPT_OUT_AFTER = re.compile(r"(?:\s+(?:movies?|films?|flicks?|stuff))?\s+out\b(?:\s+of\s+(?:it|this))?", re.I)
NOT_A_REFUSAL = re.compile(r"(?:n['’]t|\bnot)\s+(?:mind|care)\b|\bno\s+matter\b|\bnot\s+only\b"
                           r"|(?:n['’]t|\bnot)\s+(?:have|need)\s+to\s+be\b|\bnot\s+necessarily\b", re.I)
ANYTHING_BUT_BEFORE = re.compile(r"\banything\s+but\s+(?:[\w'’-]+\s+){0,2}$", re.I)
CLAUSE_END = re.compile(r"[.;!?,]|\b(?:but|though|although|however|yet|just|only)\b", re.I)
REFUSED_LIST_GAP = re.compile(r"^\s*(?:,|/|,?\s*(?:or|nor))\s*$", re.I)
EITHER_GAP = re.compile(r"^\s*,?\s*(?:or|and/or|/)\s*$", re.I)
# "old" or "classic" said of films: also of noir, a style the catalogue records as no genre ("a classic noir")
FILM_NOUN_AFTER = (r"(?=\s+(?:movies?|films?|flicks?|ones|stuff|releases?|cinema|hollywood|noirs?"
                   rf"|{GENRE_ALTERNATIVES})\b"
               r"|\s*(?:[.,;!?]|$))")
RECENT = re.compile(rf"\b(?:recent|latest|newest|brand[\s-]+new|new{FILM_NOUN_AFTER})\b", re.I)
# "like The Shining but more recent": newer or older than the films named (a bare "newer" with no
# film named is a follow-up about the films shown, which the conversation resolves).
COMPARED_TO_NAMED = re.compile(
    r"\b(?:(?P<newer>more\s+recent|newer|more\s+modern)|(?P<older>older))\b(?!\s+than)", re.I
)
OLD = re.compile(rf"\b(?:oldies|(?<!year\s)(?<!years\s)(?<!-)old{FILM_NOUN_AFTER}|classics"
                  rf"|(?<!modern\s)(?<!cult\s)classic{FILM_NOUN_AFTER})", re.I)

NUMBER_NAMES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
            "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
            "nineteen",
            "twenty"]
NUMBER_WORDS = {w: i for i, w in enumerate(NUMBER_NAMES)} | {"a": 1, "an": 1, "a couple": 2, "a couple of": 2,
                                                        "a few": 3, "a single": 1}
TENS = {"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
# "ninety", "ninety-five", "a hundred and twenty": spelled numbers up to 199
SPELLED_NUMBER = (r"(?:(?:a|one)\s+hundred(?:\s+and)?\s+)?(?:(?:" + "|".join(TENS) + r"|twenty)"
                  r"(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine)\b)?|"
                  + "|".join(reversed(NUMBER_NAMES)) + r")(?!\w)|(?:a|one)\s+hundred\b")
COUNT_NUMBER = r"\d{1,3}|" + "|".join(NUMBER_NAMES)
def _age(n: str, unit: str) -> str:
    return rf"(?P<{n}>\d{{1,2}}|{SPELLED_NUMBER}|a\s+couple\s+of|a\s+few|a)\s+(?P<{unit}>years?|decades?)"


# A film's age against the catalogue's newest year: "no older than 15 years", "newer than ten years",
# "a film less than 20 years old", "nothing more than a decade old". "Over 50 years old" said of a
# person ("a man over 50 years old") is no film's age: the bare form needs a film word before it.
_FILM_AGED = rf"films?|movies?|flicks?|ones?|something|anything|nothing|{GENRE_ALTERNATIVES}"
AGE_YEARS = re.compile(
    rf"\b(?:(?P<newer>(?:(?:no|not)\s+)?(?:newer|younger|more\s+recent)\s+than|(?:no|not)\s+older\s+than)"
    rf"|(?P<older>older\s+than))\s+{_age('n', 'unit')}(?:\s+old\b)?"
    rf"|\b(?P<what>{_FILM_AGED})\s+(?:(?:that|which)\s+(?:is|are)\s+|that['’]s\s+)?"
    rf"(?:(?P<newer_age>less\s+than|under|at\s+most|no\s+more\s+than|not\s+more\s+than|not\s+over)"
    rf"|(?P<older_age>more\s+than|over|at\s+least))\s+{_age('n2', 'unit2')}\s+old\b",
    re.I,
)
DANGLING_WORDS = re.compile(r"(?:\b(?:and|or|but|with|from|in|of|to|than|by|nor|during|made|released"
                       r"|that|which|are|is)\s+)*\x00", re.I)
LOOSE_EDGES = re.compile(r"^(?:[^\w\"“(]+|(?:and|or|but|also)\b)+"
                    r"|(?:[\s,;:&/\-–—(]|\b(?:the|a|an|and|or|with|of)\b)+$", re.I)
ADJACENT_REMOVALS = re.compile(r"\x00(?:[\s,;&/]*(?:\b(?:and|or|nor)\b)?[\s,;&/]*\x00)+", re.I)
# fmt: on

# Series and franchises: "no Harry Potter", "nothing from Marvel", "a space opera that isn't Star Wars";
# "like the Bourne films", "the Harry Potter series".
# A list that goes on past a bare comma only where an "or" follows in the same clause: "no gore,
# blood or jump scares", "no Bond, Mission Impossible or Bourne" (read at the comma's next word).
OR_AHEAD = re.compile(r"[^.;:!?]*?\b(?:or|nor)\b", re.I)
SERIES_REFUSAL_BEFORE = re.compile(
    r"\b(?:no|not|nothing|none|without|except(?:\s+for)?|excluding|skip|avoid|minus|anything\s+but|other\s+than"
    r"|outside(?:\s+of)?(?=\s+the\s)|apart\s+from|aside\s+from|enough\s+(?:of|with)|sick\s+of|tired\s+of|done\s+with|fed\s+up\s+with"
    r"|(?:that|which)\s+(?:isn['’]t|is\s+not|aren['’]t|are\s+not)|isn['’]t|aren['’]t|but\s+not|never)\s+"
    r"(?:(?:from|of|in|set\s+in|part\s+of|related\s+to|to\s+do\s+with|more)\s+)?(?:the\s+|any\s+|a\s+|another\s+)?$",
    re.I,
)
SERIES_NOUN_AFTER = re.compile(
    r"(?:\s+|-)(?:(?P<strong>series|franchise|saga|trilogy|universe|sequels|prequels)|films?|movies?|flicks|ones"
    r"|stuff)\b",
    re.I,
)
SERIES_TASTE_BEFORE = re.compile(rf"\b(?:{LIKING_CUES})\s+(?:the\s+)?$", re.I)
THE_BEFORE = re.compile(r"\bthe\s+$", re.I)
SERIES_NOUN_AHEAD = re.compile(
    r"^(?:\s+[\w'’-]+){0,3}?(?:\s+|-)(?:series|franchise|saga|trilogy|universe|films?|movies?)\b", re.I
)
# "a comedy, Marvel-free"
SERIES_FREE_AFTER = re.compile(r"(?:\s+(?:films?|movies?|stuff))?[\s-]*free\b", re.I)

# Film studios: the catalogue does not record them (assistant.understand.unsupported says so), and
# a studio is never a person's surname ("a Disney movie" is not Walt Disney's films as an actor).
STUDIOS = (
    r"pixar|disney|dreamworks|(?:studio\s+)?ghibli|a24|blumhouse|illumination|laika|aardman|"
    r"warner\s+bros\.?|universal\s+pictures|paramount\s+pictures|lionsgate|miramax|hammer\s+films|"
    r"amblin|neon|searchlight|focus\s+features"
    # "indie", "independent films": the specialty and independent companies (`studios.INDIE`), not
    # indie music or games
    r"|indie(?!\s+(?:rock|bands?|music|games?|pop|musicians?|labels?|records?|folk|singers?|artists?))"
    r"|independent"
)

# Languages and the peoples and cinemas that speak them ("Korean", "Bollywood"), from one list
# (`ingest.languages`): `languages.py` reads them as constraints; a people is never a series ("not the
# Italian mafia", "nothing in English" is not Johnny English), though overviews write them capitalised.
LANGUAGES = "|".join(
    sorted((re.escape(w).replace(r"\ ", r"\s+") for w in LANGUAGE_WORDS), key=len, reverse=True)
)
LANGUAGE_WORD = re.compile(rf"(?:{LANGUAGES})(?:-language)?", re.I)

# Words that describe a film's style or effect and are also some film's title ("Slow Burn", "Feel
# Good", "Tearjerker"): typed in lower case without a cue ("a slow-burn thriller"), a description.
STYLE_PHRASE = re.compile(
    r"slow[\s-]?burn(?:ing|er)?|feel[\s-]?good|coming[\s-]of[\s-]age|mind[\s-]?bending|tear[\s-]?jerker"
    r"|heart[\s-]?warming|nail[\s-]?biter|page[\s-]?turner|crowd[\s-]?pleaser|edge[\s-]of[\s-]the[\s-]seat",
    re.I,
)
