"""WARC and WET bundles on real crawler output (issue 27): capture dates are crawl dates, pages are
dated by their own evidence, and every record is accounted for.

The files are in tests/fixtures/warc/ (README.md there says who wrote each and its licence).
Record counts are checked against warcio, a second WARC reader, so the accounting is not only
measured by the code it tests.
"""

from __future__ import annotations

import json
import shutil
import zipfile
from collections import Counter
from datetime import date, datetime
from pathlib import Path

import duckdb
import polars as pl
import pytest

from newsflow import ingest, parse, schema
from newsflow.ingest.warc import capture_time, normal_digest, target_uri
from newsflow.settings import Settings

FIXTURES = Path(__file__).parent / "fixtures" / "warc"
SITE = FIXTURES / "news-site"
CRAWL = FIXTURES / "news-crawl"
SAMPLES = FIXTURES / "samples"
NEWS = "http://news.example"
TALKS = f"{NEWS}/2024/01/18/pakistan-iran-talks-afghanistan/"
# every article page of the site, by its path under news-site/ and its URL
PAGES = {
    "2024/01/18/pakistan-iran-talks-afghanistan/index.html": TALKS,
    "world/2024/01/16/border-crossing-reopens.html": f"{NEWS}/world/2024/01/16/border-crossing-reopens.html",
    "news/energy-pipeline-deal.html": f"{NEWS}/news/energy-pipeline-deal.html",
    "2024/01/19/flood-relief.html": f"{NEWS}/2024/01/19/flood-relief.html",
    "opinion/why-talks-matter.html": f"{NEWS}/opinion/why-talks-matter.html",
    "wire/trade-corridor.txt": f"{NEWS}/wire/trade-corridor.txt",
}  # fmt: skip


def ingested(bundle: Path) -> tuple[pl.DataFrame, pl.DataFrame, Counter[str]]:
    """(docs, quarantine, skipped records by kind) of a bundle, checking every batch's contract."""
    docs, rejected, skipped = [], [], Counter[str]()
    for batch in ingest.iter_batches(bundle, Settings()):
        assert batch.docs.schema == schema.RAW_DOCS
        assert batch.inputs == batch.docs.height + batch.quarantine.height
        docs.append(batch.docs)
        rejected.append(batch.quarantine)
        skipped.update(batch.skipped)
    return pl.concat(docs), pl.concat(rejected), skipped


def parsed(bundle: Path) -> pl.DataFrame:
    docs, _, _ = ingested(bundle)
    articles, _ = parse.parse_batch(docs, Settings())
    return articles


def records_by_type(path: Path) -> Counter[str]:
    """WARC-Type of every record of a file, counted by warcio (not by the reader under test)."""
    from warcio.archiveiterator import ArchiveIterator

    with path.open("rb") as fh:
        return Counter(record.rec_type for record in ArchiveIterator(fh))


# --- dates: the capture is the crawl date, the page says when it was published ----------------


def test_issue_27_warc_date_is_the_crawl_date_never_the_published_date() -> None:
    """A byline "January 18, 2024" page captured on 2026-12-02 whose server said Last-Modified
    2024-02-05: published 2024-01-18 from its byline, crawled 2026-12-02."""
    articles = parsed(CRAWL / "news-crawl-1.warc.gz")
    talks = articles.filter(pl.col("url") == TALKS).row(0, named=True)
    assert (talks["published_date"], talks["date_source"]) == (date(2024, 1, 18), "text")
    assert talks["crawl_date"] == date(2026, 12, 2)
    assert talks["crawled_at"] == datetime(2026, 12, 2, 13, 21, 4)
    capture_days = {date(2026, 12, 2), date(2024, 2, 5)}  # WARC-Date, HTTP Last-Modified
    assert not capture_days & set(articles["published_date"].drop_nulls())
    assert set(articles["crawl_date"]) == {date(2026, 12, 2)}


