-- The records that count once (`prompt_copies`, `order_copies`): the `rid` of each later copy, by
-- table, for the notice that names them.
select 'prompts' as records, rid from prompt_copies where copy > 1
union all
select 'orders' as records, rid from order_copies where copy > 1
order by records, rid
