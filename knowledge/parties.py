"""Whose words a passage of a 答申 gives: the agency's, the applicant's or the 審査会's own (pure).

A 審査会's 答申 is written in parts, each the words of one party: ２ 異議申立ての趣旨 and ４ 申立人の意見 are the
applicant's, ３ 実施機関の非開示理由説明要旨 the agency's, １ 審査会の結論 and ５ 審査会の判断 the 審査会's. A member
asks by party: 「申立人は何て言ってた?」「市は何がまずいって言ってたの?」「審査会はどう見てた?」. Passages are read
in document order and each is marked with the parts it lies in (a bit per party; a heading inside a passage
adds its party to that passage and starts it for the next ones). Minutes have no such parts: 0.
"""

from __future__ import annotations

import re

AGENCY, APPLICANT, COUNCIL = 1, 2, 4

# a part's heading: a bare number (or 第N, 漢数字), a space, then the heading (「３　実施機関の非開示理由説明要旨」,
# 「第５　審査会の判断」, 「五　審査会の判断」);
# the headings of the sub-parts, (1), (2), are not parts
_HEADINGS: tuple[tuple[int, str], ...] = (
    (AGENCY, r"実施機関の[^\n。]{0,12}(?:説明|理由)"),
    (APPLICANT, r"(?:異議)?申立て?人の[^\n。]{0,14}(?:意見|主張)|審査請求人の[^\n。]{0,14}(?:意見|主張)"
                r"|(?:異議申立て|審査請求|申立て)の(?:趣旨|内容)"),
    (COUNCIL, r"審[査議]会の(?:結論|判断)"),
)
_ANNEX = re.compile(r"審\s*査\s*会\s*の\s*経\s*過|《\s*参\s*考\s*》")  # what follows the 答申 (its 経過): no party's words
_ALTS = "|".join(rx for _, rx in _HEADINGS)
# 「第５　審査会の判断」「第　１　　審査会の結論」, or a heading alone on its line with no number (a centred 「審査会の判断」)
_HEADING = re.compile(r"(?:(?:^|(?<=[\n。 　]))第?[ 　]?[1-9１-９一二三四五六七八九][ 　]+"
                      rf"|(?:^|(?<=\n))[ 　]*(?=(?:{_ALTS})(?:の?要旨|の理由)?[ 　]*(?:\n|$)))"
                      "(?:" + "|".join(f"(?P<p{p}>{rx})" for p, rx in _HEADINGS) + ")")


class PartyMarks:
    """Marks passages read in document order; ``mark`` gives each its parties (0: not in a part)."""

    def __init__(self) -> None:
        self._document: object = None
        self._current = 0

    def mark(self, document: object, text: str) -> int:
        if document != self._document:
            self._document, self._current = document, 0
        marks = 0
        for m in _HEADING.finditer(text):
            if not marks and text[:m.start()].strip():  # words before the first heading: the part going on
                marks = self._current
            party = next(p for p, _ in _HEADINGS if m.group(f"p{p}") is not None)
            marks |= party
            self._current = party
        if not marks:
            marks = self._current
        if _ANNEX.search(text):
            self._current = 0
        return marks


# who the question says said or judged it: 「申立人は…って言ってた?」「市は…って説明してた?」「審査会はどう見てた?」
_SAID = r"[^。?？]*(?:言|説明|主張|理屈|反論|述べ|求め|欲し|知りたが|こだわ|嫌|まず|困|指摘|残してほし|挙げ|根拠|理由|隠|黒塗り|伏せ|なんで|なぜ|どうして)"
_ASKED_PARTY: tuple[tuple[int, re.Pattern[str]], ...] = (
    (COUNCIL, re.compile(r"審査会(?:は|が|も|として|から|の判断|の見解|の考え|、)?[^。?？]*"
                         r"(?:見|評価|判断|言|扱|退け|認め|考え|指摘|どう|べき|出せ|直せ|注文|結論)")),
    (APPLICANT, re.compile(r"(?:申立人|申立て人|申し立て人|請求人|審査請求人|本人)(?:側)?(?:は|が|の|、|って)" + _SAID)),
    (AGENCY, re.compile(r"(?:(?<![一-龥ァ-ヶ])(?:市|町|区|村)(?:側)?(?:は|が)|(?:実施機関|教委|教育委員会|役所)(?:側)?(?:は|が|の))" + _SAID
                        + r"|(?<![一-龥ァ-ヶ])(?:市|町|区|村|実施機関)(?:側)?の(?:説明|主張|理屈|言い分)")),
)


_JUDGED = re.compile(r"判断|決め手|判定|認定し|ことになった|ってなった|ことに決ま|(?:しろ|せよ|すべき|出せ|直せ)って")  # 「どこまで出すことになった?」: as the 審査会 judged


def asked_party(norm: str) -> int:
    """The party whose words the (normalised) question asks for, or 0. The 審査会 first; of the applicant and
    the agency, the one named last (「申立人は娘のこと何て言ってたと市は説明してる?」: what the agency said)."""
    if _ASKED_PARTY[0][1].search(norm):
        return COUNCIL
    starts = [(m.start(), p) for p, rx in _ASKED_PARTY[1:] for m in [rx.search(norm)] if m is not None]
    if not starts and _JUDGED.search(norm):  # 「先生の名前は出せって判断の根拠は?」: who judges is the 審査会
        return COUNCIL
    return max(starts)[1] if starts else 0
