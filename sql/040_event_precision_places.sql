-- Issue 20: how precise an event's date is, whether it is only past context, and the GeoNames id
-- of its place (place_name now in GeoNames' ASCII form). Older rows: precision from their date
-- source (an explicit or relative date was a day, or the first day of a period: unknown, left
-- null; a publication or crawl date is that day), background false, no GeoNames id; their place
-- names and merge keys lose their diacritics so that new reports still merge into them.
alter table events add column if not exists event_date_precision varchar;
alter table events add column if not exists background boolean;
alter table events add column if not exists geonames_id bigint;

update events
set event_date_precision = case when date_source in ('published', 'crawl') then 'day' end
where event_date is not null and event_date_precision is null;

update events set background = false where background is null;

update events set place_name = strip_accents(place_name) where place_name <> strip_accents(place_name);

update event_keys set place_key = strip_accents(place_key) where place_key <> strip_accents(place_key);
