"""Parse stage (issue 4): each rule of the parse stage on a small page, with a negative: what
the rule must remove or read, and the neighbouring text it must leave alone."""

from __future__ import annotations

from datetime import date

import pytest

from newsflow import dates, ids, parse, schema
from newsflow.settings import Settings, Thresholds
from tests.parse_docs import (
    PROSE,
    SETTINGS,
    parse_one,
    raw_docs,
)

# --- unit rules, each with a negative -------------------------------------------------------


def test_crawl_stamp_is_crawl_date_not_publication_date_when_better_evidence_exists() -> None:
    row = parse_one(f" date 2024-01-15 {PROSE}\n\n{PROSE}\n\nPublished in Dawn, January 14th, 2024")
    assert (row["crawl_date"], row["published_date"], row["date_source"]) == (
        date(2024, 1, 15),
        date(2024, 1, 14),
        "footer",
    )
    assert row["body"].startswith("Officials from both") and "2024-01-15" not in row["body"]


def test_crawl_stamp_dates_the_story_only_when_nothing_else_does() -> None:
    row = parse_one(f"date 2024-01-15\n{PROSE}")
    assert (row["published_date"], row["date_source"]) == (date(2024, 1, 15), "crawl_stamp")


def test_a_date_mid_text_is_not_a_crawl_stamp() -> None:
    row = parse_one(f"{PROSE} The date 2024-01-15 was set for talks.")
    assert (row["crawl_date"], row["date_source"]) == (None, "none")


def test_agency_tag_gives_source_and_leaves_body() -> None:
    row = parse_one(f"(MENAFN- Khaama Press) {PROSE}")
    assert row["source_name"] == "Khaama Press" and row["body"] == PROSE


def test_unknown_parenthesised_opening_stays_in_text() -> None:
    text = f"(Updated with new figures) {PROSE}"
    assert parse_one(text)["body"] == text


@pytest.mark.parametrize(
    ("lead", "place", "source"),
    [
        ("ISLAMABAD: ", "ISLAMABAD", None),
        ("ISLAMABAD - ", "ISLAMABAD", None),
        ("ISLAMABAD (Reuters) - ", "ISLAMABAD", "Reuters"),
        ("KABUL, Jan 15 — ", "KABUL", None),
        ("LONDON, March 3 (Reuters) - ", "LONDON", "Reuters"),
        ("ALBUQUERQUE, N.M., March 4 - ", "ALBUQUERQUE, N.M.", None),
        ("Islamabad, Jan. 15 (AFP) - ", "Islamabad", "AFP"),
        ("NEW YORK -- ", "NEW YORK", None),
    ],
)
def test_datelines_leave_the_first_sentence(lead: str, place: str, source: str | None) -> None:
    row = parse_one(f"date 2024-01-16\n{lead}{PROSE}\n\n{PROSE}")
    assert (row["dateline"], row["source_name"]) == (place, source)
    assert row["body"].startswith("Officials from both countries")


@pytest.mark.parametrize(
    "text",
    [
        f"{PROSE} He arrived in ISLAMABAD: the talks then began in earnest at the ministry.",
        f"NATO - the alliance said - would send more troops. {PROSE}",
        f"BREAKING: {PROSE}",
        f"Officials: {PROSE}",
        f"TTP: {PROSE}",
        f"Evans and Sutherland Computer Corp (ESCC) - Offering of 50 mln dlrs of debentures. {PROSE}",
    ],
)
def test_dateline_like_phrases_that_are_not_datelines_stay(text: str) -> None:
    row = parse_one(text)
    assert row["dateline"] is None and row["body"] == text


def test_dateline_date_takes_its_year_from_the_crawl_stamp() -> None:
    row = parse_one(f"date 2024-01-16 KABUL, Jan 15 — {PROSE}")
    assert (row["published_date"], row["date_source"]) == (date(2024, 1, 15), "dateline")
    row = parse_one(f"date 2024-01-02 KABUL, Dec 30 — {PROSE}")
    assert row["published_date"] == date(2023, 12, 30)


