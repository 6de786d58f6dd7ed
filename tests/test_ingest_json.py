"""Ingest (issue 4) of JSON: JSON lines fields mapped, bad lines quarantined, JSON files of
news-please and NewsAPI shapes, and arbitrary JSON values as records all accounted for."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from tests.ingest_bundles import (
    ARTICLE,
    FAST,
    reasons,
    run,
    small,
)

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
