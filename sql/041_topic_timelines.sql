-- The metric timeline cut by topic, for the questions analysts ask most.
CREATE OR REPLACE VIEW control_timeline AS
SELECT * FROM metric_timeline WHERE metric = 'territory_control_pct';

CREATE OR REPLACE VIEW displacement_timeline AS
SELECT * FROM metric_timeline WHERE metric = 'people_displaced';

CREATE OR REPLACE VIEW casualty_timeline AS
SELECT * FROM metric_timeline WHERE metric IN ('people_killed', 'people_injured');
