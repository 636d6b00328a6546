-- The order records that count, each once: the first (by `rid`, the order they were read in) of
-- each store and order id; a later one is the same record written again (a file copied back in),
-- and its lines count nowhere. A view over `orders` (rid, store_id, "order", status, v2, day,
-- subtotal).
with repeated as (
    -- each record written more than once (rare), with its first `rid`
    select store_id, "order", min(rid) as rid
    from orders
    group by store_id, "order"
    having count(*) > 1
)
select orders.rid, orders.store_id, orders."order", orders.status, orders.v2, orders.day, orders.subtotal
from orders
left join repeated on repeated.store_id = orders.store_id and repeated."order" = orders."order"
where repeated.rid is null or repeated.rid = orders.rid
