"""Near duplicates agree on what tells news items of one template apart (issue 21): items of
one template from different issuers, a series item filed again another day, a session one text
lacks, are not near duplicates; a corrected re-filing of the same table still is. Real
Reuters-21578 texts (fixtures/dedupe), through the real dedupe_batch. Moved out of
test_dedupe.py, whose helpers (`parsed`, `migrated`, ...) these tests use."""

from __future__ import annotations

import datetime as dt
import json

import polars as pl
import pytest
from test_dedupe import FIXTURES, load_like_the_pipeline, migrated, parsed, similarity_of

from newsflow import dedupe
from newsflow.dedupe import agreement_keys
from newsflow.settings import Settings

# Reuters-21578 items (line numbers in the shared jsonl) that one template makes look alike:
# before issue 21 each pair was linked as a near duplicate, deleting one company's news.
REUTERS_TEMPLATES = {
    "bush": (
        "BUSH INDUSTRIES INC <BSH> 1ST QTR NET",  # line 16813
        "Shr 44 cts vs 11 cts\n    Net 1,328,000 vs 344,000\n    Sales 23.0 mln vs 12.3 mln\n"
        "    NOTE: Share adjusted for three-for-two stock split in\nFebruary 1987.",
    ),
    "paychex": (
        "PAYCHEX INC <PAYX> 3RD QTR FEB 28 NET",  # line 8292
        "Shr 13 cts vs 10 cts\n    Net 1,109,000 vs 875,000\n    Revs 16.6 mln vs 13.2 mln\n"
        "    Nine mths\n    Shr 44 cts vs 33 cts\n    Net 3,770,000 vs 2,851,000\n"
        "    Revs 46.9 mln vs 36.9 mln\n    NOTE: Share adjusted for three-for-two stock split "
        "in June\n1986.",
    ),
    "marine": (
        "MARINE MIDLAND <MMB> RAISES PRIME RATE",  # line 11940
        "Marine Midland Banks Inc said it is\nraising its prime lending rate to 7-3/4 pct from "
        "7-1/2 pct,\neffective immediately.",
    ),
    "chemical": (
        "CHEMICAL <CHL> RAISES PRIME RATE TO 7-3/4 PCT",  # line 11934
        "Chemical Bank, the main bank subsidiary\nof Chemical New York Corp, said it is raising "
        "its prime lending\nrate to 7-3/4 pct from 7-1/2 pct, effective immediately.",
    ),
    "wyse": (
        "AMEX ADDS WYSE TECHNOLOGY <WYSE> OPTIONS",  # line 5399
        "The <American Stock Exchange> said it\nhas started put and call option trading in the "
        "common stock of\nWyse Technology, with initial expiration months of April, July\nand "
        "October and position and exercise limits of 5,500 contracts\non the same side of the "
        "market.",
    ),
    "chemical waste": (
        "AMEX TRADING CHEMICAL WASTE <CHW> OPTIONS",  # line 3728
        "The <American Stock Exchange> said it\nhas started put and call option trading in "
        "Chemical Waste\nManagement Inc stock as a replacement for options on\nChesebrough-Ponds's "
        "Inc, which was recently acquired.\n    Initial expiration months are June and September "
        "and\ninitial exercise prices 30 and 35, it said.  Position and\nexercise limits are "
        "5,500 contracts on the same side of the\nmarket.",
    ),
    "norway": (
        "NORWAY ISSUES 60 BILLION YEN EUROBOND",  # line 9198
        "Norway is issuing a 60 billion yen\neurobond due April 22, 1992 paying 4-1/4 pct and "
        "priced at\n101-5/8 pct, lead manager Nomura International Ltd said.\n    The "
        "non-callable issue will be available in denominations\nof one mln yen and will be listed "
        "in London.\n    The fees comprise 1-1/4 pct selling concession with 5/8 pct\nmanagement "
        "and underwriting combined.",
    ),
    "woolwich": (
        "WOOLWICH BUILDING SOCIETY ISSUING 50 MLN STG BOND",  # line 9321
        "The Woolwich and Equitable Building\nSociety is issuing a 50 mln stg eurobond due April "
        "27, 1992\npaying 9-1/2 pct and priced at 101-5/8 pct, lead manager Chase\nInvestment "
        "Bank Ltd said.\n    The non-callable issue is available in denominations of\n5,000 stg "
        "and will be listed in London.\n    Fees comprise 1-1/4 pct selling concession with 5/8 "
        "pct\nmanagement and underwriting combined.",
    ),
}
# Re-filings of one company's table with a few figures corrected (lines 8286/8317, 4361/4385).
REUTERS_REFILINGS = {
    "dynamic homes": (
        (
            "DYNAMIC HOMES INC <DYHM> 4TH QTR NET",
            "Shr profit 0.2 cts vs loss 2.2 cts\n    Net profit 2,900 vs loss 43,500\n    Sales "
            "1,660,000 vs 950,000\n    Year\n    Shr loss 30 cts vs loss 37 cts\n    Net loss "
            "578,900 vs 713,300\n    Sales 5,112,100 vs 3,659,600",
        ),
        (
            "DYNAMIC HOMES INC <DYHM> 4TH QTR NET",
            "Shr nil vs loss two cts\n    Net profit 2,900 vs loss 43,500\n    Revs 1,660,300 vs "
            "950,000\n    12 mths\n    Shr loss 30 cts vs loss 37 cts\n    Net loss 578,900 vs "
            "loss 713,300\n    Revs 5,112,100 vs 3,659,600",
        ),
    ),
    "digimed": (
        (
            "DIGIMED CORP 2ND QTR DEC 31 LOSS",
            "Shr loss two cts vs loss five cts\n    Net loss 17,334 vs loss 51,507\n    Sales "
            "245,560 vs 179,839\n    Avg shrs 1,136,785 vs 1,046,785\n    Six mths\n    Shr profit "
            "four cts vs loss 17 cts\n    Net profit 47,749 vs loss 174,373\n    Sales 721,937 vs "
            "284,809\n    Avg shrs 1,136,785 vs 1,046,785",
        ),
        (
            "DIGIMED CORP 2ND QTR DEC 31 LOSS",
            "Shr loss 1.5 cts vs loss five cts\n    Net loss 17,334 vs loss 51,507\n    Sales "
            "245,560 vs 179,839\n    Six mths\n    Shr profit four cts vs loss 17 cts\n    Net "
            "profit 47,749 vs loss 174,373\n    Sales 721,937 vs 284,809",
        ),
    ),
}
TEMPLATE_PAIRS = [("bush", "paychex"), ("marine", "chemical"), ("wyse", "chemical waste"),
                  ("norway", "woolwich")]  # fmt: skip


