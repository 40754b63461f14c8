"""What the operator does with offers on the command line (the offer level, issue 17):
create, list and read offers, import a theory of change into one by name, and name who
follows up on an offer or on the whole organisation (`Overseer`).

These take the unit of work themselves (as `flows.queries` does) and commit what they
change: they are the installation's administration, beside each group's leaders, and name
an offer rather than a group. Moving a group into an offer goes through the flows as the
operator (`JoinOffer`, `LeaveOffer`), by the same rules as a leader's.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from flows.errors import InvalidInput, NotFound
from flows.model import Group
from flows.offer_commands import TheoryRow
from flows.offer_model import Offer, Overseer
from flows.offers import create_offer, groups_line, theory_lines
from flows.outputs import Text, t
from flows.ports import UnitOfWork
from flows.theory import imported, replace_theory
from flows.validation import MAX_LABEL, MAX_NAME, clean_name, clean_text


@dataclass(frozen=True)
class OfferView:
    """An offer as the command line shows it: its theory's lines and its groups."""

    offer: Offer
    groups: tuple[Group, ...]

    def lines(self) -> list[Text]:
        return [*theory_lines(self.offer), groups_line(list(self.groups))]

    def summary(self) -> Text:
        o = self.offer
        return t("offer.cli.line", name=o.name, workspace=o.workspace, elements=len(o.elements),
                 results=len(o.results), groups=len(self.groups))  # fmt: skip


def _named(uow: UnitOfWork, name: str, workspace: str) -> Offer:
    found = uow.offers.by_name(name.strip(), workspace)
    if found is None:
        raise NotFound("offer.cli.no_offer", offer=name.strip()[:MAX_LABEL])
    return found


def create(uow: UnitOfWork, name: str, workspace: str = "") -> Text:
    with uow:
        offer = create_offer(uow, name, workspace)
        uow.commit()
    return t("offer.created", offer=offer.name)


def offers(uow: UnitOfWork, workspace: str | None = None) -> list[OfferView]:
    with uow:
        found = uow.offers.list(workspace)
        return [OfferView(o, tuple(uow.offers.groups(o.id or 0))) for o in found]


def show(uow: UnitOfWork, name: str, workspace: str = "") -> OfferView:
    with uow:
        offer = _named(uow, name, workspace)
        return OfferView(offer, tuple(uow.offers.groups(offer.id or 0)))


def import_rows(
    uow: UnitOfWork, name: str, rows: Sequence[TheoryRow], filename: str, workspace: str = ""
) -> Text:
    """Replace the named offer's theory of change with `rows` (see `flows.theory`)."""
    with uow:
        offer = _named(uow, name, workspace)
        replace_theory(uow, offer, rows)
        uow.offers.save(offer)
        uow.commit()
    return imported(offer, clean_text(filename, limit=MAX_LABEL))


def _scope(uow: UnitOfWork, offer: str | None, workspace: str) -> tuple[int | None, Text]:
    """The offer id an overseer follows (None: the organisation), and how it is named."""
    if offer is None:
        return None, t("offer.cli.scope_organisation")
    found = _named(uow, offer, workspace)
    return found.id, t("offer.cli.scope_offer", offer=found.name)


def add_overseer(
    uow: UnitOfWork, user_id: str, name: str, offer: str | None, workspace: str = ""
) -> Text:
    user = clean_text(user_id, limit=MAX_NAME)
    shown = clean_name(name, fallback=user)
    with uow:
        offer_id, scope = _scope(uow, offer, workspace)
        uow.offers.add_overseer(Overseer(user, shown, workspace, offer_id))
        uow.commit()
    return t("offer.cli.overseer_added", name=shown, user=user, scope=scope)


def remove_overseer(uow: UnitOfWork, user_id: str, offer: str | None, workspace: str = "") -> Text:
    user = user_id.strip()
    with uow:
        offer_id, scope = _scope(uow, offer, workspace)
        known = [o for o in uow.offers.overseers(workspace) if o.user_id == user]
        name = next((o.name for o in known if o.offer_id == offer_id), user)
        if not uow.offers.remove_overseer(Overseer(user, name, workspace, offer_id)):
            raise InvalidInput("offer.cli.no_overseer", user=user[:MAX_NAME], scope=scope)
        uow.commit()
    return t("offer.cli.overseer_removed", name=name, scope=scope)


def overseers(uow: UnitOfWork, workspace: str | None = None) -> list[Text]:
    with uow:
        names = {o.id: o.name for o in uow.offers.list(workspace)}
        return [
            t("offer.cli.overseer_line", name=o.name, user=o.user_id, scope=_scope_of(o, names))
            for o in uow.offers.overseers(workspace)
        ]


def _scope_of(overseer: Overseer, names: dict[int | None, str]) -> Text:
    if overseer.offer_id is None:
        return t("offer.cli.scope_organisation")
    return t("offer.cli.scope_offer", offer=names.get(overseer.offer_id, "–"))