def test_read_more_lines_are_removed_but_mid_sentence_read_more_stays() -> None:
    kept = "Critics say voters should read more: the report runs to forty pages, officials said."
    text = "\n".join(
        [
            PROSE,
            "Read more: Islamabad sets criteria to judge Kabul",
            "Read More: China Breaks Annual Crude Import Record in 2023",
            "Read further: Pakistan accuses Afghan Taliban of controlling TTP",
            "Also read: Moscow talks end",
            "ALSO READ Pakistan and Iran agree on border markets",
            kept,
            "Read more about the plan in the report published by the ministry on its website.",
        ]
    )
    row = parse_one(text)
    assert row["body"].split("\n\n") == [
        PROSE,
        kept,
        "Read more about the plan in the report published by the ministry on its website.",
    ]


@pytest.mark.parametrize(
    ("furniture", "prose"),
    [
        (
            "© 2024 The Frontier Times. All rights reserved.",
            "Copyright infringement claims against the company rose sharply last year, it said.",
        ),
        (
            "Kabul Wire Service 2024. All Rights Reserved | Privacy",
            "The company said all rights reserved under the contract would pass to the buyer.",
        ),
        (
            "Subscribe to our newsletter for the latest updates.",
            "Sign up for the draft is now compulsory for all men over 18, the ministry said.",
        ),
        (
            "Advertisement",
            "Advertisement spending fell by a fifth as the economy slowed, data showed.",
        ),
        (
            "Follow us on Twitter for the latest news",
            "Follow the money, the prosecutor told the jury.",
        ),
        ("(Reporting by Jane Doe; Editing by John Roe)", "(Reporting was restricted in the area.)"),
        (
            "Image caption, Delegates met at the Foreign Office",
            "Image matters to the new government, he said.",
        ),
        ("Photo: Reuters", "Photo evidence was presented to the court on Monday, lawyers said."),
        ("5 min read", "Five minutes later the convoy was attacked near the border crossing."),
        ("Listen to this article", "Listen to the people, the opposition leader told the rally."),
        ("(Adds quotes from minister, background)", "(Adds to the pressure on the government.)"),
        (
            "We use cookies to improve your experience. By continuing you accept our policy.",
            "Regulators said the site's cookies tracked users without consent, the report said.",
        ),
    ],
)
def test_furniture_blocks_go_but_similar_prose_stays(furniture: str, prose: str) -> None:
    row = parse_one(f"{PROSE}\n{furniture}\n{prose}")
    assert row["body"] == f"{PROSE}\n\n{prose}"


def test_labelled_date_line_under_the_headline() -> None:
    row = parse_one(f"Talks on Afghanistan begin\nPosted on January 15, 2024 by admin\n{PROSE}")
    assert (row["published_date"], row["date_source"], row["body"]) == (
        date(2024, 1, 15),
        "text",
        PROSE,
    )


def test_cross_link_glued_to_a_paragraph_is_cut() -> None:
    glued = f"{PROSE} Read more: Islamabad sets criteria to judge Kabul"
    kept = "He urged students to study. Read more books, he said, and argue less."
    assert parse_one(f"{glued}\n{kept}")["body"] == f"{PROSE}\n\n{kept}"


def test_meta_title_repeated_as_first_line_is_not_body() -> None:
    row = parse_one(
        f"Talks on Afghanistan begin\n\n{PROSE}", meta_title="Talks on Afghanistan begin"
    )
    assert (row["title"], row["body"]) == ("Talks on Afghanistan begin", PROSE)
    row = parse_one(
        f"TALKS ON AFGHANISTAN BEGIN.\n\n{PROSE}", meta_title="Talks on Afghanistan begin"
    )
    assert (row["title"], row["body"]) == ("Talks on Afghanistan begin", PROSE)


def test_footer_ends_the_article_and_gives_source_and_date() -> None:
    row = parse_one(
        f"{PROSE}\n\n{PROSE}\n\nPublished in Dawn, January 16th, 2024\n\nOpinion\n\nMerging for what?"
        "\n\nEditorial\n\nDubai properties\nUpdated 16 May, 2024"
    )
    assert row["body"] == f"{PROSE}\n\n{PROSE}"
    assert (row["source_name"], row["published_date"], row["date_source"]) == (
        "Dawn",
        date(2024, 1, 16),
        "footer",
    )


