"""Action, callback and block ids shared by `blocks` (which draws them) and `translate`."""

from __future__ import annotations

# Buttons in the channel and in direct messages (action_id).
PREPARE = "dd_prepare"
#: A button standing for a command (`bot.choices`): "dd_<command tag>", unique per block.
CHOICE = "dd_"
#: A button that opens a contribution form: "dd_open_<form name>", value the meeting id.
OPEN_FORM = "dd_open_"
#: The *Ret* / *Fjern* menu on a contribution's message (issue 14), and the modals it opens.
CORRECT = "dd_correct"
EDIT_ITEM, REMOVE_ITEM = "dd_edit_item", "dd_remove_item"

# Modals (callback_id).
SETUP = "dd_setup"
PREP = "dd_prep"
#: A contribution form's modal: "dd_form_<form name>".
FORM = "dd_form_"
#: The modal a planned meeting's *Move* button opens (planning on every platform, issue 14).
MOVE = "dd_move"
#: The settings modal of a channel's group (group changes, issue 14).
SETTINGS = "dd_settings"
