-- num_sources and confidence of the events this load wrote (staged with nulls by the events
-- stage, issue 20), run inside the load transaction after queries/fill_outlets.sql has set the
-- outlet of every supporting article. num_sources counts distinct outlets among the event's
-- supporting articles (event_articles, every run's); confidence rises with each further outlet:
-- 1 - (1 - p) * 0.6^(outlets - 1), p the staged confidence: the probability that the row's reading
-- is right, fitted on blind audits (newsflow.confidence). The 0.6 per outlet is a prior: the
-- shared corpora have one outlet each, so no audit has measured it.
update events
set
    num_sources = c.num_sources,
    confidence = round(1 - (1 - events.confidence) * pow(0.6, c.num_sources - 1), 3)
from (
    select event_id, count(distinct outlet) as num_sources
    from event_articles
    group by event_id
) as c
where events.num_sources is null
    and c.event_id = events.event_id;

-- Every event now has its outlet count, and outlets are counted among its articles: anything
-- else fails the load (and rolls the run back).
select error('events whose outlets cannot be counted after the load: ' || count(*))
from events
where num_sources is null or num_sources > num_articles
having count(*) > 0;
