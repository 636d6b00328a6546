-- The store ids under which two exports hold different records at one place of the store's log
-- (`rid`): two stores sharing an id (a store's folder copied to set up another, both selling since),
-- which a warehouse cannot tell apart. The same record twice (a backup exported as well) is no clash.
select distinct store_id
from (
    select store_id, rid, "order", ts_local from prompts
    union all
    select store_id, rid, "order", ts_local from orders
) as records
group by store_id, rid
having count(distinct "order") > 1 or count(distinct ts_local) > 1
