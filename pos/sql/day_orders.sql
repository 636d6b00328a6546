-- A closed day's order records as the reports keep them (ORDER_SCHEMA, pos/core/analytics/columns.py),
-- with their lines for day_order_lines.sql and day_order_items.sql: a view over `logged`, as
-- day_prompts.sql. `v2`: the record says what each prompt kept (it has `voided_lines`).
select
    *,
    cast(substr(ts, 12, 2) as integer) as hour,
    voided_lines is not null as v2
from logged
