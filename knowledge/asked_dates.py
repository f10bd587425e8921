"""Which step a date question asks the date of, and whether a date stands beside it (pure).

「諮問っていつ?」 asks the date of the 諮問, not of the decision appealed against nor of the 答申; a 答申 names all
three with their dates. The step is the noun written right before the date word, joined to it by particles and
a plain verb only (諮問っていつ, ヒアリングした日, 異議申立てが出されたのって何月何日), or a procedure step said as
a phrase there (市から話を聞いたのっていつ -> 事情聴取, ``knowledge.steps``). When a verb follows the date word
(「データっていつ消える?」) the noun before it is what, not when, and no step is read. A date answers the question
only when the step is said beside it: in its sentence, within EVENT_REACH characters (a 審査会の経過 step puts the
date on the line above: 「平成19年８月20日\\n・諮問書を受理」).

Words are compared as written: a question word's normalised form (申し立て) also matches 申立て and 申立.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import Protocol, TypeVar

from knowledge import weights as W
from knowledge.steps import Step


class Word(Protocol):
    """What is read of a question's word here (``knowledge.query.Concept`` is one)."""

    word: str
    noun: bool
    alts: tuple[str, ...]

    def found_in(self, text: str) -> bool: ...


Concept = TypeVar("Concept", bound=Word)

# between the step and the date word: 諮問っていつ, ヒアリングした日, 開示請求をしたのはいつ, 諮問が来たのっていつ
_YEAR = r"(?:令和|平成|昭和|西暦)?\s*\d{1,4}\s*年度?の?"  # the year said before the date word: 2023年の何月何日
_STEP_THEN_DATE = re.compile(r"(?:を|が)?(?:した|された|やった|行った|して|する|受けた|来た|届いた|あった|出た|出された|出した"
                             r"|提出された|行われた|おこなわれた|実施された|なされた|始まった|開始された|決まった)?(?:の|って|は|が)*\s*"
                             r"(?:" + _YEAR + r"\s*)?")  # 開示請求って2023年の何月何日
# 「市から話を聞いたのっていつ」: the rest of the phrase's verb; 「直してって出したの2024年の何日?」: and the year
# 「直さないって決めた通知、R6のいつ?」: the notice the decision was sent in, then the year
_PHRASE_THEN_DATE = re.compile(r"[ぁ-ん]{0,8}(?:通知書?|文書)?[、,\s]*(?:" + _YEAR + r"|r\d{1,2}の?)?")
_DATE_WORDS = re.compile(r"何[年月日時]|日付|日にち|頃|ごろ|日")
_VERB_AFTER = re.compile(r"[一-龥ァ-ヶ]")
_KANA = re.compile(r"[ぁ-ゖ]")
_LIGHT_VERB = re.compile(r"(?:に|って)?(?:出さ|出た|出て|出し|来|届|提出|行われ|なされ)[ぁ-ん]*[?？]?$")  # 申立てっていつ出されたの?: the step happened
_WHEN_WORDS = frozenset("期間 時期 日程 日付 日時 日にち 予定 スケジュール 期限 期日 時間 時刻".split())  # 期間っていつから: what is asked
_STEP_HEADS = frozenset({"申し立て", "請求", "決定", "陳述", "聴取"})  # said with what kind (異議申立て, 開示請求)


def date_event(norm: str, date_at: tuple[int, int], concepts: Sequence[Concept],
               steps: Sequence[tuple[Step, Concept]] = ()) -> Concept | None:
    """The step whose date the (normalised) question asks, its date word at ``date_at``; None when none is
    written there (「戻ってきたのいつ?」: a verb, no one word says what happened)."""
    start, end = date_at
    rest = _DATE_WORDS.sub("", re.split(r"[?？。]", norm[end:], maxsplit=1)[0])  # 「…のいつ?文書番号も」: the next ask is apart
    if _VERB_AFTER.search(rest) and not _LIGHT_VERB.match(rest):  # 「データっていつ消える?」: データ is what, 消える when
        return None
    for step, concept in steps:
        if step.end <= start and _PHRASE_THEN_DATE.fullmatch(norm, step.end, start):
            return concept
    head = norm[:start]
    for c in concepts:
        if not c.noun or len(c.word) < 2 or c.word in _WHEN_WORDS:
            continue
        found = list(written(c.word).finditer(head))
        if found and _STEP_THEN_DATE.fullmatch(head, found[-1].end()):
            return _compound(c, head[:found[-1].start()], concepts)
    return None


