-- History on demand (issue 24): the loaded articles among a batch's inputs ($inputs: input
-- hashes, whose inputs are not parsed again) and articles ($ids: not processed again), instead
-- of every loaded article's id and input hash.
select article_id, input_hash from articles where input_hash in (select unnest($inputs))
union
select article_id, input_hash from articles where article_id in (select unnest($ids))
