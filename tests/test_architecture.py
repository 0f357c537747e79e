"""The structure guide/ promises (scripts/architecture.py measures it): no module of guide/ over the size limit,
no import cycle, no SQL outside the index layer, no private attribute of a library reached into."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

import architecture  # noqa: E402 -- scripts/ is not a package


def test_guide_modules_are_small() -> None:
    large = {p: n for p, n in architecture.report()["large_modules"].items() if p.startswith(("guide/", "webui/"))}
    assert large == {}


def test_no_import_cycles() -> None:
    assert architecture.report()["import_cycles"] == []


def test_sql_only_in_the_index_layer() -> None:
    assert architecture.report()["sql_outside_index_layer"] == []


def test_no_private_library_attributes() -> None:
    assert architecture.report()["private_library_attributes"] == []


def test_the_checks_can_fail(tmp_path, monkeypatch) -> None:
    """A module with SQL, a private attribute and a two-module cycle is caught."""
    pkg = tmp_path / "guide"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "a.py").write_text(
        "from guide import b\n\ndef f(db, store):\n    db.execute('SELECT 1')\n    return store._client\n"
    )
    (pkg / "b.py").write_text("def g():\n    from guide import a\n")
    monkeypatch.setattr(architecture, "ROOT", tmp_path)
    monkeypatch.setattr(architecture, "PACKAGES", ("guide",))
    monkeypatch.setattr(architecture, "TOP_MODULES", ())
    r = architecture.report()
    assert r["import_cycles"] == [["guide.a", "guide.b"]]
    assert r["sql_outside_index_layer"] == ["guide/a.py:4"]
    assert r["private_library_attributes"] == ["guide/a.py:5 ._client"]
