"""Non-English articles are kept with their text, not extracted, and counted (issue 4)."""

from __future__ import annotations

import duckdb

from newsflow import pipeline
from newsflow import settings as settings_mod

ENGLISH = (
    "Kenya and Ethiopia signed an agreement on Thursday to share data on water flows in the Omo "
    "river, ending years of friction over dams. Foreign Minister Musalia Mudavadi signed it in "
    "Nairobi after two days of talks with his Ethiopian counterpart."
)
FRENCH = (
    "Le Kenya et l'Éthiopie ont signé jeudi un accord pour partager les données sur les débits "
    "de la rivière Omo, mettant fin à des années de tensions autour des barrages. Le ministre "
    "des Affaires étrangères Musalia Mudavadi l'a signé à Nairobi après deux jours de discussions."
)


def test_non_english_articles_are_kept_but_not_extracted(tmp_path):
    bundle = tmp_path / "bundle"
    bundle.mkdir()
    (bundle / "en.txt").write_text(ENGLISH, encoding="utf-8")
    (bundle / "fr.txt").write_text(FRENCH, encoding="utf-8")
    settings = settings_mod.Settings(warehouse=tmp_path / "w.duckdb", gates=False)
    summary = pipeline.run_bundle(bundle, settings)
    assert summary["loaded"] == 2 and summary["not_extracted"] == 1
    with duckdb.connect(str(settings.warehouse), read_only=True) as con:
        rows = con.execute(
            "select a.source_path, a.language, count(m.mention_id) from articles a "
            "left join mentions m using (article_id) group by all order by 1"
        ).fetchall()
        (recorded,) = con.execute("select not_extracted from runs").fetchone()
    assert rows[0][:2] == ("en.txt", "en") and rows[0][2] > 0
    assert rows[1] == ("fr.txt", "fr", 0)
    assert recorded == 1
