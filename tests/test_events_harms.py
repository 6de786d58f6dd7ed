"""Words of force that harm no one (issue 20, `newsflow.harms` and `newsflow.blows`).

Read whole, the BBC and Reuters runs typed as ASSAULTs a hit song ("1986 hit She's Gotta Have
It", "a smash hit on Broadway"), a plan killed ("kill the amendment"), a climb or a film shoot
("shot to prominence", "a film version of Carmen shot in Cape Town"), a chart place or a lease
("occupied the number one and two positions", "occupy 19 floors"), abused trust, a "gadget
explosion", a race won ("stormed to his second international victory"), a dismissal
("fired seven flight attendants"), a level reached or a fine ("hitting his growth target", "hit
with record fines", "hit the morale") and "an assault on poverty"; likewise a team "well
beaten", a "country hit", "films shot in the UK", "killing of foxes", "fired on 1 November".
Each is none now; the real blows beside them stay ASSAULTs.

Real sentences: BBC bbc/entertainment/ (Spike Lee, Brit Awards, Nelly, Jamelia, Franz
Ferdinand, Carmen), bbc/politics/ (UKIP, Pentagon detainees, House of Commons protesters,
Brown's Budget), bbc/business/ (Fiat, Viacom, Chidambaram), bbc/tech/ (Curry's podcasts),
bbc/sport/ (McIlroy); Reuters (Ways and Means amendment, Communist rebels, JAL crash, First
Wisconsin, Docemarte marines, Moenchengladbach car bomb, American Airlines attendants, Cypriot
tanker, Iraqi warplanes). Mentions are alias matches of the actors listed here.
"""

from __future__ import annotations

from datetime import date

import pytest

from tests.event_frames import found_events

ACTORS = [
    # actor_id, name, actor_type, country_code, aliases
    ("act_lee", "Spike Lee", "PERSON", "USA", ["Lee"]),
    ("act_hill", "Conleth Hill", "PERSON", "GBR", ["Conleth Hill"]),
    ("act_curry", "Adam Curry", "PERSON", "USA", ["Curry"]),
    ("act_wm", "Ways and Means Committee", "ORG", "USA", ["Ways and Means committee"]),
    ("act_reb", "Communist rebels", "ORG", "PHL", ["Communist"]),
    ("act_phl", "Philippines", "COUNTRY", "PHL", ["Philippines", "Mindanao"]),
    ("act_jal", "Japan Airlines", "ORG", "JPN", ["Japan Airlines"]),
    ("act_ff", "Franz Ferdinand", "ORG", "GBR", ["Franz Ferdinand"]),
    ("act_fiat", "Fiat", "ORG", "ITA", ["Fiat"]),
    ("act_zaf", "South Africa", "COUNTRY", "ZAF", ["South African", "Cape Town"]),
    ("act_vg", "Theo van Gogh", "PERSON", "NLD", ["Van Gogh"]),
    ("act_nelly", "Nelly", "PERSON", "USA", ["Nelly"]),
    ("act_fw", "First Wisconsin", "ORG", "USA", ["First Wisconsin"]),
    ("act_tur", "Turkey", "COUNTRY", "TUR", ["Turkey"]),
    ("act_cyp", "Cyprus", "COUNTRY", "CYP", ["Cyprus"]),
    ("act_doce", "Docemarte", "ORG", "BRA", ["Docemarte"]),
    ("act_lab", "Labour Party", "ORG", "GBR", ["Labour"]),
    ("act_gbr", "United Kingdom", "COUNTRY", "GBR", ["British"]),
    ("act_mcilroy", "James McIlroy", "PERSON", "GBR", ["James McIlroy"]),
    ("act_hoc", "House of Commons", "ORG", "GBR", ["House of Commons"]),
    ("act_ira", "Irish Republican Army", "ORG", "GBR", ["IRA"]),
    ("act_aa", "American Airlines", "ORG", "USA", ["American"]),
    ("act_irn", "Iran", "COUNTRY", "IRN", ["Iranian"]),
    ("act_cypr", "Cypriot tanker", "ORG", "CYP", ["Cypriot"]),
    ("act_ind", "India", "COUNTRY", "IND", ["Indian"]),
    ("act_chid", "Palaniappan Chidambaram", "PERSON", "IND", ["Mr Chidambaram"]),
    ("act_usa", "United States", "COUNTRY", "USA", ["US"]),
    ("act_brown", "Gordon Brown", "PERSON", "GBR", ["Mr Brown"]),
    ("act_viacom", "Viacom", "ORG", "USA", ["Viacom"]),
    ("act_irq", "Iraq", "COUNTRY", "IRQ", ["Iraqi", "Baghdad"]),
    ("act_eth", "Ethiopia", "COUNTRY", "ETH", ["Ethiopia"]),
    ("act_lka", "Sri Lanka", "COUNTRY", "LKA", ["Sri Lanka"]),
    ("act_con", "Conservative Party", "ORG", "GBR", ["Tory"]),
    ("act_wal", "Wales", "PLACE", "GBR", ["Wales"]),
    ("act_sim", "Ellen Simonetti", "PERSON", "USA", ["Ms Simonetti"]),
    ("act_ncl", "Newcastle United", "ORG", "GBR", ["Newcastle"]),
    ("act_kilgore", "Merle Kilgore", "PERSON", "USA", ["Merle Kilgore"]),
    ("act_uk", "United Kingdom", "COUNTRY", "GBR", ["UK"]),
    ("act_little", "Penny Little", "PERSON", "GBR", ["Penny Little"]),
]  # fmt: skip
WHEN = date(2005, 2, 10)

