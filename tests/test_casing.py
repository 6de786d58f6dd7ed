"""All-capitals lines go to NER in the article's own case, offsets unchanged (issue 22)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from newsflow.casing import truecase


def test_capitals_lines_take_the_case_the_article_uses():
    body = (
        "SOCCER - ROMANIA BEAT LITHUANIA IN UNDER-21 MATCH.\n\n"
        "BUCHAREST 1996-08-30\n\n"
        "Romania beat Lithuania 2-1 in their European under-21 soccer match on Friday. "
        "The NBA and the UN were not involved."
    )
    assert truecase(body).split("\n\n")[:2] == [
        "soccer - Romania beat Lithuania in under-21 match.",
        "Bucharest 1996-08-30",  # unseen: a capital initial
    ]


def test_unseen_short_words_stay_acronyms_and_mixed_lines_are_untouched():
    body = "UN TALKS STALL\n\nDelegates at the talks in Geneva said little."
    # "talks" is seen in the article; "stall" is not: an unseen longer word gets a capital
    assert truecase(body) == "UN talks Stall\n\nDelegates at the talks in Geneva said little."
    mixed = "Delegates at the UN talks in Geneva said little."
    assert truecase(mixed) == mixed


@given(st.text(alphabet=st.sampled_from("ABCDEFGHIJ abcdefßİ\n-'.1"), max_size=200))
def test_truecase_keeps_the_length_and_changes_only_case(text):
    out = truecase(text)
    assert len(out) == len(text)
    assert out.lower() == text.lower() or all(
        a == b or a.lower() == b.lower() for a, b in zip(out, text, strict=True)
    )
