"""The Slack adapter: Slack payload -> flow command (translate), output -> Block Kit (blocks),
and a sender that posts through slack_sdk. No meeting logic lives here."""
