"""Damaged and missing state, made on purpose: a complete fixture data dir (repositories, sync manifest, index,
vectors, embedding cache) that ``python -m ingest`` can rebuild, and the ways to break it.

Used by tests/test_damage.py (in process, every entry point) and scripts/probe_damage.py (subprocesses, for the
before/after figures of a report). Nothing here touches the network.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from corpus.definition import load_corpus
from corpus.manifest import Manifest, RepoEntry, TagEntry, write_manifest


def write_fixture_manifest(data: Path, go_commits: dict[str, str], prop_sha: str | None) -> None:
    """The sync manifest of the fixture repositories under ``data/repos`` (what `corpus sync` would write)."""
    corpus = load_corpus("default")
    repos = {
        "go": RepoEntry(
            path=str(data / "repos" / "go.git"),
            source="dist",
            definition=corpus.repo("go"),
            tags={t: TagEntry(commit=c, upstream_ref=t, origin="fixture") for t, c in go_commits.items()},
        )
    }
    if prop_sha is not None:
        repos["proposal"] = RepoEntry(
            path=str(data / "repos" / "proposal.git"),
            source="dist",
            definition=corpus.repo("proposal"),
            tags={"design": TagEntry(commit=prop_sha, upstream_ref="f6e2e6b7", origin="fixture")},
        )
    write_manifest(data / "corpus.json", Manifest(corpus="default", repos=repos))


def make_synced(data: Path, *, design: bool = True) -> Path:
    """A data dir as `python -m corpus sync` leaves it for the fixture repositories (no index yet)."""
    from tests.fixture_repo import make_go_repo, make_proposal_repo

    _, commits = make_go_repo(data / "repos" / "go.git")
    sha = make_proposal_repo(data / "repos" / "proposal.git")[1] if design else None
    write_fixture_manifest(data, commits, sha)
    return data


def env_for(data: Path) -> dict[str, str]:
    """Environment of a subprocess working on ``data`` with the hash embedder."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GOGUIDE_")}
    env.update(
        GOGUIDE_DATA_DIR=str(data),
        GOGUIDE_EMBEDDING__MODEL="hash",
        GOGUIDE_CONFIG=str(data / "absent.toml"),
        HF_HUB_OFFLINE="1",
        ANONYMIZED_TELEMETRY="False",
        PYTHONDONTWRITEBYTECODE="1",
    )
    return env


def copy_data(clean: Path, dest: Path) -> Path:
    """A copy of a data dir whose manifest names the copy's repositories."""
    shutil.copytree(clean, dest, symlinks=True)
    m = json.loads((dest / "corpus.json").read_text())
    for repo in m["repos"].values():
        repo["path"] = repo["path"].replace(str(clean), str(dest))
    (dest / "corpus.json").write_text(json.dumps(m))
    return dest


def use(d: Path, monkeypatch: Any) -> None:
    """Point the settings at ``d`` (hash embedder) for the rest of a test."""
    from settings import get_settings

    for k, v in env_for(d).items():
        monkeypatch.setenv(k, v)
    get_settings.cache_clear()


