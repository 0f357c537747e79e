"""The git source: a blobless partial clone of upstream holding only the configured tags and the blobs of the
configured paths.

For each tag: ``git fetch --depth=1 --filter=blob:none origin +refs/tags/T:refs/corpus-staging/T`` brings the commit
and its trees (no file contents); ``git ls-tree -r`` lists the paths, :meth:`RepoDef.matches` picks the corpus files,
``git rev-list --objects --missing=print`` tells which of their blobs are absent (without fetching them), and those
are fetched by id in batches (``git fetch --stdin`` with the blob ids, which is what git's own lazy fetch does, but
batched). Only then is the local tag created. Blobs outside the globs are never downloaded (reading one later would
lazily fetch it from the promisor remote ``origin``).

``--repo PATH`` (an existing local clone) uses the same code with ``file://PATH`` as the remote and an upload-pack
that allows filters and fetching by blob id, so the clone is read in place and never modified.
"""

from __future__ import annotations

import logging
import re
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from corpus.definition import RepoDef
from corpus.dist_build import BuiltTag, existing_tag
from corpus.errors import CorpusError, GitError, RemoteUnreachableError, UnknownTagError
from corpus.gitstore import STAGING_PREFIX, LocalRepo, git_env, raise_if_disk_full
from corpus.progress import NullProgress, Progress
from corpus.releases import closest_tags

log = logging.getLogger(__name__)

REMOTE = "origin"
BLOB_BATCH = 2000
LOCAL_UPLOAD_PACK = "git -c uploadpack.allowFilter=true -c uploadpack.allowAnySHA1InWant=true upload-pack"
NET_ENV = {"GIT_HTTP_LOW_SPEED_LIMIT": "1000", "GIT_HTTP_LOW_SPEED_TIME": "60"}


@dataclass(frozen=True)
class Remote:
    url: str
    upload_pack: str | None = None
    """Set for local clones (``--repo``): lets a plain local repository serve a partial clone."""

    @classmethod
    def local(cls, path: Path) -> Remote:
        p = Path(path).expanduser().resolve()
        if not p.exists():
            raise CorpusError(f"--repo {path}: no such directory; give the path of an existing clone of the Go repo")
        return cls(p.as_uri(), LOCAL_UPLOAD_PACK)

    def args(self) -> list[str]:
        return [f"--upload-pack={self.upload_pack}"] if self.upload_pack else []


def ls_remote(remote: Remote, timeout: float) -> dict[str, str]:
    """{ref name: commit} of the remote's tags and branches; raises :class:`RemoteUnreachableError`."""
    cmd = ["git", "ls-remote", *remote.args(), "--tags", "--heads", "--refs", remote.url]
    try:
        proc = subprocess.run(
            cmd, capture_output=True, text=True, timeout=timeout, env=git_env(NET_ENV), stdin=subprocess.DEVNULL
        )
    except subprocess.TimeoutExpired:
        raise RemoteUnreachableError(remote.url, f"no answer within {timeout:g}s") from None
    if proc.returncode != 0:
        lines = proc.stderr.strip().splitlines()
        detail = lines[-1].removeprefix("fatal: ") if lines else f"git exit {proc.returncode}"
        raise RemoteUnreachableError(remote.url, detail)
    refs: dict[str, str] = {}
    for line in proc.stdout.splitlines():
        sha, _, ref = line.partition("\t")
        refs[ref] = sha
    return refs


def remote_tags(refs: dict[str, str]) -> list[str]:
    return [r.removeprefix("refs/tags/") for r in refs if r.startswith("refs/tags/")]


