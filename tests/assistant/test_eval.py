"""`reelchat eval` runs end to end on small slices and writes its report."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from assistant.settings import Settings
from tests.conftest import SHARED_DATA, VENV_BIN, cli_env


def test_eval_probes_and_a_redial_slice_write_the_report(
    catalogue_settings: Settings, shared_data: Path, tmp_path: Path
) -> None:
    report = tmp_path / "EVAL.md"
    for what, extra in (
        ("probes", []),
        ("redial", ["--limit", "5", "--redial-dir", str(SHARED_DATA / "redial")]),
    ):
        result = subprocess.run(
            [str(VENV_BIN / "reelchat"), "eval", what, "--json", "--write", str(report), *extra],
            env=cli_env(catalogue_settings.home, REELCHAT_RERANKER="none", REELCHAT_LLM="none"),
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert result.returncode == 0, result.stderr
        payload = json.loads(result.stdout.strip().splitlines()[-1])
        assert (what if what == "probes" else "redial_first_5") in payload
    probes = json.loads((tmp_path / "EVAL.json").read_text())["probes"]
    assert probes["probes"] >= 50 and probes["violations"] == 0 and probes["films_shown"] > 200
    redial = payload["redial_first_5"]  # a limited run never takes the full split's place
    assert redial["samples"] > 0
    assert set(redial["stages"]) == {"dense", "hybrid", "learned", "blend"}  # no reranker
    text = report.read_text()
    assert (
        "## ReDial (conversational recommendation, test split, first 5 dialogues)" in text
        and "## Constraint probes" in text
        and "violations: 0" in text
    )
