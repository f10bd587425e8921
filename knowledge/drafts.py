"""A draft 答申 for the secretariat, built only from what the record says, every sentence with its citation.

``build_draft(consultation, passages, records_of_matter, similar)`` returns a ``Draft`` in the structure
councils use for a 答申 (see the module constant ``HEADINGS``): 件名, 1 審議会の結論, 2 実施機関の説明要旨
((1) 目的・経過 … (5) 安全対策), 3 審議会の判断理由, 要望・意見, 類似案件.

The rule: every sentence of a draft is a sentence (or list line) of a cited passage, reshaped only by the rules
of ``knowledge.draft_rules`` (speaker labels and fillers dropped, 敬体 -> 常体, whitespace tidied). A sentence
no passage contains is dropped, never paraphrased. Fixed connective lines ("本審議会は…について審議した結果、
次のとおり答申する。", "結論の記載が議事録にありません。") are template text (``templates/drafts``); this module
returns the structure, ``templates.drafts.render_draft`` fills ``Draft.text``.

* The conclusion is that of the LATEST record of the matter (``knowledge.lineage.same_matter``: a 継続審議
  settled by a later meeting or 答申), cited to the passage recording it; earlier records appear under 審議の経過.
* A pending matter gets its open points instead (the recorded reason, and what members asked to be shown).
* A record whose outcome is not recorded (outcome "" or a status neither decided nor pending) gets a conclusion
  section without sentences: the template says the minutes record none.

``passages`` is a pool: the passages of the consultation's documents (and of the precedents' documents, to cite
them); sentences are looked up in the passages of the matter's records first, then in the same documents.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from knowledge.draft_rules import comparable, reshape, speaker_label, strip_speaker, units
from knowledge.lineage import same_matter
from knowledge.model import ConsultationRecord, PassageRecord
from knowledge.structure_outcome import classify
from knowledge.structure_text import compact

if TYPE_CHECKING:
    from knowledge.precedents import Precedent

HEADINGS: dict[str, str] = {
    "subject": "件名",
    "conclusion": "1 審議会の結論",
    "open_points": "1 審議会の結論（未了）",
    "history": "審議の経過",
    "explanation": "2 実施機関の説明要旨",
    "purpose": "(1) 目的・経過",
    "system": "(2) 事業・システムの概要",
    "data": "(3) 取り扱う個人情報",
    "necessity": "(4) 必要性",
    "safety": "(5) 安全対策",
    "reasons": "3 審議会の判断理由",
    "requests": "要望・意見",
    "precedents": "類似案件",
}
TOPICS = ("purpose", "system", "data", "necessity", "safety")
CAPS = {"purpose": 6, "system": 6, "data": 8, "necessity": 4, "safety": 8, "reasons": 8}
MAX_CITATIONS = 3
MIN_CHARS = 8


# --- the draft ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Citation:
    source: str
    meeting_date: str | None
    passage_id: int
    quote: str  # the text of the cited passage


@dataclass
class Sentence:
    text: str
    citations: list[Citation] = field(default_factory=list)


@dataclass
class Section:
    heading: str
    sentences: list[Sentence] = field(default_factory=list)


@dataclass
class Draft:
    text: str
    sections: list[Section]

    def section(self, key: str) -> Section | None:
        """The section with the heading ``HEADINGS[key]``, if the draft has it."""
        return next((s for s in self.sections if s.heading == HEADINGS[key]), None)

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "sections": [
                {
                    "heading": s.heading,
                    "sentences": [
                        {
                            "text": x.text,
                            "citations": [
                                {"source": c.source, "meeting_date": c.meeting_date, "passage_id": c.passage_id,
                                 "quote": c.quote}
                                for c in x.citations
                            ],
                        }
                        for x in s.sentences
                    ],
                }
                for s in self.sections
            ],
        }


def outcome_state(c: ConsultationRecord) -> str:
    """"decided", "pending" or "unknown" (no outcome recorded, or a status other than decided/pending)."""
    if c.status == "pending":
        return "pending"
    if c.status == "decided" and c.outcome.strip():
        return "decided"
    return "unknown"


def latest_record(consultation: ConsultationRecord, records: Iterable[ConsultationRecord]) -> list[ConsultationRecord]:
    """The records of ``consultation``'s matter (itself included), oldest first: the last one is the latest.

    Only records of other (dated) meetings join: ``same_matter`` on the same date would merge two items of one
    meeting that share a title (two 評価書 of different departments)."""
    matter = {consultation.id: consultation}
    for r in records:
        if r.id in matter or r.meeting_date is None or r.meeting_date == consultation.meeting_date:
            continue  # two items of one meeting are two matters, even with the same title
        if same_matter(consultation, r):
            matter[r.id] = r
    return sorted(matter.values(), key=lambda r: (r.meeting_date or "", r.id))


# --- the pool of citable passages ------------------------------------------------------------------------------
class _Pool:
    def __init__(self, passages: Iterable[PassageRecord]) -> None:
        self.passages = sorted(passages, key=lambda p: (p.source, p.start, p.id))
        self._cmp: dict[int, str] = {}
        self.used: set[str] = set()  # comparable forms already in the draft

    def comparable_of(self, p: PassageRecord) -> str:
        if p.id not in self._cmp:
            self._cmp[p.id] = comparable(p.text)
        return self._cmp[p.id]

    def of(self, consultation_id: int, kinds: tuple[str, ...] = ()) -> list[PassageRecord]:
        return [p for p in self.passages if p.consultation_id == consultation_id and (not kinds or p.kind in kinds)]

    def cite(self, text: str, matter_ids: set[int], sources: set[str]) -> list[Citation]:
        key = comparable(text)
        if not key:
            return []
        tiers = (
            [p for p in self.passages if p.consultation_id in matter_ids],
            [p for p in self.passages if p.source in sources and p.consultation_id not in matter_ids],
            [p for p in self.passages if p.source not in sources],
        )
        for tier in tiers:
            found = [p for p in tier if key in self.comparable_of(p)]
            if found:
                return [Citation(p.source, p.meeting_date, p.id, p.text) for p in found[:MAX_CITATIONS]]
        return []


@dataclass
class _Ctx:
    pool: _Pool
    matter_ids: set[int]
    sources: set[str]

    def sentence(self, raw: str, *, reshaped: bool = False) -> Sentence | None:
        """``raw`` reshaped and cited, or None (too short, already in the draft, or found in no passage)."""
        text = raw if reshaped else reshape(raw)
        key = comparable(text)
        if len(key) < MIN_CHARS or any(key in used for used in self.pool.used):
            return None
        cites = self.pool.cite(text, self.matter_ids, self.sources)
        if not cites:
            return None
        self.pool.used = {u for u in self.pool.used if u not in key} | {key}
        return Sentence(text, cites)


# --- reading the record ----------------------------------------------------------------------------------------
_MEMBER = re.compile(r"委員(?!会)|会長|議長|委員長")
_CHAIR = re.compile(r"会長|議長|委員長")
_SECRETARIAT = re.compile(r"事務局")


def speaker_role(label: str | None) -> str | None:
    """"chair", "member", "secretariat", "department" for a speaker label; None when there is none."""
    if not label:
        return None
    if _CHAIR.search(label) and not re.search(r"課|室|部長", label):
        return "chair"
    if _MEMBER.search(label):
        return "member"
    if _SECRETARIAT.search(label):
        return "secretariat"
    return "department"


_MAJOR = re.compile(r"^[0-9０-９]{1,2}[ 　.．]")
_ENUM = re.compile(r"^(?:[(（][0-9０-９ア-ンa-zａ-ｚ]{1,2}[)）]|[0-9０-９]{1,2}[ 　.．]|[ア-ン][ 　]|[a-zａ-ｚ][ 　])")
_SUB_ITEM = re.compile(r"^(?:[ア-ン][ 　]|[(（][ア-ンa-zａ-ｚ][)）])")
_HEADING_TOPICS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("conclusion", re.compile(r"審議会の結論|^結論$")),
    ("reasons", re.compile(r"判断理由|審議会の判断")),
    ("skip", re.compile(r"添付資料|実施時期|議事要旨|委員間協議|裁決|質疑|委員からの質問|^(?:\S{1,4}\s)?その他$|会議経過|審議の?経過|^議題|次第")),
    ("safety", re.compile(r"安全対策|安全管理|セキュリティ|リスク対策|保護措置|管理体制|留意点|返還|廃棄方法")),
    ("data", re.compile(r"項目|個人情報の種類|取り?扱う個人情報|記録される情報|対象者")),
    ("necessity", re.compile(r"必要性|諮問理由|理由")),
    ("purpose", re.compile(r"目的|趣旨|経過|経緯|背景|効果")),
    ("system", re.compile(r"概要|内容|対象業務|運用|システム|業務")),
)
_SENTENCE_TOPICS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("safety", re.compile(
        r"暗号|ログ|アクセス権限|権限|パスワード|USB|記録媒体|外部媒体|施錠|ワイヤーロック|廃棄|消去|溶解|シュレッダー|"
        r"焼却|誓約|セキュリティ|監視|閉域|LGWAN|分離|隔離|不正|漏えい|漏洩|ISMS|プライバシーマーク|Pマーク|持ち出|"
        r"持ち込|立ち会|入退室|バックアップ|秘密保持|返還")),
    ("data", re.compile(r"氏名|住所|生年月日|性別|電話番号|メールアドレス|個人番号|マイナンバー|項目|所得|口座|病歴|障がい|"
                        r"要配慮|取り?扱う(?:個人)?情報|個人情報の(?:種類|範囲)")),
    ("purpose", re.compile(r"目的|趣旨|図る|目指|効果")),
    ("necessity", re.compile(r"必要(?:性|がある|となる|な)|効率|負担(?:の)?軽減")),
    ("system", re.compile(r"システム|委託|受託|サーバ|クラウド|ASP|運用|接続|連携|アプリ|事業")),
)
_ACK = re.compile(r"^(?:はい|承知|了解|了承|お見込み|おっしゃる|その通り|そのとおり|ご指摘|確認する|ご認識)")
_PROCEDURAL = re.compile(r"説明(?:は以上|を(?:させて|いた)|いた|する。$)|ご覧くださ|参ります|参る。|よろしいでしょうか|お願い(?:します|する)。$|"
                         r"以上である。$|^それでは|^次に|^続きまして|^つづきまして")
_QUESTION = re.compile(r"[か？?][。]?$|ですか|ますか")
_TURN = re.compile(r"^\s*[-－・]\s*(?![(（][0-9０-９ア-ンa-z]{1,2}[)）])")


def heading_topic(unit: str) -> tuple[bool, str | None]:
    """(is it a major heading, its topic) when ``unit`` reads as a heading; (False, None) otherwise."""
    t = strip_speaker(unit).strip()
    if not t or t.endswith(("。", "」", "）", ")")) and len(t) > 20 or len(t) > 40:
        return False, None
    if not (_ENUM.match(t) or len(t) <= 16):
        return False, None
    for topic, pattern in _HEADING_TOPICS:
        if pattern.search(t):
            return bool(_MAJOR.match(t)), topic
    return bool(_MAJOR.match(t)), None


def sentence_topic(text: str) -> str | None:
    for topic, pattern in _SENTENCE_TOPICS:
        if pattern.search(text):
            return topic
    return None


@dataclass
class _Unit:
    text: str  # raw
    topic: str | None  # explanation topic, "reasons", or None
    role: str | None


def _narrative(pool: _Pool, records: Sequence[ConsultationRecord]) -> list[_Unit]:
    """Sentences of the matter's body passages with their topic (from the heading above or their words) and
    speaker role. Q&A passages are read through the QA pairs instead."""
    out: list[_Unit] = []
    for rec in records:
        major: str | None = None
        topic: str | None = None
        role: str | None = None
        has_qa = bool(rec.qa)
        in_turn = False
        for p in pool.of(rec.id, ("body", "header")):
            for s, e in units(p.text):
                raw = p.text[s:e]
                if s == 0 or p.text[s - 1] == "\n":
                    in_turn = has_qa and bool(_TURN.match(raw)) and speaker_label(raw) is None
                if in_turn:
                    continue  # an unattributed turn of a Q&A (a member may be speaking)
                label = speaker_label(raw)
                if label is not None:
                    role = speaker_role(label)
                    if not strip_speaker(raw).strip() or strip_speaker(raw) == raw.strip(" 　"):
                        continue
                is_major, htopic = heading_topic(raw)
                if htopic is not None or is_major:
                    if is_major:
                        major = htopic if htopic in ("conclusion", "reasons", "skip") else "explanation"
                        topic = htopic if htopic in TOPICS else None
                    elif htopic == "skip" or (htopic in TOPICS and not (htopic == "system" and topic is not None
                                                                         and _SUB_ITEM.match(strip_speaker(raw)))):
                        topic = htopic  # a sub-item named like a system keeps its section's topic
                    if htopic is not None or _ENUM.match(strip_speaker(raw)) is None:
                        continue
                if major in ("skip", "conclusion") or topic == "skip":
                    continue
                if major == "reasons":
                    out.append(_Unit(raw, "reasons", role))
                else:
                    out.append(_Unit(raw, topic, role))
    return out


def _conclusion_units(pool: _Pool, rec: ConsultationRecord) -> list[tuple[str, PassageRecord]]:
    """The sentences recording ``rec``'s outcome: its outcome passage, else an outcome passage of its document
    naming it (one decision sentence may cover two consultations), else a decision sentence of its passages."""
    passages = pool.of(rec.id, ("outcome",))
    if not passages:
        keys = _label_keys(rec)
        passages = [p for p in pool.passages if p.source == rec.source and p.kind == "outcome"
                    and any(k in compact(p.text) for k in keys)]
    chosen: list[tuple[str, PassageRecord]] = []
    asked = [k for k in (comparable(r) for r in rec.requests) if k]

    def a_request(unit: str) -> bool:  # said after the decision on its line: the requests section words it
        key = comparable(unit)
        return classify(unit) is None and any(k in key or key in k for k in asked)

    for p in passages:
        picked = [p.text[s:e] for s, e in units(p.text) if _is_conclusion(p.text[s:e]) and not a_request(p.text[s:e])]
        chosen.extend((u, p) for u in picked)
    if not chosen:
        base = base_outcome(rec.outcome)
        for p in pool.of(rec.id):
            for s, e in units(p.text):
                found = classify(p.text[s:e])
                if found and found[1] == base:
                    chosen.append((p.text[s:e], p))
    return chosen


_CONCLUSION_EXTRA = re.compile(r"ただし|要望|条件|留意|付帯|附帯")


def _is_conclusion(unit: str) -> bool:
    return classify(unit) is not None or bool(_CONCLUSION_EXTRA.search(unit))


def base_outcome(outcome: str) -> str:
    """The outcome word without its qualifier: "同意（要望あり）" -> "同意"."""
    return re.split(r"[（(]", outcome, maxsplit=1)[0].strip()


_KANA_LABEL = re.compile(r"([ア-ン])$")
_NUM_LABEL = re.compile(r"第?\s*([0-9０-９]+)\s*号")


def _label_keys(rec: ConsultationRecord) -> list[str]:
    """How a decision sentence names ``rec``: its kana or number followed by the title in brackets."""
    label = compact(rec.label)
    title = compact(rec.title)[:12]
    keys: list[str] = []
    kana = _KANA_LABEL.search(label)
    if kana:
        keys.append(f"{kana.group(1)}「{title}")
    num = _NUM_LABEL.search(label)
    if num:
        keys.append(f"第{compact(num.group(1))}号")
    return keys


# --- members' questions ----------------------------------------------------------------------------------------
_CHANGE = re.compile(
    r"ほしい|欲しい|お?願い(?:する|したい|します|いたします)|願いたい|もらいたい|いただきたい|要望|されたい|べき|"
    r"方が(?:よい|良い|いい|安全|望ましい)|ようにすること|検討(?:を)?(?:して|願|お願い)|報告(?:して|を求|するよう)|"
    r"徹底|改善|見直(?:して|すよう)|周知(?:して|するよう)|明記|してください"
)
_EXPLAIN_ONLY = re.compile(r"(?:説明|教えて|聞かせて|伺い)(?:して)?(?:ほしい|欲しい|いただきたい|もらいたい|ください|たい)")
_MATERIAL = re.compile(
    r"(?:資料|示し|提示|提出|明らかに|根拠).{0,12}(?:ほしい|欲しい|願い|求め|されたい|いただきたい|もらいたい)|"
    r"なければ.{0,20}(?:できない|認められない)|(?:説明|資料)(?:が|は)(?:ない|不足|十分で)"
)


def _member_units(rec: ConsultationRecord) -> list[str]:
    return [q.question[s:e] for q in rec.qa for s, e in units(q.question)]


def _answer_units(rec: ConsultationRecord) -> list[str]:
    return [q.answer[s:e] for q in rec.qa for s, e in units(q.answer)]


def is_change_request(sentence: str) -> bool:
    """A member's sentence asking the department to change something or to report (not just to explain)."""
    c = compact(sentence)
    if len(c) < 12 or re.match(r"(?:どうぞ)?よろしく", c):
        return False  # a courtesy ("よろしくお願いします")
    if _EXPLAIN_ONLY.search(c) and not re.search(r"報告|検討|改善|見直|徹底|明記|周知", c):
        return False
    if _QUESTION.search(c) and not re.search(r"方が(?:よい|良い|いい)のでは(?:ない)?か", c):
        return False
    return bool(_CHANGE.search(c))


