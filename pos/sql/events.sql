-- The prompt events that count (`counted_prompts`), joined to their order's record that counts
-- (`counted_orders`) and to the lines of that record, for what the reports derive
-- (docs/spec/events-and-reports.md):
--   day              the day of its order's record (an order across midnight counts on one day),
--                    its own file's day while the order has none (still open);
--   seq              as logged; for a version 1 event, its place among its order's events;
--   added            what the paid order's kept lines naming it added (a version 2 or 3 order);
--                    for a version 1 order, the delta of an accepted prompt of a paid order; and
--                    never more, over its order's prompts, than the order kept: its `subtotal`
--                    (before tax, after its discounts; the report's, less what was given back after
--                    the receipt). An order whose prompts added more (a discount or a reward took
--                    it to $0.00) shares what it kept among the prompts that added, by what each
--                    added: each share rounded down, the cents left one each to the largest
--                    remainders, then by `seq` and `rid`, so they sum to it exactly;
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
),
derived as (
    select
        counted.store_id,
        counted.rid,
        counted."order",
        records.subtotal,
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
),
gains as (
    -- per order: what its prompts added (`gained`), and what that may be (`room`): what the order
    -- kept, and what its prompts took off (a meal cheaper than its items) on top
    select
        store_id,
        "order",
        sum(case when added > 0 then added else 0 end) as gained,
        greatest(coalesce(max(subtotal), 0), 0) - sum(case when added < 0 then added else 0 end) as room
    from derived
    group by store_id, "order"
),
split as (
    select
        derived.store_id,
        derived.rid,
        derived."order",
        derived.seq,
        gains.room,
        (derived.added * gains.room) // greatest(gains.gained, 1) as floor_share,
        (derived.added * gains.room) % greatest(gains.gained, 1) as remainder
    from derived
    join gains on gains.store_id = derived.store_id and gains."order" = derived."order"
    where gains.gained > gains.room and derived.added > 0
),
shared as (
    select
        store_id,
        rid,
        floor_share + case when row_number() over (
            partition by store_id, "order" order by remainder desc, seq, rid
        ) <= room - sum(floor_share) over (partition by store_id, "order") then 1 else 0 end as added
    from split
)
select
    derived.store_id,
    derived.rid,
    derived.day,
    derived.seq,
    cast(coalesce(shared.added, derived.added) as bigint) as added,
    derived.heard,
    derived.declined_before
from derived
left join shared on shared.store_id = derived.store_id and shared.rid = derived.rid
