"""Precedents: the consultations of other meetings or councils most like a given one, with the reasons why.

Similarity is by what a council looks at, not by shared words alone:

* the kind of consultation (外部委託, 目的外利用, 電子計算機結合, 本人以外収集, 特定個人情報保護評価, 指定管理者,
  条例改正, …), normalised from ``kind`` and the title (``knowledge.structure_labels.KINDS``);
* the personal data concerned (``DATA``: マイナンバー, 住民票, 予防接種, 生活保護, …) and the nouns of the title and
  the members' questions (``knowledge.tokenize``), rare ones counting more;
* the safeguards discussed (``SAFEGUARDS``: 暗号化, アクセスログ, 再委託, 廃棄・消去, 外部媒体, ISMS・Pマーク, …).

Never the same document, never the same matter (``knowledge.lineage.same_matter``); a matter seen at several
meetings counts once, as its latest record. Weights are in ``WEIGHTS``; ties are broken by id (deterministic).

A consultation's ``Profile`` is all the ranking reads of it, and it is made from that consultation alone (its
record and the text of its passages): it can be made once, when the document is ingested, and kept
(``Profile.to_stored`` / ``from_stored``, stamped with ``PROFILE_VERSION``). ``rank`` orders a pool by the kept
profiles without reading any passage; ``similar`` makes the profiles from the texts first (the same ranking).
"""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from knowledge.lineage import same_matter, superseded
from knowledge.model import ConsultationRecord, ParsedDocument, QAPair
from knowledge.structure_labels import KINDS
from knowledge.structure_text import half_to_full
from knowledge.tokenize import normalize, query_units

WEIGHTS: dict[str, float] = {
    "kind": 4.0,  # sharing a specific kind (外部委託, 目的外利用, …)
    "generic_kind": 1.0,  # sharing a broad kind (電子計算機処理, システム導入・変更)
    "data": 1.0,  # each shared kind of personal data …
    "data_cap": 3,  # … up to this many
    "safeguard": 0.6,  # each shared safeguard …
    "safeguard_cap": 5,  # … up to this many
    "nouns": 2.0,  # idf-weighted share of the target's title/question nouns found in the candidate
    "other_council": 0.5,  # another municipality's view is what a precedent search is for
}
MIN_SCORE = 1.5
GENERIC_KINDS = frozenset({"電子計算機処理", "システム導入・変更"})
_STRONG_KIND_TEXT: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("特定個人情報保護評価", re.compile(r"特定個人情報保護評価|全項目評価書|評価書")),
)

DATA: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("マイナンバー", re.compile(r"マイナンバー|個人番号|特定個人情報")),
    ("住民票", re.compile(r"住民票|住民基本台帳|住基")),
    ("予防接種", re.compile(r"予防接種|ワクチン|接種")),
    ("生活保護", re.compile(r"生活保護|被保護")),
    ("税", re.compile(r"税情報|課税|納税|市民税|住民税|固定資産税")),
    ("国民健康保険", re.compile(r"国民健康保険|国保|特定健診|特定健康診査")),
    ("介護保険", re.compile(r"介護保険|要介護")),
    ("児童・子育て", re.compile(r"児童手当|子育て|ひとり親|保育|放課後|留守家庭")),
    ("障がい", re.compile(r"障がい|障害者|障害福祉")),
    ("健康・病歴", re.compile(r"病歴|健康診断|健診|検診|健康管理")),
    ("口座・決済", re.compile(r"口座|決済|クレジットカード")),
    ("学校・生徒", re.compile(r"学校|生徒|学習支援")),
    ("戸籍", re.compile(r"戸籍")),
    ("空家", re.compile(r"空家|空き家")),
    ("水道", re.compile(r"水道")),
    ("高齢者", re.compile(r"高齢者")),
    ("連絡先", re.compile(r"電話番号|メールアドレス")),
)
SAFEGUARDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("暗号化", re.compile(r"暗号")),
    ("アクセスログ", re.compile(r"アクセスログ|操作ログ|ログ(?:を|の)?(?:記録|取得|保存|確認|管理)|アクセス記録|アクセス履歴")),
    ("アクセス権限", re.compile(r"アクセス権限|権限(?:の)?(?:設定|管理|付与|制御|見直)|管理者権限")),
    ("再委託", re.compile(r"再委託")),
    ("廃棄・消去", re.compile(r"廃棄|消去|溶解|シュレッダー|裁断|焼却|自動削除")),
    ("外部媒体", re.compile(r"USB|外部媒体|記録媒体|可搬")),
    ("ISMS・Pマーク", re.compile(r"ISMS|ISO/?IEC ?27001|プライバシーマーク|Pマーク|JIS ?Q ?15001|ISO ?27001")),
    ("閉域網", re.compile(r"閉域|LGWAN|専用回線|インターネット(?:から|と)(?:分離|隔離|切り離)|ネットワーク(?:から)?分離")),
    ("生体認証", re.compile(r"生体認証|顔認証|指紋|静脈")),
    ("多要素認証", re.compile(r"二要素|多要素|ワンタイムパスワード")),
    ("入退室管理", re.compile(r"入退室|施錠|ワイヤーロック")),
    ("誓約書", re.compile(r"誓約書")),
    ("書類の返還", re.compile(r"返還")),
    ("SLA", re.compile(r"SLA|サービスレベル")),
    ("監査・報告", re.compile(r"実地検査|監査|立入検査|報告を求|報告する")),
)
# nouns of every consultation: they say nothing about which one it is
_GENERIC_NOUNS = frozenset(
    """個人情報 個人 情報 保護 事務 業務 審議 諮問 答申 委託 外部委託 処理 取り扱い 取扱い 取扱 変更 導入 市 本市 当市 件
    システム 電子計算機 計算機 電子 結合 利用 提供 収集 本人 以外 評価 評価書 承認 指定 改正 条例 実施 機関 実施機関 委員
    課 室 部 理解 説明 確認 内容 記載 必要 場合 予定 現在 資料 ページ 対応 対象 方法 管理 運用 データ 事業 事業者 受託者""".split()
)


