"""The agreement paper as a Markdown document (for export, the demo and e-mail)."""

from __future__ import annotations

from collections.abc import Sequence

from flows.element_review import note_lines, tag_text  # the offer level (issue 17)
from flows.expectations import sign_line  # the learning loop (issue 17)
from flows.model import Group, Meeting
from flows.offer_model import Offer  # the offer level (issue 17)
from flows.outputs import Text, t
from flows.summary import action_line, amendment_line
from flows.text.render import render


def agreement_markdown(
    group: Group,
    meeting: Meeting,
    lang: str,
    tz: str,
    log: Sequence[Text] = (),
    offer: Offer | None = None,
) -> str:
    """The paper; `log`: the learning log up to this meeting (`flows.learning`, issue 17),
    shown as the paper's history; `offer`: the group's offer, naming the core elements its
    actions are tagged with and its notes from the core-elements review (issue 17)."""

    def r(key: str, **params: object) -> str:
        return render(t(key, **params), lang, tz)

    paper = meeting.agreement
    focus = meeting.theme(meeting.focus_theme or 0)
    lines = [
        f"# {r('paper.goals_heading', number=meeting.number)} · {group.name}",
        "",
        f"*{r('status.step', number=meeting.number, at=meeting.scheduled_at, step=meeting.step)}*",
        "",
    ]
    if focus is not None:
        lines += [f"**{r('prepare_action.focus', title=focus.title)}**", ""]
    lines += [
        f"- {r('paper.short_term', text=paper.short_term_goal or '–')}",
        f"- {r('paper.long_term', text=paper.long_term_goal or '–')}",
    ]
    lines += [f"- {render(sign_line(sign), lang, tz)}" for sign in paper.signs]
    lines += ["", f"## {r('paper.actions_heading')}", ""]
    if paper.actions:
        lines += [
            f"- {render(action_line(group, a), lang, tz)}{tag(offer, a.element, lang, tz)}"
            for a in paper.actions
        ]
    else:
        lines.append(r("paper.no_actions"))
    lines += ["", f"## {r('paper.takeaways_heading')}", ""]
    takeaways = [
        r("item.takeaway", name=group.name_of(tk.author), text=tk.text) for tk in meeting.takeaways
    ]
    lines += [f"- {line}" for line in takeaways] or [r("paper.no_takeaways")]
    if meeting.amendments:
        lines += ["", f"## {r('paper.amendments_heading')}", ""]
        lines += [f"- {render(amendment_line(group, a), lang, tz)}" for a in meeting.amendments]
    if meeting.element_notes:  # the core-elements review (issue 17)
        lines += ["", f"## {r('review.paper_heading')}", ""]
        notes = note_lines(group, offer, meeting.element_notes)
        lines += [f"- {render(line, lang, tz)}" for line in notes]
    if log:  # the learning loop (issue 17)
        lines += ["", f"## {r('learning.paper_heading')}", ""]
        lines += [f"- {render(line, lang, tz)}" for line in log]
    return "\n".join(lines) + "\n"


def tag(offer: Offer | None, element: int | None, lang: str, tz: str) -> str:
    """The tag after an item tagged with a core element, " [kerneelement: X]" (issue 17);
    "" for none."""
    if element is None:
        return ""
    return render(t("review.tag", element=tag_text(offer, element)), lang, tz)
