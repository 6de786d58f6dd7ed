-- Issue 20: the generic agent of a role the text fills without naming anyone ("Police fired tear
-- gas at protesters": source_generic 'police', target_generic 'protester'). The role's actor id
-- stays null (no actor is named); the word makes the row readable and filterable. Rows loaded
-- before this migration have none (null), as do roles that are named or empty.
alter table events add column if not exists source_generic varchar;
alter table events add column if not exists target_generic varchar;
