"""Danske tekster til læringssløjfen (issue 17): forventninger holdt op mod data, gruppens
vurderinger, læringsloggen og opfølgningstallene (og deres diagram)."""

from __future__ import annotations

import math
from typing import Any

from flows.text.base import Entry


def _num(value: Any) -> str:
    return f"{value:.1f}".replace(".", ",").replace("-", "\u2212")


def _pct(share: float) -> str:
    return f"{math.floor(share * 100 + 0.5)} %"


def _of(done: int, total: int) -> str:
    return f"{done} af {total}" + (f" ({_pct(done / total)})" if total else "")


def _expectation(p: dict[str, Any]) -> str:
    said = f"{p['parameter']} skal {p['direction']}"
    if p["target"] is not None:
        said += f", til {_num(p['target'])}"
    if p["share"] is not None:
        said += f", for mindst {_pct(p['share'])} af de borgere, der er målt igen"
    return said


_MOVED = {"rose": "steg", "fell": "faldt", "flat": "holdt niveauet"}
_NO_NUMBERS = {
    "too_few": "for få borgere er målt igen til at sige noget",
    "no_new_data": "ingen nye målinger siden aftalen: for tidligt at sige",
    "no_baseline": "der var ingen data, da det blev aftalt, så der er intet at sammenligne med",
}


def _finding(p: dict[str, Any]) -> str:
    head = f"{p['number']}. »{p['text']}« ({p['expected']}): "
    trend = p["trend"]
    if trend == "missing":
        return head + f"data indeholder ikke længere {p['parameter']}."
    if trend not in _MOVED:
        return head + _NO_NUMBERS[trend] + "."
    said = f"{_MOVED[trend]} fra {_num(p['before'])} til {_num(p['after'])} "
    said += f"({p['n']} borgere målt igen)"
    if p["share"] is not None:
        said += f"; {_pct(p['share'])} af dem bevægede sig som forventet"
    verdict = {True: " Som forventet.", False: " Ikke som forventet."}.get(p["verdict"], "")
    return head + said + "." + verdict


def _note(p: dict[str, Any]) -> str:
    return f" – {p['note']}" if p["note"] else ""


CATALOGUE: dict[str, Entry] = {
    "Direction.rise": "stige",
    "Direction.fall": "falde",
    "Direction.stay": "holde niveauet",
    "Verdict.as_expected": "som forventet",
    "Verdict.not_as_expected": "ikke som forventet",
    "Verdict.too_early": "for tidligt at sige",
    "learning.expectation": _expectation,
    "learning.sign": "Tegn på fremgang: {text} ({expected})",
    "learning.findings_heading": "Hvad data siger om tegnene på fremgang",
    "learning.finding": _finding,
    "learning.verdict_hint": (
        "For hvert tegn på fremgang: bevægede data sig, som I forventede? Skriv gruppens "
        "vurdering (som forventet, ikke som forventet eller for tidligt at sige) med en kort "
        "note om, hvad I har lært."
    ),
    "learning.verdict_ask": "Tegn {number}: {text}",
    "learning.choice.as_expected": "Som forventet",
    "learning.choice.not_as_expected": "Ikke som forventet",
    "learning.choice.too_early": "For tidligt at sige",
    "learning.verdict_recorded": lambda p: (
        f"{p['name']} om tegn {p['number']} (»{p['text']}«): {p['verdict']}" + _note(p)
    ),
    "learning.linked": "Forklaring {number} (»{text}«) forklarer nu tegn {sign}: {sign_text}",
    "learning.unlinked": "Forklaring {number} (»{text}«) er ikke længere knyttet til et tegn.",
    "learning.error.no_sign": (
        "Der er intet tegn på fremgang nummer {number} på det seneste aftalepapir (der er {count})."
    ),
    "learning.error.no_parameter": "Skriv hvilken parameter i gruppens data tegnet handler om.",
    "learning.error.no_direction": "Skriv om parameteren skal stige, falde eller holde niveauet.",
    "learning.error.target": "Målet skal være et tal.",
    "learning.error.share": "Andelen skal være over 0 % og højst 100 %.",
    # Læringsloggen
    "learning.log_heading": "Hvad {group} har lært, møde for møde",
    "learning.log_empty": (
        "Intet endnu: loggen fyldes, efterhånden som gruppen aftaler tegn på fremgang og "
        "følger op på dem på næste møde."
    ),
    "learning.log.verdict": lambda p: (
        f"Møde {p['number']} ({p['at']}): tegn {p['sign']} »{p['text']}«: {p['verdict']}"
        + _note(p)
        + f" ({p['name']})"
    ),
    "learning.log.explained": (
        "Møde {number} ({at}): forklarer tegn {sign} »{text}«: {explanation} ({name})"
    ),
    "learning.log.focus": "Møde {number} ({at}): fokusområde: {title}",
    "learning.log.expects": "Møde {number} ({at}): {line}",
    "learning.paper_heading": "Hvad vi har lært indtil nu",
    # Opfølgning
    "follow_up.heading": lambda p: (
        f"Opfølgning i {p['group']}, de seneste {p['count']} "
        + ("møde" if p["count"] == 1 else "møder")
    ),
    "follow_up.prepared": lambda p: f"Forberedt: {_of(p['done'], p['total'])}",
    "follow_up.followed_up": lambda p: (
        f"Aftaler, der fik en status under siden sidst: {_of(p['done'], p['total'])}"
    ),
    "follow_up.actions": (
        "Handlinger: {on_time} udført til tiden, {late} udført for sent, {dropped} droppet, "
        "{overdue} over tid, {open} endnu ikke forfaldne"
    ),
    "follow_up.rhythm": "Møder holdt i rytmen: {held} af {total}",
    # Diagrammet
    "chart.name.follow_up": "Opfølgning",
    "chart.follow_up.title": "Opfølgning over de seneste møder",
    "chart.follow_up.prepared": "Forberedt",
    "chart.follow_up.followed_up": "Aftaler fulgt op",
    "chart.follow_up.on_time": "Handlinger udført til tiden",
    "chart.follow_up.axis": "Andel (%)",
    "chart.follow_up.meeting": "Møde {number}",
    "chart.follow_up.off_rhythm": "uden for rytmen",
    "chart.follow_up.alt": "{title}. Søjlediagram med andele pr. møde: {items}",
    "chart.follow_up.alt_meeting": "møde {number}: {shares}",
    "chart.follow_up.none": "intet at tælle",
    "chart.follow_up.how": (
        "Sådan læses figuren: hver gruppe af søjler er ét møde, det ældste først. Søjlerne "
        "viser andelen af deltagere, der forberedte sig, af sidste mødes aftaler, der fik en "
        "status under siden sidst, og af mødets forfaldne handlinger, der blev udført til "
        "tiden. Ingen søjle: intet at tælle endnu."
    ),
    "chart.follow_up.off_note": "Møder markeret »uden for rytmen« blev holdt senere end rytmen.",
}
