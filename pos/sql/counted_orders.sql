-- The order records that count, each once: the first (by `rid`, the order they were read in) of
-- each store and order id; a later one is the same record written again (a file copied back in),
-- and its lines count nowhere. A view over `orders` (rid, store_id, "order", status, v2, day).
with firsts as (
    select store_id, min(rid) as rid
    from orders
    group by store_id, "order"
)
select orders.rid, orders.store_id, orders."order", orders.status, orders.v2, orders.day
from orders
join firsts on firsts.store_id = orders.store_id and firsts.rid = orders.rid
