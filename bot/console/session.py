"""The local console chat: you act as any member and type what a chat user would.

One `ConsoleSession` holds who you are and which group you are in; each line
becomes a flow command (see `commands.BUILDERS`) sent through the dispatcher.
"""

from __future__ import annotations

import asyncio
import dataclasses
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.console.choice_words import choice_line
from bot.console.commands import (
    BUILDERS,
    CONSOLE_VERBS,
    HELP_ORDER,
    REMINDER_VERBS,
    Where,
    resolve_member,
    split_line,
)
from bot.console.export_verb import export_verb  # the export (issue 15)
from bot.console.group_verbs import GROUP_BUILDERS  # group changes (issue 14)
from bot.console.offer_verbs import import_theory  # theory of change (issue 17)
from bot.console.ratings_verbs import import_ratings  # core-element ratings (issue 17)
from bot.console.render import TEXTS, ConsoleTransport
from bot.console.words import guess_verb, verb_of
from bot.data_import import read_file
from bot.dispatch import Dispatcher
from charts import MAX_ROWS
from flows.commands import (
    ActionAnswer,
    AnswerActionReminder,
    MoveMeeting,
    ScheduleMeeting,
    SkipMeeting,
)
from flows.errors import InvalidInput, Refused
from flows.model import Group
from flows.outputs import Refusal, Text, ToActor, t
from flows.queries import current_meeting, find_group, list_groups, meeting_with_previous
from flows.rhythm import group_line
from flows.steps import Step
from flows.text.render import render

#: Verbs the session answers itself besides `CONSOLE_VERBS`: reading a file on this machine.
FILE_VERBS = ("import", "import_ratings")  # import_ratings: core-element ratings (issue 17)
FILE_VERBS += ("import_theory",)  # an offer's theory of change (issue 17)
#: A last word after the path that imports only the valid rows of a file with errors.
ACCEPT_WORDS = ("valid", "gyldige")


