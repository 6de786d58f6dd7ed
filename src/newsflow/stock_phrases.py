"""Stock phrases of wire copy that use an event word for no event (issue 20, trigger audit).

Each is a formula of financial and wire reporting that the lexicon reads as an act between
actors; the first trigger audit (`bench/labels/events/trigger_audit/`, 250 Reuters events,
tuning) judged every audited case wrong, and the whole Reuters corpus holds dozens of each:

* a source's anonymity: "said the official, who asked not to be identified", "journalists,
  who asked to remain anonymous", "requested anonymity" (REQUEST; 4 audited, ~50 in the
  corpus). Asking not to be named asks nothing of any actor in the news.
* market demand: "domestic demand", "heavy demand", "consumer demand for cars" (REQUEST from
  "demand"; ~40 in the corpus): demand for goods is a market quantity, no one's demand of
  another.
* bookkeeping nouns: "loan losses", "loan-loss provisions", "aid budget" read as a loan or aid
  given (AID; 2 audited, ~25 in the corpus): the compound's head is the thing reported (also
  "an aid agency", "aid workers": who they are, not aid given).
* a central bank's money-market operations: "the Bank's total help today to 137 mln stg",
  "provided the money market with 105 mln stg assistance" (AID; 2 audited, ~20 in the
  corpus): liquidity for a market, no aid to an actor.
* a figure explained: "the company attributed the loss to competitive pressures", "experts
  attributed the fall to lower world prices" (ACCUSE from "attribute"; 4 audited, none right,
  ~70 in the corpus): explaining a market move or a result blames no actor. What is
  attributed must be a figure; "Islamabad attributes these attacks to terrorist hideouts"
  stays an accusation.
* a document's provisions: "the contract calls for two-year development", "the plan calls for
  the sale of substantially all of the assets", "the House plan which calls for 1988 defence
  spending levels" (REQUEST from "call for"; ~37 in the corpus, all of this kind): what an
  agreement or plan provides is no one's request. A resolution, declaration or statement that
  "calls for" something voices its makers' demand and stays a REQUEST.
* a share of a figure: "strong loan volume and higher net income contributed to the gain",
  "her government's oil policy contributed to weakness in world oil prices", "contributed net
  earnings of 44.5 mln dlrs" (AID from "contribute"; 85 AIDs in the corpus, mostly these): a
  thing that contributes, or a contribution to or of a figure, gives nothing to anyone. "The
  World Bank ... had contributed to the package" stays AID.
* a security called or a tender called: "Borden Inc called for redemption on March 23 of all
  its outstanding 8-1/2 pct sinking fund debentures", "India has called a fresh buying tender
  for up to four 13,000 tonne cargoes of white sugar", "Alcoa is long call options" (REQUEST
  from "call"; ~25 in the corpus, none a request): an issuer retiring its debt or a buyer
  inviting offers is routine business, and a call option is a contract. So is a telephone
  call: "Britain's first mobile phone call was made across the Vodafone network", "handles
  about 1.5 mln local calls per week", "received a phone call on 13 February 2003 from a
  Jackson associate" (REQUEST; 9 on the two corpora at 10ba7f7) ask nothing.
* a central bank's or treasury's market operations: "the Bundesbank accepted bids for 6.1
  billion marks at today's tender for a 28-day securities repurchase pact", "the Bank of France
  said it will offer 7.5 billion francs' worth of negotiable Treasury bills at its next public
  weekly tender", "offered liquidity to the money market" (AGREE; ~35 in the corpus once the
  central banks were curated state bodies): a tender of bills or of liquidity is monetary
  routine, as the guide labels the Bank of England's money market assistance.
* support provided: "exporters provided underlying support in flaxseed", "provide technical
  and managerial support", "provided extra logistical support for phone and online appeals"
  (SUPPORT from the noun; 9 in both corpora, none verbal backing): support provided or
  supplied is a market's or a contractor's; so is support found ("heating oil found support
  from traders"), lent to no one ("also lent support") or a poll's share ("the support of 42
  pct"); backing is given, lent to someone or voiced ("Robin Cook gave his support to Mr
  Brown's prime ministerial ambitions" stays).
* a market held up: "intervened to support the dollar", "Chart support was cited at
  97-23/32", "new support prices for grains" (SUPPORT; ~40 on Reuters): no actor is backed.
* market demand, whatever modifies it: "South Korean camera demand rose", "demand from
  Japanese investors is heavy" (REQUEST); a claim's demand ("a $540m repayment demand") stays.
* an executive's resignation, a personnel move, is no RETREAT: `newsflow.resignations`.
* a sum lent told as a figure: "OCR lending to Indonesia was 3.6 billion dlrs, 27.1 pct of OCR
  loans", "its loans during the last Islamic year fell 24 pct" (AID; random audits 24-31 judged
  5 such AIDs, none an event): the guide's statistics. Not a state's aid to another ("West
  German aid to Bolivia last year totalled 50 mln marks": change_audit35 judged it an AID).
"""

