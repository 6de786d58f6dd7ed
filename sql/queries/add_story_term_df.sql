-- Add the salient terms of the canonical articles a run loads ($run_id) to the document
-- frequencies of sql/092_dedupe_lookup.sql ($slots = dedupe.terms.DF_SLOTS). Part of the
-- run's load transaction, so a failed run adds nothing. With a null $run_id, every article's:
-- the migration's backfill (dedupe.lookup.fill_dedupe_lookup).
insert into story_term_df (slot, n)
with terms as (
    select unnest(s.story_terms) as term
    from article_signatures as s
    inner join articles as a on a.article_id = s.article_id
    where ($run_id is null or a.run_id = $run_id) and a.duplicate_of is null
),

final as (
    select (term % $slots)::integer as slot, count(*) as n
    from terms
    group by slot
)

select slot, n from final
on conflict (slot) do update set n = story_term_df.n + excluded.n
