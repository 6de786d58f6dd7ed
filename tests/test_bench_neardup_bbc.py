"""bench_neardup's BBC mode lists the near and exact links of a BBC-style tar (issue 21)."""

from __future__ import annotations

import tarfile
from pathlib import Path

from newsflow.settings import Settings

FIXTURE = Path(__file__).parent / "fixtures" / "neardup_bbc"


def _bbc_tar(tmp_path: Path) -> Path:
    """The fixture's real BBC files packed as the bundle packs them (bbc/<section>/<n>.txt)."""
    bundle = tmp_path / "bbc-fixture.tar.gz"
    with tarfile.open(bundle, "w:gz") as archive:
        for path in sorted((FIXTURE / "politics").glob("*.txt")):
            archive.add(path, arcname=f"bbc/politics/{path.name}")
    return bundle


def test_bbc_mode_lists_near_links_with_titles_and_ids_and_recalls_the_exact_copy(tmp_path):
    from bench import bench_neardup

    bundle = _bbc_tar(tmp_path)
    raw = bench_neardup.raw_records(bundle)
    assert raw.height == 4
    assert "Brown names 16 March for Budget" in raw["raw_title"].to_list()
    articles, quarantine, _ = bench_neardup.run_bundle(Settings(), bundle)
    assert (articles.height, quarantine.height) == (4, 0)
    links, near = bench_neardup.near_links(articles)
    rows = bench_neardup.link_rows(near)
    # two filings of one Budget-date item (judged true in judged_bbc.jsonl): one near link,
    # whichever of the two the run takes as canonical
    assert len(rows) == 1
    (row,) = rows
    assert {row["link"], " -> ".join(reversed(row["link"].split(" -> ")))} == {
        "bbc/politics/077.txt -> bbc/politics/354.txt",
        "bbc/politics/354.txt -> bbc/politics/077.txt",
    }
    assert row["title"] == row["canonical_title"] == "Brown names 16 March for Budget"
    ids = dict(zip(articles["source_path"], articles["article_id"], strict=True))
    src, canon = row["link"].split(" -> ")
    assert (row["article_id"], row["canonical_id"]) == (ids[src], ids[canon])
    # 083 and 285 are byte-identical: one exact link, and the bench's own check recalls it
    assert links.filter(links["dup_method"] == "exact").height == 1
    recall = bench_neardup.exact_recall(articles, raw)
    assert (recall["groups"], recall["groups_recalled"]) == (1, 1)
