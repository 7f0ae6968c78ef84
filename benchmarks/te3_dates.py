"""Benchmark of the temporal engine (etl.dates): TempEval-3 scores and per-article cost.

usage: python benchmarks/te3_dates.py [--corpora DIR]   (default DIR: /work/shared/corpora)

1. Runs the shared TempEval-3 scorer (shared/eval/te3.py) for the project's tagger and for the
   naive dateparser peer on TempEval-3 platinum (the held-out test set; rules were tuned on
   tempeval3-train only) and, for reference, on the training set.
2. Times find_expressions per article on the seed articles and on FA-KES (latin-1 CSV).
A corpus that is absent is skipped with a message.
"""

from __future__ import annotations

import argparse
import csv
import os
import re
import subprocess
import sys
import time
from datetime import date, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from etl.dates import find_expressions  # noqa: E402

SEED_DATES = {
    "000": date(2016, 11, 20),
    "001": date(2016, 12, 7),
    "003": date(2016, 12, 6),
    "004": date(2016, 12, 6),
}


def te3(scorer: Path, tml_dir: Path, which: str) -> str:
    """One line of te3.py output for a tagger on a folder of TimeML files."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    out = subprocess.run(
        [sys.executable, str(scorer), str(tml_dir), which],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return out.stdout.strip()


def per_article_ms(articles: list[tuple[str, date | None]], repeat: int) -> tuple[float, int]:
    """Mean milliseconds of find_expressions per article (best of `repeat` runs) and expressions found."""
    best, n_found = float("inf"), 0
    for _ in range(repeat):
        t0 = time.perf_counter()
        n_found = sum(len(find_expressions(text, ref)) for text, ref in articles)
        best = min(best, time.perf_counter() - t0)
    return 1000 * best / len(articles), n_found


def seed_articles(folder: Path) -> list[tuple[str, date | None]]:
    """The seed articles with their publication dates (None where the text gives none)."""
    return [(p.read_text(encoding="utf-8"), SEED_DATES.get(p.name[:3])) for p in sorted(folder.glob("*.txt"))]


def fakes_articles(path: Path) -> list[tuple[str, date | None]]:
    """FA-KES article bodies with their m/d/Y dates."""
    rows = []
    with path.open(encoding="latin-1", newline="") as f:
        for row in csv.DictReader(f):
            try:
                ref = datetime.strptime(row["date"].strip(), "%m/%d/%Y").date()
            except ValueError:
                ref = None
            rows.append((row["article_content"], ref))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, default=Path("/work/shared/corpora"))
    args = parser.parse_args()
    scorer = args.corpora.parent / "eval" / "te3.py"
    for name in ("tempeval3-platinum", "tempeval3-train/TimeBank", "tempeval3-train/AQUAINT"):
        folder = args.corpora / name
        if not folder.is_dir() or not scorer.is_file():
            print(f"skip {name}: {folder} or {scorer} is absent")
            continue
        for which in ("project", "dateparser"):
            line = te3(scorer, folder, which)
            print(f"{name:26} {re.sub(r'^te3 ', '', line)}")
    seeds, fakes = args.corpora / "seeds", args.corpora / "fakes" / "FA-KES-Dataset.csv"
    find_expressions("warm up on Monday, Dec. 5, 2016", date(2016, 12, 6))
    for name, load, exists in (
        ("seeds", seed_articles, seeds.is_dir()),
        ("FA-KES", fakes_articles, fakes.is_file()),
    ):
        if not exists:
            print(f"skip {name}: corpus absent")
            continue
        articles = load(seeds if name == "seeds" else fakes)
        ms, n_found = per_article_ms(articles, repeat=5)
        chars = sum(len(t) for t, _ in articles) / len(articles)
        print(
            f"{name:26} articles={len(articles)} mean_chars={chars:.0f} expressions={n_found} "
            f"ms_per_article={ms:.2f} articles_per_s={1000 / ms:.0f}"
        )


if __name__ == "__main__":
    main()
