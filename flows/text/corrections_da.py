"""Danske tekster til rettelser (`flows.corrections`): rettelser, tilbagetrækninger og
ændringer af aftalepapiret efter mødet."""

from __future__ import annotations

from flows.text.base import Entry

CATALOGUE: dict[str, Entry] = {
    "Item.point": "dit punkt",
    "Item.review": "status",
    "Item.observation": "observation",
    "Item.theme": "tema",
    "Item.explanation": "forklaring",
    "Item.goal": "mål",
    "Item.sign": "tegn på fremgang",
    "Item.action": "handling",
    "Item.takeaway": "take-away",
    "correct.edited": "{name} rettede {item} {number}: {text}",
    "correct.removed": "{name} fjernede {item} {number}.",
    "correct.action_edited": "{name} ændrede en handling: {line}",
    "takeaway.replaced": "Tak: din nye take-away erstatter den, du gav før.",
    "correct.error.changed": (
        "Nummer {number} ({item}) siger nu noget andet end i den besked (noget før det kan "
        "være fjernet): se listen igen, og brug dens nyeste besked."
    ),
    "correct.error.no_item": "Der er ingen {item} nr. {number}.",
    "correct.error.not_yours": (
        "Kun den, der skrev det ({name}), eller mødelederen kan rette eller fjerne det."
    ),
    "correct.error.closed": (
        "Mødet er lukket: kun mødelederen ({leader}) kan ændre aftalepapiret."
    ),
    "correct.error.closed_item": (
        "Mødet er lukket: nu kan kun aftalepapiret (mål, tegn, handlinger) og take-aways rettes."
    ),
    "correct.error.point_started": (
        "Mødet er i gang, og de forberedte punkter er nu observationer: ret observationen i stedet."
    ),
    "paper.amendments_heading": "Ændret efter mødet",
    "paper.amendment": lambda p: (
        f"{p['at']}: {p['name']} {'fjernede' if p['removed'] else 'ændrede'} "
        f"{p['item']} {p['number']}"
    ),
}