@pytest.mark.parametrize(("a", "b"), TEMPLATE_PAIRS)
def test_items_of_one_template_from_different_issuers_are_not_near_duplicates_issue_21(a, b):
    """Issue 21: two companies' earnings tables, prime-rate moves, Amex listings or bond issues
    share their wording (similarity over the threshold) but not their names, tickers and
    figures: they are two news items, both extracted."""
    first, second = REUTERS_TEMPLATES[a], REUTERS_TEMPLATES[b]
    assert similarity_of(first, second) >= Settings().thresholds.near_duplicate_threshold
    docs = [{"title": t, "body": body} for t, body in (first, second)]
    for order in (docs, docs[::-1]):  # either may come first
        out = dedupe.dedupe_batch(parsed(*order), dedupe.DedupeState(), Settings())
        assert out["duplicate_of"].to_list() == [None, None]
    state = dedupe.DedupeState()  # across batches as well
    dedupe.dedupe_batch(parsed(docs[0]), state, Settings())
    assert (
        dedupe.dedupe_batch(parsed(docs[1], start=1), state, Settings())["duplicate_of"][0] is None
    )


@pytest.mark.parametrize("company", sorted(REUTERS_REFILINGS))
def test_a_corrected_refiling_of_the_same_table_is_still_a_near_duplicate_issue_21(company):
    """Issue 21: the same company's table filed again with a few figures corrected is a copy."""
    (t1, b1), (t2, b2) = REUTERS_REFILINGS[company]
    out = dedupe.dedupe_batch(
        parsed({"title": t1, "body": b1}, {"title": t2, "body": b2}),
        dedupe.DedupeState(),
        Settings(),
    )
    assert out["duplicate_of"].to_list() == [None, out["article_id"][0]]
    assert out["dup_method"].to_list() == [None, "near"]


