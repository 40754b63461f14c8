"""`datadialog offer create|list|show|import|link|unlink` and `datadialog offer overseer
add|remove|list`: offers, their theory of change and who follows up on them, from the
command line (the offer level, issue 17).

The operator creates an offer (`--workspace` names a chat workspace, e.g. `slack:T0123`;
none: the console's groups), reads it, imports its core elements and results from a file
(`charts.theory_import`: every problem in the file is listed, and nothing is imported),
moves a group into an offer or out of it (as the operator, by the flows' rules:
`JoinOffer`, `LeaveOffer`), and names who follows up read-only on an offer or on the whole
organisation (`--organisation`). A refusal, a missing file or a file with errors is one
line (and the file's problems under it) on stderr in the configured language, with exit
code 1; never a traceback.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer

from bot.cli_groups import _change
from bot.cli_support import fail, open_runtime, settings_or_exit, text
from bot.console.render import TEXTS as CONSOLE_TEXTS
from charts.theory_import import read_theory
from flows import offer_admin as admin
from flows.commands import OPERATOR_ACTOR
from flows.errors import Refused
from flows.offer_commands import JoinOffer, LeaveOffer
from flows.outputs import Text, t
from flows.ports import UnitOfWork

offer_app = typer.Typer(help="Offers, their theory of change, and who follows up.",
                        no_args_is_help=True)  # fmt: skip
overseer_app = typer.Typer(help="Who follows up on an offer or the organisation.",
                           no_args_is_help=True)  # fmt: skip
offer_app.add_typer(overseer_app, name="overseer")

OfferName = Annotated[str, typer.Argument(help="The offer's name.")]
Workspace = Annotated[
    str, typer.Option(help="The chat workspace, e.g. slack:T0123 (default: the console's).")
]
ForOffer = Annotated[str | None, typer.Option("--offer", help="The offer followed up on.")]
Organisation = Annotated[
    bool, typer.Option("--organisation", help="Follow up on every offer and group.")
]
User = Annotated[str | None, typer.Option("--user", help="The person's user id.")]
Uows = Callable[[], UnitOfWork]


def _say(lines: list[Text]) -> None:
    """Print `lines` in the configured language; a refusal is one line and exit code 1."""
    settings = settings_or_exit()
    for line in lines:
        typer.echo(text(settings, line, CONSOLE_TEXTS))


def _run(work: Callable[[Uows], list[Text]]) -> list[Text]:
    """Run `work(uow_factory)` on the configured database; its refusal ends the command."""
    settings = settings_or_exit()
    runtime = open_runtime(settings)
    try:
        return work(runtime.uow_factory)
    except Refused as refused:
        fail(text(settings, refused.text, CONSOLE_TEXTS))
    finally:
        runtime.close()


@offer_app.command("create")
def create(name: OfferName, workspace: Workspace = "") -> None:
    """Create an offer (its groups join it with `offer link` or /offer)."""
    _say(_run(lambda uows: [admin.create(uows(), name, workspace)]))


@offer_app.command("list")
def list_offers(workspace: Annotated[str | None, typer.Option(help="Only this workspace.")] = None
                ) -> None:  # fmt: skip
    """List the offers: core elements, results and groups of each."""
    found = _run(lambda uows: [view.summary() for view in admin.offers(uows(), workspace)])
    _say(found or [t("offer.cli.none")])


@offer_app.command("show")
def show(name: OfferName, workspace: Workspace = "") -> None:
    """Show an offer's theory of change and its groups."""

    def lines(uows: Uows) -> list[Text]:
        view = admin.show(uows(), name, workspace)
        return [t("offer.theory_heading", offer=view.offer.name), *view.lines()]

    _say(_run(lines))


@offer_app.command("import")
def import_theory(
    name: OfferName,
    file: Annotated[Path, typer.Argument(help="A .csv or .xlsx file.")],
    workspace: Workspace = "",
) -> None:
    """Replace an offer's core elements and results with a file's (columns type, name,
    description, parameter, core elements; Danish or English headers)."""
    settings = settings_or_exit()
    if not file.is_file():
        fail(text(settings, t("offer.cli.no_file", path=str(file)), CONSOLE_TEXTS))
    read = read_theory(file.read_bytes(), file.name, lang=settings.language)
    if not read.ok:
        lines = [read.summary(), *read.error_lines()]
        fail("\n".join(text(settings, line, CONSOLE_TEXTS) for line in lines))
    said = _run(lambda uows: [admin.import_rows(uows(), name, read.rows, file.name, workspace)])
    _say(said)


@offer_app.command("link")
def link(group: Annotated[str, typer.Argument(help="The group's name.")], offer: OfferName) -> None:
    """Put a group under an offer (an offer-level group creates it if there is none)."""
    _change(group, lambda g: JoinOffer(OPERATOR_ACTOR, g.id or 0, offer))


@offer_app.command("unlink")
def unlink(group: Annotated[str, typer.Argument(help="The group's name.")]) -> None:
    """Take a group out of its offer."""
    _change(group, lambda g: LeaveOffer(OPERATOR_ACTOR, g.id or 0))


def _offer_or_organisation(offer: str | None, organisation: bool) -> str | None:
    if (offer is None) == (not organisation):
        settings = settings_or_exit()
        fail(text(settings, t("offer.cli.scope_needed"), CONSOLE_TEXTS))
    return offer


def _user(user: str | None) -> str:
    if user is None or not user.strip():
        fail(text(settings_or_exit(), t("offer.cli.user_needed"), CONSOLE_TEXTS))
    return user


@overseer_app.command("add")
def overseer_add(
    user: User = None,
    name: Annotated[str, typer.Option("--name", help="The person's name.")] = "",
    offer: ForOffer = None,
    organisation: Organisation = False,
    workspace: Workspace = "",
) -> None:
    """Let someone follow up read-only on an offer, or on the organisation."""
    which, who = _offer_or_organisation(offer, organisation), _user(user)
    _say(_run(lambda uows: [admin.add_overseer(uows(), who, name, which, workspace)]))


@overseer_app.command("remove")
def overseer_remove(
    user: User = None,
    offer: ForOffer = None,
    organisation: Organisation = False,
    workspace: Workspace = "",
) -> None:
    """Stop someone following up on an offer, or on the organisation."""
    which, who = _offer_or_organisation(offer, organisation), _user(user)
    _say(_run(lambda uows: [admin.remove_overseer(uows(), who, which, workspace)]))


@overseer_app.command("list")
def overseer_list(
    workspace: Annotated[str | None, typer.Option(help="Only this workspace.")] = None,
) -> None:
    """List who follows up on what."""
    _say(_run(lambda uows: admin.overseers(uows(), workspace)) or [t("offer.cli.no_overseers")])
