"""The settings of data governance (issue 15): how long the audit log, meeting content,
measurements, chart images and reminder rows are kept, and how long the groups of a
workspace or team that removed the app wait before they are deleted.

A group may keep its own periods (`groups.retention_*_days`, set with `datadialog group
retention`); these are the defaults for every group that has none. `Settings` inherits
them, so they are read like every other setting (DATADIALOG_<NAME>).
"""

from __future__ import annotations

from pydantic import Field
from pydantic_settings import BaseSettings

#: The longest period any of these may be (ten years).
MAX_DAYS = 3650


class GovernanceSettings(BaseSettings):
    audit_retention_days: int = Field(
        default=183, ge=1, le=MAX_DAYS, description="Days audit rows are kept; then purged daily."
    )
    meeting_retention_days: int = Field(
        default=730,
        ge=1,
        le=MAX_DAYS,
        description="Days a closed or cancelled meeting's content is kept after its date"
        " (a group's last agreement paper is kept while the group exists).",
    )
    measurement_retention_days: int = Field(
        default=730,
        ge=1,
        le=MAX_DAYS,
        description="Days a measurement is kept after its date, and an earlier data set"
        " after it was replaced.",
    )
    chart_retention_days: int = Field(
        default=30, ge=1, le=MAX_DAYS, description="Days a drawn chart image is kept."
    )
    reminder_retention_days: int = Field(
        default=30,
        ge=1,
        le=MAX_DAYS,
        description="Days a sent, cancelled or expired reminder row is kept.",
    )
    retention_batch: int = Field(
        default=500, ge=1, le=100_000, description="Rows the retention job deletes at a time."
    )
    uninstall_grace_days: int = Field(
        default=30,
        ge=0,
        le=MAX_DAYS,
        description="Days the groups of a workspace or team that removed the app are kept"
        " (frozen) before they are deleted, unless the app is installed again.",
    )
