-- Known events with their merge keys and supporting articles, read once at run start (issue 7).
with supporting as (
    select
        event_id,
        list(struct_pack(article_id, source_name, num_mentions, outlet) order by article_id) as supporting
    from event_articles
    group by event_id
),

final as (
    select e.*, k.* exclude (event_id), s.supporting
    from events as e
    inner join event_keys as k on k.event_id = e.event_id
    left join supporting as s on s.event_id = e.event_id
)

select * from final
