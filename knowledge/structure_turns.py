"""Speaker turns and question/answer items in the body, and their pairing into QAPair.

Conventions recognised (any council using them works):
- bracket turns on their own line or before the words: 【松原副会長】, [委 員], 〔納 税〕, - [委員] …
- colon turns: 委員： …, 実施機関： …, 事務局： …
- a department alone in parentheses before its answer: (情報公開係)
- bullets: ● question, → answer, and plain '- ' items after a marker such as ※委員意見及び○○課の回答 /
  ※ 以下、質疑等 (told apart by answer openings お見込みのとおり/承知した…, question endings …か。, and
  alternation); an indented '- ' is an answer.
A turn runs over following lines (and blank lines) until the next turn or a structural line (heading, ※,
・・・挙手・・・, stage direction in parentheses).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from knowledge.model import QAPair
from knowledge.structure_outcome import DECISION_HINT, classify
from knowledge.structure_text import KANA_LABEL, Line, compact, strip_span

Role = Literal["q", "a", "chair", "dash"]

_BRACKET = re.compile(r"^[ \t　]*(?:[-・][ \t　]*)?[【\[［〔]([^】\]］〕\n]{1,24}?)[】\]］〕][ \t　]*")
_COLON = re.compile(
    r"^[ \t　]*(?:[-・][ \t　]*)?((?:副?会[ 　]?長|副?委員長|議[ 　]?長|委[ 　]?員(?:[Ａ-ＺA-Z０-９0-9]{1,2})?|事[ 　]?務[ 　]?局"
    r"|実施機関|説明者|所管課|担当課)|"  # 「会　長：」「委員Ａ：」
    r"[^\s：:。、「」()（）]{1,12}?(?:委員|会長|課長|部長|室長|局長|係長|館長|所長|次長|参事|主幹|主査|主事|主任|理事|補佐"
    r"|課|室|局|係|機関|センター|担当))"
    r"[ \t　]*[：:][ \t　]*"
)
_PAREN_SPEAKER = re.compile(
    r"^[ \t　]*[(（]([^\s()（）、。]{1,15}(?:課|係|室|局|部|センター|担当|委員|会長|委員長|議長|課長|部長|室長|局長|係長))[)）]"
    r"[ \t　]*$"
    r"|^[ \t　]*[(（]((?:副?会長|副?委員長|議長|委員|事務局|実施機関|説明者)|[^\s()（）、。]{1,15}(?:課|係|室|センター|担当))"
    r"[)）][ \t　]*(?=\S)"
)
# an assembly-style turn: '○山田会長　…', '◎総務課長　…' (mark, speaker with role glued, then a space)
# ... or with the person in parentheses after the role: '○委員（片桐）　…', '□説明員（岡部課長）　…', '●事務局（吉永課長）　…'
ASSEMBLY_TURN = re.compile(
    r"^[ \t　]*(?P<mark>[○◎〇◯△▲□●])[ \t]?(?P<name>[^\s　○◎〇◯□●「」『』、。()（）]{0,20}?"
    r"(?:会長|委員長|議長|委員|説明員|説明者|課長|部長|室長|局長|所長|館長|係長|参事|主幹|主査|次長|理事|事務局|市長|町長|村長"
    r"|区長|課|室)(?:[（(][^()（）\s、。]{1,12}[)）])?)"
    r"(?:[ \t]*　|[ \t]+)[ \t　]*(?=\S)"
)
_TURN_MARKS = re.compile("[○◎〇◯△▲□●]")
# a speaker alone on its line ('Ｂ委員', '事務局', '介護保険課長'), what they say on the lines below
_ALONE_SPEAKER = re.compile(
    r"^[ \t　]*(?P<name>[Ａ-ＺA-Z][ 　]?委員|事[ 　]?務[ 　]?局|会[ 　]?長|副会長|委員長|議[ 　]?長"
    r"|[^\s、。「」『』()（）：:・]{1,10}?(?:委員|副会長|会長|委員長|議長|事務局|課長|部長|室長|局長|係長|主査|課|室))[ \t　]*$"
)
# a speaker followed by a full-width space: '委　員　…', '税務課　…', '保健センター　…'
_SPACE_SPEAKER = re.compile(
    r"^[ \t　]*(?P<name>委[ 　]?員|会[ 　]?長|副会長|議[ 　]?長|事務局|"
    r"[^\s　、。「」()（）：:]{1,12}?(?:課|室|係|センター|課長|室長|所長|館長|担当))[ \t]*　[ \t　]*"
    r"(?=\S)(?!から|より|[のはがにをとへも、。])"
)
# question/answer markers: '問　…' / '答　…', 'Q：…' / 'A：…', '質問）…', 'Q3【委員】…'
_QA_MARK = re.compile(
    r"^[ \t　]*(?:(?P<q>問|問い|質問|Q|Ｑ)|(?P<a>答|答え|回答|A|Ａ))[0-9０-９]{0,2}[ \t　]*(?:[：:．.）)][ \t　]*|[ \t　]+|(?=[(（【［〔]))"
)
_LEAD_BRACKET = re.compile(r"[【［〔]([^】］〕\n]{1,20})[】］〕][ \t　]*")  # 'Q3【委員】…' / 'A3【事務局】…': who speaks, after the mark
_LEAD_PAREN = re.compile(r"[(（]([^()（）\s、。]{1,20})[)）][ \t　]*")
_TAIL_PAREN = re.compile(r"[(（]([^()（）\s、。]{1,20}(?:課|係|室|局|部|センター|担当|事務局|機関))[)）]$")
_STAGE = re.compile(r"[「」]|(?:者あり|声あり|呼ぶ者|あり|なし)$")
_DASH = re.compile(r"^([ \t　]*)-[ \t　]+")
_INLINE = re.compile(r"(?:^|(?<=[ \t　]))([●→])[ \t　]*")
STRUCTURAL = re.compile(
    r"^[ \t　]*(?:-[ \t　]+)?(?:[○◎◯■□◆※①-⑳]|・・・|\.\.\.|[(（][0-9０-９]{1,2}[)）]|[0-9０-９]{1,2}[ 　.．]|以[ 　]*上$|"
    rf"[{KANA_LABEL}](?:[・、][{KANA_LABEL}])*[ 　]|[(（][^)）\n]{{1,30}}[)）][ \t　]*$|諮問案件|<[^>\n]{{1,12}}>$|"
    r"[〔［\[【][^〕］\]】\n]{1,40}[〕］\]】][ \t　]*$|⇒|=>|＝＞|(?:議題|日程第)[ \t　]*[(（0-9０-９一二三四五六七八九十])"
)
_NOT_COLON = re.compile(r"出席|欠席|案件")
_QA_MARKER = re.compile(r"質疑|質問|意見|回答|問答|やりとり|やり取り")
_ANSWERER = re.compile(r"(?:及び|および|と)(.{1,20}?)(?:の|からの)回答")
_NOT_SPEAKER = re.compile(r"^(理由|別紙|注|参考|資料|概要|要旨|結論|意見|質疑|目的|備考|日時|場所|出席|欠席|傍聴|(?:審議|会議)?結果|決定事項)")
_ANSWER_START = re.compile(
    r"^(お見込み|承知|その通り|そのとおり|了解|ご意見|御意見|確認する|決めておく|おっしゃるとおり|ご指摘|はい[、。]|いいえ)"
)
_QUESTION_END = re.compile(
    r"(?:か|のか|ですか|ますか|でしょうか|では)[。？?]?$|[？?]$|"
    r"(?:ほしい|欲しい|願いする|願いします|もらいたい|いただきたい|要望する|べきである|べきだ|思う|よい)。?$"
)
_PROCEDURAL = re.compile(r"よろしいでしょうか|挙手|異議|議題|審議に入|説明をお願い|お諮り")


@dataclass
class Item:
    """One turn: [start, end) in the document; the words start at ``body``."""

    start: int
    end: int
    body: int
    role: Role
    speaker: str | None
    indent: bool = False
    broken_before: bool = False  # a structural line separates it from the previous item


_ROLE_AFTER = re.compile(r"[ \t　]*[(（]([^()（）\n]{1,20})[)）]")


def speaker_role(name: str) -> Role:
    n = compact(name)
    if re.search(r"(?<!副)(?:会長|委員長|議長)", n):
        return "chair"
    if re.search(r"委員|副会長|副委員長", n):
        return "q"
    return "a"


def scan_items(text: str, lines: list[Line], start_line: int) -> list[Item]:
    """All turns/items from ``start_line`` on, in document order."""
    items: list[Item] = []
    current: Item | None = None
    qa_mode = False
    answerer: str | None = None
    broken = False

    def open_item(start: int, body: int, role: Role, speaker: str | None, indent: bool = False) -> None:
        nonlocal current, broken
        close()
        current = Item(start, start, body, role, speaker, indent, broken)
        broken = False

    def close() -> None:
        nonlocal current
        if current is not None:
            s, e = strip_span(text, current.start, current.end)
            if e > s:
                current.start, current.end = s, e
                items.append(current)
        current = None

    sentence_start = False  # the line starts a new sentence (blank line or 。 before it)
    for line in lines[start_line:]:
        if line.blank:
            sentence_start = True
            continue
        t = line.text
        decision_para = sentence_start and current is not None and _is_decision(t)
        sentence_start = t.rstrip().endswith(("。", "」", "）", ")"))
        head = t[:40]
        turn_mark = False
        m = _BRACKET.match(t) if ("【" in head or "[" in head or "［" in head or "〔" in head) else None
        if m and (_NOT_SPEAKER.match(compact(m.group(1))) or _STAGE.search(compact(m.group(1)))):
            m = None
        if m and len(compact(m.group(1))) <= 20:
            name = compact(m.group(1))
            said = _ROLE_AFTER.match(t, m.end())  # 【大西】（会長）: the role after the name
            open_item(line.start, line.start + (said.end() if said else m.end()),
                      speaker_role(name + (said.group(1) if said else "")), name)
        elif _TURN_MARKS.search(head) and (m := ASSEMBLY_TURN.match(t)):
            name = compact(m.group("name"))
            role = speaker_role(name)
            role = "a" if m.group("mark") in "◎△▲" and role != "chair" else role
            open_item(line.start, line.start + m.end(), role, name)
            turn_mark = m.group("mark") == "●"  # a speaker's mark here, not the ● of a question bullet
        elif (m := _QA_MARK.match(t)) is not None:
            role_qa: Role = "q" if m.group("q") else "a"
            body = line.start + m.end()
            lp = _LEAD_PAREN.match(text, body, line.end) or _LEAD_BRACKET.match(text, body, line.end)
            speaker = compact(lp.group(1)) if lp else None
            tp = _TAIL_PAREN.search(t) if speaker is None and role_qa == "a" else None
            open_item(line.start, lp.end() if lp else body, role_qa, speaker or (compact(tp.group(1)) if tp else None))
        elif ("：" in head or ":" in head) and (m := _COLON.match(t)) and not _NOT_COLON.match(compact(m.group(1))):
            name = compact(m.group(1))
            open_item(line.start, line.start + m.end(), speaker_role(name), name)
        elif ("(" in head or "（" in head) and (m := _PAREN_SPEAKER.match(t)):
            name = compact(m.group(1) or m.group(2))
            open_item(line.start, line.start + m.end(), speaker_role(name), name)
        elif len(t) <= 16 and (m := _ALONE_SPEAKER.match(t)):  # 'Ｂ委員' / '事務局' on its own line, the words below
            name = compact(m.group("name"))
            open_item(line.start, line.end, speaker_role(name), name)
        elif "　" in head and (m := _SPACE_SPEAKER.match(t)):
            name = compact(m.group("name"))
            open_item(line.start, line.start + m.end(), speaker_role(name), name)
        elif (m := _DASH.match(t)) and qa_mode and not STRUCTURAL.match(t):
            open_item(line.start, line.start + m.end(), "dash", None, indent=bool(m.group(1)))
        elif decision_para or STRUCTURAL.match(t) or current is None and not ("●" in t or "→" in t):
            close()
            broken = True
            if t.lstrip().startswith("※") and _QA_MARKER.search(t):
                qa_mode = True
                am = _ANSWERER.search(t)
                answerer = compact(am.group(1)) if am else answerer
            elif not t.lstrip().startswith("※"):
                qa_mode = qa_mode and not re.match(r"^[ \t　]*[○◎■□◆①-⑳(（0-9０-９]", t)
        if current is not None:
            current.end = line.end
        for im in _INLINE.finditer(t) if ("●" in t or "→" in t) and not turn_mark else ():
            pos = line.start + im.start()
            if current is not None:
                current.end = pos
            role: Role = "q" if im.group(1) == "●" else "a"
            open_item(pos, line.start + im.end(), role, answerer if role == "a" else None)
            qa_mode = True
            if current is not None:
                current.end = line.end
        if current is not None and current.role == "dash" and current.speaker is None:
            current.speaker = answerer
    close()
    _resolve_dashes(text, items)
    return items


def _is_decision(line_text: str) -> bool:
    """A paragraph that records the committee's decision (ends the turn before it)."""
    first = line_text.split("。", 1)[0] + "。"
    if not DECISION_HINT.search(first):
        return False
    found = classify(first)
    return found is not None and found[0] != "weak"


