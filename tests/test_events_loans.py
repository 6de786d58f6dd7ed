"""Who lends to whom (issue 20, `roles`): "its loans to Brazil" are the speaker's, "a loan for
Mauritius" is Mauritius's.

The whole-corpus read found AID events whose source was the borrower: in "BankAmerica said its
outstanding loans to Brazil currently total about 2.7 billion dlrs" the "its" was read from
the subject of "total", the loans' own phrase, which names Brazil (that sentence is a lender's
book, no event, since the twenty-second session). A noun's "its" that is
itself its verb's subject stands for the subject of the verb reporting it. A noun's "for" names
the one aided ("aid for", "a loan for"), as it names the one praised or accused.

Real Reuters sentences (no labelled set's item), through the real events stage; mentions are
alias matches of the actors listed here.
"""

from __future__ import annotations

from datetime import date

import pytest

from tests.event_frames import found_events

PUBLISHED = date(1987, 4, 1)
ACTORS = [
    # actor_id, name, actor_type, country_code, aliases
    ("act_ba", "BankAmerica Corp", "ORG", "USA", ["BankAmerica"]),
    ("act_bra", "Brazil", "COUNTRY", "BRA", ["Brazil"]),
    ("act_ind", "India", "COUNTRY", "IND", ["India"]),
    ("act_wb", "World Bank", "ORG", None, ["World Bank"]),
    ("act_mus", "Mauritius", "COUNTRY", "MUS", ["Mauritius"]),
    ("act_fujioka", "Masao Fujioka", "PERSON", "JPN", ["Fujioka"]),
]  # fmt: skip

CASES = [
    # reuters 6053, "BankAmerica said its outstanding loans to Brazil currently total about 2.7
    # billion dlrs", was this file's case of the "its" rule (AID BankAmerica -> Brazil); a
    # lender's book is no event now (`stock_phrases._loan_book`, tests/test_events_loan_books.py)
    (  # reuters 16937: the Asian Development Bank's loans, as Fujioka says (AID India before)
        '"There is a sort of agreement that our loans to India should be modest and that the '
        'World Bank should be the major lender," Fujioka said.',
        ("AID", None, "act_ind"),
    ),
    (  # reuters 16060 (AID World Bank -> none before)
        "The World Bank said it approved a 25 mln dlr structural adjustment loan for Mauritius "
        "to aid that country's industrial sector.",
        ("AID", "act_wb", "act_mus"),
    ),
]


@pytest.mark.parametrize(("body", "expected"), CASES)
def test_a_loan_is_the_lender_s_to_the_borrower(nlp, body, expected):
    assert found_events(body, nlp, ACTORS, PUBLISHED) == [expected]


def test_a_loan_word_modifying_another_noun_aids_no_one_it_is_for(nlp):
    # reuters 7366: the "for" is the problems', not a loan's (AID -> Texas Commerce with the
    # noun's "for" read through the compound)
    body = (
        "Love said he believed the real estate loan problems for Texas Commerce and other major "
        "state banks would peak by the third or fourth quarter."
    )
    actors = [("act_tc", "Texas Commerce Bancshares Inc", "ORG", "USA", ["Texas Commerce"])]
    assert found_events(body, nlp, actors, PUBLISHED) == []
