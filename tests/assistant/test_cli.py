"""Command-line arguments that decide how much work a command does."""

from __future__ import annotations

import pytest

from assistant.cli import bench_requests, build_parser


@pytest.mark.parametrize(
    ("argv", "requests"),
    [
        (["bench", "query"], 200),
        (["bench", "chat"], 5),  # not the query's 200: each chat reply takes about a minute
        (["bench", "chat", "--requests", "2"], 2),
        (["bench", "query", "--requests", "50"], 50),
    ],
)
def test_bench_request_counts(argv: list[str], requests: int) -> None:
    assert bench_requests(build_parser().parse_args(argv)) == requests
