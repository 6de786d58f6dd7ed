-- History on demand (issue 24): the keys under which a run finds the earlier actors its
-- mentions can match, instead of reading every actor. Per alias and name of an actor:
--   'BLOCK|a|folded name'  exact match (block: the actor type, ORG and GROUP as one)
--   'BLOCK|n|surname'      the folded surname (an organisation's whole folded name) the fuzzy
--                          match indexes it under, with `block` = 'BLOCK|first letter', the
--                          surnames the fuzzy match scans for a name
-- resolve.name_lookups computes both; the folding is Python, so the rows of actors loaded
-- before this migration are filled by warehouse.migrate when it applies it. Aliases only grow
-- and an actor never changes block, so rows are only ever added.

create table if not exists actor_lookup (
    lookup   varchar not null,
    block    varchar,
    actor_id varchar not null,
    primary key (lookup, actor_id)
);
