"""ReDial test dialogues as recommendation samples, by the standard conversational-recommendation protocol.

The protocol is CRSLab's, as used by He et al. (CIKM 2023, "Large language models as zero-shot
conversational recommenders"): walk each dialogue; every recommender turn that mentions films not
mentioned earlier in the dialogue yields one sample per such film, whose context is the dialogue before
that turn. As He et al. argue, films already mentioned are dropped as targets (repeating them is a
shortcut, not a recommendation) and are excluded from the ranking, so `mentioned_ids` travels with
each sample.

Our adjustments, each because the catalogue or the chat differs from CRSLab's:
- consecutive messages by one sender are merged into one turn, as a chat user would send them;
- a target must be in the catalogue (`TitleMatcher`), since only catalogue films can be recommended;
  novelty is judged on catalogue ids too, so two ReDial entries for one film count once;
- a turn before the seeker has said anything gives no sample: there is nothing to condition on.

The roles are fixed by ReDial: the initiator is the seeker ("user"), the respondent the recommender
("assistant"). Measured on the full test split (1,342 dialogues) with the shipped catalogue:
2,547 samples from 1,165 dialogues (from 8,521 @-mentions).
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from assistant.evaluation.titles import TitleMatcher
from assistant.understand import MAX_CHARS, CatalogueIndex, ParsedRequest, parse_request

USER, ASSISTANT = "user", "assistant"
_MENTION = re.compile(r"@(\d+)")
_ROLE_LABELS = {USER: "User", ASSISTANT: "Assistant"}


@dataclass(frozen=True)
class RedialSample:
    dialogue_id: str
    turn_index: int  # index of the recommender turn among the dialogue's merged turns
    context: list[tuple[str, str]]  # (role, text) turns before it, @ids replaced by "Title (Year)"
    target_id: str  # catalogue id of the film the recommender named
    mentioned_ids: tuple[str, ...]  # catalogue ids named in the context, first mention first


@dataclass(frozen=True)
class _Turn:
    role: str
    text: str  # raw ReDial text, @ids still in place
    redial_ids: tuple[str, ...]  # @ids in the order they appear, repeats dropped


def load_movie_names(path: Path | str) -> dict[str, str]:
    """ReDial's movies_with_mentions.csv as {movieId: "Title (Year)"}."""
    with open(path, newline="", encoding="utf-8") as handle:
        return {row["movieId"]: row["movieName"] for row in csv.DictReader(handle)}


def load_redial_samples(
    path: Path | str,
    matcher: TitleMatcher,
    limit_dialogues: int | None = None,
    *,
    movie_names_path: Path | str | None = None,
) -> list[RedialSample]:
    """All samples of a ReDial JSONL split, in dialogue order. Names missing from a dialogue's
    movieMentions come from `movie_names_path`, by default movies_with_mentions.csv beside `path`."""
    path = Path(path)
    names_path = Path(movie_names_path) if movie_names_path else path.parent / "movies_with_mentions.csv"
    fallback_names = load_movie_names(names_path) if names_path.exists() else {}
    samples: list[RedialSample] = []
    for count, dialogue in enumerate(_read_jsonl(path)):
        if limit_dialogues is not None and count >= limit_dialogues:
            break
        samples.extend(dialogue_samples(dialogue, matcher, fallback_names))
    return samples


def dialogue_samples(
    dialogue: Mapping[str, Any], matcher: TitleMatcher, fallback_names: Mapping[str, str] | None = None
) -> list[RedialSample]:
    """The samples of one ReDial dialogue record (one JSONL line, parsed)."""
    names = {**(fallback_names or {}), **(dialogue.get("movieMentions") or {})}

    def catalogue_id(redial_id: str) -> str | None:
        name = names.get(redial_id)
        movie = matcher.match(name) if name else None
        return movie.id if movie else None

    dialogue_id = str(dialogue.get("conversationId", ""))
    turns = _merge_turns(dialogue)
    samples: list[RedialSample] = []
    context: list[tuple[str, str]] = []
    mentioned: list[str] = []  # catalogue ids, first mention first
    for index, turn in enumerate(turns):
        if turn.role == ASSISTANT and any(role == USER for role, _ in context):
            new_ids: list[str] = []
            for redial_id in turn.redial_ids:
                movie_id = catalogue_id(redial_id)
                if movie_id is not None and movie_id not in mentioned and movie_id not in new_ids:
                    new_ids.append(movie_id)
            snapshot = list(context)
            samples.extend(
                RedialSample(dialogue_id, index, snapshot, movie_id, tuple(mentioned)) for movie_id in new_ids
            )
        context.append((turn.role, _replace_mentions(turn.text, names)))
        for redial_id in turn.redial_ids:
            movie_id = catalogue_id(redial_id)
            if movie_id is not None and movie_id not in mentioned:
                mentioned.append(movie_id)
    return samples


def context_as_request(sample: RedialSample, max_chars: int | None = None) -> str:
    """The context as one request text: "User: ...\\nAssistant: ..." lines; with `max_chars`, the
    latest turns that fit (a chat's end says most about what is wanted now)."""
    lines = [f"{_ROLE_LABELS[role]}: {text}" for role, text in sample.context]
    if max_chars is None:
        return "\n".join(lines)
    kept: list[str] = []
    for line in reversed(lines):
        if kept and sum(map(len, kept)) + len(kept) + len(line) > max_chars:
            break
        kept.append(line[-max_chars:])
    return "\n".join(reversed(kept))


def dialogue_request(sample: RedialSample, index: CatalogueIndex) -> ParsedRequest:
    """The dialogue as one request: the seeker's latest turn sets the hard constraints, as a new
    request does in a reelchat chat (the recommender's words and earlier passing remarks are not
    constraints: "that is a scary one" does not make the next pick a horror film), while the whole
    dialogue, both sides and every title, steers the search as intent and reference films.

    Parsing the whole dialogue for constraints instead left the recommender's film outside them in
    144 of the first 150 dialogues' 271 samples (this reading: 49), mostly genre words from either
    side, and people ("on the edge of my seat" read as the musician The Edge: counted before that
    was fixed)."""
    whole = parse_request(context_as_request(sample, MAX_CHARS), index)
    latest = next((text for role, text in reversed(sample.context) if role == USER), "")
    asked = parse_request(latest, index)
    return replace(whole, constraints=asked.constraints, avoid=asked.avoid, k=None)


def _merge_turns(dialogue: Mapping[str, Any]) -> list[_Turn]:
    seeker = dialogue.get("initiatorWorkerId")
    turns: list[_Turn] = []
    for message in dialogue.get("messages") or []:
        text = " ".join(str(message.get("text", "")).split())
        if not text:
            continue
        role = USER if message.get("senderWorkerId") == seeker else ASSISTANT
        if turns and turns[-1].role == role:
            previous = turns[-1]
            ids = previous.redial_ids + tuple(i for i in _mention_ids(text) if i not in previous.redial_ids)
            turns[-1] = _Turn(role, f"{previous.text} {text}", ids)
        else:
            turns.append(_Turn(role, text, _mention_ids(text)))
    return turns


def _mention_ids(text: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(_MENTION.findall(text)))


def _replace_mentions(text: str, names: Mapping[str, str]) -> str:
    def name_of(found: re.Match[str]) -> str:
        name = names.get(found[1])
        # An id no table names stays as written: dropping it would garble the sentence.
        return " ".join(name.split()) if name else found[0]

    return _MENTION.sub(name_of, text)


def _read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)
