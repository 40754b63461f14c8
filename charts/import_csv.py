"""A CSV's encoding, delimiter and records, decoded as they are read.

Encoding: as charset-normalizer finds it among the encodings a Danish spreadsheet is
saved in (UTF-8 with or without BOM, UTF-16/32 with or without BOM, cp1252, latin-1),
a Unicode one first when the file decodes as one; latin-1 when none fits (it reads any
byte). Delimiter: Excel's `sep=;` first line says
it (and is no row: Excel shows the next line as row 1); otherwise the one of `;`, `,`,
tab and `|` under which the first lines hold the best header (`fit`), ties going to the
one most frequent in the first non-empty line. Danish Excel writes `;` because `,` is
the decimal sign.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from charset_normalizer import from_bytes

_CANDIDATES = ("utf_8", "utf_16", "utf_16_le", "utf_16_be", "utf_32", "cp1252", "latin_1")
_DELIMITERS = (";", ",", "\t", "|")
_SEP_LINE = re.compile(r'^\ufeff?"?sep=(.)"?\s*$', re.IGNORECASE)
_CHUNK = 1 << 20  # bytes decoded at a time when checking an encoding
_HEAD_LINES = 40  # lines read to choose the delimiter (the header is among the first 20 rows)

Fit = Callable[[Sequence[object]], tuple[int, int]]


@dataclass(frozen=True)
class Layout:
    encoding: str
    delimiter: str
    sep_line: bool  # the first line is Excel's `sep=X`: not a row


def encoding_of(data: bytes) -> str:
    """The encoding the CSV is read in (charset-normalizer's best guess among ours)."""
    if not data:
        return "utf-8-sig"
    found = [match.encoding for match in from_bytes(data, cp_isolation=list(_CANDIDATES))]
    # A file that decodes as Unicode is Unicode: cp1252 also decodes a UTF-8 file with a
    # lone "−" or zero-width space, and charset-normalizer may rank it first.
    ranked = sorted(found, key=lambda encoding: not encoding.startswith("utf"))
    # utf-8-sig reads UTF-8 with or without its BOM; the UTF-16/32 codecs drop theirs.
    named = ["utf-8-sig" if encoding == "utf_8" else encoding for encoding in ranked]
    # charset-normalizer samples a file past 10 MB: the whole of it must decode.
    return next((encoding for encoding in named if _decodes(data, encoding)), "latin_1")


def _decodes(data: bytes, encoding: str) -> bool:
    decoder = codecs.getincrementaldecoder(encoding)()
    try:
        for start in range(0, len(data), _CHUNK):
            decoder.decode(data[start : start + _CHUNK])
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _text(data: bytes, encoding: str) -> io.TextIOWrapper:
    return io.TextIOWrapper(io.BytesIO(data), encoding=encoding, newline="")


def sniff_delimiter(line: str) -> str:
    """The delimiter that occurs most often in the line (outside quotes); "," if none."""
    bare, quoted = [], False
    for ch in line:
        if ch == '"':
            quoted = not quoted
        elif not quoted:
            bare.append(ch)
    counts = {d: bare.count(d) for d in _DELIMITERS}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _best_fit(lines: list[str], delimiter: str, fit: Fit) -> tuple[int, int]:
    try:
        return max((fit(r) for r in csv.reader(lines, delimiter=delimiter)), default=(0, 0))
    except csv.Error:  # a cell past csv's size limit: the real read reports it
        return (0, 0)


def layout_of(data: bytes, fit: Fit) -> Layout:
    """How to read the CSV: its encoding, delimiter and whether it starts with `sep=`."""
    encoding = encoding_of(data)
    try:
        head = list(itertools.islice(_text(data, encoding), _HEAD_LINES))
    except UnicodeDecodeError:  # reported when the rows are read
        head = []
    sep = _SEP_LINE.match(head[0]) if head else None
    if sep:
        return Layout(encoding, sep.group(1), sep_line=True)
    first = next((line for line in head if line.strip()), "")
    sniffed = sniff_delimiter(first)
    order = (sniffed, *(d for d in _DELIMITERS if d != sniffed))
    best = max(order, key=lambda d: _best_fit(head, d, fit))  # max keeps the first of ties
    return Layout(encoding, best, sep_line=False)


def csv_records(data: bytes, layout: Layout) -> Iterator[list[str]]:
    """The records, decoded as they are read (the file never becomes one string); raises
    `UnicodeDecodeError` or `csv.Error` part-way for a damaged file."""
    lines = _text(data, layout.encoding)
    if layout.sep_line:
        next(lines, None)
    return csv.reader(lines, delimiter=layout.delimiter)
