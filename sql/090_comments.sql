-- The data dictionary: a description of every analyst view and column, kept in the warehouse
-- (duckdb_views(), duckdb_tables() and duckdb_columns() show them; BI tools and `timeline dictionary`
-- read them). Runs after the views: CREATE OR REPLACE VIEW drops a view's comments, so they are set
-- again on every apply. DuckDB 1.5.5 supports COMMENT ON COLUMN for views as for tables.

COMMENT ON VIEW documents IS 'One row per distinct document (an article after decoding and cleaning); the same text from several inputs is one document.';
COMMENT ON COLUMN documents.doc_id IS 'Content hash of the decoded text (NFC, normalised newlines): stable across rebuilds.';
COMMENT ON COLUMN documents.source_path IS 'The document''s first source: the lexicographically smallest source_path that produced it.';
COMMENT ON COLUMN documents.title IS 'Article title recovered from the input, NULL if none was found.';
COMMENT ON COLUMN documents.publisher IS 'Canonical outlet name, NULL if unknown.';
COMMENT ON COLUMN documents.published_on IS 'Publication date, NULL if unknown.';
COMMENT ON COLUMN documents.published_basis IS 'How published_on was found: explicit (stated), inferred (from file name or text), unknown.';
COMMENT ON COLUMN documents.language IS 'Language code of the body text.';
COMMENT ON COLUMN documents.body_text IS 'Cleaned article text without boilerplate; every quote and character offset refers to it.';
COMMENT ON COLUMN documents.duplicate_of IS 'doc_id of the article this one is a near-copy of (syndicated copy), else NULL.';

COMMENT ON VIEW document_source_keys IS 'Helper: which independent source each document counts as when n_sources is computed.';
COMMENT ON COLUMN document_source_keys.doc_id IS 'The document.';
COMMENT ON COLUMN document_source_keys.source_key IS 'publisher:<name> of the document it copies (or its own), or doc:<doc_id> when the publisher is unknown.';
COMMENT ON COLUMN document_source_keys.published_on IS 'The document''s publication date, NULL if unknown.';

COMMENT ON VIEW claim_mentions IS 'One row per figure stated in a document, traced to its quote and character offsets.';
COMMENT ON COLUMN claim_mentions.mention_id IS 'Content-derived id of the mention.';
COMMENT ON COLUMN claim_mentions.doc_id IS 'The document stating the figure.';
COMMENT ON COLUMN claim_mentions.source_path IS 'The document''s first source.';
COMMENT ON COLUMN claim_mentions.quote IS 'The sentence or clause that states the figure, as it stands in body_text.';
COMMENT ON COLUMN claim_mentions.char_start IS 'Offset in body_text where the figure itself starts (0-based).';
COMMENT ON COLUMN claim_mentions.char_end IS 'Offset in body_text just after the figure.';
COMMENT ON COLUMN claim_mentions.metric IS 'What is counted (see metric_timeline.metric for the vocabulary).';
COMMENT ON COLUMN claim_mentions.value IS 'The stated number (a range''s midpoint when a range was stated).';
COMMENT ON COLUMN claim_mentions.value_low IS 'Lower bound when a range was stated, else NULL.';
COMMENT ON COLUMN claim_mentions.value_high IS 'Upper bound when a range was stated, else NULL.';
COMMENT ON COLUMN claim_mentions.qualifier IS 'Hedge of the figure: exact, approx, at_least, more_than, at_most, less_than.';
COMMENT ON COLUMN claim_mentions.unit IS 'percent, people or districts.';
COMMENT ON COLUMN claim_mentions.location IS 'Canonical place name, NULL when none was stated.';
COMMENT ON COLUMN claim_mentions.subject IS 'Canonical group the figure is about, NULL when unknown.';
COMMENT ON COLUMN claim_mentions.period_start IS 'Start of the period the figure covers, NULL for a point in time.';
COMMENT ON COLUMN claim_mentions.as_of IS 'Date the figure describes; NULL only when neither the text nor the publication date dates it (such rows stay out of the timelines).';
COMMENT ON COLUMN claim_mentions.date_precision IS 'Precision of as_of: day, week, month or year.';
COMMENT ON COLUMN claim_mentions.attributed_to IS 'Who the article credits with the figure, NULL when the article itself asserts it.';
COMMENT ON COLUMN claim_mentions.modality IS 'asserted, hypothetical, proposed, claimed or denied.';
COMMENT ON COLUMN claim_mentions.observation_id IS 'The deduplicated observation this mention belongs to.';
COMMENT ON COLUMN claim_mentions.quote_start IS 'Offset in body_text where quote starts.';

