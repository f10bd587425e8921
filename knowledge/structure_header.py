"""The meeting header: key/value lines (tabular or '日 時 …' style) before the body starts."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from knowledge.doc_warnings import NO_DATE, NO_HEADER, DocWarning
from knowledge.model import Meeting
from knowledge.structure_people import (
    ATTENDANCE_MARKS,
    CITY_SIDE,
    is_chair_role,
    marked_attendance,
    parse_people,
    role_rows,
    split_groups,
)
from knowledge.structure_prose_header import read_prose
from knowledge.structure_roster import REFERENCE, roster
from knowledge.structure_text import Line, compact, squash
from knowledge.structure_turns import ASSEMBLY_TURN
from knowledge.wareki import find_date, normalize_numbers, parse_time_range

_SURFACES: dict[str, tuple[str, ...]] = {
    "council": ("会議の名称", "会議名称", "会議名", "名称", "件名"),
    "datetime": ("開催年月日", "開催日時", "日時", "開催日", "日付", "開催",  # 「■開催」 over its date and place lines
                 "審議結果の確定日", "結果確定日"),  # a meeting held in writing (書面開催): the day its result was fixed
    "place": ("開催場所", "場所", "会場", "取りまとめ場所"),
    "method": ("開催方法", "開催形式"),  # 「開催方法：オンライン（…）」: where it was held when no 場所 is given
    "present": ("出席者及び欠席者", "出席者", "出席委員", "出席部会員", "部会構成員", "構成員", "委員の出欠", "委員の出席状況",
                "出欠状況", "出席状況", "出席",
                "回答のあった委員", "意見書を提出した委員", "意見を提出した委員"),  # in writing: who replied, who did not
    "absent": ("欠席者", "欠席委員", "欠席部会員", "欠席", "期限までに回答のなかった委員", "回答のなかった委員",
               "意見書の提出がなかった委員", "意見の提出がなかった委員"),
    "secretariat": ("事務局職員", "事務局等", "事務局"),
    "members": ("委員",),
    "agenda": ("議事日程", "議題等", "議題", "案件", "会議次第", "次第", "諮問事項"),
    "audience": ("傍聴の可否", "傍聴者", "傍聴人", "傍聴"),
    "other": (
        "説明のため出席した者",
        "説明のため出席した職員",
        "出席説明員",
        "会議に付した事件",
        "出席職員",
        "説明課及び職員",
        "説明者",
        "実施機関",
        "説明員",
        "所管課",
        "説明員・事務局",
        "事務局・説明員",
        "市側出席者",
        "市出席者",
        "町出席者",
        "町側出席者",
        "村側出席者",
        "区側出席者",
        "公開・非公開の別",
        "公開・非公開",
        "公開非公開の別",
        "会議の公開",
        "問い合わせ先",
        "問合せ先",
        "配布資料",
        "会議概要",
        "特記事項",
        "担当",
    ),
}
_PROSE_CHARS = 1500  # a header written as sentences: read in the text's first paragraphs
_KEY_OF = {s: k for k, surfaces in _SURFACES.items() for s in surfaces}
_ALT = "|".join("[ 　]*".join(re.escape(ch) for ch in s) for s in sorted(_KEY_OF, key=len, reverse=True))
KEY_RE = re.compile(
    r"^[ 　]*(?:(?:第?[0-9０-９]{1,2}|第?[一二三四五六七八九十]{1,2}(?=[ 　、．])|[(（](?:[0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})[)）]|[⑴-⒇①-⑳])[ 　.．、]*)?"  # （一）出席委員（五名）
    r"[●○◎・■◆□◇<＜【\[［〔]?[ 　]*(?P<key>" + _ALT + r")"
    r"(?![ 　]*[(（][0-9０-９一二三四五六七八九十]+[)）])(?=$|[ 　\t：:>＞】\]］〕(（]|令和|平成|昭和|[0-9０-９])"
    r"[ 　]*[>＞】\]］〕]?[ 　]*(?:[(（][^)）]{0,8}[)）](?=[ 　]*[>＞】：:]))?[ 　]*[>＞】]?[ 　]*[：:]?[ 　]*(?P<value>.*)$"
)
BODY_START = re.compile(
    r"^(?:[0-9０-９]+|[(（][0-9０-９]+[)）])?[.、．]?(?:内容及び要点|会議経過|会議の経過|議事経過|議事の経過|審議経過|審議の経過|"
    r"議事要旨|議事内容|会議内容|審議内容|会議録本文|議事録本文|別紙|本文|発言要旨|質疑応答|議事|議事の概要|"
    r"会議の概要|審議の概要|会議の要旨|議事の要旨)(?:[(（][^()（）]{1,10}[)）])?$"  # 会議の経過（要点筆記）
)
_OPENING = re.compile(r"^[0-9]+[.、]?(?:開会|審議)(?:[(（][0-9:：時分]{3,8}[)）])?$")  # 「1　開会（13:30）」
_RULE_LINE = re.compile(r"^[ \t　]*(?:-{10,}|─{8,}|━{8,}|={10,}|＝{8,}|－{8,}|―{8,})[ \t　]*$")  # a rule closing the 次第
SESSION_RE = re.compile(r"(?:(?:令和|平成|昭和)(?:元|[0-9]{1,2})年度)?第[0-9]{1,4}回")
_COUNCIL_RE = re.compile(r"[^\s、。,「」【】]{0,40}?(?:審議会|審査会|委員会)(?:[ 　]?(?:第?[一二三四五六七八九十0-9]{1,2}|[ァ-ヶー一-龥]{1,8}?)部会)?")  # …審議会 第二部会, …審議会デジタル専門部会
_MUNI = (
    r"(?:(?:(?<![\u4e00-\u9fff々])|(?<=[回度第])|(?<=[0-9０-９][年月日]))(?![本各同当全他両])"
    r"(?!(?<=[0-9０-９])[年月日回度号])(?P<kanji>[\u4e00-\u9fff々ヶケ][\u4e00-\u9fff々ヶケノ]{0,3}?(?:市|町|村|区))"
    r"|(?:^|(?<=[\s、。「」『』（）()【】\[\]:：・0-9０-９回度第]))"
    r"(?P<kana>[ぁ-んァ-ヶ][ぁ-んァ-ヶー\u4e00-\u9fff々]{0,7}?(?:市|町|村|区)))"
)
MUNI_RE = re.compile(_MUNI)
_MUNI_COUNCIL = re.compile(_MUNI + r"(?P<council>[^\s、。「」（）()]{0,30}?(?:審議会|審査会))")
_COUNCIL_WORD = re.compile(r"審議会|審査会")
_PLACE_MUNI = re.compile(_MUNI + r"(?=役所|役場|庁舎|議会)")
LETTER_MUNI = re.compile(_MUNI + r"(?=長)")


def muni_of(m: re.Match[str]) -> str:
    """The municipality captured by MUNI_RE-based patterns."""
    return m.group("kanji") or m.group("kana")


def muni_councils(text: str) -> Iterator[re.Match[str]]:
    """'<municipality>…審議会/審査会' names in ``text`` (searched only around each 審議会/審査会: linear)."""
    for m in _COUNCIL_WORD.finditer(text):
        idx = m.start()
        found = _MUNI_COUNCIL.search(text, max(0, idx - 40), idx + 3)
        if found is not None:
            yield found


@dataclass
class Header:
    meeting: Meeting
    end: int  # offset where the body starts
    agenda: list[Line] = field(default_factory=list)  # lines of the agenda cell(s)
    warnings: list[DocWarning] = field(default_factory=list)
    block: tuple[int, int] | None = None  # the fields written as a block below the start of the body (``_keyed_block``)


def key_of(line_text: str) -> tuple[str, str] | None:
    m = KEY_RE.match(line_text)
    if not m:
        return None
    key, value = _KEY_OF[compact(m.group("key"))], m.group("value")
    if _SUBJECT_PAREN.match(value):  # 「事務局（総務部県政情報課）から、…報告があった。」: a sentence, not a field
        return None
    if compact(m.group("key")) == "諮問事項" and re.match(r"[ 　]?[0-9０-９(（]", line_text[m.end("key"):]):
        return None  # 「審議事項１」「審議事項(1)」: a label, not the agenda's key
    if key in ("members", "present", "absent") and _COUNT_OF.match(value):  # 「委員6名のうち、次の5名の…」: a sentence
        return None
    if key in ("members", "present") and _ABSENT_COUNT.match(line_text, m.end("key")):  # 委員（欠席１名）
        return "absent", value
    return key, value


_ABSENT_COUNT = re.compile(r"[ 　]*[(（]欠席")
_LIST_BELOW = re.compile(r"次の[0-9０-９一二三四五六七八九十]+[ 　]*[名人]|(?:次のとおり|以下のとおり|敬称略)[)）]?。?$")
_COUNT_OF = re.compile(r"[ 　]*[0-9０-９一二三四五六七八九十]+[ 　]*[名人]の?うち")
_SUBJECT_PAREN = re.compile(r"[(（][^()（）]{1,20}[)）](?:から|より|は|が)[、,]?")
_MARKS = re.compile(r"^[【\[［〔<＜■◆□◇●○◯]+|[】\]］〕>＞]+$")


_FIELDS_AHEAD = 3  # lines under a '会議の概要' heading searched for the header's first field


_SPEAKER_ALONE = re.compile(r"^(?:委員長|副委員長|会長|副会長|議長|事務局|[一-龥]{1,10}(?:課長|部長|局長|係長|主査|主幹))"
                            r"[(（][^()（）]{1,12}[)）]$")


_SPOKEN = re.compile(r"^[ 　]*(会長|副会長|委員長|副委員長|議長|事務局)[ 　]+(\S[^\n]{30,})$")


def _is_body_start(line: Line, next_texts: list[str], in_agenda: bool) -> bool:
    next_text = next_texts[0] if next_texts else ""
    c = compact(line.text)
    if not in_agenda and _OPENING.match(c):  # 「1 開会」「2 審議」 heading the body (not an item of the 会議次第)
        return True
    if BODY_START.match(c) or BODY_START.match(_MARKS.sub("", c)):
        # '会議の概要' over '日時 … 場所 …' (or over a subtitle, then '会議名 …') heads the header's fields
        fields = [f[0] for f in map(key_of, next_texts[:_FIELDS_AHEAD]) if f]
        return not any(f in ("datetime", "council", "place") for f in fields)
    if ASSEMBLY_TURN.match(line.text) and "。" in line.text:
        return True
    turn = re.match(r"^[【\[［〔]([^】\]］〕]{1,20})[】\]］〕](.*)$", c) or re.match(
        r"^(委員|会長|議長|委員長|事務局|実施機関)(?:[（(][^）)]{1,12}[）)])?[：:](.*)$", c
    )
    if turn and "。" in (turn.group(2) or compact(next_text)):
        return True
    spoken = _SPOKEN.match(line.text)  # 「事務局　皆さん、おはようございます。…」 right under the 次第: the body's first words
    if in_agenda and spoken and "。" in spoken.group(2):
        return True
    if _SPEAKER_ALONE.match(c) and "。" in next_text:  # 「事務局（山吹主査）」 on its line, the words under it
        return True
    if in_agenda:
        return False
    if re.match(r"^(?:\(?[0-9]{1,2}\)?[.、]?|[①-⑳])?[○◎●■◆□◇]?諮問(?:案件[(（]?[0-9]|第[0-9]+号)", c) and len(c) > 8:
        return True
    return bool(re.search(r"「[^」]*」を議題", c))


_HEADING = re.compile(r"^[ \t　]*(?:[(（][0-9０-９]{1,2}[)）]|[①-⑳]|[ア-ン工力](?:[・、][ア-ン])*[ \t　]|[○◎■]|諮問"
                      r"|[0-9０-９]{1,2}[ \t　.．、]+(?:開会|議事|議題|審議|挨拶|あいさつ)[ \t　]*$)")


def _back_over_headings(lines: list[Line], i: int) -> int:
    """Headings right before the first body line (e.g. '(1) 諮問に関する審議', 'ア …（…課）') belong to the body."""
    j = i
    k = i - 1
    while k >= 0:
        if lines[k].blank:
            k -= 1
            continue
        if _HEADING.match(lines[k].text) and not key_of(lines[k].text) and "\t" not in lines[k].text:
            j = k
            k -= 1
            continue
        break
    return j


# a line of a 説明員/出席職員 list: who explains which consultation ('諮問第４号　健康づくり課長　岡部　慎吾　ほか２名')
_STAFF = re.compile(r"課長|部長|室長|局長|係長|主査|主幹|主任|参事|理事|職員|担当|ほか[0-9０-９一二三四五六七八九十]+名")


_RECORD_HEADS = frozenset({"会議録", "議事録", "会議の記録", "会議記録", "議事の記録"})  # a heading of its own, not the title
_SPEECH_HEAD = re.compile(r"^[ \t　]*(?:発言者|発言者名)\t(?:発言内容|発言要旨|発言)[ \t　]*$")
_PARAGRAPH = 60  # a line this long ending in 。 is a paragraph of the body, not a header's cell


def find_header_end(lines: list[Line]) -> int:
    """Index of the first body line (len(lines) when none is recognisable within the first part)."""
    limit = min(len(lines), 200)
    in_agenda = in_staff = in_table = prose = seen = False
    for i in range(limit):
        if lines[i].blank:
            continue
        if in_table and not prose and "\t" not in lines[i].text and lines[i - 1].blank:
            in_agenda = in_staff = in_table = False  # a header table's 議題 row, then a blank line: the table has ended
        prose = prose or (len(lines[i].text) > _PARAGRAPH and lines[i].text.rstrip().endswith("。"))
        nxt = [ln.text for ln in lines[i + 1 : i + 8] if not ln.blank][:_FIELDS_AHEAD]
        staff = in_staff and _STAFF.search(lines[i].text) is not None and "。" not in lines[i].text
        if not staff and _is_body_start(lines[i], nxt, in_agenda):
            c = compact(lines[i].text)
            explicit = BODY_START.match(c) or BODY_START.match(_MARKS.sub("", c))
            return i if explicit else _back_over_headings(lines, i)
        if (seen and _MARKS.sub("", compact(lines[i].text)) in _RECORD_HEADS and nxt
                and nxt[0].rstrip().endswith("。")):  # 「■会議録」 under the fields, the record below it (not a link to it)
            return i
        if _RULE_LINE.match(lines[i].text):  # 「＜次第＞ … 5 閉会」 then a rule: the agenda ends, the body follows
            in_agenda = in_staff = False
            continue
        cells = lines[i].text.split("\t")
        keys = [k[0] for k in map(key_of, cells) if k]
        if keys:
            seen = True
            in_agenda = keys[-1] == "agenda"
            in_staff = keys[-1] == "other"
            in_table = len(cells) > 1
    last_key = -1
    paragraphs = 0
    for i in range(limit):
        said = any(len(cell) > _PARAGRAPH and cell.rstrip().endswith("。") for cell in lines[i].text.split("\t"))
        if _SPEECH_HEAD.match(lines[i].text) or said and key_of(lines[i].text.split("\t")[0]) is None:
            break  # 「発言者 | 発言内容」, 「真柴会長 | それでは議事に入ります。…」: a spreadsheet's record of the speech
        if "\t" in lines[i].text or key_of(lines[i].text):
            last_key = i
        elif len(lines[i].text) > _PARAGRAPH and lines[i].text.rstrip().endswith("。"):
            paragraphs += 1  # the body's paragraphs (the first may be a header written as a sentence)
            if last_key >= 0 or paragraphs > 1:
                break  # a results table further on (議題 | 結果) is no header
    return last_key + 1 if last_key >= 0 else 0


# a row of a 出席委員 list with the role before each name ('委　員　山本　浩之　　　委　員　藤崎　麻衣'), not a count
_MEMBER_ROW = re.compile(r"^[ \t　]*[・\-－]?[ \t　]*委[ 　]*員[ \t　]+(?![0-9０-９(（])(?![一二三四五六七八九十]+[ 　]*名)"
                         r"[^\s]+(?:[ \t　]+[^\s]+)*(?<![0-9０-９一二三四五六七八九十]名)[ \t　]*$")  # 浜名 義之 is a name; 委員 ６名 a count


_STAFF_GROUP = re.compile(r"^[ \t　]*[(（〈<【［]?[ \t　]*(?:説明のため(?:出席した(?:職員|者))?|説明員|説明者|関係職員|出席職員"
                          r"|[市町村区県]側(?:出席者)?|執行機関|担当課|所管課)[ \t　]*[)）〉>】］]?[ \t　]*$")
_BRACKET_LABEL = re.compile(r"^[ \t　]*【[^】]{1,8}】")
_MARKED_LABEL = re.compile(r"^[ \t　]*[■◆□◇][^\s　：:■◆]{2,8}[ \t　：:]")  # 「■町側　…」: a field of its own
_HEAD_NOTE = re.compile(r"[(（][^()（）]{1,10}[)）]$")  # 「氏名（選出区分）」: a column's label with its note
_TABLE_HEADS = frozenset("区分 氏名 出欠 出席 欠席 所属 役職 職名 備考 出欠状況 出席状況 選出区分 団体名 No. No 番号"
                         " 諮問番号 件名 案件 案件名 担当課 所管課 結果 審議結果".split())  # a table of results: 諮問番号 | 件名 | 担当課 | 結果


_COUNTED = re.compile(r"[0-9０-９一二三四五六七八九十]+[ 　]*[名人]")
_ROLE_WORD = r"(?:副?会[ 　]*長|副?委[ 　]*員[ 　]*長|委[ 　]*員)"  # a member's role before the name, maybe letter-spaced
_ABSENT_MARK = re.compile(r"(?:" + _ROLE_WORD + r"[ 　]+)?"
                          r"(?P<name>[^\s　()（）、，,]{1,6}(?:[ 　][^\s　()（）、，,]{1,6})?)[ 　]*[(（]欠席[)）]")
_ROLE_ROW = re.compile(r"^[ \t　]*" + _ROLE_WORD + r"[ \t　]+(?![0-9０-９(（])\S")


def _take_rows_above(values: dict[str, list[str]], current: str, key: str) -> None:
    """A table cell's label centred beside its rows (「出席委員」 on the third of four lines of names): the members'
    rows above it, read as lines going on from the field before, are that label's."""
    rows = values.get(current, [])
    moved: list[str] = []
    while len(rows) > 1 and _ROLE_ROW.match(rows[-1]):
        moved.insert(0, rows.pop())
    if moved:
        values.setdefault(key, [])[:0] = moved


