"""What a transfer verb moves decides its PLOVER type (issue 20, `data/events/themes.json`).

The trigger lexicon gives "withdraw" RETREAT, "give" AID, "exchange" COOPERATE and "cut"
SANCTION, but the codebook types the act by its theme, the thing moved: withdrawing troops is a
RETREAT, withdrawing an ambassador, inspectors, aid or a party's whip reduces relations
(SANCTION), withdrawing a nomination, a request, a threat or an opposition backs down (the
guide's CONCEDE), withdrawing $1bn in assets, a bid, an offer or warrants is business, and so is
withdrawing a product, a poster or a rating; "pull" is a RETREAT only of forces
(or "pull out", "pull back": "Turkey pulled warships back"), never a show pulled, "pulls it off"
or "pull in 16 million viewers"; giving money or grain is AID, "giving
Britain a bad name" or "given legal force" gives nothing; exchanging views is talk (CONSULT);
cutting or reducing aid or ties is a SANCTION, cutting a holding or prices (or reducing a
trade surplus) is business. The theme is the verb's object, else its passive subject ("the
whip was withdrawn"); a quantity ("$1bn in assets", "500 tonnes of wheat") is read with what it
counts. Phrasal verbs ("cut off") keep their own entry. "Break", "halt", "freeze", "cancel"
and "recall" reduce relations (SANCTION) only with ties, aid, supplies, envoys or assets for
theme ("broke diplomatic relations with Iran", "halted loans to Hanoi"); "halted trading of
Versar's stock", "broke the news", "the crisis broke", "break even", "broke away" are none.
"Ease", "relax" and "lift" yield (CONCEDE) only a restriction ("ease curbs", "lifted import
duties"); "the franc eased", "lift 120,000 bpd", "ease credit policies" are none. "Send" is
AID of money, goods or weapons, MOBILIZE of troops, THREATEN of a warning, none of a letter.
"Seek" asks (REQUEST) only for a favour another actor can grant: help, a loan, approval,
talks, a release, damages or an injunction ("Yugoslavia is seeking a loan of 600 mln ECUs
from the European Community", PLOVER's "sought refuge in Germany"); advice or guidance sought
is talk (CONSULT, the guide's standards committee); a buyer, a stake, control, a credit
facility or listing sought, and "seek to" do something (an attempt: "seeking to buy steel
plants", "sought to reassure Labour MPs"), ask nobody for anything. "Provide" and "supply"
are AID only of aid, relief, weapons, intelligence or a loan ("providing ... military
intelligence to Macedonia", PLOVER's AID); planes, equipment, services or oil supplied are
trade. "Release" yields (CONCEDE) only someone, or a held ship or assets: a name, a pronoun
or an agent noun ("Fôn was released without charge") in a sentence that says they were held
(jail, custody, bail, hostage, kidnapped, charge: the `custody` class); a product or a text
released ("released the FX/C compiler", "Nintendo is releasing an adapter", "Universal, which
released nominee Ray", "the PSP is released in the US") is none. "Lend" keeps AID
but for a figure of speech ("lent credence to", "lend weight").
"Grant" is AID of aid, credit or asylum, CONCEDE of immunity, an extension or permission (the
guide's "granted permission by a bankruptcy court"), none of options, rights or patents.
"Block" is a PROTEST of a road or an entry (obstructed passage), a REJECT of a proposal, a sale
or a vote (a veto: "Brazil ... blocked the proposal"), a SANCTION of aid; "prevent" is COERCE
only of an entry or a march ("police had prevented their entry into the capital"); sites
blocked or a rate rise prevented ("will prevent the Bank of Japan from raising its discount
rate") are none. "Reinforce" is a MOBILIZE only of forces ("reinforced expectations" is none);
"offer" of news, a view, an opportunity, shares, certificates or prices commits to nothing ("Mr
Greenspan did offer some good news", a treasury's offer of certificates: debt issued), any other
offer keeps AGREE.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Token

from newsflow import doers

CURRENCY = {"$", "£", "€", "¥"}
QUANTITY_PREPS = {"of", "in"}  # "500 tonnes of wheat", "$1bn in assets"


@dataclass(frozen=True)
class VerbThemes:
    """One verb's theme classes -> its type (None: no event); `only`: unlisted themes are none."""

    lexicon_type: str  # the type it refines ("give": AID, not "granted permission"'s CONCEDE)
    types: tuple[tuple[str, str | None], ...]  # (class, type) in the order they are tried
    only: bool
    needs_theme: bool = False  # "the crisis broke", "break even": no theme named, no event
    particles: frozenset[str] | None = None  # particles that keep a phrasal entry (None: any)
    # an unlisted theme keeps the type only when it names someone ("released Kim Dae-jung";
    # "released the FX/C compiler", "release its planting intentions report" are none)
    only_someone: bool = False
    # the class a word of the sentence must be of for someone to count ("released on bail",
    # "from jail": a person freed; "Universal, which released nominee Ray": a film)
    someone_needs: str | None = None


