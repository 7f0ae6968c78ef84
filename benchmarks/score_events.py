"""Event date accuracy on a gold set: events matched with their date over events matched without it.

usage: python benchmarks/score_events.py WAREHOUSE GOLD.json

The shared scorer (../shared/eval/score.py) matches a system event to a gold one on document, type and
date (within the gold tolerance), so a found but misdated event counts only as a miss. Like its claim
`date_acc` (strict matches / matches ignoring as_of), `event_date_acc` is the number of events matched
with dates over the number matched on document and type alone, using the same one-to-one matcher.
Gold events without a date are left out of both counts. Prints JSON: event_date_acc, events_undated_match.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import duckdb

SCORER = Path(__file__).resolve().parents[2] / "shared" / "eval" / "score.py"
TYPES = frozenset({"reject_ceasefire", "call_for_ceasefire", "agree_ceasefire", "veto", "talks", "capture",
                   "withdraw", "attack", "evacuation", "aid_access", "statement"})


def _scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("shared_score", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def event_date_accuracy(warehouse: Path, gold_path: Path) -> dict:
    """{'event_date_acc': matched with date / matched without date, 'events_undated_match': the latter}."""
    score = _scorer()
    gold = json.loads(gold_path.read_text())
    docs = {g["doc"] for g in gold["documents"]}
    with duckdb.connect(str(warehouse), read_only=True) as con:
        system = [s for s in score.rows(con, "select * from event_mentions")
                  if score.base(s["source_path"]) in docs and s["event_type"] in TYPES]
    dated = [g for g in gold.get("events", []) if g.get("date")]
    strict = len(score.match_events(dated, system))
    loose = len(score.match_events([{**g, "date": None} for g in dated], system))
    return {"event_date_acc": strict / loose if loose else None, "events_undated_match": loose}


if __name__ == "__main__":
    print(json.dumps(event_date_accuracy(Path(sys.argv[1]), Path(sys.argv[2]))))