def collect_fields(lines: list[Line]) -> tuple[dict[str, str], list[Line]]:
    """key -> value text for the header lines; tabular rows (cells) or 'key value' lines with continuations."""
    values: dict[str, list[str]] = {}
    agenda: list[Line] = []
    current: str | None = None
    for line in lines:
        if line.blank:
            continue
        cells = line.text.split("\t") if "\t" in line.text else [line.text]
        if (current in ("present", "absent", "members") and "\t" not in line.text and key_of(line.text) is None
                and line.text.rstrip().endswith("。") and len(line.text.strip()) > 30):
            if not _LIST_BELOW.search(line.text):  # 「…次の5名の委員に御出席いただきました（敬称略）。」: the list follows
                current = None  # 「事務局として…が出席した。」: a sentence of the record, not a name under 欠席
            continue
        if current in ("present", "members", "absent") and _STAFF_GROUP.match(line.text):
            current = "other"  # 「（説明のため出席した職員）」 under 「３　出席者」「（委員）６名」: staff, not members
            continue
        if (current is not None and key_of(line.text) is None
                and (_BRACKET_LABEL.match(line.text) or current != "agenda" and _MARKED_LABEL.match(line.text))):
            current = "other"  # 「【町】　総務課長…」「■町側　総務課長…」 under 【委員】/■委員: another field, not theirs
            continue
        if len(cells) > 1 and all(_HEAD_NOTE.sub("", compact(c)) in _TABLE_HEADS for c in cells if c.strip()):  # 区分 | 氏名 | 出席 | 欠席
            if any(compact(c) in ("出席", "欠席", "出欠", "出欠状況", "出席状況") for c in cells):
                current = "present"  # the rows under it are the 出欠 table
            continue
        if current in ("present", "members", "absent") and len(cells) > 1:
            if compact(cells[-1]) in ATTENDANCE_MARKS:  # 会長 | 今泉 達也 | 出席: a row of the 出欠 table, whole
                values.setdefault(current, []).append(line.text)
                continue
        rest = [c for c in cells[1:] if c.strip()]
        first = key_of(cells[0]) if len(rest) >= 2 else None
        if first is not None and first[0] in ("present", "absent", "members") and not first[1].strip():
            current = first[0]  # 出席委員 | 会長 | 真柴 宗一郎 | 学識経験者: one member's row, its cells kept together
            values.setdefault(current, []).append("\t".join(rest))
            continue
        keyed = False
        for cell in cells:
            found = key_of(cell)
            if (found and found[0] == "members" and current in ("present", "absent") and not keyed
                    and (_MEMBER_ROW.match(cell) or not values.get(current))):  # 出席者 / 委員6名：…
                # '委　員　山本　浩之': a row of the 出席委員 list; '委員6名：…' under an empty 出席者: its value
                values.setdefault(current, []).append(cell if _MEMBER_ROW.match(cell) else found[1])
                continue
            if found:
                key, value = found
                if key in ("present", "members") and current not in (None, "present", "absent", "members"):
                    _take_rows_above(values, current, key)
                if key == "present" and current == "members" and not keyed and "present" not in values \
                        and not any(_COUNTED.search(v) for v in values.get("members", [])):
                    values["present"] = values.pop("members", [])  # 「委　員　…」 rows above a centred 「出席委員」: its rows
                if not (key == "members" and current in ("present", "absent") and keyed):
                    current = key
                keyed = True
                if value.strip():
                    values.setdefault(current, []).append(value)
            elif cell.strip() and current is not None:
                values.setdefault(current, []).append(cell)
        if current == "agenda":
            agenda.append(line)
    return {k: "\n".join(v) for k, v in values.items()}, agenda


