"""The export's zip files (issue 15, GDPR art. 15 and 20), put together from what is stored.

A group's export (`group_export`) holds:

- `paper-N.md` and `paper-N.html`: the agreement paper of each closed meeting N, as the
  command line prints it (`flows.text.paper`) and as a web page (markdown-it-py, raw
  HTML in what people wrote escaped, never passed through);
- `meetings/meeting-N.json`: everything stored about meeting N, every contribution
  (`flows.export.meeting_record`);
- `measurements.csv`: the current data set in the import format (`charts.export_csv`),
  which `datadialog data import` reads back to the same measurements;
- `audit-log.csv`: the audit log's rows about the group (`flows.audit.audit_csv`);
- `learning-log.md`: the group's learning log (issue 17: `flows.learning`), which each
  paper also ends with, up to its meeting;
- `group-settings.json` (members, rhythm, settings) and `README.txt` (what is in it, and what not).

A member's export (`member_export`) holds what they wrote, group by group, the actions
agreed for them, and the audit rows of what they did. Messages sent to a person are not
stored, so no export can hold them; the README says so.

Asking for an export is a flows command (`flows.export`), whose audit row is committed
before this module reads anything; the caller sends it first (`export_group`).
"""

from __future__ import annotations

import dataclasses
import io
import json
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from html import escape
from typing import Any

from markdown_it import MarkdownIt

from charts.export_csv import measurements_csv
from flows.audit import audit_csv
from flows.errors import NotFound
from flows.export import as_json, meeting_record, member_record, people
from flows.learning import learning_log  # the learning loop (issue 17)
from flows.model import Group, Meeting
from flows.outputs import Text, t
from flows.ports import UnitOfWork
from flows.steps import Step
from flows.text.paper import agreement_markdown
from flows.text.render import render

Files = dict[str, str | bytes]
#: A bullet that starts with its own number ("- 1. Do X", an action on the paper).
_NUMBERED_ITEM = re.compile(r"^(- \d+)\.", re.MULTILINE)


@dataclass(frozen=True)
class Exported:
    """A zip, and what it holds (what the operator or the leader is told)."""

    data: bytes
    papers: int = 0
    meetings: int = 0
    measurements: int = 0
    audit_rows: int = 0
    groups: int = 1


def meetings_of(uow: UnitOfWork, group_id: int) -> list[Meeting]:
    """Every meeting of the group, by number."""
    latest = uow.meetings.latest(group_id)
    numbers = range(1, latest.number + 1) if latest is not None else range(0)
    found = [uow.meetings.by_number(group_id, n) for n in numbers]
    return [m for m in found if m is not None]


def group_export(
    uow_factory: Callable[[], UnitOfWork], group_id: int, lang: str, tz: str, now: datetime
) -> Exported:
    """The group's export as a zip (see the module's docstring)."""
    with uow_factory() as uow:
        group = uow.groups.get(group_id)
        if group is None:  # removed since the export was asked for
            raise NotFound("error.no_group")
        meetings = meetings_of(uow, group_id)
        measurements = uow.measurements.for_group(group_id)
        rows = uow.audit.list(group_id=group_id)
        offer = uow.offers.get(group.offer_id) if group.offer_id is not None else None  # 17
    closed = [m for m in meetings if m.step is Step.CLOSED]
    files: Files = {"README.txt": _readme(t("export.readme.group", group=group.name, at=now,
                                             data=bool(measurements)), lang, tz)}  # fmt: skip
    files["group-settings.json"] = _json(group_record(group))
    log = learning_log(group, meetings)  # the learning loop (issue 17)
    files["learning-log.md"] = learning_markdown(group, log, lang, tz)
    for meeting in closed:
        history = learning_log(group, [m for m in meetings if m.number <= meeting.number])
        paper = agreement_markdown(group, meeting, lang, tz, history, offer)
        files[f"paper-{meeting.number}.md"] = paper
        title = f"{group.name} · {meeting.number}"
        files[f"paper-{meeting.number}.html"] = paper_html(paper, title)
    for meeting in meetings:
        files[f"meetings/meeting-{meeting.number}.json"] = _json(meeting_record(group, meeting))
    if measurements:
        files["measurements.csv"] = measurements_csv(measurements, lang)
    files["audit-log.csv"] = audit_csv(rows, {group_id: group.name})
    return Exported(zipped(files, now), len(closed), len(meetings), len(measurements), len(rows))


def member_export(
    uow_factory: Callable[[], UnitOfWork],
    user_id: str,
    group_ids: list[int],
    lang: str,
    tz: str,
    now: datetime,
) -> Exported:
    """What `user_id` wrote in these groups, and the audit rows of what they did."""
    records = []
    with uow_factory() as uow:
        for group_id in group_ids:
            group = uow.groups.get(group_id)
            if group is not None:
                records.append(member_record(group, meetings_of(uow, group_id), user_id))
        rows = uow.audit.list(actor=user_id)
        names = {g.id or 0: g.name for g in uow.groups.list()}
    name = next((r["name"] for r in records), user_id)
    readme = t("export.readme.member", name=name, user_id=user_id, at=now)
    files: Files = {"README.txt": _readme(readme, lang, tz)}
    files["member.json"] = _json({"user_id": user_id, "name": name, "groups": records})
    files["audit-log.csv"] = audit_csv(rows, names)
    written = sum(len(r["meetings"]) for r in records)
    return Exported(zipped(files, now), meetings=written, audit_rows=len(rows), groups=len(records))


def groups_of_member(uow_factory: Callable[[], UnitOfWork], user_id: str) -> list[Group]:
    """The groups `user_id` is or was a member of."""
    with uow_factory() as uow:
        groups = uow.groups.list()
    return [g for g in groups if user_id in people(g)]


def learning_markdown(group: Group, log: list[Text], lang: str, tz: str) -> str:
    """The group's learning log (issue 17) as a Markdown document."""
    heading = render(t("learning.log_heading", group=group.name), lang, tz)
    lines = [f"- {render(line, lang, tz)}" for line in log] or [
        render(t("learning.log_empty"), lang, tz)
    ]
    return "\n".join([f"# {heading}", "", *lines]) + "\n"


def group_record(group: Group) -> dict[str, Any]:
    """The group: its name, members (former ones too), rhythm and settings."""
    record = as_json(dataclasses.asdict(group))
    return {"format": 1, **record}


def paper_html(markdown: str, title: str) -> str:
    """An agreement paper as a web page of its own. What people wrote is escaped: raw HTML
    in it shows as text, and only http(s) and mail links become links (markdown-it-py's)."""
    numbered = _NUMBERED_ITEM.sub(r"\1\\.", markdown)  # "- 1. Do X" stays one bullet
    body = MarkdownIt("commonmark", {"html": False}).render(numbered)
    return (
        '<!DOCTYPE html>\n<html>\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(title)}</title>\n</head>\n<body>\n{body}</body>\n</html>\n"
    )


def zipped(files: Files, now: datetime) -> bytes:
    """The files as one zip, each dated `now` (so the same export is the same zip)."""
    buffer = io.BytesIO()
    stamp = now.timetuple()[:6]
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            data = content.encode("utf-8") if isinstance(content, str) else content
            archive.writestr(zipfile.ZipInfo(name, date_time=stamp), data, zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def _json(record: Any) -> str:
    return json.dumps(record, ensure_ascii=False, indent=2) + "\n"


def _readme(text: Text, lang: str, tz: str) -> str:
    return render(text, lang, tz).replace("\n", "\r\n") + "\r\n"