@dataclass
class Precedent:
    id: int
    source: str
    label: str
    title: str
    kind: str | None
    status: str
    outcome: str
    score: float
    why: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "source": self.source, "label": self.label, "title": self.title, "kind": self.kind,
                "status": self.status, "outcome": self.outcome, "score": self.score, "why": list(self.why)}


@dataclass(frozen=True)
class Profile:
    """What similarity looks at in one consultation."""

    kinds: frozenset[str]
    data: tuple[str, ...]
    safeguards: tuple[str, ...]
    nouns: frozenset[str]

    def to_stored(self) -> dict[str, Any]:
        """The JSON form kept with the consultation (sets sorted; stamped with ``PROFILE_VERSION``)."""
        return {"v": PROFILE_VERSION, "kinds": sorted(self.kinds), "data": list(self.data),
                "safeguards": list(self.safeguards), "nouns": sorted(self.nouns)}

    @classmethod
    def from_stored(cls, stored: Mapping[str, Any] | None) -> Profile | None:
        """The kept profile; None when there is none or it was made by other rules (make it again)."""
        if not stored or stored.get("v") != PROFILE_VERSION:
            return None
        return cls(frozenset(stored["kinds"]), tuple(stored["data"]), tuple(stored["safeguards"]),
                   frozenset(stored["nouns"]))


class Profiled(Protocol):
    """What a profile is made of: a stored record (``ConsultationRecord``) or a parsed ``Consultation``."""

    @property
    def title(self) -> str: ...

    @property
    def kind(self) -> str | None: ...

    @property
    def requests(self) -> list[str]: ...

    @property
    def qa(self) -> list[QAPair]: ...


def kinds_of_record(c: Profiled, text: str = "") -> frozenset[str]:
    """The normalised kinds of ``c``: from its ``kind``, its title, and a few unmistakable phrases of its text."""
    found: set[str] = set()
    for raw in (c.kind or "", c.title):
        t = half_to_full(raw)
        found.update(name for name, pattern in KINDS if pattern.search(t))
    found.update(name for name, pattern in _STRONG_KIND_TEXT if pattern.search(c.title + " " + text[:4000]))
    return frozenset(found)


def _vocabulary(vocab: tuple[tuple[str, re.Pattern[str]], ...], text: str) -> tuple[str, ...]:
    return tuple(name for name, pattern in vocab if pattern.search(text))


def profile(c: Profiled, text: str = "") -> Profile:
    """``c``'s profile; ``text`` is the text of its passages (the Q&A is read from the record)."""
    qa = " ".join(f"{q.question} {q.answer}" for q in c.qa)
    whole = normalize(" ".join((c.title, " ".join(c.requests), qa, text)))
    nouns = {
        u.word for u in query_units(" ".join((c.title, *(q.question for q in c.qa))))
        if u.noun and len(u.word) >= 2 and u.word not in _GENERIC_NOUNS and not u.word.isdigit()
    }
    return Profile(kinds_of_record(c, text), _vocabulary(DATA, whole), _vocabulary(SAFEGUARDS, whole),
                   frozenset(nouns))


