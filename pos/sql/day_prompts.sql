-- A closed day's prompt events as the reports keep them (PROMPT_SCHEMA, pos/core/analytics/columns.py):
-- a view over `logged`, the day's records as DuckDB's JSON reader gives them, each field typed as
-- declared (pos/core/base/events.py) and null where the record leaves it out. A version 1 event's
-- wording is its pitch; a field added later takes its declared default; the hour is the ts's.
select
    * replace (
        coalesce(template, pitch) as template,
        coalesce(seq, 0) as seq,
        coalesce(heard, 0) as heard,
        coalesce(revisit, false) as revisit
    ),
    cast(substr(ts, 12, 2) as integer) as hour
from logged
