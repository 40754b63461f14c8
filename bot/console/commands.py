"""Console input -> flow command: one lookup table from verb to builder.

The console speaks the same commands a chat user would type. A verb is typed in
any language (`words.verb_of`: "/næste" is "/next"); the tables here use its English
name. Builders get the acting member, the current meeting and the rest of the line;
bad arguments raise `InvalidInput` with a usage text from the catalogue.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from bot.console import learning_verbs as lv  # the learning loop (issue 17)
from bot.console import offer_review_verbs as orv  # offer level: digest, review (17)
from bot.console import offer_verbs as ov  # offer level: offers, theory of change (17)
from bot.console import ratings_verbs as rv  # core-element ratings (issue 17)
from bot.console.group_verbs import GROUP_VERBS  # group changes (issue 14)
from bot.console.words import fold, guess_status, is_yes, status_of, verb_of
from flows import commands as c
from flows.errors import InvalidInput
from flows.forms import UnknownAffordance, parse_day, resolve_member
from flows.model import Group, PointKind
from flows.outputs import Affordance, Text
from flows.parameters import ChooseParameters, ShowParameters  # focus parameters (issue 13)
from flows.service import Command
from flows.steps import Step


@dataclass(frozen=True)
class Where:
    """What a console line acts on."""

    actor: str
    group: Group
    meeting_id: int
    today: date


Builder = Callable[[Where, str], Command]


def _usage(verb: str) -> InvalidInput:
    return InvalidInput("console.usage", usage=Text(f"console.help.{verb}"))


def _int(verb: str, raw: str) -> int:
    if not raw.strip().isdigit():
        raise _usage(verb)
    return int(raw.strip())


def _number_and_text(verb: str, rest: str) -> tuple[int, str]:
    head, _, tail = rest.strip().partition(" ")
    return _int(verb, head), tail


def _action(where: Where, rest: str) -> c.AddAction:
    parts = [p.strip() for p in rest.split("|")]
    if len(parts) != 4 or not all(parts):
        raise _usage("action")
    what, owner, follow_up, due = parts
    return c.AddAction(
        where.actor,
        where.meeting_id,
        what=what,
        owner=resolve_member(where.group, owner),
        follow_up=resolve_member(where.group, follow_up),
        due=parse_day(due, where.today),
    )


def _review(where: Where, rest: str) -> c.ReviewAction:
    """/review N STATUS [NOTE]: STATUS as any catalogue prints it (`words.status_of`)."""
    number, tail = _number_and_text("review", rest)
    word, _, note = tail.strip().partition(" ")
    if not word:
        raise _usage("review")
    status = status_of(word)
    if status is None:
        guess = guess_status(word)
        if guess is None:
            raise InvalidInput("error.review_status")
        raise InvalidInput("error.review_status_guess", guess=guess)
    return c.ReviewAction(where.actor, where.meeting_id, number, status, note.strip())


def _point(kind: PointKind) -> Builder:
    return lambda w, rest: c.SubmitPoint(w.actor, w.meeting_id, kind, rest)


#: The verb that sends each kind of prepared point (what a preparation request asks for).
POINT_VERBS = {
    PointKind.POSITIVE: "positive",
    PointKind.IMPROVEMENT: "improve",
    PointKind.QUESTION: "question",
}


def _extend(where: Where, rest: str) -> c.Extend:
    return c.Extend(where.actor, where.meeting_id, _int("extend", rest) if rest.strip() else 5)


def _next(where: Where, rest: str) -> c.Advance:
    expected = Step(rest.strip()) if rest.strip() in Step._value2member_map_ else None
    return c.Advance(where.actor, where.meeting_id, expected)


def _explain(where: Where, rest: str) -> c.AddExplanation:
    number, text = _number_and_text("explain", rest)
    return c.AddExplanation(where.actor, where.meeting_id, number, text)


#: What `/edit` and `/remove` correct, named by the verb that added it; some verbs name
#: one item of their own (the goal by the next meeting is goal 1, a question is point 3).
ITEMS: dict[str, tuple[c.Item, int | None]] = {
    "positive": (c.Item.POINT, 1),
    "improve": (c.Item.POINT, 2),
    "question": (c.Item.POINT, 3),
    "review": (c.Item.REVIEW, None),
    "obs": (c.Item.OBSERVATION, None),
    "theme": (c.Item.THEME, None),
    "explain": (c.Item.EXPLANATION, None),
    "goal": (c.Item.GOAL, 1),
    "longgoal": (c.Item.GOAL, 2),
    "sign": (c.Item.SIGN, None),
    "action": (c.Item.ACTION, None),
    "takeaway": (c.Item.TAKEAWAY, None),
}


def _item(verb: str, rest: str) -> tuple[c.Item, int, str]:
    """ "/edit obs 3 TEXT" -> (observation, 3, "TEXT"): the item word in any language."""
    word, _, tail = rest.strip().partition(" ")
    found = ITEMS.get(verb_of(word) or "")
    if found is None and word.casefold() in c.Item._value2member_map_:  # "explanation"
        found = (c.Item(word.casefold()), None)
    if found is None:
        raise _usage(verb)
    item, number = found
    if number is None:
        number, tail = _number_and_text(verb, tail)
    return item, number, tail.strip()


def _edit(where: Where, rest: str) -> c.MeetingCommand:
    item, number, text = _item("edit", rest)
    if not text:
        raise _usage("edit")
    if item is c.Item.ACTION:
        added = _action(where, text)
        return c.EditAction(
            where.actor, where.meeting_id, number, added.what, added.owner, added.follow_up,
            added.due,
        )  # fmt: skip
    return c.EditItem(where.actor, where.meeting_id, item, number, text)


def _remove(where: Where, rest: str) -> c.RemoveItem:
    item, number, extra = _item("remove", rest)
    if extra:
        raise _usage("remove")
    return c.RemoveItem(where.actor, where.meeting_id, item, number)


# Focus parameters (issue 13): "/parameters" lists the data set's parameters (and which
# are chosen), "/parameters A; B" chooses, "/parameters all" ("alle") is every one again.
ALL_WORDS = ("all", "alle")


def parameters(where: Where, rest: str) -> ChooseParameters | ShowParameters:
    """The focus parameters' command for "/parameters [NAME; NAME ... | all]"."""
    group_id = where.group.id or 0
    if not rest.strip():
        return ShowParameters(where.actor, group_id)
    if fold(rest) in ALL_WORDS:
        return ChooseParameters(where.actor, group_id, ())
    names = tuple(name.strip() for name in rest.split(";") if name.strip())
    return ChooseParameters(where.actor, group_id, names)


