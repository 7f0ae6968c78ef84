"""The quality ratchet: every gold set of tests/gold/ is built and scored (benchmarks/score_gold.py), and no
figure may fall below its floor in tests/gold/floors.json.

Floors are today's figures minus a small tolerance. `python tests/test_quality.py` rescores every set and
raises each floor to its figure minus the tolerance when the figure improved; it never lowers one, so a
lower floor is a hand edit that shows in review. Sets built from ../shared/corpora skip when it is absent.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
FLOORS = REPO / "tests" / "gold" / "floors.json"
TOLERANCE = 0.02
sys.path.insert(0, str(REPO / "benchmarks"))
import score_gold  # noqa: E402  (benchmarks/ is a folder of scripts, not a package)

# The figures that are rates in [0, 1] (counts of gold and system rows are not a quality).
RATES = [key for key, _ in score_gold.COLUMNS if not key.endswith(("_gold", "_sys", "_pairs"))]


def figures(name: str, workdir: Path) -> dict[str, float] | None:
    """The rates of gold set `name` built into `workdir`; None when its corpus is not on this machine."""
    result = score_gold.score(name, workdir)
    return None if result is None else {k: result[k] for k in RATES if result.get(k) is not None}


def below_floor(found: dict[str, float], floors: dict[str, float]) -> list[str]:
    """'figure value < floor' for every figure under its floor (a floored figure no longer reported counts)."""
    return [f"{key} {found.get(key)} < floor {floor}" for key, floor in sorted(floors.items())
            if found.get(key) is None or found[key] < floor - 1e-9]


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(json.loads(FLOORS.read_text())))
def test_no_figure_falls_below_its_floor(name, tmp_path):
    found = figures(name, tmp_path)
    if found is None:
        pytest.skip(f"gold set {name}: its corpus is not on this machine (../shared/corpora)")
    failures = below_floor(found, json.loads(FLOORS.read_text())[name])
    assert not failures, f"gold set {name} fell below tests/gold/floors.json: " + "; ".join(failures)


def test_every_gold_set_has_floors():
    assert sorted(json.loads(FLOORS.read_text())) == sorted(p.stem for p in (REPO / "tests" / "gold").glob("*.json")
                                                           if p != FLOORS)


def raise_floors(workdir: Path) -> dict[str, dict[str, float]]:
    """floors.json with each floor raised to (figure - TOLERANCE) where that is higher; never lowered.
    A set whose corpus is absent keeps its floors."""
    floors = json.loads(FLOORS.read_text()) if FLOORS.exists() else {}
    for name in sorted(p.stem for p in (REPO / "tests" / "gold").glob("*.json") if p != FLOORS):
        found = figures(name, workdir)
        if found is None:
            continue
        old = floors.get(name, {})
        floors[name] = {k: max(old.get(k, 0.0), round(v - TOLERANCE, 2)) for k, v in found.items()}
    return floors


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        FLOORS.write_text(json.dumps(raise_floors(Path(tmp)), indent=1, sort_keys=True) + "\n")
    print(f"wrote {FLOORS}")
