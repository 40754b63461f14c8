"""The console in a real terminal: Ctrl-C leaves at once, with exit code 130 (as a shell
reports an interrupted program) and no traceback, even while the prompt waits for a line."""

from __future__ import annotations

import fcntl
import os
import subprocess
import termios
import threading

import pytest

from tests.e2e.serve import DATADIALOG, environment, run_cli

pytestmark = pytest.mark.e2e

#: How long the test waits for the console to start or to exit before it gives up; generous
#: on purpose (a busy machine), not the time it is expected to take.
PATIENCE = 60


class Terminal:
    """`datadialog serve` on a pseudo-terminal of its own, as a person runs it: the terminal
    is its controlling terminal, so Ctrl-C (the byte 0x03) becomes SIGINT for it."""

    def __init__(self, env: dict[str, str], cwd: object) -> None:
        self.master, slave = os.openpty()
        self.proc = subprocess.Popen(
            [str(DATADIALOG), "serve"],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
            cwd=cwd,
            start_new_session=True,
            preexec_fn=lambda: fcntl.ioctl(0, termios.TIOCSCTTY, 0),
        )
        os.close(slave)
        self.output = bytearray()
        self.changed = threading.Condition()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        while True:
            try:
                chunk = os.read(self.master, 4096)
            except OSError:  # the other end closed: the process has exited
                chunk = b""
            with self.changed:
                self.output += chunk
                self.changed.notify_all()
            if not chunk:
                return

    @property
    def text(self) -> str:
        return self.output.decode("utf-8", errors="replace")

    def wait_for(self, text: str) -> None:
        with self.changed:
            found = self.changed.wait_for(lambda: text in self.text, timeout=PATIENCE)
        assert found, f"never printed {text!r}; printed:\n{self.text}"

    def type(self, data: bytes) -> None:
        os.write(self.master, data)

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=PATIENCE)
        os.close(self.master)


def test_ctrl_c_leaves_the_console_at_once_with_code_130(tmp_path) -> None:
    env = environment(f"sqlite:///{tmp_path / 'd.db'}", TERM="xterm")
    created = run_cli(
        env, "group", "create", "Team Nord", "--leader", "Lea", "--participant", "Ali", cwd=tmp_path
    )
    assert created.returncode == 0, created.stderr
    terminal = Terminal(env, tmp_path)
    try:
        terminal.wait_for("Lea> ")  # the prompt: the console waits for a line
        terminal.type(b"\x03")
        try:
            code = terminal.proc.wait(timeout=PATIENCE)
        except subprocess.TimeoutExpired:
            terminal.type(b"\n")  # today's console only notices Ctrl-C after Enter
            code = terminal.proc.wait(timeout=PATIENCE)
            pytest.fail(f"Ctrl-C did not end the console until Enter (then: {code})")
        assert code == 130, terminal.text
        assert "Traceback" not in terminal.text and "Error" not in terminal.text
        assert "Goodbye" in terminal.text
    finally:
        terminal.close()
