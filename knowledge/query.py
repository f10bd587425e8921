"""Reading a question as members type it: intent, named meeting/consultation/municipality, and concepts.

Everything is matched on the NFKC, lower-cased question (full- and half-width forms alike). Labels may be
typed loosely (諮問10号, 案件2, イの件), dates in 和暦 or 西暦, the municipality may be omitted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

from knowledge.asked_dates import date_event, written
from knowledge.parties import asked_party
from knowledge.steps import Step, steps_in
from knowledge.synonyms import alternatives, thesaurus_words, variants_in
from knowledge.tokenize import normalize, query_units
from knowledge.wareki import ERA_OFFSETS, normalize_numbers

Intent = Literal["fact", "pending", "outcome", "next_meeting"]
MeetingFact = Literal["time", "place", "attendance", "chair", "date", "addressee", "agenda"]
LetterFact = Literal["date", "addressee", "inquiry", "members", "chair"]  # what a 答申 says of itself: date, to whom, which 諮問, by whom, its 会長

# Words that say what kind of answer is wanted rather than what it is about: searched with a low weight,
# never required of a passage.
SOFT_WORDS: frozenset[str] = frozenset(
    """
    何 何人 何名 何件 何回 何日 何時 何歳 いつ どこ 誰 何故 なぜ どう どの どれ どんな いくら 幾ら 幾つ くらい 位 程度
    理由 方法 内容 教える 知る 分かる 聞く 尋ねる 説明 話 質問 意見 指摘 回答 答える 答え 返答 返事 話す 可能 対応 関係 状況
    必要 具体 具体的 詳細 一覧 審議会 審議 会議 議事録 委員会 委員 件 案件 諮問 略 意味 一体 本当 実際 結局 結論 結果
    取り扱い 扱い 変わる 出す 出る 行う やる 使う 考え 考える 今回 次 次回 ある 無い 場所 人 者 時 会社 どちら
    ok オーケー 大丈夫 そのもの 名前 名称 種類 人数 金額 日数 年数 期間 時期 いつ頃 頃 ところ 感じ 話 ん の 今 まで 以降 以前 後 際 用 一番 全部
    時点 今迄 正式名称 呼び名 通称 最初 初め 始め はじめ 当初 最後 根拠 判断
    頻度 ペース 数字 自体 最終的 丸ごと まるごと そのまま 入る
    其々 それぞれ 奴 やつ 抑 そもそも 駄目 だめ 正式 筈 はず 侭 まま 本来
    大体 だいたい 凡そ およそ 大凡 ざっくり ざっと そう 切っ掛け きっかけ
    とこ いま 仕方 やり方 西暦 和暦 さん ちゃん くん
    """.split()
)

_PENDING_RE = re.compile(
    r"継続審議|継続中|継続とな|継続にな|結論が?(?:まだ)?出て(?:い)?ない|結論(?:が)?出ていない|未決|保留|審議中|持ち越|未了"
    r"|決まって(?:い)?ない|次回審議(?!会)|次回に(?:持ち越|審議|回)|積み残|終わって(?:い)?ない|ペンディング|pending"
)
# 「電子決済の件って、なんで継続審議になったの?」: why one matter was carried over, not the list of open ones
_WHY = re.compile(r"なんで|なぜ|何で|どうして|理由")
_WHY_MATTER = re.compile(_WHY.pattern + r"|の件")
_OUTCOME_RE = re.compile(
    r"どうなった|どうなりました|どうなって|結論|(?:(?<![一-龥])|(?<=審議)|(?<=審査)|(?<=諮問))結果|承認され|承認を|認められ|可決|答申|了承"
    r"|可とされ|適当と|どう決|決着|止まって|進んで(?:い)?ない|なんで継続|なぜ継続|結論出"
)
# Words that may ask for an outcome or for a fact ("運用業者はどこに決まった?"): an outcome only when the
# question names nothing more specific than the consultation.
_WEAK_OUTCOME_RE = re.compile(r"決まった|決まりました|通った|判断|ok|オーケー")
_COUNCIL_NAME = r"(?:情報公開・?)?(?:個人情報保護)?"  # 「次の個人情報保護審議会」: the council's name before 審議会
_NEXT_MEETING_RE = re.compile(
    r"(?:次|次回|今後|今度|来月|今月|来週|この先)の?(?:[一-龥・]{0,12}(?:審議会|審査会|部会|会議|会合)|開催)"  # 次の保護審議会
    r"|(?:審議会|審査会|会議)の(?:予定|日程|開催予定)"
    r"|(?:次|次回)(?:は|って)?いつ|開催予定|(?:次|次回|今度)の?(?:議題|審議案件)|(?:次|次回)の?第?\d+回"
)
_WHEN_RE = re.compile(r"いつ|予定|日程|何日|何時|開催|議題|どこ|場所|会場|部屋")  # 次の審議会どこでやる?: the 次回 sentence says it

# A question about the meeting itself (when it started or ended, where it was held, who attended): its answer
# is in the header of the minutes. Only when the question names nothing but the meeting.
_MEETING_RE = re.compile(r"審議会|審査会|会議|会合|開催|開会|閉会|答申|(?:月|回|日)の会(?![議合社計])"
                         r"|(?:部屋|会場|場所|どこ)で(?:やっ|開い|開か|行わ)")  # 「どこの部屋でやったの?」: where it was held
# who attended is asked of a meeting, even when the question does not say which (委員は何人出てた? 傍聴の人っていた?)
_ATTENDED = re.compile(r"出席|欠席|傍聴|休んだ|何人(?:来|出)")
_ABSENT_WORDS = r"欠席|休んだ|休んで|休み|来なかった|来てなかった|来ていなかった"  # who was absent: an attendance question, wanting 欠席
_MEETING_FACTS: tuple[tuple[MeetingFact, re.Pattern[str]], ...] = (
    ("time", re.compile(r"何時|何分|(?:始ま|終わ|開始|終了|開会|閉会|散会)(?:っ|る|り|の|時)|時間|時刻")),
    ("place", re.compile(r"どこで|場所|会場|部屋|会議室(?:は|って)?どこ")),
    ("attendance", re.compile(r"出席|誰が(?:来|い|出)|何人(?:来|い|出)|傍聴|" + _ABSENT_WORDS)),
    # what the head of a minutes or of a 答申 says: who chaired or signed, the date it bears, to whom it is addressed
    ("chair", re.compile(r"(?:会長|議長|委員長|仕切り役?|進行役|司会(?:役|者)?)(?:は|って|の名前は?)?(?:誰|だれ|何さん|名前)")),
    ("date", re.compile(r"何月何日|日付|いつ(?:出|付|だっ|の|やっ|開か|開い|あっ)|(?:審議会|審査会|会議|会|回)(?:って|は)?(?:いつ|何日)(?:やっ|開|あっ|だ|[?？]|$)"
                        r"|月の(?:って|は)?何日")),  # 「2024年10月のって何日だっけ?」: which day of that month
    ("addressee", re.compile(r"宛先|あて先|宛て|(?:誰|だれ)宛")),
    ("agenda", re.compile(r"何を(?:審議|議論|話し合|諮問)|議題|(?:案件|諮問)(?:は|って)(?:何|なに)|どんな(?:案件|諮問|議題)")),
)
MEETING_WORDS: frozenset[str] = frozenset(
    "終わる 始まる 終了 開始 開会 閉会 散会 開催 開く 行う 場所 会場 部屋 出席 出席者 出席委員 欠席 傍聴 傍聴人 傍聴者 "
    "来る いる 休む 時間 時刻 "
    # casual words around a meeting fact ("12月の回、何時スタート?", "どこの部屋でやった?", "委員は何人出てた?")
    "スタート 始まり 終わり 開始時刻 終了時刻 やる する 出る 回 会 会議 会議室 審議会 委員会 部会 委員 会長 副会長 市 町 村 区 "
    "個人情報保護 情報公開 答申 諮問 審査会 宛先 宛て先 あて先 市長 町長 村長 区長 名前 誰 付 付け 出す 議題 案件 審議 議論 "
    "話し合う 仕切る 仕切り 仕切り役 役 進行 進行役 司会 司会者 人 いる 居る".split()
)
_MEETING_NAMING = re.compile(r"^(?:\d{1,4}(?:年|月|日|号)|第?\d{1,3}回|令和\d+年度?|平成\d+年度?|(?:\d{1,2}|[一二三四五六七八九十]{1,2})(?:人|名))$")  # 休んだ2人
_VICE = re.compile(r"副\s*(?:会\s*長|委\s*員\s*長|議\s*長)|会長職務代理")  # which meeting
# A word of the question that only says which meeting it is about (12月, 第31回, 令和5年度, "12月の会"'s 会): every
# passage of that meeting has it, whether or not its own text says it.
_NAMES_A_MEETING = re.compile(r"^(?:\d{1,4}(?:年度?|月|日)|第?\d{1,3}回目?|(?:令和|平成)(?:\d+|元)年度?"
                              r"|会|回|審議会|審査会|会議|会合|部会)$")


def names_a_meeting(word: str) -> bool:
    """``word`` (a concept of a question) only says which meeting the question is about."""
    return _NAMES_A_MEETING.match(word) is not None
_MEETING_WANTS: dict[MeetingFact, re.Pattern[str]] = {
    "time": re.compile(r"\d{1,2}\s*[:：]\s*\d{2}|\d{1,2}\s*時"),
    "place": re.compile(r"場\s*所|会\s*場|庁\s*舎|役\s*所|会議室|委員会室|ホール"),
    "attendance": re.compile(r"出\s*席|欠\s*席|傍\s*聴"),
    "chair": re.compile(r"会\s*長|議\s*長|委\s*員\s*長"),
    "date": re.compile(r"\d{1,2}\s*月\s*\d{1,2}\s*日|(?:\d{4}|[rh令平]\s*\d{1,2})\s*[/.．]\s*\d{1,2}\s*[/.．]\s*\d{1,2}"),  # 2025/2/12, R7.2.12
    "addressee": re.compile(r"様|殿"),
    "agenda": re.compile(r"議\s*題|案\s*件|議\s*事|諮\s*問"),
}

_BARE_LABEL = re.compile(r"(?<![\d第])(\d{1,4})\s*号(?![館線室機車棟炉地店様式])")  # "21号の件", "526号を審議した部会"
_BARE_NUMBER = re.compile(r"\d{1,4}号")
_ASKS_ABSENT = re.compile(_ABSENT_WORDS)
_ABSENT = re.compile(r"欠\s*席")
# "(2025年)3月の審議会": a month naming a meeting
_OF_MEETING = (r"\s*(?:(?:に開かれた|に開催された|にあった|にやった|開催)の?|の)" + _COUNCIL_NAME
               + r"(?:審議会|審査会|会議|会合|部会|回|会(?![議合社計]))")
_MEETING_AFTER = re.compile(_OF_MEETING)
_BARE_MONTH_MEETING = re.compile(r"(?<![\d年])(\d{1,2})\s*月" + _OF_MEETING)
_NUM_LABEL_RES = (
    re.compile(r"(?:諮問|案件|議題|諮問事項|諮問案件|審議事項|協議事項|付議事項)\s*(?:第)?\s*[(（]?\s*(\d{1,4})\s*[)）]?\s*(?:号)?"),
    re.compile(r"第\s*(\d{1,4})\s*号"),
    _BARE_LABEL,
    re.compile(r"[(（]\s*(\d{1,2})\s*[)）]\s*(?:の件|の案件|の諮問|番)"),
    re.compile(r"(\d{1,2})\s*(?:番目|件目)の?(?:案件|諮問|件)"),
)
_KANA_LABEL_RES = (
    re.compile(r"(?:諮問|案件|諮問事項|議題|漏洩報告|報告)\s*([ア-ン])(?![ァ-ヶー])"),
    re.compile(r"(?<![ァ-ヶー])([ア-ン])\s*(?:の件|の案件|の諮問|案件|号議案)"),
)
_DEFINE_RE = re.compile(r"([a-z0-9ァ-ヶー一-龥]{2,20})(?:って|とは|は)(?:そもそも|一体|いったい|結局)?"
                        r"(?:何の略|なんの略|何|なに|なん|どういう意味|どういうもの|どんなもの)")  # VRSってそもそも何?
# A meeting named by its number (第74回), in a question or in a meeting's session.
SESSION_RE = re.compile(r"第\s*(\d{1,3})\s*回")
# ... typed loosely in a question: "74回の審議会", "令和5年度1回目の会議" (not 年1回, a frequency)
_LOOSE_SESSION = re.compile(
    r"(?<![\d第年月週日毎に])(\d{1,3})\s*回目?(?=の?\s*(?:会議|審議会|審査会|会合|部会|会(?![議合社計])))"  # 74回の審議会
    r"|(?<=年度)(\d{1,3})\s*回目?"  # 令和5年度1回目
    r"|(?<=の)(\d{1,3})\s*回目?(?=を|で|に|は|の|って)")  # 吹田の74回を
_ERA_RE = re.compile(r"(令和|平成|昭和)\s*(元|\d{1,2})\s*年(度)?(?:\s*(\d{1,2})\s*月)?(?:\s*(\d{1,2})\s*日)?")
# R7.10.23, H27.1, R4第2回, r6年度: the era by its letter (the question is lower-cased)
_ERA_ABBR_RE = re.compile(r"(?<![a-z])([rhs])\s*(\d{1,2})(?:\s*年(度)?|(?=[./]\d)|(?=第|の|年度|\s))"
                          r"(?:[./](\d{1,2}))?(?:[./](\d{1,2}))?(?!\d)")
_ERA_LETTER = {"r": "令和", "h": "平成", "s": "昭和"}
# 12/20の審議会: a month and day naming a meeting, without its year
_MONTH_DAY_MEETING = re.compile(r"(?<![\d/.])(\d{1,2})/(\d{1,2})(?![\d/])" + _OF_MEETING)
_YEAR_RE = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*(?:年(度)?|[-/.])(?:\s*(\d{1,2})\s*(?:月|[-/.]))?(?:\s*(\d{1,2})\s*日?)?")
_PLACE_RE = re.compile(r"([一-龥ヶ々ァ-ヶー]{1,6}?[都道府県市区町村])(?=の|で|は|が|に|と|役所|議会|審議会|個人情報)")
_GENERIC_PLACES = frozenset(
    "本市 当市 各市 他市 全市 同市 貴市 市 都 県 府 道 区 町 村 市区町村 区市町村 市町村 都道府県 各区 本区 当区 各町 本町 "
    "当町 同町 本村 当村 都市 政令市 中核市 各都道府県 他県 本県 当県 都内 県内 市内 区内".split()
)


_TRAILING_KANA = re.compile(r"(?<=[一-龥々])[ぁ-ゖ]+$")


def _stem(part: str) -> str:
    """A part without its trailing okurigana (届け -> 届, as in 届出): the part itself when it has none."""
    return _TRAILING_KANA.sub("", part)


@dataclass
class Concept:
    """A content word of the question with its sub-terms and thesaurus alternatives."""

    word: str
    parts: tuple[str, ...] = ()
    alts: tuple[str, ...] = ()
    soft: bool = False
    noun: bool = True

    def found_in(self, text: str) -> bool:
        """``text`` (normalised) says the concept: its word, one of its alternatives, or all of its parts."""
        if self.word in text or any(a in text for a in self.alts):
            return True
        return bool(self.parts) and all(p in text or _stem(p) in text for p in self.parts)


@dataclass
class Query:
    text: str
    norm: str
    intent: Intent
    concepts: list[Concept]
    label_nums: set[str] = field(default_factory=set)
    label_kana: set[str] = field(default_factory=set)
    ordinal: int | None = None  # 「2つ目の諮問」「案件の3番目」: the consultation by its place in its meeting
    extreme: int = 0  # a date asked of the last (1: 「最後に審議したのはいつ?」) or the first (-1: 「最初に…」) of several
    session_nums: set[str] = field(default_factory=set)
    years: set[int] = field(default_factory=set)  # calendar years (a 年度 adds both years it spans)
    months: set[tuple[int, int]] = field(default_factory=set)
    meeting_months: set[int] = field(default_factory=set)  # "3月の審議会" without a year: the meeting's month
    month_names_meeting: bool = False  # "2025年3月の審議会": ``months`` is the meeting's month
    latest_meeting: bool = False  # 「こないだの審議会」「この前の会議」: the latest minutes
    counts_attendance: bool = False  # 「何人出席した?」: a count, in the header or in the body's roll call
    places: list[str] = field(default_factory=list)  # municipality-like names typed in the question
    wants: re.Pattern[str] | None = None  # what the answer must contain (answer_type)
    asks_date: bool = False  # the question asks a date (いつ, 何月何日, 答申日)
    asks_answer_date: bool = False  # ... of the 答申 or of the 諮問 (said in the head of a 答申)
    asks_requests: bool = False  # 「9号の件で付けた要望って何?」: the words of the council's requests
    loose_outcome: bool = False  # 「予約用のパスワードってどうなってる?」: どうなってる after no matter word nor detail word
    after_answer: bool = False  # 「答申のあと市は実際に出したの?」: what a 答申 cannot say of itself
    party: int = 0  # whose words it asks (knowledge.parties: 申立人は何て言ってた? -> APPLICANT)
    event: Concept | None = None  # ... of this (諮問っていつ, ヒアリングした日; 区長って誰): a date (a name) answers it only beside it
    asker: str | None = None  # 「副会長が聞いてた…」: the speaker whose question it was (副会長)
    letter_fact: LetterFact | None = None  # 答申っていつ出た? 宛先は? 諮問の番号は?: said in the head of a 答申
    next_in_minutes: bool = False  # 「第31回のとき、次の会議はいつって話だった?」: the minutes' 次回 sentence
    defines: str | None = None  # the term a "Xって何(の略)?" question asks to define
    meeting_fact: MeetingFact | None = None  # the question asks when/where a meeting was held, who attended

    @property
    def asks_letter_date(self) -> bool:
        """The question asks the date of the 答申 itself (答申っていつ出た?): the date its letter bears."""
        return self.letter_fact == "date"

    @property
    def names_consultation(self) -> bool:
        return bool(self.label_nums or self.label_kana)

    @property
    def names_no_meeting(self) -> bool:
        """Nothing in the question says which meeting or matter: no municipality, date, session or label."""
        return not (self.places or self.years or self.months or self.meeting_months or self.session_nums
                    or self.names_consultation)


def _year_of(era: str, y: str) -> int:
    return ERA_OFFSETS[era] + (1 if y == "元" else int(y))


_ORPHAN_NOTTE = re.compile(r"(?:^|(?<=[\s、,]))のって")


def _dates(norm: str, q: Query) -> str:
    """Record the dates named in ``norm``; return the text with them blanked out."""
    for rx, era_group in ((_ERA_RE, True), (_ERA_ABBR_RE, True), (_YEAR_RE, False)):
        for m in rx.finditer(norm):
            if era_group:
                year = _year_of(_ERA_LETTER.get(m.group(1), m.group(1)), m.group(2))
                fiscal, month = bool(m.group(3)), m.group(4)
            else:
                year, fiscal, month = int(m.group(1)), bool(m.group(2)), m.group(3)
            q.years.add(year)
            if fiscal:
                q.years.add(year + 1)
            if month and 1 <= int(month) <= 12:
                mo = int(month)
                q.months.add((year + 1 if fiscal and mo <= 3 else year, mo))
                q.month_names_meeting |= _MEETING_AFTER.match(norm, m.end()) is not None
        norm = rx.sub(" ", norm)
    for rx in (_BARE_MONTH_MEETING, _MONTH_DAY_MEETING):
        for m in rx.finditer(norm):
            if 1 <= int(m.group(1)) <= 12:
                q.meeting_months.add(int(m.group(1)))
    # 「12/20の審議会」: the day names the meeting; its numbers are no words to search
    return _MONTH_DAY_MEETING.sub(lambda m: " " + m.group(0)[m.end(2) - m.start():], norm)


_KANJI_ORDINALS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6}
_ORDINAL = re.compile(r"(\d|[一二三四五六])\s*(?:つ|個|番|件)目の?(?:諮問|案件|議題|件|審議事項)"
                      r"|(?:諮問|案件|議題|審議事項)の(\d|[一二三四五六])\s*(?:つ|個|番|件)目")


def _labels(norm: str, q: Query) -> str:
    for m in _ORDINAL.finditer(norm):
        n = m.group(1) or m.group(2)
        q.ordinal = int(n) if n.isdigit() else _KANJI_ORDINALS[n]
    norm = _ORDINAL.sub(" 諮問 ", norm)
    for rx in _NUM_LABEL_RES:
        for m in rx.finditer(norm):
            q.label_nums.add(str(int(m.group(1))))
        if rx is not _BARE_LABEL:  # "88号" stays a (soft) word too: the number a 答申 bears may not be its label
            norm = rx.sub(" ", norm)
    for rx in _KANA_LABEL_RES:
        for m in rx.finditer(norm):
            q.label_kana.add(m.group(1))
        norm = rx.sub(" ", norm)
    for rx in (SESSION_RE, _LOOSE_SESSION):
        for m in rx.finditer(norm):
            q.session_nums.add(str(int(next(g for g in m.groups() if g))))
        norm = rx.sub(" ", norm)
    return norm


def _stands_alone(name: str, text: str, known: frozenset[str]) -> bool:
    """``name`` occurs in ``text`` as a name of its own: not inside a longer kanji word (多摩 in 多摩中央公園), its
    own municipality suffix aside (多摩市; 青葉区 is not the ``known`` 青葉市; a suffix when none is known)."""
    suffixes = "".join(s for s in "市区町村都道府県" if name + s in known) or "市区町村都道府県"  # none known: any
    rx = re.compile(r"(?<![一-龥々])" + re.escape(name) + f"(?:[{suffixes}]|(?![一-龥々]))")
    return rx.search(text) is not None


# "Xはどうなってる?" asks for an outcome when X is the consultation, a detail when X is one of its points
# ("接種証明書を取るときの本人確認はどうなってる?"): said by the words before どうなっ.
_HOW_IS_IT = re.compile(r"どうなっ|どうなりました")
_DETAIL_BEFORE = re.compile(r"とき|時に|際|場合|方法|手続|本人確認|期間|保存|取り?扱い|仕組み|費用|料金|手数料|セキュリティ|範囲"
                            r"|体制|流れ|スケジュール|頻度|場所|人数|件数|金額|担当|責任|管理方法|やり方")
_MATTER_BEFORE = re.compile(r"(?:件|案件|諮問|号|事項|議案|答申|のやつ|の奴|の話)\s*(?:は|って|、|,)?\s*(?:結局|その後|今|いま|もう|無事に?)?\s*$")


# The day something happened, asked by its name (答申日は?, 諮問日って?)
# ... or by what was done on it (ヒアリングした日, 来た日は?, 決まった日にち)
_DAY_OF = (r"(?:答申|諮問|開催|決定|請求|提出|施行|開始|実施|受理|処分|申立て?|審査請求|意見陳述)日"
           r"|(?<=[ただ])日(?=は|って|に|を|[?？]|$)|日にち")

_ANSWER_OR_REQUEST = re.compile(r"答申|諮問")
_LETTER_DATE = re.compile(r"答申(?:日|書?の日付|書?(?:って|は|が|の)?(?:いつ|何月|日付)|書?(?:って|は|が)?(?:いつ)?出)")  # 答申っていつ出た?
# the head of a 答申: to whom it is addressed (横浜市長 林 文子 様), the 諮問 it answers (…第633号による次の諮問)
_LETTER_ADDRESSEE = re.compile(r"宛先|宛て先|あて先|(?:誰|だれ|どこ)(?:宛|あて)|宛て?(?:は|って|に)")
_INQUIRY_NUMBER = re.compile(r"諮問(?:書?(?:の|、|,|\s)\s*)?(?:文書)?(?:番号|何号)|諮問番号|何号で諮問")  # 468号の諮問、文書番号は?
# the 会長 who signs the 答申 (会 長 藤 原 靜 雄), not the members of the 部会 that examined it
_LETTER_CHAIR = re.compile(r"会長(?:って|は|が|の)?(?:誰|だれ|名前|氏名)")
_LETTER_MEMBERS = re.compile(r"(?:担当|審議|関与|扱|判断|議論|審査)(?:し|っ)?(?:た|てた|ていた)?(?:部会の)?委員"
                             r"|委員(?:って|は|が)?(?:誰|だれ|名前)|どの委員|委員の名前")
_LETTER_WANTS = {"addressee": re.compile(r"(?:長|知事|委員会|管理者|理事者)[\s　]*(?:[一-龥々][\s　]*){0,6}様"), "inquiry": re.compile(r"第?\s*\d+\s*号による|号で諮問"),
                 "chair": re.compile(r"会[\s　]*長[\s　]*(?:[一-龥々][\s　]*){2,6}")}
_LETTER_WORDS = frozenset("答申 答申書 諮問 諮問書 文書 番号 宛て先 宛先 あて先 宛て 宛 誰 出る 出す 委員 担当 審議 関与 部会 名前 会長 氏名 "
                          "扱う 判断 議論 審査".split())
_WHAT_PERSON = r"(?:何て|何と|なんて|なんと)(?:いう|言う)(?:人|方)|どなた"  # 医者って何ていう人?
_ASKS_WHO = re.compile(r"誰|だれ|(?<=の)名前|(?<=の)氏名|" + _WHAT_PERSON)
_ASKS_DATE = re.compile(r"いつ|何月|何日|日付|(?<!生)年月日|" + _DAY_OF)

# A question word asking for one fact: "答申はいつ出た?", "結論の理由は?" ask that fact, not how the matter ended.
_ASKS_DETAIL = re.compile(r"いつ|何月|何日|何年|何時|何件|何人|何名|何回|何か月|何ヶ月|何カ月|何(?=[一-龥ァ-ヶ])|いくら|いくつ|誰|だれ|どこ(?!まで)|どの|どんな"
                          r"|どういう|どれ|理由|根拠|何を|何が|何て|何と|何の|日付|日時|宛|名前|氏名|何号|何条|" + _DAY_OF)


# 「結果にこだわってたのはなんで?」 asks a reason; 「なんで止まってるの?」 asks where the matter stands
_WHY_DETAIL = re.compile(r"(?:なんで|なぜ|何で|どうして)(?!.*(?:止まって|進んで(?:い)?ない))")


def _asks_outcome(norm: str, q: Query) -> bool:
    """The question asks how a consultation ended (not a detail of it: a question word such as いつ/誰/理由
    asks that fact; before どうなった/どうなってる, a point of the matter asks about that point)."""
    m = _OUTCOME_RE.search(norm)
    if m is None:
        weak = _WEAK_OUTCOME_RE.search(norm)
        if weak is None or _asks_detail(norm):
            return False
        return q.names_consultation or bool(_MATTER_BEFORE.search(norm[: weak.start()]))  # 「デマンド交通の委託の件、通った?」
    if _asks_detail(norm):
        return False
    if not _HOW_IS_IT.match(norm, m.start()) or _OUTCOME_RE.search(norm, m.end()):
        return True
    before = norm[: m.start()]
    if _MATTER_BEFORE.search(before):
        return True
    q.loose_outcome = not _DETAIL_BEFORE.search(before)  # the engine asks its titles whether it names a matter
    return q.loose_outcome


# 「結局どういう結論?」「どんな結果だった?」: the question word asks the outcome itself
_WHAT_OUTCOME = re.compile(r"(?:どういう|どんな|どのような)(?:結論|結果|答申)")


def _asks_detail(norm: str) -> bool:
    if _WHAT_OUTCOME.search(norm) and not _ASKS_DETAIL.search(_WHAT_OUTCOME.sub("", norm)):
        return False
    return bool(_ASKS_DETAIL.search(norm) or _WHY_DETAIL.search(norm))


def classify(norm: str, q: Query) -> Intent:
    if _NEXT_MEETING_RE.search(norm) and _WHEN_RE.search(norm) and not _PENDING_RE.search(norm):
        return "next_meeting"
    if _PENDING_RE.search(norm) and not q.names_consultation and not _WHY_MATTER.search(norm):
        return "pending"
    if _asks_outcome(norm, q) and not (_WHY.search(norm) and _PENDING_RE.search(norm)):  # なんで継続審議に?: its reason
        return "outcome"
    return "fact"


# What people type around a question that asks nothing: Slack mentions, links and markup, emoji, greetings,
# urgency tags and a colleague said to have asked ("青木さんが聞いてたんだけど").
_SLACK_LINK = re.compile(r"<(?:https?|mailto):[^>|]*\|([^>]*)>")
# a link's label that only points at the record (<https://…|議事録>), not a word of the question (<https://…|決済機能>)
_POINTER = re.compile(r"(?:前回の|今回の|この|その|第?\d+回の?)?(?:議事録|会議録|資料|答申|答申書|リンク|こちら|これ|ここ|ページ|pdf|PDF|url|URL|添付(?:資料)?)")
_SLACK_REF = re.compile(r"<[@#!][^>]*>|<(?:https?|mailto):[^>]*>")
_URL = re.compile(r"https?://[^\s<>「」（）()、。]+")
_SHORTCODE = re.compile(r":[a-z0-9_+\-]{1,40}:")
_EMOJI = re.compile("[\U0001F000-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF\uFE0F\u200D\u20E3\u3030\u303D]")
_MARKUP = re.compile(r"(?<![A-Za-z0-9*_~`])([*_~`]{1,3})(\S(?:.*?\S)?)\1(?![A-Za-z0-9*_~`])")
_TAGS = re.compile(r"[【\[［〔(（]\s*(?:至急|緊急|確認|質問|急ぎ|重要|相談|共有|お願い|教えて|q)\s*[】\]］〕)）]"
                   r"|^\s*(?:至急|緊急|急ぎ|取り急ぎ|確認です|質問です|質問)(?:で(?:す|すが))?\s*[!！:：、,。]?", re.I)
_GREETING = re.compile(
    r"^\s*(?:(?:すみません|すいません|済みません|失礼します|失礼いたします|恐れ入ります|恐れ入りますが|お疲れ様です|お疲れさまです"
    r"|おつかれさまです|お疲れです|おつかれです|おつかれ|お疲れ|お世話になっております|お世話になります|こんにちは|こんばんは"
    r"|おはようございます|ちょっと|あの|あのー|ええと|えーと|えっと|なお|ところで)[、,。.!！\s]*)+")
_CLOSING = re.compile(r"[、,。.\s]*(?:よろしくお願い(?:いた)?します|よろしくです|お願いします|お願いいたします|助かります"
                      r"|教えてください|教えて(?:ほしい|欲しい)です?|ありがとうございます)[。.!！\s]*$")
_HEARSAY = re.compile(r"^(?P<who>[^、。,\s]{0,9}(?:さん|委員|会長|課長))が(?:聞いて|言って|気にして)(?:た|いた|ました)(?:んだ)?"
                      r"(?:けど|けれど|が)?[、,\s]*")



def _unwrapped(question: str) -> str:
    """The question without mentions, links, emoji, Slack markup, greetings, 至急/【確認】 and closings."""
    text = _SLACK_LINK.sub(lambda m: " " if _POINTER.fullmatch(m.group(1).strip()) else m.group(1), question)
    text = _SLACK_REF.sub(" ", text)
    text = _URL.sub(" ", text)
    text = _SHORTCODE.sub(" ", text)
    text = _EMOJI.sub(" ", text)
    for _ in range(2):
        text = _MARKUP.sub(r"\2", text)
    text = _TAGS.sub(" ", text)
    text = _GREETING.sub("", text)
    text = _CLOSING.sub("", text)
    return re.sub(r"\s+", " ", text).strip()


def strip_noise(question: str) -> str:
    """The question without what asks nothing: mentions, links, emoji, Slack markup, greetings, 至急/【確認】, and
    a colleague said to have asked (「青木さんが聞いてたんだけど」)."""
    text = _HEARSAY.sub("", _unwrapped(question)).strip()
    return text or question


def asker_of(question: str) -> str | None:
    """Who the member says asked it (「副会長が聞いてた…」: 副会長; 「青木さんが…」: 青木), as minutes name a speaker."""
    m = _HEARSAY.match(normalize(_unwrapped(question)))
    if m is None:
        return None
    return m.group("who").removesuffix("さん") or None


def _unit_asked(word: str, norm: str) -> bool:
    """「何手続でスタート?」「何社が応募?」: the word after 何 is the unit of the count asked (23手続), not the topic."""
    return re.search("何" + written(word).pattern, norm) is not None


# what members call their council for short (個情審): the council's name, as its minutes write it
_COUNCIL_SHORT = re.compile(r"個情審(?:議会)?|個人情報(?:保護)?審(?![議査])|個人情報の審議会|(?<![一-龥])保護審議会")  # 「保護審議会」 (not 生活保護審議会)
# the latest meeting, said as people say it (こないだの審議会, この前の会議); the words go, the meeting stays
_LATEST = re.compile(r"(?:こないだ|この間|このあいだ|この前|先日|直近|最近|最新|いちばん最近|一番最近)の?"
                     r"(?=[^、。?？!！\s]{0,12}?(?:審議会|審査会|会議|会合|部会|回(?![答数])|会(?![議合社計長員])))")


_BEFORE_WHICH = re.compile(r"の(?=ど(?:の|こ|れ|う|ちら|んな))")
_COUNT_SHARE = re.compile(r"(何[人件枚台世帯通冊]|何年|何か月|何日)分")


def parse_query(question: str, known_places: frozenset[str] = frozenset()) -> Query:
    """Read ``question``; ``known_places`` are the municipality names of the corpus (normalised)."""
    norm = _COUNCIL_SHORT.sub("個人情報保護審議会", normalize(normalize_numbers(strip_noise(question))))
    latest = _LATEST.search(norm) is not None
    norm = _LATEST.sub("", norm)
    q = Query(text=question, norm=norm, intent="fact", concepts=[], latest_meeting=latest)
    q.asker = asker_of(question)
    rest = _labels(_dates(norm, q), q)
    for m in _PLACE_RE.finditer(rest):
        name = m.group(1)
        if name not in _GENERIC_PLACES and not name.endswith(("都市", "市町村")):
            q.places.append(name)
    for name in known_places:
        if name in rest and name not in q.places and _stands_alone(name, rest, known_places):
            q.places.append(name)
    q.intent = classify(norm, q)
    q.wants = answer_type(norm)
    q.asks_date = _ASKS_DATE.search(norm) is not None
    if q.asks_date:
        q.extreme = 1 if _LAST.search(norm) else -1 if _FIRST.search(norm) else 0
    q.asks_answer_date = q.asks_date and _ANSWER_OR_REQUEST.search(norm) is not None
    if q.asks_answer_date and _LETTER_DATE.search(norm) is not None and "諮問" not in norm:
        q.letter_fact = "date"
    elif _INQUIRY_NUMBER.search(norm):
        q.letter_fact = "inquiry"
    elif _LETTER_ADDRESSEE.search(norm) and (_ANSWER_OR_REQUEST.search(norm) or q.label_nums):
        q.letter_fact = "addressee"
    elif _LETTER_MEMBERS.search(norm) and (_ANSWER_OR_REQUEST.search(norm) or q.label_nums or "件" in norm):
        q.letter_fact = "members"
    elif _LETTER_CHAIR.search(norm) and (_ANSWER_OR_REQUEST.search(norm) or q.label_nums):
        q.letter_fact = "chair"
    if q.letter_fact is not None and q.letter_fact != "date":
        q.wants = _PERSON_NAME if q.letter_fact == "members" else _LETTER_WANTS[q.letter_fact]
    d = _DEFINE_RE.search(norm)
    q.defines = d.group(1) if d else None
    # a name the corpus does not know as a municipality (水道, 北海道) stays a content word; longest first (かえで市)
    for place in sorted(q.places, key=len, reverse=True):
        if place in known_places:
            rest = rest.replace(place, " ")
    rest = _BEFORE_WHICH.sub("の ", rest)  # 「審議したのどの部会?」: の, then どの (not 喉)
    rest = _ORPHAN_NOTTE.sub(" って", rest)  # 「2024年10月のって何日」 with the date taken out: の + って, not 乗って
    rest = _COUNT_SHARE.sub(r"\1 ", rest)  # 「何人分のデータ?」: the count asked, not a topic 分
    syn = dict(variants_in(rest))
    seen: set[str] = set()
    for word, parts, noun in query_units(rest, keep=thesaurus_words()):
        if word in seen:
            continue
        seen.add(word)
        nouns = () if noun else _noun_of(word)  # 問い合わせる -> 問い合わせ, whose thesaurus words (照会) count too
        alts = syn.get(word) or alternatives(word) or next(
            (found for n in nouns if (found := syn.get(n) or alternatives(n))), ())
        alts = (*alts, *_suffix_variants(word), *nouns)
        soft = (word in SOFT_WORDS or (word.startswith("何") and len(word) <= 4) or _BARE_NUMBER.fullmatch(word) is not None
                or _unit_asked(word, rest))
        q.concepts.append(Concept(word, parts, alts, soft=soft, noun=noun))
    for word, alts in syn.items():  # a thesaurus word Sudachi cut in several units (外部記録媒体)
        if any(word in c.word for c in q.concepts):
            continue
        inside = [c for c in q.concepts if c.word in word]
        if inside:
            for c in inside:
                c.soft = True
            q.concepts.append(Concept(word, tuple(c.word for c in inside), alts))
    steps = _add_steps(norm, q.concepts)
    q.party = asked_party(norm)
    q.after_answer = _AFTER_ANSWER.search(norm) is not None
    q.asks_requests = _ASKS_REQUESTS.search(norm) is not None
    if q.after_answer and q.intent == "outcome":  # 「答申のあと市は出したの?」: not how the matter ended in the 答申
        q.intent = "fact"
    if q.wants is not None:  # 「根拠って条例の何条?」「人数は?」: 根拠, 人数 say what is asked, not the topic
        _as_question_words(q.concepts, _ARTICLE_WORDS if q.wants is _ARTICLE else _TYPE_WORDS)
    if q.party:  # 「申立人は…って言ってた?」: who said it is the part of the 答申, not a word of the passage
        _as_question_words(q.concepts, _PARTY_WORDS)
    _meeting_fact(norm, q)
    date_word = _ASKS_DATE.search(norm)
    if date_word is not None and not q.asks_letter_date and q.meeting_fact is None:
        q.event = date_event(norm, date_word.span(), q.concepts, steps)
    who = _ASKS_WHO.search(norm)
    if who is not None and q.wants is _PERSON_NAME and q.event is None and q.meeting_fact is None:
        q.event = date_event(norm, who.span(), q.concepts)  # 「当時の区長って誰?」: a name beside 区長, not any name
    if q.letter_fact is not None and q.meeting_fact is None:  # 答申っていつ出た? 宛先は?: which fact, not the topic
        q.defines = None  # 「諮問の文書番号って何だった?」 asks a number, not what the word means
        _as_question_words(q.concepts, _LETTER_WORDS)
    else:
        q.letter_fact = None  # 「1276号の宛先は?」 names nothing but the 答申: a question on its head (meeting_fact)
    if q.intent == "next_meeting" and (q.session_nums or q.months or q.meeting_months or _REPORTED.search(norm)):
        as_next_in_minutes(q)
    return q


def _as_question_words(concepts: list[Concept], words: frozenset[str]) -> None:
    """Make ``words`` question words (searched, never required): they say what is asked, not what it is about."""
    for c in concepts:
        c.soft = c.soft or c.word in words


def _add_steps(norm: str, concepts: list[Concept]) -> list[tuple[Step, Concept]]:
    """Add the procedure steps the question says as phrases (「市から話を聞いた」 -> 事情聴取); the phrase's own words
    become question words. Returns each step with its concept."""
    added: list[tuple[Step, Concept]] = []
    for step in steps_in(norm):
        phrase = norm[step.start:step.end]
        for c in concepts:
            if c.word in phrase or (not c.noun and len(c.word) > 1 and c.word[:-1] in phrase):  # 決める: 決め
                c.soft = True
        alts = step.words[1:]
        if step.words[0] == "受理" and "諮問書" in alts and _ASKS_DATE.search(norm):
            alts += ("諮問",)  # 「諮問されたのいつ?」: 「…付けで諮問のあった」 says the date too (「諮問はあった?」 asks no date)
        concept = Concept(step.words[0], alts=alts)
        concepts.append(concept)
        added.append((step, concept))
    return added


_ASKS_REQUESTS = re.compile(r"(?:要望|附帯意見|付帯意見|意見を?付|付言|注文)")
_AFTER_ANSWER = re.compile(r"答申(?:第?\s*\d+\s*号)?(?:が出た|が出て|を受けた|の)?(?:あと|後(?!者)|以降)|答申を?受けて|その後"
                           r"|(?:もう|既に|すでに)(?:実際に)?(?:開示|訂正|削除|消去|公開|利用停止)し(?:た|て)")  # 「市はもう実際に開示したの?」
_PARTY_WORDS = frozenset("申し立て人 申立人 異議申立人 請求人 審査請求人 本人 市 町 区 村 市側 町側 区側 村側 実施機関 審査会 側 言う 主張 説明 理屈 "
                         "言い分 述べる".split())
# 「…って話だった」「…の時点で」「第31回のとき」: what a past meeting's minutes said of the next one
_REPORTED = re.compile(r"って話|と(?:言|い)って|話だった|予定だった|言われ|時点で?|(?:回|会議|審議会|審査会)の(?:とき|時)")


_NEXT_WORDS = frozenset("次 今度 審議会 審査会 会議 会合 部会 会 開催 予定 頃 開く 行う".split())


def as_next_in_minutes(q: Query) -> None:
    """Read a question on the next meeting as one on what minutes said of it (次回は令和7年3月に開催する予定): a
    question naming a past meeting, or (``Engine.ask``) a municipality whose schedule the bot does not keep."""
    q.intent = "fact"
    q.next_in_minutes = True
    q.event = None  # 「次の会議はいつ」: the date in the 次回 sentence, whatever it calls the meeting
    _as_question_words(q.concepts, _NEXT_WORDS)  # 「次の審査会いつ頃?」: the 次回 sentence need not say 審査会
    q.concepts.append(Concept("次回", alts=("次の会議", "次の審議会", "次回の会議", "次回の審議会", "次回会議")))
    if q.wants is None:
        q.wants = answer_type("いつ")


_E_I_ROWS = frozenset("えけげせぜてでねへべぺめれいきぎしじちぢにひびぴみり")
_RENYO = {"る": "り", "く": "き", "す": "し", "つ": "ち", "う": "い", "む": "み", "ぶ": "び", "ぐ": "ぎ", "ぬ": "に"}


def _noun_of(verb: str) -> tuple[str, ...]:
    """The noun a compound verb makes of itself, as the records write it: 聞き取る -> 聞き取り (聞取り調査票),
    取り扱う -> 取り扱い, 申し込む -> 申し込み. Only for a verb of kanji and kana both (not する, ある)."""
    last = _RENYO.get(verb[-1:])
    if last is None or len(verb) < 3 or not any("一" <= ch <= "龥" for ch in verb):
        return ()
    if verb.endswith("る") and verb[-2] in _E_I_ROWS:  # 決める, 見せる: the stem (決め, 見せ)
        return (verb[:-1],)
    return (verb[:-1] + last,)


def _suffix_variants(word: str) -> tuple[str, ...]:
    """The same word with the other usual suffix: 代行業者 / 代行事業者, 委託業者 / 委託事業者."""
    if word.endswith("事業者") and len(word) > 3:
        return (word[:-3] + "業者",)
    if word.endswith("業者") and len(word) > 2:
        return (word[:-2] + "事業者",)
    return ()


def _meeting_fact(norm: str, q: Query) -> None:
    """Mark a question about the meeting itself: its meeting words become question words, its answer type set."""
    if q.intent != "fact" or not (q.session_nums or _MEETING_RE.search(norm) or _ATTENDED.search(norm)):
        return
    fact = next((f for f, rx in _MEETING_FACTS if rx.search(norm)), None)
    if fact is None or any(not c.soft and c.word not in MEETING_WORDS and not _MEETING_NAMING.match(c.word)
                           for c in q.concepts):
        return
    if fact == "attendance" and q.wants is not None and q.wants is not _PERSON_NAME:  # 何人出席した: a count
        if not any(c.word == "出席" for c in q.concepts):  # 何人来てた, 何人出てた: 出席, as the minutes say
            q.concepts.append(Concept("出席", alts=tuple(alternatives("出席"))))
        q.counts_attendance = True
        q.latest_meeting = q.latest_meeting or q.names_no_meeting  # 「委員は何人出てた?」: at the latest meeting
        return
    q.meeting_fact = fact
    q.wants = _ABSENT if fact == "attendance" and _ASKS_ABSENT.search(norm) else _MEETING_WANTS[fact]
    if fact == "chair" and _VICE.search(norm):  # 「副会長は誰?」: the vice-chair, not whoever chairs
        q.wants = _VICE
    for c in q.concepts:
        c.soft = True


# A person's name as minutes write it: 高森 和彦, 委員 藤原静雄, 川合委員 (not 出席委員, 全委員)
_PERSON_NAME = re.compile(r"[一-龥]{1,3}[ 　][一-龥]{1,3}(?![一-龥])|(?:委員|会長|課長|部長|市長|町長|村長)[ 　]*[一-龥]{2,4}(?:[、,。 　]|$)"
                          r"|(?<![一-龥])(?!出席|欠席|署名|各|全|学識|公募|専門|外部|臨時)[一-龥]{2,3}委員(?![会長：:）)]|\s*[：:])")

_LAST = re.compile(r"最後|最終|一番新しい|いちばん新しい|直近")
_FIRST = re.compile(r"最初|初回|一番初め|いちばん初め|一番最初|初めて")


# What a question asks for, when it asks for something checkable: the answer must contain such an expression.
_NUM = r"(?:\d[\d,.]*|[一二三四五六七八九十百千万]+)"
_HON_WORD = r"(?![件人市町村庁部日年来当文館校籍書県会])"  # 「３　本件処分の理由」: a heading's number, not 3本
# when something happens, as minutes say it: a date with its number or era, or a word for it (翌月, 当日, 直ちに)
_WHEN_SAID = _NUM + r"[ \t\u3000]*(?:年|月|日|か月|ヶ月|営業日)|令和|平成|年度|翌|毎月|月末|直ちに|即時|即日|当日|速やかに|すぐ|直後"
_ARTICLE = re.compile(r"第?\s*" + _NUM + r"[ \t\u3000]*条")  # an article of a law or an ordinance (第22条第７号)
_ARTICLE_WORDS = frozenset("根拠 条文 条例 規定 条項 法律 法令 条".split())
_TYPE_WORDS = frozenset("日付 日程 時期 日時 日にち 期日 名前 氏名 人数 件数 枚数 回数 割合 金額".split())
ANSWER_TYPES: tuple[tuple[re.Pattern[str], re.Pattern[str]], ...] = (
    (re.compile(r"いくら|何円|金額|料金はいくら|費用は"), re.compile(_NUM + r"[ \t\u3000]*(?:円|万円|億円)|無料|無償|かから(?:ない|ず)|有料")),
    (re.compile(r"何%|何パーセント|何割|割合|率は"), re.compile(_NUM + r"[ \t\u3000]*(?:%|パーセント|割)")),
    (re.compile(r"何号|どの号"), re.compile(r"第?\s*" + _NUM + r"[ \t\u3000]*号")),
    (re.compile(r"(?:どの|何の|どこの)(?:条文|条項|規定|条)|根拠(?:条文|規定)は|何条|条文(?:は|って)"), _ARTICLE),
    (re.compile(r"何種類?"), re.compile(_NUM + r"[ \t\u3000]*種")),
    (re.compile(r"何日|何営業日"), re.compile(_NUM + r"[ \t\u3000]*(?:日|営業日)")),
    (re.compile(r"何年(?!の?何月)|何か月|何ヶ月|何カ月|どのくらいの期間|期間はどのくらい"), re.compile(r"(?<![和成\d])" + _NUM + r"[ \t\u3000]*(?:年(?!\s*\d{1,2}\s*月)|か月|ヶ月|カ月|ケ月)|年間|永年|常用")),
    (re.compile(r"何人|何名|人数"), re.compile(_NUM + r"[ \t\u3000]*(?:人|名)")),
    (re.compile(r"何件"), re.compile(_NUM + r"[ \t\u3000]*(?:件|世帯|通|名分|人分)")),  # 「誤送付、何件?」: ３世帯分
    (re.compile(r"何枚"), re.compile(_NUM + r"[ \t\u3000]*(?:枚|頁|ページ)")),  # 「それぞれ何枚?」: 調査票7頁
    (re.compile(r"何台"), re.compile(_NUM + r"[ \t\u3000]*台")),
    (re.compile(r"何世帯"), re.compile(_NUM + r"[ \t\u3000]*世帯")),
    (re.compile(r"何通"), re.compile(_NUM + r"[ \t\u3000]*通")),
    (re.compile(r"何分|何時間"), re.compile(_NUM + r"[ \t\u3000]*(?:分|時間)")),  # a duration (何分くらい話した?), before 何時
    (re.compile(r"何時"), re.compile(_NUM + r"[ \t\u3000]*時|\d{1,2}:\d{2}")),
    (re.compile(r"何回"), re.compile(_NUM + r"[ \t\u3000]*(?:回|度)|毎年|毎月|毎週|随時")),
    (re.compile(r"何歳"), re.compile(_NUM + r"[ \t\u3000]*歳")),
    # a length or an area (何センチ, 広さは): a number with its unit
    (re.compile(r"何(?:センチ|ミリ|メートル|キロ|平米|平方メートル|坪|ヘクタール)|広さ|面積|長さ|距離"),
     re.compile(_NUM + r"[ \t\u3000]*(?:センチ|cm|ミリ|mm|メートル|m(?![a-z])|キロ|km|平米|平方メートル|㎡|m2|坪|ヘクタール|ha)")),
    # a time limit or a start (いつまでに, いつから): a date, or a bound said without one (開始日までに, 受理後直ちに)
    (re.compile(r"いつ(?:まで|から|以降|以内|頃から)"), re.compile(_WHEN_SAID + r"|以内|以降|まで|から")),
    # a day or a time: a date, said with its number or its era (令和5年, 翌月, 当日)
    (re.compile(r"いつ|何月|時期|日付|(?<!生)年月日|" + _DAY_OF), re.compile(_WHEN_SAID)),
    (re.compile(r"(?:どこの|何て|何という|なんて|どの)(?:会社|業者|事業者|企業|団体|メーカー)|社名|会社名|業者名|事業者名|法人名|ベンダー"
                r"|(?:会社|業者|事業者|企業|法人|メーカー)の名前"
                r"|(?:会社|業者|事業者|企業|委託先|受託者|受注者|委託)(?:は|って|が)?(?:どこ|誰|だれ|何処)"
                r"|どこ(?:に|へ|が)(?:委託|頼|任せ|請け負|受託)"),
     re.compile(r"株式会社|有限会社|合同会社|\(株\)|企業組合|財団|社団|公社|事業団|協同組合|富士通|日立|nec|日本電気|ntt|東芝|三菱|tkc"
                r"|[ァ-ヶー]{3,}(?:社|グループ)|法人|機構|協会|連合会")),
    # a place (どこで面談した?, データセンターはどこにある?): a room, a building, a region or a municipality
    (re.compile(r"どこ(?:で|に|へ|から|にある|に置|の(?:部屋|会議室|場所|施設))|場所は|(?:どこ|何処)(?:[?？]|$|だっけ|なの)"),
     re.compile(r"室|庁舎|センター|[0-9一二三四五六七八九十]+階|国内|国外|海外|県内|市内|町内|村内|都内|区内|東京|大阪|所在|拠点|本社"
                r"|支店|施設|館|病院|学校|役場|役所|事務所|窓口|会場|自宅|居間|玄関|庁内|サーバ|クラウド|書庫|キャビネット|金庫|倉庫"
                r"|[一-龥]{1,4}[都道府県市区町村](?![長民議])")),
    # a person's name (課長の名前, 委員の氏名, 会長は誰): a name as minutes write it (高森 和彦, 委員 藤原静雄, 川合委員)
    # (asked, not talked about: 「調査員の名前は?」, not 「調査員の名前を伏せた理由は?」)
    (re.compile(r"(?:長|員|担当者?|コーディネーター|ワーカー|前任|後任|人|者|師|士|医|先生|担任|さん|司)(?:の|って)?(?:名前|氏名)"
                r"(?=(?:は|って|って何|とか)?(?:[?？]|$|わかる|分かる|なんだっけ|何|なに|教えて|出て|書いて|載って))|誰の名前"
                r"|(?:委員|会長|委員長|市長|町長|村長|区長|課長|部長|局長)(?:\d{1,2}(?:人|名))?(?:って|は|が)?(?:誰|だれ)"
                r"|(?:人|者|員)(?:って|は)?(?:誰|だれ)(?!が|に|から|と|で)|" + _WHAT_PERSON),
     _PERSON_NAME),
    # which municipality (どこの市?): a municipality's name
    (re.compile(r"どこの(?:市|町|村|県|区)|どの(?:市|町|村|県|区)(?:に|へ|から|で)"), re.compile(r"[一-龥ぁ-ん]{1,6}(?:県|市|区|町|村)(?![一-龥])")),
    # where something is kept or placed: a place, not the matter's title
    (re.compile(r"どこ(?:の[一-龥ァ-ヶー]{1,8})?(?:に|で)(?:置|保管|保存|設置|管理|運用)|(?:置き|保管|保存|設置)(?:場所|先)"),
     re.compile(r"国内|市内|県内|都内|庁内|庁舎|役所|センター|施設|倉庫|サーバ室|[一-龥]{1,4}(?:県|市|区|町|村)")),
)


# Any other counter asked with 何 (何社, 何校, 何機関, 何行, 何か所, 何項目): a number with that counter.
_COUNTER = re.compile(r"何\s*(か所|ヶ所|カ所|箇所|機関|項目|団体|世帯|部署|施設|事業者|事業所|地区|段階|自治体|店舗|ページ|文字|桁|手続"
                      r"|[社校行店台冊点倍階課局条項班頁秒週本館])")


# counters written other ways for the same things: companies are counted 社 or 者 (応募は3者; not 件, which counts
# anything: 登録者約21,400件); places か所/箇所/ヶ所/カ所; pages ページ/頁/枚
_SAME_COUNT = (frozenset({"社", "者"}), frozenset({"か所", "ヶ所", "カ所", "箇所"}), frozenset({"ページ", "頁", "枚"}))


@lru_cache(maxsize=512)
def _counted(counter: str) -> re.Pattern[str]:
    same = next((group for group in _SAME_COUNT if counter in group), {counter})
    units = "|".join(re.escape(u) for u in sorted(same, key=len, reverse=True))
    return re.compile(_NUM + r"[ \t\u3000]*(?:" + units + ")" + (_HON_WORD if counter == "本" else ""))


@lru_cache(maxsize=256)
def _year_mentions(years: tuple[int, ...]) -> re.Pattern[str]:
    forms = []
    for y in years:
        forms.append(f"{y}年")
        for era, offset in ERA_OFFSETS.items():
            if 0 < y - offset <= 64:
                forms.append(f"{era}{y - offset}年" if y - offset > 1 else f"{era}(?:1|元)年")
    return re.compile("|".join(forms))


def year_mentions(years: set[int]) -> re.Pattern[str]:
    """A pattern for the years as written in a text (NFKC, numbers normalised): 2010年, 平成22年."""
    return _year_mentions(tuple(sorted(years)))


# いくつ: a count, with the counter named after it (いくつの機関) or any usual one
_HOW_MANY = re.compile(r"(?:いくつ|幾つ)(?:の\s*(か所|ヶ所|箇所|機関|項目|団体|世帯|施設|[社校店台点課局条項班]))?")
_ANY_COUNT = re.compile(_NUM + r"[ \t\u3000]*(?:つ|個|件|団体|機関|校|社|か所|箇所|ヶ所|種類|項目|人|名|台|枚|本" + _HON_WORD + r"|点|施設|世帯|課|局)")


def answer_type(norm_question: str) -> re.Pattern[str] | None:
    """The pattern an answer to this question must contain (a number with its unit, a company), or None."""
    for ask, answer in ANSWER_TYPES:
        if ask.search(norm_question):
            return answer
    m = _COUNTER.search(norm_question)
    if m:
        return _counted(m.group(1))
    m = _HOW_MANY.search(norm_question)
    if m:
        return _counted(m.group(1)) if m.group(1) else _ANY_COUNT
    return None
