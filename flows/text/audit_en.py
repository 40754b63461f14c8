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
    "AuditAction.escalation_changed": "changed when overdue actions are escalated",  # issue 17
    "AuditAction.group_archived": "archived the group",
    "AuditAction.group_unarchived": "brought the group back",
    "AuditAction.installed": "installed the app",
    # Uninstall (issue 15): the app removed, the groups frozen and thawed (datadialog group list, show)
    "AuditAction.uninstalled": "removed the app (or revoked its tokens)",
    "AuditAction.group_frozen": "froze the group (the app was removed)",
    "AuditAction.group_thawed": "thawed the group (the app was installed again)",
    "group.frozen_line": "{line} · frozen: deleted after {until} unless the app is installed again",
    "group.frozen_on": "Frozen since {since}: the app was removed from its workspace or team. The group is deleted after {until} unless the app is installed there again.",
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
    # Erasure (datadialog erase; issue 15, GDPR art. 17)
    "AuditAction.erased": "erased a member's or a citizen's data",
    "AuditAction.group_deleted": "deleted the group",
    "erase.participant": "a participant",
    "erase.citizen_marker": "[citizen]",
    "erase.error.what": "Say what to erase: --group NAME (the whole group), --member ID (with --group NAME for one group only), or --citizen PSEUDONYM --group NAME.",
    "erase.error.citizen_group": "--citizen needs --group NAME: a pseudonym belongs to one group's data.",
    "erase.error.one": "Erase one at a time: --member ID or --citizen PSEUDONYM, not both.",
    "erase.error.no_citizen": "The data of {group} has no citizen {citizen}. Nothing was erased.",
    "erase.error.leader": 'The erasure stops: {member} leads {group}, and a group cannot lose its leader. Make someone else the leader first (datadialog group set-role "{group}" NAME leader), or erase the whole group.',
    "erase.error.busy": "The data changed while it was being erased, so nothing was erased. Please try again.",
    "erase.confirm.member": "This erases {member} ({name}) from {groups}: {removed} things they wrote are deleted, {anonymised} items on the agreement papers keep their text and name “{word}” instead, and {reminders} reminders are deleted.",
    "erase.confirm.citizen": "This erases citizen {citizen} from {group}: {measurements} measurements in {versions} kept versions of the data and {charts} kept chart images are deleted, and {citizen} becomes “{marker}” in {texts} texts.",
    "erase.confirm.group": "This deletes {group} whole: {meetings} meetings, {members} members and former members, {measurements} measurements, {rows} rows in all. Its rows in the audit log stay.",
    "erase.confirm.ask": "It cannot be undone. Erase? [y/N] ",
    "erase.cancelled": "Nothing was erased.",
    "erase.done.member": "Erased {member} from {groups}: {removed} deleted, {anonymised} now name “{word}”, {reminders} reminders deleted.",
    "erase.done.citizen": "Erased citizen {citizen} from {group}: {measurements} measurements, {charts} chart images, {texts} texts changed.",
    "erase.done.group": "Deleted {group}: {rows} rows.",
    # Retention (issue 15): datadialog group retention, datadialog retention run
    "AuditAction.retention_changed": "changed the retention periods",
    "AuditAction.retention_deleted": "deleted what was past its retention period",
    "retention.kind.meetings": "meeting content",
    "retention.kind.measurements": "measurements",
    "retention.kind.charts": "chart images",
    "retention.kind.reminders": "reminder rows",
    "retention.word.meetings": "meetings",
    "retention.word.measurements": "measurements",
    "retention.word.charts": "charts",
    "retention.word.reminders": "reminders",
    "retention.heading": "How long {group} keeps its data:",
    "retention.line.own": "  {kind}: {days} days (the group's own)",
    "retention.line.default": "  {kind}: {days} days (the default)",
    "retention.changed": "The retention periods of {group} are changed.",
    "retention.error.days": "{option} takes a number of days from {low} to {high} (got “{text}”).",
    "retention.error.kind": "--default takes meetings, measurements, charts or reminders (got “{text}”).",
    "retention.error.both": "Give {option} a number of days or --default, not both.",
    "retention.ran": "Retention: deleted {meetings} meetings, {measurements} measurements ({versions} earlier data sets), {charts} chart images and {reminders} reminder rows.",
}
