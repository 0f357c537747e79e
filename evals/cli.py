"""``python -m evals``: run | verify | thresholds | cite | fill | baseline | needles (generate | run)."""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from evals.facts import FactsError, load_facts

if TYPE_CHECKING:
    from guide.index import GuideIndex

DEFAULT_FACTS = Path(__file__).resolve().parent / "facts"
DEFAULT_NEEDLES = Path(__file__).resolve().parent / "needles" / "default.jsonl"


def _index(data_dir: Path | None) -> GuideIndex:
    from guide.index import open_index

    return open_index(data_dir=data_dir)


def cmd_run(a: argparse.Namespace) -> int:
    from evals.report import text_table
    from evals.run import run_eval, select_items

    items = select_items(load_facts(a.facts), a.versions)
    if not items:
        print("no items to run (check --facts / --versions)", file=sys.stderr)
        return 2
    index = _index(a.data_dir)
    baseline = None
    if a.baseline:
        from evals.baseline import open_baseline

        print("opening the baseline (built on first use; see evals/baseline.py)", flush=True)
        baseline = open_baseline(index)
    out = a.out or Path("artifacts/evals") / time.strftime("%Y%m%d-%H%M%S")
    meta = {"facts": str(a.facts), "llm": a.llm or index.settings.llm, "versions": a.versions}
    res = run_eval(
        items, index=index, llm=a.llm, k=a.k, baseline=baseline, out_dir=out,
        progress=None if a.quiet else (lambda s: print(s, flush=True)), meta=meta,
    )  # fmt: skip
    print()
    print(text_table(res.summary))
    print(f"\nwritten: {out}/summary.json, items.jsonl, report.md, chart.png")
    return 0


def cmd_verify(a: argparse.Namespace) -> int:
    from evals.verify import verify_items

    items = load_facts(a.facts)
    checks = verify_items(_index(a.data_dir), items)
    bad = [c for c in checks if not c.ok]
    for c in bad:
        for p in c.problems:
            print(f"{c.item.source}: {c.item.id}: {p}")
    n_cit = sum(len(c.item.expect_citations) for c in checks)
    print(f"{len(checks) - len(bad)}/{len(checks)} items verified ({n_cit} expected citations)")
    return 1 if bad else 0


def cmd_thresholds(a: argparse.Namespace) -> int:
    from evals.score import check_targets

    summary = json.loads(Path(a.summary).read_text())
    missed = check_targets(summary)
    for m in missed:
        print(f"MISSED {m}")
    if not missed:
        print("all targets met")
    return 1 if missed else 0


def cmd_cite(a: argparse.Namespace) -> int:
    from evals.verify import cite

    print(json.dumps(cite(_index(a.data_dir), a.symbol, a.tag, a.path), ensure_ascii=False))
    return 0


def cmd_fill(a: argparse.Namespace) -> int:
    from evals.facts import dump_item
    from evals.verify import fill_items

    items = fill_items(_index(a.data_dir), Path(a.draft).read_text(encoding="utf-8").splitlines(), a.draft)
    text = "".join(dump_item(it) + "\n" for it in items)
    if a.out:
        Path(a.out).write_text(text, encoding="utf-8")
        print(f"{len(items)} items written to {a.out}")
    else:
        sys.stdout.write(text)
    return 0


def cmd_baseline(a: argparse.Namespace) -> int:
    from evals.baseline import open_baseline

    b = open_baseline(_index(a.data_dir), build=True)
    print(json.dumps(b.manifest, indent=2))
    return 0


def cmd_needles_generate(a: argparse.Namespace) -> int:
    from evals.needles import command_line, generate_needles, render, write_needles

    index = _index(a.data_dir)
    items, stats = generate_needles(index, seed=a.seed, per_release=a.per_release, tags=a.tags)
    text = render(items, stats, index, command_line(a.seed, a.per_release, a.tags))
    for tag, st in stats.items():
        print(
            f"{tag}: {st['candidates']} candidates, sampled {st['sampled']}; skipped {st['skipped']}", file=sys.stderr
        )
    if str(a.out) == "-":
        sys.stdout.write(text)
    else:
        write_needles(a.out, text)
        print(f"{len(items)} items written to {a.out}", file=sys.stderr)
    return 0


def cmd_needles_run(a: argparse.Namespace) -> int:
    from evals.needles import MODES
    from evals.needles_run import run_needles, spread, write_outputs

    modes = tuple(a.modes or MODES)
    bad = [m for m in modes if m not in MODES]
    if bad:
        print(f"error: unknown mode(s) {bad} (choose from {list(MODES)})", file=sys.stderr)
        return 2
    items = spread(load_facts(a.needles), a.limit)
    index = _index(a.data_dir)
    out = a.out or Path("artifacts/needles") / time.strftime("%Y%m%d-%H%M%S")
    say = None if a.quiet else (lambda s: print(s, file=sys.stderr, flush=True))
    if say:
        say(f"{len(items)} items x {len(modes)} modes ({', '.join(modes)}), k={a.k}")
    meta = {"needles": str(a.needles), "limit": a.limit}
    summary, results = run_needles(items, index, modes=modes, k=a.k, progress=say, meta=meta)
    if "dense" in modes and summary["run"]["vectors"]["chunks_to_embed"] and say:
        say(f"WARNING: {summary['run']['vectors']['chunks_to_embed']} chunks not embedded yet: dense is partial")
    write_outputs(summary, results, out)
    print(json.dumps(summary, indent=2, ensure_ascii=False))
    if say:
        say(f"written: {out}/summary.json, items.jsonl, report.md")
    return 0


