"""Action, callback and block ids shared by `blocks` (which draws them) and `translate`."""

from __future__ import annotations

# Buttons in the channel and in direct messages (action_id).
NEXT = "dd_next"
EXTEND = "dd_extend"
CANCEL = "dd_cancel"
VOTE = "dd_vote"
PREPARE = "dd_prepare"
#: An answer on an agreed action (reminder DM, App Home): value "meeting:number:answer".
ACTION_ANSWER = "dd_action"
#: Buttons that open a modal: action_id -> the modal's callback_id.
OPEN_REVIEW = "dd_open_review"
OPEN_OBSERVATION = "dd_open_observation"
OPEN_THEME = "dd_open_theme"
OPEN_EXPLANATION = "dd_open_explanation"
OPEN_FOCUS = "dd_open_focus"
OPEN_PAPER = "dd_open_paper"
OPEN_TAKEAWAY = "dd_open_takeaway"

# Modals (callback_id).
SETUP = "dd_setup"
PREP = "dd_prep"
REVIEW = "dd_review"
OBSERVATION = "dd_observation"
THEME = "dd_theme"
EXPLANATION = "dd_explanation"
FOCUS = "dd_focus"
PAPER = "dd_paper"
TAKEAWAY = "dd_takeaway"

OPENS: dict[str, str] = {
    OPEN_REVIEW: REVIEW,
    OPEN_OBSERVATION: OBSERVATION,
    OPEN_THEME: THEME,
    OPEN_EXPLANATION: EXPLANATION,
    OPEN_FOCUS: FOCUS,
    OPEN_PAPER: PAPER,
    OPEN_TAKEAWAY: TAKEAWAY,
}

#: ShowChoices command names -> the button that sends them ("action:..." -> ACTION_ANSWER).
CHOICE_ACTIONS: dict[str, str] = {"next": NEXT, "extend": EXTEND, "cancel": CANCEL}

#: How many action rows the agreement-paper modal offers.
PAPER_ACTIONS = 3