def test_each_page_is_dated_by_its_own_evidence() -> None:
    articles = parsed(CRAWL / "news-crawl-1.warc.gz")
    assert sorted(articles.select("url", "published_date", "date_source").rows()) == sorted(
        [
            (TALKS, date(2024, 1, 18), "text"),  # byline
            (PAGES["world/2024/01/16/border-crossing-reopens.html"], date(2024, 1, 16), "meta"),
            (PAGES["news/energy-pipeline-deal.html"], date(2024, 1, 17), "jsonld"),
            (PAGES["2024/01/19/flood-relief.html"], date(2024, 1, 19), "url"),
            (PAGES["opinion/why-talks-matter.html"], None, "none"),  # no date anywhere
            (PAGES["wire/trade-corridor.txt"], date(2024, 1, 20), "text"),  # "Published: ..."
            # the site's front page: no main text, so what a reader sees ("Home Business
            # Opinion") is its body; any input with a word is an article (issue 21)
            ("http://news.example/", None, "none"),
        ]
    )


def test_a_page_has_the_same_published_date_from_a_folder_a_zip_and_a_warc(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "site"
    with zipfile.ZipFile(tmp_path / "site.zip", "w") as archive:
        for page in PAGES:
            (folder / page).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(SITE / page, folder / page)
            archive.write(SITE / page, page)
    warc_docs, _, _ = ingested(CRAWL / "news-crawl-1.warc.gz")
    folder_docs, _, _ = ingested(folder)
    # the WARC payloads, de-chunked and gunzipped, are the very files the server sent
    by_url = dict(zip(warc_docs["meta_url"], warc_docs["text"], strict=True))
    by_path = dict(zip(folder_docs["source_path"], folder_docs["text"], strict=True))
    assert {page: by_url[url] for page, url in PAGES.items()} == by_path

    def dates(bundle: Path) -> dict[str, tuple[date | None, str]]:
        rows = parsed(bundle).select("title", "published_date", "date_source").rows()
        return {title: (published, source) for title, published, source in rows}

    from_warc = dates(CRAWL / "news-crawl-1.warc.gz")
    # the crawl also holds the site's front page ("Latest stories"), which the folder does not
    assert from_warc.pop("Latest stories") == (None, "none")
    assert len(from_warc) == len(PAGES)
    assert dates(folder) == from_warc
    assert dates(tmp_path / "site.zip") == from_warc


def test_wet_conversion_records_keep_their_capture_date() -> None:
    wet = parsed(SAMPLES / "commoncrawl-whirlwind" / "whirlwind.warc.wet.gz").row(0, named=True)
    warc = parsed(SAMPLES / "commoncrawl-whirlwind" / "whirlwind.warc.gz").row(0, named=True)
    for article in (wet, warc):
        assert article["url"] == "https://an.wikipedia.org/wiki/Escopete"
        assert article["crawled_at"] == datetime(2024, 5, 18, 1, 58, 10)
        assert article["crawl_date"] == date(2024, 5, 18)
    # the HTML page states when its article was created; the extracted text does not
    assert (warc["published_date"], warc["date_source"]) == (date(2008, 7, 4), "jsonld")
    assert (wet["published_date"], wet["date_source"]) == (None, "none")


LEAD = (
    "Officials from the two countries met at the foreign ministry and agreed to share "
    "information on attacks along the border, a spokesman said after the meeting ended."
)


def raw_doc(text: str, content_type: str, crawled_at: datetime | None) -> dict:
    return {
        "bundle_id": "b1", "source_path": "x", "input_seq": 0, "content_type": content_type,
        "text": text, "encoding": "utf-8", "size_bytes": len(text), "crawled_at": crawled_at,
    }  # fmt: skip


def test_a_capture_time_neither_dates_an_article_nor_gives_a_dateline_its_year() -> None:
    captured = datetime(2026, 12, 2, 13, 21, 4)
    page = (
        "<html><head><title>Talks</title>"
        '<meta http-equiv="date" content="Mon, 05 Feb 2024 10:00:00 GMT">'
        '<meta http-equiv="last-modified" content="2024-02-05T10:00:00Z">'
        f"</head><body><article><h1>Border talks</h1><p>{LEAD}</p><p>{LEAD}</p></article></body></html>"
    )
    docs = pl.DataFrame(
        [
            raw_doc(f"KABUL, Jan 15 (Reuters) - {LEAD}", "text", captured),
            raw_doc(f"date 2024-01-15\n\nKABUL, Jan 15 (Reuters) - {LEAD}", "text", None),
            raw_doc(page, "html", captured),
        ],
        schema=schema.RAW_DOCS,
    )
    articles, quarantine = parse.parse_batch(docs, Settings())
    assert quarantine.is_empty()
    assert articles.select("published_date", "date_source", "crawl_date").rows() == [
        (None, "none", date(2026, 12, 2)),  # no year for "Jan 15" from a capture time
        (date(2024, 1, 15), "dateline", date(2024, 1, 15)),  # a crawl stamp in the text does
        (None, "none", date(2026, 12, 2)),  # http-equiv restates HTTP headers: not evidence
    ]


# --- reading records as crawlers write them ------------------------------------------------


SAMPLE_ACCOUNTS = {
    # file: (document urls, quarantine reasons, skipped records by kind)
    "warcio/example.warc.gz": (
        ["http://example.com/"],
        {"duplicate capture": 1},
        {"warcinfo": 2, "request": 2},
    ),
    "warcio/example-iana.org-chunked.warc": (
        ["http://www.iana.org/"],
        {},
        {"warcinfo": 1, "request": 1},
    ),
    "ukwa-webarchive-test-suite/IAH-urls-wget.warc.gz": (
        ["https://archive.org/", "https://archive.org/"],  # two captures, two payloads
        {"not a document": 12},  # redirects, images, RSS
        {"warcinfo": 1, "request": 16, "response robots.txt": 2, "resource metadata:": 3},
    ),
    "ukwa-webarchive-test-suite/IAH-20080430204825-00000-blackbook-truncated.warc.gz": (
        ["http://www.archive.org/", "http://www.archive.org/index.php"],
        {"not a document": 4},
        {"warcinfo": 1, "request": 7, "metadata": 7, "response dns:": 1, "response robots.txt": 1},
    ),
    "commoncrawl-whirlwind/whirlwind.warc.gz": (
        ["https://an.wikipedia.org/wiki/Escopete"],
        {},
        {"warcinfo": 1, "request": 1, "metadata": 1},
    ),
    "commoncrawl-whirlwind/whirlwind.warc.wet.gz": (
        ["https://an.wikipedia.org/wiki/Escopete"],
        {},
        {"warcinfo": 1},
    ),
}


@pytest.mark.parametrize("name", sorted(SAMPLE_ACCOUNTS))
def test_every_record_of_real_crawler_output_is_accounted_for(name: str) -> None:
    path = SAMPLES / name
    docs, quarantine, skipped = ingested(path)
    urls, reasons, kinds = SAMPLE_ACCOUNTS[name]
    assert docs["meta_url"].to_list() == urls
    assert Counter(quarantine["reason"]) == reasons
    assert skipped == kinds
    # inputs (documents + quarantined) and skipped records are every record of the file
    assert docs.height + quarantine.height + skipped.total() == records_by_type(path).total()
    assert docs["crawled_at"].is_not_null().all() and docs["meta_date"].is_null().all()
    assert docs["source_path"].str.contains(r"@\d+$").all()


def test_news_crawl_accounting_revisits_and_duplicate_captures() -> None:
    docs, quarantine, skipped = ingested(CRAWL)
    assert skipped == {
        "warcinfo": 2,
        "request": 26,
        "metadata": 2,  # wget's MANIFEST
        "resource metadata:": 4,  # wget's arguments and log
        "response robots.txt": 1,
        "revisit robots.txt": 1,
    }
    records = records_by_type(CRAWL / "news-crawl-1.warc.gz")
    records += records_by_type(CRAWL / "news-crawl-2.warc.gz")
    assert docs.height + quarantine.height + skipped.total() == records.total() == 60
    assert docs.height == 8 and quarantine.height == 16
    rows = dict(zip(quarantine["source_path"], quarantine["detail"], strict=True))
    duplicates = quarantine.filter(pl.col("reason") == "duplicate capture")
    assert duplicates["source_path"].to_list() == [
        "news-crawl-1.warc.gz@16670",  # the talks story again, reached through the redirect
        "news-crawl-2.warc.gz@924",  # revisit records of the recrawl ...
        "news-crawl-2.warc.gz@4891",
        "news-crawl-2.warc.gz@5937",
        "news-crawl-2.warc.gz@8872",
        "news-crawl-2.warc.gz@9920",
        "news-crawl-2.warc.gz@10937",
        "news-crawl-2.warc.gz@12944",  # the corrected story again, through the redirect
    ]
    assert rows["news-crawl-1.warc.gz@16670"] == (
        "same URL and payload (sha1:NUH772FYORSR2SQUNXZ4TXPL3S3DJ6ZS) as news-crawl-1.warc.gz@9037"
    )
    assert rows["news-crawl-2.warc.gz@4891"] == (
        "revisit of news-crawl-1.warc.gz@5338 (sha1:WXOEDBPDXUS6FPRYMQRUYQREY3AOLDVM)"
    )
    # revisits of pages that are no documents are quarantined as those pages were
    assert rows["news-crawl-2.warc.gz@11942"] == "HTTP status 301"
    assert rows["news-crawl-2.warc.gz@14838"] == "HTTP status 404"
    assert rows["news-crawl-2.warc.gz@2903"] == "unsupported content type 'text/css'"
    # the recrawl's corrected story is a new capture of the same URL: a document
    talks = docs.filter(pl.col("meta_url") == TALKS)
    assert talks["source_path"].to_list() == [
        "news-crawl-1.warc.gz@9037",
        "news-crawl-2.warc.gz@6969",
    ]
    assert talks["payload_digest"].n_unique() == 2
    assert "was corrected" in talks["text"][1] and "was corrected" not in talks["text"][0]


def test_a_revisit_of_a_capture_outside_the_bundle_says_so() -> None:
    _, quarantine, _ = ingested(CRAWL / "news-crawl-2.warc.gz")
    detail = dict(zip(quarantine["source_path"], quarantine["detail"], strict=True))
    assert detail["news-crawl-2.warc.gz@4891"] == (
        "revisit of <urn:uuid:9a098c36-268f-4062-a1e2-27cd0771f0cb>, a capture not in this bundle"
    )


def test_chunked_and_gzip_payloads_are_decoded() -> None:
    docs, _, _ = ingested(SAMPLES / "warcio" / "example-iana.org-chunked.warc")
    page = docs["text"][0]
    assert page.startswith("<!doctype html>") and page.rstrip().endswith("</html>")
    assert "\n001c37\n" not in page  # no chunk-size line left in the page
    docs, _, _ = ingested(SAMPLES / "warcio" / "example.warc.gz")  # Content-Encoding: gzip
    assert "<title>Example Domain</title>" in docs["text"][0]


def test_a_broken_payload_is_quarantined_alone(tmp_path: Path) -> None:
    raw = (SAMPLES / "warcio" / "example-iana.org-chunked.warc").read_bytes()
    broken = tmp_path / "broken.warc"
    # the file twice, the first copy's chunk size garbled (0x1d37 bytes, where 0x1c37 are):
    # only that record is lost, the next capture of the page is read
    broken.write_bytes(raw.replace(b"\r\n001c37\r\n", b"\r\n001d37\r\n", 1) + raw)
    docs, quarantine, skipped = ingested(broken)
    assert quarantine.select("source_path", "reason", "detail").rows() == [
        ("broken.warc@405", "corrupt member", "chunked payload: unexpected end of file"),
    ]
    assert docs["source_path"].to_list() == [f"broken.warc@{len(raw) + 405}"]
    assert docs["text"][0].startswith("<!doctype html>")
    assert skipped == {"warcinfo": 2, "request": 2}


def test_target_uri_digest_and_date_are_read_as_crawlers_write_them() -> None:
    assert target_uri("<http://news.example/>") == "http://news.example/"  # wget 1.20+
    assert target_uri(" http://example.com/ ") == "http://example.com/"
    # warcprox writes hex digests, most crawlers base32: one key for the same payload
    assert normal_digest("sha1:b1f949b4920c773fd9c863479ae9a788b948c7ad") == (
        "sha1:WH4UTNESBR3T7WOIMNDZV2NHRC4URR5N"
    )
    assert normal_digest("SHA1:g7hrm7bgokskmsxzahmuqttv53qofsmk") == (
        "sha1:G7HRM7BGOKSKMSXZAHMUQTTV53QOFSMK"
    )
    assert normal_digest("") is None and normal_digest("sha1:") is None
    assert capture_time("2024-05-18T01:58:10Z") == datetime(2024, 5, 18, 1, 58, 10)
    assert capture_time("2024-05-18T03:58:10.5+02:00") == datetime(2024, 5, 18, 1, 58, 10, 500000)
    assert capture_time("20080430204825") == datetime(2008, 4, 30, 20, 48, 25)
    assert capture_time("yesterday") is None and capture_time(None) is None


# --- the whole flow: a real Prefect run into a real DuckDB file --------------------------------


@pytest.mark.slow
def test_flow_run_on_a_crawl_records_captures_and_skipped_records(prefect_harness, tmp_path):
    from newsflow.flows.pipeline import ingest_bundle

    warehouse = tmp_path / "w.duckdb"
    params = Settings(warehouse=warehouse).to_params()
    first = ingest_bundle(str(CRAWL), settings=params)
    second = ingest_bundle(str(CRAWL), settings=params)
    skipped = {
        "metadata": 2,
        "request": 26,
        "resource metadata:": 4,
        "response robots.txt": 1,
        "revisit robots.txt": 1,
        "warcinfo": 2,
    }
    # the front page ("Home Business Opinion") is an article since issue 21: 8, not 7
    assert (first["inputs"], first["loaded"], first["skipped_records"]) == (24, 8, 36)
    assert first["skipped_by_kind"] == skipped
    assert (second["loaded"], second["already_loaded"], second["skipped_records"]) == (0, 8, 36)
    with duckdb.connect(str(warehouse), read_only=True) as con:
        runs = con.execute(
            "select inputs, loaded, skipped_records, skipped_by_kind from runs order by started_at"
        ).fetchall()
        articles = con.execute(
            "select url, published_date, date_source, crawl_date, crawled_at, payload_digest "
            "from articles where url = ? order by crawled_at, source_path",
            [TALKS],
        ).fetchall()
        duplicates = con.execute(
            "select count(*) from quarantine where reason = 'duplicate capture'"
        ).fetchone()[0]
    assert [(i, n, s, json.loads(k)) for i, n, s, k in runs] == [
        (24, 8, 36, skipped),
        (24, 0, 36, skipped),
    ]
    assert articles == [
        (TALKS, date(2024, 1, 18), "text", date(2026, 12, 2), datetime(2026, 12, 2, 13, 21, 4),
         "sha1:NUH772FYORSR2SQUNXZ4TXPL3S3DJ6ZS"),
        (TALKS, date(2024, 1, 18), "text", date(2026, 12, 2), datetime(2026, 12, 2, 13, 21, 5),
         "sha1:GBE4L6GPUTSBJN7X4TCV56JOV6CZI7QH"),
    ]  # fmt: skip
    assert duplicates == 8
