"""A consultation's outcome (decided: 可/同意/適当…, or pending: 継続審議/再審議/次回審議 with the reason) and the
committee's requests, read from the section's narrative (not from inside the Q&A)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from knowledge.model import ConsultationStatus
from knowledge.structure_text import compact, hinted_sentences, squash

_PENDING = re.compile(r"継続審議|再審議|次回(?:に|の審議会で)?(?:審議|持ち越)|継続して審議|審議を継続|保留")
_DECIDED: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("不可", re.compile(r"不可とする|不適当|認められない|承認しない|同意しない")),
    ("可", re.compile(r"「?可」?と(?:する|した|され|決定|認め)|差し支えない|支障(?:が)?ない")),
    ("適当", re.compile(r"適当であると認め|適当と認め|適当である")),
    ("妥当", re.compile(r"妥当であると認め|妥当と認め|妥当である")),
    ("同意", re.compile(r"同意(?:する|した|すること|が得られ|とする|します)")),
    ("承認", re.compile(r"承認(?:する|した|され|すること|します)")),
    ("了承", re.compile(r"了承(?:する|した|され)")),
)
_WEAK: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("異議なし", re.compile(r"異議(?:が)?(?:ない|なし|ありません)")),
    ("確認", re.compile(r"確認(?:を)?し(?:た|ました)")),
)
# cheap pre-filters on the raw text (a decision or request sentence contains one of these)
DECISION_HINT = re.compile(r"継続|再審|次回|可|同意|承認|適当|妥当|了承|異議|確認|保留|認め|差し支|支障")
_REQUEST_HINT = re.compile(r"要望|付帯|附帯|意見|留意|求め")
_NOT_DECISION = re.compile(r"継続審議分|前回|先の審議|[かの][。？?]?$|[？?]$|ば[、,]")
_REQUEST = re.compile(r"要望|付帯意見|附帯意見|意見を付|留意する(?:こと|よう)|求める")
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


def classify(sentence: str) -> tuple[str, str] | None:
    """('pending'|'decided'|'weak', label) for a decision sentence, else None."""
    c = compact(sentence)
    if _NOT_DECISION.search(c):
        return None
    m = _PENDING.search(c)
    if m:
        word = m.group(0)
        base = (
            "再審議"
            if "再審議" in word
            else "次回審議"
            if word.startswith("次回")
            else "保留"
            if word == "保留"
            else "継続審議"
        )
        return "pending", base
    for label, pattern in _DECIDED:
        if pattern.search(c):
            return "decided", label
    for label, pattern in _WEAK:
        if pattern.search(c):
            return "weak", label
    return None


def outcome_reason(text: str) -> tuple[str | None, str]:
    c = compact(text)
    if "追加資料" in c or "資料の提出" in c or "資料を求め" in c:
        qualifier: str | None = "追加資料の提出待ち"
    elif "時間" in c and ("超過" in c or "不足" in c or "足りな" in c):
        qualifier = "予定時間超過"
    else:
        qualifier = None
    cleaned = squash(text)
    cleaned = re.sub(r"^[(（]?[※○◎●・]?\s*", "", cleaned)
    cleaned = re.sub(
        r"^.{0,30}?(?:案件|諮問第?)\s*[(（]?[0-9０-９]+[)）]?号?\s*(?:「[^」]*」)?\s*(?:について|に関して)?は?[、,]\s*",
        "",
        cleaned,
    )
    cleaned = re.sub(r"[)）]$", "", cleaned).strip()
    return qualifier, cleaned


def decide(text: str, spans: list[tuple[int, int]], requests_found: bool = False) -> Decision | None:
    """The last strong decision sentence in ``spans`` (else the last weak one)."""
    strong: tuple[str, str, tuple[int, int]] | None = None
    weak: tuple[str, str, tuple[int, int]] | None = None
    for s, e in hinted_sentences(text, DECISION_HINT, spans):
        if True:
            found = classify(text[s:e])
            if found is None:
                continue
            if found[0] == "weak":
                weak = (found[0], found[1], (s, e))
            else:
                strong = (found[0], found[1], (s, e))
    chosen = strong or weak
    if chosen is None:
        return None
    kind, label, span = chosen
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
            if _REQUEST.search(c) and not _PENDING.search(c) and len(c) >= 6:
                found.append((s, e))
    return found


def with_requests(outcome: str, has_requests: bool) -> str:
    if has_requests and "（" not in outcome:
        return outcome + "（要望あり）"
    if has_requests:
        return outcome[:-1] + "・要望あり）"
    return outcome
