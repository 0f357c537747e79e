"""Structure figures of the project, as JSON: modules over the size limit, import cycles, SQL outside the index
layer, private attributes of libraries reached into.

    python scripts/architecture.py

- ``large_modules``: modules of guide/ (and the other packages) over ``MAX_LINES`` lines.
- ``import_cycles``: strongly connected components of the project's import graph, module-level and function-level
  imports alike (imports under ``if TYPE_CHECKING:`` are not run, so they do not count).
- ``sql_outside_index_layer``: calls of ``execute``/``executemany``/``executescript`` outside the index layer
  (``ingest/store.py``, ``ingest/reader.py`` and the embedding cache in ``ingest/embeddings.py``).
- ``private_library_attributes``: ``x._name`` where ``x`` is not ``self``/``cls`` and ``_name`` is not defined by the
  project (``vectorstore._collection``, ``store._client``).
tests/test_architecture.py holds each at its target.
"""

from __future__ import annotations

import ast
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("corpus", "ingest", "guide", "evals", "webui")
TOP_MODULES = ("settings", "app")
MAX_LINES = 400
INDEX_LAYER = {"ingest/store.py", "ingest/reader.py", "ingest/embeddings.py"}
SQL_CALLS = {"execute", "executemany", "executescript"}


def project_files() -> dict[str, Path]:
    """Module name -> file, for the project's own code (not tests, bench or scripts)."""
    out = {}
    for pkg in PACKAGES:
        for path in sorted((ROOT / pkg).rglob("*.py")):
            rel = path.relative_to(ROOT).with_suffix("")
            parts = list(rel.parts)
            if parts[-1] == "__init__":
                parts.pop()
            out[".".join(parts)] = path
    for mod in TOP_MODULES:
        out[mod] = ROOT / f"{mod}.py"
    return out


def _type_checking_nodes(tree: ast.AST) -> set[int]:
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for sub in node.body:
                skip.update(id(n) for n in ast.walk(sub))
    return skip


def imports_of(module: str, path: Path, known: set[str]) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _type_checking_nodes(tree)
    is_pkg = path.name == "__init__.py"
    out: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                pkg = module.split(".") if is_pkg else module.split(".")[:-1]
                pkg = pkg[: len(pkg) - node.level + 1] if node.level > 1 else pkg
                base = ".".join([*pkg, base] if base else pkg)
            names = [f"{base}.{a.name}" for a in node.names] + [base]
        for name in names:
            while name and name not in known:
                name = name.rpartition(".")[0]
            if name and name != module:
                out.add(name)
    return out


def import_cycles(files: dict[str, Path]) -> list[list[str]]:
    known = set(files)
    graph = {m: imports_of(m, p, known) for m, p in files.items()}
    # Tarjan's strongly connected components
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[list[str]] = []
    counter = [0]
    sys.setrecursionlimit(10_000)

    def visit(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return sorted(out)


def sql_outside_index_layer(files: dict[str, Path]) -> list[str]:
    out = []
    for path in files.values():
        rel = path.relative_to(ROOT).as_posix()
        if rel in INDEX_LAYER:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in SQL_CALLS:
                out.append(f"{rel}:{node.lineno}")
    return out


def private_library_attributes(files: dict[str, Path]) -> list[str]:
    own: set[str] = set()
    trees = {p: ast.parse(p.read_text(encoding="utf-8")) for p in files.values()}
    for tree in trees.values():  # every _name the project defines itself
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store) and node.attr.startswith("_"):
                own.add(node.attr)
            elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef) and node.name.startswith("_"):
                own.add(node.name)
            elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
                own.add(node.target.id)
            elif isinstance(node, ast.Assign):
                own.update(t.id for t in node.targets if isinstance(t, ast.Name))
    out = []
    for path, tree in trees.items():
        for node in ast.walk(tree):
            if not isinstance(node, ast.Attribute) or not node.attr.startswith("_") or node.attr.startswith("__"):
                continue
            if isinstance(node.value, ast.Name) and node.value.id in ("self", "cls"):
                continue
            if node.attr not in own:
                out.append(f"{path.relative_to(ROOT).as_posix()}:{node.lineno} .{node.attr}")
    return out


def large_modules(files: dict[str, Path]) -> dict[str, int]:
    sizes = {p.relative_to(ROOT).as_posix(): len(p.read_text(encoding="utf-8").splitlines()) for p in files.values()}
    return {p: n for p, n in sorted(sizes.items()) if n > MAX_LINES}


def report() -> dict:
    files = project_files()
    guide = [p for p in files.values() if p.relative_to(ROOT).parts[0] == "guide"]
    return {
        "modules": len(files),
        "guide_modules": len(guide),
        "guide_lines": sum(len(p.read_text(encoding="utf-8").splitlines()) for p in guide),
        "large_modules": large_modules(files),
        "import_cycles": import_cycles(files),
        "sql_outside_index_layer": sql_outside_index_layer(files),
        "private_library_attributes": private_library_attributes(files),
    }


if __name__ == "__main__":
    print(json.dumps(report(), indent=2))
