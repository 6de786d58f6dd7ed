"""Ingest (issue 4): every bundle format in, every input accounted for, hostile input quarantined."""

from __future__ import annotations

import itertools
import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from newsflow import ingest
from newsflow.settings import Settings
from tests.ingest_bundles import (
    ARTICLE,
    BBC,
    FIXTURES,
    REPO,
    REUTERS,
    patch_flags,
    reasons,
    run,
    small,
    tar_bundle,
    tar_member,
    zip_bundle,
)

# --- the bundle itself ------------------------------------------------------------------------


def test_bundle_id_comes_from_the_name_not_the_folder(tmp_path: Path) -> None:
    inbox, done = tmp_path / "inbox" / "crawl-7.zip", tmp_path / "done" / "crawl-7.zip"
    assert ingest.bundle_id(inbox) == ingest.bundle_id(done)
    assert ingest.bundle_id(inbox) != ingest.bundle_id(tmp_path / "crawl-8.zip")
    assert ingest.bundle_id(tmp_path / "seeds") == ingest.bundle_id(Path(f"{tmp_path}/seeds/"))
    assert ingest.bundle_id(inbox).startswith("b_")


def test_missing_or_unsupported_bundle_raises_a_readable_error(tmp_path: Path) -> None:
    with pytest.raises(ingest.IngestError, match="bundle not found"):
        ingest.iter_batches(tmp_path / "nope.zip", Settings())
    (tmp_path / "report.pdf").write_bytes(b"%PDF-1.4")
    with pytest.raises(ingest.IngestError, match=r"unsupported bundle type: 'report.pdf'"):
        ingest.iter_batches(tmp_path / "report.pdf", Settings())
    assert issubclass(ingest.IngestError, ValueError)


def test_empty_folder_yields_no_batches(tmp_path: Path) -> None:
    assert list(ingest.iter_batches(tmp_path, Settings())) == []


# --- folders ----------------------------------------------------------------------------------


