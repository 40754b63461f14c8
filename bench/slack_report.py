"""What bench/slack_ack.py prints: the three tables, the ratios to bare Bolt, the targets."""

from __future__ import annotations

import argparse
import statistics
from dataclasses import dataclass, field

from bench.slack_reply import Burst, Timings
from bench.slack_servers import COMMAND

PEOPLE = 50  # concurrency of the reply and burst runs
ACK_TARGET = 1.5  # ours' ack p99 at concurrency 50, in multiples of bare Bolt's
PG_TARGET = 300  # commands processed per second per process on PostgreSQL


@dataclass
class Results:
    acks: dict[tuple[str, int], list[list[float]]] = field(default_factory=dict)  # per round
    drained: dict[int, float] = field(default_factory=dict)  # ours: last reply, s after start
    replies: dict[str, Timings] = field(default_factory=dict)
    bursts: dict[str, Burst | str] = field(default_factory=dict)  # str: why it was skipped


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _verdict(ok: bool) -> str:
    return "met" if ok else "MISSED"


def report_acks(args: argparse.Namespace, r: Results) -> None:
    print(
        f"\n1. Time to ack, {args.rounds} rounds of {args.requests} signed `{COMMAND} status` "
        "commands per server, taking turns (ms; p50/p99 of all rounds together)\n"
    )
    print(f"{'server':<12} {'conc.':>5} {'p50':>8} {'p99':>8} {'mean':>8}   p99 per round")
    for (name, concurrency), rounds in r.acks.items():
        values = [v for run in rounds for v in run]
        each = " ".join(f"{pct(run, 0.99):.1f}" for run in rounds)
        print(
            f"{name:<12} {concurrency:>5} {pct(values, 0.5):>8.1f} {pct(values, 0.99):>8.1f} "
            f"{statistics.fmean(values):>8.1f}   {each}"
        )
    print()
    for concurrency in args.concurrency:
        ours, bare = r.acks[("Datadialog", concurrency)], r.acks[("bare Bolt", concurrency)]
        p50s = [pct(o, 0.5) / pct(b, 0.5) for o, b in zip(ours, bare, strict=True)]
        p99s = [pct(o, 0.99) / pct(b, 0.99) for o, b in zip(ours, bare, strict=True)]
        p50, p99 = statistics.median(p50s), statistics.median(p99s)
        print(
            f"concurrency {concurrency:>3}: Datadialog / bare Bolt, median of rounds  p50 "
            f"{p50:.2f}x  p99 {p99:.2f}x  (rounds' p99: "
            + " ".join(f"{x:.2f}x" for x in p99s)
            + f"; Datadialog's last reply posted {r.drained[concurrency]:.1f} s after its last"
            " round began)"
        )
        if concurrency == PEOPLE:
            print(f"target: ack p99 at concurrency {PEOPLE} within {ACK_TARGET}x bare Bolt: "
                  f"{p99:.2f}x, {_verdict(p99 <= ACK_TARGET)}")  # fmt: skip


def report_replies(args: argparse.Namespace, r: Results) -> None:
    print(
        f"\n2. Time from request to the bot's reply posted: {args.replies} observation "
        f"submissions to {args.groups} meetings, {PEOPLE} people each waiting for their reply "
        "before the next (ms)\n"
    )
    print(f"{'server':<12} {'ack p50':>8} {'ack p99':>8} {'reply p50':>10} {'reply p99':>10}"
          f" {'no reply':>9}")  # fmt: skip
    for name, t in r.replies.items():
        print(
            f"{name:<12} {pct(t.acks, 0.5):>8.1f} {pct(t.acks, 0.99):>8.1f} "
            f"{pct(t.replies, 0.5):>10.1f} {pct(t.replies, 0.99):>10.1f} {t.missing:>9}"
        )
    ours, bare = r.replies["Datadialog"], r.replies["bare Bolt"]

    def ratio(values: str, q: float) -> str:
        return f"{pct(getattr(ours, values), q) / pct(getattr(bare, values), q):.2f}x"

    print(
        f"\nDatadialog / bare Bolt: reply p50 {ratio('replies', 0.5)}  p99 {ratio('replies', 0.99)}"
        "\n(the next request waits for the reply, so each server is offered what it can answer:"
        " compare acks in 1.)"
    )


def _seconds(value: float | None) -> str:
    return "never" if value is None else f"{value:.2f} s"


def report_bursts(args: argparse.Namespace, r: Results) -> None:
    print(
        f"\n3. Commands processed per second per process: a burst of {args.burst} observation "
        f"submissions to {args.groups} meetings over {PEOPLE} connections "
        "(seconds from the first send)\n"
    )
    print(f"{'server':<24} {'all acked':>10} {'all stored':>11} {'all posted':>11} {'per s':>8}")
    rates: dict[str, float] = {}
    for name, b in r.bursts.items():
        if isinstance(b, str):
            print(f"{name:<24} {b}")
            continue
        done = b.stored if name != "bare Bolt" else b.posted  # bare Bolt stores nothing
        rates[name] = b.count / done if done else 0.0
        stored = "-" if name == "bare Bolt" else _seconds(b.stored)
        print(
            f"{name:<24} {_seconds(b.acked):>10} {stored:>11} "
            f"{_seconds(b.posted):>11} {rates[name]:>8.0f}"
        )
    bare = r.bursts["bare Bolt"]
    if isinstance(bare, Burst):
        print(f"\n(per s: Datadialog stored, bare Bolt acked and posted; bare Bolt acked "
              f"{bare.count / bare.acked:.0f}/s)")  # fmt: skip
    for name, rate in rates.items():
        if name != "bare Bolt" and rates.get("bare Bolt"):
            print(f"{name} / bare Bolt: {rate / rates['bare Bolt']:.2f}x")
    if "Datadialog PostgreSQL" in rates:
        rate = rates["Datadialog PostgreSQL"]
        print(f"target: at least {PG_TARGET}/s on PostgreSQL: {rate:.0f}/s, "
              f"{_verdict(rate >= PG_TARGET)}")  # fmt: skip
