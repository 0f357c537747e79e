"""Markdown and HTML section chunkers."""

from __future__ import annotations

from ingest.chunkers import chunk_file
from tests.test_chunk_go import check_lines

MD = """\
Preamble text.

# Proposal: Non-cooperative preemption

Author: someone

## Background

```go
# not a heading
func f() {}
```

### Details
text

Setext heading
--------------

tail
"""


def test_markdown_sections() -> None:
    path = "design/24543-non-cooperative-preemption.md"
    cs = chunk_file(path, MD.encode())
    check_lines(MD.encode(), cs)
    got = [(c.symbol, c.start_line, c.end_line) for c in cs]
    assert got == [
        (f"{path}#24543-non-cooperative-preemption.md", 1, 1),
        (f"{path}#Proposal: Non-cooperative preemption", 3, 5),
        (f"{path}#Proposal: Non-cooperative preemption > Background", 7, 12),
        (f"{path}#Proposal: Non-cooperative preemption > Background > Details", 14, 15),
        (f"{path}#Proposal: Non-cooperative preemption > Setext heading", 17, 20),
    ]
    assert all(c.kind == "section" and c.symbols[0].package == "" for c in cs)
    assert "# not a heading" in cs[2].text


def test_markdown_long_section_split() -> None:
    paras = "\n\n".join(f"Paragraph {i} line one.\nline two.\nline three." for i in range(60))
    src = f"# Title\n\n## Long\n\n{paras}\n"
    cs = chunk_file("src/runtime/HACKING.md", src.encode())
    check_lines(src.encode(), cs)
    long = [c for c in cs if c.symbol.endswith("Title > Long")]
    assert len(long) >= 2 and [c.part for c in long] == list(range(1, len(long) + 1))
    assert long[0].start_line == 3 and long[0].symbols and not long[1].symbols
    assert all(c.header.startswith("# Title\n## Long\n(part ") for c in long)
    assert all(c.text.startswith("Paragraph") for c in long[1:])
    assert long[0].symbols[0].end_line == long[-1].end_line


HTML = """\
<!--{
	"Title": "The Go Programming Language Specification"
}-->

<h2 id="Introduction">Introduction</h2>

<p>
This is the spec &amp; more.
</p>

<h3 id="Struct_types">Struct <code>types</code> &lt;T&gt;</h3>
<pre>
<h2>not a heading</h2>
</pre>
<h4 id="x">Deep</h4>
body
<h2 id="Types">Types</h2>
end
"""


def test_html_sections() -> None:
    path = "doc/go_spec.html"
    cs = chunk_file(path, HTML.encode())
    check_lines(HTML.encode(), cs)
    got = [(c.symbol, c.start_line, c.end_line) for c in cs]
    assert got == [
        (f"{path}#go_spec.html", 1, 3),
        (f"{path}#Introduction", 5, 9),
        (f"{path}#Introduction > Struct types <T>", 11, 14),
        (f"{path}#Introduction > Struct types <T> > Deep", 15, 16),
        (f"{path}#Types", 17, 18),
    ]
    assert cs[2].symbols[0].name == "Struct types <T>"


def test_a_list_of_references_is_known_by_its_heading() -> None:
    from ingest.chunk_docs import is_references

    assert is_references("section", "design/12800-sweep-free-alloc.md#Proposal: Dense mark bits > References")
    assert is_references("section", "design/x.md#Title > Further reading")
    assert not is_references("section", "design/x.md#Title > References to the heap are tracked")
    assert not is_references("section", "design/x.md#Title > Detailed design")
    assert not is_references("func", "runtime.References")
