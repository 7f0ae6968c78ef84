"""Extraction accuracy on the hand-annotated gold sets: build each corpus, score it, print one table.

usage: python benchmarks/score_gold.py [NAME ...] [--exclude NAME ...] [--markdown]

Every `tests/gold/NAME.json` is scored against a fresh warehouse built from its corpus: the folder
`tests/gold/NAME/` when it exists, the dev rows of a real corpus a gold file names (`"rows"`, written
by benchmarks/gold_corpus.py), else the known home of the corpus (`seeds`: ../shared/corpora/seeds,
`sample`: etl/data/sample_corpus). NAME arguments restrict the run to those gold sets; `--exclude NAME`
(repeatable) leaves a gold set out, e.g. a blind set that must not be looked at while tuning.
Figures are those of shared/eval/score.py (its README defines the matching), plus the event date
accuracy of benchmarks/score_events.py.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import gold_corpus
from score_events import event_date_accuracy

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "gold"
SHARED = ROOT.parent / "shared"
SCORER = SHARED / "eval" / "score.py"
KNOWN = {"seeds": SHARED / "corpora" / "seeds", "sample": ROOT / "etl" / "data" / "sample_corpus"}
COLUMNS = [
    ("claims_gold", "gold claims"), ("claims_sys", "system claims"),
    ("claim_p", "claim P"), ("claim_r", "claim R"), ("claim_f1", "claim F1"),
    ("claim_f1_nodate", "claim F1 (undated)"), ("date_acc", "date acc"),
    ("events_gold", "gold events"), ("events_sys", "system events"),
    ("event_p", "event P"), ("event_r", "event R"), ("event_f1", "event F1"), ("event_date_acc", "event date acc"),
    ("pubdate_acc", "pubdate acc"), ("modality_acc", "modality acc"), ("location_acc", "location acc"),
    ("period_acc", "period acc"),
    ("attribution_acc", "attribution acc"), ("dedup_gold_pairs", "claim gold pairs"), ("dedup_p", "claim dedup P"),
    ("dedup_r", "claim dedup R"), ("dedup_f1", "claim dedup F1"), ("event_dedup_f1", "event dedup F1"),
]


def corpus_dir(name: str, workdir: Path) -> Path | None:
    own = GOLD / name
    if own.is_dir():
        return own
    if "rows" in json.loads((GOLD / f"{name}.json").read_text()):
        return gold_corpus.write(GOLD / f"{name}.json", workdir / name) if gold_corpus.FAKES.exists() else None
    known = KNOWN.get(name)
    return known if known and known.exists() else None


def score(name: str, workdir: Path) -> dict | None:
    corpus = corpus_dir(name, workdir)
    if corpus is None:
        return None
    warehouse = workdir / f"gold_{name}.duckdb"
    path = os.environ.get("PYTHONPATH")
    env = {**os.environ, "PYTHONPATH": f"{path}{os.pathsep}{ROOT}" if path else str(ROOT)}
    subprocess.run([sys.executable, "-m", "orchestration.cli", "build", str(corpus), "--warehouse", str(warehouse)],
                   cwd=workdir, env=env, check=True, capture_output=True)
    out = subprocess.run([sys.executable, str(SCORER), str(warehouse), str(GOLD / f"{name}.json"), "--json"],
                         check=True, capture_output=True, text=True)
    return {**json.loads(out.stdout), **event_date_accuracy(warehouse, GOLD / f"{name}.json")}


def fmt(value) -> str:
    if value is None:
        return "–"
    return f"{value:.2f}" if isinstance(value, float) else str(value)


def gold_names(argv: list[str]) -> list[str]:
    """The gold sets named on the command line (all by default), less those after `--exclude`."""
    args, wanted, excluded = list(argv), [], set()
    while args:
        arg = args.pop(0)
        if arg == "--exclude" and args:
            excluded.add(args.pop(0))
        elif not arg.startswith("--"):
            wanted.append(arg)
    return [n for n in wanted or sorted(p.stem for p in GOLD.glob("*.json")) if n not in excluded]


def main() -> None:
    names = gold_names(sys.argv[1:])
    with tempfile.TemporaryDirectory() as tmp:
        results = {n: r for n in names if (r := score(n, Path(tmp))) is not None}
    header = ["figure", *results]
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join("---" for _ in header) + " |"]
    lines += ["| " + " | ".join([label, *(fmt(r.get(key)) for r in results.values())]) + " |"
              for key, label in COLUMNS]
    print("\n".join(lines))


if __name__ == "__main__":
    main()
