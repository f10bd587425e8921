"""A consultation's outcome (decided: 可/同意/適当…, or pending: 継続審議/再審議/次回審議 with the reason) and the
committee's requests, read from the section's narrative (not from inside the Q&A)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from knowledge.model import Consultation, ConsultationStatus
from knowledge.structure_text import compact, hinted_sentences, sentence_spans, squash

_PENDING = re.compile(
    r"継続審議|継続審査|継続協議|再審議|再度審議|改めて審議(?!会)|改めて諮ることと(?:し|な)|次回(?:に|へ|の審議会で|以降)?(?:審議(?!会)|持ち越|継続)|"
    r"継続して審(?:議|査)|引き続き(?:審(?:議|査)|協議)|審(?:議|査)を継続|結論を出さず|(?:結論|審議)を(?:次回に)?持ち越|保留"
    r"|(?:諮問|本件)?(?:は|を)?取り?下げ(?:と(?:な|し|する)|られ|ることと)"  # the department withdrew it: no answer given
)
_DECIDED: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("一部承認", re.compile(r"一部(?:を)?承認")),
    ("不可", re.compile(r"不可とする|不適当|認められない|承認しない|同意しない")),
    ("可", re.compile(r"「?可」?と(?:する|した|され|決定|認め)|差し支えない|支障(?:が)?ない")),
    ("適当", re.compile(r"適当であると認め|適当と認め|適当である|適当と(?:判断|する|した|され|答申)|「適当」と(?:答申|する|した)")),
    ("妥当", re.compile(r"妥当であると認め|妥当と認め|妥当である|妥当と(?:判断|する|した|され)")),
    ("同意", re.compile(r"同意(?:する|した|すること|が得られ|とする|とし|します|といた|とさせ)")),
    ("承認", re.compile(r"承認(?:する|した|しま|され|すること|と(?:いた)?(?:する|し|な)|とさせ)|可決(?:する|した|され|すること|と)"
                      r"|(?:条件付き?|条件つき|意見付き|要望付き|意見を付して|要望を付して|附帯意見を付して|付帯意見を付して)で?承認"
                      r"|(?:修正|変更)(?:の上|のうえ|して|した上で)承認")),  # 「→一部修正の上承認」
    ("了承", re.compile(r"了承(?:する|した|しま|され|すること|と(?:いた)?(?:する|し|な)|とさせ)")),  # 「審議会として了承しました。」
    ("了承", re.compile(r"(?:異議なく|全員一致で|全会一致で|全員賛成で|賛成多数で)了承"  # 「→ 異議なく了承」
                      r"|(?:条件付き|条件つき|意見付き|要望付き)で?了承")),  # 「・条件付きで了承」
    ("承認", re.compile(r"(?:異議なく|全員一致で|全会一致で|全員賛成で|賛成多数で)(?:承認|可決)")),
    # a vote: 「挙手全員により承認」「挙手多数により承認（賛成４名、反対１名）」「起立多数をもって可決」
    ("承認", re.compile(r"(?:挙手|起立|賛成)(?:全員|多数)(?:により|をもって|で)?(?:承認|可決)")),
    ("了承", re.compile(r"(?:挙手|起立|賛成)(?:全員|多数)(?:により|をもって|で)?了承")),
    # a 審査請求 the council answers in its minutes: 「「審査請求には理由がなく、棄却すべきである」との答申とすることを決定」
    ("棄却すべき", re.compile(r"棄却(?:す|される)べき")),
    ("却下すべき", re.compile(r"却下(?:す|される)べき")),
    ("取り消すべき", re.compile(r"取り消(?:す|される)べき|取消しを?(?:す|求める)べき")),
    ("承認", re.compile(r"やむを得ない(?:もの)?と(?:認め|判断)")),  # 「…目的外利用することは、やむを得ないものと認める」
    ("原案のとおり", re.compile(r"原案の?(?:とおり|どおり|通り)(?:と(?:する|し|な)|決定|答申|認め)|^[・→]?原案の?(?:とおり|どおり|通り)[：:]")),
    ("答申案のとおり", re.compile(r"答申案の?(?:とおり|どおり|通り)(?:決定|と(?:する|し|な)|了承|承認)")),
    ("承認", re.compile(r"(?:原案|諮問)の?(?:とおり|どおり|通り)(?:に)?承認")),  # 「原案どおり承認」 on its own line
    ("了承", re.compile(r"(?:原案|諮問)の?(?:とおり|どおり|通り)(?:に)?了承")),  # 「・原案のとおり了承。」
)
# a labelled result: '審議結果：原案のとおり承認', '結果：可', '結論　同意'
_LABELLED = re.compile(
    r"^[→⇒➡▶]*(?:[(（【\[＜<《]?(?:審議の?結果|結果|結論|決定)[)）】\]＞>》]?[：:]?|[→⇒➡▶]+)(?:[一-龥]{0,4}案|諮問)?の?(?:とおり|どおり|通り)?"  # 結論：基準案のとおり了承
)  # 「→ 承認」: an arrow before the result
_BARE = ("一部承認", "不承認", "不可", "不適当", "承認", "了承", "同意", "適当", "妥当", "可")
_RESULT_LABEL = re.compile(r"^[(（【\[＜<《◎○●■◆]*(?:審議の?結果|結果|結論)[)）】\]＞>》]?[：:]")
_CELL_GAP = re.compile(r"\t|[ 　]*(?:…{2,}|‥{2,}|・{4,}|\.{4,}|．{4,})[ 　]*")  # a table's cells, or leader dots
_BARE_SENTENCE = re.compile(r"[・→]?(?:承認|了承|同意|適当|妥当)[。．]?")
_WEAK: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("異議なし", re.compile(r"異議(?:が)?(?:ない|なし|ありません)")),
    ("確認", re.compile(r"確認(?:を)?し(?:た|ました)")),
)
_ASSENT = "異議なし"
# what the members assent to when it is not a decision: closing the questions, the meeting, moving on
CLOSING = re.compile(
    r"質疑を(?:終|打ち切|締め)|質問を(?:終|打ち切)|審議を(?:終了|終え|打ち切)|審議に入|議事は(?:全て|すべて)?終了|"
    r"議事を(?:終了|終え)|閉会|散会|休憩|(?:会議|審議会|本日)を(?:終|閉)|説明を(?:求め|お願い)|入室|退出|退室|"
    r"録音|公開|傍聴|議事録|会議録|署名"
)
_PROPOSAL_BACK = 300  # how far before an assent its proposal may be (the chair's question)
# cheap pre-filters on the raw text (a decision or request sentence contains one of these)
DECISION_HINT = re.compile(r"べき|継続|再審|再度|改めて|次回|下げ|\t|…|‥|可|同意|承認|適当|妥当|了承|異議|確認|保留|認め|差し支|支障|とおり|どおり|引き続き|結論")
_REQUEST_HINT = re.compile(r"要望|付帯|附帯|意見|留意|求め")
_NOT_DECISION = re.compile(r"継続審議分|前回|先の審議|[かの][。？?]?$|[？?]$|ば[、,]"
                           r"|(?:課長|部長|室長|局長|係長|事務局|実施機関|所管課|担当課)(?:は|が|も)(?:これを|その旨を?)?了承"  # a request the department accepted
                           r"|この点(?:について|に関して)[^。]*了承"
                           r"|報告を了承")  # 「本件については、報告を了承した。」: a report taken note of, no matter decided  # 「この点については、…説明があり、当審議会としてもこれを了承しました」: a point, not the matter
_REQUEST = re.compile(r"要望|付帯意見|附帯意見|意見(?:を|が|として)付|意見として[、,]|留意する(?:こと|よう)|留意されたい|求める")
_PROPOSED_REQUEST = re.compile(r"という(?:要望|意見|[付附]帯意見)を付|(?:要望|[付附]帯意見|意見)(?:を|として)付(?:し|け)(?:た(?:い|く)|た上で)"
                               r"|意見として[、,][^。]{0,200}?を付(?:す|し|け)")  # 「意見として、一つ、…こと、二つ、…こと、の２点を付す…」
# 「一点目、…こと。二点目、…こと。この二点を意見として付した上で、…」: the points the sentence refers to, before it
_THESE_POINTS = re.compile(r"^(?:この|以上の|これら|以上)[0-9０-９一二三四五]?点?")
_POINT = re.compile(r"こと[。．]$")
_PROCEDURE = re.compile(r"挙手|(?:発言|説明|意見|質疑)を求め|よろしい(?:で(?:しょう|す))?か|ございませんか|お諮り")
MEMBER_REQUEST = re.compile(
    r"(?<!説明して)(?<!教えて)(?:ほしい|欲しい|願いする|願いします|もらいたい|いただきたい|要望する|されたい)。?$"
)


@dataclass
class Decision:
    status: ConsultationStatus
    outcome: str
    reason: str | None = None
    span: tuple[int, int] | None = None
    strong: bool = True
    requests: list[tuple[int, int]] = field(default_factory=list)


_QUOTED_WORD = re.compile(r"「(可|適当|妥当|承認|了承|同意|不可|不適当|不承認)」")
# 「原案のとおり承認する。ただし、…を条件とする。」: the condition right after the decision is part of it
_OPINION = re.compile(r"意見|要望|附帯|付帯|付言")
_PROVISO = re.compile(r"[ \t\u3000\n]*(?:ただし|但し)[、，,]?[^。\n]{0,200}。")


_NAMED_RESULT = re.compile(r"(?:号|件)(?:は|を|については?)[、,]?(不承認|不適当|一部承認|承認|了承|同意|適当|妥当|可)(?=[、，,。]|$)")


def _as_decided(word: str) -> str:
    """A bare result word as the outcome it records: 不承認 and 不適当 are 不可."""
    return {"不承認": "不可", "不適当": "不可"}.get(word, word)


def classify(sentence: str) -> tuple[str, str] | None:
    """('pending'|'decided'|'weak', label) for a decision sentence, else None."""
    cells = _CELL_GAP.split(sentence)
    if len(cells) > 1:  # a results row: 「諮問第12号　…について<TAB>承認（…）」「…について ………… 承認」
        cell = compact(cells[-1])
        bare = next((w for w in _BARE if re.match(re.escape(w) + r"(?:$|[(（])", cell)), None)
        if bare is not None:
            return "decided", _as_decided(bare)
        if _PENDING.match(cell):
            return "pending", classify_pending(_PENDING.match(cell).group(0))  # type: ignore[union-attr]
    c = _QUOTED_WORD.sub(r"\1", compact(sentence))  # 「「適当」である旨を答申」: the word in quotes as the word
    if _BARE_SENTENCE.fullmatch(c):  # 「（結果）」 over 「了承。」: the result alone in its sentence
        return "decided", c.strip("・→。．")
    if _NOT_DECISION.search(c):
        return None
    m = _PENDING.search(c)
    if m:
        return "pending", classify_pending(m.group(0))
    for label, pattern in _DECIDED:
        if pattern.search(c):
            return "decided", label
    if (named := _NAMED_RESULT.search(c)) is not None:  # 「よって、諮問第５号は承認、諮問第６号は…」: the word after its label
        return "decided", _as_decided(named.group(1))
    lm = _LABELLED.match(c)
    if lm and lm.end():
        value = c[lm.end() :]
        bare = next((w for w in _BARE if value.startswith(w)), None)
        if bare is not None:
            return "decided", _as_decided(bare)
        if re.match(r"(?:継続|保留|次回)", value):  # 「結果：継続　→次回へ」
            return "pending", "保留" if value.startswith("保留") else "継続審議"
    for label, pattern in _WEAK:
        if pattern.search(c):
            return "weak", label
    return None


_MORE_MATERIAL = re.compile(r"追加資料|資料の(?:提出|提示|追加)|資料を(?:求め|提出|用意)|提出を(?:求め|待)|案の提出")
_OVERTIME = re.compile(r"超過|不足|足りな|都合|切れ|押して|延長")
# who said it, before the words: '山田会長　', '会長：', '結果：', '【結論】'
_SPEAKER_PREFIX = re.compile(
    r"^(?:[^\s：:、。「」]{0,12}?(?:会長|委員長|議長)(?:[ 　]+|[：:])|(?:審議の?)?結果[：:]\s*|結論[：:]\s*|【[^】]{1,8}】\s*)"
)


def outcome_reason(text: str) -> tuple[str | None, str]:
    c = compact(text)
    if _MORE_MATERIAL.search(c):
        qualifier: str | None = "追加資料の提出待ち"
    elif "時間" in c and _OVERTIME.search(c):
        qualifier = "予定時間超過"
    else:
        qualifier = None
    cleaned = squash(text)
    cleaned = re.sub(r"^[(（]?[※○◎●・⇒→]?\s*", "", cleaned)
    cleaned = _SPEAKER_PREFIX.sub("", cleaned)
    cleaned = re.sub(
        r"^.{0,30}?(?:案件|諮問第?)\s*[(（]?[0-9０-９]+[)）]?号?\s*(?:「[^」]*」)?\s*(?:について|に関して)?は?[、,]\s*",
        "",
        cleaned,
    )
    if cleaned.endswith((")", "）")) and cleaned.count("(") + cleaned.count("（") < cleaned.count(")") + cleaned.count(
        "）"
    ):
        cleaned = cleaned[:-1]
    return qualifier, cleaned.strip()


def proposal(text: str, pos: int) -> tuple[str, str, int] | None:
    """What an assent at ``pos`` ('（異議なし）') agrees to: the chair's question just before it.

    ('decided'|'pending', label, where the question starts) when it proposes a decision ('…承認することとしてよろしいか'), None when it
    proposes a formality (closing the questions, the meeting: 質疑を終えます, 以上で議事は終了) or nothing found.
    """
    lo = max(0, pos - _PROPOSAL_BACK)
    before = [sp for sp in sentence_spans(text, lo, pos) if sp[1] <= pos]
    for s, e in reversed(before[-4:]):
        c = compact(text[s:e])
        voice = _VOICE.match(c)
        if voice is not None and voice.end() < len(c):  # 「（「なし」の声）それでは、…承認としてよろしいでしょうか。」
            c = c[voice.end() :]
        elif not c or _ASSENT_ONLY.match(c):
            continue
        m = _PENDING.search(c)
        if m:  # 「本件は継続審議とし、…次回、改めて説明を求めることとしてよろしいか」: carried over, whatever comes with it
            return "pending", classify_pending(m.group(0)), s
        if CLOSING.search(c):
            return None
        for label, pattern in _PROPOSED:
            if pattern.search(c):
                return "decided", label, s
        if _PROCEDURE.search(c) or c.endswith(("か。", "か", "か?", "か？")):
            return None  # a question proposing something else
    return None


_VOICE = re.compile(r"^[(（][^()（）]{1,12}[)）]")  # a voice from the floor in brackets, with the chair's words after it
_ASSENT_ONLY = re.compile(r"^[(（]?(?:委員)?(?:一同|全員)?[「」]?(?:異議(?:が)?(?:ない|なし|ありません)|なし|はい)")
# a decision as proposed ('承認することとしてよろしいか', '原案のとおりとしてよろしいか', '可としてよろしいか')
_PROPOSED: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("不可", re.compile(r"不可と|不適当と|認めないこと|承認しない|同意しない")),
    ("承認", re.compile(r"承認|可決")),
    ("了承", re.compile(r"了承")),
    ("同意", re.compile(r"同意(?:する|すること|とする|とし)")),
    ("適当", re.compile(r"適当(?:である|と(?:する|し|認め))")),
    ("妥当", re.compile(r"妥当(?:である|と(?:する|し|認め))")),
    ("可", re.compile(r"「?可」?と(?:する|し)|差し支えない")),
    ("原案のとおり", re.compile(r"原案の?(?:とおり|どおり|通り)")),
    ("答申", re.compile(r"答申(?:する|すること|とする|とし)")),
)


def classify_pending(word: str) -> str:
    """The pending label of a 継続/再審議/次回 phrase."""
    if "再審議" in word:
        return "再審議"
    if "次回" in word or "持ち越" in word:
        return "次回審議"
    if "下げ" in word:
        return "取り下げ"
    return "保留" if word == "保留" else "継続審議"


def decide(text: str, spans: list[tuple[int, int]], requests_found: bool = False) -> Decision | None:
    """The last strong decision sentence in ``spans`` (else the last weak one).

    An assent ('（異議なし）') is a decision only when the question it answers proposes one (see ``proposal``).
    """
    strong: tuple[str, str, tuple[int, int]] | None = None
    weak: tuple[str, str, tuple[int, int]] | None = None
    labelled: tuple[str, str, tuple[int, int]] | None = None  # 「◎結果：一部承認」 over its items' 「→ 不承認」
    for s, e in hinted_sentences(text, DECISION_HINT, spans):
        found = classify(text[s:e])
        if found is None:
            continue
        if found[0] != "weak" and _RESULT_LABEL.match(compact(text[s:e])):
            labelled = (found[0], found[1], (s, e))
        if found[0] == "weak" and found[1] == _ASSENT:
            proposed = proposal(text, s)
            if proposed is None:
                continue
            found, s = proposed[:2], proposed[2]
        if found[0] == "weak":
            weak = (found[0], found[1], (s, e))
        else:
            strong = (found[0], found[1], (s, e))
    chosen = labelled or strong or weak
    if chosen is None:
        return None
    kind, label, span = chosen
    proviso = _PROVISO.match(text, span[1]) if kind != "pending" else None
    if proviso is not None and proviso.end() <= max(e for _, e in spans) and not _OPINION.search(proviso.group(0)):
        span = (span[0], proviso.end())  # a condition; an opinion (「…との意見が付された」) is a request, read as one
    sentence = text[span[0] : span[1]]
    if kind == "pending":
        qualifier, reason = outcome_reason(sentence)
        outcome = f"{label}（{qualifier}）" if qualifier else label
        return Decision("pending", outcome, reason, span)
    if "条件" in compact(sentence) or "ただし" in sentence:
        label += "（条件付き）"
    return Decision("decided", label, None, span, strong=kind != "weak")


def request_spans(text: str, spans: list[tuple[int, int]], exclude: tuple[int, int] | None) -> list[tuple[int, int]]:
    """Sentences of the narrative that carry the committee's 要望/意見."""
    found: list[tuple[int, int]] = []
    for s, e in hinted_sentences(text, _REQUEST_HINT, spans):
        if True:
            if exclude and s >= exclude[0] and e <= exclude[1]:
                continue
            c = compact(text[s:e])
            proposed = _PROPOSED_REQUEST.search(c) is not None  # the chair proposes it: 「…という要望を付したいが、よろしいか」
            if _REQUEST.search(c) and not _PENDING.search(c) and (proposed or not _PROCEDURE.search(c)) and len(c) >= 6:
                if _THESE_POINTS.match(c):
                    s = _points_before(text, s)
                found.append((s, e))
    return found


def _points_before(text: str, start: int) -> int:
    """The start of the points (「…こと。」 sentences, up to five) said just before ``start`` on its line."""
    first = start
    for a, b in reversed(sentence_spans(text, text.rfind("\n", 0, start) + 1, start)[-5:]):
        if not _POINT.search(text[a:b]):
            break
        first = a
    return first


def apply_decision(cons: Consultation, decision: Decision | None) -> None:
    """The recorded outcome; none recorded: ``unknown`` (never a decision the text does not state)."""
    if decision is None:
        cons.status, cons.outcome = "unknown", ""
        return
    cons.status, cons.outcome, cons.reason = decision.status, decision.outcome, decision.reason


def with_requests(outcome: str, has_requests: bool) -> str:
    if has_requests and "（" not in outcome:
        return outcome + "（要望あり）"
    if has_requests:
        return outcome[:-1] + "・要望あり）"
    return outcome
