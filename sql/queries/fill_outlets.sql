-- The outlet each article counts as wherever newsflow counts distinct outlets (num_sources of
-- stories and events, story_timeline.day_sources): its source_name; when that is unknown, an
-- original article counts as an outlet of its own (nobody else wrote its text) and a duplicate as
-- its canonical's outlet (a copy from an unknown outlet is no evidence of a second one).
-- Only rows whose outlet is still null change: the load runs this inside its transaction for
-- the rows it added, `warehouse.migrate` after every migration run (which backfilled the rows
-- loaded before migration 031). This file is the rule's only home: the events stage stages
-- event_articles with a null outlet, filled below, and the load then counts each event's
-- outlets (queries/refresh_event_counts.sql).
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

-- supporting articles: the outlet of the article (new rows, and rows from before migration 031)
update event_articles
set outlet = coalesce(a.outlet, 'article:' || event_articles.article_id)
from articles as a
where a.article_id = event_articles.article_id and event_articles.outlet is null;
