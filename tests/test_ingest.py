"""Ingest (issue 4): every bundle format in, every input accounted for, hostile input quarantined."""

from __future__ import annotations

import gzip
import io
import itertools
import json
import os
import random
import stat
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import polars as pl
import pytest
from hypothesis import HealthCheck, example, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from newsflow import ingest, schema
from newsflow.settings import Settings, Thresholds

REPO = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
BBC = SHARED / "bundles" / "bbc-news-2005.tar.gz"
REUTERS = SHARED / "corpora" / "reuters21578.jsonl.gz"

ARTICLE = "Pakistan and Iran held talks on Afghanistan in Islamabad on Monday.\n"


def run(bundle: Path, settings: Settings | None = None) -> tuple[pl.DataFrame, pl.DataFrame]:
    """All docs and quarantine rows of a bundle, checking each batch's contract on the way."""
    batches = list(ingest.iter_batches(bundle, settings or Settings()))
    for batch in batches:
        assert batch.docs.schema == schema.RAW_DOCS
        assert batch.quarantine.schema == schema.QUARANTINE
        assert batch.inputs == batch.docs.height + batch.quarantine.height
    docs = pl.concat([b.docs for b in batches]) if batches else schema.empty(schema.RAW_DOCS)
    quarantine = (
        pl.concat([b.quarantine for b in batches]) if batches else schema.empty(schema.QUARANTINE)
    )
    paths = docs["source_path"].to_list() + quarantine["source_path"].to_list()
    assert len(paths) == len(set(paths)), "every input has its own source_path"
    assert sorted(docs["input_seq"].to_list()) == docs["input_seq"].to_list()
    assert set(quarantine["stage"]) <= {"ingest"}
    return docs, quarantine


def reasons(quarantine: pl.DataFrame) -> dict[str, str]:
    return dict(zip(quarantine["source_path"], quarantine["reason"], strict=True))


def small(**thresholds: object) -> Settings:
    return Settings(thresholds=Thresholds(**thresholds))  # type: ignore[arg-type]


def zip_bundle(path: Path, members: list[tuple[str | zipfile.ZipInfo, bytes]]) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, data in members:
            zf.writestr(name, data)
    return path


def mark_encrypted(path: Path, name: bytes) -> None:
    """Set the 'encrypted' flag of member `name` in its local and central headers."""
    patch_flags(path, name, set_bits=0x1)


def patch_flags(path: Path, name: bytes, set_bits: int = 0, clear_bits: int = 0) -> None:
    """Change the general-purpose flags of member `name` in its local and central headers."""
    raw = bytearray(path.read_bytes())
    for signature, flag_at, name_at in ((b"PK\x03\x04", 6, 30), (b"PK\x01\x02", 8, 46)):
        start = raw.find(signature)
        while start >= 0:
            if raw[start + name_at : start + name_at + len(name)] == name:
                flags = int.from_bytes(raw[start + flag_at : start + flag_at + 2], "little")
                flags = (flags | set_bits) & ~clear_bits
                raw[start + flag_at : start + flag_at + 2] = flags.to_bytes(2, "little")
            start = raw.find(signature, start + 4)
    path.write_bytes(bytes(raw))


def tar_member(
    name: str, data: bytes = b"", kind: bytes = tarfile.REGTYPE, link: str = ""
) -> tuple[tarfile.TarInfo, bytes]:
    info = tarfile.TarInfo(name)
    info.type = kind
    info.linkname = link
    info.size = len(data) if kind == tarfile.REGTYPE else 0
    return info, data


def tar_bundle(
    path: Path, members: list[tuple[tarfile.TarInfo, bytes]], mode: str = "w:gz"
) -> Path:
    with tarfile.open(path, mode) as tf:
        for info, data in members:
            tf.addfile(info, io.BytesIO(data) if info.isreg() else None)
    return path


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


# --- zip --------------------------------------------------------------------------------------