def test_agreement_keys_survive_the_warehouse_issue_21(tmp_path):
    """A later run refuses a template look-alike of an article loaded earlier, and still links a
    re-filing: the distinguishing tokens are persisted with the signature."""
    con = migrated(tmp_path)
    state = dedupe.DedupeState()
    chemical = {"title": REUTERS_TEMPLATES["chemical"][0], "body": REUTERS_TEMPLATES["chemical"][1]}
    (t1, b1), (t2, b2) = REUTERS_REFILINGS["dynamic homes"]
    first = dedupe.dedupe_batch(parsed(chemical, {"title": t1, "body": b1}), state, Settings())
    load_like_the_pipeline(con, first, state)
    stored = con.execute("select dup_keys, dup_lead from article_signatures").fetchall()
    assert all(keys and 0 < lead <= len(keys) for keys, lead in stored)
    later = dedupe.load_state(con)
    marine = {"title": REUTERS_TEMPLATES["marine"][0], "body": REUTERS_TEMPLATES["marine"][1]}
    second = dedupe.dedupe_batch(
        parsed(marine, {"title": t2, "body": b2}, start=10), later, Settings()
    )
    assert second["duplicate_of"].to_list() == [None, first["article_id"][1]]


# Items of one series or one subject that a hand-judged sample (bench/labels/neardup, `after` and
# `baseline`) found linked as copies: another day, hour, session or development.
REUTERS_SERIES = json.loads((FIXTURES / "reuters_series.json").read_text(encoding="utf-8"))
SERIES_ITEMS = sorted(name for name in REUTERS_SERIES if "re-filing" not in name)


def assert_similar_yet_two_items(earlier: dict, later: dict) -> None:
    """The two texts are similar over the near-duplicate threshold, yet in either order in one
    batch neither is marked a duplicate of the other."""
    similar = similarity_of((earlier["title"], earlier["body"]), (later["title"], later["body"]))
    assert similar >= Settings().thresholds.near_duplicate_threshold
    for order in ([earlier, later], [later, earlier]):
        out = dedupe.dedupe_batch(parsed(*order), dedupe.DedupeState(), Settings())
        assert out["duplicate_of"].to_list() == [None, None]


def doc_of(item: dict) -> dict:
    return {"title": item["title"], "body": item["body"]}


@pytest.mark.parametrize("name", SERIES_ITEMS)
def test_items_of_one_series_or_two_developments_are_not_near_duplicates_issue_21(name):
    """Issue 21: a daily quote on two days, a market table at two hours or sessions, rates
    before and after a change, an offering launched and completed share their wording
    (similarity over the threshold) but are two news items."""
    pair = REUTERS_SERIES[name]
    earlier, later = doc_of(pair["earlier"]), doc_of(pair["later"])
    assert_similar_yet_two_items(earlier, later)


def test_a_corrected_results_table_without_ticker_is_still_a_near_duplicate_issue_21():
    """Issue 21: "<ACC CORP> 3RD QTR NET" re-filed with one revenue figure corrected and the
    average shares added stays a copy: a company's results table is not a price table."""
    pair = REUTERS_SERIES["ACC Corp, a corrected re-filing"]
    out = dedupe.dedupe_batch(
        parsed(doc_of(pair["earlier"]), doc_of(pair["later"])), dedupe.DedupeState(), Settings()
    )
    assert out["duplicate_of"].to_list() == [None, out["article_id"][0]]