NO_ONE_HARMED = [
    "Lee has made more than 25 films, including Jungle Fever, Do the Right Thing, Summer of Sam "
    "and 1986 hit She's Gotta Have It.",
    "A smash hit on Broadway before moving to London, the show also won best musical performance "
    "in a supporting role for Conleth Hill, who plays director Roger DeBris.",
    '"It is totally going to kill the business model of radio," thinks Curry.',
    "However, the Ways and Means committee, which has overall jurisdiction on trade legislation, "
    "will try to kill the amendment as protectionist, a committee aide said.",
    "Faulty repairs and inadequate inspection caused the 1985 crash of a Japan Airlines Co Ltd "
    "Boeing 747 which killed 520 people, the Japanese government said in a final official report.",
    "In eastern and southern Ethiopia, a prolonged drought has killed crops and drained wells.",
    "Scottish rock band Franz Ferdinand, who shot to prominence in 2004, have won two Brit Awards.",
    "Fiat's shares on the Milan stock exchange rose 4.5% by 0900 GMT to 6.2 euros, having shot up "
    "more than 7% in early trading.",
    "A South African film version of Bizet's tragic opera Carmen shot in Cape Town in the Xhosa "
    "language has also premiered at the Berlin Festival.",
    "Nelly has sold more than 30 million singles and albums worldwide, and in September 2004 "
    "simultaneously occupied the number one and two positions in the US albums chart.",
    "First Wisconsin will continue to occupy 19 floors in First Wisconsin Center, it said.",
    "He told delegates that Labour had abused the public's trust and that the Tories had failed "
    "to oppose them.",
    "The gadget explosion signalled the strongest growth yet in the US in 2004.",
    "James McIlroy stormed to his second international victory in less than a week, claiming the "
    "men's 800m at the TEAG indoor meeting in Erfurt.",
    'Gibbs said at a press conference today that American had fired seven flight attendants "on '
    'the spot" last Sunday, and by Monday a total of 17 had been fired.',
    '"Given the resilience of the Indian economy... it is possible to launch a direct assault on '
    'poverty," Mr Chidambaram said.',
    "During his 49 minute speech Mr Brown told MPs he had defied the pundits by hitting his "
    "growth target of 3.1% for 2004.",
    "The tragedy has left at least 25,000 people dead, with Sri Lanka, Thailand, India and "
    "Indonesia worst hit.",
    "Viacom has also been hit with record fines of $3.5m over Stern and two other New York DJs.",
    '"They may shoot a Tory fox, but cutting thousands of civil service jobs will hit the morale '
    "and capabilities of the public servants expected to implement government reforms.",
    "Those are the two questions occupying not just Wales supporters but rugby fans as a whole "
    "after a scintillating display in Paris.",
    "Ms Simonetti announced on her blog she had been fired on 1 November.",
    "Titus Bramble's own goal put Liverpool on the comeback trail as injury-hit Newcastle were "
    "well beaten at Anfield.",
    "Merle Kilgore, co-writer of the country hit Ring of Fire, has died of congestive heart "
    "failure aged 70.",
    "The strength of the pound against the dollar is expected to have resulted in a fall in the "
    "number of US films shot in the UK during 2004, Screen International added.",
    "Big budget co-productions, such as the Harry Potter series, continued to be shot in the UK, "
    "however.",
    "But Penny Little, who monitored the Bicester Hunt in Oxfordshire, said she had witnessed "
    '"gratuitous, spiteful killing of foxes".',
]

