"""Original languages: the ISO 639-1 codes catalogues store and the English names people type.

One source of truth for ingest (a catalogue's `language` column may hold a code or a name) and for
request understanding ("a Korean thriller", "in French", "not in English").
"""

from __future__ import annotations

# code -> the name a person types. TMDB writes "cn" for Cantonese (not an ISO code) and both "no" and
# "nb" for Norwegian; both are kept as TMDB writes them.
NAMES = {
    "ar": "Arabic",
    "bn": "Bengali",
    "cn": "Cantonese",
    "cs": "Czech",
    "da": "Danish",
    "de": "German",
    "el": "Greek",
    "en": "English",
    "es": "Spanish",
    "fa": "Persian",
    "fi": "Finnish",
    "fr": "French",
    "he": "Hebrew",
    "hi": "Hindi",
    "hu": "Hungarian",
    "id": "Indonesian",
    "is": "Icelandic",
    "it": "Italian",
    "ja": "Japanese",
    "kn": "Kannada",
    "ko": "Korean",
    "ml": "Malayalam",
    "mr": "Marathi",
    "nb": "Norwegian",
    "nl": "Dutch",
    "no": "Norwegian",
    "pl": "Polish",
    "pt": "Portuguese",
    "ro": "Romanian",
    "ru": "Russian",
    "sr": "Serbian",
    "sv": "Swedish",
    "ta": "Tamil",
    "te": "Telugu",
    "th": "Thai",
    "tl": "Tagalog",
    "tr": "Turkish",
    "uk": "Ukrainian",
    "vi": "Vietnamese",
    "zh": "Chinese",
}

# What a person calls a language, or the people or cinema that speaks it -> the codes it stands for.
# A nation whose films are mostly in a language everyone shares (British, American) is no language.
WORDS: dict[str, tuple[str, ...]] = {
    **{name.lower(): tuple(c for c, n in NAMES.items() if n == name) for name in set(NAMES.values())},
    "chinese": ("zh", "cn"),
    "mandarin": ("zh",),
    "hong kong": ("cn",),
    "taiwanese": ("zh",),
    "farsi": ("fa",),
    "iranian": ("fa",),
    "brazilian": ("pt",),
    "mexican": ("es",),
    "argentinian": ("es",),
    "argentine": ("es",),
    "castilian": ("es",),
    "bollywood": ("hi",),
    "indian": ("hi", "ta", "te", "ml", "kn", "bn", "mr"),
    "tollywood": ("te",),
    "israeli": ("he",),
    "filipino": ("tl",),
}


# A country people name for where a film comes from ("anything from Japan", "not from Korea") ->
# the languages its films are made in. Kept apart from WORDS: "set in Japan" is a place, not a language.
COUNTRIES: dict[str, tuple[str, ...]] = {
    "japan": ("ja",),
    "korea": ("ko",),
    "south korea": ("ko",),
    "china": ("zh", "cn"),
    "taiwan": ("zh",),
    "france": ("fr",),
    "italy": ("it",),
    "spain": ("es",),
    "mexico": ("es",),
    "argentina": ("es",),
    "germany": ("de",),
    "russia": ("ru",),
    "sweden": ("sv",),
    "denmark": ("da",),
    "norway": ("no", "nb"),
    "finland": ("fi",),
    "iceland": ("is",),
    "the netherlands": ("nl",),
    "holland": ("nl",),
    "brazil": ("pt",),
    "portugal": ("pt",),
    "iran": ("fa",),
    "israel": ("he",),
    "turkey": ("tr",),
    "thailand": ("th",),
    "poland": ("pl",),
    "greece": ("el",),
    "india": WORDS["indian"],
}


def name_of(code: str) -> str:
    """ "ko" -> "Korean"; an unknown code is shown as itself."""
    return NAMES.get(code, code)


def code_of(value: str) -> str:
    """A catalogue's language cell -> its code: "ko", "KO" and "Korean" are all "ko"; "" for none.
    TMDB writes "xx" for a film with no spoken language, which no one asks for: kept as unknown.
    Raises ValueError for anything else, so the row is reported rather than guessed at."""
    text = " ".join(value.split()).lower()
    if not text or text == "xx":
        return ""
    if len(text) == 2 and text.isalpha() and text.isascii():
        return text
    codes = WORDS.get(text, ())
    if len(codes) == 1:
        return codes[0]
    raise ValueError(f"language {value[:30]!r} is neither a two-letter ISO 639-1 code nor a language name")
