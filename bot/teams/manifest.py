"""The Teams app package: manifest.json and two icons, zipped, ready to upload.

The manifest (schema 1.17) declares one bot (TEAMS_APP_ID) for team channels,
group chats and personal chats, with the text commands Teams suggests after
@Datadialog, and asks for one resource-specific permission, `ChannelMessage.Read.Group`
(an app-only Graph read of the channel messages of a team it is installed in): after a
crash, a channel post that may have gone out is looked for before it is made again
(`bot.teams.graph`). RSC needs `webApplicationInfo` with the app id; its `resource` is
unused by RSC but must be set. The icons are drawn with matplotlib's Figure API (Agg): a 192 px
colour icon and a 32 px white outline on transparent, as Teams requires.
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import Circle, FancyBboxPatch

from bot.teams.cards import Style
from config.settings import Settings

SCHEMA = "https://developer.microsoft.com/en-us/json-schemas/teams/v1.17/MicrosoftTeams.schema.json"
ACCENT = "#2E6B5E"
#: At most 10 (Teams' limit for a command list). `undo` (same-day, and a button on the
#: card that follows a cancel) made room for `settings` (group changes, issue 14).
COMMANDS = (
    "setup", "prepare", "start", "status", "next", "agreements", "schedule", "edit", "settings",
    "help",
)  # fmt: skip


def manifest(settings: Settings, version: str = "1.0.0") -> dict[str, Any]:
    app_id = settings.teams_app_id.get_secret_value()
    if not app_id:
        raise ValueError("TEAMS_APP_ID is not set (the app registration's client id)")
    style = Style(settings.language, settings.timezone)
    url = settings.teams_public_url.rstrip("/")
    host = urlsplit(url).hostname or "datadialog.example.org"
    commands = [
        {"title": verb, "description": style(f"teams.help.{verb}")[:128]} for verb in COMMANDS
    ]
    return {
        "$schema": SCHEMA,
        "manifestVersion": "1.17",
        "version": version,
        "id": app_id,
        "developer": {
            "name": settings.teams_app_name,
            "websiteUrl": url,
            "privacyUrl": f"{url}/privacy",
            "termsOfUseUrl": f"{url}/terms",
        },
        "name": {"short": settings.teams_app_name, "full": settings.teams_app_name},
        "description": {
            "short": style("teams.manifest.short")[:80],
            "full": style("teams.manifest.full")[:4000],
        },
        "icons": {"color": "color.png", "outline": "outline.png"},
        "accentColor": ACCENT,
        "bots": [
            {
                "botId": app_id,
                "scopes": ["team", "groupChat", "personal"],
                "supportsFiles": True,
                "isNotificationOnly": False,
                "commandLists": [
                    {"scopes": ["team", "groupChat", "personal"], "commands": commands}
                ],
            }
        ],
        "permissions": ["identity", "messageTeamMembers"],
        "validDomains": [host],
        "webApplicationInfo": {"id": app_id, "resource": "https://RscPermission"},
        "authorization": {
            "permissions": {
                "resourceSpecific": [{"name": "ChannelMessage.Read.Group", "type": "Application"}]
            }
        },
    }


def _icon(size: int, outline: bool) -> bytes:
    """A speech bubble with three bars (data in a dialogue)."""
    fig = Figure(figsize=(size / 100, size / 100), dpi=100)
    FigureCanvasAgg(fig)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.axis("off")
    ink = "white" if outline else ACCENT
    if not outline:
        fig.patch.set_facecolor("white")
        ax.add_patch(Circle((0.5, 0.5), 0.48, color=ACCENT))
        ink = "white"
    else:
        fig.patch.set_alpha(0)
    ax.add_patch(
        FancyBboxPatch(
            (0.2, 0.3), 0.6, 0.45, boxstyle="round,pad=0.02,rounding_size=0.08",
            fill=False, edgecolor=ink, linewidth=max(1.0, size / 40),
        )
    )  # fmt: skip
    for i, height in enumerate((0.12, 0.22, 0.3)):
        ax.add_patch(FancyBboxPatch((0.3 + i * 0.15, 0.36), 0.08, height, boxstyle="square,pad=0",
                                    color=ink))  # fmt: skip
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=100, transparent=outline)
    return buffer.getvalue()


def write_package(settings: Settings, out: Path) -> Path:
    """Write the zip (manifest.json, color.png 192x192, outline.png 32x32) to `out`."""
    data = json.dumps(manifest(settings), ensure_ascii=False, indent=2)
    out.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("manifest.json", data)
        package.writestr("color.png", _icon(192, outline=False))
        package.writestr("outline.png", _icon(32, outline=True))
    return out