from __future__ import annotations

from spacy.tokens import Token

from newsflow import doers, resignations, speech

ASKING = {"ask", "request"}
# what a source asks not to be: "identified", "named", "quoted"; or to stay: "anonymous"
UNNAMED = {"identify", "name", "quote", "anonymous", "anonymity"}
MARKET_DEMAND = {
    "domestic", "consumer", "consumption", "import", "export", "world", "global", "internal",
    "external", "heavy", "strong", "weak", "firm", "seasonal", "aggregate", "industrial",
    "physical", "investment", "credit", "loan", "money", "energy", "oil", "fuel", "power",
    "electricity", "market", "end-user", "underlying", "overall", "final", "private", "retail",
}  # fmt: skip
# what a demand claims: money owed or paid ("a $540m repayment demand from foreign banks")
CLAIMS = {
    "repayment", "payment", "ransom", "wage", "pay", "compensation", "tax", "damage", "pension",
    "redundancy", "refund", "reimbursement",
}  # fmt: skip
# what market demand does or has done to it: "demand rose", "stimulate domestic demand"
DEMAND_VERBS = {
    "rise", "fall", "grow", "increase", "decline", "drop", "slow", "weaken", "strengthen",
    "recover", "outstrip", "exceed", "outweigh", "stimulate", "boost", "spur", "create", "expand",
    "generate", "curb", "dampen", "fuel", "revive", "lift", "depress", "sustain", "shift",
    "meet", "satisfy",  # "to meet the growing demand for greater bandwidth"
}  # fmt: skip
# how much market demand there is: "demand from Japanese investors is heavy"
DEMAND_LEVELS = {
    "good", "brisk", "steady", "sluggish", "poor", "slack", "light", "thin", "high", "low",
}  # fmt: skip
# what market demand is for: goods, money, securities ("demand for products", "for the yen")
DEMANDED_GOODS = {
    "product", "oil", "crude", "gasoline", "fuel", "energy", "power", "electricity", "loan",
    "credit", "money", "fund", "security", "bond", "share", "stock", "paper", "currency", "yen",
    "dollar", "mark", "sterling", "import", "export", "good", "commodity", "steel", "metal",
    "copper", "gold", "grain", "wheat", "corn", "sugar", "coffee", "cocoa", "cotton", "car",
    "housing", "house", "service", "capacity", "space", "ship", "tanker", "equipment", "chip",
}  # fmt: skip
# what a compound "loan"/"aid"/"credit" trigger can modify and still be no loan given
BOOKKEEPING = {
    "loss", "losses", "provision", "provisions", "portfolio", "exposure", "book", "write-off",
    "writeoff", "chargeoff", "charge-off", "quality", "reserve", "reserves", "budget", "rate",
    "demand", "growth", "officer", "agency", "worker", "volume", "servicing", "activity",
}  # fmt: skip
LOANS = {"loan", "lending"}
# how a lender's book tells a loan's status ("non-accrual", "on the books", "written down")
LOAN_STATUS = (
    "accrual", "accruing", "non-performing", "nonperforming", "on the books", "exposure",
    "cash basis", "write down", "writing down", "written down", "write off", "writing off",
    "written off", "loan loss",
)  # fmt: skip
MARKET_HELP = {"total", "market", "stg", "liquidity"}  # "the Bank's total help", "mln stg help"
HELP_NOUNS = {"help", "assistance", "aid"}
# not "aid": change_audit35 judged "West German aid to Bolivia last year totalled 50 mln
# marks" a state's AID, as a lender's lending told as a figure is not (random_audit31)
FIGURE_AID = {"credit", "borrowing", "disbursement"}  # `_aid_figure`
FORECAST_VERBS = {"expect", "forecast", "project", "seem", "appear", "estimate"}
AMOUNTS = {"level", "levels", "volume", "total", "share", "value", "amount", "bulk", "portion"}
# figures and market moves, which an "attribute" explains rather than blames on anyone
FIGURES = {
    "increase", "decrease", "rise", "fall", "decline", "drop", "dive", "surge", "slump",
    "loss", "losses", "gain", "gains", "growth", "improvement", "deterioration", "deficit",
    "surplus", "optimism", "pessimism", "nervousness", "result", "results", "earnings",
    "profit", "profits", "revenue", "revenues", "sales", "orders", "weakness", "strength",
    "shortfall", "downturn", "recovery", "rally", "slowdown", "change", "changes",
    "difference", "reserves", "acreage", "acreages", "price", "prices", "demand", "output",
    "production", "performance", "volatility", "firmness", "easing", "upturn", "setback",
}  # fmt: skip
# posts that are a company's: a chief executive, an officer, a board director. A plain
# "chairman" is not among them ("has also resigned as UKIP's branch chairman": a party post,
# CONCEDE in the spent heldout set), nor "director-general" or "director general".
# documents whose "calls for" states a provision (not a resolution, declaration or statement)
PROVISIONS = {
    "contract", "plan", "agreement", "proposal", "bill", "budget", "offer", "program",
    "programme", "schedule", "package", "deal", "accord", "law", "measure", "legislation",
    "pact", "scheme", "project", "arrangement", "settlement", "formula", "draft", "rule",
    "regulation", "guideline", "timetable", "memorandum", "treaty", "reform", "merger",
    "condition", "term", "transaction", "directive", "act", "section", "clause", "policy",
    "filing", "strategy",
}  # fmt: skip
# what a central bank or a treasury offers or accepts at a tender, and the pacts it makes
MARKET_INSTRUMENTS = {"liquidity", "bill", "note", "bid", "security"}
TENDER_VERBS = {"offer", "accept"}
MARKET_PACTS = {"repurchase", "repo"}  # "a 28-day securities repurchase pact"
PROVIDING = {"provide", "supply"}  # "provided underlying support": no backing voiced
# what a market's support holds up: a currency, prices, a market (`_market_support`)
MARKET_THINGS = {
    "dollar", "yen", "mark", "sterling", "pound", "franc", "currency", "price", "value",
    "market", "crude", "oil", "rate", "share", "stock", "bond", "economy", "level",
}  # fmt: skip
# "chart support", "technical support", "price supports", "income support", "farm support"
CHART_WORDS = {"chart", "technical", "price", "market", "income", "farm", "customer", "life"}
SHARES = {"pct", "percent", "%", "per", "cent", "third", "half", "quarter", "majority", "minority"}
# what an issuer or a buyer "calls": a security for redemption, a tender for offers
CALLED_BUSINESS = {"redemption", "tender"}
# what makes a "call" a telephone call ("a mobile phone call", "local calls", "Voip calls")
LINES = {"phone", "telephone", "mobile", "voip", "conference", "video", "local", "long-distance",
         "distance"}  # fmt: skip