def _municipality(text: str, council: str | None, place: str | None) -> str | None:
    for source in (council, place):
        if source:
            m = MUNI_RE.search(source) if source is council else _PLACE_MUNI.search(source)
            if m and (source is not council or source.startswith(muni_of(m))):
                return muni_of(m)
    m = next(muni_councils(text), None)
    if m:
        return muni_of(m)
    m = LETTER_MUNI.search(text[:800])
    return muni_of(m) if m else None


# a council named without its municipality (「個人情報保護審議会」): the municipality goes before it; one named with its
# own place (「鷺ノ瀬後期高齢者医療広域連合個人情報保護審議会」) stays as it is
_BARE_COUNCIL = re.compile(r"^(?:個人情報|情報公開|行政|公文書|審議会|審査会|プライバシー)")
_RUNNING_RE = re.compile(r"通算(第[0-9]{1,4}回)")


def parse_council(title: str, text: str) -> tuple[str | None, str | None, str | None]:
    """(session, council, municipality) from a title line such as '令和4年度第2回 市川市個人情報保護審議会'."""
    norm = compact(normalize_numbers(title))  # 第三回 as 第3回
    session_m = SESSION_RE.search(norm)
    session = session_m.group(0) if session_m else None
    running = _RUNNING_RE.search(norm)  # 令和5年度第1回（通算第31回）: members name it by either
    if session and running and running.group(1) not in session:
        session = f"{session}（通算{running.group(1)}）"
    rest = SESSION_RE.sub(" ", normalize_numbers(title))
    council_m = _COUNCIL_RE.search(rest.replace("。", "・").strip())
    council = re.sub(r"[ 　]+(?=\S{1,10}部会$)", "", council_m.group(0).strip("・ 　")) if council_m else None
    muni_m = MUNI_RE.match(council) if council else None
    municipality = muni_of(muni_m) if muni_m else None
    if council and municipality is None:
        for m in muni_councils(text):
            if m.group("council").replace("。", "・").endswith(council):
                return session, muni_of(m) + m.group("council"), muni_of(m)
    return session, council, municipality