def _needles_parser(sub: Any) -> None:  # argparse sub-parsers (their type is private to argparse)
    from evals.needles import DEFAULT_PER_RELEASE, DEFAULT_SEED, MODES

    n = sub.add_parser("needles", help="generated needle items (masked doc comments): generate | run")
    nsub = n.add_subparsers(dest="needles_cmd", required=True)
    g = nsub.add_parser("generate", help="sample documented declarations, mask their names, write fact items")
    g.add_argument("--seed", type=int, default=DEFAULT_SEED)
    g.add_argument("--per-release", type=int, default=DEFAULT_PER_RELEASE, help="items per indexed Go release")
    g.add_argument("--tags", nargs="+", default=None, help="releases to sample (default: every indexed one)")
    g.add_argument("--out", type=Path, default=DEFAULT_NEEDLES, help="output .jsonl ('-' for stdout)")
    g.set_defaults(fn=cmd_needles_generate)
    r = nsub.add_parser("run", help="retrieval only: hit@1/5/10 and MRR per mode (lexical, dense, hybrid)")
    r.add_argument("--needles", type=Path, default=DEFAULT_NEEDLES, help="a needle (or any fact) .jsonl file")
    r.add_argument("--k", type=int, default=10)
    r.add_argument("--modes", nargs="+", default=None, help=f"subset of {' '.join(MODES)} (default: all)")
    r.add_argument("--limit", type=int, default=None, help="only N items, evenly spread over the file")
    r.add_argument("--out", type=Path, default=None, help="output dir (default artifacts/needles/<timestamp>)")
    r.add_argument("-q", "--quiet", action="store_true", help="no progress on stderr")
    r.set_defaults(fn=cmd_needles_run)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m evals", description=__doc__)
    p.add_argument("-v", "--verbose", action="store_true")
    p.add_argument("--data-dir", type=Path, default=None, help="index data directory (default: settings)")
    sub = p.add_subparsers(dest="cmd", required=True)

    r = sub.add_parser("run", help="answer and score every item; write JSON, Markdown and a PNG chart")
    r.add_argument("--facts", type=Path, default=DEFAULT_FACTS, help="a .jsonl file or a directory of them")
    r.add_argument("--versions", nargs="+", default=None, help="only items whose versions are all among these")
    r.add_argument("--llm", default=None, help="answering model (default: the llm setting; 'extractive')")
    r.add_argument("--k", type=int, default=5, help="sources per answer")
    r.add_argument("--out", type=Path, default=None, help="output dir (default artifacts/evals/<timestamp>)")
    r.add_argument("--baseline", action=argparse.BooleanOptionalAction, default=True,
                   help="also score the naive LangChain baseline's retrieval (built once, persisted)")  # fmt: skip
    r.add_argument("-q", "--quiet", action="store_true")
    r.set_defaults(fn=cmd_run)

    v = sub.add_parser("verify", help="check every expected citation against git and the symbol table")
    v.add_argument("--facts", type=Path, default=DEFAULT_FACTS)
    v.set_defaults(fn=cmd_verify)

    t = sub.add_parser("thresholds", help="exit non-zero when a summary misses a target")
    t.add_argument("--summary", type=Path, required=True)
    t.set_defaults(fn=cmd_thresholds)

    c = sub.add_parser("cite", help="print the expected-citation entry of a symbol (lines from the symbol table)")
    c.add_argument("symbol")
    c.add_argument("--tag", required=True)
    c.add_argument("--path", default=None)
    c.set_defaults(fn=cmd_cite)

    f = sub.add_parser("fill", help="complete a draft fact file: citations without lines get them from `cite`")
    f.add_argument("draft")
    f.add_argument("--out", default=None)
    f.set_defaults(fn=cmd_fill)

    b = sub.add_parser("baseline", help="build (if missing) the naive baseline's vector store")
    b.set_defaults(fn=cmd_baseline)

    _needles_parser(sub)

    a = p.parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if a.verbose else logging.WARNING, format="%(levelname)s %(message)s")

    def body() -> int:
        try:
            return int(a.fn(a))
        except FactsError as e:
            print(f"error: {e}", file=sys.stderr)
            return 2

    from ingest.errors import run_main

    return run_main(body, verbose=a.verbose, data_dir=lambda: a.data_dir)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
