"""Microsoft Teams: the Agents SDK agent at /api/messages, cards, proactive sender, app package."""
