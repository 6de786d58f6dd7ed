"""A lender's book is no loan given (issue 20, `stock_phrases._loan_book`).

A loan is AID in the lexicon (the events guide: AID gives money, goods, loans). Banks' reports
tell the status of loans they hold: "placing ... loans to borrowers in Brazil on non-accrual",
"Business loans on the books of major U.S. banks ... fell", "writing down Brazilian loans"; the
random audits judged such figures no event ("loan statistics"). A loan given or approved stays.

Real Reuters sentences (reuters21578.jsonl.gz newids 2872, 6053, 12848, 16434, 19049, 19321), through
the real events stage; mentions are alias matches of the actors listed here.
"""

from __future__ import annotations

from datetime import date

import pytest

from tests.event_frames import found_events

ACTORS = [
    # actor_id, name, actor_type, country_code, aliases
    ("act_bra", "Brazil", "COUNTRY", "BRA", ["Brazil", "Brazilian"]),
    ("act_ba", "BankAmerica Corp", "ORG", "USA", ["BankAmerica"]),
    ("act_ecu", "Ecuador", "COUNTRY", "ECU", ["Ecuador"]),
    ("act_fed", "Federal Reserve", "ORG", "USA", ["Federal Reserve Board"]),
    ("act_wb", "World Bank", "ORG", None, ["World Bank"]),
    ("act_hun", "Hungary", "COUNTRY", "HUN", ["Hungary"]),
    ("act_jpn", "Japan", "COUNTRY", "JPN", ["Japan"]),
    ("act_idn", "Indonesia", "COUNTRY", "IDN", ["Indonesia"]),
]  # fmt: skip


@pytest.mark.parametrize(
    "body",
    [
        # newid 16434: loans put on non-accrual
        "Irving Bank Corp said a six pct drop in first-quarter net income from a year earlier "
        "was largely the result of placing medium- and long-term loans to borrowers in Brazil "
        "and Ecuador on non-accrual status.",
        # newid 2872: a weekly figure of loans held
        "Business loans on the books of major U.S. banks, excluding acceptances, fell 618 mln "
        "dlrs to 278.88 billion dlrs in the week ended February 25, the Federal Reserve Board "
        "said.",
        # newid 12848: loans written down
        "The Banks have responded by laying the groundwork for writing down Brazilian loans.",
        # newid 6053: loans held, a figure (AID BankAmerica -> Brazil before, by the "its" rule
        # of tests/test_events_loans.py)
        "BankAmerica said its outstanding loans to Brazil currently total about 2.7 billion "
        "dlrs, including about 1.5 billion dlrs in long-term loans and 1.2 billion dlrs in "
        "short-term loans.",
    ],
)
def test_loans_on_a_lender_s_book_are_no_aid(body, nlp):
    # regression, issue 20: each was an AID
    found = found_events(body, nlp, ACTORS, date(1987, 4, 13))
    assert [e for e in found if e[0] == "AID"] == [], found


@pytest.mark.parametrize(
    ("body", "aid"),
    [
        # newid 19321: a loan approved
        (
            "The World Bank said it approved a 70 mln dlr loan to Hungary to help finance a "
            "833.1 mln dlr telecommunications project.",
            ("AID", "act_wb", "act_hun"),
        ),
        # newid 19049: a loan to be given
        (
            "Japan will lend 27.17 billion yen to Indonesia and will share equally with the World "
            "Bank a 7.25 billion yen loan to Bolivia as part of its efforts to help Third World "
            "countries, a Foreign Ministry spokesman said.",
            ("AID", "act_jpn", "act_idn"),
        ),
    ],
)
def test_a_loan_given_stays_aid(body, aid, nlp):
    assert aid in found_events(body, nlp, ACTORS, date(1987, 6, 19))
