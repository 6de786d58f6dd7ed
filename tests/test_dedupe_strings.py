"""The dedupe state's packed id columns (dedupe.strings) read back what was stored."""

from __future__ import annotations

import numpy as np
import pytest

from newsflow import ids
from newsflow.dedupe.strings import Strings


def test_packed_strings_read_back_ids_none_and_the_empty_string():
    article_ids = [
        ids.article_id(f"doc{k}.txt", ids.short_hash(str(k), length=32)) for k in range(5)
    ]
    column = Strings(article_ids[:2])
    column.extend([None, "", *article_ids[2:]])
    assert list(column) == [*article_ids[:2], None, "", *article_ids[2:]]
    assert len(column) == 7 and column[-1] == article_ids[-1]
    column[2] = "s_" + ids.short_hash("story", article_ids[0])  # a story id set later
    column[0] = "a longer value than any before it: the column widens"
    assert column[0] == "a longer value than any before it: the column widens"
    assert column[1] == article_ids[1] and column[2].startswith("s_")
    assert column.take(np.array([6, 3, 1])) == [article_ids[4], "", article_ids[1]]
    with pytest.raises(IndexError):
        column[7]


def test_packed_strings_grow_over_many_extends():
    column = Strings()
    for start in range(0, 3000, 700):
        column.extend(f"a_{k:016x}" for k in range(start, start + 700))
    assert (
        len(column) == 3500 and column[2999] == f"a_{2999:016x}" and column[-1] == f"a_{3499:016x}"
    )
