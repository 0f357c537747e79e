"""The MCP server of the running app (``python app.py`` on loopback, fixture index), driven by the official MCP Python
client over streamable HTTP: the tools and their schemas, one call of each checked against the index and git, the
refusals, and the login (``GOGUIDE_AUTH``) required of MCP clients too. No timing assertions."""

from __future__ import annotations

import asyncio
import base64
import json
import re
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import httpx
import pytest
from mcp import ClientSession
from mcp.client.streamable_http import streamable_http_client

from tests.browser_support import ROOT, running_app

DESIGN = "design/24543-non-cooperative-preemption.md"
TOOLS = {"ask", "where", "compare", "timeline", "source"}
AUTH = ("ann", "s3cret")


@pytest.fixture(scope="module")
def mcp_url(fixture_data_dir: Path) -> Iterator[str]:
    with running_app(fixture_data_dir, ROOT / "artifacts" / "logs" / "mcp-app.log") as url:
        yield url + "/gradio_api/mcp/"


@pytest.fixture(scope="module")
def mcp_url_with_login(fixture_data_dir: Path) -> Iterator[str]:
    env = {"GOGUIDE_AUTH": ":".join(AUTH)}
    with running_app(fixture_data_dir, ROOT / "artifacts" / "logs" / "mcp-auth-app.log", env) as url:
        yield url + "/gradio_api/mcp/"


async def _session(url: str, auth: tuple[str, str] | None, work: Any) -> Any:
    async with (
        httpx.AsyncClient(auth=auth) as http,
        streamable_http_client(url, http_client=http) as (read, write, _),
        ClientSession(read, write) as session,
    ):
        await session.initialize()
        return await work(session)


def list_tools(url: str, auth: tuple[str, str] | None = None) -> dict[str, Any]:
    async def work(s: ClientSession) -> Any:
        return (await s.list_tools()).tools

    return {t.name: t for t in asyncio.run(_session(url, auth, work))}


def call(url: str, tool: str, auth: tuple[str, str] | None = None, **arguments: Any) -> tuple[bool, str]:
    """(is an error, the text) of one tool call."""

    async def work(s: ClientSession) -> Any:
        return await s.call_tool(tool, arguments)

    result = asyncio.run(_session(url, auth, work))
    assert len(result.content) == 1 and result.content[0].type == "text"
    return bool(result.isError), result.content[0].text


def ok(url: str, tool: str, **arguments: Any) -> Any:
    error, text = call(url, tool, **arguments)
    assert not error, text
    return json.loads(text)


def assert_cited(index: Any, c: dict[str, Any]) -> None:
    """A citation's lines are the file's lines at that release, in git, and its permalink names them."""
    lines = index.file_lines(c["version"], c["path"])
    assert lines is not None, c
    assert c["excerpt"] == "\n".join(lines[c["start_line"] - 1 : c["end_line"]])
    assert c["url"] == index.permalink(c["version"], c["path"], c["start_line"], c["end_line"])


# -- the tools as the client sees them -------------------------------------------------------------------------------
def test_tools_are_listed_with_typed_documented_parameters(mcp_url):
    tools = list_tools(mcp_url)
    assert set(tools) == TOOLS  # the page's own endpoints (chat, compare, status, open_source) are not tools
    expected = {
        "ask": ({"question": "string", "releases": "array", "llm": "string"}, ["question"]),
        "where": ({"symbol": "string", "release": "string"}, ["symbol"]),
        "compare": ({"subject": "string", "releases": "array"}, ["subject", "releases"]),
        "timeline": ({"symbol": "string"}, ["symbol"]),
        "source": (
            {"release": "string", "path": "string", "start_line": "integer", "end_line": "integer"},
            ["release", "path"],
        ),
    }
    for name, (params, required) in expected.items():
        schema = tools[name].inputSchema
        props = schema["properties"]
        assert set(props) == set(params), name
        for p, typ in params.items():
            types = [props[p].get("type")] + [alt.get("type") for alt in props[p].get("oneOf", [])]
            assert typ in types, (name, p, props[p])
            assert len(props[p].get("description", "")) > 20, (name, p)  # from the docstring's Args section
        assert schema.get("required") == required, name
        assert "JSON" in tools[name].description, name  # what it returns is said
    assert tools["compare"].inputSchema["properties"]["releases"]["items"] == {"type": "string"}
    assert tools["source"].inputSchema["properties"]["start_line"]["default"] == 1


