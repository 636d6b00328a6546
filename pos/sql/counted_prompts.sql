-- The prompt events that count, each once: the first (by `rid`, the order they were read in) of
-- each store, order id and `seq`; a later one is the same event written again (a file copied back
-- in). A version 1 event (`seq` 0 or null) cannot be told from another prompt of its order: each
-- counts, its `seq` its place among its order's version 1 events as read. A null `heard` is 0.
-- A view over `prompts` (rid, store_id, "order", seq, outcome, delta, heard, day).
with repeated as (
    -- each event written more than once (rare), with its first `rid`
    select store_id, "order", seq, min(rid) as rid
    from prompts
    where seq > 0
    group by store_id, "order", seq
    having count(*) > 1
)
select
    prompts.rid,
    prompts.store_id,
    prompts."order",
    cast(prompts.seq as bigint) as seq,
    prompts.outcome,
    prompts.delta,
    coalesce(prompts.heard, 0) as heard,
    prompts.day
from prompts
left join repeated
    on repeated.store_id = prompts.store_id and repeated."order" = prompts."order" and repeated.seq = prompts.seq
where prompts.seq > 0 and (repeated.rid is null or repeated.rid = prompts.rid)
union all
select
    rid,
    store_id,
    "order",
    row_number() over (partition by store_id, "order" order by rid) as seq,
    outcome,
    delta,
    coalesce(heard, 0) as heard,
    day
from prompts
where not coalesce(seq, 0) > 0
