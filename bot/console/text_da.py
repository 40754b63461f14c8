"""Danish texts of the local console chat and the command line: help lines, labels and
session messages.

Layered over the flows' catalogue by `bot.console.render` (`TEXTS`); keys keep their
`console.` prefix. `console.usage`, `console.bad_date` and `console.group_line` stay in
the flows' catalogue: the flows and the chat adapters use them too.
"""

from __future__ import annotations

from flows.text.base import Entry

CATALOGUE: dict[str, Entry] = {
    "console.bad_time": "Tidspunktet »{text}« kan ikke læses. Skriv fx 2026-12-08 09:00.",
    "console.not_command": "Kommandoer starter med /. Skriv /help for at se dem.",
    "console.unknown_verb": "Ukendt kommando /{verb}. Skriv /help for at se kommandoerne.",
    "console.acting_as": "Du skriver nu som {name} ({role}).",
    "console.no_groups": 'Der er ingen grupper endnu. Opret en med: datadialog group create "Navn" --leader Navn --participant Navn ... (eller prøv datadialog demo).',
    "console.group_switched": "Aktiv gruppe: {name}.",
    "console.welcome": "Datadialog, lokal chat. Gruppe: {group}. Du skriver som {name}. Skriv /help for kommandoer og /quit for at afslutte.",
    "console.groups_heading": "Grupper",
    "console.help_heading": "Kommandoer (du er {name})",
    "console.bye": "Farvel. Alt er gemt.",
    "console.help.as": "/as NAVN: skriv som et andet medlem",
    "console.help.group": "/group NAVN: skift aktiv gruppe",
    "console.help.groups": "/groups: vis grupperne",
    "console.help.status": "/status: mødets trin, tid og forberedelse",
    "console.help.open": "/open: åbn forberedelsen (leder)",
    "console.help.positive": "/positive TEKST: din positive tendens",
    "console.help.improve": "/improve TEKST: din forbedringsmulighed",
    "console.help.question": "/question TEKST: dit spørgsmål til data",
    "console.help.remind": "/remind: påmind dem, der ikke har forberedt sig (leder)",
    "console.help.start": "/start: start mødet (leder)",
    "console.help.next": "/next: gå til næste trin; i sidste trin afsluttes mødet (leder)",
    "console.help.extend": "/extend [MIN]: forlæng trinnet, 5 min som standard (leder)",
    "console.help.cancel": "/cancel: aflys mødet (leder)",
    "console.help.review": "/review NR done|continue|drop [NOTE]: status på en aftale fra sidst",
    "console.help.obs": "/obs TEKST: en observation i data",
    "console.help.theme": "/theme TITEL: foreslå et tema",
    "console.help.vote": "/vote NR: stem på et tema",
    "console.help.unvote": "/unvote NR: træk en stemme tilbage",
    "console.help.explain": "/explain NR TEKST: en forklaring på tema NR",
    "console.help.focus": "/focus NR: vælg fokusområde (leder)",
    "console.help.goal": "/goal TEKST: mål til næste møde",
    "console.help.longgoal": "/longgoal TEKST: mål på længere sigt",
    "console.help.sign": "/sign TEKST: et tegn i data på fremgang",
    "console.help.action": "/action HVAD | ANSVARLIG | OPFØLGER | DATO: en handling (dato fx 2026-12-08 eller +14)",
    "console.help.takeaway": "/takeaway TEKST: det tager du med fra mødet",
    "console.help.agreements": "/agreements: vis aftalepapiret",
    "console.help.schedule": "/schedule [ÅÅÅÅ-MM-DD TT:MM]: planlæg næste møde (leder)",
    "console.help.import": "/import STI [gyldige]: erstat gruppens målinger med en .csv- eller .xlsx-fil; med »gyldige« kun de gyldige rækker (leder)",
    "console.help.quit": "/quit: afslut",
    "console.chart_saved": "Gemt som {path}",
    "console.label.channel": "#{name}",
    "console.label.dm": "til {name} (privat)",
    "console.label.only_you": "kun til {name}",
    "console.invite_written": "Kalenderinvitation til {name} gemt i {path}",
    "console.help.move": "/move ÅÅÅÅ-MM-DD TT:MM: flyt det planlagte møde (leder)",
    "console.help.skip": "/skip: spring det planlagte møde over; det flyttes til næste gang i rytmen (leder)",
    "console.help.done": "/done NR: aftale NR fra sidste møde er udført",
    "console.help.snooze": "/snooze NR: mind mig om aftale NR senere",
    "console.help.irrelevant": "/irrelevant NR: aftale NR er ikke længere relevant",
    "console.reminders_unserved": "Venter stadig: {count} til {platforms}, som ikke er sat op her (en bot, der kører med det, sender dem).",
}