@pytest.mark.filterwarnings("ignore:Duplicate name")
def test_zip_members_and_hostile_members(tmp_path: Path) -> None:
    link = zipfile.ZipInfo("evil-link.txt")
    link.external_attr = (stat.S_IFLNK | 0o777) << 16
    bundle = zip_bundle(
        tmp_path / "crawl.zip",
        [
            ("news/", b""),
            ("news/one.txt", ARTICLE.encode()),
            ("news/two.html", b"<html><body>two</body></html>"),
            ("../escape.txt", ARTICLE.encode()),
            ("/etc/passwd", b"root:x:0:0"),
            ("news/../../up.txt", ARTICLE.encode()),
            (link, b"/etc/shadow"),
            ("secret.txt", b"xx"),
            ("__MACOSX/news/._one.txt", b"\x00\x05\x16\x07"),
            ("news/.hidden.txt", ARTICLE.encode()),
            ("inner.zip", b"PK\x05\x06" + b"\x00" * 18),
            ("news/one.txt", b"a second member with the same name"),
            ("empty.txt", b""),
        ],
    )
    mark_encrypted(bundle, b"secret.txt")
    docs, quarantine = run(bundle)
    assert docs.select("source_path", "input_seq", "content_type").rows() == [
        ("news/one.txt", 0, "text"),
        ("news/two.html", 1, "html"),
        ("news/one.txt#2", 10, "text"),
    ]
    assert reasons(quarantine) == {
        "../escape.txt": "unsafe path",
        "/etc/passwd": "unsafe path",
        "news/../../up.txt": "unsafe path",
        "evil-link.txt": "symlink not followed",
        "secret.txt": "encrypted member",
        "__MACOSX/news/._one.txt": "not a document",
        "news/.hidden.txt": "not a document",
        "inner.zip": "not a document",
        "empty.txt": "empty document",
    }
    assert not (tmp_path.parent / "escape.txt").exists()


def test_zip_bomb_and_oversized_members(tmp_path: Path) -> None:
    bundle = zip_bundle(
        tmp_path / "bomb.zip",
        [
            ("bomb.txt", b"a" * (4 << 20)),  # compresses about 1000:1
            ("big.txt", random.Random(4).randbytes(300_000).hex().encode()),  # ~2:1, 600 kB
            ("ok.txt", ARTICLE.encode()),
        ],
    )
    docs, quarantine = run(bundle, small(max_file_bytes=500_000))
    assert docs["source_path"].to_list() == ["ok.txt"]
    assert reasons(quarantine) == {"bomb.txt": "zip bomb", "big.txt": "too large"}
    docs, quarantine = run(bundle, small(max_member_bytes=500_000))
    assert reasons(quarantine) == {"bomb.txt": "zip bomb", "big.txt": "too large"}
    # the ratio limit is configurable
    docs, quarantine = run(bundle, small(max_compression_ratio=5000.0))
    assert docs["source_path"].to_list() == ["bomb.txt", "big.txt", "ok.txt"]


def test_zip_member_lying_about_its_size_is_quarantined(tmp_path: Path) -> None:
    bundle = zip_bundle(
        tmp_path / "liar.zip", [("a.txt", ARTICLE.encode() * 50), ("b.txt", ARTICLE.encode())]
    )
    raw = bytearray(bundle.read_bytes())
    # shrink the declared uncompressed size in the central directory: the reader stops there
    central = raw.rfind(b"PK\x01\x02", 0, raw.rfind(b"PK\x01\x02"))
    raw[central + 24 : central + 28] = (10).to_bytes(4, "little")
    bundle.write_bytes(bytes(raw))
    docs, quarantine = run(bundle)
    assert docs["source_path"].to_list() == ["b.txt"]
    assert reasons(quarantine) == {"a.txt": "corrupt member"}


def test_corrupt_zip_is_one_quarantined_input(tmp_path: Path) -> None:
    (tmp_path / "broken.zip").write_bytes(b"PK\x03\x04 this is not really a zip")
    docs, quarantine = run(tmp_path / "broken.zip")
    assert docs.is_empty()
    assert reasons(quarantine) == {"broken.zip": "corrupt archive"}


