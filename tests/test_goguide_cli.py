"""``goguide``, the one command: each subcommand is its module entry point (same output, same exit status), the
exit statuses documented in the README (0 ok, 1 nothing found, 2 usage or state error) hold for every entry point,
and the console script installed from pyproject.toml runs. All against the fixture index, in subprocesses."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from tests.browser_support import fixture_env

ROOT = Path(__file__).resolve().parents[1]


def _env(data_dir: Path, **extra: str) -> dict[str, str]:
    return fixture_env(data_dir, extra)


def run(data_dir: Path, *argv: str, module: str = "goguide_cli", **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", module, *argv],
        cwd=ROOT,
        env=_env(data_dir, **env),
        capture_output=True,
        text=True,
        timeout=300,
    )


def one_line_error(p: subprocess.CompletedProcess[str]) -> str:
    """The error a command printed: one line (or argparse's usage and error), never a traceback."""
    assert "Traceback" not in p.stderr, p.stderr
    lines = [ln for ln in p.stderr.splitlines() if ln.startswith("error: ") or ": error: " in ln]
    assert len(lines) == 1, p.stderr
    return lines[0]


# -- help ------------------------------------------------------------------------------------------------------------
def test_help_lists_every_command_with_examples(tmp_path):
    from goguide_cli import COMMANDS

    p = run(tmp_path, "--help")
    assert p.returncode == 0
    for name in ("sync", "index", "ask", "where", "compare", "timeline", "serve", "eval", "status"):
        assert re.search(rf"^  {name} +\S", p.stdout, re.M), name
    assert "examples:" in p.stdout and "goguide ask " in p.stdout and "exit status: 0 ok, 1 nothing found" in p.stdout
    assert set(COMMANDS) == {"sync", "index", "ask", "where", "compare", "timeline", "serve", "eval", "status"}
    bare = run(tmp_path)
    assert bare.returncode == 2 and "usage: goguide COMMAND" in bare.stderr
    unknown = run(tmp_path, "frobnicate")
    assert unknown.returncode == 2 and "unknown command 'frobnicate'" in unknown.stderr


@pytest.mark.parametrize(
    ("command", "usage"),
    [
        ("sync", "usage: python -m corpus sync"),
        ("index", "usage: python -m ingest build"),
        ("status", "usage: python -m ingest status"),
        ("ask", "usage: python -m guide ask"),
        ("where", "usage: python -m guide where"),
        ("compare", "usage: python -m guide compare"),
        ("timeline", "usage: python -m guide timeline"),
        ("serve", "usage: app.py"),
        ("eval", "usage: python -m evals"),
    ],
)
def test_command_help_shows_examples_then_the_entry_points_options(tmp_path, command, usage):
    p = run(tmp_path, command, "--help")
    assert p.returncode == 0, p.stderr
    head, _, rest = p.stdout.partition(usage)
    assert rest, p.stdout  # the entry point's own help, after goguide's
    assert head.startswith(f"goguide {command}: ") and f"\n  goguide {command}" in head  # with examples


# -- the same as the module entry points -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("goguide", "module", "argv"),
    [
        (["where", "hchan", "--json"], "guide", ["where", "hchan", "--json"]),
        (
            ["compare", "forcePreemptNS", "go1.21.13", "go1.27.3", "--json"],
            "guide",
            ["compare", "forcePreemptNS", "go1.21.13", "go1.27.3", "--json"],
        ),
        (["timeline", "forcePreemptNS", "--json"], "guide", ["timeline", "forcePreemptNS", "--json"]),
        (["status", "--json"], "ingest", ["status", "--json"]),
    ],
)
def test_same_output_as_the_module_entry_point(fixture_data_dir, goguide, module, argv):
    a = run(fixture_data_dir, *goguide)
    b = run(fixture_data_dir, *argv, module=module)
    assert a.returncode == b.returncode == 0, a.stderr + b.stderr
    assert json.loads(a.stdout) == json.loads(b.stdout)