def test_published_in_mid_sentence_does_not_cut() -> None:
    text = f"{PROSE}\n\nThe findings were published in Nature, January 16th, 2024, and drew wide notice."
    row = parse_one(text)
    assert (row["body"], row["date_source"], row["source_name"]) == (text, "none", None)


def test_site_label_and_page_date_above_the_headline() -> None:
    row = parse_one(
        f"| Welcome to Global Village Space\n\nSaturday, May 18, 2024\n\nTalks on Afghanistan begin\n\n{PROSE}"
    )
    assert (row["title"], row["source_name"], row["published_date"], row["date_source"]) == (
        "Talks on Afghanistan begin",
        "Global Village Space",
        None,
        "none",
    )
    assert row["body"] == PROSE


def test_headline_below_navigation_and_above_a_kicker_byline() -> None:
    row = parse_one(
        "Home\nLive\nPakistan election: what you need to know\nIran says it struck bases\n"
        f"We use cookies on this site. This website uses cookies to improve your experience.\n"
        f"Talks on Afghanistan begin in Islamabad\nAnalysis by Jane Doe\n{PROSE}"
    )
    assert (row["title"], row["body"]) == ("Talks on Afghanistan begin in Islamabad", PROSE)


def test_title_on_the_first_line_wins_over_a_subheading() -> None:
    """BBC bbc/sport/163.txt: headline, then a result line, then the text."""
    row = parse_one(f"Arsenal through on penalties\n\nArsenal win 4-2 on penalties\n\n{PROSE}")
    assert (row["title"], row["body"]) == (
        "Arsenal through on penalties",
        f"Arsenal win 4-2 on penalties\n\n{PROSE}",
    )


def test_standfirst_without_full_stop_is_not_the_headline() -> None:
    """BBC bbc/tech/189.txt: headline, then a one-line summary without a full stop."""
    summary = "Net users are getting the chance to fight back against spam websites"
    row = parse_one(f"Screensaver tackles spam websites\n\n{summary}\n\n{PROSE}")
    assert (row["title"], row["body"]) == (
        "Screensaver tackles spam websites",
        f"{summary}\n\n{PROSE}",
    )


def test_a_date_under_the_headline_is_text_evidence() -> None:
    row = parse_one(f"Talks on Afghanistan begin\nBy Staff Reporter\nJanuary 15, 2024\n{PROSE}")
    assert (row["title"], row["published_date"], row["date_source"]) == (
        "Talks on Afghanistan begin",
        date(2024, 1, 15),
        "text",
    )
    assert row["body"] == PROSE


@pytest.mark.parametrize(
    ("title", "headline", "site"),
    [
        ("Talks begin | Welcome to Global Village Space", "Talks begin", "Global Village Space"),
        ("Talks begin - The Express Tribune", "Talks begin", "The Express Tribune"),
        ("Talks begin – Dawn News", "Talks begin", "Dawn News"),
        ("Talks begin - dawn.com", "Talks begin", "dawn.com"),
        (
            "Iran - Pakistan talks resume after a pause",
            "Iran - Pakistan talks resume after a pause",
            None,
        ),
        ("Rally fizzles - stock review", "Rally fizzles - stock review", None),
        (
            "USDA REPORTS 10.5 MLN ACRES - USDA REPORT",
            "USDA REPORTS 10.5 MLN ACRES - USDA REPORT",
            None,
        ),
        ("Dawn News | Pakistan and Iran hold talks", "Pakistan and Iran hold talks", "Dawn News"),
        (
            "Opinion | Why the talks matter for the region",
            "Why the talks matter for the region",
            None,
        ),
        ("Why the talks matter | Analysis", "Why the talks matter", None),
        ("Talks begin | Kabul Now", "Talks begin", "Kabul Now"),
        ("Iran - Pakistan talks resume", "Iran - Pakistan talks resume", None),
        ("Talks begin", "Talks begin", None),
    ],
)
def test_title_site_suffix(title: str, headline: str, site: str | None) -> None:
    assert parse.split_title(title, parse.load_rules()) == (headline, site)