# --- tar --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("suffix", "mode"), [(".tar", "w"), (".tar.gz", "w:gz"), (".tgz", "w:gz"), (".tar.xz", "w:xz")]
)
def test_tar_members_and_hostile_members(tmp_path: Path, suffix: str, mode: str) -> None:
    dir_info = tarfile.TarInfo("news")
    dir_info.type = tarfile.DIRTYPE
    bundle = tar_bundle(
        tmp_path / f"crawl{suffix}",
        [
            (dir_info, b""),
            tar_member("news/one.txt", ARTICLE.encode()),
            tar_member("../escape.txt", ARTICLE.encode()),
            tar_member("/abs/path.txt", ARTICLE.encode()),
            tar_member("news/link.txt", kind=tarfile.SYMTYPE, link="/etc/passwd"),
            tar_member("news/hard.txt", kind=tarfile.LNKTYPE, link="news/one.txt"),
            tar_member("dev/tty", kind=tarfile.CHRTYPE),
            tar_member("news/fifo", kind=tarfile.FIFOTYPE),
            tar_member("news/.DS_Store", b"Bud1"),
            tar_member("feed.jsonl", b'{"title": "T", "body": "B"}\n{oops\n'),
            tar_member("news/two.htm", b"<p>two</p>"),
            tar_member("news/bin.txt", b"\x00\x01\x02\x03binary"),
        ],
        mode,
    )
    docs, quarantine = run(bundle)
    assert docs.select("source_path", "input_seq", "content_type", "meta_title").rows() == [
        ("news/one.txt", 0, "text", None),
        ("feed.jsonl:1", 8, "text", "T"),
        ("news/two.htm", 10, "html", None),
    ]
    assert reasons(quarantine) == {
        "../escape.txt": "unsafe path",
        "/abs/path.txt": "unsafe path",
        "news/link.txt": "symlink not followed",
        "news/hard.txt": "hardlink not followed",
        "dev/tty": "special file",
        "news/fifo": "special file",
        "news/.DS_Store": "not a document",
        "feed.jsonl:2": "malformed json",
        "news/bin.txt": "binary file",
    }


def test_tar_bomb_stops_the_archive_with_an_accounted_remainder(tmp_path: Path) -> None:
    bundle = tar_bundle(
        tmp_path / "bomb.tar.gz",
        [
            tar_member("first.txt", ARTICLE.encode()),
            tar_member("bomb.txt", b" " * (8 << 20)),
            tar_member("after.txt", ARTICLE.encode()),
        ],
    )
    docs, quarantine = run(bundle, small(max_member_bytes=2 << 20))
    assert docs["source_path"].to_list() == ["first.txt"]
    assert reasons(quarantine) == {
        "bomb.txt": "zip bomb",
        "bomb.tar.gz": "archive not read further",
    }


def test_tar_oversized_member_is_skipped_and_reading_goes_on(tmp_path: Path) -> None:
    bundle = tar_bundle(
        tmp_path / "big.tar.gz",
        [
            tar_member("big.txt", random.Random(1).randbytes(200_000).hex().encode()),
            tar_member("ok.txt", b"ok"),
        ],
    )
    docs, quarantine = run(bundle, small(max_file_bytes=100_000))
    assert docs["source_path"].to_list() == ["ok.txt"]
    assert reasons(quarantine) == {"big.txt": "too large"}


