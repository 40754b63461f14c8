"""Small facts about an incoming activity, and answering an invoke in its own turn."""

from __future__ import annotations

from typing import Any

from microsoft_agents.activity import Activity, ActivityTypes, InvokeResponse
from microsoft_agents.hosting.core import TurnContext

from bot.teams.translate import channel_of


def activity_channel(activity: Activity) -> str:
    """The conversation id a group meets in: the team channel's id, or the chat's."""
    data = activity.channel_data if isinstance(activity.channel_data, dict) else {}
    channel = (data.get("channel") or {}).get("id")
    return str(channel or channel_of(activity.conversation.id))


def activity_tenant(activity: Activity) -> str:
    if activity.conversation is not None and activity.conversation.tenant_id:
        return activity.conversation.tenant_id
    data = activity.channel_data if isinstance(activity.channel_data, dict) else {}
    return str((data.get("tenant") or {}).get("id") or "")


def message_body(text: str) -> dict[str, Any]:
    """An invoke response's body that shows `text` to the presser."""
    return {"statusCode": 200, "type": "application/vnd.microsoft.activity.message", "value": text}


async def invoke_reply(context: TurnContext, body: dict[str, Any], status: int = 200) -> None:
    """Answer an invoke (a card's Action.Execute) in its own turn."""
    await context.send_activity(
        Activity(type=ActivityTypes.invoke_response, value=InvokeResponse(status=status, body=body))
    )