_CONTRIBUTES: dict[Builder, type[c.MeetingCommand]] = {}


def _adds(command: type[c.MeetingCommand], builder: Builder) -> Builder:
    """Mark a verb as the one that sends `command`, so a step offering it shows the verb."""
    _CONTRIBUTES[builder] = command
    return builder


#: Every meeting verb; those wrapped in `_adds` are also how a step's offers are shown.
BUILDERS: dict[str, Builder] = {
    "open": lambda w, _: c.OpenPreparation(w.actor, w.meeting_id),
    **{verb: _point(kind) for kind, verb in POINT_VERBS.items()},
    "remind": lambda w, _: c.RemindUnprepared(w.actor, w.meeting_id),
    "start": lambda w, _: c.StartMeeting(w.actor, w.meeting_id),
    "next": _next,
    "extend": _extend,
    # Cancel with care (issue 14): "/cancel" asks, "/cancel yes" ("ja") confirms; "/undo"
    # names the current meeting, which after a cancel is the one planned in its place.
    "cancel": lambda w, rest: c.Cancel(w.actor, w.meeting_id, confirmed=is_yes(rest)),
    "undo": lambda w, _: c.UndoCancel(w.actor, w.meeting_id),
    "status": lambda w, _: c.ShowStatus(w.actor, w.meeting_id),
    "agreements": lambda w, _: c.ShowAgreements(w.actor, w.meeting_id),
    "review": _adds(c.ReviewAction, _review),
    "obs": _adds(c.AddObservation, lambda w, rest: c.AddObservation(w.actor, w.meeting_id, rest)),
    "theme": _adds(c.ProposeTheme, lambda w, rest: c.ProposeTheme(w.actor, w.meeting_id, rest)),
    "vote": _adds(
        c.CastVote, lambda w, rest: c.CastVote(w.actor, w.meeting_id, _int("vote", rest))
    ),
    "unvote": _adds(
        c.WithdrawVote, lambda w, rest: c.WithdrawVote(w.actor, w.meeting_id, _int("unvote", rest))
    ),
    "explain": _adds(c.AddExplanation, _explain),
    "focus": _adds(
        c.ChooseFocus, lambda w, rest: c.ChooseFocus(w.actor, w.meeting_id, _int("focus", rest))
    ),
    "goal": _adds(c.SetGoal, lambda w, rest: c.SetGoal(w.actor, w.meeting_id, False, rest)),
    "longgoal": lambda w, rest: c.SetGoal(w.actor, w.meeting_id, True, rest),
    "sign": _adds(c.AddSign, lv.sign),  # with what it expects of the data (issue 17)
    "action": _adds(c.AddAction, _action),
    "takeaway": _adds(c.AddTakeaway, lambda w, rest: c.AddTakeaway(w.actor, w.meeting_id, rest)),
    "edit": _edit,
    "remove": _remove,
    "parameters": parameters,  # focus parameters (issue 13)
    "verdict": lv.verdict,  # the learning loop (issue 17)
    "link": lv.link,
    "learnings": lv.learnings,
    **orv.BUILDERS,  # the offer level: digest, core-elements review, tags (issue 17)
    "ratings": rv.ratings,  # core-element ratings (issue 17)
    **ov.BUILDERS,  # the offer level: offers and their theory of change (issue 17)
}