COMMENT ON VIEW observations IS 'One row per real-world figure after deduplication of its mentions.';
COMMENT ON COLUMN observations.observation_id IS 'Content-derived id of the observation.';
COMMENT ON COLUMN observations.metric IS 'What is counted.';
COMMENT ON COLUMN observations.unit IS 'percent, people or districts.';
COMMENT ON COLUMN observations.location IS 'Canonical place name, NULL when unknown.';
COMMENT ON COLUMN observations.subject IS 'Canonical group the figure is about, NULL when unknown.';
COMMENT ON COLUMN observations.period_start IS 'Earliest period start of its mentions, NULL for a point in time.';
COMMENT ON COLUMN observations.as_of IS 'Earliest as_of of its mentions.';
COMMENT ON COLUMN observations.value IS 'Representative value: the median of its mentions'' values.';
COMMENT ON COLUMN observations.value_min IS 'Lowest value or range bound reported by its mentions.';
COMMENT ON COLUMN observations.value_max IS 'Highest value or range bound reported by its mentions.';
COMMENT ON COLUMN observations.n_mentions IS 'Number of mentions merged into it.';
COMMENT ON COLUMN observations.n_sources IS 'Independent sources among its mentions (distinct publishers after near-copies are collapsed).';
COMMENT ON COLUMN observations.first_reported_on IS 'Earliest publication date of a document reporting it.';
COMMENT ON COLUMN observations.last_reported_on IS 'Latest publication date of a document reporting it.';
COMMENT ON COLUMN observations.modality IS 'asserted, hypothetical, proposed, claimed or denied (mentions of different modality never merge).';
COMMENT ON COLUMN observations.conflict_group IS 'Shared by observations that disagree about the same figure, else NULL.';

COMMENT ON VIEW event_mentions IS 'One row per typed event stated in a document, traced to its quote.';
COMMENT ON COLUMN event_mentions.mention_id IS 'Content-derived id of the event mention.';
COMMENT ON COLUMN event_mentions.doc_id IS 'The document stating the event.';
COMMENT ON COLUMN event_mentions.source_path IS 'The document''s first source.';
COMMENT ON COLUMN event_mentions.quote IS 'The sentence or clause that states the event.';
COMMENT ON COLUMN event_mentions.char_start IS 'Offset in body_text where the event trigger starts.';
COMMENT ON COLUMN event_mentions.char_end IS 'Offset in body_text just after the event trigger.';
COMMENT ON COLUMN event_mentions.event_type IS 'reject_ceasefire, call_for_ceasefire, agree_ceasefire, veto, talks, capture, withdraw, attack, evacuation, aid_access, statement ...';
COMMENT ON COLUMN event_mentions.plover_code IS 'The PLOVER event code of event_type.';
COMMENT ON COLUMN event_mentions.actors IS 'Canonical actors doing the action.';
COMMENT ON COLUMN event_mentions.target IS 'Canonical actor or place the action is done to, NULL if none.';
COMMENT ON COLUMN event_mentions.location IS 'Canonical place name, NULL when unknown.';
COMMENT ON COLUMN event_mentions.event_date IS 'Date of the event, NULL when undated.';
COMMENT ON COLUMN event_mentions.date_precision IS 'Precision of event_date: day, week, month or year.';
COMMENT ON COLUMN event_mentions.modality IS 'asserted, hypothetical, proposed, claimed or denied.';
COMMENT ON COLUMN event_mentions.event_id IS 'The deduplicated event this mention belongs to.';
COMMENT ON COLUMN event_mentions.quote_start IS 'Offset in body_text where quote starts.';