def _compound(c: Concept, before: str, concepts: Sequence[Concept]) -> Concept:
    """A procedure step ``c`` with the noun written right before it in the question (異議 + 申し立て, 開示 + 請求,
    審査 + 請求): the step is the compound; 「本件申立文書」 does not say 異議申立て, 審査請求 is not the 開示請求."""
    if c.word not in _STEP_HEADS:
        return c
    for prev in concepts:
        if prev is not c and prev.noun and len(prev.word) >= 2 and re.search(written(prev.word).pattern + "$", before):
            word = prev.word + c.word
            same = next((o for o in concepts if o.alts and okurigana_free(o.word) == okurigana_free(word)), None)
            if same is not None:  # 不服申立て read whole too, with what it is also called (審査請求, 異議申立て)
                return same
            return replace(c, word=word, parts=(prev.word, c.word))  # type: ignore[type-var]
    return c


_CITATION = re.compile(r"[(（][^()（）]*(?:法律第|条例第|規則第|以下「)[^()（）]*[)）]")
_QUOTED_NAME = re.compile(r"「[^「」]{10,}」")  # what was asked for, quoted whole: 「平成30年4月から…に関する記録一切」の開示請求
_DOER = re.compile(r"[一-龥]*(?:請求|申立|立て|申出|出て)(?:人|者)")
_TOPIC = re.compile(r"[一-龥]+(?=の(?:趣旨|要旨)|に(?:至る|係る|対する))")


def beside(text: str, wants: re.Pattern[str], event: Word) -> bool:
    """A date of ``text`` (normalised) stands beside ``event``: in its sentence, within EVENT_REACH characters
    (across a line break, as in a 審査会の経過), a citation in brackets aside (「令和5年12月12日、個人情報の保護に関する
    法律（平成15年法律第57号。以下「法」という。）第76条第1項の規定に基づき…開示請求」) and so is what was asked for, quoted
    whole (「…「平成30年4月から…に関する記録一切」の開示請求」)."""
    text = _QUOTED_NAME.sub("「」", _CITATION.sub("", text))
    for m in wants.finditer(text):
        left = text[max(0, m.start() - W.EVENT_REACH):m.start()].rsplit("。", 1)[-1]
        right = text[m.end():m.end() + W.EVENT_REACH].split("。", 1)[0]
        window = _DOER.sub("＊", left + m.group() + right)  # 審査請求人 names who asked, not the 審査請求
        window = _TOPIC.sub("＊", window)  # 「審査請求に至る経過」「本件審査請求の趣旨は」: the matter, not its step
        if event.found_in(window) or _written_short(event, window) or (okurigana_free(event.word) != event.word  # 申し立て: as 申立て, 申立
                                      and _act_in(okurigana_free(event.word), okurigana_free(window))):
            return True
    return False


# a step as a 答申's head writes it without its document: 「…付け…による次の諮問」 is the 諮問書 received
_SHORT_FORMS = {"諮問書": "諮問"}


def _written_short(event: Word, window: str) -> bool:
    return any(short in window for alt, short in _SHORT_FORMS.items() if alt in event.alts)


def _act_in(act: str, text: str) -> bool:
    """``act`` (申立) stands in ``text`` as the act, not as the one doing it (申立人, 申立者)."""
    return any(not text.startswith(("人", "者"), m.end()) for m in re.finditer(re.escape(act), text))


def written(word: str) -> re.Pattern[str]:
    """``word`` (a normalised form, 申し立て) as questions and records write it: its kana may be left out (申立て)."""
    return re.compile("".join(re.escape(ch) + ("?" if "ぁ" <= ch <= "ゖ" and i else "") for i, ch in enumerate(word)))


def okurigana_free(text: str) -> str:
    """``text`` without hiragana (not joining words that way unless the word itself has kana: see ``beside``)."""
    return _KANA.sub("", text) or text