def document_profiles(doc: ParsedDocument) -> list[Profile]:
    """The profile of each consultation of a parsed document, its passages' text joined in the order they are
    read back once stored (by start, then document order)."""
    texts: dict[int, list[tuple[int, int, str]]] = {}
    for order, p in enumerate(doc.passages):
        if p.consultation_index is not None:
            texts.setdefault(p.consultation_index, []).append((p.start, order, p.text))
    return [profile(c, "\n".join(t for _, _, t in sorted(texts.get(i, [])))) for i, c in enumerate(doc.consultations)]


def _place(c: ConsultationRecord) -> str:
    return c.municipality or c.council or ""


def _latest_of_matters(candidates: Sequence[ConsultationRecord]) -> list[ConsultationRecord]:
    """One record per matter: records a later record of the same matter follows are dropped."""
    followed = superseded(candidates)
    return [c for c in candidates if c.id not in followed]


def candidates_of(target: ConsultationRecord, candidates: Sequence[ConsultationRecord]) -> list[ConsultationRecord]:
    """The records ``target`` is compared with: the latest record of each matter, never ``target``'s document
    nor its matter."""
    return [
        c for c in _latest_of_matters(candidates)
        if c.id != target.id and c.source != target.source and not same_matter(target, c)
    ]


def similar(
    target: ConsultationRecord,
    candidates: Sequence[ConsultationRecord],
    passages_text: Mapping[int, str],
    k: int = 5,
) -> list[Precedent]:
    """The ``k`` consultations most like ``target`` from other documents (see the module docstring).

    ``passages_text`` maps a consultation id to the text of its passages (missing ids count as empty)."""
    pool = candidates_of(target, candidates)
    if not pool:
        return []
    profiles = {c.id: profile(c, passages_text.get(c.id, "")) for c in pool}
    return rank(target, profile(target, passages_text.get(target.id, "")), pool, profiles, k)


def rank(
    target: ConsultationRecord,
    mine: Profile,
    pool: Sequence[ConsultationRecord],
    profiles: Mapping[int, Profile],
    k: int = 5,
) -> list[Precedent]:
    """The ``k`` records of ``pool`` (``candidates_of``) most like ``target``, whose profile is ``mine``;
    ``profiles`` holds the profile of every record of the pool."""
    if not pool:
        return []
    df: dict[str, int] = {}
    for p in [mine, *(profiles[c.id] for c in pool)]:
        for w in p.nouns:
            df[w] = df.get(w, 0) + 1
    n = len(pool) + 1

    def idf(w: str) -> float:
        return math.log(1 + n / df.get(w, 1))

    mine_weight = math.fsum(idf(w) for w in mine.nouns) or 1.0  # fsum: the same whatever the set's order
    out: list[Precedent] = []
    for c in pool:
        p = profiles[c.id]
        score, why = 0.0, []
        kinds = sorted(mine.kinds & p.kinds, key=_kind_order)
        if kinds:
            specific = [x for x in kinds if x not in GENERIC_KINDS]
            score += WEIGHTS["kind"] if specific else WEIGHTS["generic_kind"]
            why.append("同じ種類: " + ", ".join(kinds))
        data = [d for d in mine.data if d in p.data]
        if data:
            score += WEIGHTS["data"] * min(len(data), WEIGHTS["data_cap"])
            why.append("共通する個人情報: " + ", ".join(data))
        guards = [g for g in mine.safeguards if g in p.safeguards]
        if guards:
            score += WEIGHTS["safeguard"] * min(len(guards), WEIGHTS["safeguard_cap"])
            why.append("共通する安全対策: " + ", ".join(guards))
        shared = sorted(mine.nouns & p.nouns, key=lambda w: (-idf(w), w))
        if shared:
            score += WEIGHTS["nouns"] * math.fsum(idf(w) for w in shared) / mine_weight
            why.append("共通する語: " + ", ".join(shared[:5]))
        if _place(c) != _place(target):
            score += WEIGHTS["other_council"]
        if score < MIN_SCORE:
            continue
        out.append(Precedent(c.id, c.source, c.label, c.title, c.kind, c.status, c.outcome, round(score, 3), why))
    out.sort(key=lambda x: (-x.score, x.id))
    return out[:k]


_KIND_NAMES = [name for name, _ in KINDS]


def _kind_order(kind: str) -> int:
    return _KIND_NAMES.index(kind) if kind in _KIND_NAMES else len(_KIND_NAMES)


def _rules_stamp() -> str:
    """A digest of every rule a profile is made by: a kept profile made by other rules is made again."""
    rules = repr((PROFILE_RULES, KINDS, _STRONG_KIND_TEXT, DATA, SAFEGUARDS, sorted(_GENERIC_NOUNS)))
    return hashlib.sha256(rules.encode("utf-8")).hexdigest()[:16]


PROFILE_RULES = 1  # raise when ``profile`` itself changes (the vocabularies are in the stamp already)
PROFILE_VERSION = _rules_stamp()
