"""When two names may be compared fuzzily at all across documents (issue 20: one actor per entity).

`resolve` folds names for romanisation (doubled letters, e/i, o/u, ...) and scores them with
fuzzy ratios: right for "Hassan Kazemi Qomi"/"Hassan Kazmi Ghomi", wrong for names whose letters
are the whole evidence:

* a one-word name ("Fowler", "Sony", "Harris") has no second word to confirm it: folded and
  fuzzily scored, "Fowler" meets "Fuller", "Moore" meets "Mori", "Sony" meets "Sun";
* an acronym ("BBC", "IOC", "CBS") is such a word and a code, not a spelling: "BBC" and "BCC"
  both fold to "bc", "IOC" and "EEOC" to "iuc", and "CBS" is one letter from "Cubs".

A one-word name matches only by the very word ("Qomi" still joins "Hassan Kazemi Qomi", a lone
"Keane" the one Keane known), an organisation's also by its plural ("Wasp"/"Wasps"); a bare
body word ("the Bank", "the Commission") only the actor known by that word alone.

* a company's name is its words, not their sound: romanisation folds and sound-alike scores,
  right for "Kazemi Ghomi", made "Western Inc" of "Vestron Inc", "Irving Bank" of "Ewing
  Bank", "Paccar Inc" of "PCR Inc" and "U.S. Escorts" of "U.S. Securities" (whole Reuters).
  Two organisation names of as many words differ, word for word, at most by a typo: one
  letter added, dropped, changed or swapped in a word of five letters or more ("Chrsyler
  Corp", "Penzoil Co", "Volkswagon U.S. Inc"), a plural, or a romanisation that folds to
  the same word ("Tehreek-e-Labbaik"/"Tehrik-i-Labbaik"). Beside a word both spell alike
  that is no legal form ("Wells Farg Bank", "Taft Braodacasting Co") a typo may be one
  edit in four letters or two in eight.
"""

from __future__ import annotations

from collections.abc import Callable

import jellyfish

from newsflow.short_orgs import BODY_WORDS, LEGAL_FORMS

TYPO_WORD = 5  # letters: a shorter word must be spelt the same ("Seal" is not "Sealy")
LONG_WORD = 8  # letters: a word this long may carry two typos beside a confirming word
UNCONFIRMING = LEGAL_FORMS | {"of", "the", "for"}  # "Corp" says nothing of which company


# Words that end many clubs' and firms' names: alone, an article's "United" is Dundee United,
# United Airlines or United Breweries as often as Manchester United (BBC: 11 of 13 lone
# "United" mentions that joined Manchester United at bf99e41 meant another)
# ("Rangers" alone is Glasgow Rangers in the BBC's Scottish reports, and a lone "Rovers" would
# draw Rover, the car maker, by its plural)
SHARED_TAILS = frozenset({"united", "city", "athletic", "albion", "county"})


def bare_body(said: set[str]) -> bool:
    """Whether every form (folded) an entity is seen under is a bare body word ("Bank") or a
    word that ends many names ("United", `SHARED_TAILS`): it then joins only the actor known by
    that word alone, never a named body that one article called so
    (`resolve.ActorRegistry.resolve`)."""
    return bool(said) and said <= BODY_WORDS | SHARED_TAILS


def fuzzy_comparable(ours: str, theirs: str, one_word: bool, person: bool) -> bool:
    """Whether a name seen as `ours` may be scored fuzzily against an actor's alias `theirs`.

    Both are case- and accent-folded text (`resolve.fold_text`, no romanisation folds);
    `one_word` says either is one name word. A one-word person name must carry the
    other's last word exactly ("Fowler" is not "Simon Fuller", "Gudjohnsen" is "Eidur
    Gudjohnsen"); a one-word organisation, an acronym among them ("BBC" is not "BCC"), may
    differ from the other only by a plural ("Wasp"/"Wasps").
    """
    if not one_word:
        return True
    if person:
        return ours.split()[-1:] == theirs.split()[-1:]
    return ours + "s" == theirs or theirs + "s" == ours


def typo_apart(ours: list[str], theirs: list[str], romanised: Callable[[str], str]) -> bool:
    """Whether two organisation names (folded words) differ word for word at most by typos,
    plurals or romanisation (`romanised`: "Tehreek"/"Tehrik", "Jamaat-e"/"Jamaat-i"); names of
    different lengths are left to the whole-name score."""
    if len(ours) != len(theirs):
        return True
    pairs = list(zip(ours, theirs, strict=True))
    # a word both spell the same that is no legal form confirms the rest ("Wells Farg Bank")
    confirmed = any(a == b and len(a) >= 2 and a not in UNCONFIRMING for a, b in pairs)
    return all(
        a == b
        or a + "s" == b
        or b + "s" == a
        or romanised(a) == romanised(b)
        or _typo(a, b, confirmed)
        for a, b in pairs
    )


def _typo(a: str, b: str, confirmed: bool) -> bool:
    """One word misspelt as another: one edit in a word of five letters or more; beside a
    confirming word, one edit in four letters ("Chicago Boad of Trade") or two in eight
    ("Taft Braodacasting Co")."""
    edits, shorter = jellyfish.damerau_levenshtein_distance(a, b), min(len(a), len(b))
    if confirmed:
        return (edits <= 1 and shorter >= TYPO_WORD - 1) or (edits <= 2 and shorter >= LONG_WORD)
    return edits <= 1 and shorter >= TYPO_WORD


# An actor's aliases as the rules below read them: (name words, last folded word) of each.
AliasShape = tuple[int, str]


def lone_name_fits(said: set[str], aliases: list[AliasShape]) -> bool:
    """Whether a person an article names by one word only (`said`: its folded words) may be an
    actor known by `aliases`: the word must end one of its full names, or it has none.

    A lone given name says nothing about who: Prince "Harry" of a royal-wedding story is not
    "Harry" of a Harry Potter story, though both are aliases of one actor by their exact text.
    """
    full = {last for words, last in aliases if words >= 2}
    return not full or bool(said & full)


def full_name_may_join(aliases: list[AliasShape]) -> bool:
    """Whether a person named in full may join an actor known by `aliases`: only one known by a
    full name too. An actor of bare surnames gathers every article that never says which bearer
    ("Harris" of Rolf Harris's art show), and one full name must not claim them all."""
    return any(words >= 2 for words, _ in aliases)


def spelt_out(forms: list[str]) -> list[str]:
    """The forms of an organisation that spell its name out in words.

    A short form is shared by unrelated bodies ("BSA" is the Building Societies Association and
    the Business Software Alliance, "United" a dozen clubs): where an article spells the name
    out, an actor that spells its own name out otherwise is another body, however exactly the
    short forms agree.
    """
    return [f for f in forms if len(f.split()) >= 2]
