-- The sums and counts behind every prompt metric of docs/spec/events-and-reports.md, for each group of
-- prompts shown. `events` has a row per prompt shown: its currency and its group (`grp`), so money
-- is never added up across currencies (the report gives all one currency and tells currencies apart
-- itself), its outcome, `delta`, `added` (what it kept in a paid order) and `response_ms`. The
-- rates, Wilson intervals and means are worked out from these in Python (pos/core/analytics/metrics.py).
select
    currency,
    grp,
    count(*) as shown,
    count(*) filter (where outcome = $accepted) as accepted,
    count(*) filter (where outcome = $declined) as declined,
    count(*) filter (where outcome = $skipped) as skipped,
    coalesce(sum(delta) filter (where outcome = $accepted), 0) as accepted_value,
    sum(added) as added_revenue,
    sum(response_ms) as response_ms,
    median(response_ms) as median_response_ms
from events
group by currency, grp
order by currency, grp