def is_material_request(sentence: str) -> bool:
    """A member's sentence asking for material or an explanation that the decision waits on."""
    return bool(_MATERIAL.search(compact(sentence)))


_SUBJECT_TAIL = re.compile(r"(?:\s*[(（](?:答申|継続審議分|継続|再審議)[)）]|\s*【[^】]*】|\s*[(（][^()（）]{1,20}(?:課|室|部|局)[)）])+$")
_SUBJECT_HEAD = re.compile(r"^(?:[(（][0-9０-９]{1,2}[)）]|[0-9０-９]{1,2}[ 　])\s*")


def subject_text(title_passage: str) -> str:
    """A title passage as the subject of the connective line: numbering, 「（答申）」, the department and a final
    「について」 cut off (cuts only: the rest is the passage's own text)."""
    t = reshape(title_passage)
    t = _SUBJECT_HEAD.sub("", t)
    t = _SUBJECT_TAIL.sub("", t).strip()
    return t[: -len("について")] if t.endswith("について") and len(t) > 6 else t


# --- the builder -------------------------------------------------------------------------------------------------
def build_draft(
    consultation: ConsultationRecord,
    passages: Iterable[PassageRecord],
    records_of_matter: Iterable[ConsultationRecord] = (),
    similar: Sequence[Precedent] = (),
    *,
    render: Callable[[Draft], str] | None = None,
) -> Draft:
    """The draft 答申 of ``consultation`` (see the module docstring). ``records_of_matter`` may be any records:
    those of the same matter (``lineage.same_matter``) are used. ``render`` (e.g. ``templates.drafts.
    render_draft``) fills ``Draft.text``; without it ``text`` is empty."""
    records = latest_record(consultation, records_of_matter)
    latest = records[-1]
    pool = _Pool(passages)
    ctx = _Ctx(pool, {r.id for r in records}, {r.source for r in records})
    sections: list[Section] = [Section(HEADINGS["subject"], _subject(ctx, consultation, latest))]

    state = outcome_state(latest)
    if state == "pending":
        sections.append(Section(HEADINGS["open_points"], _open_points(ctx, latest)))
    else:
        first = _conclusion(ctx, latest) if state == "decided" else []
        sections.append(Section(HEADINGS["conclusion"], first))
    if len(records) > 1:
        history = [s for r in records[:-1] for s in _cited(ctx, [u for u, _ in _conclusion_units(pool, r)])]
        if history:
            sections.append(Section(HEADINGS["history"], history))

    narrative = _narrative(pool, records)
    sections.append(Section(HEADINGS["explanation"], []))
    answers = [_Unit(u, None, "department") for r in records for u in _answer_units(r)]
    for topic in TOPICS:
        picked: list[Sentence] = []
        for u in [*narrative, *answers]:
            if len(picked) >= CAPS[topic] or u.role in ("member", "secretariat", "chair"):
                continue
            if not _explains(u):
                continue
            if (u.topic or sentence_topic(reshape(u.text))) != topic:
                continue
            s = ctx.sentence(u.text)
            if s is not None:
                picked.append(s)
        sections.append(Section(HEADINGS[topic], picked))

    reasons = [u.text for u in narrative
               if u.topic == "reasons" and u.role in (None, "chair", "department") and reshape(u.text).endswith("。")]
    sections.append(Section(HEADINGS["reasons"], _cited(ctx, reasons)[: CAPS["reasons"]]))
    sections.append(Section(HEADINGS["requests"], _requests(ctx, records)))
    sections.append(Section(HEADINGS["precedents"], _precedents(pool, similar)))
    draft = Draft("", sections)
    if render is not None:
        draft.text = render(draft)
    return draft


