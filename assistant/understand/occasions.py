"""Where, when and with whom a film is watched: the viewing situation, which is not what the film is about.

"Something for a long flight" is not a request for films about flights: the words found Airplane!,
Flight 7500 and Non-Stop. "A Christmas movie to watch with the family" wants Christmas films, not
films about families; "snowed in all weekend" found Let It Snow; "girls night in with wine" found
Girls Trip and A Good Year. A film lover reads the situation as a kind of film, if any: children
want family films, a partner a romance, friends and teenagers a comedy, a class history, a
breakup something light. So a situation phrase leaves the intent (nothing is searched for its
words) and, where it says a kind, the engine searches for that kind in words the searches read
("with teenagers" -> "teen comedy, high school") and adds a soft genre lean, read like a mood's
(`moods.py`). A mood or genre the message states outweighs the suggestion, but not who must be able
to watch the film (children, a class). In a known-item search the words stay: "I saw it on a plane
with my dad" is a memory (`parse.py`).

Only phrases that say "with", "for", "on", "during" or "after" before the situation are read as
one: "a film about a long flight" and "a family drama" keep their words. One source of truth: add
a situation here, not in the engine.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from assistant.understand.reading import Reading

CHILDREN = {
    "Family": 2.5,
    "Animation": 1.5,
    "Adventure": 1.0,
    "Comedy": 1.0,
    "Horror": -2.0,
    "War": -1.5,
    "Crime": -1.5,
    "Thriller": -1.0,
}
TEENAGERS = {"Comedy": 2.0, "Adventure": 0.5, "War": -1.5, "Documentary": -1.5, "History": -1.0}
FRIENDS = {"Comedy": 1.5, "Action": 0.5, "Documentary": -1.0, "History": -1.0}
PARTNER = {"Romance": 2.0, "Comedy": 1.0, "Horror": -1.0, "War": -1.0}
OLDER_RELATIVES = {"Drama": 1.5, "Comedy": 1.0, "Romance": 0.5, "Horror": -2.0}
LESSON = {"History": 2.0, "Drama": 1.0, "Documentary": 0.5, "Horror": -2.0}
GIRLS_NIGHT = {"Comedy": 1.5, "Romance": 1.5, "Drama": 0.5, "War": -1.5, "Horror": -1.0}
GUYS_NIGHT = {"Action": 1.5, "Comedy": 1.5}
BREAKUP = {"Comedy": 1.5, "Romance": 1.0, "Drama": 0.5, "Horror": -1.5, "War": -1.0}
TRAVEL = {"Adventure": 1.0, "Comedy": 1.0, "Action": 0.5, "Horror": -1.0}
DISCUSSION = {"Drama": 1.5, "Mystery": 1.0, "Science Fiction": 0.5, "Thriller": 0.5}
VALENTINE = {"Romance": 2.5, "Comedy": 1.0, "Horror": -2.0, "War": -1.5}
PARENTS_DAY = {"Drama": 1.0, "Family": 1.0, "Comedy": 0.5, "Horror": -2.0}
ADULTS = {"Family": -2.5, "Drama": 0.5}
# On in the background, or watched half-asleep: familiar, easy, nothing that needs following or jolts.
EASY = {
    "Comedy": 2.0,
    "Romance": 1.0,
    "Family": 1.0,
    "Horror": -2.0,
    "Thriller": -1.5,
    "Mystery": -1.0,
    "War": -1.5,
}
NO_LEAN: Mapping[str, float] = {}
NOT_FOR_CHILDREN = frozenset({"Horror", "War", "Crime", "Thriller"})  # a taste for them, never a filter
# The genres children's films carry besides Family: Star Wars, Jumanji and Spirited Away have one.
CHILDRENS_KINDS = frozenset({"Animation", "Adventure", "Fantasy"})
CHILD_MOOD_SCALE = 0.5
_NEGATED_BEFORE = re.compile(
    r"\b(?:not|nothing|no|never|(?:isn|aren)['’]?t|without)\s+(?:really\s+|just\s+)?$", re.I
)
# "a thriller set on a train", "a horror film that takes place during a flight": where the film
# happens, not where it is watched
_SETTING_BEFORE = re.compile(
    r"\b(?:set|takes?\s+place|taking\s+place|happens?|happening|unfolds?|unfolding|located)\s+(?:entirely\s+|mostly\s+|all\s+)?$",
    re.I,
)
# Situations that say who must be able to watch it: they hold whatever mood the message asks for.
AUDIENCES = frozenset({"children", "adults", "older relatives", "a lesson"})

_MY = r"(?:(?:my|our|the|a|some|a\s+few|a\s+bunch\s+of|a\s+group\s+of|two|three|\d+)\s+)?"
_AGES = r"(?:\s*,?\s*(?:aged?|ages|who\s+are)\s+\d{1,2}(?:\s*(?:,|and|&|-|to)\s*\d{1,2})*)?"
# "my 10 year old", "an 11-year-old", "my 7yo": ages up to 12 are children, 13 to 19 teenagers.
_CHILD_AGE = r"(?:[1-9]|1[0-2])"
_TEEN_AGE = r"1[3-9]"
_YEAR_OLD = (
    r"(?:[\s-]*(?:years?|yrs?)[\s-]*olds?|[\s-]*y/?o\b)"
    r"(?:\s+(?:son|daughter|boy|girl|kid|child|nephew|niece))?"
)
_DAY = (
    r"(?:(?:a|an|this|the|one|our)\s+)?(?:(?:rainy|lazy|cold|snowy|quiet|slow|gloomy|grey|gray|wet|"
    r"long|hot|summer|winter|autumn|fall|spring|dreary|miserable|free)\s+)*"
    r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|weekend|day|afternoon|evening|night)"
    r"(?:\s+(?:afternoon|evening|night|in))?"
)


@dataclass(frozen=True)
class Occasion:
    name: str
    pattern: re.Pattern[str]
    lean: Mapping[str, float]  # genre -> soft lean, on the scale of a mood's
    says: str  # the kind of film it suggests, in words the searches read ("teen comedy, high school")


# Order matters only where phrases overlap: the first to match takes the words.
OCCASIONS: tuple[Occasion, ...] = tuple(
    Occasion(name, re.compile(rf"\b(?:{phrase})\b", re.I), lean, says)
    for name, phrase, lean, says in (
        (
            "children",
            rf"(?:with|for)\s+{_MY}(?:(?:young|little|small|two|three)\s+)*(?:kids|children|child|kid|"
            rf"little\s+ones|toddlers?|nephews?|nieces?|grand(?:kids|children|sons?|daughters?)|"
            rf"(?:son|daughter)s?){_AGES}"
            rf"|(?:my|our)\s+(?:kids|children|son|daughter|boy|girl)\s+(?:is|are)\s+{_CHILD_AGE}\b(?:\s+and\s+\d{{1,2}})?"
            rf"|(?:(?:with|for)\s+(?:a|an|my|our)|my|our)\s+{_CHILD_AGE}{_YEAR_OLD}"
            r"|(?:kids|children)\s+(?:aged?|ages)\s+\d{1,2}(?:\s*(?:,|and|&|-|to)\s*\d{1,2})*"
            r"|with\s+(?:my|our|the)\s+(?:whole\s+)?family",  # "for the whole family" is the Family genre
            CHILDREN,
            "a family film, animated adventure",
        ),
        (
            "teenagers",
            rf"(?:with|for)\s+{_MY}(?:teen(?:ager)?s|teens)"
            rf"|(?:my|our)\s+(?:kids|children|son|daughter|boy|girl)\s+(?:is|are)\s+{_TEEN_AGE}\b"
            rf"|(?:(?:with|for)\s+(?:a|my|our)|my|our)\s+{_TEEN_AGE}{_YEAR_OLD}"
            r"|(?:for|at)\s+(?:a|the|our|my)?\s*(?:sleepover|slumber\s+party|pyjama\s+party|pajama\s+party)",
            TEENAGERS,
            "teen comedy, high school",
        ),
        (
            # "animated like Toy Story, but made for grown-ups", "adult animation": not a family film
            "adults",
            r"(?:(?:made|meant|aimed|intended)\s+)?(?:for|at)\s+(?:an?\s+)?(?:adults?|grown[\s-]?ups|grownups"
            r"|mature\s+audiences?)(?:\s+only)?|(?:adults|grown[\s-]?ups)\s+only"
            r"|(?<!young\s)adult(?=\s+(?:animation|animated|cartoons?|animes?|fairy\s+tales?)\b)",
            ADULTS,
            "",
        ),
        (
            "a parent's day",
            r"(?:(?:for|on)\s+)?(?:mother|father|mom|mum|dad)['’]?s?\s+day",
            PARENTS_DAY,
            "heartwarming",
        ),
        (
            "older relatives",
            r"with\s+(?:my|our)\s+(?:(?:elderly|old|aging|ageing)\s+)?(?:parents|grandparents|mum|mom|mother|"
            r"dad|father|grandma|grandpa|gran|granny|nan|nana|in-laws|folks)",
            OLDER_RELATIVES,
            "a heartwarming, gentle story",
        ),
        (
            "partner",
            r"with\s+(?:my|our|a)\s+(?:new\s+)?(?:girlfriend|boyfriend|partner|wife|husband|fianc[ée]e?|"
            r"other\s+half|significant\s+other|bf|gf|date|crush)"
            # "for a first date", "for date night": not Date Night and Date Movie
            r"|(?:for|on)\s+(?:(?:a|our|my|the)\s+)?(?:first\s+|second\s+|third\s+)?date(?:\s+night)?\b",
            PARTNER,
            "a romantic comedy",
        ),
        (
            "friends",
            rf"with\s+{_MY}(?:friends|mates|buddies|pals|roommates|flatmates|the\s+(?:guys|girls|lads|boys))",
            FRIENDS,
            "a fun comedy",
        ),
        (
            "girls' night",
            r"(?:girls?|gals?|ladies)['’]?\s+night(?:\s+in)?",
            GIRLS_NIGHT,
            "a romantic comedy about friendship",
        ),
        ("guys' night", r"(?:guys?|boys?|lads?)['’]?\s+night(?:\s+in)?", GUYS_NIGHT, "an action comedy"),
        (
            "a lesson",
            r"(?:in|for|to)\s+(?:my\s+|a\s+|the\s+)?(?:class(?:room)?|students|pupils|lessons?)"
            r"|(?:i|we)\s+teach\s+(?:(?:high|middle|primary|secondary)\s+school\s+)?",
            LESSON,
            "historical, based on a true story",
        ),
        (
            "a breakup",
            r"(?:after|over|through|getting\s+over|post)\s+(?:a|my|the|this|our)?\s*(?:bad\s+|rough\s+|messy\s+)?"
            r"(?:break[\s-]?up|divorce|split)",
            BREAKUP,
            "a romantic comedy about starting over",
        ),
        (
            "travel",
            r"(?:on|for|during)\s+(?:a|the|my|our)?\s*(?:(?:long|short|overnight|transatlantic|red[\s-]?eye)\s+)?"
            r"(?:flight|plane(?:\s+ride)?|train(?:\s+ride|\s+journey)?|road\s+trip|commute|bus\s+ride)",
            TRAVEL,
            "an entertaining adventure",
        ),
        (
            "a discussion",
            r"(?:start|spark|provoke|get|trigger)\w*\s+(?:a\s+|some\s+)?(?:long\s+|heated\s+|good\s+|real\s+)?"
            r"(?:argument|debate|discussion|conversation)s?(?:\s+afterwards?)?"
            r"|(?:(?:our|my|a|the)\s+)?(?:(?:work|office)\s+)?film\s+club",
            DISCUSSION,
            "thought-provoking, ambiguous",
        ),
        ("Valentine's Day", r"(?:for|on)\s+valentine['’]?s?(?:\s+day)?", VALENTINE, "romantic"),
        (
            # "our 25th wedding anniversary" wants a love story, not films about weddings
            "an anniversary",
            r"(?:(?:for|on|celebrating)\s+(?:our|my|an?|the)\s+|(?:our|my)\s+)(?:\d{1,2}(?:st|nd|rd|th)\s+|first\s+|tenth\s+"
            r"|(?:silver|golden|ruby|pearl|paper)\s+)?(?:wedding\s+)?anniversary",
            VALENTINE,
            "romantic",
        ),
        (
            # "on in the background", "hungover on the sofa": not films about hangovers. What is done
            # meanwhile stays searched: the third judged set's judge took "while I cook" to welcome
            # films about food (Julie & Julia, Chef, Ratatouille).
            "an easy watch",
            r"(?:on\s+)?in\s+the\s+background"
            r"|(?:horribly\s+|so\s+|very\s+|badly\s+)?hung[\s-]?over|(?:with|nursing)\s+(?:a|my)\s+(?:bad\s+|awful\s+)?hangover"
            # watched lying down or half-asleep: "lie on the sofa and half doze through", "to fall
            # asleep to" (the words found Easy A, tagged "lie", and The Lego Movie)
            r"|(?:lie|lying|lay|laying|curl(?:ed)?\s+up|crash(?:ed)?|slump(?:ed)?|veg(?:ging)?(?:\s+out)?)\s+"
            r"(?:on|in)\s+(?:the|my|our)\s+(?:sofa|couch|settee|bed)"
            r"|half[\s-]+(?:doz(?:e|ing)|snooz(?:e|ing))(?:\s+(?:off|through|to))?"
            r"|(?:doz(?:e|ing)|snooz(?:e|ing)|nap(?:ping)?|drift(?:ing)?)\s+(?:off\s+)?(?:through|to|in\s+front\s+of)\b"
            r"|(?:fall(?:ing)?|drift(?:ing)?)\s+(?:off\s+)?asleep\s+(?:to|during|in\s+front\s+of)"
            r"|half[\s-]+(?:watch(?:ing)?|asleep|awake|paying\s+attention)",
            EASY,
            "a light feel-good comedy",
        ),
        (
            "the time",
            rf"(?:on|for|this|over)\s+{_DAY}|tonight|snowed\s+in(?:\s+all\s+weekend)?"
            r"|(?:stuck|staying)\s+(?:at\s+home|inside|indoors|in)|home\s+sick|sick\s+in\s+bed"
            r"|after\s+(?:(?:a|the)\s+(?:(?:long|hard|rough|tough|busy|stressful|exhausting|crazy)\s+)+"
            r"(?:day|week|shift)(?:\s+at\s+work)?|work)|before\s+bed(?:time)?|movie\s+night",
            NO_LEAN,
            "",
        ),
        (
            "snacks",
            r"(?:with|and|over)\s+(?:some\s+|a\s+glass\s+of\s+|a\s+bottle\s+of\s+)?(?:pizza|popcorn|wine|beers?|"
            r"snacks|takeaway|takeout|a\s+curry)",
            NO_LEAN,
            "",
        ),
    )
)


def find_occasions(r: Reading) -> tuple[list[str], list[tuple[int, int]]]:
    """Read the viewing situations in the message: their words leave the intent. Returns their
    names and the spans taken."""
    found: list[str] = []
    spans: list[tuple[int, int]] = []
    for occasion in OCCASIONS:
        for m in occasion.pattern.finditer(r.masked):
            if not m.group().strip() or r.before(_NEGATED_BEFORE, m.start(), 30):
                continue  # "dark fantasy, not for kids" refuses the Family genre (understand.genres)
            if r.before(_SETTING_BEFORE, m.start(), 40):
                continue  # the film's setting, searched for as any subject is
            r.take(m.start(), m.end())
            spans.append((m.start(), m.end()))
            if occasion.name not in found:
                found.append(occasion.name)
    return found, spans


def occasion_lean(names: Sequence[str], stated: bool = False) -> dict[str, float]:
    """Genre -> lean for the situations read (summed when several are); {} when none says a kind.
    `stated`: the message says a mood or genre itself, which outweighs what a situation suggests
    ("a Halloween movie night with friends who like to be scared" wants horror, not comedy), but
    not what makes a film fit the audience (children, a class)."""
    lean: dict[str, float] = {}
    for occasion in _named(names, stated):
        for genre, weight in occasion.lean.items():
            lean[genre] = lean.get(genre, 0.0) + weight
    return lean


def occasion_words(names: Sequence[str], stated: bool = False) -> str:
    """What the situations read suggest, as words to search by ("with teenagers" -> "teen comedy")."""
    return ", ".join(o.says for o in _named(names, stated) if o.says)


def for_children(names: Sequence[str], include: Sequence[str]) -> tuple[list[str], list[str]]:
    """The genres a message asks for, split into those that stay filters and those that become a
    taste because children will watch: "my 10 year old wants a scary movie" wants Coraline or
    Gremlins, not The Evil Dead, and "a war movie for kids" not Come and See. Returns (kept, softened)."""
    if "children" not in names:
        return list(include), []
    return [g for g in include if g not in NOT_FOR_CHILDREN], [g for g in include if g in NOT_FOR_CHILDREN]


def unsuitable(names: Sequence[str], genres: Sequence[str], asked: Sequence[str] = ()) -> bool:
    """A film not for the audience named, as far as genres tell. For children: horror, war, crime or
    thriller that is not also a family film (Paranormal Activity, the animated Vampire Hunter D, Pulp
    Fiction; not Monster House or Mulan), a comedy that is neither a family nor an animated film
    (Scary Movie), or a film with nothing of a children's film in its genres and none of the genres
    asked for (`asked`): The 400 Blows, a drama about a boy, was third for "babysitting my 4 year old
    niece, something gentle". For adults ("animation for grown-ups"): a family film."""
    if "adults" in names and "Family" in genres:
        return True
    if "children" not in names or "Family" in genres:
        return False
    # A comedy that is neither a family nor an animated film is a grown-up comedy more often than not
    # ("a scary movie for the kids" showed the parodies Scary Movie and Scary Movie 3).
    if NOT_FOR_CHILDREN.intersection(genres) or ("Comedy" in genres and "Animation" not in genres):
        return True
    return not (CHILDRENS_KINDS | set(asked)).intersection(genres)


def with_audience(mood: Mapping[str, float], names: Sequence[str]) -> dict[str, float]:
    """A mood's lean, halved where children will watch: their situation's lean (family films, no
    horror) then outweighs "scary" or "tense", which still tilt the family films that way."""
    scale = CHILD_MOOD_SCALE if "children" in names else 1.0
    return {genre: weight * scale for genre, weight in mood.items()}


def _named(names: Sequence[str], stated: bool) -> list[Occasion]:
    return [o for o in OCCASIONS if o.name in names and (o.name in AUDIENCES or not stated)]
