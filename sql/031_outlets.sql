-- articles.outlet: the outlet an article counts as in every num_sources (the rule is in
-- queries/fill_outlets.sql, which the load runs for new rows), backfilled here with the same
-- statement; event_articles.outlet: the same for each supporting article.
alter table articles add column if not exists outlet varchar;
alter table event_articles add column if not exists outlet varchar;

update articles
set outlet = o.outlet
from (
    select
        a.article_id,
        coalesce(
            a.source_name, c.source_name, 'article:' || coalesce(c.article_id, a.article_id)
        ) as outlet
    from articles as a
    left join articles as c on c.article_id = a.duplicate_of
    where a.outlet is null
) as o
where articles.article_id = o.article_id;

update event_articles
set outlet = coalesce(a.outlet, 'article:' || event_articles.article_id)
from articles as a
where a.article_id = event_articles.article_id;

update event_articles set outlet = coalesce(source_name, 'article:' || article_id)
where outlet is null;
