"""Ingest (issue 4) of archives: zip, tar and WARC members, hostile members and bombs, and
arbitrary bytes as any bundle type: nothing raises, every input is accounted for."""

from __future__ import annotations

import gzip
import io
import random
import stat
import tarfile
import zipfile
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from tests.ingest_bundles import (
    ARTICLE,
    FAST,
    mark_encrypted,
    reasons,
    run,
    small,
    tar_bundle,
    tar_member,
    zip_bundle,
)

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


# --- property: arbitrary bytes never raise, every input accounted for ------------------------


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
