"""Strings: the dedupe state's id and hash columns, packed in one bytes array each.

The state keeps an article id, a content hash and a story id for every earlier article. As
Python lists they cost a pointer and a string object each (8 + 67, 8 + 81 and 8 + 67 bytes): at
a million articles ~230 MB of the state's ~2.3 GB. Packed as fixed-width bytes (18, 32 and 18
bytes, plus one marker byte) they cost ~70 MB. Reading one back decodes it (~0.2 us): dedupe
reads them per candidate and per new row, never per earlier article in a loop.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import numpy as np

_PRESENT = b"="  # first byte of every stored value: b"" is None, b"=" the empty string


class Strings:
    """An append-only column of optional strings with item assignment, in a numpy bytes array
    that widens when a longer value arrives (ids and hashes all have one width). A value must
    not end in a NUL character (numpy drops those); ids and hex hashes never do."""

    def __init__(self, values: Iterable[str | None] = ()) -> None:
        self._data = np.zeros(0, "S1")
        self._size = 0
        self.extend(values)

    def __len__(self) -> int:
        return self._size

    def __iter__(self) -> Iterator[str | None]:
        return iter(self.take(np.arange(self._size)))

    def __getitem__(self, row: int) -> str | None:
        if not -self._size <= row < self._size:
            raise IndexError(row)
        return _decode(self._data[row % self._size])

    def __setitem__(self, row: int, value: str | None) -> None:
        if not -self._size <= row < self._size:
            raise IndexError(row)
        packed = _encode(value)
        self._fit(len(packed))
        self._data[row % self._size] = packed

    def extend(self, values: Iterable[str | None]) -> None:
        packed = [_encode(v) for v in values]
        if not packed:
            return
        self._fit(max(len(p) for p in packed))
        need = self._size + len(packed)
        if need > self._data.size:  # in place, like the state's other columns (DedupeState._grow)
            self._data.resize(max(need, int(self._data.size * 1.25) + 1024), refcheck=False)
        self._data[self._size : need] = packed
        self._size = need

    def take(self, rows: np.ndarray) -> list[str | None]:
        """The values at `rows` (state rows), in order."""
        return [_decode(v) for v in self._data[: self._size][rows].tolist()]

    def _fit(self, width: int) -> None:
        if width > self._data.itemsize:
            self._data = self._data.astype(f"S{width}")


def _encode(value: str | None) -> bytes:
    return b"" if value is None else _PRESENT + value.encode("utf-8")


def _decode(packed: bytes) -> str | None:
    # numpy drops trailing NUL bytes of an "S" item; the marker keeps b"=" distinct from b""
    return packed[1:].decode("utf-8") if packed else None
