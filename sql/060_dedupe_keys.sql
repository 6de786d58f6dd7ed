-- Near-duplicate agreement keys (issue 21; src/newsflow/dedupe/agreement.py): the
-- distinguishing tokens of each article's title and lead (names, tickers, figures, dates), so a
-- later run checks that a new near copy agrees with an earlier article on what tells news items
-- of one template apart. Rows written before this migration have none: their sketch version is
-- older, so they are matched as exact duplicates only.

alter table article_signatures add column if not exists dup_keys uinteger[];  -- kind and hash of each token, text order, title first (at most 32)
alter table article_signatures add column if not exists dup_lead smallint;    -- how many of dup_keys come from the title and the first 60 words
