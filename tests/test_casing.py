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


# Reuters newid 2992 ("U.S. SEEKS MAJOR JAPANESE ECONOMIC CHANGE IN APRIL"), as the corpus sets
# it: the word after "U.S." takes a capital as if a sentence ended there.
US_ATTACK = (
    "The United States has openly attacked Japan's tight-fisted fiscal policy for the first "
    "time and warned Tokyo its promised economic package in April must be significant, senior "
    "U.S. Officials said. In high-level talks last week, the U.S. Criticised Japan's overall "
    "fiscal policy as deflationary and argued that its fiscal position is not as dire as it "
    "says. The criticism reflects a growing feeling among some U.S. Policy-makers that Japan's "
    "tight fiscal policy is frustrating attempts to stimulate domestic demand and boost imports. "
    "The U.S. Attack represents a distinct shift by the conservative Reagan administration. "
    "Pointing out that Japan pledged in Paris last month to take action to boost demand, a "
    "senior U.S. Treasury official said the April package must be more than routine."
)


def test_a_common_word_after_us_takes_the_case_the_article_uses():
    out = truecase(US_ATTACK)
    assert "senior U.S. officials said" in out  # an agent in the plural
    assert "the U.S. criticised Japan's" in out  # a verb
    assert "some U.S. policy-makers" in out  # "policy" in lower case elsewhere
    # a name goes on; a word the article never writes in lower case keeps its capital
    assert "a senior U.S. Treasury official" in out and "The U.S. Attack" in out
    assert len(out) == len(US_ATTACK)


def test_joining_words_and_units_after_us_or_uk_go_lower_case():
    # Reuters newid 5 and 39, cut: "U.S. And", "U.K. And", "U.S. Dlrs" as the corpus sets them
    text = "between the U.S. And Japan, 50 mln U.S. Dlrs, the U.K. Has said, the U.S. In 1986"
    assert truecase(text) == (
        "between the U.S. and Japan, 50 mln U.S. dlrs, the U.K. has said, the U.S. In 1986"
    )


def test_a_name_going_on_after_of_or_and_keeps_its_capital():
    # Reuters wire.jsonl:2128 and 19618, cut: "department", "securities" are lower case in the
    # rest of each article, but here they begin a body's name
    dot = (
        "The U.S. Department of Transportation said it gave final approval to USAir Group's "
        "proposed 400 mln dlr acquisition of Pacific Southwest Airlines. The department said the "
        "acquisition is not likely to substantially lessen competition. The department had given "
        "its tentative approval of the acquisition in January."
    )
    sec = (
        "Texaco Inc said the U.S. Securities and Exchange Commission will urge the Texas Supreme "
        "Court to accept the Texaco, Pennzoil Co <PZL> case for review. The commission will urge "
        "the Texas Supreme Court to review the issue of federal securities law in the "
        "Texaco-Pennzoil case."
    )
    assert truecase(dot) == dot and truecase(sec) == sec