COMMENT ON VIEW events IS 'One row per real-world event after deduplication of its asserted mentions.';
COMMENT ON COLUMN events.event_id IS 'Content-derived id of the event.';
COMMENT ON COLUMN events.event_type IS 'Type of the event (see event_mentions.event_type).';
COMMENT ON COLUMN events.plover_code IS 'The PLOVER event code.';
COMMENT ON COLUMN events.actors IS 'Sorted distinct actors over its mentions.';
COMMENT ON COLUMN events.target IS 'Target of the event, NULL if none.';
COMMENT ON COLUMN events.location IS 'Canonical place name, NULL when unknown.';
COMMENT ON COLUMN events.event_date IS 'Earliest date given by its mentions.';
COMMENT ON COLUMN events.date_precision IS 'Precision of event_date.';
COMMENT ON COLUMN events.n_mentions IS 'Number of mentions merged into it.';
COMMENT ON COLUMN events.n_sources IS 'Independent sources among its mentions.';
COMMENT ON COLUMN events.first_reported_on IS 'Earliest publication date of a document reporting it.';

COMMENT ON VIEW metric_timeline IS 'One row per (metric, location, subject, as_of) over asserted observations: the timeline analysts chart.';
COMMENT ON COLUMN metric_timeline.metric IS 'What is counted (vocabulary: territory_control_pct, people_killed, people_injured, people_displaced, people_evacuated, population_trapped, fighters, districts_captured).';
COMMENT ON COLUMN metric_timeline.location IS 'Canonical place name from the gazetteer; NULL when no place was stated.';
COMMENT ON COLUMN metric_timeline.subject IS 'Canonical group the figure is about (who holds, who was hit), e.g. government forces, civilians; NULL when unknown.';
COMMENT ON COLUMN metric_timeline.as_of IS 'Date the figure describes.';
COMMENT ON COLUMN metric_timeline.value IS 'Median of the values of the asserted observations dated as_of.';
COMMENT ON COLUMN metric_timeline.value_min IS 'Lowest value or range bound reported by any of their mentions.';
COMMENT ON COLUMN metric_timeline.value_max IS 'Highest value or range bound reported by any of their mentions.';
COMMENT ON COLUMN metric_timeline.n_sources IS 'Independent sources over all their mentions (distinct publishers after near-copies are collapsed; a document of unknown publisher counts as its own).';
COMMENT ON COLUMN metric_timeline.has_conflict IS 'True when one of the observations disagrees with another about the same figure (shares a conflict_group).';
COMMENT ON COLUMN metric_timeline.observation_ids IS 'Sorted observation_id list of the observations behind the point (join to observations).';
COMMENT ON COLUMN metric_timeline.unit IS 'Unit of value: percent, people or districts.';

COMMENT ON VIEW control_timeline IS 'metric_timeline rows for territory_control_pct (share of an area a subject holds).';
COMMENT ON COLUMN control_timeline.metric IS 'What is counted (vocabulary: territory_control_pct, people_killed, people_injured, people_displaced, people_evacuated, population_trapped, fighters, districts_captured).';
COMMENT ON COLUMN control_timeline.location IS 'Canonical place name from the gazetteer; NULL when no place was stated.';
COMMENT ON COLUMN control_timeline.subject IS 'Canonical group the figure is about (who holds, who was hit), e.g. government forces, civilians; NULL when unknown.';
COMMENT ON COLUMN control_timeline.as_of IS 'Date the figure describes.';
COMMENT ON COLUMN control_timeline.value IS 'Median of the values of the asserted observations dated as_of.';
COMMENT ON COLUMN control_timeline.value_min IS 'Lowest value or range bound reported by any of their mentions.';
COMMENT ON COLUMN control_timeline.value_max IS 'Highest value or range bound reported by any of their mentions.';
COMMENT ON COLUMN control_timeline.n_sources IS 'Independent sources over all their mentions (distinct publishers after near-copies are collapsed; a document of unknown publisher counts as its own).';
COMMENT ON COLUMN control_timeline.has_conflict IS 'True when one of the observations disagrees with another about the same figure (shares a conflict_group).';
COMMENT ON COLUMN control_timeline.observation_ids IS 'Sorted observation_id list of the observations behind the point (join to observations).';
COMMENT ON COLUMN control_timeline.unit IS 'Unit of value: percent, people or districts.';