# -- exit statuses ---------------------------------------------------------------------------------------------------
def test_found_is_0_nothing_found_is_1(fixture_data_dir):
    ask = run(fixture_data_dir, "ask", "does a channel take a lock?", "--json", "--version", "go1.21.13")
    data = json.loads(ask.stdout)
    assert ask.returncode == 0 and data["grounded"] and {c["version"] for c in data["citations"]} == {"go1.21.13"}
    nothing = run(fixture_data_dir, "ask", "xyzzy plugh qwzx", "--json")
    assert nothing.returncode == 1 and json.loads(nothing.stdout)["route"] == "not-found"
    where = run(fixture_data_dir, "where", "runtime·rt0_go", "--json")
    assert where.returncode == 0 and json.loads(where.stdout)[0]["path"] == "src/runtime/asm_amd64.s"
    missing = run(fixture_data_dir, "where", "nosuchsymbolanywhere", "--json")
    assert missing.returncode == 1 and json.loads(missing.stdout) == []
    several = run(fixture_data_dir, "compare", "forcePreemptNS", "1.21", "go1.27.3", "go1.21.13", "--json")
    pairs = [(c["v1"], c["v2"]) for c in json.loads(several.stdout)]
    assert several.returncode == 0 and pairs == [("go1.21.13", "go1.27.3"), ("go1.27.3", "go1.21.13")]
    for argv in (["compare", "zzqqxxnotathing", "go1.21.13", "go1.27.3"], ["timeline", "zzqqxxnotathing"]):
        p = run(fixture_data_dir, *argv)
        assert p.returncode == 1 and "not defined" in p.stdout, p.stdout + p.stderr
    timeline = run(fixture_data_dir, "timeline", "forcePreemptNS")
    assert timeline.returncode == 0 and "go1.27.3" in timeline.stdout


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (["where", "hchan", "--version", "go1.99.1"], "go1.99.1 is not indexed; indexed: go1.21.13, go1.27.3"),
        (["compare", "hchan", "go1.21.13", "go1.99.1"], "1.99.1 is not indexed"),
        (["compare", "hchan", "go1.21.13"], "compare needs two or more releases"),
        (["ask", "does a channel take a lock?", "--llm", "nosuch:model"], "unknown model 'nosuch:model'"),
        (["ask"], "the following arguments are required: question"),
        (["where", "hchan", "--frobnicate"], "unrecognized arguments: --frobnicate"),
        (["index", "--bogus"], "unrecognized arguments: --bogus"),
        (["sync", "--corpus", "/nonexistent/corpus.toml"], "corpus file /nonexistent/corpus.toml not found"),
        (["eval", "run", "--facts", "/nonexistent/facts.jsonl"], "/nonexistent/facts.jsonl"),
    ],
)
def test_usage_errors_are_2_with_one_line(fixture_data_dir, argv, says):
    p = run(fixture_data_dir, *argv)
    assert p.returncode == 2, (p.returncode, p.stdout, p.stderr)
    assert says in one_line_error(p)


def test_ask_usage_errors_are_2_with_the_answer_saying_why(fixture_data_dir):
    empty = run(fixture_data_dir, "ask", "  ", "--json")
    assert empty.returncode == 2 and json.loads(empty.stdout)["route"] == "empty"
    unknown = run(fixture_data_dir, "ask", "does a channel take a lock?", "--version", "go1.99.1", "--json")
    data = json.loads(unknown.stdout)
    assert unknown.returncode == 2 and data["route"] == "not-indexed" and "go1.99.1 is not indexed" in data["text"]