REAL_BLOWS = [
    "Communist rebels killed 18 soldiers on Mindanao island in the southern Philippines, the "
    "army said.",
    "Van Gogh was shot and stabbed to death in Amsterdam six weeks ago.",
    "The internationally recognised southern part of Cyprus is an EU member, but Turkey, which "
    "occupies northern Cyprus, had previously insisted it would not bow to demands to recognise "
    "the country.",
    "Yesterday marines and police occupied one ship, the Docemarte, seamen's leaders said.",
    'But the Pentagon told BBC News US policy "condemns and prohibits" torture and said there was '
    "no evidence that any British detainee was tortured or abused.",
    "A big car bomb exploded at the headquarters of the British Rhine army near Moenchengladbach "
    "in West Germany tonight, police said.",
    "During the IRA bombings there were massive explosions in Canary Wharf, to the right of "
    "where I write this, and also to the left in the City of London.",
    "Head teachers can currently exclude pupils who commit or threaten violence in school, who "
    "sexually abuse pupils or other people, who sell illegal drugs or who have persistent and "
    "malicious disruptive behaviour.",
    "Eight protesters who stormed the House of Commons chamber during a debate on the Hunting "
    "Bill have been charged with disorderly conduct.",
    "A Cypriot tanker was set ablaze in the Persian Gulf yesterday after an Iranian gunboat fired "
    "missiles at it, shipping sources quoting reports from Japanese tankers said today.",
    'Iraqi warplanes attacked and hit a large "naval target" -- Baghdad\'s term for a tanker or '
    "merchant vessel -- in the Gulf today, an Iraqi military spokesman said.",
]


@pytest.mark.parametrize("body", NO_ONE_HARMED, ids=lambda b: b[:40])
def test_words_of_force_that_harm_no_one_are_no_assault(nlp, body):
    events = found_events(body, nlp, ACTORS, WHEN)
    assert [e for e in events if e[0] == "ASSAULT"] == [], events


@pytest.mark.parametrize("body", REAL_BLOWS, ids=lambda b: b[:40])
def test_real_blows_stay_assaults(nlp, body):
    assert "ASSAULT" in {e[0] for e in found_events(body, nlp, ACTORS, WHEN)}, body


def test_an_attack_on_legislation_is_an_accusation(nlp):
    body = (
        "Airlines have attacked the legislation saying they could be forced to push prices "
        "higher to cover the extra cost, Labour said."
    )
    types = {e[0] for e in found_events(body, nlp, ACTORS, WHEN)}
    assert "ASSAULT" not in types