RELATIVES = {"which", "that"}


def _asks_anonymity(verb: Token) -> bool:
    """ "asked not to be identified", "asked to remain anonymous", "requested anonymity"."""
    if verb.lemma_.lower() not in ASKING:
        return False
    for child in verb.children:
        if child.dep_ == "dobj" and child.lemma_.lower() in UNNAMED:
            return True
        if child.dep_ == "xcomp":
            words = {child.lemma_.lower()} | {g.lemma_.lower() for g in child.children}
            if words & UNNAMED:
                return True
    return False


def _market_demand(noun: Token) -> bool:
    """ "domestic demand", "heavy demand", "oil demand", "South Korean camera demand rose",
    "stimulate demand", "demand for products rising", "supply and demand": a market quantity,
    no one's demand."""
    if noun.lemma_.lower() != "demand" or noun.tag_ == "NNS":
        return False  # "the strikers' demands" are asked
    modifiers = [c for c in noun.children if c.dep_ in ("amod", "compound", "nmod")]
    if any(c.lemma_.lower() in CLAIMS for c in modifiers):
        return False  # "a similar $540m repayment demand from foreign banks" is asked
    if any(c.lemma_.lower() in MARKET_DEMAND for c in modifiers):
        return True
    if noun.dep_ in ("nsubj", "dobj", "conj") and noun.head.lemma_.lower() in DEMAND_VERBS:
        return True
    if any(c.dep_ == "acl" and c.lemma_.lower() in DEMAND_VERBS for c in noun.children):
        return True  # "with demand for products rising"
    levels = MARKET_DEMAND | DEMAND_LEVELS
    copulas = [noun.head] if noun.dep_ == "nsubj" else []  # "demand ... is heavy"
    if noun.dep_ == "dobj":  # "expects demand this year to be strong"
        copulas = [c for c in noun.head.children if c.dep_ == "xcomp"]
    if any(c.dep_ == "acomp" and c.lemma_.lower() in levels for v in copulas for c in v.children):
        return True
    preps = {c.lower_ for c in noun.children if c.dep_ == "prep"}
    if "from" in preps and "for" not in preps:
        return True  # "demand from Japanese investors", "from shipping companies"
    if noun.dep_ == "conj" and noun.head.lemma_.lower() == "supply":
        return True
    if any(c.lemma_.lower() == "supply" for c in noun.children if c.dep_ in ("conj", "compound")):
        return True
    return any(
        g.lemma_.lower() in DEMANDED_GOODS
        for p in noun.children
        if p.dep_ == "prep" and p.lower_ == "for"
        for g in p.children
        if g.dep_ == "pobj"
    )


