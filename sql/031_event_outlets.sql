-- The outlet each supporting article counts as in events.num_sources (see views/article_outlets):
-- a duplicate whose outlet is unknown counts as its canonical's outlet, not as a new one.
alter table event_articles add column if not exists outlet varchar;

update event_articles as ea
set outlet = o.outlet
from (
    select
        a.article_id,
        coalesce(
            a.source_name, c.source_name, 'article:' || coalesce(c.article_id, a.article_id)
        ) as outlet
    from articles as a
    left join articles as c on c.article_id = a.duplicate_of
) as o
where o.article_id = ea.article_id and ea.outlet is null;

update event_articles set outlet = coalesce(source_name, 'article:' || article_id)
where outlet is null;
