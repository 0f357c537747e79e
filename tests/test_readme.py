"""The README's claims hold: its two commands exist, CI runs the test one, and the JSON it documents is the JSON."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _table_keys(heading: str) -> set[str]:
    section = README[README.index(heading) :]
    section = section[: section.index("\n## ", 3)] if "\n## " in section[3:] else section
    keys: set[str] = set()
    for row in re.findall(r"^\| ([^|]+) \|", section, re.M):
        keys |= set(re.findall(r"`(\w+)`", row))
    return keys


def _citation_keys() -> set[str]:
    row = next(r for r in README.splitlines() if r.startswith("| `citations` |"))
    return {k.strip() for k in re.search(r"`\{([^}]+)\}`", row).group(1).split(",")}


def test_two_commands_and_ci():
    assert "make run" in README and "make test" in README
    makefile = (ROOT / "Makefile").read_text()
    assert re.search(r"^run: ", makefile, re.M) and re.search(r"^test: ", makefile, re.M)
    ci = (ROOT / ".ci" / "run").read_text()
    assert re.search(r"^make test$", ci, re.M)


def test_answer_json_fields_are_documented(fixture_index):
    from guide.answering import answer

    data = answer("where is rt0_go", index=fixture_index).to_json()
    assert set(data) == _table_keys("### Answers as JSON")
    assert set(data["citations"][0]) == _citation_keys()
    assert set(data["retrieved"][0]) == set(data["citations"][0]) | {"scores"}


def test_status_json_fields_are_documented(fixture_data_dir, monkeypatch):
    from ingest.cli import status
    from settings import get_settings

    monkeypatch.setenv("GOGUIDE_DATA_DIR", str(fixture_data_dir))
    monkeypatch.setenv("GOGUIDE_EMBEDDING__MODEL", "hash")
    get_settings.cache_clear()
    st = status(get_settings())
    documented = _table_keys("### Inspecting the index")
    assert set(st) <= documented
    assert {"repo", "tag", "commit", "upstream_ref", "files", "chunks", "unique_chunks"} == set(st["tags"][0])
    assert {"db", "vectors", "bytes", "total_bytes"} == set(st["index"])


def test_symbol_json_fields_are_documented(fixture_data_dir, monkeypatch, capsys):
    import json

    from ingest.cli import main
    from settings import get_settings

    monkeypatch.setenv("GOGUIDE_DATA_DIR", str(fixture_data_dir))
    get_settings.cache_clear()
    assert main(["symbol", "runtime·rt0_go", "--json"]) == 0
    defs = json.loads(capsys.readouterr().out)
    assert defs and set(defs[0]) == {"tag", "path", "start_line", "end_line", "symbol", "kind", "repo"}
    assert defs[0]["path"] == "src/runtime/asm_amd64.s" and defs[0]["symbol"] == "runtime.rt0_go"


def test_langchain_retriever_example_runs(fixture_data_dir, monkeypatch, capsys):
    """The README's LangChain example, executed as written, on the fixture index."""
    from settings import get_settings

    monkeypatch.setenv("GOGUIDE_DATA_DIR", str(fixture_data_dir))
    monkeypatch.setenv("GOGUIDE_EMBEDDING__MODEL", "hash")
    get_settings.cache_clear()
    section = README[README.index("### Retrieval in your own LangChain chain") :]
    code = re.search(r"```python\n(.*?)```", section, re.S).group(1)
    exec(compile(code, "README.md", "exec"), {})
    out = capsys.readouterr().out
    assert "go1.27.3 src/runtime/chan.go" in out and "runtime.hchan" in out
    assert "https://github.com/golang/go/blob/go1.27.3/src/runtime/chan.go#L25-L36" in out


def test_no_merge_conflict_markers_left_in_text_files():
    import subprocess

    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    marked = []
    for name in tracked:
        path = ROOT / name
        if (
            path.suffix not in {".py", ".md", ".toml", ".txt", ".cfg", ".css", ".yml", ".yaml", ""}
            or not path.is_file()
        ):
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        if re.search(r"^(<<<<<<< |>>>>>>> )", text, re.M):
            marked.append(name)
    assert marked == []
