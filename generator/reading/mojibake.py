"""Repair text garbled by a wrong decoding, as found in PDF and web extractions.

ftfy repairs UTF-8 read as Windows-1252 or Latin-1 (and much else). It does not
flag UTF-8 read as Mac Roman, which is how the seeds' emoji and quotes arrived
("üí¨" for 💬, with the first byte lost as Apple's private-use logo, and "‚Äò"
for ‘). So runs of Mac Roman characters are decoded first, and kept only when
they yield symbols or punctuation: a letter would mean the run was real text.
"""

from __future__ import annotations

import functools
import importlib.util
import re
import unicodedata
from pathlib import Path

from ..errors import cut

_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]{2,}")
_C1_CONTROL = re.compile("[\x80-\x9f]")


_JOINERS = {"\u200d", "\ufe0f", "\ufe0e"}


def _is_symbolic(text: str) -> bool:
    return all(
        ch in _JOINERS or (ord(ch) >= 0x2000 and unicodedata.category(ch)[0] in "PS")
        for ch in text
    )


def _from_mac_roman(match: re.Match) -> str:
    run = match.group(0)
    try:
        raw = run.encode("mac_roman")
    except UnicodeEncodeError:
        return run
    candidates = [raw]
    if 0x80 <= raw[0] <= 0xBF:  # a 4-byte emoji whose lead byte was dropped
        candidates.append(b"\xf0" + raw)
    for candidate in candidates:
        try:
            decoded = candidate.decode("utf-8")
        except UnicodeDecodeError:
            continue
        if _is_symbolic(decoded):
            return decoded
    return run


def repair(text: str) -> str:
    """Return `text` with mojibake repaired; plain ASCII is returned untouched.

    A wrong decoding turns every byte of a character beyond ASCII into a
    character of its own, so mojibake always leaves two or more non-ASCII
    characters in a row, or a C1 control (a Windows-1252 byte read as Latin-1).
    Text without either (most text with curly quotes) needs no closer look.
    """
    if text.isascii():
        return text
    if not _NON_ASCII_RUN.search(text):
        if not _C1_CONTROL.search(text):
            return text
    else:
        text = _NON_ASCII_RUN.sub(_from_mac_roman, text)
    if not _is_bad()(text):  # ftfy's own test for text that needs its repairs
        return text
    import ftfy  # slow to import, and needed only for garbled text

    return ftfy.fix_text(text, uncurl_quotes=False, normalization=None)


def change(before: str, after: str, width: int = 40) -> str:
    """`'before' → 'after'` for a warning, each cut to `width` characters from a
    little before where they first differ: a repaired text may be pages long."""
    first = next((i for i, (a, b) in enumerate(zip(before, after)) if a != b), min(len(before), len(after)))
    begin = max(0, first - width // 4)
    return f"{cut(before, begin, width)!r} → {cut(after, begin, width)!r}"


@functools.cache
def _is_bad():
    """ftfy's `is_bad`, loaded alone: importing all of ftfy takes a tenth of a
    second (most of a one-file rebuild), and `ftfy.badness` needs none of it."""
    try:
        spec = importlib.util.find_spec("ftfy")
        path = Path(spec.submodule_search_locations[0], "badness.py")
        alone = importlib.util.spec_from_file_location("_ladder_ftfy_badness", path)
        module = importlib.util.module_from_spec(alone)
        alone.loader.exec_module(module)
        return module.is_bad
    except Exception:  # noqa: BLE001 - another layout of ftfy: import it whole
        from ftfy.badness import is_bad

        return is_bad
