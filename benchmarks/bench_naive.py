"""The naive peer side by side: dateparser.search.search_dates + quantulum3 over each whole article.

usage: python benchmarks/bench_naive.py [--limit N]
       python benchmarks/bench_naive.py --peer FILE [--limit N]   (the peer alone over a corpus file)

Speed: both systems on the same FA-KES article texts, one process: the naive peer (search_dates with
languages=['en'] plus quantulum3.parser.parse on the whole article) and this project's per-article
work (clean_document + extract_claims + extract_events). Accuracy: the naive output turned into
claims as a data engineer would (a quantity within 60 characters of a metric keyword in its sentence,
dated by the first date search_dates finds in that sentence, else the article's first date), scored
with shared/eval/score.py's matching (match_claims, f1) on the gold sets of .txt/.html articles.
quantulum3 is a benchmark-only install (benchmarks/README.md). Skips with a message when absent.

`--peer FILE` is the peer as a data engineer would run it end to end: this script as a process that
reads a corpus file (CSV with an `article_content` column, or JSONL with `text`) and runs the naive
pair over every article, printing one JSON line; benchmarks/bench_scale.py times it beside
`timeline build` on the same file. `regex_floor` is the cheapest conceivable extractor: one compiled
regex pass (numbers, month names, the metric keywords above) over each text.
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import json
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SHARED = ROOT.parent / "shared"
FAKES = SHARED / "corpora" / "fakes" / "FA-KES-Dataset.csv"
GOLD = {"seeds": SHARED / "corpora" / "seeds", "other": ROOT / "tests" / "gold" / "other",
        "other2": ROOT / "tests" / "gold" / "other2"}
KEYWORDS = {  # what a data engineer would write: one keyword list per metric
    "people_killed": r"killed|dead|died|deaths|death toll",
    "people_injured": r"wounded|injured",
    "people_displaced": r"displaced|fled|refugees",
    "people_evacuated": r"evacuated|evacuation",
    "population_trapped": r"trapped|besieged",
    "territory_control_pct": r"control|controls|controlled|held|holds|hold",
    "fighters": r"fighters|militants|troops",
    "districts_captured": r"districts|neighbourhoods|neighborhoods",
}
_KEYWORD = {m: re.compile(rf"\b(?:{k})\b", re.I) for m, k in KEYWORDS.items()}
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]?")
_TAG = re.compile(r"<[^>]+>")


def corpus_texts(path: Path, limit: int | None = None) -> list[str]:
    """Article texts of a corpus file: a CSV's `article_content` (FA-KES, latin-1) or a JSONL's `text` (BBC)."""
    if path.suffix == ".jsonl":
        with path.open(encoding="utf-8") as handle:
            texts = [json.loads(line)["text"] for line in handle if line.strip()]
    else:
        with path.open(encoding="latin-1", newline="") as handle:
            texts = [r["article_content"] for r in csv.DictReader(handle)]
    return texts[:limit]


_FLOOR = re.compile(r"\d[\d,.]*|\b(?:January|February|March|April|May|June|July|August|September|October|November"
                    r"|December)\b|\b(?:" + "|".join(KEYWORDS.values()) + r")\b", re.I)


def regex_floor(texts: list[str]) -> int:
    """One compiled regex pass over each text: the speed floor no extractor of figures and dates beats."""
    return sum(len(_FLOOR.findall(t)) for t in texts)


def peer(path: Path, limit: int | None) -> None:
    """The naive pair over every article of one corpus file; prints articles, characters and seconds as JSON."""
    texts = corpus_texts(path, limit)
    started = time.perf_counter()
    found = sum(len(dates) + len(quantities) for dates, quantities in map(naive, texts))
    print(json.dumps({"articles": len(texts), "chars": sum(map(len, texts)), "found": found,
                      "seconds": round(time.perf_counter() - started, 2)}))


def naive(text: str) -> tuple[list, list]:
    from dateparser.search import search_dates
    from quantulum3 import parser

    return search_dates(text, languages=["en"]) or [], parser.parse(text)


def naive_claims(path: Path) -> list[dict]:
    """Claims from one article by the naive peer, in score.py's shape."""
    from dateparser.search import search_dates
    from quantulum3 import parser

    text = _TAG.sub(" ", path.read_text(encoding="utf-8", errors="replace"))
    found = search_dates(text, languages=["en"]) or []
    article_date = found[0][1].date() if found else None
    claims = []
    for sentence in _SENTENCE.finditer(text):
        quote = sentence.group()
        quantities = parser.parse(quote)
        if not quantities:
            continue
        dates = search_dates(quote, languages=["en"]) or []
        as_of = dates[0][1].date() if dates else article_date
        for q in quantities:
            start, end = q.span
            for metric, pattern in _KEYWORD.items():
                if metric == "territory_control_pct" and q.unit.name != "percentage":
                    continue
                if pattern.search(quote, max(0, start - 60), min(len(quote), end + 60)):
                    claims.append({"source_path": path.name, "metric": metric, "value": q.value,
                                   "as_of": as_of, "quote": quote})
                    break
    return claims


