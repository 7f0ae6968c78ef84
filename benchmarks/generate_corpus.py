"""Generate N synthetic news articles (.txt) by varying the bundled sample articles.

usage: python benchmarks/generate_corpus.py N OUT_DIR [--seed S]

Each article starts from one sample article (etl/data/sample_corpus/*.txt) and varies it:
- places: every gazetteer name (etl/data/lexicons/places.csv) in the text becomes another place of
  the same kind (city -> city, country -> country), one mapping per article;
- figures: every count and percentage is scaled by a random factor (percentages stay in 1..99);
- dates: the year moves to 2012..2023 and every month name shifts by the same random offset, so
  "November 23, 2016" stays a valid date; the file name carries the new publication date;
- outlets: the sample's outlet names become outlets of etl/data/lexicons/publishers.csv;
- body: its paragraphs are shuffled and one paragraph of another sample article is spliced in.
The result is deterministic for a seed. Writing 100,000 articles takes seconds (one process).
"""

from __future__ import annotations

import argparse
import csv
import random
import re
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "etl" / "data" / "sample_corpus"
LEXICONS = ROOT / "etl" / "data" / "lexicons"
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
SAMPLE_OUTLETS = ["Levant Post", "Tigris Wire", "Northern Dispatch", "Gulf Ledger"]
_NUMBER = re.compile(r"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+)(?![\w,]\d)(\s*(?:percent|per cent|%))?")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_MONTH = re.compile(r"\b(" + "|".join(MONTHS) + r")\b|\b(" + "|".join(m[:3] for m in MONTHS) + r")(?=\.?\s\d)")
_DAY_AFTER_MONTH = re.compile(r"(?:" + "|".join(m[:3] for m in MONTHS) + r")[a-z]*\.?\s+$")
_BODY_MIN = 120  # a line this long is a body paragraph; shorter lines are page furniture


def _csv_rows(path: Path) -> list[dict]:
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    return list(csv.DictReader(lines))


def _places() -> tuple[dict[str, str], dict[str, list[str]]]:
    """kind of every name and alias, and the canonical names of each kind."""
    kind_of: dict[str, str] = {}
    by_kind: dict[str, list[str]] = {}
    for row in _csv_rows(LEXICONS / "places.csv"):
        by_kind.setdefault(row["kind"], []).append(row["name"])
        for name in [row["name"], *filter(None, row["aliases"].split("|"))]:
            kind_of.setdefault(name, row["kind"])
    return kind_of, by_kind


def _outlets() -> list[str]:
    return [row["canonical"] for row in _csv_rows(LEXICONS / "publishers.csv")]


def _shift_month(m: re.Match, shift: int) -> str:
    """'November' -> the month `shift` later; 'Nov' (before a day) -> its abbreviation."""
    full, short = m.group(1), m.group(2)
    names = MONTHS if full else [n[:3] for n in MONTHS]
    return names[(names.index(full or short) + shift) % 12]


class Generator:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.samples = [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt"))]
        self.kind_of, self.by_kind = _places()
        used = sorted((n for n in self.kind_of if any(re.search(rf"\b{re.escape(n)}\b", s) for s in self.samples)),
                      key=len, reverse=True)
        self.place_pattern = re.compile(r"\b(" + "|".join(map(re.escape, used)) + r")\b")
        self.outlet_pattern = re.compile("|".join(map(re.escape, SAMPLE_OUTLETS)))
        self.outlets = _outlets()
        self.paragraphs = [line for s in self.samples for line in s.splitlines() if len(line) >= _BODY_MIN]

    def _number(self, m: re.Match, text: str) -> str:
        digits, percent = m.group(1), m.group(2)
        value = int(digits.replace(",", ""))
        if _YEAR.fullmatch(digits) or _DAY_AFTER_MONTH.search(text, max(0, m.start() - 12), m.start()):
            return m.group(0)
        if percent:
            return f"{min(99, max(1, round(value * self.rng.uniform(0.6, 1.4))))}{percent}"
        new = max(1, round(value * self.rng.uniform(0.5, 2.0)))
        return f"{new:,}" if "," in digits else str(new)

    def article(self) -> tuple[str, str, str]:
        """(publication date, outlet, text) of one new article."""
        rng = self.rng
        lines = rng.choice(self.samples).splitlines()
        body = [i for i, line in enumerate(lines) if len(line) >= _BODY_MIN]
        paragraphs = [lines[i] for i in body]
        rng.shuffle(paragraphs)
        paragraphs.insert(rng.randrange(len(paragraphs) + 1), rng.choice(self.paragraphs))
        head, tail = lines[:body[0]] if body else lines, lines[body[-1] + 1:] if body else []
        text = "\n".join([*head, *"\n\n".join(paragraphs).splitlines(), *tail])
        places: dict[str, str] = {}
        text = self.place_pattern.sub(
            lambda m: places.setdefault(m.group(1), rng.choice(self.by_kind[self.kind_of[m.group(1)]])), text)
        outlet = rng.choice(self.outlets)
        text = self.outlet_pattern.sub(outlet, text)
        year, shift = str(rng.randint(2012, 2023)), rng.randrange(12)
        text = _YEAR.sub(year, text)
        text = _MONTH.sub(lambda m: _shift_month(m, shift), text)
        text = _NUMBER.sub(lambda m: self._number(m, text), text)
        published = f"{year}-{(10 + shift) % 12 + 1:02d}-{rng.randint(1, 28):02d}"
        return published, outlet, text


def generate(n: int, out: Path, seed: int = 0) -> int:
    """Write n articles under out/ (1,000 per sub-folder); returns the bytes written."""
    gen = Generator(seed)
    written = 0
    for i in range(n):
        published, outlet, text = gen.article()
        folder = out / f"batch_{i // 1000:04d}"
        if i % 1000 == 0:
            folder.mkdir(parents=True, exist_ok=True)
        slug = re.sub(r"\W+", "-", outlet.lower()).strip("-")
        data = text.encode("utf-8")
        (folder / f"{published}_{slug}_{i:07d}.txt").write_bytes(data)
        written += len(data)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    started = time.perf_counter()
    size = generate(args.n, args.out, args.seed)
    print(f"{args.n} articles, {size / 1e6:.1f} MB in {args.out} ({time.perf_counter() - started:.1f} s)")


if __name__ == "__main__":
    main()