def test_folder_is_walked_recursively_in_sorted_order_with_every_entry_accounted(
    tmp_path: Path,
) -> None:
    root = tmp_path / "crawl"
    (root / "b" / "deep").mkdir(parents=True)
    (root / "a.txt").write_text(ARTICLE)
    (root / "b" / "page.html").write_text(f"<html><body><p>{ARTICLE}</p></body></html>")
    (root / "b" / "deep" / "story").write_text("<!DOCTYPE html><html><p>sniffed</p></html>")
    (root / "c.txt").write_text(ARTICLE + "more")
    (root / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    (root / ".git").mkdir()
    (root / ".git" / "HEAD").write_text("ref: refs/heads/main")
    (root / "__MACOSX").mkdir()
    (root / "__MACOSX" / "._a.txt").write_bytes(b"\x00\x05\x16\x07")
    (root / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0JFIF")
    (root / "b" / "LICENSE").write_text("MIT License: permission is hereby granted")
    (root / "b" / ".DS_Store").write_bytes(b"Bud1")
    (root / "z-link.txt").symlink_to(root / "a.txt")
    (root / "z-dirlink").symlink_to(root / "b")
    os.mkfifo(root / "pipe.txt")

    docs, quarantine = run(root)

    assert docs.select("source_path", "input_seq", "content_type").rows() == [
        ("a.txt", 3, "text"),
        ("b/deep/story", 6, "html"),
        ("b/page.html", 7, "html"),
        ("c.txt", 8, "text"),
    ]
    assert docs["text"][0] == ARTICLE
    assert docs["size_bytes"][0] == len(ARTICLE)
    assert docs["bundle_id"].unique().to_list() == [ingest.bundle_id(root)]
    assert reasons(quarantine) == {
        ".DS_Store": "not a document",
        ".git/": "not a document",
        "__MACOSX/": "not a document",
        "b/.DS_Store": "not a document",
        "b/LICENSE": "not a document",
        "photo.jpg": "not a document",
        "pipe.txt": "special file",
        "z-dirlink": "symlink not followed",
        "z-link.txt": "symlink not followed",
    }
    details = dict(zip(quarantine["source_path"], quarantine["detail"], strict=True))
    assert details["photo.jpg"] == "unsupported file type '.jpg'"
    assert details["z-link.txt"] == f"-> {root / 'a.txt'}"


def test_folder_expands_json_lines_and_archives_inside_it(tmp_path: Path) -> None:
    root = tmp_path / "mixed"
    root.mkdir()
    (root / "feed.jsonl").write_text(json.dumps({"text": ARTICLE}) + "\n")
    zip_bundle(root / "more.zip", [("x.txt", ARTICLE.encode())])
    docs, quarantine = run(root)
    assert docs["source_path"].to_list() == ["feed.jsonl:1", "more.zip/x.txt"]
    assert quarantine.is_empty()


def test_single_text_and_html_files(tmp_path: Path) -> None:
    (tmp_path / "story.txt").write_text(ARTICLE)
    (tmp_path / "page.HTM").write_text("<p>hi</p>")
    docs, _ = run(tmp_path / "story.txt")
    assert docs.select("source_path", "input_seq", "content_type", "text").rows() == [
        ("story.txt", 0, "text", ARTICLE)
    ]
    docs, _ = run(tmp_path / "page.HTM")
    assert docs.select("source_path", "content_type").rows() == [("page.HTM", "html")]


def test_single_file_over_max_file_bytes_is_quarantined(tmp_path: Path) -> None:
    (tmp_path / "big.txt").write_text("word " * 100)
    docs, quarantine = run(tmp_path / "big.txt", small(max_file_bytes=100))
    assert docs.is_empty()
    assert quarantine.select("source_path", "reason").rows() == [("big.txt", "too large")]
    assert "500 bytes is over max_file_bytes=100" in quarantine["detail"][0]


# --- encodings --------------------------------------------------------------------------------

ACCENTED = "Señor Müller’s café – “naïve” talks in Zürich."
MOJIBAKE = (
    "Señor Müller’s café – naïve talks in Zürich."  # no ”: its 0x9d byte is undefined in cp1252
)


@pytest.mark.parametrize(
    ("data", "encoding", "text"),
    [
        (ACCENTED.encode("utf-8"), "utf-8", ACCENTED),
        (b"\xef\xbb\xbf" + ACCENTED.encode("utf-8"), "utf-8-sig", ACCENTED),
        (ACCENTED.encode("utf-16"), "utf-16", ACCENTED),
        (ACCENTED.encode("utf-16-le"), "utf-16-le", ACCENTED),
        (ACCENTED.encode("cp1252"), "cp1252", ACCENTED),
        ("Zażółć gęślą jaźń: spotkanie ministrów w Łodzi.".encode("cp1250"), "cp1250", None),
        ("Переговоры Пакистана и Ирана прошли в Исламабаде.".encode("cp1251"), "cp1251", None),
        # UTF-8 read as cp1252 and saved again as UTF-8: ftfy repairs it
        (MOJIBAKE.encode("utf-8").decode("cp1252").encode("utf-8"), "utf-8", MOJIBAKE),
        (b"line one\r\nline two\rline three\n", "utf-8", "line one\nline two\nline three\n"),
    ],
    ids=[
        "utf8",
        "utf8-bom",
        "utf16-bom",
        "utf16le-no-bom",
        "cp1252",
        "cp1250",
        "cp1251",
        "mojibake",
        "newlines",
    ],
)
def test_encodings_are_detected_and_text_normalised(
    tmp_path: Path, data: bytes, encoding: str, text: str | None
) -> None:
    (tmp_path / "doc.txt").write_bytes(data)
    docs, quarantine = run(tmp_path / "doc.txt")
    assert quarantine.is_empty()
    assert docs["encoding"].to_list() == [encoding]
    expected = text if text is not None else data.decode(encoding)
    assert docs["text"].to_list() == [expected]
    assert docs["size_bytes"].to_list() == [len(data)]


@pytest.mark.parametrize(
    ("declared", "codec", "encoding"),
    [
        ('<meta charset="windows-1251">', "cp1251", "cp1251"),
        (
            '<meta http-equiv="Content-Type" content="text/html; charset=koi8-r">',
            "koi8-r",
            "koi8-r",
        ),
        ("<meta charset=ISO-8859-1>", "cp1252", "cp1252"),  # WHATWG: latin-1 labels mean cp1252
    ],
)
def test_html_declared_charset_is_used(
    tmp_path: Path, declared: str, codec: str, encoding: str
) -> None:
    body = "Переговоры в Исламабаде" if codec != "cp1252" else "Déclaration – “talks” in Zürich"
    page = f"<html><head>{declared}<title>t</title></head><body><p>{body}</p></body></html>"
    (tmp_path / "page.html").write_bytes(page.encode(codec))
    docs, _ = run(tmp_path / "page.html")
    assert docs.select("encoding", "text").row(0) == (encoding, page)


def test_real_bbc_latin1_pound_sign_is_not_read_as_japanese() -> None:
    """Issue 4: bbc/sport/199.txt has one cp1252 byte (a pound sign); it decoded as cp932."""
    docs, _ = run(FIXTURES / "bbc_sport_199_cp1252.txt")
    assert docs["encoding"].to_list() == ["cp1252"]
    assert "a £15.8m signing" in docs["text"][0]


@pytest.mark.parametrize(
    ("data", "reason", "detail"),
    [
        (b"", "empty document", "0 bytes"),
        (b" \n\t\r\n ", "empty document", "only whitespace after decoding"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary file", "contains NUL bytes"),
        (bytes(range(1, 32)) * 20, "binary file", None),
        (b"\xff\xfe\x00\xd8", "binary file", None),  # UTF-16 BOM, then a lone surrogate
    ],
    ids=["empty", "whitespace", "png", "control-chars", "bad-utf16"],
)
def test_unreadable_documents_are_quarantined(
    tmp_path: Path, data: bytes, reason: str, detail: str | None
) -> None:
    (tmp_path / "doc.txt").write_bytes(data)
    docs, quarantine = run(tmp_path / "doc.txt")
    assert docs.is_empty()
    assert quarantine["reason"].to_list() == [reason]
    if detail is not None:
        assert quarantine["detail"].to_list() == [detail]


# --- batching ---------------------------------------------------------------------------------


def test_batches_hold_batch_size_docs_and_number_inputs_across_batches(tmp_path: Path) -> None:
    for i in range(7):
        (tmp_path / f"{i}.txt").write_text(f"document {i}")
    (tmp_path / "3.bin").write_bytes(b"\x00")
    batches = list(ingest.iter_batches(tmp_path, Settings(batch_size=3)))
    assert [b.docs.height for b in batches] == [3, 3, 1]
    assert sum(b.inputs for b in batches) == 8
    seqs = list(itertools.chain.from_iterable(b.docs["input_seq"].to_list() for b in batches))
    assert seqs == [0, 1, 2, 4, 5, 6, 7]  # 3 is 3.bin (sorts before 3.txt), quarantined


def test_batches_are_also_cut_by_bytes(tmp_path: Path) -> None:
    for i in range(4):
        (tmp_path / f"{i}.txt").write_text("x" * 1000)
    batches = list(ingest.iter_batches(tmp_path, Settings(batch_size=100), max_batch_bytes=2000))
    assert [b.docs.height for b in batches] == [2, 2]


# --- real bundles -----------------------------------------------------------------------------


def test_seeds_folder(seeds_dir: Path) -> None:
    docs, quarantine = run(seeds_dir)
    assert quarantine.is_empty()
    assert docs["source_path"].to_list() == sorted(p.name for p in seeds_dir.iterdir())
    assert docs["input_seq"].to_list() == [0, 1, 2, 3, 4]
    assert set(docs["encoding"]) == {"utf-8"} and set(docs["content_type"]) == {"text"}
    assert docs["text"][0].startswith(" date 2024-01-15 ISLAMABAD - The Pak-Iran talks")
    assert docs["text"][3].startswith("| Welcome to Global Village Space\n")


def test_bbc_tar_streams_first_batch() -> None:
    batches = ingest.iter_batches(BBC, Settings(batch_size=300))
    first = next(batches)
    batches.close()  # type: ignore[attr-defined]
    assert first.docs.height == 300
    # the corpus' own README is accounted for, not taken for an article
    assert first.quarantine.select("source_path", "reason", "detail").rows() == [
        ("bbc/README.TXT", "not a document", "bundle documentation file 'README.TXT'")
    ]
    assert first.docs["source_path"].str.starts_with("bbc/tech/").all()
    assert first.docs["input_seq"].to_list() == list(range(1, 301))
    assert first.docs["text"].str.contains("\r").sum() == 0


def test_reuters_jsonl_streams_first_batch() -> None:
    batches = ingest.iter_batches(REUTERS, Settings(batch_size=300))
    first = next(batches)
    batches.close()  # type: ignore[attr-defined]
    docs, quarantine = first.docs, first.quarantine
    assert docs.height == 300
    assert docs["source_path"][:2].to_list() == [
        "reuters21578.jsonl.gz:1",
        "reuters21578.jsonl.gz:2",
    ]
    assert docs.select("meta_title", "meta_date").row(0) == (
        "BAHIA COCOA REVIEW",
        "26-FEB-1987 15:01:01.79",
    )
    assert docs["text"][0].startswith(
        "Showers continued throughout the week in\nthe Bahia cocoa zone"
    )
    # Reuters has title-only records: quarantined as empty, never dropped
    assert quarantine.height > 0 and set(quarantine["reason"]) == {"empty document"}
    assert first.inputs == docs["input_seq"].max() + 1


def test_batches_stream_before_the_end_of_the_bundle_is_read(tmp_path: Path) -> None:
    members = [
        tar_member(f"{i}.txt", random.Random(i).randbytes(5000).hex().encode()) for i in range(6)
    ]
    bundle = tar_bundle(tmp_path / "s.tar.gz", members)
    bundle.write_bytes(bundle.read_bytes()[: bundle.stat().st_size * 3 // 4])  # cut in member 5
    batches = ingest.iter_batches(bundle, Settings(batch_size=2))
    first = next(batches)
    assert first.docs["source_path"].to_list() == ["0.txt", "1.txt"] and first.quarantine.is_empty()
    rest = list(batches)
    assert rest[-1].quarantine["reason"].to_list() == ["corrupt member", "corrupt archive"]


def test_undecodable_names_and_lone_surrogates_become_valid_text(tmp_path: Path) -> None:
    """Issue 4: a latin-1 file name or a JSON "\\ud800" crashed the frame build (polars rejects surrogates)."""
    root = tmp_path / "names"
    root.mkdir()
    with open(os.fsencode(root) + b"/caf\xe9.txt", "wb") as fh:
        fh.write(b"latin-1 named file")
    (root / "feed.jsonl").write_text('{"text": "bad \\ud800 char", "title": "t\\udfff"}\n')
    zip_bundle(root / "mac.zip", [("ünïcode.txt", b"utf-8 name, no flag")])
    patch_flags(root / "mac.zip", "ünïcode.txt".encode(), clear_bits=0x800)
    docs, quarantine = run(root)
    assert quarantine.is_empty()
    assert docs.select("source_path", "text", "meta_title").rows() == [
        ("café.txt", "latin-1 named file", None),
        ("feed.jsonl:1", "bad \ufffd char", "t\ufffd"),
        ("mac.zip/ünïcode.txt", "utf-8 name, no flag", None),
    ]


def test_ingest_benchmark_runs_on_a_small_archive(tmp_path: Path) -> None:
    out = tmp_path / "ingest.json"
    command = [sys.executable, "-m", "bench.bench_ingest", "--docs", "200", "--no-corpora"]
    command += ["--out", str(out), "--work", str(tmp_path)]
    result = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    figures = json.loads(out.read_text())["generated_archive_rss"]
    assert figures["large"]["inputs"] == 200 and figures["small"]["inputs"] == 20
    assert figures["peak_rss_mib"] > figures["imports_only_rss_mib"] > 0


def test_reuters_dateline_field_reaches_parse(tmp_path):
    """A JSON `dateline` field (Reuters-21578) becomes the article's dateline (issue 4)."""
    from newsflow import parse

    body = (
        "Showers continued throughout the week in the Bahia cocoa zone, alleviating the "
        "drought since early January and improving prospects for the coming temporao."
    )
    record = {
        "title": "BAHIA COCOA REVIEW",
        "date": "26-FEB-1987 15:01:01.79",
        "dateline": "SALVADOR, Feb 26 -",
        "body": body,
    }
    (tmp_path / "feed.jsonl").write_text(json.dumps(record) + "\n")
    docs, _ = run(tmp_path / "feed.jsonl")
    assert docs["meta_dateline"].to_list() == ["SALVADOR, Feb 26 -"]
    articles, rejected = parse.parse_batch(docs, Settings())
    assert rejected.height == 0
    assert articles["dateline"].to_list() == ["SALVADOR"]
    assert articles["body"][0].startswith("Showers continued")


def test_quarantine_reasons_are_a_fixed_documented_vocabulary_issue_21() -> None:
    """Issue 21: `reason` is one of a few values, the specifics go to `detail`; every value is
    documented in docs/warehouse.md, and an unknown one is refused where it is made."""
    from newsflow import reasons
    from newsflow.ingest.inputs import Rejected

    doc = (Path(__file__).resolve().parents[1] / "docs" / "warehouse.md").read_text()
    table = doc[doc.index("**Reasons**") : doc.index("## dq_results")]
    assert {r for r in reasons.REASONS if f"| `{r}` |" not in table} == set()
    with pytest.raises(ValueError, match="not in newsflow.reasons"):
        Rejected("a.txt", "file too large: 3 MB", "")
    assert Rejected("a.txt", "too large", "3 MB").reason == "too large"