def accuracy() -> None:
    spec = importlib.util.spec_from_file_location("score", SHARED / "eval" / "score.py")
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    print("| gold set | gold claims | naive claims | naive P / R / F1 | naive F1 (undated) |")
    print("| --- | --- | --- | --- | --- |")
    for name, folder in GOLD.items():
        gold_path = ROOT / "tests" / "gold" / f"{name}.json"
        if not folder.exists() or not gold_path.exists():
            print(f"skip {name}: corpus or gold missing", file=sys.stderr)
            continue
        gold = json.loads(gold_path.read_text())
        docs = {g["doc"] for g in gold["documents"]}
        system = [c for p in sorted(folder.iterdir()) if p.name in docs and p.suffix in (".txt", ".html", ".htm")
                  for c in naive_claims(p)]
        claims = gold["claims"]
        dated = score.f1(len(score.match_claims(claims, system, True)), len(system), len(claims))
        undated = score.f1(len(score.match_claims(claims, system, False)), len(system), len(claims))
        print(f"| {name} | {len(claims)} | {len(system)} | {dated[0]:.2f} / {dated[1]:.2f} / {dated[2]:.2f} "
              f"| {undated[2]:.2f} |", flush=True)


def speed(limit: int | None) -> None:
    from etl.claims import extract_claims
    from etl.clean import clean_document
    from etl.events import extract_events
    from etl.model import RawRecord

    if not FAKES.exists():
        print(f"skip speed: {FAKES} not found", file=sys.stderr)
        return
    texts = corpus_texts(FAKES, limit)
    size = sum(len(t) for t in texts)
    started = time.perf_counter()
    for text in texts:
        naive(text)
    naive_s = time.perf_counter() - started
    started = time.perf_counter()
    for i, text in enumerate(texts):
        doc = clean_document(RawRecord(source_path=f"fakes#{i}", text=text, fmt="csv"))
        extract_claims(doc)
        extract_events(doc)
    ours_s = time.perf_counter() - started
    print(f"| system (FA-KES, {len(texts)} articles, {size / 1e6:.1f} MB, one process) | seconds | articles/s |")
    print("| --- | --- | --- |")
    print(f"| naive: search_dates + quantulum3 | {naive_s:.1f} | {len(texts) / naive_s:.1f} |")
    print(f"| this project: clean + claims + events | {ours_s:.1f} | {len(texts) / ours_s:.1f} |")
    print(f"speed-up {naive_s / ours_s:.1f}x", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, help="first N articles only")
    parser.add_argument("--peer", type=Path, help="only run the peer over this corpus file (CSV or JSONL)")
    args = parser.parse_args()
    if importlib.util.find_spec("quantulum3") is None:
        print("skip: quantulum3 is not installed (pip install quantulum3; see benchmarks/README.md)")
        return
    if args.peer:
        peer(args.peer, args.limit)
        return
    speed(args.limit)
    accuracy()


if __name__ == "__main__":
    main()