def _bookkeeping(noun: Token) -> bool:
    """ "loan losses", "aid budget": the trigger only modifies the noun reported."""
    return noun.dep_ == "compound" and noun.head.lemma_.lower() in BOOKKEEPING


def _loan_book(noun: Token) -> bool:
    """ "placing loans to borrowers in Brazil on non-accrual", "Business loans on the books of
    major U.S. banks ... fell 618 mln dlrs", "laying the groundwork for writing down Brazilian
    loans": a lender's book, no loan given. A loan that is the subject of a figure's move, or in
    a sentence that tells a book's status."""
    lemma = noun.lemma_.lower()
    if lemma in FIGURE_AID:
        return _aid_figure(noun)  # "Total credit granted ... rose to 77 billion crowns"
    if lemma not in LOANS:
        return False
    if _aid_figure(noun):
        return True
    text = noun.sent.text.lower()
    return any(status in text for status in LOAN_STATUS)


def _aid_figure(noun: Token) -> bool:
    """ "its loans during the last Islamic year fell 24 pct", "OCR lending to Indonesia was 3.6
    billion dlrs", "loans to Ecuador, which total 25 mln dlrs", "Lending ... to China is
    expected to almost double": a sum lent told as a figure (the guide's statistics), no act
    of giving. Random audits 24-31 judged 5 such AIDs, none an event; a state's aid told as a
    sum is not read here (change_audit35 judged "West German aid to Bolivia ... totalled 50
    mln marks" an AID)."""
    verb = noun.head
    if noun.dep_ == "pobj" and verb.lower_ == "of" and verb.head.lower_ in SHARES | AMOUNTS:
        return True  # "27.1 pct of OCR loans", "the level of lending"
    if noun.dep_ in ("nsubj", "nsubjpass"):
        if verb.lemma_.lower() in FIGURE_MOVES:
            return True
        if verb.lemma_.lower() in FORECAST_VERBS and any(
            c.dep_ == "xcomp" and c.lemma_.lower() in FIGURE_MOVES for c in verb.children
        ):
            return True  # "is expected to almost double", "could rise to 30 pct"
        return verb.lemma_.lower() == "be" and any(
            c.dep_ == "attr" and any(g.dep_ == "nummod" or g.like_num for g in c.subtree)
            for c in verb.children
        )  # "was 3.6 billion dlrs"
    # "loans to Ecuador, which total 25 mln dlrs": on the noun, or as the parser hangs it, on
    # the one lent to; the clause tells a figure
    holders = [noun] + [g for p in noun.children if p.dep_ == "prep" for g in p.children]
    return any(
        c.dep_ == "relcl"
        and c.lemma_.lower() in FIGURE_MOVES
        and any(t.like_num for t in c.subtree)
        for h in holders
        for c in h.children
    )