# -- the index as data, to compare a recovered index with a clean build ---------------------------------------------
def index_digest(db: Path) -> dict[str, object]:
    """What a build must reproduce: chunk ids (with duplicates counted), tag listings, symbols and lexical rows."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        ids = [r[0] for r in conn.execute("SELECT id FROM chunks ORDER BY id")]
        return {
            "chunk_ids": ids,
            "tags": sorted(conn.execute("SELECT repo, tag FROM tags WHERE listed=1")),
            "files": conn.execute("SELECT COUNT(*) FROM files").fetchone()[0],
            "symbols": conn.execute("SELECT COUNT(*) FROM symbols").fetchone()[0],
            "fts": conn.execute("SELECT COUNT(*) FROM fts").fetchone()[0],
            "pending": conn.execute(
                "SELECT COUNT(*) FROM files f LEFT JOIN blobs b ON b.repo=f.repo AND b.path=f.path "
                "AND b.blob=f.blob WHERE b.blob IS NULL"
            ).fetchone()[0],
            "to_embed": conn.execute("SELECT COUNT(*) FROM chunks WHERE embedded=0 AND generated=0").fetchone()[0],
        }
    finally:
        conn.close()


def compare_digests(clean: dict[str, object], got: dict[str, object]) -> dict[str, int]:
    """Lost and duplicated chunks (and other differences) of ``got`` against ``clean``."""
    want = clean["chunk_ids"]
    have = got["chunk_ids"]
    assert isinstance(want, list) and isinstance(have, list)
    lost = len(set(want) - set(have))
    extra = len(set(have) - set(want))
    duplicated = len(have) - len(set(have))
    return {
        "lost": lost,
        "extra": extra,
        "duplicated": duplicated,
        "other_differences": sum(clean[k] != got[k] for k in ("tags", "files", "symbols", "fts", "pending")),
    }


# -- damage ---------------------------------------------------------------------------------------------------------
def _index_files(data: Path) -> list[Path]:
    return [data / n for n in ("index.sqlite", "index.sqlite-wal", "index.sqlite-shm")]


def checkpoint(data: Path) -> None:
    """Fold the WAL into index.sqlite (so damaging the main file damages the data)."""
    db = data / "index.sqlite"
    if db.exists():
        conn = sqlite3.connect(db)
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.close()


def garble_header(data: Path) -> None:
    checkpoint(data)
    db = data / "index.sqlite"
    with db.open("r+b") as f:
        f.write(b"\xa5" * 100)


def truncate_half(data: Path) -> None:
    checkpoint(data)
    db = data / "index.sqlite"
    with db.open("r+b") as f:
        f.truncate(db.stat().st_size // 2)


def garble_middle(data: Path) -> None:
    """Pages in the middle overwritten (the header is intact: only a quick_check sees it)."""
    checkpoint(data)
    db = data / "index.sqlite"
    size = db.stat().st_size
    with db.open("r+b") as f:
        f.seek(size // 3)
        f.write(b"\x5a" * min(16384, size // 4))


def delete_index(data: Path) -> None:
    for p in _index_files(data):
        p.unlink(missing_ok=True)


def delete_repos(data: Path) -> None:
    shutil.rmtree(data / "repos")


def delete_chroma(data: Path) -> None:
    shutil.rmtree(data / "chroma")


def garble_chroma(data: Path) -> None:
    """Every file of the Chroma directory overwritten with junk of the same size."""
    for p in sorted((data / "chroma").rglob("*")):
        if p.is_file():
            size = p.stat().st_size
            p.write_bytes(b"\x5a" * max(size, 64))


def garble_embeddings(data: Path) -> None:
    cache = data / "embeddings.sqlite"
    if cache.exists():
        conn = sqlite3.connect(cache)
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.close()
    for p in (cache.with_name("embeddings.sqlite-wal"), cache.with_name("embeddings.sqlite-shm")):
        p.unlink(missing_ok=True)
    cache.write_bytes(b"\x5a" * 8192)


def delete_manifest(data: Path) -> None:
    (data / "corpus.json").unlink()


def drop_shm(data: Path) -> None:
    checkpoint(data)
    for p in (data / "index.sqlite-wal", data / "index.sqlite-shm"):
        p.unlink(missing_ok=True)


DAMAGES: dict[str, Callable[[Path], None]] = {
    "index header garbled": garble_header,
    "index truncated to half": truncate_half,
    "index pages garbled": garble_middle,
    "index deleted": delete_index,
    "repos deleted": delete_repos,
    "chroma deleted": delete_chroma,
    "chroma garbled": garble_chroma,
    "embedding cache garbled": garble_embeddings,
    "manifest deleted": delete_manifest,
}


# -- read-only and full disks (mounts; root only) --------------------------------------------------------------------
def can_mount() -> bool:
    if os.geteuid() != 0 or not shutil.which("mount"):
        return False
    probe = Path("/tmp") / f"goguide-mount-probe-{os.getpid()}"
    probe.mkdir(exist_ok=True)
    try:
        ok = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(probe)], capture_output=True)
        if ok.returncode != 0:
            return False
        subprocess.run(["umount", str(probe)], capture_output=True)
        return True
    finally:
        with contextlib.suppress(OSError):
            probe.rmdir()


def unmount(where: Path) -> None:
    """Unmount (lazily when files are still open there: the mount goes once they are closed)."""
    with contextlib.suppress(Exception):
        from ingest.errors import forget_chroma_clients

        forget_chroma_clients()
    if subprocess.run(["umount", str(where)], capture_output=True).returncode != 0:
        subprocess.run(["umount", "-l", str(where)], capture_output=True)


@contextlib.contextmanager
def read_only(data: Path) -> Iterator[Path]:
    """``data`` bind-mounted read-only at a new path (root ignores permission bits, so a mount it is)."""
    target = data.parent / (data.name + "-ro")
    target.mkdir(exist_ok=True)
    subprocess.run(["mount", "--bind", str(data), str(target)], check=True)
    try:
        subprocess.run(["mount", "-o", "remount,bind,ro", str(target)], check=True)
        yield target
    finally:
        unmount(target)
        with contextlib.suppress(OSError):
            target.rmdir()


@contextlib.contextmanager
def small_disk(where: Path, size: str = "1m") -> Iterator[Path]:
    """A small tmpfs at ``where`` (fills up fast)."""
    where.mkdir(parents=True, exist_ok=True)
    subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)], check=True)
    try:
        yield where
    finally:
        unmount(where)


def fill(where: Path, leave: int = 0) -> None:
    """Fill the file system of ``where`` up to ``leave`` bytes free."""
    block = b"\0" * 65536
    with (where / "filler").open("wb") as f:
        try:
            while True:
                st = os.statvfs(where)
                free = st.f_bavail * st.f_frsize
                if free <= leave:
                    break
                f.write(block[: max(1, min(len(block), free - leave))])
                f.flush()
        except OSError as e:
            if e.errno != errno.ENOSPC:
                raise
