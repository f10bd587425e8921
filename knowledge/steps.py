"""The steps of a 審査会's procedure, as members ask about them and as a 答申 records them (pure).

A member asks 「市から話を聞いたのっていつ?」; the 答申's 審査会の経過 says 「実施機関からの事情聴取」. A member asks
「市が出さないって決めたのはいつ?」; the 答申 says 「…付けで行った非開示決定」. No thesaurus of single words links
these, because the question says the step as a phrase (who did what to whom). Each row below reads one such
phrase and gives the words the records use for that step; ``knowledge.query`` adds them as one concept and
makes the phrase's own words question words (they are how the member says it, not what the record says).

The rows are the steps every 答申 of a 情報公開・個人情報保護審査会 goes through (請求, 決定, 異議申立て/審査請求,
諮問, 意見書, 意見陳述, 事情聴取, 部会の審議), not any one document's words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_AGENCY = r"(?:市|町|村|区|県|実施機関|担当|役所|教育委員会|教委|局|課|センター)"
_APPLICANT = r"(?:申立人|申立て人|申し立て人|請求人|審査請求人|本人|相談者)"
_HEARD = r"(?:直接)?(?:話|説明|事情|意見|言い分|主張)を?(?:聞|聴|きい|きく|ヒアリング)"
_DECIDED = (r"(?:って|と|に|ことに|ことを|を|の)?(?:" + _AGENCY + r"(?:側|長)?(?:が|は|で|として))?"  # 「…って市が決めた」
            r"(?:決め|決ま|決定|判断し)")
_WHO_DECIDED = r"(?:" + _AGENCY + r"(?:側|長)?(?:が|は|で|として)?)?"  # 「市が出さないって決めた」: 市 says who, not what


@dataclass(frozen=True)
class Step:
    """A step found in a question: the words the records use for it, the first one the step's own word."""

    words: tuple[str, ...]
    start: int
    end: int


_STEPS: tuple[tuple[re.Pattern[str], tuple[str, ...]], ...] = (
    # the 審査会 heard the agency: 実施機関からの事情聴取 / 実施機関から理由説明聴取
    (re.compile(_AGENCY + r"(?:側|の担当者?|の人)?(?:から|に)" + _HEARD), ("事情聴取", "聴取", "説明聴取")),
    # ... and the applicant: 異議申立人の意見陳述 / 口頭意見陳述
    (re.compile(_APPLICANT + r"(?:側)?(?:から|に|の)" + _HEARD + r"|" + _APPLICANT + r"(?:本人)?が(?:直接)?(?:[^、。?]{0,8}?で)?(?:意見|話)を?(?:言|述|話)"),
     ("意見陳述", "陳述", "口頭意見陳述")),
    # an opinion or a document came in: 意見書を受理 / 諮問書を受理
    (re.compile(r"(?<=意見書)(?:を|が|は)?(?:受け取|もら|届|来|出さ|出し|出て|提出|受理|受け付)"), ("受理", "提出")),
    (re.compile(r"(?<=諮問)(?:が|は|を)?(?:来|届|あっ|受け|され|出さ|出て)"), ("受理", "諮問書")),
    # the request itself, said as what the person asked for: 「本人が見せてって言ってきた」 -> 開示請求,
    # 「直してって出した」 -> 訂正請求, 「消してほしいって求めた」 -> 利用停止請求
    (re.compile(r"(?:見せて|出して|開示して|公開して|見せろ|出せ|見たい)(?:って|と|ほしい(?:って|と)?)?(?:言|頼|求|申し出|出し|来)"),
     ("開示請求", "請求")),
    (re.compile(r"(?:直して|訂正して|直せ|書き直して)(?:って|と|ほしい(?:って|と)?)?(?:言|頼|求|申し出|出し|来)"), ("訂正請求", "請求")),
    (re.compile(r"(?:消して|削除して|使わないで|止めて|やめて)(?:って|と|ほしい(?:って|と)?)?(?:言|頼|求|申し出|出し|来)"),
     ("利用停止請求", "請求")),
    # the decision appealed against: 非開示決定 / 一部開示決定 / 開示決定
    (re.compile(_WHO_DECIDED + r"(?:出さない|出せない|開示しない|公開しない|見せない|非開示|不開示|非公開)" + _DECIDED),
     ("非開示決定", "非開示", "不開示")),
    (re.compile(_WHO_DECIDED + r"一部(?:だけ|のみ)?(?:を)?(?:出す|出します|開示|公開|見せる)" + _DECIDED),
     ("一部開示決定", "一部開示", "部分開示")),
    # a correction or a suspension refused: 訂正をしない旨の決定 / 不訂正決定 / 利用停止をしない旨の決定
    (re.compile(_WHO_DECIDED + r"(?:直さない|訂正しない|不訂正|書き直さない)" + _DECIDED), ("不訂正決定", "訂正しない", "不訂正")),
    (re.compile(_WHO_DECIDED + r"(?:消さない|削除しない|止めない|利用停止しない)" + _DECIDED),
     ("利用停止をしない", "不利用停止", "利用停止しない")),
    (re.compile(_WHO_DECIDED + r"(?<![非不])(?<!一部)(?<!だけ)(?:出す|開示する|公開する|見せる|開示|公開)" + _DECIDED), ("開示決定",)),
)


def steps_in(norm: str) -> list[Step]:
    """The procedure steps a (normalised) question names, in order, one per phrase."""
    found: list[Step] = []
    for rx, words in _STEPS:
        for m in rx.finditer(norm):
            if not any(s.start < m.end() and m.start() < s.end for s in found):
                found.append(Step(words, m.start(), m.end()))
    return sorted(found, key=lambda s: s.start)