def figure_keys(text: str) -> list[int]:
    """The figure keys of a one-line body, in order."""
    texts = agreement_keys.Texts(
        pl.Series([""]), pl.Series([text]), dedupe.tokenise(pl.Series([""])),
        dedupe.tokenise(pl.Series([text])),
    )  # fmt: skip
    keys = agreement_keys.article_keys(texts).lists[0]
    return [int(k) for k in keys if k and (int(k) >> 28) & 7 == agreement_keys.NUMBER]


@pytest.mark.parametrize(
    ("first", "second", "same"),
    [
        ("1.46 billion", "1,459,193,000", True),  # an amount, at three significant digits
        ("1,660,000", "1,660,300", True),
        ("8000", "8,000", True),
        ("12:00", "12:01", False),  # a time of a series
        ("122.3", "122.2", False),  # prices of a market table
        ("10230", "10250", False),
        ("5.92", "5.90", False),
        ("twenty", "20", True),  # a number word is the figure (issue 21, heldout4)
        ("thirty", "forty", False),
    ],
)
def test_figures_are_compared_as_written_below_a_million_issue_21(first, second, same):
    """Issue 21: amounts agree at three significant digits; figures written out below a million
    (prices, times, volumes) only when equal as written."""
    assert (figure_keys(first) == figure_keys(second)) is same
    assert len(figure_keys(first)) == 1


# False links of the `heldout4` sample (bench/labels/neardup, judged at 0defeb2, then spent):
# a series item filed again another day, a session one text lacks (a closing report and an
# untitled noon call, a report carried on to the afternoon session).
REUTERS_HELDOUT4 = json.loads((FIXTURES / "reuters_heldout4.json").read_text(encoding="utf-8"))


def dated_doc(item: dict, date: str | None = None) -> dict:
    return {"title": item["title"], "body": item["body"],
            "date": dt.date.fromisoformat(date or item["date"])}  # fmt: skip


@pytest.mark.parametrize("name", sorted(REUTERS_HELDOUT4))
def test_a_later_item_of_a_series_is_not_a_near_duplicate_issue_21(name):
    """Issue 21: six grain ships loading at Portland on April 7 are not the seven of February
    26; a money-market revision of April 9 is not that of March 26 (published on different
    days, the leads must agree on every figure); a "clsg" report is not the untitled "noon
    call" of the same day, nor a report adding AFTERNOON BUSINESS the morning's (a session in
    one text only)."""
    pair = REUTERS_HELDOUT4[name]
    earlier, later = dated_doc(pair["earlier"]), dated_doc(pair["later"])
    assert_similar_yet_two_items(earlier, later)
    state = dedupe.DedupeState()  # across batches, the earlier one stored
    dedupe.dedupe_batch(parsed(earlier), state, Settings())
    assert dedupe.dedupe_batch(parsed(later, start=1), state, Settings())["duplicate_of"][0] is None


def test_a_refiling_on_the_same_day_is_still_a_near_duplicate_issue_21():
    """Issue 21: the Portland texts filed on one day are a re-filing with one figure corrected
    ("seven" to "six"): only items published on different days (`refiling_days`) must agree
    on every figure."""
    pair = REUTERS_HELDOUT4["Portland grain ships, seven vs six loading, weeks apart"]
    day = pair["later"]["date"]
    earlier, later = dated_doc(pair["earlier"], day), dated_doc(pair["later"], day)
    out = dedupe.dedupe_batch(parsed(earlier, later), dedupe.DedupeState(), Settings())
    assert out["duplicate_of"].to_list().count(None) == 1
    assert out["dup_method"].to_list().count("near") == 1