def test_meta_title_and_reuters_date_and_signature() -> None:
    body = (
        "Standard Oil Co and BP North America\nInc said they plan to form a venture to manage the money market\n"
        "borrowing and investment activities of both companies.\n    BP North America is a subsidiary of "
        "British Petroleum Co\nPlc <BP>, which also owns a 55 pct interest in Standard Oil.\n REUTER"
    )
    row = parse_one(
        body,
        meta_title="STANDARD OIL <SRD> TO FORM FINANCIAL UNIT",
        meta_date="26-FEB-1987 15:01:01.79",
    )
    assert (row["title"], row["source_name"], row["published_date"], row["date_source"]) == (
        "STANDARD OIL <SRD> TO FORM FINANCIAL UNIT",
        "Reuters",
        date(1987, 2, 26),
        "meta",
    )
    # hard-wrapped lines are reflowed, indented lines start paragraphs, the signature is gone
    assert row["body"] == (
        "Standard Oil Co and BP North America Inc said they plan to form a venture to manage the money "
        "market borrowing and investment activities of both companies.\n\nBP North America is a "
        "subsidiary of British Petroleum Co Plc <BP>, which also owns a 55 pct interest in Standard Oil."
    )


def test_a_name_at_the_end_is_no_wire_signature() -> None:
    text = f"{PROSE} The report was written by economist Paul Reuter"
    row = parse_one(text)
    assert (row["body"], row["source_name"]) == (text, None)
    assert parse_one(f"{PROSE} Reuter")["source_name"] == "Reuters"


def test_implausible_dates_fall_through_to_the_next_evidence() -> None:
    row = parse_one(f"date 2024-01-15\n{PROSE}\n\nPublished in Dawn, May 16th, 2024")
    assert (row["published_date"], row["date_source"]) == (date(2024, 1, 15), "crawl_stamp")
    row = parse_one(PROSE, meta_date="1887-02-26")
    assert (row["published_date"], row["date_source"]) == (None, "none")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-01-15T09:30:00+05:00", date(2024, 1, 15)),
        ("26-FEB-1987 15:01:01.79", date(1987, 2, 26)),
        ("Mon, 15 Jan 2024 10:00:00 GMT", date(2024, 1, 15)),
        ("January 16th, 2024", date(2024, 1, 16)),
        ("16 May, 2024", date(2024, 5, 16)),
        ("yesterday", None),
        ("2024-02-30", None),
        ("", None),
    ],
)
def test_parse_date_value(value: str, expected: date | None) -> None:
    assert dates.parse_date_value(value) == expected


def test_identity_language_and_accounting() -> None:
    german = (
        "Der Bundestag hat am Montag nach langer Debatte über das neue Gesetz zur Sicherheit an den "
        "Grenzen abgestimmt, wie die Regierung in Berlin mitteilte."
    )
    docs = raw_docs(
        {"text": PROSE, "meta_url": "https://example.org/a"},
        {"text": PROSE, "source_path": "copy.txt"},
        {"text": german},
        {"text": "Too short to be an article."},
        {"text": "   \n "},
        {"text": PROSE, "content_type": "pdf"},
        {"text": "Read more: a link\n\nAdvertisement"},
    )
    articles, quarantine = parse.parse_batch(docs, SETTINGS)
    assert articles.schema == schema.PARSED and quarantine.schema == schema.QUARANTINE
    assert articles.height + quarantine.height == docs.height
    assert quarantine.select("source_path", "stage", "reason", "detail").rows() == [
        ("doc4.txt", "parse", "empty document", "only white space"),
        ("doc5.txt", "parse", "unsupported content type", f"pdf | {PROSE[:200]}"),
    ]
    # issue 21: a short text and a page of furniture are articles; nothing with a word is dropped
    first, copy, german_row, short, furniture = articles.iter_rows(named=True)
    assert (short["body"], short["word_count"]) == ("Too short to be an article.", 6)
    assert furniture["body"] == "Read more: a link\n\nAdvertisement"
    assert first["article_id"] == ids.article_id("https://example.org/a", first["content_hash"])
    assert copy["article_id"] == ids.article_id("copy.txt", copy["content_hash"])
    assert (
        first["content_hash"] == copy["content_hash"] and first["article_id"] != copy["article_id"]
    )
    assert [first["language"], german_row["language"]] == ["en", "de"]
    again, _ = parse.parse_batch(docs, SETTINGS)
    assert again["article_id"].to_list() == articles["article_id"].to_list()


