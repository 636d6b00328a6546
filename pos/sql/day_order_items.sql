-- Each item a closed day's paid order ended with (ITEM_SCHEMA, pos/core/analytics/columns.py): its
-- lines, then their meals' components, in the record's order. A view over `day_orders`
-- (day_orders.sql, with each record's `rid`).
with paid as (
    select
        rid,
        store_id,
        "order",
        list_concat(lines, flatten(list_transform(lines, lambda line: coalesce(line.components, [])))) as every
    from day_orders
    where status = 'paid'
),
numbered as (
    select rid, store_id, "order", unnest(every) as line, generate_subscripts(every, 1) as place
    from paid
)
select store_id, "order", line.code, line.size
from numbered
order by rid, place
