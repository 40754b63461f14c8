"""The Teams app package: manifest.json and two icons, zipped, ready to upload.

The manifest (schema 1.17) declares one bot (TEAMS_APP_ID) for team channels,
group chats and personal chats, with the text commands Teams suggests after
@Datadialog, and asks for one resource-specific permission, `ChannelMessage.Read.Group`
(an app-only Graph read of the channel messages of a team it is installed in): after a
crash, a channel post that may have gone out is looked for before it is made again
(`bot.teams.graph`). RSC needs `webApplicationInfo` with the app id; its `resource` is
unused by RSC but must be set. Its texts are in the configured language (`localizationInfo`'s
default, Danish unless DATADIALOG_LANGUAGE says otherwise) with the other language in a
localization file beside it, so Teams shows each user the app in their client's language.
The app id must be the registration's client id (a GUID) and the public address an https://
one (Teams calls bots over HTTPS only); anything else is refused before a package is written.
The icons are drawn with matplotlib's Figure API (Agg): a 192 px
colour icon and a 32 px white outline on transparent, as Teams requires.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import Circle, FancyBboxPatch

from bot.teams.blocks import Style
from config.settings import Settings

SCHEMA = "https://developer.microsoft.com/en-us/json-schemas/teams/v1.17/MicrosoftTeams.schema.json"
LOCALIZATION_SCHEMA = SCHEMA.replace(".schema.json", ".Localization.schema.json")
LANGUAGES = ("da", "en")
_GUID = re.compile(r"[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}")
ACCENT = "#2E6B5E"
#: At most 10 (Teams' limit for a command list). `undo` (same-day, and a button on the
#: card that follows a cancel) made room for `settings` (group changes, issue 14).
COMMANDS = (
    "setup", "prepare", "start", "status", "next", "agreements", "schedule", "edit", "settings",
    "help",
)  # fmt: skip


def checked(settings: Settings) -> tuple[str, str]:
    """The app id and the public address, refused unless Teams would take them."""
    app_id = settings.teams_app_id.get_secret_value().strip()
    if not app_id:
        raise ValueError("TEAMS_APP_ID is not set (the app registration's client id)")
    if not _GUID.fullmatch(app_id):
        raise ValueError(
            "TEAMS_APP_ID must be the app registration's client id, a GUID like"
            " 8f0c7d2e-3b1a-4c5d-9e6f-0a1b2c3d4e5f"
        )
    url = settings.teams_public_url.rstrip("/")
    parts = urlsplit(url)
    if parts.scheme != "https" or not parts.hostname:
        raise ValueError(
            "DATADIALOG_TEAMS_PUBLIC_URL must be an https:// address (Teams calls bots over"
            " HTTPS only)"
        )
    return app_id, url


def _texts(style: Style) -> dict[str, str]:
    """The manifest's texts in one language, keyed as a Teams localization file keys them."""
    found = {
        "description.short": style("teams.manifest.short")[:80],
        "description.full": style("teams.manifest.full")[:4000],
    }
    for number, verb in enumerate(COMMANDS):
        key = f"bots[0].commandLists[0].commands[{number}].description"
        found[key] = style(f"teams.help.{verb}")[:128]
    return found


def localization(settings: Settings, language: str) -> dict[str, Any]:
    """The localization file of `language` (the name stays the app's name)."""
    name = settings.teams_app_name
    texts = _texts(Style(language, settings.timezone))
    return {"$schema": LOCALIZATION_SCHEMA, "name.short": name, "name.full": name, **texts}


def manifest(settings: Settings, version: str = "1.0.0") -> dict[str, Any]:
    app_id, url = checked(settings)
    style = Style(settings.language, settings.timezone)
    texts = _texts(style)
    host = urlsplit(url).hostname or "datadialog.example.org"
    commands = [
        {"title": verb, "description": texts[f"bots[0].commandLists[0].commands[{n}].description"]}
        for n, verb in enumerate(COMMANDS)
    ]
    others = [lang for lang in LANGUAGES if lang != settings.language]
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
        "description": {"short": texts["description.short"], "full": texts["description.full"]},
        "localizationInfo": {
            "defaultLanguageTag": settings.language,
            "additionalLanguages": [
                {"languageTag": lang, "file": f"{lang}.json"} for lang in others
            ],
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
    """Write the zip (manifest.json, a localization file per other language, color.png
    192x192, outline.png 32x32) to `out`."""
    found = manifest(settings)
    data = json.dumps(found, ensure_ascii=False, indent=2)
    out.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("manifest.json", data)
        for other in found["localizationInfo"]["additionalLanguages"]:
            texts = localization(settings, other["languageTag"])
            package.writestr(other["file"], json.dumps(texts, ensure_ascii=False, indent=2))
        package.writestr("color.png", _icon(192, outline=False))
        package.writestr("outline.png", _icon(32, outline=True))
    return out