def _market_help(noun: Token) -> bool:
    """ "the Bank's total help", "137 mln stg help", "money market assistance"."""
    if noun.lemma_.lower() not in HELP_NOUNS:
        return False
    return any(
        c.dep_ in ("amod", "compound", "nmod", "nummod") and c.lower_ in MARKET_HELP
        for c in noun.children
    )


def _provision(verb: Token) -> bool:
    """ "the contract calls for", "the plan, which calls for": a document provides something."""
    if verb.lemma_.lower() != "call":
        return False
    # "calls for the sale", "calls for the company to issue stock" (a for-to clause)
    if not any(c.dep_ == "prep" and c.lower_ == "for" for c in verb.children) and not (
        speech.for_to_clauses(verb)
    ):
        return False
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    nouns = [verb.head if s.lower_ in RELATIVES and verb.dep_ == "relcl" else s for s in subjects]
    return any(n.lemma_.lower() in PROVISIONS for n in nouns)


def _contributes_to_a_figure(verb: Token) -> bool:
    """ "contributed to the weakness in prices", "the Audi 80 contributed to VW's profit"."""
    if verb.lemma_.lower() != "contribute":
        return False
    to = [g for c in verb.children if c.dep_ == "prep" and c.lower_ == "to" for g in c.children]
    given = [c for c in verb.children if c.dep_ == "dobj"]  # "contributed net earnings of ..."
    if any(g.lemma_.lower() in FIGURES or g.lower_ in FIGURES for g in to + given):
        return True
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    return bool(subjects) and not any(doers.names_doer(s, ()) for s in subjects)


def _calls_business(word: Token) -> bool:
    """ "called for redemption", "called a fresh buying tender", "call options", "a phone
    call"."""
    if word.lemma_.lower() != "call":
        return False
    if word.pos_ not in ("VERB", "AUX"):
        if word.dep_ == "compound":
            return True  # "call options", "an automatic call distributor"
        return any(
            c.dep_ in ("compound", "amod", "nmod") and c.lower_ in LINES for c in word.children
        )  # "a mobile phone call", "1.5 mln local calls per week"
    called = [c for c in word.children if c.dep_ == "dobj"] + [
        g for c in word.children if c.dep_ == "prep" and c.lower_ == "for" for g in c.children
    ]
    return any(c.lemma_.lower() in CALLED_BUSINESS for c in called)


def _market_operation(word: Token) -> bool:
    """ "accepted bids for 6.1 billion marks at today's tender", "offer 7.5 billion francs'
    worth of negotiable Treasury bills", "offered liquidity", "a securities repurchase pact",
    "is offering to buy all maturities of Treasury notes and bonds"."""
    if word.pos_ in ("NOUN", "PROPN"):
        return any(
            c.dep_ in ("compound", "amod", "nmod") and c.lemma_.lower() in MARKET_PACTS
            for c in word.children
        )
    if word.lemma_.lower() not in TENDER_VERBS:
        return False
    # "is offering to buy all maturities of Treasury notes and bonds": what it offers to buy
    objects = _objects(word) + [o for x in word.children if x.dep_ == "xcomp" for o in _objects(x)]
    return any(t.lemma_.lower() in MARKET_INSTRUMENTS for o in objects for t in o.subtree)


