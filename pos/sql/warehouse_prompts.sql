-- A warehouse's prompts shown at the live counter (`pos export`'s `prompts`, each counted once and
-- joined by events.sql, the view `joined`, to what it kept), each in its currency and its group
-- (`{group}`, a column of the prompt's: its store, cashier or terminal): the `events` whose sums
-- prompt_sums.sql gives, as `pos report --by` groups them.
select
    prompts.currency,
    prompts.{group} as grp,
    prompts.outcome,
    prompts.delta,
    joined.added,
    prompts.response_ms
from prompts
join joined on joined.store_id = prompts.store_id and joined.rid = prompts.rid
where prompts.mode = 'live' and prompts.outcome in ('accepted', 'declined', 'skipped')
