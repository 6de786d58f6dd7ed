-- Dedupe history on demand (issue 24): ids of the earlier articles a batch can touch by key:
-- its own ids ($ids: a rerun), its content hashes ($hashes: exact copies) and its MinHash LSH
-- band keys ($bands: near-duplicate candidates, sql/092_dedupe_lookup.sql).
select article_id from articles where article_id in (select unnest($ids))
union
select article_id from articles where content_hash in (select unnest($hashes))
union
select article_id from article_bands where band_key in (select unnest($bands))
