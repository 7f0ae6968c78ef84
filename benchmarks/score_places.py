"""Place accuracy on the gold sets: claim and event locations, and how many located mentions have coordinates.

usage: python benchmarks/score_places.py [NAME ...] [--exclude NAME ...]

Builds each gold set's corpus as benchmarks/score_gold.py does, then, with the matching of shared/eval/score.py
(claims matched on doc, metric, value and date; events on doc, type and date):
- claim location acc: score.py's location_acc (spelling-normalised names, or the gold name among the aliases of
  the system place in the `places` view);
- event location acc: the same comparison over matched events;
- coords: the share of claim mentions with a location whose place has coordinates; unlisted: how many located
  claim mentions sit on an `unlisted` place, and how many of those have coordinates (must be 0).
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import duckdb
import score_gold

spec = importlib.util.spec_from_file_location("score", score_gold.SCORER)
score = importlib.util.module_from_spec(spec)
spec.loader.exec_module(score)


def measure(name: str, workdir: Path) -> dict | None:
    corpus = score_gold.corpus_dir(name, workdir)
    if corpus is None:
        return None
    warehouse = workdir / f"places_{name}.duckdb"
    path = os.environ.get("PYTHONPATH")
    env = {**os.environ, "PYTHONPATH": f"{path}{os.pathsep}{score_gold.ROOT}" if path else str(score_gold.ROOT)}
    subprocess.run([sys.executable, "-m", "orchestration.cli", "build", str(corpus), "--warehouse", str(warehouse)],
                   cwd=workdir, env=env, check=True, capture_output=True)
    gold = json.loads((score_gold.GOLD / f"{name}.json").read_text())
    con = duckdb.connect(str(warehouse), read_only=True)
    docs = {d["doc"] for d in gold["documents"]}
    claims = [c for c in score.rows(con, "SELECT * FROM claim_mentions") if score.base(c["source_path"]) in docs]
    events = [e for e in score.rows(con, "SELECT * FROM event_mentions") if score.base(e["source_path"]) in docs]
    aliases = score.place_aliases(con)
    claim_pairs = score.match_claims(gold["claims"], claims, use_date=True)
    event_pairs = score.match_events(gold.get("events", []), events)
    has_places = bool(aliases)
    coords = con.execute("""
        SELECT count(*) FILTER (WHERE p.latitude IS NOT NULL), count(*),
               count(*) FILTER (WHERE p.kind = 'unlisted'),
               count(*) FILTER (WHERE p.kind = 'unlisted' AND p.latitude IS NOT NULL)
        FROM claim_mentions c JOIN places p USING (place_id) WHERE c.location IS NOT NULL
    """).fetchone() if has_places else (None, None, None, None)
    con.close()

    def acc(pairs: list) -> float | None:
        return sum(score.location_ok(g.get("location"), s.get("location"), aliases) for g, s in pairs) / len(pairs) \
            if pairs else None

    return {"claims matched": len(claim_pairs), "claim location acc": acc(claim_pairs),
            "events matched": len(event_pairs), "event location acc": acc(event_pairs),
            "located claims with coords": coords[0] / coords[1] if coords[1] else None,
            "located claims": coords[1], "unlisted": coords[2], "unlisted with coords": coords[3]}


def main() -> None:
    names = score_gold.gold_names(sys.argv[1:])
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for n in names:
            if (r := measure(n, Path(tmp))) is not None:
                results[n] = r
                print(n, json.dumps(r), flush=True)
    keys = next(iter(results.values()), {}).keys()
    print("| figure | " + " | ".join(results) + " |")
    print("| --- |" + " --- |" * len(results))
    for key in keys:
        print(f"| {key} | " + " | ".join(score_gold.fmt(r[key]) for r in results.values()) + " |")


if __name__ == "__main__":
    main()
