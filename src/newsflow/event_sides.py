"""The sides of an event report as the merge compares them (issue 20).

A side's merge key was the actor's country when the actor is a state, a person of it or a body
of it, so "Tony Blair criticised X" and "Michael Howard criticised X" (both GBR) were one event
(bbc/politics/371). A side now keeps who it is: the bare country ("Britain", "the government",
a capital) keys as the country, "GBR"; a person or named body of it as "GBR/<actor_id>". Two
sides agree when they are the same actor, or when one is the bare country and the other one
of its own; two different people (or bodies) of one country never agree.
"""

from __future__ import annotations

from collections.abc import Iterable

from newsflow.roles import RoleMention

SEPARATOR = "/"  # actor ids ("act_<hash>") and country codes never hold it


def side_key(mention: RoleMention | None) -> str | None:
    """The merge key of a report's side: the country for the bare country actor, country and
    actor id for a person or body keyed by its country, else the actor's own key."""
    if mention is None:
        return None
    if mention.actor_type == "COUNTRY" or mention.key == mention.actor_id:
        return mention.key
    return f"{mention.key}{SEPARATOR}{mention.actor_id}"


def base_key(key: str) -> str:
    """The key without its actor: what a side is blocked and looked up by (the country)."""
    return key.split(SEPARATOR, 1)[0]


def country_of(key: str) -> str | None:
    """The country a side key stands for (its own or its person's or body's), None for an actor
    of no country (keyed by its actor id)."""
    base = base_key(key)
    return None if base.startswith("act_") else base


def is_specific(key: str) -> bool:
    """A person or named body of a country, not the country itself."""
    return SEPARATOR in key


def sides_agree(a: str, b: str) -> bool:
    """Same actor, or the bare country and one of its own people or bodies."""
    if a == b:
        return True
    return base_key(a) == base_key(b) and not (is_specific(a) and is_specific(b))


def pairs_agree(
    a: tuple[str | None, str | None], b: tuple[str | None, str | None], symmetric: bool
) -> bool:
    """Whether two actor pairs can be one event's: every side both name agrees and at least one
    does; for a symmetric type ("met"), one report's actors are among the other's."""
    if symmetric:
        sa, sb = [k for k in a if k], [k for k in b if k]
        small, large = (sa, sb) if len(sa) <= len(sb) else (sb, sa)
        return bool(small) and all(any(sides_agree(x, y) for y in large) for x in small)
    shared = False
    for x, y in zip(a, b, strict=True):
        if x is not None and y is not None:
            if not sides_agree(x, y):
                return False
            shared = True
    return shared


def clash(a: Iterable[str], b: Iterable[str]) -> bool:
    """Whether two groups name two different people or bodies of one country (so that a bare
    "Britain criticised X" does not chain Blair's and Howard's reports into one event)."""
    mine = {k for k in a if is_specific(k)}
    theirs = {k for k in b if is_specific(k)}
    return any(base_key(x) == base_key(y) and x not in theirs for x in mine for y in theirs)