# keys that may open a field inside a line ('日時 令和7年1月23日… 場所 … 出席委員 …'): after a space or the line start
_INLINE_SURFACES = sorted(
    (s for k, ss in _SURFACES.items() if k not in ("members", "council") for s in ss if len(s) >= 2 and s not in
     ("出席", "欠席", "担当", "日付", "案件", "議題", "次第", "傍聴")),
    key=len,
    reverse=True,
)
_INLINE_KEY = re.compile(r"(?:^|(?<=[ 　／/|｜]))(?:" + "|".join(map(re.escape, _INLINE_SURFACES)) + r")(?=[ 　：:])"
                         r"|(?<=[／/|｜])(?:出席|欠席|傍聴)(?=[：:])")  # 「…／出席：穂高会長、…／欠席：真砂委員」
INLINE_MIN_KEYS = 3


def split_inline(lines: list[Line], limit: int = 200) -> list[Line]:
    """A header written in one paragraph ('日時 … 場所 … 出席委員 …', as city web pages print it) -> one line per
    field (offsets kept). Only lines with a 日時 field and at least INLINE_MIN_KEYS different keys are split."""
    out: list[Line] = []
    for i, line in enumerate(lines):
        if i >= limit or line.blank or "\t" in line.text or len(line.text) < 30:
            out.append(line)
            continue
        found = list(_INLINE_KEY.finditer(line.text))
        keys = {_KEY_OF[compact(m.group(0))] for m in found}
        if len(keys) < INLINE_MIN_KEYS or "datetime" not in keys or found[0].start() > 0:
            out.append(line)
            continue
        cuts = [m.start() for m in found] + [len(line.text)]
        for a, b in zip(cuts, cuts[1:], strict=False):
            piece = line.text[a:b].rstrip(" 　／/|｜")  # 「日時：…／場所：…／出席委員：…」
            out.append(Line(line.start + a, line.start + a + len(piece), piece, False))
    return out


