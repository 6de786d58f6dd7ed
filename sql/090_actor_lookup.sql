-- History on demand (issue 24): the keys under which a run finds the earlier actors its
-- mentions can match, instead of reading every actor. One row per key of each alias and name:
-- 'BLOCK|a|folded name' for exact hits, 'BLOCK|s|first letter of the folded surname' for the
-- block the fuzzy match scans (resolve.name_lookups computes both; folding is Python, so the
-- rows of actors loaded before this migration are filled by warehouse.migrate when it applies
-- it). Aliases only grow and an actor never changes block, so rows are only ever added.

create table if not exists actor_lookup (
    lookup   varchar not null,
    actor_id varchar not null,
    primary key (lookup, actor_id)
);