def _cited(ctx: _Ctx, raws: Iterable[str]) -> list[Sentence]:
    return [s for s in (ctx.sentence(r) for r in raws) if s is not None]


def _explains(u: _Unit) -> bool:
    t = reshape(u.text)
    if u.topic is None and not t.endswith(("。", "）", ")")):
        return False  # a bare line (heading, list item) only counts under a heading that says what it is
    if _QUESTION.search(t) or _PROCEDURAL.search(t):
        return False
    return not (_ACK.match(t) and len(t) < 24)


def _subject(ctx: _Ctx, consultation: ConsultationRecord, latest: ConsultationRecord) -> list[Sentence]:
    for rec in (consultation, latest):
        for p in _title_passages(ctx.pool, rec):
            s = ctx.sentence(subject_text(p.text), reshaped=True)
            if s is not None:
                return [s]
    s = ctx.sentence(consultation.title)  # no title line: the title as written in some passage
    return [s] if s is not None else []


def _title_passages(pool: _Pool, rec: ConsultationRecord) -> list[PassageRecord]:
    """``rec``'s title passages that contain its title (some layouts put other lines in that passage)."""
    head = compact(rec.title)[:10]
    return [p for p in pool.of(rec.id, ("title",)) if head and head in compact(p.text)]


def _conclusion(ctx: _Ctx, latest: ConsultationRecord) -> list[Sentence]:
    return _cited(ctx, [u for u, _ in _conclusion_units(ctx.pool, latest)])