def test_truncated_tar_keeps_what_was_read_and_quarantines_the_rest(tmp_path: Path) -> None:
    members = [
        tar_member(f"doc{i}.txt", random.Random(i).randbytes(6000).hex().encode())
        for i in range(20)
    ]
    bundle = tar_bundle(tmp_path / "cut.tar.gz", members)
    bundle.write_bytes(bundle.read_bytes()[: bundle.stat().st_size // 2])
    docs, quarantine = run(bundle)
    assert 0 < docs.height < 20
    assert docs["source_path"].to_list() == [f"doc{i}.txt" for i in range(docs.height)]
    assert quarantine.select("source_path", "reason").rows()[-1] == (
        "cut.tar.gz",
        "corrupt archive",
    )


def test_garbage_tar_is_one_quarantined_input(tmp_path: Path) -> None:
    (tmp_path / "junk.tgz").write_bytes(b"definitely not gzip")
    docs, quarantine = run(tmp_path / "junk.tgz")
    assert docs.is_empty()
    assert reasons(quarantine) == {"junk.tgz": "corrupt archive"}


# --- JSON lines -------------------------------------------------------------------------------


def test_json_lines_fields_are_mapped_and_bad_lines_quarantined(tmp_path: Path) -> None:
    lines = [
        json.dumps(
            {
                "text": ARTICLE,
                "url": "https://a.example/1",
                "title": "One",
                "date": "2024-01-15",
                "source": "Dawn",
            }
        ),
        json.dumps(
            {
                "Body": "Body text",
                "link": "https://b.example/2",
                "headline": "Two",
                "published_at": "2024-01-16",
                "site": "Reuters",
            }
        ),
        json.dumps(
            {
                "content": ["para one", "para two"],
                "datetime": "2024-01-17",
                "outlet": {"name": "Khaama Press"},
            }
        ),
        json.dumps(
            {
                "html": "<html><body><p>Four</p></body></html>",
                "text": "ignored",
                "published": "2024-01-18",
            }
        ),
        "",
        "{not json",
        json.dumps(["a", "list"]),
        json.dumps({"title": "no text anywhere", "url": "https://c.example"}),
        json.dumps({"body": "   "}),
        json.dumps({"text": "<!doctype html><html><body>five</body></html>"}),
        "   ",
    ]
    bundle = tmp_path / "feed.jsonl"
    bundle.write_text("\n".join(lines) + "\n")
    docs, quarantine = run(bundle)
    assert docs["crawled_at"].is_null().all() and docs["payload_digest"].is_null().all()
    capture = ("crawled_at", "payload_digest")
    assert docs.drop("bundle_id", "encoding", "meta_dateline", *capture, "input_hash").rows() == [
        (
            "feed.jsonl:1",
            0,
            "text",
            ARTICLE,
            len(lines[0]) + 1,
            "https://a.example/1",
            "One",
            "2024-01-15",
            "Dawn",
        ),
        (
            "feed.jsonl:2",
            1,
            "text",
            "Body text",
            len(lines[1]) + 1,
            "https://b.example/2",
            "Two",
            "2024-01-16",
            "Reuters",
        ),
        (
            "feed.jsonl:3",
            2,
            "text",
            "para one\n\npara two",
            len(lines[2]) + 1,
            None,
            None,
            "2024-01-17",
            "Khaama Press",
        ),
        (
            "feed.jsonl:4",
            3,
            "html",
            "<html><body><p>Four</p></body></html>",
            len(lines[3]) + 1,
            None,
            None,
            "2024-01-18",
            None,
        ),
        (
            "feed.jsonl:10",
            8,
            "html",
            "<!doctype html><html><body>five</body></html>",
            len(lines[9]) + 1,
            None,
            None,
            None,
            None,
        ),
    ]
    assert reasons(quarantine) == {
        "feed.jsonl:6": "malformed json",
        "feed.jsonl:7": "malformed json",
        "feed.jsonl:8": "no text field",
        "feed.jsonl:9": "empty document",
    }
    details = dict(zip(quarantine["source_path"], quarantine["detail"], strict=True))
    assert details["feed.jsonl:8"] == "no text/body/content/html field; keys: title, url"
    assert details["feed.jsonl:7"] == "expected an object per line, got list"


def test_gzipped_json_lines_with_bom_crlf_and_an_over_long_line(tmp_path: Path) -> None:
    bundle = tmp_path / "feed.jsonl.gz"
    payload = (
        b"\xef\xbb\xbf"
        + json.dumps({"text": "first\r\nline"}).encode()
        + b"\r\n"
        + json.dumps({"text": "x" * 5000}).encode()
        + b"\n"
        + json.dumps({"text": "caf\u00e9"}, ensure_ascii=False).encode("latin-1")
        + b"\n"
        + json.dumps({"text": "last"}).encode()  # no final newline
    )
    bundle.write_bytes(gzip.compress(payload))
    docs, quarantine = run(bundle, small(max_file_bytes=1000))
    assert docs.select("source_path", "text", "encoding").rows() == [
        ("feed.jsonl.gz:1", "first\nline", "utf-8-sig"),
        ("feed.jsonl.gz:3", "café", "cp1252"),
        ("feed.jsonl.gz:4", "last", "utf-8"),
    ]
    assert reasons(quarantine) == {"feed.jsonl.gz:2": "too large"}


def test_json_lines_bomb_stops_reading(tmp_path: Path) -> None:
    bundle = tmp_path / "bomb.jsonl.gz"
    payload = json.dumps({"text": ARTICLE}).encode() + b"\n" + (b" " * (16 << 20)) + b"\n"
    bundle.write_bytes(gzip.compress(payload))
    docs, quarantine = run(bundle)
    assert docs["source_path"].to_list() == ["bomb.jsonl.gz:1"]
    assert reasons(quarantine) == {"bomb.jsonl.gz:2": "zip bomb"}


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


# --- property: arbitrary bytes never raise, every input accounted for ------------------------

# database=None: no .hypothesis/ example folder written into the checkout
FAST = hsettings(
    max_examples=60,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


@FAST
@given(data=st.binary(max_size=3000))
def test_any_bytes_as_a_text_file(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "doc.txt"
    path.write_bytes(data)
    docs, quarantine = run(path)
    assert docs.height + quarantine.height == 1


@FAST
@given(data=st.binary(max_size=3000))
@example(data=b"\t\x1c")  # no WARC record in it: fastwarc saw an empty archive (CI, 2 Dec)
def test_any_bytes_as_archives_and_json_lines(tmp_path: Path, data: bytes) -> None:
    for name in (
        "x.zip",
        "x.tar.gz",
        "x.tar",
        "x.jsonl",
        "x.jsonl.gz",
        "x.warc",
        "x.warc.gz",
        "x.html.gz",
        "x.json",
    ):
        path = tmp_path / name
        path.write_bytes(data)
        docs, quarantine = run(path)  # never raises; every input has one row (checked in run)
        inputs = docs.height + quarantine.height
        if name == "x.jsonl":  # one input per non-blank line, read or quarantined
            assert inputs == sum(1 for line in data.split(b"\n") if line.strip())
        elif name in ("x.jsonl.gz", "x.warc", "x.warc.gz"):
            # a stream of records: unreadable bytes are one corrupt-archive row, an empty file
            # holds no record (like an empty folder); garbage read as no record was dropped
            # silently before (a WARC of b"\x00")
            assert inputs >= (1 if data.strip() else 0)
        else:  # any other bundle of these bytes is at least one document or one rejection
            assert inputs >= 1


@FAST
@given(
    members=st.lists(
        st.tuples(st.text("ab./_-é\\", min_size=1, max_size=12), st.binary(max_size=400)),
        max_size=6,
    ),
    lines=st.lists(st.binary(max_size=200).filter(lambda b: b"\n" not in b), max_size=8),
)
@pytest.mark.filterwarnings("ignore:Duplicate name")
def test_any_members_and_lines_are_all_accounted(
    tmp_path: Path, members: list[tuple[str, bytes]], lines: list[bytes]
) -> None:
    archive = zip_bundle(tmp_path / "m.zip", members)
    docs, quarantine = run(archive)
    assert docs.height + quarantine.height == sum(1 for n, _ in members if not n.endswith("/"))
    tar = tar_bundle(tmp_path / "m.tgz", [tar_member(n, d) for n, d in members])
    docs, quarantine = run(tar)
    assert docs.height + quarantine.height == len(members)  # regular members, even "a/"
    feed = tmp_path / "m.jsonl"
    feed.write_bytes(b"\n".join(lines))
    docs, quarantine = run(feed)
    assert docs.height + quarantine.height == sum(1 for line in lines if line.strip())


# --- WARC -------------------------------------------------------------------------------------


def warc_bundle(path: Path) -> Path:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    def response(url: str, status: str, content_type: str, body: bytes, extra: list | None = None):
        headers = StatusAndHeaders(
            status, [("Content-Type", content_type), *(extra or [])], protocol="HTTP/1.1"
        )
        return writer.create_warc_record(
            url, "response", payload=io.BytesIO(body), http_headers=headers
        )

    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=path.name.endswith(".gz"))
        writer.write_record(writer.create_warcinfo_record("crawl.warc", {"software": "test"}))
        page = "<html><head><title>Talks</title></head><body><p>Señor café</p></body></html>"
        writer.write_record(
            response("https://a.example/talks", "200 OK", "text/html; charset=utf-8", page.encode())
        )
        writer.write_record(
            writer.create_warc_record(
                "https://a.example/talks",
                "request",
                payload=io.BytesIO(b"GET /talks HTTP/1.1\r\n\r\n"),
            )
        )
        writer.write_record(
            response("https://a.example/missing", "404 Not Found", "text/html", b"<p>gone</p>")
        )
        writer.write_record(
            response("https://a.example/logo.png", "200 OK", "image/png", b"\x89PNG\r\n\x1a\n")
        )
        latin = "Déclaration du ministère – Islamabad".encode("cp1252")
        writer.write_record(response("https://b.example/note.txt", "200 OK", "text/plain", latin))
        zipped = gzip.compress(b"<html><body>compressed page</body></html>")
        writer.write_record(
            response(
                "https://c.example/z", "200 OK", "text/html", zipped, [("Content-Encoding", "gzip")]
            )
        )
    return path


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_warc_response_records(tmp_path: Path, name: str) -> None:
    docs, quarantine = run(warc_bundle(tmp_path / name))
    assert docs.select("content_type", "encoding", "meta_url").rows() == [
        ("html", "utf-8", "https://a.example/talks"),
        ("text", "cp1252", "https://b.example/note.txt"),
        ("html", "utf-8", "https://c.example/z"),
    ]
    assert "<p>Señor café</p>" in docs["text"][0]
    assert docs["text"][1] == "Déclaration du ministère – Islamabad"
    assert docs["text"][2] == "<html><body>compressed page</body></html>"
    # issue 27: WARC-Date is the capture time, never the page's date (meta_date)
    assert docs["meta_date"].is_null().all() and docs["crawled_at"].is_not_null().all()
    assert docs["payload_digest"].str.starts_with("sha1:").all()
    assert docs["source_path"].str.starts_with(f"{name}@").all()
    assert quarantine.select("reason", "detail").rows() == [
        ("not a document", "HTTP status 404"),
        ("not a document", "unsupported content type 'image/png'"),
    ]


def test_garbage_warc_is_one_quarantined_input(tmp_path: Path) -> None:
    (tmp_path / "junk.warc").write_bytes(b"this is not a WARC file\r\n\r\n")
    docs, quarantine = run(tmp_path / "junk.warc")
    assert docs.is_empty()
    assert reasons(quarantine) == {"junk.warc": "corrupt archive"}


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


def test_zip_folder_entry_without_trailing_slash_is_not_an_input(tmp_path: Path) -> None:
    folder = zipfile.ZipInfo("news")
    folder.external_attr = (stat.S_IFDIR | 0o755) << 16
    docs, quarantine = run(zip_bundle(tmp_path / "d.zip", [(folder, b""), ("news/a.txt", b"a")]))
    assert docs["source_path"].to_list() == ["news/a.txt"] and quarantine.is_empty()


def test_gzipped_pages_are_decompressed_with_the_bomb_guard(tmp_path: Path) -> None:
    root = tmp_path / "mirror"
    root.mkdir()
    (root / "page.html.gz").write_bytes(gzip.compress(b"<html><body>talks</body></html>"))
    (root / "note.txt.gz").write_bytes(gzip.compress(ARTICLE.encode()))
    (root / "bomb.txt.gz").write_bytes(gzip.compress(b" " * (8 << 20)))
    (root / "bad.txt.gz").write_bytes(b"not gzip at all")
    (root / "data.csv.gz").write_bytes(gzip.compress(b"a,b\n1,2\n"))
    zip_bundle(root / "pages.zip", [("p.htm.gz", gzip.compress(b"<p>zipped</p>"))])
    docs, quarantine = run(root)
    assert docs.select("source_path", "content_type", "text", "size_bytes").rows() == [
        ("note.txt.gz", "text", ARTICLE, len(ARTICLE)),
        ("page.html.gz", "html", "<html><body>talks</body></html>", 31),
        ("pages.zip/p.htm.gz", "html", "<p>zipped</p>", 13),
    ]
    assert reasons(quarantine) == {
        "bad.txt.gz": "corrupt archive",
        "bomb.txt.gz": "zip bomb",
        "data.csv.gz": "not a document",
    }


def test_common_crawl_wet_conversion_records(tmp_path: Path) -> None:
    from warcio.warcwriter import WARCWriter

    bundle = tmp_path / "CC-NEWS-0001.warc.wet.gz"
    with bundle.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        writer.write_record(writer.create_warcinfo_record("x.wet", {"software": "test"}))
        for url, text in (
            ("https://a.example/1", ARTICLE),
            ("https://b.example/2", "Second story."),
        ):
            writer.write_record(
                writer.create_warc_record(
                    url,
                    "conversion",
                    payload=io.BytesIO(text.encode()),
                    warc_content_type="text/plain",
                )
            )
    docs, quarantine = run(bundle)
    assert quarantine.is_empty()
    assert docs.select("content_type", "text", "meta_url").rows() == [
        ("text", ARTICLE, "https://a.example/1"),
        ("text", "Second story.", "https://b.example/2"),
    ]


def test_json_files_news_please_arrays_and_newsapi(tmp_path: Path) -> None:
    root = tmp_path / "json"
    root.mkdir()
    news_please = {
        "maintext": ARTICLE,
        "title": "Talks",
        "date_publish": "2024-01-15 10:00:00",
        "source_domain": "dawn.com",
        "url": "https://dawn.com/1",
    }
    (root / "a.json").write_text(json.dumps(news_please))
    (root / "b.json").write_text(
        json.dumps([{"text": "one"}, {"title": "no text"}, "not an object"])
    )
    newsapi = {
        "status": "ok",
        "articles": [
            {
                "source": {"id": None, "name": "Reuters"},
                "title": "T",
                "description": "Teaser.",
                "url": "https://r.example/x",
                "publishedAt": "2024-01-15T09:00:00Z",
                "content": "Full content [+1200 chars]",
            }
        ],
    }
    (root / "c.json").write_text(json.dumps(newsapi))
    (root / "d.json").write_text("{broken")
    (root / "e.json").write_text("[]")
    docs, quarantine = run(root)
    assert docs.select(
        "source_path", "text", "meta_url", "meta_title", "meta_date", "meta_source"
    ).rows() == [
        ("a.json", ARTICLE, "https://dawn.com/1", "Talks", "2024-01-15 10:00:00", "dawn.com"),
        ("b.json:1", "one", None, None, None, None),
        (
            "c.json:1",
            "Full content [+1200 chars]",
            "https://r.example/x",
            "T",
            "2024-01-15T09:00:00Z",
            "Reuters",
        ),
    ]
    assert reasons(quarantine) == {
        "b.json:2": "no text field",
        "b.json:3": "malformed json",
        "d.json": "malformed json",
        "e.json": "empty document",
    }
    single, _ = run(root / "a.json")
    assert single["source_path"].to_list() == ["a.json"]


JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False)
    | st.text(st.characters() | st.integers(0xD800, 0xDFFF).map(chr), max_size=30),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                ["text", "body", "title", "url", "source", "date", "html", "articles", "x"]
            ),
            inner,
            max_size=5,
        )
    ),
    max_leaves=20,
)


@FAST
@given(values=st.lists(JSON_VALUES, max_size=5))
def test_any_json_values_as_records_are_accounted(tmp_path: Path, values: list[object]) -> None:
    feed = tmp_path / "v.jsonl"
    feed.write_text("\n".join(json.dumps(v) for v in values))
    docs, quarantine = run(feed)
    assert docs.height + quarantine.height == len(values)
    single = tmp_path / "v.json"
    single.write_text(json.dumps(values))
    docs, quarantine = run(single)
    assert docs.height + quarantine.height == max(1, len(values))


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
