"""When two names may be compared fuzzily at all across documents (issue 20: one actor per entity).

`resolve` folds names for romanisation (doubled letters, e/i, o/u, ...) and scores them with
fuzzy ratios: right for "Hassan Kazemi Qomi"/"Hassan Kazmi Ghomi", wrong for names whose letters
are the whole evidence:

* a one-word name ("Fowler", "Sony", "Harris") has no second word to confirm it: folded and
  fuzzily scored, "Fowler" meets "Fuller", "Moore" meets "Mori", "Sony" meets "Sun";
* an acronym ("BBC", "IOC", "CBS") is such a word and a code, not a spelling: "BBC" and "BCC"
  both fold to "bc", "IOC" and "EEOC" to "iuc", and "CBS" is one letter from "Cubs".

A one-word name matches only by the very word ("Qomi" still joins "Hassan Kazemi Qomi", a lone
"Keane" the one Keane known), an organisation's also by its plural ("Wasp"/"Wasps").
"""

from __future__ import annotations


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
