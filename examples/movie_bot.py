"""A tiny bot that embeds reelchat: it reads lines from stdin, keeps one session per user name,
and prints the films first, then the explanation as it streams.

    .venv/bin/python examples/movie_bot.py
    alice: a tense 90s heist thriller, nothing gory
    alice: why did you recommend the second one?
    bob: something like Toy Story
"""

from __future__ import annotations

import sys

from assistant import MovieAssistant


def main() -> int:
    bot = MovieAssistant()  # settings from REELCHAT_* variables; models load on the first message
    print("type 'name: message' (Ctrl-D to quit)", file=sys.stderr)
    for line in sys.stdin:
        user, _, message = line.partition(":")
        if not message.strip():
            print("please write 'name: message'", file=sys.stderr)
            continue
        for event in bot.stream(message.strip(), session_id=f"bot-{user.strip()}"):
            if event.type == "recommendations":
                titles = ", ".join(f"{r.title} ({r.year})" for r in event.recommendations)
                print(f"[{user.strip()}] picks: {titles or 'none'}")
            elif event.type == "text":
                print(event.text, end="", flush=True)
            elif event.type == "done" and event.reply is not None:
                print(f"\n[{event.reply.backend}] " + " ".join(event.reply.notices))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
