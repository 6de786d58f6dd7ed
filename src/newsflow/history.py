"""History on demand (issue 24): the earlier actors and events one batch can touch, read from
the warehouse by key instead of whole at the start of every run.

`Settings.history` chooses: "full" reads every actor and event once per run (the reference),
"on_demand" gives the run's `resolve.ActorRegistry` and `events.EventState` a `WarehouseHistory`
to read from as batches need it. Each read opens its own short read-only connection: the run
holds the run lock, and its load at the end is the only writer (docs/design.md).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import duckdb
import polars as pl

from newsflow import resources, schema
from newsflow import warehouse as wh
from newsflow.resolve import actor_lookup_rows


@dataclass
class WarehouseHistory(wh.ShortReads):
    """Reads of earlier actors and events by key, each in a short read-only connection."""

    rows: dict[str, int] = field(default_factory=dict)  # rows read, by kind
    # Whether the warehouse holds any actor / event, asked once: the run holds the lock, so no
    # other run writes meanwhile, and a run into an empty warehouse (a first run) reads nothing.
    _holds: dict[str, bool] = field(default_factory=dict)

    def _holds_any(self, table: str) -> bool:
        if table not in self._holds:
            sql = f"select exists (select 1 from {table}) as holds"
            self._holds[table] = bool(self._query("holds", sql, {})["holds"][0])
        return self._holds[table]

    def _query(self, kind: str, sql: str, params: dict[str, Any]) -> pl.DataFrame:
        frame = pl.from_arrow(self.arrow(sql, params))
        assert isinstance(frame, pl.DataFrame)
        self.rows[kind] = self.rows.get(kind, 0) + frame.height
        return frame

    def holds_actors(self) -> bool:
        """Whether the warehouse holds any actor (else a batch has nothing to look up)."""
        return self._holds_any("actors")

    def surnames(self, blocks: list[str]) -> dict[str, list[str]]:
        """The distinct folded surnames in each surname block of `blocks` ("PERSON|k")."""
        if not self._holds_any("actors"):
            return {}
        sql = resources.sql("queries/history_surnames.sql")
        rows = self._query("surnames", sql, {"blocks": blocks})
        grouped = rows.group_by("block", maintain_order=True).agg("surname")
        return dict(zip(grouped["block"].to_list(), grouped["surname"].to_list(), strict=True))

    def actors(self, keys: list[str], ids: list[str], held: list[str]) -> pl.DataFrame:
        """schema.ACTORS rows under lookup `keys` (`resolve.name_lookups`) or with `ids`,
        except the `held` ids."""
        if not self._holds_any("actors"):
            return schema.empty(schema.ACTORS)
        sql = resources.sql("queries/history_actors.sql")
        # the held ids are left out here, not in SQL: a run holds thousands, and binding them
        # as a parameter of every read cost more than the read (BBC: 293 reads, 10.8 s)
        found = self._query("actors", sql, {"keys": keys, "ids": ids})
        return found.filter(~pl.col("actor_id").is_in(held))

    def name_cues(self, names: list[str]) -> pl.DataFrame:
        """(name, cue) rows of `names` (`name_memory.NameMemory`)."""
        if not self._holds_any("name_cues"):
            return pl.DataFrame(schema={"name": pl.String, "cue": pl.String})
        return self._query(
            "name_cues", resources.sql("queries/history_name_cues.sql"), {"names": names}
        )

    def events(
        self,
        pairs: list[str],
        window: tuple[date, date] | None,
        stories: list[str],
        articles: list[str],
        ids: list[str],
        held: list[str],
    ) -> pl.DataFrame:
        """Known-event rows (queries/event_state.sql columns): dated ones of a type whose source
        or target merge key makes one of `pairs` ("TYPE|key") and whose date window meets
        `window` (none without one); those of the `stories`; those that `articles` support (a
        duplicate's canonical); those with `ids`; except the `held` ids."""
        sql = resources.sql("queries/history_events.sql")
        keys = sorted({pair.split("|", 1)[1] for pair in pairs})
        lo, hi = window if window is not None else (None, None)
        params = {
            "pairs": pairs,
            "keys": keys,
            "lo": lo,
            "hi": hi,
            "stories": stories,
            "articles": articles,
            "ids": ids,
            "held": held,
        }
        return self._query("events", sql, params)


def fill_actor_lookup(con: duckdb.DuckDBPyConnection) -> int:
    """Add the `actor_lookup` rows of actors that have none (those loaded before
    sql/090_actor_lookup.sql); return how many actors were filled."""
    missing = con.execute(
        "select actor_id, name, actor_type, country_code, aliases from actors "
        "where actor_id not in (select actor_id from actor_lookup)"
    ).pl()
    if missing.height:
        con.register("new_lookup_rows", actor_lookup_rows(missing))
        con.execute(
            "insert or ignore into actor_lookup select lookup, block, actor_id from new_lookup_rows"
        )
        con.unregister("new_lookup_rows")
    return missing.height