def _support_provided(noun: Token) -> bool:
    """ "exporters provided underlying support", "support is provided by the loan rate"; support
    found ("heating oil found support from traders", "the commission found support for the
    idea"), lent to no one ("Senate testimony from Fed Chairman Paul Volcker also lent
    support") or a poll's share ("gave the Conservatives the support of 42 pct")."""
    if noun.lemma_.lower() != "support" or noun.dep_ not in ("dobj", "nsubjpass"):
        return False
    verb = noun.head.lemma_.lower()
    if verb in PROVIDING or verb == "find":
        return True
    if verb == "lend" and not any(  # "lend ad hoc support to his minority government" stays
        c.dep_ == "dative" or (c.dep_ == "prep" and c.lower_ == "to") for c in noun.head.children
    ):
        return True
    return any(  # "the support of 42 pct of those questioned": a share, not a backer's act
        g.lemma_.lower() in SHARES or g.like_num
        for p in noun.children
        if p.dep_ == "prep" and p.lower_ == "of"
        for g in p.children
        if g.dep_ == "pobj"
    )


def _market_support(word: Token) -> bool:
    """ "intervened to support the dollar", "prices also were supported by an escalation",
    "Saudi Arabia's determined effort to support prices", "Chart support was cited at
    97-23/32", "support prices", "income support payments": a market held up or a kind of
    thing, no actor backed."""
    if word.lemma_.lower() != "support":
        return False
    if word.dep_ in ("amod", "compound") and word.head.pos_ == "NOUN":
        return True  # "support prices", "income support payments", "support services"
    if word.pos_ in ("NOUN", "PROPN"):
        return any(
            c.dep_ in ("compound", "amod") and c.lemma_.lower() in CHART_WORDS
            for c in word.children
        )
    return any(o.lemma_.lower() in MARKET_THINGS for o in _objects(word))


def _objects(verb: Token) -> list[Token]:
    """What the verb acts on: its object, or a passive's subject ("reserves is attributed")."""
    return [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]


def _explains_a_figure(verb: Token) -> bool:
    """ "attributed the loss / the fall / the rise in 1986 net profit to ..."."""
    return verb.lemma_.lower() == "attribute" and any(
        o.lemma_.lower() in FIGURES for o in _objects(verb)
    )


def no_event(token: Token) -> bool:
    """Is this trigger word a stock phrase of wire copy that names no event?"""
    if token.pos_ in ("VERB", "AUX"):
        return (
            _asks_anonymity(token)
            or resignations.personnel_move(token)
            or _explains_a_figure(token)
            or _provision(token)
            or _calls_business(token)
            or _contributes_to_a_figure(token)
            or _market_operation(token)
            or _market_support(token)
        )
    if token.pos_ not in ("NOUN", "PROPN"):
        return False
    return (
        _market_demand(token)
        or _bookkeeping(token)
        or _loan_book(token)
        or _market_help(token)
        or _calls_business(token)
        or _market_operation(token)
        or _support_provided(token)
        or _market_support(token)
    )


# how a figure moves or stands: "output must rise", "balances should fluctuate around 30 mln"
FIGURE_MOVES = {
    "rise", "fall", "grow", "increase", "decline", "drop", "slow", "weaken", "strengthen",
    "recover", "fluctuate", "remain", "stay", "reach", "exceed", "improve", "ease", "climb",
    "surge", "slump", "stabilise", "stabilize", "average", "total", "top", "hover", "range",
    "level", "firm", "soften", "rebound", "pick",
}  # fmt: skip


def figure_forecast(clause: Token) -> bool:
    """Is a reported "should"/"must" clause a figure's expected course, not an act asked of
    anyone: a thing's move ("China's 1987 cotton output must rise above the 1986 level",
    "national income ... should rise by 4.3 pct", "cash balances should fluctuate around 30 mln
    N.Z. Dlrs")? Its subject is a common noun naming no one who acts."""
    if clause.lemma_.lower() not in FIGURE_MOVES:
        return False
    subjects = [c for c in clause.children if c.dep_ == "nsubj"]
    return bool(subjects) and all(
        s.pos_ == "NOUN" and not doers.names_doer(s, ()) for s in subjects
    )
