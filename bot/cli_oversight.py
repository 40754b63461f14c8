"""`datadialog oversight csv --month YYYY-MM [--offer NAME]` and `datadialog group settings
GROUP --escalate-after N | --no-escalation` (management and quality team, issue 17).

The CSV has one row per group (archived groups left out) for the month, with the numbers
of the overseers' monthly digest (`flows.oversight`, columns `CSV_COLUMNS`, documented in
docs/oversight.md): an offer's groups with `--offer`, else every group. Reading it is
logged in the audit log per group, as reading the agreement paper.
"""

from __future__ import annotations

import csv
import sys
from typing import Annotated

import typer

from bot.cli_groups import _change
from bot.cli_support import fail, open_runtime, settings_or_exit, text
from bot.console.render import TEXTS as CONSOLE_TEXTS
from flows.audit import CLI
from flows.commands import OPERATOR_ACTOR
from flows.escalation import ChangeEscalation
from flows.model import Group
from flows.outputs import t
from flows.oversight import CSV_COLUMNS, month_start, months_of
from flows.oversight_plan import MAX_ESCALATE_DAYS
from flows.ports import UnitOfWork

oversight_app = typer.Typer(
    help="Follow-up for management and quality teams.", no_args_is_help=True
)


def _groups(uow: UnitOfWork, offer: str | None) -> list[Group] | None:
    """The groups the CSV covers; None when there is no such offer."""
    if offer is None:
        groups = uow.groups.list()
    else:
        wanted = offer.strip().casefold()
        found = next((o for o in uow.offers.list() if o.name.casefold() == wanted), None)
        if found is None or found.id is None:
            return None
        groups = uow.offers.groups(found.id)
    kept = [g for g in groups if g.archived_at is None]
    return sorted(kept, key=lambda g: g.name.casefold())


@oversight_app.command("csv")
def oversight_csv(
    month: Annotated[str, typer.Option(help="The month, YYYY-MM.")],
    offer: Annotated[str | None, typer.Option(help="Only this offer's groups.")] = None,
) -> None:
    """The month's follow-up numbers as CSV on standard output, one row per group."""
    settings = settings_or_exit()
    try:
        month_start(month)
    except ValueError:
        fail(text(settings, t("oversight.error.month"), CONSOLE_TEXTS))
    runtime = open_runtime(settings)
    try:
        with runtime.uow_factory() as uow:
            groups = _groups(uow, offer)
            if groups is None:
                fail(text(settings, t("oversight.error.no_offer", name=offer), CONSOLE_TEXTS))
            now = runtime.clock.now()
            rows = months_of(uow, groups, month, now=now, actor=OPERATOR_ACTOR, platform=CLI)
            uow.commit()
    finally:
        runtime.close()
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(CSV_COLUMNS)
    out.writerows(row.csv_row() for row in rows)


def group_settings(
    group: Annotated[str, typer.Argument(help="The group's name.")],
    escalate_after: Annotated[
        int | None,
        typer.Option(help="Escalate actions still open N days after their due date."),
    ] = None,
    no_escalation: Annotated[
        bool, typer.Option("--no-escalation", help="Never escalate overdue actions.")
    ] = False,
) -> None:
    """A group's settings for management: when overdue actions are escalated."""
    if escalate_after is None and not no_escalation:
        fail(
            text(
                settings_or_exit(),
                t("oversight.error.escalate_days", limit=MAX_ESCALATE_DAYS),
                CONSOLE_TEXTS,
            )
        )
    days = None if no_escalation else escalate_after
    _change(group, lambda g: ChangeEscalation(OPERATOR_ACTOR, g.id or 0, days))


def register(app: typer.Typer, group_app: typer.Typer) -> None:
    """Add `oversight` to `datadialog` and `settings` to `datadialog group`."""
    app.add_typer(oversight_app, name="oversight")
    group_app.command("settings")(group_settings)