COMMENT ON VIEW displacement_timeline IS 'metric_timeline rows for people_displaced.';
COMMENT ON COLUMN displacement_timeline.metric IS 'What is counted (vocabulary: territory_control_pct, people_killed, people_injured, people_displaced, people_evacuated, population_trapped, fighters, districts_captured).';
COMMENT ON COLUMN displacement_timeline.location IS 'Canonical place name from the gazetteer; NULL when no place was stated.';
COMMENT ON COLUMN displacement_timeline.subject IS 'Canonical group the figure is about (who holds, who was hit), e.g. government forces, civilians; NULL when unknown.';
COMMENT ON COLUMN displacement_timeline.as_of IS 'Date the figure describes.';
COMMENT ON COLUMN displacement_timeline.value IS 'Median of the values of the asserted observations dated as_of.';
COMMENT ON COLUMN displacement_timeline.value_min IS 'Lowest value or range bound reported by any of their mentions.';
COMMENT ON COLUMN displacement_timeline.value_max IS 'Highest value or range bound reported by any of their mentions.';
COMMENT ON COLUMN displacement_timeline.n_sources IS 'Independent sources over all their mentions (distinct publishers after near-copies are collapsed; a document of unknown publisher counts as its own).';
COMMENT ON COLUMN displacement_timeline.has_conflict IS 'True when one of the observations disagrees with another about the same figure (shares a conflict_group).';
COMMENT ON COLUMN displacement_timeline.observation_ids IS 'Sorted observation_id list of the observations behind the point (join to observations).';
COMMENT ON COLUMN displacement_timeline.unit IS 'Unit of value: percent, people or districts.';

COMMENT ON VIEW casualty_timeline IS 'metric_timeline rows for people_killed and people_injured (metric column kept).';
COMMENT ON COLUMN casualty_timeline.metric IS 'What is counted (vocabulary: territory_control_pct, people_killed, people_injured, people_displaced, people_evacuated, population_trapped, fighters, districts_captured).';
COMMENT ON COLUMN casualty_timeline.location IS 'Canonical place name from the gazetteer; NULL when no place was stated.';
COMMENT ON COLUMN casualty_timeline.subject IS 'Canonical group the figure is about (who holds, who was hit), e.g. government forces, civilians; NULL when unknown.';
COMMENT ON COLUMN casualty_timeline.as_of IS 'Date the figure describes.';
COMMENT ON COLUMN casualty_timeline.value IS 'Median of the values of the asserted observations dated as_of.';
COMMENT ON COLUMN casualty_timeline.value_min IS 'Lowest value or range bound reported by any of their mentions.';
COMMENT ON COLUMN casualty_timeline.value_max IS 'Highest value or range bound reported by any of their mentions.';
COMMENT ON COLUMN casualty_timeline.n_sources IS 'Independent sources over all their mentions (distinct publishers after near-copies are collapsed; a document of unknown publisher counts as its own).';
COMMENT ON COLUMN casualty_timeline.has_conflict IS 'True when one of the observations disagrees with another about the same figure (shares a conflict_group).';
COMMENT ON COLUMN casualty_timeline.observation_ids IS 'Sorted observation_id list of the observations behind the point (join to observations).';
COMMENT ON COLUMN casualty_timeline.unit IS 'Unit of value: percent, people or districts.';