_BLOCK_REACH = 80  # lines searched for a block of fields under a page's opening prose
_BLOCK_LINES = 30  # ... and the most lines such a block takes


def _keyed_block(lines: list[Line]) -> list[Line]:
    """The header's fields written as a block under a few paragraphs of prose (a council's page: 「…を開催しました。…」,
    then 「開催概要」 over 「日時：…」「場所：…」「出席委員：…」): from its 日時 line to the first sentence after it; empty
    when there is no such block of at least two fields."""
    start = next((i for i, ln in enumerate(lines[:_BLOCK_REACH]) if (k := key_of(ln.text)) and k[0] == "datetime"), None)
    if start is None:
        return []
    block: list[Line] = []
    for ln in lines[start : start + _BLOCK_LINES]:
        if not ln.blank and key_of(ln.text) is None and ln.text.rstrip().endswith("。") and len(ln.text.strip()) > 30:
            break
        block.append(ln)
    return block if sum(1 for ln in block if not ln.blank and key_of(ln.text)) >= 2 else []


_TITLE_LINES = 40
_TITLE_CHARS = 60
_MINUTES_TITLE = re.compile(r"(?:審議会|審査会)[ 　]*(?:会議録|議事録|議事要旨|会議要旨|会議概要)")


def parse_header(text: str, lines: list[Line]) -> Header:
    lines = split_inline(lines)
    end_index = find_header_end(lines)
    header_lines = lines[:end_index]
    end = lines[end_index].start if end_index < len(lines) else len(text)
    fields, agenda = collect_fields(header_lines)
    block_span: tuple[int, int] | None = None
    if not fields and (block := _keyed_block(lines)):  # 「開催概要」 under a page's opening prose, or at its end
        fields, agenda = collect_fields(block)
        filled = [ln for ln in block if not ln.blank]
        block_span = (filled[0].start, filled[-1].end)
    meeting = Meeting()
    warnings: list[DocWarning] = []
    first = next((ln.text for ln in lines if not ln.blank), "")[:200]
    title = (fields.get("council") or "").replace("\n", "") or first  # a name wrapped in its cell: one line
    meeting.session, meeting.council, meeting.municipality = parse_council(title, text)
    if meeting.council is None and title is first:  # 「令和６年度第１回」 above 「東雲台市…審議会　会議録」
        second = next((ln.text for ln in lines[1:5] if not ln.blank and ln.text != first[: len(ln.text)]), "")
        session, council, municipality = parse_council(second[:200], text)
        if council is not None:
            meeting.council, meeting.municipality = council, municipality
            meeting.session = meeting.session or session
    if meeting.council is None and title is first:  # a covering note above the minutes (a forwarded mail): their title line
        for ln in lines[:_TITLE_LINES]:
            if not ln.blank and len(ln.text.strip()) <= _TITLE_CHARS and _MINUTES_TITLE.search(ln.text):
                session, council, municipality = parse_council(ln.text, text)
                if council is not None:
                    meeting.session, meeting.council, meeting.municipality = session, council, municipality
                    break
    if meeting.session is None and title is not first:
        meeting.session = parse_council(first, text)[0]
    if meeting.session is None:  # '（令和６年度第１回）' on the line under the title
        second = next((ln.text for ln in lines[1:4] if not ln.blank and ln.text != first[: len(ln.text)]), "")
        if re.fullmatch(r"[ \t　]*[(（]?[^()（）]{0,20}?第[0-9０-９一二三四五六七八九十]{1,4}回[^()（）]{0,6}[)）]?[ \t　]*", second):
            meeting.session = parse_council(second, text)[0]
    if "place" in fields:
        meeting.place = squash(fields["place"].split("\n")[0].lstrip("・-－ 　"))  # 「・獺越市役所…」 under 「場所」
    if meeting.place is None and "method" in fields:
        meeting.place = squash(fields["method"].split("\n")[0]) or None
    meeting.municipality = meeting.municipality or _municipality(text, meeting.council, meeting.place)
    if meeting.council and meeting.municipality and _BARE_COUNCIL.match(meeting.council):
        meeting.council = meeting.municipality + meeting.council
    date_source = fields.get("datetime") or text[:end] or text[:2000]
    found = find_date(date_source)
    if found is None and date_source is not text[:2000]:
        date_source = text[:2000]
        found = find_date(date_source)
    if found is not None:
        meeting.date_text = squash(date_source.split("\n")[0]) if "datetime" in fields else found.text
        meeting.date = found.value.isoformat() if found.value else None
        if found.warning:
            warnings.append(found.warning)
        line_text = next((x for x in date_source.split("\n") if find_date(x)), date_source)
        meeting.start_time, meeting.end_time, time_warnings = parse_time_range(line_text)
        if meeting.start_time is None and "datetime" in fields:  # the times on the line under the date
            meeting.start_time, meeting.end_time, time_warnings = parse_time_range(fields["datetime"])
        warnings.extend(time_warnings)
    else:
        warnings.append(NO_DATE)
    if meeting.place is None and "datetime" in fields:  # 「■開催」 over 「2025/03/06（木）14:00-15:30」 and the place
        below = [ln.strip(" 　\t") for ln in fields["datetime"].split("\n")[1:3] if ln.strip()]
        if below and 3 <= len(below[0]) <= 60 and _PLACE_WORDS.search(below[0]) and "。" not in below[0] and not find_date(below[0]):
            meeting.place = squash(_PLACE_LABEL.sub("", below[0]))
    if meeting.place is None and found is not None:
        meeting.place = _place_below(text[:end], found.text)
    _people(meeting, fields)
    _elsewhere(meeting, fields, text, end)
    if not meeting.present and (marked := marked_attendance(text[:end])) is not None:  # a 出欠 table under no key
        meeting.present = [name for name, _ in marked[0]]
        meeting.absent = meeting.absent or [name for name, _ in marked[1]]
    read_prose(text[: max(end, _PROSE_CHARS)], text, meeting)
    tallied = _TALLIES.match(fields.get("present") or fields.get("members") or "") is not None
    if not meeting.present and (tallied or REFERENCE.search(text, 0, max(end, _PROSE_CHARS))):
        # 「…の氏名は、この会議録の末尾に記載する」, or counts alone in the header: the roster further on
        listed = roster(text, end)
        if listed is not None:
            meeting.present = [name for name, _ in listed[0]]
            meeting.absent = meeting.absent or [name for name, _ in listed[1]]
    if not fields and end_index == 0 and not (meeting.date and meeting.council):  # read from sentences: no warning
        warnings.append(NO_HEADER)
    return Header(meeting, end, agenda, warnings, block_span)


