-- Crawler output (issue 27): a WARC record's capture is kept apart from the page's publication.
-- articles.crawled_at is the record's WARC-Date (UTC; crawl_date is its date) and
-- articles.payload_digest its WARC-Payload-Digest ("sha1:BASE32"), the cheap exact-duplicate key
-- of a capture. Both are null for articles from folders, archives and JSON lines.
alter table articles add column if not exists crawled_at timestamp;
alter table articles add column if not exists payload_digest varchar;
-- WARC records that are crawl protocol (request, metadata, warcinfo, dns: ...) are not inputs:
-- a run counts them (skipped_records) and lists them by kind (skipped_by_kind, a JSON object).
alter table runs add column if not exists skipped_records bigint;
alter table runs add column if not exists skipped_by_kind varchar;