def _resolve_dashes(text: str, items: list[Item]) -> None:
    """'- ' items: indented -> answer; answer openings / question endings; otherwise alternate."""
    prev: Role | None = None
    for it in items:
        if it.role == "dash":
            words = compact(text[it.body : it.end])
            if it.indent or _ANSWER_START.match(words):
                it.role = "a"
            elif _QUESTION_END.search(words):
                it.role = "q"
            else:
                it.role = "a" if prev == "q" and not it.broken_before else "q"
            it.speaker = it.speaker if it.role == "a" else None
        if it.role == "q" and it.speaker is None:
            it.speaker = "委員"
        prev = it.role


def is_question(text: str, it: Item) -> bool:
    """A member's turn always counts; the chair's only when it asks something (not procedure)."""
    if it.role == "q":
        return True
    if it.role != "chair":
        return False
    words = compact(text[it.body : it.end])
    return bool(re.search(r"(?:か|ですか|でしょうか)[。？?]?$|[？?]$", words)) and not _PROCEDURAL.search(words)


ANSWERS_MAX = 600  # characters of the answer turns one question's pair keeps


def pair_items(text: str, items: list[Item]) -> list[tuple[QAPair, Item, list[Item]]]:
    """Question items immediately followed by answer items: every answer turn in a row, up to ANSWERS_MAX
    characters (「介護保険課長」 then 「高齢者支援課長」 answering one question, each their part)."""
    pairs: list[tuple[QAPair, Item, list[Item]]] = []
    i = 0
    while i < len(items) - 1:
        q, a = items[i], items[i + 1]
        if is_question(text, q) and a.role == "a" and not a.broken_before:
            answers = [a]
            while (i + len(answers) + 1 < len(items) and (nxt := items[i + len(answers) + 1]).role == "a"
                   and not nxt.broken_before and nxt.end - a.body <= ANSWERS_MAX
                   and nxt.speaker is not None and nxt.speaker != answers[-1].speaker):  # another department's part
                answers.append(nxt)
            qa = QAPair(
                question=text[q.body : q.end].strip(),
                answer=text[a.body : answers[-1].end].strip(),
                asker=q.speaker,
                answerer=a.speaker,
                start=q.start,
                end=answers[-1].end,
            )
            pairs.append((qa, q, answers))
            i += 1 + len(answers)
        else:
            i += 1
    return pairs