def test_empty_batch() -> None:
    articles, quarantine = parse.parse_batch(schema.empty(schema.RAW_DOCS), SETTINGS)
    assert (articles.schema, quarantine.schema) == (schema.PARSED, schema.QUARANTINE)
    assert articles.is_empty() and quarantine.is_empty()


def test_short_items_are_articles_whatever_the_threshold_issue_21() -> None:
    """Issue 21: wire flashes, earnings briefs and one-line announcements are news. The Reuters
    records below (lines 13373, 14305) were quarantined before, as too short or as "no article
    text found" (their one line read as a headline); now each is an article with its text."""
    flashes = [
        "JOHANNESBURG EXCHS CLOSING - APRIL 7 US  0.4920/27 STG\n3.2950/80 DMK 0.8955/65 SFR "
        "0.7445/55 FFR 2.9810/30 DFL\n1.0110/20 YEN 71.35/45\n REUTER",
        "MAY DEPARTMENT STORES CO, 75,000 AT 49-1/4, DOWN 1/8, CROSSED\nBY FIRST BOSTON",
        "Shr 25 cts vs 20 cts\n    Net 1,000,000 vs 800,000\n Reuter",
        "Kabul airport reopens.",
    ]
    titles = [None, None, "ACME CORP <ACM> 1ST QTR NET", None]
    strict = Settings(thresholds=Thresholds(short_words=100))
    docs = raw_docs(*({"text": t, "meta_title": m} for t, m in zip(flashes, titles, strict=True)))
    articles, quarantine = parse.parse_batch(docs, strict)
    assert quarantine.is_empty()
    assert articles.select("body", "word_count").rows() == [
        (
            "JOHANNESBURG EXCHS CLOSING - APRIL 7 US 0.4920/27 STG 3.2950/80 DMK 0.8955/65 SFR "
            "0.7445/55 FFR 2.9810/30 DFL 1.0110/20 YEN 71.35/45",
            19,
        ),
        ("MAY DEPARTMENT STORES CO, 75,000 AT 49-1/4, DOWN 1/8, CROSSED\n\nBY FIRST BOSTON", 13),
        ("Shr 25 cts vs 20 cts\n\nNet 1,000,000 vs 800,000", 10),
        ("Kabul airport reopens.", 3),
    ]
    assert articles["source_name"].to_list()[0] == "Reuters"  # the signature is still read


def test_only_documents_without_words_are_quarantined_issue_21() -> None:
    page = "<html><head><title>T</title></head><body><script>x=1</script></body></html>"
    docs = raw_docs(
        {"text": ""},
        {"text": " \n\t "},
        {"text": "*** --- ***"},
        {"text": page},
        {"text": "<p>One line flash.</p>", "content_type": "html"},
    )
    articles, quarantine = parse.parse_batch(docs, SETTINGS)
    assert quarantine.select("source_path", "reason", "detail").rows() == [
        ("doc0.txt", "empty document", "only white space"),
        ("doc1.txt", "empty document", "only white space"),
        ("doc2.txt", "empty document", "no words: only symbols | *** --- ***"),
        ("doc3.txt", "empty document", f"markup only: no visible words | {page}"),
    ]
    assert articles.select("source_path", "body").rows() == [("doc4.txt", "One line flash.")]


def test_body_is_final_text_with_paragraph_breaks() -> None:
    row = parse_one(f"  {PROSE}  \n\n\n\n  {PROSE}\t\t\nShort   closing  line  here.\n")
    assert row["body"] == f"{PROSE}\n\n{PROSE}\n\nShort closing line here."
    assert row["word_count"] == len(row["body"].split())