def test_state_errors_are_2_with_one_line_naming_the_fix(tmp_path):
    empty = tmp_path / "data"
    for argv in (["status"], ["status", "--json"], ["where", "hchan"], ["ask", "what is hchan?"], ["timeline", "x"]):
        p = run(empty, *argv)
        assert p.returncode == 2, (argv, p.stderr)
        assert "no index at" in one_line_error(p) and "python -m ingest" in p.stderr
    index = run(empty, "index")
    assert index.returncode == 2 and "run `python -m corpus sync` first" in one_line_error(index)
    serve = run(empty, "serve", "--port", "1", GOGUIDE_AUTH="nopassword")
    assert serve.returncode == 2 and "GOGUIDE_AUTH must be user:password" in one_line_error(serve)
    bad = run(empty, "where", "hchan", GOGUIDE_EMBEDDING__MAX_TOKENS="7")
    assert bad.returncode == 2 and "max_tokens" in one_line_error(bad).lower()


def test_serve_on_a_port_in_use_is_2_with_one_line(fixture_data_dir):
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = str(taken.getsockname()[1])
        p = run(fixture_data_dir, "serve", "--port", port, "--no-embed", "--no-warm-up")
    assert p.returncode == 2
    assert f"cannot serve on 127.0.0.1:{port}" in one_line_error(p) and "another --port" in p.stderr


# -- the console script ----------------------------------------------------------------------------------------------
def test_the_installed_console_script(fixture_data_dir, tmp_path):
    """pyproject.toml's ``[project.scripts]`` installed by pip (into a target directory, so the venv is left alone)
    runs the same command."""
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["scripts"]
    assert scripts == {"goguide": "goguide_cli:main"}
    src = tmp_path / "src"
    src.mkdir()
    for name in ("pyproject.toml", "settings.py", "app.py", "goguide_cli.py"):
        shutil.copy2(ROOT / name, src / name)
    for package in ("corpus", "ingest", "guide", "evals", "webui"):
        shutil.copytree(ROOT / package, src / package, ignore=shutil.ignore_patterns("__pycache__"))
    site = tmp_path / "site"
    pip = [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--no-build-isolation", "--no-index"]
    subprocess.run([*pip, "--target", str(site), str(src)], check=True, capture_output=True, timeout=300)
    script = site / "bin" / "goguide"
    env = _env(fixture_data_dir, PYTHONPATH=str(site))
    p = subprocess.run(
        [str(script), "where", "hchan", "--version", "go1.27.3", "--json"],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert p.returncode == 0, p.stderr
    assert json.loads(p.stdout)[0]["url"].endswith("go1.27.3/src/runtime/chan.go#L25-L36")
    assert (site / "goguide_cli.py").exists()
    missing = subprocess.run(
        [str(script), "where", "nosuchsymbolanywhere"], cwd=tmp_path, env=env, capture_output=True, timeout=300
    )
    assert missing.returncode == 1


def test_readme_documents_every_command_and_exit_status():
    from goguide_cli import COMMANDS

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## One command: `goguide`") :]
    section = section[: section.index("\n## ")]
    rows = dict(re.findall(r"^\| `goguide (\w+)` \| `([^`]+)` \|", section, re.M))
    assert rows == {name: c.same_as for name, c in COMMANDS.items()}
    assert re.findall(r"^\| ([012]) \|", section, re.M) == ["0", "1", "2"]
    assert "goguide sync" in readme[: readme.index("## One command")]  # the quick start uses it


def test_a_reader_that_stops_reading_ends_the_command_quietly(capsys, monkeypatch) -> None:
    """`goguide ask ... | head`: when the reader goes away the command ends as a Unix tool does on SIGPIPE (status
    141), with no "error: unexpected BrokenPipeError" and no second error when Python flushes stdout at exit."""
    import os

    from ingest.errors import BROKEN_PIPE_EXIT, run_main

    read, write = os.pipe()
    saved = os.dup(1)
    try:

        def body() -> int:
            raise BrokenPipeError(32, "Broken pipe")

        os.dup2(write, 1)
        assert run_main(body, verbose=False) == BROKEN_PIPE_EXIT == 141
    finally:
        os.dup2(saved, 1)
        for fd in (read, write, saved):
            os.close(fd)
    assert "error" not in capsys.readouterr().err
