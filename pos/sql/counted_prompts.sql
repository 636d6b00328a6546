-- The prompt events that count, each once: the first (by `rid`, the order they were read in) of
-- each store, order id and `seq`; a later one is the same event written again (a file copied back
-- in). A version 1 event (`seq` 0 or null) cannot be told from another prompt of its order: each
-- counts, its `seq` its place among all its order's events that count, as read. A null `heard` is 0.
-- A view over `prompts` (rid, store_id, "order", seq, outcome, delta, heard, day).
with repeated as (
    -- each event written more than once (rare), with its first `rid`
    select store_id, "order", seq, min(rid) as rid
    from prompts
    where seq > 0
    group by store_id, "order", seq
    having count(*) > 1
),
kept as (
    select prompts.*
    from prompts
    left join repeated
        on repeated.store_id = prompts.store_id and repeated."order" = prompts."order" and repeated.seq = prompts.seq
    where repeated.rid is null or repeated.rid = prompts.rid
),
unnumbered as (
    -- the orders holding a version 1 event (none in a log written since): only theirs are numbered
    select distinct store_id, "order" from kept where not coalesce(seq, 0) > 0
),
placed as (
    select kept.store_id, kept.rid, row_number() over (partition by kept.store_id, kept."order" order by kept.rid) as place
    from kept
    join unnumbered on unnumbered.store_id = kept.store_id and unnumbered."order" = kept."order"
)
select
    kept.rid,
    kept.store_id,
    kept."order",
    case when coalesce(kept.seq, 0) > 0 then cast(kept.seq as bigint) else placed.place end as seq,
    kept.outcome,
    kept.delta,
    coalesce(kept.heard, 0) as heard,
    kept.day
from kept
left join placed on placed.store_id = kept.store_id and placed.rid = kept.rid