_TIME_SPAN = re.compile(r"[0-9０-９]{1,2}(?:時(?:[0-9０-９]{1,2}分)?|[:：][0-9０-９]{2})[ 　]*(?:[～〜~\-－ー][ 　]*[0-9０-９]{1,2}(?:時(?:[0-9０-９]{1,2}分)?|[:：][0-9０-９]{2}))?(?:まで)?")
_PLACE_WORDS = re.compile(r"室|庁舎|センター|プラザ|会館|ホール|[0-9０-９一二三四五六七八九十]階|[0-9０-９][FＦ]|役場|役所|施設|館")


_PLACE_LABEL = re.compile(r"^(?:(?:開催)?場所|会場)[ 　]*[：:][ 　]*|^於[ 　]+")
# 「…から、東野村役場２階第一会議室において、…を開催した。」: a sentence of the record, read by the prose header
_PLACE_SENTENCE = re.compile(r"^[、,]|^から|。|において|にて|で開催|を開催|開かれ")


def _place_below(head: str, date_text: str) -> str | None:
    """A header of unlabelled lines (the date, then the place on the line under it): that line, when it names a
    room or a building."""
    # the date as found has half-width digits; the header may write them full-width (令和７年３月４日)
    written = re.search(re.sub(r"\d", lambda d: f"[{d.group()}{chr(ord(d.group()) + 0xFEE0)}]", re.escape(date_text)), head)
    if written is None:
        return None
    at, date_end = written.span()
    line_end = head.find("\n", at)
    same = head[date_end : len(head) if line_end < 0 else line_end]
    cut = max(same.rfind("／"), same.rfind(" / "))
    if cut < 0 and (t := list(_TIME_SPAN.finditer(same))):  # 「令和7年10月16日(木)　18時30分～20時10分　…公民館 2階和室」
        cut = t[-1].end() - 1
    if cut >= 0:  # 「R7.11.5(水) 13:30-15:00 ／ …交流館 2F研修室」
        after = _PLACE_LABEL.sub("", same[cut + 1 :].strip(" 　/\t"))  # 「場所：…」「於 …」 after the times
        if 3 <= len(after) <= 60 and _PLACE_WORDS.search(after) and not _PLACE_SENTENCE.search(after):
            return squash(after)
    lines = [ln.strip(" 　\t") for ln in head[line_end + 1 :].split("\n")[:3]]
    below = next((ln for ln in lines if ln), "")
    if 3 <= len(below) <= 60 and _PLACE_WORDS.search(below) and key_of(below) is None and "。" not in below:
        return squash(_PLACE_LABEL.sub("", below))
    return None