@dataclass
class ConsoleSession:
    dispatcher: Dispatcher
    transport: ConsoleTransport
    group: Group | None = None
    actor: str = ""
    done: bool = False
    #: The most data rows an imported file may have (the setting `import_max_rows`).
    import_max_rows: int = MAX_ROWS

    def say(self, key: str, **params: object) -> None:
        self.transport.note(self.transport.text(t(key, **params)))

    async def begin(self, group_name: str | None = None, as_name: str | None = None) -> None:
        groups = await self._refresh()
        if not groups:
            self.say("console.no_groups")
            return
        try:
            group = await self.dispatcher.query(find_group, group_name) if group_name else None
        except Refused as refused:
            await self._refuse(refused.text)
            group = None
        self._enter(group or groups[0])
        if as_name:
            await self.handle(f"/as {as_name}")
        assert self.group is not None
        self.say("console.welcome", group=self.group.name, name=self.group.name_of(self.actor))

    async def _refresh(self) -> list[Group]:
        groups = await self.dispatcher.query(list_groups)
        self.transport.groups = {g.id or 0: g for g in groups}
        if self.group is not None:
            self.group = self.transport.groups.get(self.group.id or 0, self.group)
        return groups

    def _enter(self, group: Group) -> None:
        self.group = group
        if group.member(self.actor) is None:
            self.actor = group.leader.user_id

    async def handle(self, line: str) -> None:
        line = choice_line(line) or line  # a button's label typed back ("Næste trin")
        parsed = split_line(line)
        if parsed is None:
            if line.strip():
                self._not_a_command(line.strip())
            return
        word, rest = parsed
        verb = verb_of(word)
        try:
            if word.isdigit():  # "/7": press button 7 (the console numbers every button)
                await self._press(int(word))
            elif verb in CONSOLE_VERBS or verb in FILE_VERBS:
                await getattr(self, f"_do_{verb}")(rest)
            elif verb in REMINDER_VERBS:
                await self._reminder_verb(verb, rest)
            elif verb in GROUP_BUILDERS:
                await self._group_verb(verb, rest)
            elif verb in BUILDERS:
                await self._meeting_command(verb, rest)
            else:
                raise self._unknown(word)
        except Refused as refused:
            await self._refuse(refused.text)

    def _unknown(self, word: str) -> InvalidInput:
        """An unknown command, with the closest known one if there is one ("did you mean")."""
        guess = guess_verb(word, self.transport.lang)
        if guess is None:
            return InvalidInput("console.unknown_verb", verb=word)
        return InvalidInput("console.unknown_verb_guess", verb=word, guess=guess)

    def _not_a_command(self, line: str) -> None:
        """A line without the slash; if it starts with a verb, the line as a command."""
        if verb_of(line.split()[0]) is None:
            self.say("console.not_command")
        else:
            self.say("console.not_command_guess", guess=line)

    async def _press(self, number: int) -> None:
        """Send the command behind a numbered button, as whoever is acting now."""
        command = self.transport.pressed(number)
        await self.dispatcher.send(dataclasses.replace(command, actor=self.actor))

    async def _refuse(self, text: Text) -> None:
        await self.transport.deliver(Refusal(ToActor(self.actor or "?"), text))

    def _today(self) -> datetime:
        return self.dispatcher.clock.now().astimezone(ZoneInfo(self.transport.tz))

    async def _meeting_command(self, verb: str, rest: str) -> None:
        if self.group is None:
            self.say("console.no_groups")
            return
        meeting = await self.dispatcher.query(current_meeting, self.group.id)
        where = Where(self.actor, self.group, meeting.id or 0, self._today().date())
        await self.dispatcher.send(BUILDERS[verb](where, rest))

    async def _do_help(self, rest: str) -> None:
        lang, tz = self.transport.lang, self.transport.tz
        name = self.group.name_of(self.actor) if self.group else ""
        lines = [render(t("console.help_heading", name=name), lang, tz, TEXTS)]
        lines += [
            f"  {render(Text(f'console.help.{verb}'), lang, tz, TEXTS)}" for verb in HELP_ORDER
        ]
        self.transport.note("\n".join(lines))

    async def _do_as(self, rest: str) -> None:
        if self.group is None:
            self.say("console.no_groups")
            return
        self.actor = resolve_member(self.group, rest)
        member = self.group.member(self.actor)
        assert member is not None
        self.say("console.acting_as", name=member.name, role=member.role)

    async def _do_group(self, rest: str) -> None:
        await self._refresh()
        self._enter(await self.dispatcher.query(find_group, rest.strip()))
        assert self.group is not None
        self.say("console.group_switched", name=self.group.name)

    async def _do_groups(self, rest: str) -> None:
        groups = await self._refresh()
        if not groups:
            self.say("console.no_groups")
            return
        lang, tz = self.transport.lang, self.transport.tz
        lines = [render(t("console.groups_heading"), lang, tz, TEXTS)]
        lines += ["  " + render(group_line(g), lang, tz, TEXTS) for g in groups]
        self.transport.note("\n".join(lines))

    async def _do_schedule(self, rest: str) -> None:
        if self.group is None:
            self.say("console.no_groups")
            return
        at = parse_local_time(rest, self.transport.tz) if rest.strip() else None
        await self.dispatcher.send(ScheduleMeeting(self.actor, self.group.id or 0, at))

    async def _do_import(self, rest: str) -> None:
        """/import PATH [valid]: read and check the file here, then send `ImportMeasurements`
        through the flows as the acting member (whose rule lets only a leader import)."""
        if self.group is None:
            self.say("console.no_groups")
            return
        raw = rest.strip()
        if not raw:
            raise InvalidInput("console.usage", usage=Text("console.help.import"))
        head, _, last = raw.rpartition(" ")
        accept = bool(head.strip()) and last.casefold() in ACCEPT_WORDS
        path = Path(head.strip() if accept else raw).expanduser()
        if not path.is_file():
            raise InvalidInput("import.cli.no_file", path=str(path))
        data = await asyncio.to_thread(path.read_bytes)
        read = await asyncio.to_thread(
            read_file,
            group_id=self.group.id or 0,
            data=data,
            filename=path.name,
            actor=self.actor,
            lang=self.transport.lang,
            accept_valid=accept,
            max_rows=self.import_max_rows,
        )
        if read.command is None:  # a file with errors (or a CPR number) imports nothing
            await self._refuse(read.summary)
        elif any(isinstance(o, Refusal) for o in await self.dispatcher.send(read.command)):
            return
        elif read.problems:  # imported the valid rows: say which were skipped
            self.transport.note(self.transport.text(read.summary))
        for problem in read.problems:
            self.transport.note("  " + self.transport.text(problem))

    async def _reminder_verb(self, verb: str, rest: str) -> None:
        """/move, /skip on the scheduled meeting; /done, /snooze, /irrelevant N on an
        agreement of the last closed meeting (what an action reminder's buttons send)."""
        if self.group is None:
            self.say("console.no_groups")
            return
        meeting = await self.dispatcher.query(current_meeting, self.group.id)
        if verb == "move":
            if not rest.strip():
                raise InvalidInput("console.usage", usage=Text("console.help.move"))
            at = parse_local_time(rest, self.transport.tz)
            await self.dispatcher.send(MoveMeeting(self.actor, meeting.id or 0, at))
            return
        if verb == "skip":
            await self.dispatcher.send(SkipMeeting(self.actor, meeting.id or 0))
            return
        if not rest.strip().isdigit():
            raise InvalidInput("console.usage", usage=Text(f"console.help.{verb}"))
        closed = meeting
        if meeting.step is not Step.CLOSED:
            _, previous = await self.dispatcher.query(meeting_with_previous, meeting.id or 0)
            if previous is None:
                raise InvalidInput("error.no_action", number=int(rest), count=0)
            closed = previous
        answer = ActionAnswer("irrelevant" if verb == "irrelevant" else verb)
        await self.dispatcher.send(
            AnswerActionReminder(self.actor, closed.id or 0, int(rest), answer)
        )

    # Group changes (issue 14)
    async def _group_verb(self, verb: str, rest: str) -> None:
        """A change to the group, as the acting member; then the group as it is now (a member
        who left: the console writes as the leader again)."""
        if self.group is None:
            self.say("console.no_groups")
            return
        await self.dispatcher.send(GROUP_BUILDERS[verb](self.actor, self.group, rest))
        await self._refresh()
        if self.group.member(self.actor) is None:
            self._enter(self.group)
            leader = self.group.leader
            self.say("console.acting_as", name=leader.name, role=leader.role)

    async def _do_export(self, rest: str) -> None:  # the export (issue 15)
        await export_verb(self)

    async def _do_import_ratings(self, rest: str) -> None:  # core-element ratings (issue 17)
        await import_ratings(self, rest)

    async def _do_import_theory(self, rest: str) -> None:  # theory of change (issue 17)
        await import_theory(self, rest)

    async def _do_quit(self, rest: str) -> None:
        self.done = True
        self.say("console.bye")


def parse_local_time(raw: str, tz: str) -> datetime:
    """ "YYYY-MM-DD HH:MM" (or "DD-MM-YYYY HH:MM") in the given zone."""
    for fmt in ("%Y-%m-%d %H:%M", "%d-%m-%Y %H:%M", "%d.%m.%Y %H:%M", "%Y-%m-%dT%H:%M"):
        try:
            return datetime.strptime(raw.strip(), fmt).replace(tzinfo=ZoneInfo(tz))
        except ValueError:
            continue
    raise InvalidInput("console.bad_time", text=raw.strip())
