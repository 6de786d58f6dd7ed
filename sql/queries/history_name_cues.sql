-- The stored cues of the names $names (newsflow.name_memory; history on demand, issue 24).
select name, cue
from name_cues
where name in (select unnest($names))
