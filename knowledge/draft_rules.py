"""The only ways a draft may reshape a recorded sentence: each rule changes form, never adds a fact.

* ``strip_speaker``: drop a leading list marker or speaker label ("○委員", "委員：", "（課長）", "【小林会長】",
  "- ", "※") — who spoke is known from the record, the draft states the content.
* ``drop_fillers``: drop spoken fillers ("えー", "あのー", "あの、", "まあ、", "えっと").
* ``plain_style``: 敬体 -> 常体 (です -> である, します -> する, ております -> ている, ...), from a fixed table.
* ``tidy_space``: collapse whitespace (none between Japanese characters, one between Latin words).

``reshape`` applies all of them to one sentence. ``comparable`` puts any text (a draft sentence or a cited
passage) in the form they are compared in: NFKC, cut into sentences, each reshaped, no whitespace. A draft
sentence is faithful when ``comparable(sentence)`` is contained in ``comparable(quote)``.
"""

from __future__ import annotations

import re
import unicodedata

# --- sentences ------------------------------------------------------------------------------------------
_ENDERS = "。！？!?"
_CLOSERS = "」』）)"
_OPENERS = {"「": "」", "『": "』", "（": "）", "(": ")"}
_NESTED_MAX = 160  # an opening bracket left open this long was a typo: stop honouring it
_NEW_ITEM = re.compile(r"^\s*(?:[(（][0-9０-９ア-ンa-zａ-ｚ]{1,2}[)）]|[0-9０-９]{1,2}[ 　.．)）]|[ア-ンa-z][ 　]|[" + "○●◎◯◇◆■□・※→⇒＞>\\-－―‐【〔\\[<＜]|第[0-9０-９]+)")
_ENDS_LINE = re.compile(r"[。！？!?」』）)：:]\s*$")
_CONTINUES = re.compile(r"^[\u3041-\u309f\u30a0-\u30ffー]")


def _joins(line: str, following: str) -> bool:
    """A line break inside a sentence (a page or layout break): the line is long and open, the next continues it."""
    line = line.strip()
    if not following.strip() or _NEW_ITEM.match(following) or _ENDS_LINE.search(line):
        return False
    return len(line) >= 30 or (len(line) >= 12 and bool(_CONTINUES.match(following.lstrip())))


def units(text: str) -> list[tuple[int, int]]:
    """Sentences and lines of ``text`` as (start, end) spans: cut after 。！？ (not inside brackets) and at line ends
    (not at a break inside a sentence); blank ones dropped."""
    out: list[tuple[int, int]] = []
    start = 0
    stack: list[tuple[str, int]] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if stack and i - stack[-1][1] > _NESTED_MAX:
            stack.clear()
        if ch in _OPENERS:
            stack.append((_OPENERS[ch], i))
        elif stack and ch == stack[-1][0]:
            stack.pop()
        elif ch in _ENDERS and not stack:
            end = i + 1
            while end < n and text[end] in _CLOSERS:
                end += 1
            if text[start:end].strip():
                out.append((start, end))
            start = i = end
            continue
        elif ch == "\n":
            j = i
            while j < n and text[j] in " \t\u3000\n":
                j += 1
            line_start = text.rfind("\n", 0, i) + 1
            if not _joins(text[max(start, line_start) : i], text[j : text.find("\n", j) if "\n" in text[j:] else n]):
                if text[start:i].strip():
                    out.append((start, i))
                stack.clear()
                start = j
            i = j
            continue
        i += 1
    if text[start:].strip():
        out.append((start, n))
    return [_strip(text, s, e) for s, e in out]