# -- one call of each ------------------------------------------------------------------------------------------------
def test_ask_returns_the_answer_with_checked_citations(mcp_url, fixture_index):
    data = ok(mcp_url, "ask", question="does a channel take a lock?", releases=["go1.21.13"])
    assert {"text", "citations", "warnings", "route", "grounded", "versions", "llm"} <= set(data)
    assert "retrieved" not in data
    assert data["grounded"] and data["versions"] == ["go1.21.13"] and data["route"] == "retrieve"
    assert data["citations"] and "[1]" in data["text"]
    for c in data["citations"]:
        assert c["version"] == "go1.21.13"
        assert {"version", "path", "start_line", "end_line", "symbol", "url"} <= set(c)
        assert_cited(fixture_index, c)
    assert any(c["path"] == "src/runtime/chan.go" for c in data["citations"])


def test_ask_with_a_release_that_is_not_indexed_says_so(mcp_url):
    data = ok(mcp_url, "ask", question="does a channel take a lock?", releases=["go1.99.1"])
    assert data["route"] == "not-indexed"
    assert data["text"].startswith("go1.99.1 is not indexed") and "go1.27.3" in data["text"]


def test_where_is_the_cli_json(mcp_url, fixture_index):
    from guide.where import where, where_json

    defs = ok(mcp_url, "where", symbol="hchan")
    assert defs == where_json(where(fixture_index, "hchan"))  # the same JSON as `python -m guide where --json`
    assert [(d["version"], d["path"], d["start_line"], d["end_line"]) for d in defs] == [
        ("go1.21.13", "src/runtime/chan.go", 25, 36),
        ("go1.27.3", "src/runtime/chan.go", 25, 36),
    ]
    for d in defs:
        assert_cited(fixture_index, d)
    one = ok(mcp_url, "where", symbol="runtime·rt0_go", release="go1.27.3")
    assert [(d["version"], d["path"], d["symbol"]) for d in one] == [
        ("go1.27.3", "src/runtime/asm_amd64.s", "runtime.rt0_go")
    ]


def test_compare_two_and_more_releases(mcp_url, fixture_index):
    from guide.history.compare import compare

    comp = ok(mcp_url, "compare", subject="forcePreemptNS", releases=["go1.21.13", "go1.27.3"])
    assert comp == compare(fixture_index, "forcePreemptNS", "go1.21.13", "go1.27.3").to_json()
    assert (comp["left"]["version"], comp["right"]["version"]) == ("go1.21.13", "go1.27.3")
    assert comp["summary"][0]["change"] == "value_changed" and "20 * 1000" in comp["diff"]
    for c in comp["citations"]:
        assert_cited(fixture_index, c)
    several = ok(mcp_url, "compare", subject="forcePreemptNS", releases=["1.21", "go1.27.3", "go1.21.13"])
    assert [(c["v1"], c["v2"]) for c in several] == [("go1.21.13", "go1.27.3"), ("go1.27.3", "go1.21.13")]


def test_timeline(mcp_url, fixture_index):
    tl = ok(mcp_url, "timeline", symbol="forcePreemptNS")
    assert [(r["tag"], r["present"]) for r in tl["releases"]] == [("go1.21.13", True), ("go1.27.3", True)]
    changed = [e for e in tl["events"] if e["event"] == "changed"]
    assert len(changed) == 1 and changed[0]["tag"] == "go1.27.3" and "20 * 1000 * 1000" in changed[0]["text"]
    for c in tl["citations"]:
        assert_cited(fixture_index, c)


def test_source_reads_indexed_files(mcp_url, fixture_index):
    src = ok(mcp_url, "source", release="go1.27.3", path="src/runtime/chan.go", start_line=25, end_line=36)
    assert (src["version"], src["path"], src["start_line"], src["end_line"]) == (
        "go1.27.3",
        "src/runtime/chan.go",
        25,
        36,
    )
    assert src["excerpt"].startswith("type hchan struct {") and not src["cut"]
    assert src["lines_in_file"] == len(fixture_index.file_lines("go1.27.3", "src/runtime/chan.go"))
    assert_cited(fixture_index, src)
    whole = ok(mcp_url, "source", release="go1.21.13", path="src/runtime/chan.go")  # 1.. at most 400 lines
    assert whole["start_line"] == 1 and whole["end_line"] == whole["lines_in_file"]
    doc = ok(mcp_url, "source", release="design", path=DESIGN, start_line=1, end_line=3)
    assert doc["excerpt"].startswith("#") and doc["url"].startswith("https://github.com/golang/proposal/")
    clamped = ok(mcp_url, "source", release="go1.27.3", path="src/runtime/chan.go", start_line=10_000)
    assert clamped["start_line"] == clamped["end_line"] == clamped["lines_in_file"]