COMMENT ON VIEW latest_known_values IS 'Latest known value of each asserted series (metric, location, subject) on every date a figure about its location is dated; as-of join, never interpolated.';
COMMENT ON COLUMN latest_known_values.metric IS 'What is counted.';
COMMENT ON COLUMN latest_known_values.location IS 'Canonical place name, NULL when unknown.';
COMMENT ON COLUMN latest_known_values.subject IS 'Canonical group, NULL when unknown.';
COMMENT ON COLUMN latest_known_values.shown_on IS 'Date the value is shown for: a date on which some figure about the location is dated.';
COMMENT ON COLUMN latest_known_values.as_of IS 'Date of the point whose value is shown (on or before shown_on).';
COMMENT ON COLUMN latest_known_values.days_since_as_of IS 'shown_on - as_of: 0 when the series has a point that day, else how old the carried value is.';
COMMENT ON COLUMN latest_known_values.value IS 'Value of the point dated as_of (metric_timeline.value).';
COMMENT ON COLUMN latest_known_values.value_min IS 'Lowest value or range bound behind that point.';
COMMENT ON COLUMN latest_known_values.value_max IS 'Highest value or range bound behind that point.';
COMMENT ON COLUMN latest_known_values.n_sources IS 'Independent sources behind that point.';
COMMENT ON COLUMN latest_known_values.has_conflict IS 'True when that point involves conflicting observations.';
COMMENT ON COLUMN latest_known_values.observation_ids IS 'Observations behind that point.';
COMMENT ON COLUMN latest_known_values.unit IS 'percent, people or districts.';

COMMENT ON VIEW cumulative_series IS 'Running totals of counted (non-percent) asserted series per (metric, location, subject), under both readings of a reported figure.';
COMMENT ON COLUMN cumulative_series.metric IS 'What is counted.';
COMMENT ON COLUMN cumulative_series.location IS 'Canonical place name, NULL when unknown.';
COMMENT ON COLUMN cumulative_series.subject IS 'Canonical group, NULL when unknown.';
COMMENT ON COLUMN cumulative_series.as_of IS 'Date of the point.';
COMMENT ON COLUMN cumulative_series.value IS 'Value of the point (metric_timeline.value).';
COMMENT ON COLUMN cumulative_series.running_total IS 'Sum of the series'' values up to and including as_of: right when each figure counts new incidents.';
COMMENT ON COLUMN cumulative_series.running_max IS 'Highest value of the series up to as_of: right when each figure is itself a total since some start.';
COMMENT ON COLUMN cumulative_series.n_points IS 'Number of points of the series up to as_of.';
COMMENT ON COLUMN cumulative_series.n_sources IS 'Independent sources behind this point.';
COMMENT ON COLUMN cumulative_series.unit IS 'people or districts.';

COMMENT ON VIEW conflicting_figures IS 'Observations that disagree about the same figure, one row per mention, with values, qualifiers, quotes and sources side by side.';
COMMENT ON COLUMN conflicting_figures.conflict_group IS 'Id shared by the disagreeing observations.';
COMMENT ON COLUMN conflicting_figures.n_observations_in_group IS 'How many observations disagree in the group.';
COMMENT ON COLUMN conflicting_figures.metric IS 'What is counted.';
COMMENT ON COLUMN conflicting_figures.unit IS 'percent, people or districts.';
COMMENT ON COLUMN conflicting_figures.location IS 'Canonical place name, NULL when unknown.';
COMMENT ON COLUMN conflicting_figures.subject IS 'Canonical group, NULL when unknown.';
COMMENT ON COLUMN conflicting_figures.as_of IS 'Date the observation describes.';
COMMENT ON COLUMN conflicting_figures.observation_id IS 'The observation the mention belongs to.';
COMMENT ON COLUMN conflicting_figures.observation_value IS 'The observation''s representative value (median of its mentions).';
COMMENT ON COLUMN conflicting_figures.observation_n_sources IS 'Independent sources behind the observation.';
COMMENT ON COLUMN conflicting_figures.mention_id IS 'The mention.';
COMMENT ON COLUMN conflicting_figures.value IS 'The value the mention states.';
COMMENT ON COLUMN conflicting_figures.value_low IS 'Lower bound when a range was stated.';
COMMENT ON COLUMN conflicting_figures.value_high IS 'Upper bound when a range was stated.';
COMMENT ON COLUMN conflicting_figures.qualifier IS 'Hedge of the stated figure (exact, approx, at_least ...).';
COMMENT ON COLUMN conflicting_figures.modality IS 'asserted, hypothetical, proposed, claimed or denied.';
COMMENT ON COLUMN conflicting_figures.attributed_to IS 'Who the article credits with the figure, NULL when the article asserts it.';
COMMENT ON COLUMN conflicting_figures.quote IS 'The sentence or clause stating the figure.';
COMMENT ON COLUMN conflicting_figures.publisher IS 'Outlet of the document, NULL if unknown.';
COMMENT ON COLUMN conflicting_figures.title IS 'Title of the document.';
COMMENT ON COLUMN conflicting_figures.published_on IS 'Publication date of the document.';
COMMENT ON COLUMN conflicting_figures.doc_id IS 'The document.';
COMMENT ON COLUMN conflicting_figures.source_path IS 'The document''s first source.';

