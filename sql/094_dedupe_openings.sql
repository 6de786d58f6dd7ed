-- Openings of near-duplicate candidates (issue 21; src/newsflow/dedupe/openings.py): the content
-- words of each article's title and first sentence and a Bloom filter of the words of its title
-- and first 200 body words, so a later run can tell an updated page of a running story (a new
-- headline and lead over a repeated body) from a copy. Rows written before this migration have
-- none: they are never judged an updated page.

alter table article_signatures add column if not exists dup_opening uinteger[];  -- hashed title and first-sentence words, title flagged (at most 32)
alter table article_signatures add column if not exists dup_bloom uinteger[];    -- Bloom filter of the title and first 200 words (64 x 32 bits)
