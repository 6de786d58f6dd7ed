-- Events per day and PLOVER type: the GDELT-style daily series. Undated events keep a row
-- (event_date null) so the counts add up to the events table. expected_events sums confidence:
-- how many of them a careful reader would find real and of that type (newsflow.confidence).
create or replace view daily_event_counts as
with final as (
    select
        event_date,
        event_type,
        count(*) as num_events,
        sum(num_articles) as num_articles,
        sum(num_mentions) as num_mentions,
        round(sum(confidence), 2) as expected_events
    from events
    group by event_date, event_type
)
select * from final;
