-- Each order record with `copy`: 1 for the first of its store and order id (by `rid`, the order
-- records were read in), 2, 3... for the same record written again (a file copied back in), which
-- counts once. A view over `orders` (rid, store_id, "order", status, v2, day).
select
    rid,
    store_id,
    "order",
    status,
    v2,
    day,
    row_number() over (partition by store_id, "order" order by rid) as copy
from orders
