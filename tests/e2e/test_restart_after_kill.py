"""SIGKILL in the middle of "explore", start again: same meeting, same step, nothing lost."""

from __future__ import annotations

import signal

import pytest

from tests.e2e.serve import Served, environment, run_cli

pytestmark = pytest.mark.e2e


def test_killed_in_explore_continues_with_every_point_and_observation(tmp_path) -> None:
    env = environment(f"sqlite:///{tmp_path / 'team.db'}")
    created = run_cli(
        env, "group", "create", "Team Nord", "--leader", "Lea",
        "--participant", "Ali", "--participant", "Bo", cwd=tmp_path,
    )  # fmt: skip
    assert created.returncode == 0, created.stderr
    assert "The group Team Nord is set up" in created.stdout

    first = Served(env, tmp_path, "--as", "Lea")
    first.wait_for("You are writing as Lea")
    first.say("/open", "Preparation for meeting 1")
    first.say("/as Ali", "You are now writing as Ali")
    first.say("/positive Case 12 sleeps better", "Saved: positive trend")
    first.say("/improve Fewer home visits in week 3", "Ali has prepared (1 of 2)")
    first.say("/as Bo", "You are now writing as Bo")
    first.say("/question Why is Q3 missing for case 7?", "Saved: question about the data")
    first.say("/as Lea", "You are now writing as Lea")
    first.say("/start", "Step 1 of 4")
    first.say("/next", "Step 2 of 4")
    first.wait_for("3. Why is Q3 missing for case 7? (Bo, prepared)")
    first.say("/obs Drop-outs cluster after the summer", "4. Drop-outs cluster after the summer")
    first.say("/theme Home visits", "1. Home visits: 0 votes")
    first.proc.send_signal(signal.SIGKILL)
    first.proc.wait(timeout=30)
    assert first.proc.returncode == -signal.SIGKILL

    second = Served(env, tmp_path, "--as", "Lea")
    second.wait_for("You are writing as Lea")
    status = second.say("/status", "Meeting 1 (")
    assert status.rstrip().endswith("explore"), status
    second.wait_for("3 prepared points · 4 observations · 1 themes · 0 actions")
    second.say("/as Bo", "You are now writing as Bo")
    second.say("/vote 1", "1. Home visits: 1 vote")
    second.say("/as Lea", "You are now writing as Lea")
    second.say("/next", "Step 3 of 4")
    assert second.stop() == 0
    printed = "\n".join(second.seen)
    assert "Case 12 sleeps better" not in printed  # the points were not shown again...
    assert "1. Home visits: 1 vote" in printed  # ...but the state carried on
