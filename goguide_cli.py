"""``goguide``: the guide's one command (a console script; ``python -m goguide_cli`` is the same).

Each subcommand is one of the module entry points, called with the remaining arguments, so options, output
(``--json`` included) and exit status are that entry point's: 0 ok, 1 nothing found (or, for ``eval``, a check that
failed), 2 a usage or state error, whose message names the fix. The module entry points keep working as they are.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass


def _corpus(*head: str) -> Callable[[list[str]], int]:
    def run(argv: list[str]) -> int:
        from corpus.cli import main

        return main([*head, *argv])

    return run


def _ingest(*head: str) -> Callable[[list[str]], int]:
    def run(argv: list[str]) -> int:
        from ingest.cli import main

        return main([*head, *argv])

    return run


def _guide(*head: str) -> Callable[[list[str]], int]:
    def run(argv: list[str]) -> int:
        from guide.cli import main

        return main([*head, *argv])

    return run


def _evals(argv: list[str]) -> int:
    from evals.cli import main

    return main(argv)


def _serve(argv: list[str]) -> int:
    from app import main

    return main(argv)


@dataclass(frozen=True)
class Command:
    summary: str
    same_as: str
    examples: tuple[str, ...]
    run: Callable[[list[str]], int]


COMMANDS: dict[str, Command] = {
    "sync": Command(
        "fetch the corpus's Go releases (upstream git, or offline from the registries)",
        "python -m corpus sync",
        ("goguide sync", "goguide sync --corpus full", "goguide sync --tags go1.22.10 --source dist"),
        _corpus("sync"),
    ),
    "index": Command(
        "build or update the index (symbols, lexical index, vectors)",
        "python -m ingest",
        ("goguide index", "goguide index --no-embed", "goguide index --rebuild"),
        _ingest("build"),
    ),
    "status": Command(
        "what the index holds, and what is missing with its fix",
        "python -m ingest status",
        ("goguide status", "goguide status --json"),
        _ingest("status"),
    ),
    "ask": Command(
        "answer a question with citations to exact lines at exact releases",
        "python -m guide ask",
        (
            'goguide ask "does a channel take a lock?"',
            'goguide ask "how does escape analysis decide?" --version go1.21.13 --json',
            'goguide ask "where is rt0_go?" --llm openai:gpt-4o-mini',
        ),
        _guide("ask"),
    ),
    "where": Command(
        "where a symbol is defined, at every indexed release",
        "python -m guide where",
        ("goguide where hchan", "goguide where 'runtime·rt0_go' --version go1.27.3 --json"),
        _guide("where"),
    ),
    "compare": Command(
        "a symbol, file or topic between two or more releases",
        "python -m guide compare",
        (
            "goguide compare forcePreemptNS go1.21.13 go1.27.3",
            "goguide compare src/runtime/chan.go 1.21 1.27 --json",
        ),
        _guide("compare"),
    ),
    "timeline": Command(
        "a symbol across every indexed release",
        "python -m guide timeline",
        ("goguide timeline findRunnable", "goguide timeline hchan --json"),
        _guide("timeline"),
    ),
    "serve": Command(
        "the web chat, and the MCP server for coding agents at /gradio_api/mcp/",
        "python app.py",
        ("goguide serve", "GOGUIDE_AUTH=ann:s3cret goguide serve --host 0.0.0.0 --port 8080"),
        _serve,
    ),
    "eval": Command(
        "the evaluation: run, verify, thresholds, needles ...",
        "python -m evals",
        (
            "goguide eval verify --facts evals/facts",
            "goguide eval run --facts evals/facts --out artifacts/evals/latest",
            "goguide eval thresholds --summary artifacts/evals/latest/summary.json",
        ),
        _evals,
    ),
}

EXIT_CODES = (
    "exit status: 0 ok, 1 nothing found (eval: a check failed), 2 a usage or state error (the message names the fix)"
)


def usage() -> str:
    width = max(len(n) for n in COMMANDS)
    same = max(len(c.same_as) for c in COMMANDS.values())
    lines = [
        "usage: goguide COMMAND [ARGS ...]",
        "",
        "The Go Internals Reading Guide in one command. Each command is the module entry point it names, with the",
        "same options and output; --json where a program reads the output (ask, where, compare, timeline, status).",
        "",
        "commands:",
        *(f"  {name:<{width}}  {c.same_as:<{same}}  {c.summary}" for name, c in COMMANDS.items()),
        "",
        "examples:",
        "  goguide sync && goguide index --no-embed && goguide serve",
        '  goguide ask "does a channel take a lock?" --version go1.21.13',
        "  goguide where 'runtime·rt0_go' --json",
        "  goguide compare hchan go1.21.13 go1.27.3",
        "  goguide timeline findRunnable --json",
        "  goguide status --json",
        "",
        EXIT_CODES,
        "goguide COMMAND --help shows a command's options. Settings: GOGUIDE_* variables or goguide.toml (README).",
    ]
    return "\n".join(lines)


def command_help(name: str) -> str:
    c = COMMANDS[name]
    examples = "\n".join(f"  {e}" for e in c.examples)
    return f"goguide {name}: {c.summary} (= {c.same_as})\n\nexamples:\n{examples}\n\n{EXIT_CODES}\n"


def _asks_help(argv: list[str]) -> bool:
    head = argv[: argv.index("--")] if "--" in argv else argv
    return any(a in ("-h", "--help") for a in head)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv:
        print(usage(), file=sys.stderr)
        return 2
    name, rest = argv[0], argv[1:]
    if name in ("-h", "--help", "help"):
        if rest and rest[0] in COMMANDS:
            return main([rest[0], "--help"])
        print(usage())
        return 0
    if name == "--version":
        from importlib.metadata import PackageNotFoundError, version

        try:
            print(f"goguide {version('goguide')}")
        except PackageNotFoundError:
            print("goguide (not installed: run `pip install -e .`)")
        return 0
    command = COMMANDS.get(name)
    if command is None:
        print(f"goguide: unknown command {name!r}; commands: {', '.join(COMMANDS)} (goguide --help)", file=sys.stderr)
        return 2
    if _asks_help(rest):
        print(command_help(name))
        sys.stdout.flush()
    try:
        return command.run(rest)
    except SystemExit as e:  # argparse: --help (0) and usage errors (2); a message: a usage or state error
        if isinstance(e.code, str):
            print(e.code, file=sys.stderr)
            return 2
        return 0 if e.code is None else e.code


if __name__ == "__main__":
    sys.exit(main())
