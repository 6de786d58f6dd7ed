"""What earlier batches and runs said of a name's kind (issue 20): the batch is not the unit.

`firm_names.batch_firms` reads a batch's articles together: "Yukos" is a firm in every article
of a batch in which one article writes "oil giant Yukos" and none gives it a person. But a run
reads its bundle in batches of 500, and a scheduled deployment sends a small bundle a day, so
a name written as a firm's in Monday's bundle stayed the small model's PERSON in Tuesday's.

The memory holds the cues read so far, by `firm_names.name_key`: the names some article wrote
with a firm's or a club's own words ("oil giant Yukos", "Chelsea boss Jose Mourinho") and the
names some article gave a person ("Mr Keane", "Keane said he"). The run's earlier batches are
held in memory; earlier runs' cues are read from the warehouse's `name_cues` table
(sql/097_name_cues.sql), by name as a batch needs them (`history: on_demand`), or whole at the
start (`full`); the run stages the cues it learned (`new_rows`), loaded with its other tables.
A name is then a firm when any article read so far wrote it as a firm's and none gave it a
person. The surnames of people named in full ("Keane" of "Roy Keane") block a name in their
own batch only (`batch_firms`): a person named in full in another week's news says nothing of
the lone name there.

Cues are a set, so a re-run adds nothing and the order of runs does not change what is stored;
what a name's mentions became in runs before its cue arrived is not changed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Protocol

import polars as pl

FIRM, PERSON = "firm", "person"  # name_cues.cue
NAME_CUES = {"name": pl.String, "cue": pl.String, "run_id": pl.String}  # the staged rows


class CueHistory(Protocol):
    """The warehouse's earlier name cues, read by name (`history.WarehouseHistory`)."""

    def name_cues(self, names: list[str]) -> pl.DataFrame:
        """(name, cue) rows of `names`."""
        ...


@dataclass
class NameMemory:
    """The firm and person cues of every name read so far (module doc)."""

    history: CueHistory | None = None
    firms: set[str] = field(default_factory=set)
    people: set[str] = field(default_factory=set)
    _asked: set[str] = field(default_factory=set)  # names read from the history already
    _learned: dict[tuple[str, str], None] = field(default_factory=dict)  # this run's, in order

    @classmethod
    def from_frame(cls, rows: pl.DataFrame) -> NameMemory:
        """A memory holding every stored (name, cue) row (`history: full`)."""
        memory = cls()
        memory._hold(rows)
        return memory

    def _hold(self, rows: pl.DataFrame) -> None:
        for name, cue in rows.select("name", "cue").iter_rows():
            (self.firms if cue == FIRM else self.people).add(name)

    def recall(self, names: Iterable[str]) -> None:
        """Read the stored cues of the `names` not read before."""
        ask = sorted(set(names) - self._asked)
        if self.history is not None and ask:
            self._hold(self.history.name_cues(ask))
        self._asked.update(ask)

    def learn(self, cues: Iterable[tuple[set[str], set[str]]]) -> None:
        """Hold the (firm names, person names) of each article of a batch."""
        for firms, people in cues:
            for names, kind, held in ((firms, FIRM, self.firms), (people, PERSON, self.people)):
                for name in sorted(names - held):
                    held.add(name)
                    self._learned[(name, kind)] = None

    def new_rows(self, run_id: str) -> pl.DataFrame:
        """The cues this run learned that the memory did not hold: `name_cues` rows (those
        stored already, but never read, are ignored by the load)."""
        rows = [(name, cue, run_id) for name, cue in self._learned]
        return pl.DataFrame(rows, schema=NAME_CUES, orient="row")
