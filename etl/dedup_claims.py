"""Claim mentions -> observations (one real-world figure, many reports), and conflicts between them.

Two mentions are the same observation when all of these hold (the README has examples):
- same metric, unit and modality (a hypothetical figure never merges into an asserted one);
- same location, and subjects equal or one unknown;
- dates compatible: as_of within a window set by the coarser precision (day 1, week 7, month 31,
  year 366 days); undated mentions merge only inside their own document;
- values compatible: the tight intervals their qualifiers imply overlap. exact = [v, v];
  approx = v +/- 5% (percentages: +/- 3 points); at_least/more_than = [v, 1.5v] (percentages:
  [v, v + 10]); at_most/less_than = [v/1.5, v] (percentages: [v - 10, v]); a range = [low, high].
Merging is transitive (connected components). Two asserted observations that are comparable
(all but the values) conflict when not even their loose intervals overlap, i.e. what each
statement allows: approx as above, at_least/more_than = [v, inf), at_most/less_than = [0, v].
They then share a conflict_group, only when both have the same date precision: a yearly
total never conflicts with one day's toll. "more than half" and "about 70 percent" neither merge
nor conflict. Like is compared with like: the same count_kind (a period count never merges or
conflicts with a running total), running totals from compatible starts, period counts over the same
window (etl/count_kinds.py, sql/dedup/claim_pairs.sql). Conflicting observations must moreover have
the same kind and period (period_start, and as_of for a period count), so no conflict_group mixes
them, and figures of one sentence never conflict (a part beside its whole: "1 million in the city,
including 600,000 in the east"). Candidate pairs come from blocked joins in DuckDB (sql/dedup/claim_pairs.sql) over
distinct mention signatures, so cost grows about linearly.
"""

from __future__ import annotations

import duckdb
import polars as pl

import sql
from etl.clusters import components, signature_components
from etl.ids import content_id
from etl.store import transaction, write_frame


def publish_observations(con: duckdb.DuckDBPyConnection) -> None:
    """Recompute observation_store, timeline_store and conflict_store, the rows of the observations,
    metric_timeline, modality_timeline and conflicting_figures views (sql/publish/observations.sql), from the
    mentions and their links."""
    con.execute(sql.publish_script("observations"))


def _comparable(edges: set[tuple[str, str]], con: duckdb.DuckDBPyConnection,
                observation: dict[str, str]) -> set[tuple[str, str]]:
    """The conflict edges between observations of the same kind and period (period_start, and as_of for a
    period count, taken as observation_store takes them) that share no sentence."""
    involved = {o for edge in edges for o in edge}
    if not involved:
        return edges
    mentions = con.sql("SELECT mention_id, doc_id, quote_start, count_kind, period_start, as_of "
                       "FROM internal.claim_store").pl()
    mentions = mentions.with_columns(observation_id=pl.col("mention_id").replace_strict(observation, default=None))
    mentions = mentions.filter(pl.col("observation_id").is_in(list(involved)))
    periods = mentions.group_by("observation_id").agg(
        pl.col("count_kind").min(), pl.col("period_start").min(), pl.col("as_of").min())
    key = {r["observation_id"]: (r["count_kind"], r["period_start"], r["count_kind"] == "period" and r["as_of"])
           for r in periods.iter_rows(named=True)}
    sentences: dict[str, set[tuple[str, int]]] = {}
    for r in mentions.iter_rows(named=True):
        sentences.setdefault(r["observation_id"], set()).add((r["doc_id"], r["quote_start"]))
    return {(a, b) for a, b in edges if key[a] == key[b] and not sentences[a] & sentences[b]}


def cluster_claims(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Recompute claim_observation and observation_conflicts from claim_store, then the stored observations."""
    con.execute(sql.stage_script("dedup", "claim_pairs"))
    signatures = con.sql("SELECT mention_id, rep FROM claim_signature").pl()
    agree = con.sql("SELECT rep_a, rep_b FROM claim_pairs WHERE values_agree").pl()
    merged = signature_components(signatures, agree)
    observation = {m: content_id("observation", root) for m, root in merged.items()}
    disagree = con.sql("SELECT rep_a, rep_b FROM claim_pairs WHERE values_conflict").pl()
    conflict_edges = _comparable({
        (observation[a], observation[b])
        for a, b in zip(disagree["rep_a"], disagree["rep_b"], strict=True)
        if observation[a] != observation[b]
    }, con, observation)
    con.execute("DROP TABLE claim_pairs; DROP TABLE claim_rep; DROP TABLE claim_signature")
    in_conflict = {o for edge in conflict_edges for o in edge}
    groups = components(in_conflict, conflict_edges)
    with transaction(con):
        con.execute("DELETE FROM internal.claim_observation")
        con.execute("DELETE FROM internal.observation_conflicts")
        write_frame(con, "claim_observation", pl.DataFrame(
            {"mention_id": list(observation), "observation_id": list(observation.values())},
            schema={"mention_id": pl.String, "observation_id": pl.String}))
        write_frame(con, "observation_conflicts", pl.DataFrame(
            {"observation_id": list(groups), "conflict_group": [content_id("conflict", g) for g in groups.values()]},
            schema={"observation_id": pl.String, "conflict_group": pl.String}))
        publish_observations(con)
    return {"mentions": len(observation), "observations": len(set(observation.values())),
            "conflicting_observations": len(groups)}