#: The verb that sends each kind of contribution (the first verb marked for it), derived
#: from `BUILDERS`: a new kind needs one entry there.
CONTRIBUTION_VERBS: dict[type[c.MeetingCommand], str] = {}
for _verb, _builder in BUILDERS.items():
    if _builder in _CONTRIBUTES:
        CONTRIBUTION_VERBS.setdefault(_CONTRIBUTES[_builder], _verb)


def affordance_verbs(offered: tuple[Affordance, ...]) -> list[str]:
    verbs = []
    for affordance in offered:
        verb = CONTRIBUTION_VERBS.get(affordance.command)
        if verb is None:
            raise UnknownAffordance(affordance.command.__name__)
        verbs.append(verb)
    return verbs


#: Verbs the console itself answers (not meeting commands).
CONSOLE_VERBS = ("help", "as", "group", "groups", "schedule", "export", "quit")  # export: 15
#: Verbs about the schedule and about reminders (also answered by the console itself).
REMINDER_VERBS = ("move", "skip", "done", "snooze", "irrelevant")

HELP_ORDER = (
    "help", "as", "group", "groups", "status", "open", "positive", "improve", "question", "remind",
    "start", "next", "extend", "cancel", "undo", "review", "obs", "theme", "vote", "unvote",
    "explain",
    "focus", "goal", "longgoal", "sign", "action", "takeaway", "edit", "remove", "agreements",
    "verdict", "link", "learnings",  # the learning loop (issue 17)
    *orv.VERBS,  # the offer level: digest, core-elements review, tags (issue 17)
    *rv.VERBS,  # core-element ratings (issue 17)
    *ov.VERBS,  # the offer level: offers and their theory of change (issue 17)
    "schedule",
    *GROUP_VERBS,  # group changes (issue 14)
    "move", "skip", "done", "snooze", "irrelevant", "import", "parameters",
    "export",  # the export (issue 15)
    "quit",
)  # fmt: skip


def split_line(line: str) -> tuple[str, str] | None:
    """("word", "rest") for a "/word rest" line; None for a line that is not a command.
    The word is as typed, case-folded: `words.verb_of` reads it as a verb."""
    line = line.strip()
    if not line.startswith("/") or len(line) < 2:
        return None
    verb, _, rest = line[1:].partition(" ")
    return verb.casefold(), rest