def _open_points(ctx: _Ctx, latest: ConsultationRecord) -> list[Sentence]:
    raws = [u for u, _ in _conclusion_units(ctx.pool, latest)]
    if latest.reason:
        raws.append(latest.reason)
    raws += [u for u in _member_units(latest) if is_material_request(u)]
    return _cited(ctx, raws)


def _requests(ctx: _Ctx, records: Sequence[ConsultationRecord]) -> list[Sentence]:
    out: list[Sentence] = []
    for rec in records:
        for raw in [*rec.requests, *(u for u in _member_units(rec) if is_change_request(u))]:
            key = comparable(raw)
            if any(key in comparable(s.text) for s in out):
                continue
            s = ctx.sentence(raw)
            if s is not None:
                out.append(s)
    return out


def _precedents(pool: _Pool, similar: Sequence[Precedent]) -> list[Sentence]:
    """Each precedent as its title line and its decision sentence, cited to its own passages."""
    out: list[Sentence] = []
    for prec in similar:
        ctx = _Ctx(pool, {prec.id}, {prec.source})
        titles = [p.text for p in _title_passages(pool, _stub(prec))][:1]
        decision = [u for u, _ in _conclusion_units(pool, _stub(prec))][:2]
        out.extend(_cited(ctx, [*titles, *decision]))
    return out


def _stub(prec: Precedent) -> ConsultationRecord:
    return ConsultationRecord(
        id=prec.id, source=prec.source, label=prec.label, title=prec.title, department=None, kind=prec.kind,
        status="pending" if prec.status == "pending" else "decided", outcome=prec.outcome, reason=None, requests=[],
        qa=[], council=None, municipality=None, session=None, meeting_date=None,
    )