class GitSource:
    """Syncs tags of one repository from ``remote`` into ``repo`` as a blobless partial clone."""

    def __init__(self, repo: LocalRepo, remote: Remote, refs: dict[str, str]) -> None:
        self.repo = repo
        self.remote = remote
        self.refs = refs
        self._configure()

    def _configure(self) -> None:
        r = self.repo
        r.run("config", "core.repositoryformatversion", "1")
        r.run("config", "extensions.partialClone", REMOTE)
        r.run("config", f"remote.{REMOTE}.url", self.remote.url)
        r.run("config", f"remote.{REMOTE}.promisor", "true")
        r.run("config", f"remote.{REMOTE}.partialclonefilter", "blob:none")
        if self.remote.upload_pack:
            r.run("config", f"remote.{REMOTE}.uploadpack", self.remote.upload_pack)
        else:
            r.run("config", "--unset-all", f"remote.{REMOTE}.uploadpack", check=False)

    def check_refs(self, tags: Iterable[str], upstream_ref: str | None) -> None:
        """Fail before fetching anything if a wanted ref is not upstream."""
        if upstream_ref is not None:
            if f"refs/heads/{upstream_ref}" not in self.refs and f"refs/tags/{upstream_ref}" not in self.refs:
                raise UnknownTagError(upstream_ref, f"no such branch or tag at {self.remote.url}")
            return
        available = remote_tags(self.refs)
        for tag in tags:
            if f"refs/tags/{tag}" not in self.refs and not self.repo.has_tag(tag):
                raise UnknownTagError(tag, f"no such tag at {self.remote.url}", closest_tags(tag, available))

    def _fetch(self, *args: str, input: bytes | None = None) -> None:
        proc = self.repo.run(
            "-c",
            "fetch.negotiationAlgorithm=noop",
            "fetch",
            *self.remote.args(),
            "--no-tags",
            "--no-write-fetch-head",
            "--recurse-submodules=no",
            *args,
            input=input,
            env=NET_ENV,
            check=False,
        )
        if proc.returncode != 0:
            err = proc.stderr.decode(errors="replace")
            raise_if_disk_full(err, self.repo.path)
            if "couldn't find remote ref" in err:
                raise UnknownTagError(args[-1].split(":")[0].removeprefix("+"), f"not found at {self.remote.url}")
            if re.search(r"unable to access|Could not resolve|Connection refused|timed out|Could not read", err):
                raise RemoteUnreachableError(self.remote.url, err.strip().splitlines()[-1])
            raise GitError(f"git fetch from {self.remote.url} failed: {err.strip()[-1500:]}")

    def _missing(self, ref: str) -> set[str]:
        out = self.repo.run("rev-list", "--objects", "--missing=print", ref).stdout.decode()
        return {line[1:].strip() for line in out.splitlines() if line.startswith("?")}

    def sync_tag(
        self, tag: str, repo_def: RepoDef, upstream_ref: str | None = None, progress: Progress | None = None
    ) -> BuiltTag:
        """Fetch ``tag`` (or, with ``upstream_ref``, that branch as local tag ``tag``) and its corpus blobs."""
        if done := existing_tag(self.repo, tag):
            return done
        progress = progress or NullProgress()
        before = self.repo.objects_size()
        staging = f"{STAGING_PREFIX}{tag}"
        src = (
            f"refs/heads/{upstream_ref}"
            if upstream_ref and f"refs/heads/{upstream_ref}" in self.refs
            else (f"refs/tags/{upstream_ref or tag}")
        )
        log.info("fetching %s (commit and trees, no blobs) from %s", src, self.remote.url)
        self._fetch("--depth=1", "--filter=blob:none", REMOTE, f"+{src}:{staging}")
        commit = self.repo.rev_parse(staging)
        if commit is None:
            raise GitError(f"fetching {src} gave no commit")
        listing = self.repo.run("ls-tree", "-r", "-z", "--full-tree", staging).stdout.decode("utf-8", "surrogateescape")
        wanted: dict[str, str] = {}
        for entry in listing.split("\0"):
            if not entry:
                continue
            meta, _, path = entry.partition("\t")
            _mode, typ, oid = meta.split()
            if typ == "blob" and repo_def.matches(path):
                wanted[oid] = path
        missing = sorted(self._missing(staging) & wanted.keys())
        log.info("%s: %d corpus files, %d blobs to fetch", tag, len(wanted), len(missing))
        progress.start(f"fetch {self.repo.path.name} {tag}", total=len(missing), unit="blob")
        try:
            for i in range(0, len(missing), BLOB_BATCH):
                batch = missing[i : i + BLOB_BATCH]
                self._fetch("--filter=blob:none", "--stdin", REMOTE, input="\n".join(batch).encode() + b"\n")
                progress.update(len(batch))
        finally:
            progress.close()
        still = self._missing(staging) & wanted.keys()
        if still:
            raise GitError(
                f"{len(still)} corpus blobs of {tag} are still missing after fetching them by id, e.g. "
                f"{wanted[next(iter(still))]}; does the server allow fetching blobs by id?"
            )
        sizes = self.repo.run("cat-file", "--batch-check=%(objectsize)", input="\n".join(wanted).encode() + b"\n")
        total = sum(int(x) for x in sizes.stdout.decode().split())
        downloaded = self.repo.objects_size() - before
        ref_for_links = commit if upstream_ref else tag
        built = BuiltTag(
            tag, commit, ref_for_links, f"git:{self.remote.url}", "git", len(wanted), total, downloaded=downloaded
        )
        self.repo.finish_tag(tag, commit, {**built.record(), "downloaded": downloaded})
        return built
