-- Dedupe history on demand (issue 24): the warehouse totals a run reads once instead of every
-- article: how many articles and canonical articles it holds, and its latest story day (the
-- clock of an undated batch). An article's story day is its published, else crawled date,
-- else the one its signature records, so the latest is the later of the two maxima.
select
    (select count(*) from articles) as articles,
    (select count(*) from articles where duplicate_of is null) as canonical,
    greatest(
        (select max(story_day) from article_signatures),
        (select max(coalesce(published_date, crawl_date)) from articles)
    ) as latest_day
