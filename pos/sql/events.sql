-- The prompt events that count (`counted_prompts`), joined to their order's record that counts
-- (`counted_orders`) and to the lines of that record, for what the reports derive
-- (docs/spec/events-and-reports.md):
--   day              the day of its order's record (an order across midnight counts on one day),
--                    its own file's day while the order has none (still open);
--   seq              as logged; for a version 1 event, its place among its order's events;
--   added            what the paid order's kept lines naming it added (a version 2 or 3 order);
--                    for a version 1 order, the delta of an accepted prompt of a paid order;
--   heard            as logged; for a version 1 or 2 event (0), one more than the prompts asked
--                    (accepted or declined) before it in its order for a prompt shown, else 0;
--   declined_before  how many prompts of its order the customer declined before it.
-- "Before" is by `seq`, then as read (`rid`). One row per event counted, by store and `rid` (a
-- record's `rid` is its place in its store's reading order), in no particular order. A line
-- (order_lines: rid, store_id, order_rid, prompt, added, voided) is its store's record `order_rid`'s.
-- Portable SQL: DuckDB and Spark run it.
with
counted as (
    select * from counted_prompts
),
records as (
    select * from counted_orders
),
paid_lines as (
    select records.store_id, records."order", order_lines.prompt, cast(sum(order_lines.added) as bigint) as added
    from order_lines
    join records on records.store_id = order_lines.store_id and records.rid = order_lines.order_rid
    where records.status = 'paid' and not order_lines.voided and order_lines.prompt is not null
    group by records.store_id, records."order", order_lines.prompt
),
unheard_orders as (
    -- the orders holding a prompt shown that logs no `heard` (version 1 and 2): only theirs are counted
    select distinct store_id, "order"
    from counted
    where heard = 0 and outcome in ('accepted', 'declined', 'skipped')
),
unheard as (
    -- each prompt of those orders, with the prompts asked before it in its order
    select
        counted.store_id,
        counted.rid,
        sum(case when counted.outcome in ('accepted', 'declined') then 1 else 0 end) over (
            partition by counted.store_id, counted."order" order by counted.seq, counted.rid
            rows between unbounded preceding and 1 preceding
        ) as asked_before
    from counted
    join unheard_orders
        on unheard_orders.store_id = counted.store_id and unheard_orders."order" = counted."order"
)
select
    counted.store_id,
    counted.rid,
    coalesce(records.day, counted.day) as day,
    counted.seq,
    case
        when records.v2 then coalesce(paid_lines.added, 0)
        when records.status = 'paid' and counted.outcome = 'accepted' then cast(counted.delta as bigint)
        else 0
    end as added,
    case
        when counted.heard > 0 then cast(counted.heard as bigint)
        when counted.outcome in ('accepted', 'declined', 'skipped')
            then cast(1 + coalesce(unheard.asked_before, 0) as bigint)
        else 0
    end as heard,
    cast(coalesce(sum(case when counted.outcome = 'declined' then 1 else 0 end) over (
        partition by counted.store_id, counted."order" order by counted.seq, counted.rid
        rows between unbounded preceding and 1 preceding
    ), 0) as bigint) as declined_before
from counted
left join records on records.store_id = counted.store_id and records."order" = counted."order"
left join paid_lines
    on paid_lines.store_id = counted.store_id
    and paid_lines."order" = counted."order"
    and paid_lines.prompt = counted.seq
left join unheard on unheard.store_id = counted.store_id and unheard.rid = counted.rid
