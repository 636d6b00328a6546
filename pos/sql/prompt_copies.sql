-- Each prompt event with `copy`: 1 for the first of its store, order id and `seq` (by `rid`, the
-- order the events were read in), 2, 3... for the same event written again, which counts once. A
-- version 1 event (`seq` 0) cannot be told from another prompt of its order: always 1. A view over
-- `prompts` (rid, store_id, "order", seq, outcome, delta, heard, day).
select
    rid,
    store_id,
    "order",
    seq,
    outcome,
    delta,
    heard,
    day,
    case
        when seq > 0 then row_number() over (partition by store_id, "order", seq order by rid)
        else 1
    end as copy
from prompts
