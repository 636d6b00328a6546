-- Each line of a closed day's order records that a prompt added or changed (LINE_SCHEMA,
-- pos/core/analytics/columns.py): a record's kept lines, then their meals' components, then the lines
-- voided before payment, then theirs; `part` numbers them within the record, from 1, and `order_rid`
-- is the record's row. A view over `day_orders` (day_orders.sql, with each record's `rid`).
-- A line that says nothing of what a prompt added (`added` left out) added nothing.
with parts as (
    select
        rid,
        store_id,
        "order",
        list_filter(
            list_concat(
                list_transform(coalesce(lines, []), lambda line: {'prompt': line.prompt, 'added': coalesce(line.added, 0), 'voided': 0}),
                list_transform(
                    flatten(list_transform(coalesce(lines, []), lambda line: coalesce(line.components, []))),
                    lambda line: {'prompt': line.prompt, 'added': coalesce(line.added, 0), 'voided': 0}
                ),
                list_transform(coalesce(voided_lines, []), lambda line: {'prompt': line.prompt, 'added': coalesce(line.added, 0), 'voided': 1}),
                list_transform(
                    flatten(list_transform(coalesce(voided_lines, []), lambda line: coalesce(line.components, []))),
                    lambda line: {'prompt': line.prompt, 'added': coalesce(line.added, 0), 'voided': 1}
                )
            ),
            lambda line: line.prompt is not null
        ) as prompted
    from day_orders
),
numbered as (
    select rid, store_id, "order", unnest(prompted) as line, generate_subscripts(prompted, 1) as part
    from parts
)
select store_id, "order", line.prompt, line.added, part, line.voided, rid as order_rid
from numbered
order by rid, part
