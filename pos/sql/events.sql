-- The prompt events that count (each once: `prompt_copies`), joined to their order's record (its
-- first: `order_copies`) and to the kept lines of that record, for what the reports derive
-- (events-and-reports.md):
--   day              the day of its order's record (an order across midnight counts on one day),
--                    its own file's day while the order has none (still open);
--   seq              as logged; for a version 1 event (0), its place among its order's events;
--   added            what the paid order's kept lines naming it added (a version 2 or 3 order);
--                    for a version 1 order, the delta of an accepted prompt of a paid order;
--   heard            as logged; for a version 1 or 2 event (0), one more than the prompts asked
--                    (accepted or declined) before it in its order for a prompt shown, else 0;
--   declined_before  how many prompts of its order the customer declined before it.
-- "Before" is by `seq`, then as read (`rid`). One row per event, by `rid`: its other columns are
-- the input's row of that `rid`. Portable SQL: DuckDB and Spark run it.
with
kept as (
    select
        rid,
        store_id,
        "order",
        outcome,
        delta,
        heard,
        day,
        case
            when seq > 0 then cast(seq as bigint)
            else row_number() over (partition by store_id, "order" order by rid)
        end as seq
    from prompt_copies
    where copy = 1
),
records as (
    select rid, store_id, "order", status, v2, day
    from order_copies
    where copy = 1
),
kept_lines as (
    select records.store_id, records."order", order_lines.prompt, cast(sum(order_lines.added) as bigint) as added
    from order_lines
    join records on records.rid = order_lines.order_rid
    where records.status = 'paid' and not order_lines.voided and order_lines.prompt is not null
    group by records.store_id, records."order", order_lines.prompt
)
select
    kept.rid,
    coalesce(records.day, kept.day) as day,
    kept.seq,
    case
        when records.v2 then coalesce(kept_lines.added, 0)
        when records.status = 'paid' and kept.outcome = 'accepted' then cast(kept.delta as bigint)
        else 0
    end as added,
    case
        when kept.heard > 0 then cast(kept.heard as bigint)
        when kept.outcome in ('accepted', 'declined', 'skipped') then cast(1 + coalesce(sum(
            case when kept.outcome in ('accepted', 'declined') then 1 else 0 end
        ) over earlier, 0) as bigint)
        else 0
    end as heard,
    cast(coalesce(sum(case when kept.outcome = 'declined' then 1 else 0 end) over earlier, 0) as bigint)
        as declined_before
from kept
left join records on records.store_id = kept.store_id and records."order" = kept."order"
left join kept_lines
    on kept_lines.store_id = kept.store_id
    and kept_lines."order" = kept."order"
    and kept_lines.prompt = kept.seq
window earlier as (
    partition by kept.store_id, kept."order" order by kept.seq, kept.rid
    rows between unbounded preceding and 1 preceding
)
order by kept.rid
