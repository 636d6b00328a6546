-- A warehouse's paid orders at the live counter (`pos export`'s `orders`, each record counted once:
-- `counted_orders`), in their currency and group (`{group}`, a column of the order's: its store,
-- cashier or terminal): how many, and what their totals sum to, as `pos report --by` counts a
-- group's orders.
select
    orders.currency,
    orders.{group} as grp,
    count(*) as orders,
    sum(orders.total) as tickets
from orders
join counted_orders on counted_orders.store_id = orders.store_id and counted_orders.rid = orders.rid
where orders.mode = 'live' and orders.status = 'paid'
group by orders.currency, orders.{group}
order by orders.currency, orders.{group}
