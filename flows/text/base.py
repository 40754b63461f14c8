"""What a catalogue entry is: a format string, or a function of the prepared parameters."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Entry = str | Callable[[dict[str, Any]], str]