def _elsewhere(meeting: Meeting, fields: dict[str, str], text: str, end: int) -> None:
    """「出席者　別表のとおり」: the members from the roster the header points to (never the pointer as a name)."""
    cell = fields.get("present") or fields.get("members") or ""
    if not REFERENCE.search(cell):
        return
    meeting.present = [n for n in meeting.present if not REFERENCE.search(n)]
    found = roster(text, end)
    if found is not None:
        meeting.present = [name for name, _ in found[0]]
        meeting.absent = [name for name, _ in found[1]] or meeting.absent
        meeting.chair = meeting.chair or next((n for n, r in found[0] if is_chair_role(r)), None)


_SENTENCE_ROLL = re.compile(r"名(?:が|の)?出席|出席(?:した)?(?:委員|者)は")
# （欠席：…）, （欠：…）; not a group's label 「（欠席委員）苅谷 宗一郎」, whose names follow it
_ABSENT_NOTE = re.compile(r"[(（]欠(?:席)?(?:者|委員)?[：:]?[ 　]*(?!席?(?:者|委員)?[)）])([^()（）]+)[)）]")


_ABSENT_AFTER = re.compile(r"[ 　]+欠席(?:者|委員)?[ 　]*[：:]")


# 「出席６名・欠席１名（鰐淵委員）」: counts, the absent named in brackets (the members present listed elsewhere)
_N = r"[0-9０-９一二三四五六七八九十]+"
_TALLIES = re.compile(rf"^[ 　]*出席[ 　]*{_N}[ 　]*[名人][ 　]*[・、，,／/ 　]*欠席[ 　]*{_N}[ 　]*[名人][ 　]*(?:[(（]([^()（）]+)[)）])?[ 　]*$")