def _strip(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


# --- speaker labels and list markers ------------------------------------------------------------------------
_MARKERS = "○●◎◯◇◆■□・※→⇒＞>\\-－―‐"
_ROLE = r"(?:委員長?|会長|副会長|議長|事務局|実施機関|説明員|所管課?|担当課?|[^\s：:、。「」()（）]{0,14}?(?:課長|部長|室長|係長|主査|主幹|参事|課|室|係|局))"
_SPEAKER = re.compile(
    r"^[\s" + _MARKERS + r"]*"
    r"(?:"
    r"[【〔\[<＜][^】〕\]>＞\n]{0,20}?(?:委員|会長|議長|事務局|実施機関|説明|担当|課|室|係|局|部)[^】〕\]>＞\n]{0,16}[】〕\]>＞]"
    # ^ 【小林会長(議長)】, [委員], 〔課〕, <委員> (not 【2 委託内容】)
    r"|[(（](?:[^()（）\n]{0,16}" + _ROLE + r"|[^()（）\n]{1,12}(?:課|室|係|局|部|センター))(?:より)?(?:説明|回答)?[)）]"  # (課長), (情報公開係)
    r"|[^\s：:、。「」()（）]{0,12}?" + _ROLE + r"\s*[：:]"  # 委員：, 実施機関:
    r"|(?<=[○◎●])[^\s：:、。「」]{0,12}?" + _ROLE + r"[\s　]+"  # ○委員 (full-width space after)
    r")?[\s" + _MARKERS + r"]*"
)
_ENUM_PAREN = re.compile(r"^[(（]\s*[0-9０-９ア-ンa-zａ-ｚ]{1,2}\s*[)）]\s*$")


_NOTE_OPEN = re.compile(r"^\s*[(（]\s*※\s*")


def _unbalanced_close(s: str) -> bool:
    return s.endswith((")", "）")) and s.count("(") + s.count("（") < s.count(")") + s.count("）")


def strip_speaker(s: str) -> str:
    """``s`` without a leading list marker or speaker label (nor the brackets of a "(※ …)" note)."""
    note = _NOTE_OPEN.match(s)
    if note:
        s = s[note.end() :]
    out = _SPEAKER.sub("", s, count=1)
    out = out if out.strip() else s.strip(" 　")
    while _unbalanced_close(out.rstrip()):
        out = out.rstrip()[:-1]
    return out


def speaker_label(s: str) -> str | None:
    """The speaker label ``s`` starts with ("委員", "小林会長(議長)", "情報公開係"), else None."""
    m = _SPEAKER.match(s)
    if not m or not m.group(0).strip(" 　\t" + _MARKERS):
        return None
    label = m.group(0).strip(" 　\t" + _MARKERS + "：:")
    if _ENUM_PAREN.match(label):
        return None
    if label[:1] in "【〔[<＜(（" and label[-1:] in "】〕]>＞)）":
        label = label[1:-1]
    return label.strip() or None


# --- fillers -----------------------------------------------------------------------------------------------
_FILLERS = re.compile(r"(?:えー+と?|ええと|えっと|あのー+|うーん|まあ)[、,]?\s*|あの[、,]\s*|その[ー]+[、,]?\s*")


def drop_fillers(s: str) -> str:
    """``s`` without spoken fillers."""
    return _FILLERS.sub("", s)


# --- 敬体 -> 常体 ------------------------------------------------------------------------------------------
# (polite, plain), longest first; applied where the form ends a clause (before 。、」) or a space/line end,
# or before a conjunctive particle (が, ので, から, けれど).
_PLAIN: tuple[tuple[str, str], ...] = (
    ("でございます", "である"),
    ("ございません", "ない"),
    ("ございました", "あった"),
    ("ございます", "ある"),
    ("いたしました", "した"),
    ("いたします", "する"),
    ("しておりました", "していた"),
    ("しております", "している"),
    ("ておりました", "ていた"),
    ("ております", "ている"),
    ("でおります", "でいる"),
    ("おりました", "いた"),
    ("おります", "いる"),
    ("ていました", "ていた"),
    ("ています", "ている"),
    ("でいます", "でいる"),
    ("ではありません", "ではない"),
    ("でありました", "であった"),
    ("であります", "である"),
    ("でしょうか", "だろうか"),
    ("でしょう", "だろう"),
    ("でした", "であった"),
    ("です", "である"),
    ("しました", "した"),
    ("しません", "しない"),
    ("します", "する"),
    ("ありません", "ない"),
    ("ありました", "あった"),
    ("あります", "ある"),
    ("なりました", "なった"),
    ("なります", "なる"),
    ("できません", "できない"),
    ("できました", "できた"),
    ("できます", "できる"),
    ("思いました", "思った"),
    ("思います", "思う"),
    ("考えました", "考えた"),
    ("考えます", "考える"),
    ("行いました", "行った"),
    ("行います", "行う"),
    ("えません", "えない"),
    ("えました", "えた"),
    ("えます", "える"),
    ("めます", "める"),
    ("べます", "べる"),
    ("れます", "れる"),
    ("けます", "ける"),
    ("せます", "せる"),
    ("てます", "てる"),
    ("ねます", "ねる"),
    ("いません", "いない"),
    ("いました", "いた"),
    ("います", "いる"),
)
_PLAIN_MAP = dict(_PLAIN)
_PLAIN_RE = re.compile(
    "(" + "|".join(re.escape(p) for p, _ in _PLAIN) + r")(?=[。、，,」』）)！？!?\s]|$|が|ので|から|けれど|けど|し[、,])"
)


def plain_style(s: str) -> str:
    """``s`` with polite endings (です/ます forms) in plain style (である/する forms), from a fixed table."""
    return _PLAIN_RE.sub(lambda m: _PLAIN_MAP[m.group(1)], s)


# --- whitespace --------------------------------------------------------------------------------------------
_LETTER_GAP = re.compile(r"(?<=(?<![A-Za-z0-9])[A-Za-z0-9]) (?=[A-Za-z0-9](?![A-Za-z0-9]))")
_ASCII_GAP = re.compile(r"(?<=[A-Za-z0-9]) (?=[A-Za-z0-9])")


def tidy_space(s: str) -> str:
    """Whitespace collapsed: kept (as one space) only between two Latin letters or digits."""
    s = re.sub(r"\s+", " ", s).strip()
    s = _LETTER_GAP.sub("", s)  # "I D", "C S V": letters spaced out by the PDF layout
    kept = _ASCII_GAP.sub("\x00", s)
    return kept.replace(" ", "").replace("\x00", " ")


def reshape(s: str) -> str:
    """One recorded sentence in the draft's form (all rules above)."""
    s = re.sub(r"\s+", " ", s).strip()
    s = strip_speaker(s)
    s = drop_fillers(s)
    s = plain_style(s)
    return tidy_space(s)


def comparable(text: str) -> str:
    """``text`` (a sentence or a whole passage) in the form faithfulness is checked in."""
    text = unicodedata.normalize("NFKC", text)
    return "".join(re.sub(r"\s+", "", reshape(text[s:e])) for s, e in units(text))


def faithful(sentence: str, quote: str) -> bool:
    """True when ``sentence`` is ``quote`` (or a part of it) reshaped by the rules above only."""
    c = comparable(sentence)
    return bool(c) and c in comparable(quote)
