"""Minutes forwarded by e-mail and saved as text: the mail around them dropped, the quoting undone (pure).

A secretariat often receives the minutes pasted into a mail, forwarded once or twice, and saves the mail as it is:

* the mail's own headers (差出人/宛先/件名/日時, From/To/Subject/Date, once per forward) stand above the
  minutes; their 日時 is when the mail was sent, never when the meeting was held;
* every line of a forwarded mail is quoted (``> ``, ``>> ``, ``> > ``), which hides the minutes' own layout;
* the mail client's transfer encoding shows through (quoted-printable: ``=E3=80=80`` for a full-width space,
  a line ending in ``=`` that goes on in the next line).

The rule: a text is a mail when at least ``_QUOTED_SHARE`` of its non-blank lines (and ``_QUOTED_MIN``) start
with ``>``; its quoting is then taken off every line. A run of at least three header lines (``名前: 値``) naming
a sender and a subject is dropped wherever it stands, as is a client's separator (``-----Original Message-----``)
and an inline-image placeholder (``[cid:…]``). Quoted-printable leftovers are decoded only where the text has
at least one encoded character (three ``=XX`` in a row, one UTF-8 character). A text that is not a mail is
returned unchanged.
"""

from __future__ import annotations

import re

_QUOTED_SHARE = 0.3
_QUOTED_MIN = 10
_QUOTE = re.compile(r"^[ \t]*>(?:[ \t]*>)*[ \t]?", re.MULTILINE)
_HEADER_LINE = re.compile(
    r"^[ \t]*(?:差出人|送信者|送信日時|日時|宛先|送信先|CC|BCC|件名|From|To|Sent|Date|Subject)[ \t]*[:：]", re.IGNORECASE)
_SENDER = re.compile(r"^[ \t]*(?:差出人|送信者|From)[ \t]*[:：]", re.IGNORECASE)
_SUBJECT = re.compile(r"^[ \t]*(?:件名|Subject)[ \t]*[:：]", re.IGNORECASE)
_SEPARATOR = re.compile(r"^[ \t]*(?:-{3,}[ \t]*(?:Original Message|Forwarded message|転送されたメッセージ|元のメッセージ)[ \t]*-{3,}"
                        r"|\[cid:[^\]]*\])[ \t]*$", re.IGNORECASE)
_ENCODED = re.compile(r"(?:=[0-9A-F]{2}){3,}")
_SOFT_BREAK = re.compile(r"(?<!=)=\n")  # not a rule of ====


def _decoded(run: re.Match[str]) -> str:
    raw = bytes(int(h, 16) for h in run.group(0).split("=")[1:])
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return run.group(0)


def _without_headers(lines: list[str]) -> list[str]:
    out: list[str] = []
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and _HEADER_LINE.match(lines[j]):
            j += 1
        block = lines[i:j]
        if len(block) >= 3 and any(_SENDER.match(ln) for ln in block) and any(_SUBJECT.match(ln) for ln in block):
            i = j
            continue
        if j > i:
            out.extend(block)
            i = j
            continue
        if not _SEPARATOR.match(lines[i]):
            out.append(lines[i])
        i += 1
    return out


def unmail(text: str) -> str:
    """``text`` without its mail (see the module docstring), or ``text`` itself when it is not a mail."""
    lines = text.split("\n")
    filled = [ln for ln in lines if ln.strip()]
    quoted = sum(1 for ln in filled if _QUOTE.match(ln))
    if quoted < _QUOTED_MIN or quoted < _QUOTED_SHARE * len(filled):
        return text
    encoded = _ENCODED.search(text) is not None
    text = _QUOTE.sub("", text)
    if encoded:
        text = _SOFT_BREAK.sub("", _ENCODED.sub(_decoded, text))
    return "\n".join(_without_headers(text.split("\n")))
