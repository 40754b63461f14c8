"""Danish texts of cancelling with care (issue 14, `flows.cancelling`): the question a
cancel asks first, what the channel is told, the undo and why it can be refused."""

from __future__ import annotations

from flows.text.base import Entry

CATALOGUE: dict[str, Entry] = {
    "cancel.confirm": (
        "Aflys møde {number} ({at})? Alle får en aflysning i kalenderen, og næste møde "
        "planlægges efter gruppens rytme. Intet ændres, før du trykker på knappen; "
        "indtil midnat kan du fortryde."
    ),
    "choice.cancel_confirm": "Ja, aflys mødet",
    "meeting.cancelled_next": (
        "Næste møde ({number}) er planlagt {at} efter gruppens rytme. "
        "Mødelederen kan fortryde aflysningen indtil midnat."
    ),
    "choice.undo_cancel": "Fortryd aflysningen",
    "meeting.restored": "Møde {number} ({at}) er genoptaget (trin: {step}).",
    "meeting.withdrawn": "Møde {number}, som var planlagt {at} i stedet, er taget af planen.",
    "cancel.error.too_late": (
        "Møde {number} forbliver aflyst: en aflysning kan kun fortrydes samme dag, som den "
        "blev lavet. Flyt næste møde, hvis I har brug for et andet tidspunkt."
    ),
    "cancel.error.next_begun": (
        "Aflysningen kan ikke længere fortrydes: møde {number}, som blev planlagt i stedet, "
        "er allerede i gang (nogen har forberedt sig, eller det er åbnet eller aflyst)."
    ),
    "invite.cancelled": (
        "Kalenderaflysning: møde {number} i {group} ({at}) er aflyst. "
        "Aflysningen fjerner det fra din kalender."
    ),
    "invite.restored": (
        "Møde {number} i {group} er genoptaget: {at}. Her er kalenderinvitationen igen."
    ),
}
