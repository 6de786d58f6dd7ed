"""Near duplicates get their own mentions; exact copies do not (issue 22)."""

from __future__ import annotations

from pathlib import Path

import duckdb

from newsflow import pipeline
from newsflow.settings import Settings

FIXTURE = Path(__file__).parent / "fixtures" / "dedupe" / "bbc_politics_001.txt"
ADDED = (
    "\n\nThe Shadow Chancellor, Oliver Letwin, said the Conservatives had costed their own "
    "plans and would publish them within a fortnight."
)


def test_a_near_copy_names_its_own_people_and_an_exact_copy_is_not_read_again(tmp_path):
    original = FIXTURE.read_text(encoding="utf-8")
    bundle = tmp_path / "bundle"
    bundle.mkdir()
    (bundle / "a_original.txt").write_text(original, encoding="utf-8")
    (bundle / "b_exact.txt").write_text(original, encoding="utf-8")
    (bundle / "c_near.txt").write_text(original + ADDED, encoding="utf-8")
    (bundle / "d_exact_of_near.txt").write_text(original + ADDED, encoding="utf-8")
    settings = Settings(warehouse=tmp_path / "w.duckdb", nlp_workers=0)
    summary = pipeline.run_bundle(bundle, settings)
    assert (summary["loaded"], summary["duplicates"]) == (4, 3)

    with duckdb.connect(str(settings.warehouse), read_only=True) as con:
        rows = con.execute(
            """select a.source_path, a.dup_method, list(m.mention_text order by m.char_start)
               from articles a left join mentions m using (article_id)
               group by all order by a.source_path"""
        ).fetchall()
        letwin = con.execute(
            """select a.source_path, ac.name, ac.actor_type from mentions m
               join articles a using (article_id) join actors ac using (actor_id)
               where m.mention_text = 'Oliver Letwin'"""
        ).fetchall()
    by_path = {path: (method, texts) for path, method, texts in rows}
    # the longest body is the canonical: the near copy; the original is its near duplicate
    assert {p: m for p, (m, _) in by_path.items()} == {
        "a_original.txt": "near",
        "b_exact.txt": "near",
        "c_near.txt": None,
        "d_exact_of_near.txt": "exact",
    }
    near_texts, canonical_texts = by_path["a_original.txt"][1], by_path["c_near.txt"][1]
    assert {"Patricia Hewitt", "Gordon Brown", "Tony Blair"} <= set(near_texts)
    assert canonical_texts[: len(near_texts)] == near_texts
    assert "Oliver Letwin" in canonical_texts and "Oliver Letwin" not in near_texts
    # exact copies, of the canonical or of its near duplicate, are not extracted again
    assert by_path["d_exact_of_near.txt"][1] == [None]
    assert by_path["b_exact.txt"][1] == [None]
    assert letwin == [("c_near.txt", "Oliver Letwin", "PERSON")]
