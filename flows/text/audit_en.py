"""English texts of the audit log and the export (issue 15): `datadialog audit list`,
`datadialog export`, and the export asked for in a chat."""

from __future__ import annotations

from flows.text.base import Entry

CATALOGUE: dict[str, Entry] = {
    # What an audit row says was done (`flows.audit.AuditAction`)
    "AuditAction.group_created": "created the group",
    "AuditAction.data_imported": "imported data",
    "AuditAction.data_replaced": "replaced the data",
    "AuditAction.data_restored": "restored earlier data",
    "AuditAction.parameters_chosen": "chose the charted parameters",
    "AuditAction.charts_sent": "was sent charts of the data",
    "AuditAction.paper_read": "read the agreement paper",
    "AuditAction.exported": "exported",
    "AuditAction.member_added": "added a member",
    "AuditAction.member_removed": "removed a member",
    "AuditAction.role_changed": "changed a role",
    "AuditAction.group_renamed": "renamed the group",
    "AuditAction.rhythm_changed": "changed the rhythm",
    "AuditAction.timeboxes_changed": "changed the time-boxes",
    "AuditAction.holiday_rule_changed": "changed the holiday rule",
    "AuditAction.channel_changed": "changed the channel",
    "AuditAction.group_archived": "archived the group",
    "AuditAction.group_unarchived": "brought the group back",
    "AuditAction.installed": "installed the app",
    # datadialog audit list
    "audit.heading": "The audit log ({count} rows), oldest first:",
    "audit.line": "{at} · {actor} ({platform}) {action} · {group} · {ref}",
    "audit.no_group": "no group",
    "audit.none": "The audit log has no rows for that choice.",
    "audit.error.bad_since": "--since takes a date like 2026-12-01 (got “{text}”).",
    # The export (datadialog export; "export" in a chat)
    "export.error.not_leader": "Only a group's meeting leader can export its data ({leader} leads {group}).",
    "export.error.what": "Say what to export: --group NAME, or --member ID (with --group NAME for one group only).",
    "export.error.no_member": "{member} is not and was not a member of {groups}.",
    "export.error.no_member_anywhere": "No group has or had a member with the user id {member}.",
    "export.written": "The export of {group} is in {path}: {papers} agreement papers, {meetings} meetings, {measurements} measurements, {rows} audit rows.",
    "export.member_written": "The export of what {member} wrote is in {path}: {meetings} meetings in {groups} groups, {rows} audit rows.",
    "export.chat.sent": "The export of {group} is in your direct messages ({file}).",
    "export.chat.saved": "The export of {group} is saved in {path}.",
    "export.chat.teams": 'Teams cannot receive the export as a file here. The operator can export {group} on the command line: datadialog export --group "{group}"',
    "export.chat.failed": "The export of {group} could not be sent. Please try again, or ask the operator to export it on the command line.",
    "export.readme.group": lambda p: (
        f"Datadialog: the export of the data of {p['group']}, made {p['at']}.\n\n"
        "paper-N.md, paper-N.html: the agreement paper of meeting N (every closed meeting),"
        " as Markdown and as a web page.\n"
        "meetings/meeting-N.json: everything stored about meeting N: the preparation points,"
        " observations, themes, votes, explanations, the agreement paper (goals, signs of"
        " progress, actions), the reviews of earlier actions, the take-aways and the leader's"
        ' amendments. Who wrote what is given by user id; "people" names them.\n'
        + (
            "measurements.csv: the group's current data set in the import format (datadialog"
            " data import reads it back).\n"
            if p["data"]
            else "The group has no imported measurements, so there is no measurements.csv.\n"
        )
        + "audit-log.csv: the audit log's rows about the group: who did what, when, from where.\n"
        "group-settings.json: the group's members (former ones too), rhythm and settings.\n\n"
        "Not included: the messages Datadialog sent (they are made from the meeting when they"
        " are sent and are not stored), the charts (drawn from the measurements) and the"
        " earlier versions of the data set (datadialog data history lists them)."
    ),
    "export.readme.member": lambda p: (
        f"Datadialog: what {p['name']} (user id {p['user_id']}) wrote, exported {p['at']}.\n\n"
        "member.json: group by group and meeting by meeting, their preparation points,"
        " observations, themes, votes, explanations, signs of progress, actions they wrote,"
        " reviews, take-aways and amendments, and the actions agreed for them (as owner or"
        " follow-up person).\n"
        "audit-log.csv: the audit log's rows of what they did.\n\n"
        "Not included: the messages Datadialog sent to them (reminders, requests to prepare,"
        " replies): these are made from the meeting when they are sent and are not stored, so"
        " no export can contain them; what was agreed for them is in member.json. The agreement"
        " paper's goals are the group's (no author is kept), so they are in the group's export."
    ),
}