@dataclass(frozen=True)
class Themes:
    """Theme classes (lemma sets) and the verbs whose type they decide."""

    classes: dict[str, frozenset[str]]
    verbs: dict[str, VerbThemes]

    @classmethod
    def load(cls, path: Path) -> Themes:
        """Read `themes.json`."""
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(
            classes={name: frozenset(words) for name, words in data["classes"].items()},
            verbs={
                lemma: VerbThemes(
                    spec["lexicon_type"],
                    tuple(spec["classes"].items()),
                    bool(spec["only"]),
                    bool(spec.get("needs_theme", False)),
                    frozenset(spec["particles"]) if "particles" in spec else None,
                    bool(spec.get("only_someone", False)),
                    spec.get("someone_needs"),
                )
                for lemma, spec in data["verbs"].items()
            },
        )

    @classmethod
    def empty(cls) -> Themes:
        return cls({}, {})

    def retype(self, verb: Token, found: tuple[str, str]) -> tuple[str, str] | None:
        """The (type, cameo_root) the verb names given what it moves; None for no event."""
        spec = self.verbs.get(verb.lemma_.lower())
        if spec is None or verb.pos_ not in ("VERB", "AUX") or found[0] != spec.lexicon_type:
            return found
        particles = {c.lower_ for c in verb.children if c.dep_ == "prt"}
        if particles:
            if spec.particles is None or particles & spec.particles:
                return found  # "cut off", "broke off": the phrasal entry's sense
            return None  # "broke away", "break out": a sense of its own
        tiers = _theme_words(verb)
        if not tiers:  # "withdrew from Iraq": nothing moved is named; "the crisis broke"
            return None if spec.needs_theme else found
        for words in tiers:  # the theme's own word first: "weapons inspectors" are inspectors
            for name, event_type in spec.types:
                if words & self.classes.get(name, frozenset()):
                    return None if event_type is None else (event_type, CAMEO_ROOTS[event_type])
        if spec.only_someone and not _theme_names_someone(verb):
            return None
        needs = self.classes.get(spec.someone_needs or "", frozenset())
        if spec.someone_needs and not any(t.lemma_.lower() in needs for t in verb.sent):
            return None
        return None if spec.only else found


def _theme_names_someone(verb: Token) -> bool:
    """Does the verb's theme (or a conjunct) name someone: a name (a capitalised word the parse
    may tag a noun: "Fôn was released"), a pronoun, an agent noun?"""
    theme = _theme(verb)
    return theme is None or any(
        t.is_title or doers.names_doer(t, ()) for t in (theme, *theme.conjuncts)
    )


# The CAMEO root a retyped report carries (the lexicon's root for each PLOVER type it can get).
CAMEO_ROOTS = {
    "RETREAT": "08", "CONCEDE": "08", "SANCTION": "16", "AID": "07", "CONSULT": "04", "MOBILIZE": "15",
    "REJECT": "12", "THREATEN": "13", "REQUEST": "10", "PROTEST": "14", "COERCE": "17",
}  # fmt: skip


def _theme(verb: Token) -> Token | None:
    """The verb's object, else its passive subject ("the whip was withdrawn") or the noun its
    past participle modifies ("data released today"), else what the parse hung elsewhere: the
    subject of a passive verb's controller ("wisdom needs to be deployed"), or the subject of a
    clause right after the verb, which a transfer verb takes for its object ("released growth
    figures showing ...": figures, parsed as the subject of "showing ... expanded")."""
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    if objects:
        return objects[0]
    passive = [c for c in verb.children if c.dep_ == "nsubjpass"]
    if passive:
        return passive[0]
    if verb.dep_ == "acl" and verb.tag_ == "VBN":
        return verb.head  # "figures released by the bureau", "troops withdrawn from the area"
    if verb.dep_ == "xcomp" and any(c.dep_ == "auxpass" for c in verb.children):
        controller = verb.head  # "is likely to be lifted": the subject is the copula's
        if controller.dep_ == "acomp" and not any(c.dep_ == "nsubj" for c in controller.children):
            controller = controller.head
        return next((c for c in controller.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    for clause in (c for c in verb.children if c.dep_ == "ccomp"):
        subject = next((c for c in clause.children if c.dep_ == "nsubj"), None)
        if subject is not None and subject.left_edge.i == verb.i + 1:
            return subject
    return None


def _theme_words(verb: Token) -> list[set[str]]:
    """Lemmas naming what the verb moves, most telling first: the theme's own word (and
    "money" for a sum: "$1bn"), then its modifiers and the noun a quantity counts ("tonnes of
    wheat", "$1bn in assets"), then what the verb gives "with" when its object is the
    recipient ("supplied Hezbollah with weapons"), then the themes it is coordinated with
    ("eased travel and other restrictions"). Empty when the verb names no theme."""
    theme = _theme(verb)
    if theme is None:
        return []
    own = {theme.lemma_.lower(), theme.lower_}
    if theme.lower_ in CURRENCY or any(c.lower_ in CURRENCY for c in theme.children):
        own.add("money")
    counted = {c.lemma_.lower() for c in theme.children if c.dep_ == "compound"}
    for prep in (c for c in theme.children if c.dep_ == "prep" and c.lower_ in QUANTITY_PREPS):
        counted |= {g.lemma_.lower() for g in prep.children if g.dep_ == "pobj"}
    supplied = {  # "supplied Hezbollah with weapons": the recipient is the object
        g.lemma_.lower()
        for prep in verb.children
        if prep.dep_ == "prep" and prep.lower_ == "with"
        for g in prep.children
        if g.dep_ == "pobj"
    }
    return [own, counted, supplied, {c.lemma_.lower() for c in theme.conjuncts}]