COMMENT ON VIEW modality_timeline IS 'metric_timeline over every modality: one row per (metric, location, subject, as_of, modality), so hypothetical, proposed, claimed and denied figures sit next to asserted ones.';
COMMENT ON COLUMN modality_timeline.metric IS 'What is counted.';
COMMENT ON COLUMN modality_timeline.location IS 'Canonical place name, NULL when unknown.';
COMMENT ON COLUMN modality_timeline.subject IS 'Canonical group, NULL when unknown.';
COMMENT ON COLUMN modality_timeline.as_of IS 'Date the figures describe.';
COMMENT ON COLUMN modality_timeline.modality IS 'asserted, hypothetical, proposed, claimed or denied.';
COMMENT ON COLUMN modality_timeline.value IS 'Median of the observations'' values.';
COMMENT ON COLUMN modality_timeline.value_min IS 'Lowest value or range bound reported.';
COMMENT ON COLUMN modality_timeline.value_max IS 'Highest value or range bound reported.';
COMMENT ON COLUMN modality_timeline.n_sources IS 'Independent sources over all their mentions.';
COMMENT ON COLUMN modality_timeline.has_conflict IS 'True when one of the observations shares a conflict_group.';
COMMENT ON COLUMN modality_timeline.observation_ids IS 'Sorted ids of the observations behind the point.';
COMMENT ON COLUMN modality_timeline.unit IS 'percent, people or districts.';

COMMENT ON TABLE document_sources IS 'One row per input (file, CSV/JSONL row, JSON array element) that produced a document; the same text twice is one document with two sources.';
COMMENT ON COLUMN document_sources.source_path IS 'Input path relative to the PATH argument it was found under; file#N for the N-th data row or element.';
COMMENT ON COLUMN document_sources.input_file IS 'The file the input came from (source_path without #N).';
COMMENT ON COLUMN document_sources.doc_id IS 'The document it produced.';
COMMENT ON COLUMN document_sources.ingested_at IS 'When it was ingested (UTC).';

COMMENT ON TABLE quarantine IS 'Every input that could not become a document, with why: nothing is lost.';
COMMENT ON COLUMN quarantine.source_path IS 'Input path (file, or file#N).';
COMMENT ON COLUMN quarantine.input_file IS 'The file the input came from.';
COMMENT ON COLUMN quarantine.reason IS 'Why it was set aside: unsupported_format, too_large, binary, undecodable, empty, no_text or parse_error.';
COMMENT ON COLUMN quarantine.detail IS 'Details of the failure, NULL if none.';
COMMENT ON COLUMN quarantine.seen_at IS 'When it was seen (UTC).';

COMMENT ON MACRO TABLE timeline_as_known_on IS 'timeline_as_known_on(d): metric_timeline as it stood on date d, recomputed from the documents published on or before d (columns of metric_timeline plus known_on).'
