"""Nothing shown for a generated request breaks a constraint it states (runs the engine)."""

from __future__ import annotations

import pytest

from assistant.api import MovieAssistant
from assistant.evaluation.grammar import generate_cases, shown_violations

pytestmark = pytest.mark.slow


def test_no_film_shown_for_200_generated_requests_breaks_a_stated_constraint(
    assistant: MovieAssistant,
) -> None:
    cases = generate_cases()[::12][:200]  # a spread of the 2,400, every phrasing class among them
    result = shown_violations(assistant, cases)
    assert result["shown"] > 0
    assert result["violations"] == 0, result["examples"][:5]