def _people(meeting: Meeting, fields: dict[str, str]) -> None:
    for key in ("present", "members"):
        if key not in fields:
            continue
        cell = fields[key]
        if (tallies := _TALLIES.match(cell)) is not None:
            meeting.absent.extend(name for name, _ in parse_people(tallies.group(1) or ""))
            continue
        if (inline := _ABSENT_AFTER.search(cell)) is not None:  # 「出席：…（計５名）　欠席：猪狩正人」 on one line
            meeting.absent.extend(name for name, _ in parse_people(cell[inline.end():]))
            cell = cell[: inline.start()]
        for m in _ABSENT_NOTE.finditer(cell):  # 「（欠席：成瀬亜紀子委員）」 under the members present
            meeting.absent.extend(name for name, _ in parse_people(m.group(1)))
        cell = _ABSENT_NOTE.sub(" ", cell)
        for m in _ABSENT_MARK.finditer(cell):  # 「委　員　新城　由紀（欠席）」 among the members listed
            meeting.absent.append(squash(m.group("name")))
        cell = _ABSENT_MARK.sub("\t", cell)
        if "。" in cell and _SENTENCE_ROLL.search(cell):  # 「委員８名のうち７名が出席。出席委員は、…。」: read as prose
            continue
        if (ranked := role_rows(cell)) is not None:  # 「会　長　　檜垣　澄江　　学識経験者」「※欠席　　芦刈　純　　市民公募」
            meeting.present.extend(name for name, _ in ranked[0])
            meeting.absent.extend(name for name, _ in ranked[1])
            meeting.chair = meeting.chair or next((n for n, r in ranked[0] if is_chair_role(r)), None)
            break
        whole = marked_attendance(cell)  # a 出欠 table: its rows, whatever role words begin them
        groups = {"": cell} if whole is not None else split_groups(cell)
        for group, value in groups.items():
            marked = marked_attendance(value)
            if marked is not None:  # 出欠 column: ○ / × or 出席 / 欠席 on each row
                meeting.present.extend(name for name, _ in marked[0])
                meeting.absent.extend(name for name, _ in marked[1])
                meeting.chair = meeting.chair or next((n for n, r in marked[0] if is_chair_role(r)), None)
                continue
            people = parse_people(value)
            if "欠席" in group:  # '（欠席委員）２名 杉山 明美 高田 亘' inside the 出席者 cell
                meeting.absent.extend(name for name, _ in people)
                continue
            if "事務局" in group or "職員" in group:
                meeting.secretariat.extend(name for name, _ in people)
                continue
            if "実施機関" in group or "説明" in group or group in CITY_SIDE:  # the departments explaining, not members
                continue
            for name, role in people:
                meeting.present.append(name)
                if meeting.chair is None and is_chair_role(role):
                    meeting.chair = name
        if meeting.present:
            break
    if "absent" in fields and not meeting.absent:
        ranked = role_rows(fields["absent"])  # 委員 | 芦原 玲奈 | 税理士: rows of the members absent
        meeting.absent = [name for name, _ in (ranked[0] + ranked[1] if ranked else parse_people(fields["absent"]))]
    if "secretariat" in fields and not meeting.secretariat:
        meeting.secretariat = [name for name, _ in parse_people(fields["secretariat"])]
