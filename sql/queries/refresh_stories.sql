-- Rebuild the `stories` rows whose membership changed (issue 5). The load runs this inside its
-- transaction with its $run_id. Articles are only ever added, so a story is stale exactly when
-- the run added an article to it (or it has no top_terms: a story loaded before migration 091):
-- only those stories are recomputed, and running it again changes nothing. (Finding them by
-- comparing every story's article count with stories.num_articles grouped the whole articles
-- table at every load: +1.5 GB and 1.4 s at 1M articles, issue 24.)
insert or replace into stories
    (story_id, first_seen, last_seen, num_articles, num_sources, headline, top_actors, top_terms)
with touched as (
    select story_id from articles where run_id = $run_id and story_id is not null
    union
    select story_id from stories where top_terms is null
),

members as (
    select
        a.article_id, a.story_id, a.published_date, a.crawl_date, a.outlet, a.title,
        a.duplicate_of, a.input_seq
    from articles as a
    semi join touched as t on t.story_id = a.story_id
),

summary as (
    select
        story_id,
        min(coalesce(published_date, crawl_date)) as first_seen,
        max(coalesce(published_date, crawl_date)) as last_seen,
        count(*) as num_articles,
        count(distinct outlet) as num_sources,
        first(title order by coalesce(published_date, crawl_date) nulls last, input_seq, article_id)
            filter (where duplicate_of is null and title is not null) as headline
    from members
    group by story_id
),

-- duplicates are not re-extracted, so mentions come from the canonical members
actor_counts as (
    select m.story_id, ac.name, count(*) as n
    from members as m
    inner join mentions as me on me.article_id = m.article_id
    inner join actors as ac on ac.actor_id = me.actor_id
    group by m.story_id, ac.name
),

top_actors as (
    select story_id, list(name order by n desc, name) as top_actors
    from (
        select *, row_number() over (partition by story_id order by n desc, name) as rank
        from actor_counts
    )
    where rank <= 5
    group by story_id
),

-- title words of the canonical members; a word counts once per article
stop_words as (
    select unnest([
        'the', 'and', 'for', 'with', 'from', 'into', 'onto', 'over', 'under', 'after', 'before',
        'about', 'against', 'amid', 'among', 'than', 'that', 'this', 'these', 'those', 'its',
        'his', 'her', 'their', 'our', 'your', 'are', 'was', 'were', 'been', 'being', 'has', 'have',
        'had', 'will', 'would', 'could', 'should', 'may', 'might', 'can', 'not', 'but', 'more',
        'less', 'new', 'says', 'said', 'say', 'set', 'sets', 'see', 'sees', 'get', 'gets', 'out',
        'off', 'via', 'per', 'all', 'any', 'who', 'what', 'how', 'why', 'when', 'where', 'which',
        'one', 'two', 'three', 'first', 'last', 'next', 'year', 'years', 'week', 'day', 'today',
        'mln', 'bln', 'pct', 'cts', 'inc', 'corp', 'ltd', 'plc', 'qtr', 'vs'
    ]) as word
),

title_words as (
    select distinct
        story_id,
        article_id,
        unnest(string_split_regex(lower(title), '[^\p{L}\p{N}]+')) as word
    from members
    where duplicate_of is null and title is not null
),

term_counts as (
    select story_id, word, count(*) as n
    from title_words
    where
        length(word) >= 3
        and not regexp_full_match(word, '[0-9]+')
        and word not in (select word from stop_words)
    group by story_id, word
),

top_terms as (
    select story_id, list(word order by n desc, word) as top_terms
    from (
        select *, row_number() over (partition by story_id order by n desc, word) as rank
        from term_counts
    )
    where rank <= 5
    group by story_id
),

final as (
    select
        s.story_id,
        s.first_seen,
        s.last_seen,
        s.num_articles,
        s.num_sources,
        s.headline,
        coalesce(t.top_actors, []::varchar[]) as top_actors,
        coalesce(w.top_terms, []::varchar[]) as top_terms
    from summary as s
    left join top_actors as t on t.story_id = s.story_id
    left join top_terms as w on w.story_id = s.story_id
)

select * from final