# -- refusals --------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("tool", "arguments", "says"),
    [
        ("where", {"symbol": "hchan", "release": "go1.99.1"}, ["go1.99.1 is not indexed", "go1.27.3"]),
        ("where", {"symbol": "nosuchsymbolanywhere"}, ["not defined in go1.21.13, go1.27.3", "use ask"]),
        ("where", {"symbol": "  "}, ["give a symbol"]),
        ("compare", {"subject": "hchan", "releases": ["go1.21.13", "go1.99.1"]}, ["1.99.1 is not indexed"]),
        ("compare", {"subject": "hchan", "releases": ["go1.27.3"]}, ["two or more releases", "go1.21.13"]),
        ("compare", {"subject": "zzqqxxnotathing", "releases": ["go1.21.13", "go1.27.3"]}, ["not defined"]),
        ("timeline", {"symbol": "zzqqxxnotathing"}, ["is not defined in go1.21.13, go1.27.3"]),
        ("source", {"release": "go1.27.3", "path": "../../etc/passwd"}, ["not in the index at go1.27.3"]),
        ("source", {"release": "go1.27.3", "path": "src/net/http/server.go"}, ["not in the index", "Indexed"]),
        ("source", {"release": "go1.99.1", "path": "src/runtime/chan.go"}, ["not in the index at go1.99.1"]),
        ("ask", {"question": "does a channel take a lock?", "llm": "nosuch:model"}, ["unknown model", "extractive"]),
    ],
)
def test_refusals_are_clear_messages(mcp_url, tool, arguments, says):
    error, text = call(mcp_url, tool, **arguments)
    assert error, text
    for s in says:
        assert s in text, (s, text)
    assert "Traceback" not in text and "root:" not in text


# -- the login ------------------------------------------------------------------------------------------------------
def _status(url: str, headers: dict[str, str]) -> tuple[int, dict[str, str]]:
    body = json.dumps({"jsonrpc": "2.0", "id": 1, "method": "tools/list"}).encode()
    req = urllib.request.Request(url, body, {"Content-Type": "application/json", **headers}, method="POST")
    req.add_header("Accept", "application/json, text/event-stream")
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, dict(r.headers)
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers)


def _leaves(e: BaseException) -> list[BaseException]:
    if isinstance(e, BaseExceptionGroup):
        return [x for sub in e.exceptions for x in _leaves(sub)]
    return [e]


def test_with_a_login_mcp_needs_it_too(mcp_url_with_login):
    url = mcp_url_with_login
    with pytest.raises(BaseException) as refused:  # the client raises an exception group
        list_tools(url)
    statuses = [x.response.status_code for x in _leaves(refused.value) if isinstance(x, httpx.HTTPStatusError)]
    assert statuses == [401], refused.value
    status, headers = _status(url, {})
    assert status == 401 and headers["www-authenticate"].startswith("Basic")
    wrong = base64.b64encode(b"ann:wrong").decode()
    assert _status(url, {"Authorization": f"Basic {wrong}"})[0] == 401
    assert _status(url, {"Authorization": "Bearer s3cret"})[0] == 401
    assert _status(url.rstrip("/") + "/sse", {})[0] == 401  # the older SSE transport too
    assert set(list_tools(url, AUTH)) == TOOLS
    error, text = call(url, "where", AUTH, symbol="hchan", release="go1.27.3")
    assert not error and json.loads(text)[0]["url"].endswith("/src/runtime/chan.go#L25-L36")


# -- the README's instructions ---------------------------------------------------------------------------------------
def test_readme_shows_the_served_url_and_the_tools(mcp_url):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## MCP: the guide in a coding agent") :]
    section = section[: section.index("\n## ")]
    table = {m.group(1) for m in re.finditer(r"^\| `(\w+)` \|", section, re.M)}
    assert table == set(list_tools(mcp_url)) == TOOLS
    snippets = [json.loads(block) for block in re.findall(r"```json\n(.*?)```", section, re.S)]
    assert len(snippets) == 2
    for snippet in snippets:
        url = snippet["mcpServers"]["go-internals"]["url"]
        assert urlparse(url).path == urlparse(mcp_url).path  # what the app really serves
        assert urlparse(url).netloc == "127.0.0.1:7860"  # app.py's defaults
    header = snippets[1]["mcpServers"]["go-internals"]["headers"]["Authorization"]
    assert base64.b64decode(header.removeprefix("Basic ")).decode() == ":".join(AUTH)
