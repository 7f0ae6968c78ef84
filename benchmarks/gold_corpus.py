"""Gold sets over real corpora: the dev rows a gold file names, written as one small CSV per row.

usage: python benchmarks/gold_corpus.py show CORPUS ROW [ROW ...]   print rows as the annotator reads them
       python benchmarks/gold_corpus.py write GOLD.json DIR          write the rows a gold file names into DIR

A gold JSON whose top level has `"rows": {"corpus": "fakes" | "agnews", "rows": [N, ...]}` is built from
../shared/corpora (never copied into the repository): row N of FA-KES becomes `fakes-NNNN.csv`, row N of
AG News `agnews-NNNN.csv`, each a header and one data row, so a gold `doc` names exactly one article (the
scorer compares the file name of `source_path` before its `#`). Only rows of ../shared/corpora/DEV-SPLIT.txt
may be named: the other rows are reserved for measurement.
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared"
CORPORA = SHARED / "corpora"
FAKES = CORPORA / "fakes" / "FA-KES-Dataset.csv"
AGNEWS = CORPORA / "ag-news" / "test.csv"
FAKES_HEADER = ["article_title", "article_content", "source", "date", "location"]
AGNEWS_HEADER = ["title", "description"]


def dev_rows(corpus: str) -> set[int]:
    """Row numbers of the dev split (FA-KES 0-based data rows, AG News 1-based lines)."""
    for line in (CORPORA / "DEV-SPLIT.txt").read_text().splitlines():
        name, *numbers = line.split()
        if name == corpus and not line.startswith("#"):
            return {int(n) for n in numbers}
    raise ValueError(f"no dev split for {corpus!r}")


def read_rows(corpus: str, wanted: list[int]) -> dict[int, list[str]]:
    """The wanted rows of one corpus, refusing any row outside the dev split."""
    reserved = sorted(set(wanted) - dev_rows(corpus))
    if reserved:
        raise SystemExit(f"rows {reserved} of {corpus} are reserved for measurement, not in the dev split")
    if corpus == "fakes":
        with FAKES.open(encoding="latin-1", newline="") as f:
            rows = list(csv.reader(f))[1:]
        return {n: [rows[n][1], rows[n][2], rows[n][3], rows[n][4], rows[n][5]] for n in wanted}
    if corpus == "agnews":
        with AGNEWS.open(encoding="utf-8", newline="") as f:
            rows = list(csv.reader(f))
        return {n: [rows[n - 1][1], rows[n - 1][2].replace("\\", " ")] for n in wanted}
    raise ValueError(f"unknown corpus {corpus!r}")


def file_name(corpus: str, row: int) -> str:
    return f"{corpus}-{row:04d}.csv"


def write(gold_path: Path, out_dir: Path) -> Path:
    """Write every row a gold file names into out_dir (one CSV each); returns out_dir."""
    spec = json.loads(gold_path.read_text())["rows"]
    corpus = spec["corpus"]
    header = FAKES_HEADER if corpus == "fakes" else AGNEWS_HEADER
    out_dir.mkdir(parents=True, exist_ok=True)
    for row, fields in read_rows(corpus, spec["rows"]).items():
        with (out_dir / file_name(corpus, row)).open("w", encoding="utf-8", newline="") as f:
            csv.writer(f).writerows([header, fields])
    return out_dir


def main() -> None:
    args = sys.argv[1:]
    if len(args) >= 3 and args[0] == "show":
        corpus = args[1]
        header = FAKES_HEADER if corpus == "fakes" else AGNEWS_HEADER
        for row, fields in read_rows(corpus, [int(a) for a in args[2:]]).items():
            print(f"===== {file_name(corpus, row)}")
            for name, value in zip(header, fields, strict=True):
                print(f"[{name}] {value}")
    elif len(args) == 3 and args[0] == "write":
        print(write(Path(args[1]), Path(args[2])))
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main()
