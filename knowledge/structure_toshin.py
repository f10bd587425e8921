"""A 答申 letter: 頭書 (number, date, addressee, the council and its 会長, the subject '…について（答申）', the matter
asked), then '1 審議会/審査会の結論', and for a 審査会: 2 趣旨, 3 実施機関の説明要旨, 4 申立人の意見, 5 審査会の判断,
委員, 《参考》審査会の経過.

Text extracted from PDFs runs headings into their paragraphs ('2異議申立ての趣旨本件異議申立ての趣旨は、…') and
even into the header ('…についての諮問別答1紙申審査会の結論'): headings are found by their words, not by line shape.
"""

from __future__ import annotations

import itertools
import re
import unicodedata

from knowledge.doc_warnings import DocWarning
from knowledge.model import Consultation, Meeting, ParsedDocument, Toshin
from knowledge.structure_course import parse_course
from knowledge.structure_header import LETTER_MUNI, MUNI_RE, muni_councils, muni_of
from knowledge.structure_keika import step_spans
from knowledge.structure_labels import kinds_of, mentions
from knowledge.structure_outcome import apply_decision, decide, request_spans, with_requests
from knowledge.structure_passages import Special, build_passages
from knowledge.structure_text import Line, compact, sentence_spans, squash
from knowledge.wareki import find_date, kanji_to_int

_TOSHIN_MARK = re.compile(r"[(（]答申[)）]|答申します|答申しました|答申書|について答申|(?:^|\n)答申番号[\t 　:：]"
                          r"|(?:^|\n)[ \t　]*答[ \t　]*申[ \t　]*\n")  # 「答　　申」 alone on its line, over the body
_LETTER_SHAPE = re.compile(r"^[^\n]{0,12}答申第[ \t　]*[0-9０-９一二三四五六七八九十百]+[ \t　]*号[ \t　]*\n(?:[^\n]*\n){0,4}[^\n]{2,30}[ \t　]様[ \t　]*$",
                           re.MULTILINE)
_MINUTES_MARK = re.compile(r"議事録|会議録|要点記録|出席者|出席委員|開催日時|議事要旨")
# the conclusion heading, wherever extraction left it: '1 審査会の結論', '１　審議会の結論', '…別答1紙申審査会の結論'
_CONCLUSION_HEAD = re.compile(
    r"(?:(?<![当本同])|(?<=^当)|(?<=[0-9０-９一二三四五六七八九十][ \t　．.、]当))(?:審査会|審議会)の結論[】〕\]]?[ \t　]*$"
    r"|(?<=^第[0-9０-９一二三])[ \t　]+当?審査会の結論(?=[ \t　]+\S)", re.MULTILINE
)  # '１　当審査会の結論' heads; '「１　当審査会の結論」のとおり' (not at the line's end) does not; a PDF copy's
#    paragraph 「第１　審査会の結論 黒鷺市長（以下…）が…」 starts with it
_CONCLUSION = re.compile(r"^(?:[0-9０-９]+|第[0-9０-９一二三]+|[一二三]|[ⅠⅡⅢ]|I{1,3})?[ 　.．、]*(?:(?:審議会|審査会)?の?(?:結論|答申)(?:[(（](?:結論|答申)[)）])?"
                         r"|第三者点検の?結果|答申の?内容)$")  # 「第２　第三者点検の結果」「１　答申内容」
_NUM = r"(?:[0-9０-９]{1,2}|第[ \t　]?[0-9０-９一二三四五六七八九十]{1,3}|[Ⅰ-Ⅻ])"  # Ⅵ　付言; 「第　２」 spaced in a PDF
# a numbered heading, not a wrapped line that starts with a number (「22日付け蛍子家第1187号で行った…」)
_NUMBERED = re.compile(rf"^[ \t　]*{_NUM}(?![0-9０-９年月日号条項件時分秒名人回か万千百円％%])[ 　.．、)）]*\S", re.MULTILINE)
_SECTION_NAMES = (
    r"(?:異議申立て|異議申立|審査請求|申立て|請求)の(?:趣旨|要旨|内容|経過)|(?:異議申立て|審査請求)に至る経過|"
    r"実施機関の[^\n。]{0,14}?説明(?:要旨)?|"
    r"(?:異議申立人|審査請求人|申立人|請求人)の[^\n。]{0,14}?(?:主張|意見)(?:要旨)?|"
    r"(?:審査会|審議会)の判断"
)
_SECTION = re.compile(rf"^[ \t　]*[(（【]?{_NUM}[ 　.．、)）]*(?P<name>{_SECTION_NAMES})", re.MULTILINE)
_REFERENCE = re.compile(r"《[ \t　]*参[ \t　]*考[ \t　]*》|審[ \t　]*査[ \t　]*会[ \t　]*の[ \t　]*経[ \t　]*過")
# the members' line ('委員 藤原静雄、…'), after its 部会 on that line or the line before ('（第三部会）委員藤原静雄、…');
# it ends where the first 委員 is
_MEMBERS_LINE = re.compile(
    r"^[ \t　]*(?:(?:[(（][^)）\n]{1,10}[)）])?[ \t　]*(?=委員[ \t　《])|[(（][^)）\n]{0,8}部会[)）]\s*(?=委員))",
    re.MULTILINE,
)
_MEMBER = re.compile(r"委員[ \t　《]*((?:[\u4e00-\u9fff々ヶ][ \t　]?){2,6})")
_NUMBER = re.compile(
    r"答申第[ \t　]*([0-9０-９]+|[一二三四五六七八九十百〇]+)[ \t　]*号(?:[ \t　]*から第[ \t　]*([0-9０-９]+)[ \t　]*号まで)?"
)
_LETTER_NUMBER = re.compile(r"^[ \t　]*[一-龥]{1,4}審答?第[ \t　]*([0-9０-９]+|[一二三四五六七八九十百〇]+)[ \t　]*号[ \t　]*$", re.MULTILINE)  # 西情審第7号, 鴫個審答第１５号
_QUOTED = re.compile(r"「([^「」]{4,120})」")
# what follows a document's name in a conclusion: 「…評価調書」（以下…）, 「…の記録」の開示請求, 「…」を非開示とした
_NAMES_DOCUMENT = re.compile(r"[ \t　]*(?:[(（][^()（）「」\n]{0,30}?以下|の(?!とおり)|を|に係る|に関する|について|に記録された|に記載された|に含まれる|及び「)")
# a quoted name in the request that names a record (「…の記録一式」「…調査報告書」), not a phrase of it (「ひどい物忘れ」)
_DOCUMENT_WORD = re.compile(r"記録|票|書|簿|台帳|報告|ファイル|調書|リスト|一覧|資料|データ|文書|情報|録|表|メモ|写し|申請|通知")
def _names_a_record(text: str, q: re.Match[str]) -> bool:
    """A quoted name (of the request or the head) that names a record at issue: long enough, not a defined short name
    (以下「本件記録」), and a record's word in it (「…の記録一式」, not 「ひどい物忘れ」 nor a system, 「つぐみ学びナビ」)."""
    return (len(q.group(1)) >= 6 and not text[max(0, q.start() - 2) : q.start()].endswith("以下")
            and _DOCUMENT_WORD.search(q.group(1)) is not None and _DECISION_NAME.search(q.group(1)) is None)


_DECIDED_ON = re.compile(r"の[^「」。\n]{0,12}?決定(?:処分)?に(?:関する|係る|対する)")  # 「…」の一部開示決定に関する
# the decision appealed against, quoted by its name (「開示請求の対象とならない旨の通知」「保有個人情報不開示決定通知書」): not the
# record at issue
_DECISION_NAME = re.compile(r"(?:旨の通知|決定通知書?|決定)$")


# a subject naming the record at issue before its decision (「高齢者虐待対応記録の部分開示決定に関する審査請求について」):
# the title, not the request's long quoted wording of it
_RECORD_WORD = r"(?:記録|会議録|議事録|票|調書|台帳|簿|報告書|意見書|ファイル|文書|資料)"
_SUBJECT_RECORD = re.compile(r"^[^「」、。\s]{2,40}?(?:" + _RECORD_WORD + r"等?(?:に記録された保有個人情報)?"
                             r"の|(?:に関する|に係る)保有個人情報の?)(?:[^「」、。\s]{0,12}?)決定"  # 「固定資産税（家屋）の評価に関する保有個人情報の部分開示決定に…」
                             r"|^[^「」、。\s()（）]{0,20}?決定[(（][^()（）「」]{2,30}?" + _RECORD_WORD + r"等?[)）]")  # 「保有個人情報部分開示決定（児童虐待対応記録）に係る…」
_COUNCIL_LINE_END = re.compile(r"(?:審査会|審議会)[ \t　]*\n")  # a line naming the council, over the subject
_PAGE_TITLE = re.compile(r"\A[ \t　]*答申第[0-9０-９一二三四五六七八九十百]+号[ \t　]+(?P<t>[^\n]{6,80}?について)"
                         r"(?:[ \t　]*[(（](?P<rec>[^()（）\n]{2,40})[)）])?[ \t　]*$", re.MULTILINE)  # 「…について（…に係る記録）」
_SECTION_REF = re.compile(r"^[ \t　]*(?:第?[0-9０-９一二三四五六七八九十]+|[(（][0-9０-９]+[)）])[ \t　]")  # 「4 付帯意見」
# 「…について（答申）」, 「…について（答申第１４号）」 (not the running head 「…審査会答申（答申第１００３号）」)
_SUBJECT_END = re.compile(r"[ \t　]*[(（]答[ \t　]*\n?[ \t　]*申[)）]|(?<=について)[ \t　]*[(（]答申第[0-9０-９一二三四五六七八九十百]+号[)）]"
                          r"|(?:(?<=に関する)|(?<=についての)|(?<=に対する))答申(?=[ \t　]*$)", re.MULTILINE)  # 「…の不開示決定に関する答申」
_NUMBER_LINE = re.compile(r"[^\n「」。]{0,12}第[0-9０-９一二三四五六七八九十百]+号[ \t　]*\n[ \t　]*")  # 答申第２３号 / 鷚個審発第１５号
_SUBJECT_LABEL = re.compile(r"(?:^|\n)[ \t　]*[-・*]?[ \t　]*(?:件名|表題|題名)[ \t　]*[:：][ \t　]*")
_MATTER_START = re.compile(r"答申します。[\s　]*(?:[(（]?1[)）]?[ 　]*)?(?=「)|答申(?:します|する)。[\s　]*記[ \t　]*\n[\s　]*(?=(?!件名|事案|諮問番号|審査請求に係る)[^\s「0-9０-９(（][^「」\n]{3,120}?(?:\n[^「」\n]{1,80}?)?(?:審査請求|異議申立て?)(?:について)?(?:[(（]諮問[^()（）\n]{1,30}[)）])?[ \t　]*\n)|諮問の(?:あった|ありました)[\s　]*(?=「)|^[ \t　]*諮問第[0-9０-９]+号[ 　]*(?=「)",
                           re.MULTILINE)
_LABEL_AFTER = re.compile(r"[ \t　]*[(（]諮問第[0-9０-９]+号(?:及び(?:諮問)?第[0-9０-９]+号)*[)）][ \t　]*$")  # 「…審査請求（諮問第１０２号）」 under 「記」
_MATTER_END = re.compile(r"(?:について)?の諮問")
_MATTER_TAIL = re.compile(r"[\s　]*[(（]?(?:別[\s　]*(?:紙|答)|答[\s　]*申)")  # 「（別紙）」 after the matter
_ADDRESSEE = re.compile(MUNI_RE.pattern + r"(?P<role>長|教育委員会|選挙管理委員会|水道事業管理者|病院事業管理者)")
_NOT_NAME = re.compile(r"参考|審査|経過|[会年月日]")
_ANNEX = re.compile(r"(?:別添|別紙|別表).*$")
# a part headed with no number, alone on its line (a centred 「審　査　会　の　判　断」 whose 「第６」 was lost)
# (or every heading, when Word's automatic numbering was lost in the copy: 「審査請求の趣旨」 alone on its line)
_BARE_SECTION = re.compile(rf"^[ \t　]*[【〔]?(?P<name>{_SECTION_NAMES})(?:の理由)?[】〕]?[ \t　]*$", re.MULTILINE)  # 【審査請求の趣旨】
_ANSWER_DATE_FIELD = re.compile(r"^[ \t　*]*答申(?:日|年月日)[ \t　*]*[:：][ \t　*]*([^\n]{4,40})", re.MULTILINE)
_HEAD_NUMBER = re.compile(r"[ \t　]*(?P<dai>第)?[ \t　]?(?P<n>[0-9０-９]{1,2})(?![0-9０-９])")
_FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
_CHAIR = re.compile(r"会[ \t　]*長[ \t　]*([\u4e00-\u9fff々](?:[ \t　]*[\u4e00-\u9fff々ヶケツノ]){1,7})")  # 三ツ矢 玲子, 木ノ下
_FUTAI = re.compile(r"付帯意見|附帯意見|意見")
_NOT_FUTAI = re.compile(r"申立人|請求人|実施機関|説明|陳述")
_REQUEST_WORDS = r"付言|付記|(?:付帯|附帯)意見|要望(?:事項)?|留意事項"  # what heads a 答申's requests
_FUTAI_HEAD = re.compile(
    r"^(?:[0-9０-９]{1,2}|第[0-9０-９一二三四五六七八九十]+|[(（][0-9０-９]{1,2}[)）]|[一二三四五六七八九十]{1,2}|[IVX]{1,4}(?=[付附要意]))?[.、．]?"
    r"[(（【〔]?(?:" + _REQUEST_WORDS + r"|意見|留意点)[)）】〕]?$"
)  # 「(3)　附帯意見」「6 付言」「第7　付帯意見」「６　留意事項」
_END_MARK = re.compile(r"^以上$")
# 「第７　付言 １　本件処分の通知書には、…」: a PDF copy runs the heading into its paragraph; its items follow a 。
_FUTAI_RUN_IN = re.compile(r"[ \t　]*(?:第[0-9０-９一二三四五六七八九十]{1,3}|[0-9０-９]{1,2})[ \t　.．、]+"
                           r"(?:" + _REQUEST_WORDS + r")[ \t　]+(?=\S)")
_RUN_IN_ITEM = re.compile(r"(?<=。)[ \t　]*(?=[0-9０-９]{1,2}[ \t　])")
# a paragraph giving the requests in its own words, with no heading of theirs
# 「…適当であると認めます。ただし、次の事項に留意してください。」 over ①②③: the items are the requests
_ITEMS_INTRO = re.compile(r"次の(?:事項|点|とおり)(?:に|を)?(?:留意|配慮|注意|要望|求め)[^。\n]{0,12}。[ \t　]*$")
_FUTAI_SAID = re.compile(r"(?:付帯|附帯)意見として(?:申し添え|付す|付け)|次のとおり(?:付言|要望)する|(?:付言|要望)として(?:申し添え|付す)")

# 審査会 conclusions: what the decision under review should become
_SHOULD: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("却下すべき", re.compile(r"却下すべき")),
    ("棄却すべき", re.compile(r"棄却(?:す|される)べき")),
    ("取り消すべき", re.compile(r"取り?消すべき|取り?消し[、,]?(?:改めて|あらためて)[^。]{0,30}すべき")),  # これを取り消し、改めて…すべき
    ("訂正すべき", re.compile(r"訂正(?:を)?すべき|訂正することが(?:妥当|適当)")),
    ("開示すべき", re.compile(r"(?<!非)開示(?:を)?すべき|(?<!非)開示することが(?:妥当|適当)")),
    ("改めて決定すべき", re.compile(r"決定(?:を)?(?:すべき|行うべき)")),
    ("消去すべき", re.compile(r"消去(?:を)?すべき")),  # a 利用停止請求: 「…に関する記載部分は、消去すべきである」
    ("利用停止すべき", re.compile(r"利用(?:を)?停止(?:を)?すべき|提供(?:の|を)?停止(?:を)?すべき")),  # 「…に係る部分については、提供の停止をすべきである」
)
_NONE_SHOULD = re.compile(r"すべき(?:部分|もの|箇所|点|記載)(?:は|も)?(?:ない|なく|存在しない|認められない|見当たらない)")
_NOT_VALID = re.compile(r"妥当で(?:は)?な|妥当とは(?:いえ|言え)ない|違法")
_VALID = re.compile(r"妥当である|妥当です|妥当であり|妥当と(?:認め|判断)")  # 「…とした決定は妥当です。」
_PARTLY = re.compile(r"を除く部分|を除き|を除いて|を除いた|その余|一部(?![非不]?開示決定|の?[非不]?開示の決定)")  # not 「一部開示決定を取り消し」
TOSHIN_OUTCOMES = (
    "妥当", "妥当ではない", "開示すべき", "一部開示すべき", "取り消すべき", "一部取り消すべき", "訂正すべき", "一部訂正すべき",
    "却下すべき", "棄却すべき", "改めて決定すべき", "消去すべき", "一部消去すべき", "利用停止すべき", "一部利用停止すべき",
)


def _arabic(number: str) -> str:
    """'１２' / '十二' / '三〇一' / '二百三' -> '12' / '12' / '301' / '203'."""
    n = unicodedata.normalize("NFKC", number)
    return n if n.isdigit() else str(kanji_to_int(n))


def conclusion_outcome(text: str) -> str | None:
    """The outcome a 審査会 conclusion states: one of TOSHIN_OUTCOMES, with a qualifier in brackets when the
    decision is upheld in part ('妥当（一部却下すべき）'); None when it states none of them.

    Negation is read clause by clause: '妥当ではなく、取り消すべきである' -> 取り消すべき (never 妥当)."""
    c = compact(text)
    should: list[str] = []
    valid = not_valid = False
    for clause in re.split(r"。|が、|また、|なお、", c):
        label = next((name for name, pattern in _SHOULD if pattern.search(clause)), None)
        if label is not None and not _NONE_SHOULD.search(clause):  # 「開示すべき部分はない。」 says none
            should.append(label)
        if _NOT_VALID.search(clause):
            not_valid = True
        elif _VALID.search(clause):
            valid = True
    if should:
        main = should[0]
        if main in ("却下すべき", "改めて決定すべき") and valid:
            return f"妥当（{'一部' if main == '却下すべき' else 'ただし'}{main}）"
        if valid or _PARTLY.search(c):
            return "一部" + main if main in ("開示すべき", "取り消すべき", "訂正すべき", "消去すべき", "利用停止すべき") else main
        return main
    if not_valid:
        return "妥当ではない"
    return "妥当" if valid else None


def _style(line_text: str) -> str:
    """Numbering style of a heading: '第' (第１), 'num' (1), 'circled' (①), 'paren' ((6)), 'kanji' (一), '' (none)."""
    t = line_text.strip(" \t　")
    if t.startswith("第"):
        return "第"
    if "①" <= t[:1] <= "⑳":  # a digit to str.isdigit, but another numbering than 1 2 3
        return "circled"
    if t[:1].isdigit():
        return "num"
    if re.match(r"[(（][0-9０-９]{1,2}[)）]", t):
        return "paren"
    return "kanji" if re.match(r"[一二三四五六七八九十]{1,2}[ 　、．]", t) else ""


# an item of a list of requests: (1), ①, ア, １ at the start of its line
_ITEM = re.compile(r"^[ \t　]*(?:[(（][0-9０-９一二三四五六七八九十]{1,2}[)）]|[①-⑳]|[ア-ン][ 　.．、)）]|[0-9０-９]{1,2}[ 　.．、)）])")
# what ends the 付帯意見 whatever its numbering: a part of the 答申 (第６ 審査会の処理経過), a table, the member list
_BEYOND = re.compile(r"^[ \t　]*(?:別表|別紙|別記|\(?（?参考[)）]|[^\s]{0,24}委員名簿"
                     r"|(?:審査会の)?(?:処理|審議|調査審議)の?経過[ \t　]*$|答申に関与した委員)")  # a bare part heading after them


def _futai_items(lines: list[Line], head: int) -> list[tuple[int, int]]:
    """The requests under a 付帯意見 heading, one span each (its lines joined: a PDF breaks a sentence across
    lines), up to the next heading of the same numbering style or a higher one (第６ under ６), a table, 以上."""
    style = _style(lines[head].text)
    item_style: str | None = None  # the items' numbering, once the first item is met
    spans: list[tuple[int, int]] = []
    cur: list[int] | None = None
    ended = False
    for ln in lines[head + 1:]:
        if ln.blank:
            if cur is not None:
                spans.append((cur[0], cur[1]))
                cur = None
            continue
        c = compact(ln.text)
        numbered = _NUMBERED.match(ln.text) is not None
        if (_END_MARK.match(c) or _BEYOND.match(ln.text)
                or (style and (numbered or style in ("paren", "kanji")) and _style(ln.text) in (style, "第"))):
            break
        if not style and item_style is None and _ITEM.match(ln.text):  # (after a sentence introducing them, too)
            item_style = _style(ln.text)
        if not style and spans + ([cur] if cur else []) and _style(ln.text) not in ("", item_style or ""):
            break  # 「留意事項」 with no number of its own: its (1)(2)(3), up to 「第３　…」 or 「１　…」
        if cur is None or _ITEM.match(ln.text) or ended:  # a new request, or the one before goes on
            if cur is not None:
                spans.append((cur[0], cur[1]))
            cur = [ln.start, ln.end]
        else:
            cur[1] = ln.end
        ended = c.endswith("。")
    if cur is not None:
        spans.append((cur[0], cur[1]))
    return spans


def is_toshin(text: str) -> bool:
    head = text[:1500]
    if not _TOSHIN_MARK.search(head):
        return False
    if _LETTER_SHAPE.search(text, 0, 400):  # 「網代情審答申第１１２号」 over 「…教育委員会　様」: a letter, whatever it cites
        return True
    return not _MINUTES_MARK.search(head) or bool(_CONCLUSION_HEAD.search(text, 0, 8000))


def _conclusion_heading(text: str, lines: list[Line]) -> tuple[int, int] | None:
    """(start of the heading, end of its line) of '1 審査会の結論' (or a '結論'/'答申' heading line)."""
    m = _CONCLUSION_HEAD.search(text)
    if m is not None:
        line_start = text.rfind("\n", 0, m.start()) + 1
        lead = text[line_start : m.start()]
        start = line_start if len(compact(lead)) <= 3 else m.start()
        return start, m.end()
    for ln in lines:
        bare = compact(ln.text).strip("【】〔〕［］[]")  # 【結論】
        if _CONCLUSION.match(bare) and bare != "答申":
            return ln.start, ln.end
    return None


def _sections(text: str, body: int) -> dict[str, tuple[int, int]]:
    """Spans of the parts after the conclusion: request, explanation, opinion, reasons (the first of each)."""
    found: list[tuple[int, str]] = []
    for m in sorted([*_SECTION.finditer(text, body), *_BARE_SECTION.finditer(text, body)], key=lambda m: m.start()):
        name = m.group("name")
        part = (
            "reasons" if name.endswith("判断")
            else "explanation" if name.startswith("実施機関")
            else "request" if name.endswith(("趣旨", "要旨", "内容", "経過")) and "人の" not in name
            else "opinion"
        )
        if all(part != p for _, p in found):
            found.append((m.start(), part))
    out: dict[str, tuple[int, int]] = {}
    for i, (start, part) in enumerate(found):
        end = found[i + 1][0] if i + 1 < len(found) else len(text)
        end = _next_heading(text, start, end)
        if part == "reasons":
            stop = _REFERENCE.search(text, start, end)
            members = _MEMBERS_LINE.search(text, start, stop.start() if stop else end)
            end = min(x.start() for x in (stop, members) if x is not None) if (stop or members) else end
        out[part] = (start, end)
    return out


def _next_heading(text: str, start: int, end: int) -> int:
    """Where the heading numbered after the one at ``start`` begins ('第４　審議会の判断' … '第５　付帯意見'), within
    [start, end); ``end`` when there is none."""
    m = _HEAD_NUMBER.match(text, start)
    if m is None:
        return end
    following = int(unicodedata.normalize("NFKC", m.group("n"))) + 1
    digits = f"(?:{following}|{str(following).translate(_FULLWIDTH)})"
    dai = r"第[ \t　]?" if m.group("dai") else ""
    heading = re.compile(rf"^[ \t　]*{dai}{digits}[ \t　.．、]", re.MULTILINE)
    found = heading.search(text, m.end(), end)
    return found.start() if found else end


_PREFECTURE_COUNCIL = re.compile(r"(?m)^[ \t　]*([\u4e00-\u9fff々ヶ]{1,4}?[都道府県])[^\s、。「」（）()]{0,30}?(?:審議会|審査会)[ \t　]*$")


_MEMBERS_OF = re.compile(r"関与した委員[ \t　]*[(（][^()（）\n]{4,60}?(?:審査会|審議会)")  # 「答申に関与した委員（…審査会第二部会）」


def _header(text: str, header_end: int, meeting: Meeting, toshin: Toshin) -> tuple[int, int] | None:
    """Fill the letter's header fields; return the span of the subject ('…について（答申）') when found."""
    head = text[:header_end]
    # lines joined ('…保護制度\n運営審議会会長'), but not after the addressee's 様 (「…市長　様」 then 「柚ノ木原市…審査会」)
    m = next(muni_councils(re.sub(r"(?<![\n様])\n(?!\n)", "", head)), None)
    if m:
        meeting.council, meeting.municipality = muni_of(m) + m.group("council"), muni_of(m)
    elif (pm := _PREFECTURE_COUNCIL.search(head)) is not None:  # 「鵜鷺県情報公開・個人情報保護審査会」 under 「…県知事　様」
        meeting.council, meeting.municipality = pm.group(0), pm.group(1)
    elif (named := _MEMBERS_OF.search(text, header_end)) is not None \
            and (m := next(muni_councils(named.group(0)), None)) is not None:  # a head without the council (a scanned cover):
        meeting.council, meeting.municipality = muni_of(m) + m.group("council"), muni_of(m)  # 「関与した委員（…審査会第二部会）」
    if meeting.municipality is None:
        mm = LETTER_MUNI.search(head) or MUNI_RE.search(head)
        meeting.municipality = muni_of(mm) if mm else None
    nm = _NUMBER.search(head) or _LETTER_NUMBER.search(head)
    if nm:
        first = _arabic(nm.group(1))
        last = unicodedata.normalize("NFKC", nm.group(2)) if nm.lastindex and nm.lastindex > 1 and nm.group(2) else None
        toshin.number = f"答申第{first}号" + (f"から第{last}号まで" if last else "")
        meeting.session = toshin.number
    cm = _CHAIR.search(head)
    name_end: int | None = None
    if cm:
        name = re.sub(r"[ \t　]", "", cm.group(1))
        for stop in (meeting.municipality or "\0", "個人", "情報", "行政", "審査", "審議"):
            if stop in name[1:]:
                name = name[: name.index(stop, 1)]
        toshin.chair = name or None
        meeting.chair = toshin.chair
        name_end = _after(text, cm.start(1), len(name))
    am = _ADDRESSEE.search(head, nm.end() if nm else 0)
    if am:
        toshin.addressee = muni_of(am) + am.group("role")
    sm = _SUBJECT_END.search(text, 0, header_end)
    if sm is None:  # a web page titled 「答申第23号　…について」 with no 「（答申）」 line: its title is the subject
        pt = _PAGE_TITLE.search(text, 0, min(len(text), 300))
        if pt is None:
            return None
        toshin.subject = squash(pt.group("t"))
        return pt.start("t"), pt.end("t")
    para = text.rfind("\n\n", 0, sm.start())
    start = para + 2 if para >= 0 else 0
    # 「鵜浜市情報公開・個人情報保護審査会」 on the line above it, with no chair's line between
    council_lines = list(_COUNCIL_LINE_END.finditer(text, start, sm.start()))
    council_end = council_lines[-1].end() if council_lines else None
    for cut in (name_end, text.rfind("様", start, sm.start()) + 1 or None, text.rfind("。", start, sm.start()) + 1 or None,
                council_end):
        if cut is not None and start < cut <= sm.start():
            start = cut
    if sm.start() - start > 200:  # still a run of header text: the subject is its last line or sentence
        start = max(text.rfind("\n", start, sm.start()) + 1, sm.start() - 200)
    while start < sm.start() and text[start].isspace():
        start += 1
    if (numbered := _NUMBER_LINE.match(text, start, sm.start())) is not None:  # 「答申第２３号」 on the line above it
        start = numbered.end()
    if (named := _SUBJECT_LABEL.search(text, start, sm.start())) is not None:  # 「- 件名: …について（答申）」 in a list
        start = named.end()
    toshin.subject = squash(re.sub(r"\s*\n\s*", "", text[start : sm.start()])) or None
    return (start, sm.end()) if toshin.subject else None


def _after(text: str, start: int, chars: int) -> int:
    """The offset after ``chars`` non-space characters from ``start`` (a name written '三 辺　夏 雄')."""
    pos = start
    while chars > 0 and pos < len(text):
        if text[pos] not in " \t　":
            chars -= 1
        pos += 1
    return pos


_AFTER_QUOTED_MATTER = re.compile(r"[(（]以下|について|[、，]")


def _matter(text: str, header_end: int) -> tuple[int, int] | None:
    """The matter asked ('「…」の…決定に対する異議申立て'), from after '答申します。' to 'の諮問' outside 「」."""
    ms = _MATTER_START.search(text, 0, header_end + 1)
    if ms is None:
        return None
    start = ms.end()
    if text.startswith("「", start):  # 諮問のあった「…評価書」（以下「本件評価書」という。）について: the quoted name
        depth, k = 0, start
        while k < min(len(text), start + 300):
            depth += {"「": 1, "」": -1}.get(text[k], 0)
            if depth == 0:
                if _AFTER_QUOTED_MATTER.match(text, k + 1):
                    return start + 1, k
                break
            k += 1
    for me in _MATTER_END.finditer(text, start, min(header_end + 1, start + 800)):
        inside = text[start : me.start()]
        if inside.count("「") == inside.count("」"):
            return start, me.start()
    end = min(header_end, start + 400)  # 'についての諮問' lost inside the quote: up to the heading, minus 別紙/答申
    tail = _MATTER_TAIL.search(text, start, end)
    return (start, tail.start() if tail else end) if end > start else None


# a web page's table of the 答申: '件名\t生活保護ケース記録の部分開示決定に対する審査請求'
_LABELLED_MATTER = re.compile(r"(?m)^[ \t　]*(?:件[ \t　]*名|事案名称|事案名|事案の名称|案件名|(?:審査請求|開示請求|請求)に係る(?:公文書|行政文書|保有個人情報)|対象公文書)"
                              r"[\t 　]*[:：\t 　][ \t　]*(\S.*?)[ \t　]*$")


# the national board's head 「事件名：…に関する件」: the case's name, the title when the letter has no subject of its own
_CASE_NAME = re.compile(r"(?m)^[ \t　]*事件名[\t 　]*[:：][ \t　]*(\S.*?)[ \t　]*$")


# 「１　件名」 alone on its line in a cover letter's 「記」, the matter on the next line
_MATTER_BELOW = re.compile(r"(?m)^[ \t　]*[0-9０-９]{1,2}[ \t　.．、]+件[ \t　]*名[ \t　]*\n[ \t　]*(\S[^\n]*?)[ \t　]*$")


_MATTER_BRACKETED = re.compile(r"(?m)^[ \t　]*[(（【]件[ \t　]*名[)）】][ \t　:：]*(\S[^\n]*?)[ \t　]*$")  # 「（件名）…」


# 「…次のとおり答申します。」 then the case's name alone on its line: 「いじめ重大事態調査に関する記録の一部開示決定に関する件」
_CASE_LINE = re.compile(r"(?m)^[ \t　]*([^\s「」。、][^\n。]{5,80}?(?:に関する|に係る|についての)件)[ \t　]*$")


def _labelled_matter(text: str, header_end: int) -> tuple[int, int] | None:
    m = (_LABELLED_MATTER.search(text, 0, header_end) or _MATTER_BELOW.search(text, 0, header_end)
         or _MATTER_BRACKETED.search(text, 0, header_end))
    if m is None and (said := text.find("答申します", 0, header_end)) >= 0:
        m = _CASE_LINE.search(text, said, header_end)
    return m.span(1) if m else None


def parse_toshin(text: str, lines: list[Line]) -> ParsedDocument:
    meeting = Meeting()
    toshin = Toshin()
    missing: list[str] = []
    warnings: list[DocWarning] = []
    heading = _conclusion_heading(text, lines)
    if heading is not None:
        header_end = heading[0]
    else:
        header_end = next((ln.end for ln in lines if "答申します" in ln.text), len(text))
    subject = _header(text, header_end, meeting, toshin)
    matter = _matter(text, header_end) or _labelled_matter(text, header_end)
    if matter is not None:
        toshin.matter = squash(_LABEL_AFTER.sub("", re.sub(r"\s*\n\s*", "", text[matter[0] : matter[1]])))
    head = text[:header_end] or text[:1000]
    dated = _ANSWER_DATE_FIELD.search(head)  # 「諮問日：…」 over 「答申日：…」: the 答申's own date, not the first one
    found = (find_date(dated.group(1)) if dated else None) or find_date(head)
    if found is not None:
        meeting.date_text = found.text
        meeting.date = found.value.isoformat() if found.value else None
        if found.warning:
            warnings.append(found.warning)
    else:
        missing.append("date")
    labels = mentions(text, 0, min(len(text), header_end + 2000))
    label = labels[0].display if labels else toshin.number or "答申"
    title = toshin.matter or (toshin.subject or "").strip()
    if not title and (case := _CASE_NAME.search(text, 0, header_end)) is not None:
        title = toshin.matter = squash(case.group(1))
    body = heading[1] if heading is not None else header_end
    parts = _sections(text, body)
    conclusion_end = min((s for s, _ in parts.values()), default=None)
    numbered = _NUMBERED.search(text, body + 1)
    if numbered is not None and heading is not None:
        # under 「第１　審査会の結論」, 「１　審査請求１について」 is an item of it; the next part is 「第２」
        style = _style(text[heading[0] : heading[1]])
        while numbered is not None and style == "第" and _style(text[numbered.start() : numbered.end()]) != "第":
            numbered = _NUMBERED.search(text, numbered.end())
    if numbered is not None and (conclusion_end is None or numbered.start() < conclusion_end):
        conclusion_end = numbered.start()
    spans: list[tuple[int, int]] = []
    if heading is not None:
        end = conclusion_end if conclusion_end is not None else len(text)
        if text[body:end].strip():
            spans.append((body, end))
            toshin.conclusion = _trim(text, (body, end))
    if matter is None and spans:  # 「…について（答申）」 says no matter: the document the conclusion names
        quoted = next((q for q in _QUOTED.finditer(text, spans[0][0], min(spans[0][1], spans[0][0] + 300))
                       if _NAMES_DOCUMENT.match(text, q.end()) and not _SECTION_REF.match(q.group(1))), None)
        named = _SUBJECT_RECORD.match(title) is not None  # 「高齢者虐待対応記録の部分開示決定に関する…」: the subject names it
        if not named and (headed := _PAGE_TITLE.search(text, 0, min(len(text), 300))) is not None:
            if _SUBJECT_RECORD.match(headed.group("t")):  # a web page's title names it above a generic subject
                title, named = squash(headed.group("t")), True
            elif headed.group("rec") and re.search(_RECORD_WORD, headed.group("rec")):  # 「…について（…に係る記録）」
                title, named = squash(headed.group("rec")), True
        if quoted is None and heading is not None:  # the matter under 「記」: 「「…調査記録」の一部開示決定に関する審査請求」
            quoted = next((q for q in _QUOTED.finditer(text, 0, heading[0])
                           if _names_a_record(text, q) and _DECIDED_ON.match(text, q.end())), None)
        if quoted is None and parts.get("request") and not named:  # named only in the request: 「…の開示を請求した」
            a = parts["request"][0]  # its 趣旨 and its 経過, up to the next part
            b = min((x for x, _ in parts.values() if x > a), default=len(text))
            quoted = next((q for q in _QUOTED.finditer(text, a, min(b, a + 1500))
                           if _names_a_record(text, q) and _NAMES_DOCUMENT.match(text, q.end())
                           and not _SECTION_REF.match(q.group(1))), None)
        if quoted is None and heading is not None:  # 「…が行った「…協議記録」（以下「本件請求文書」という。）の…」 in the head
            # or in the account of the case after the conclusion (「…」及び「…」（以下併せて「本件記録」…）
            quoted = next((q for q in _QUOTED.finditer(text, 0, min(len(text), heading[1] + 2500))
                           if _names_a_record(text, q) and re.match(r"[ \t　]*(?:[(（]以下|及び「)", text[q.end() : q.end() + 6])
                           and not (named and len(q.group(1)) > 40)),  # a subject naming it over a request's long wording
                          None)
        if quoted is not None:
            name = quoted.group(1)
            also = re.match(r"[ \t　]*及び「([^「」]{2,120})」", text[quoted.end() : quoted.end() + 130])
            if also:  # 「児童相談受付票（…）」及び「…会議録（…）」: both documents at issue
                name += "及び" + also.group(1)
            title = toshin.matter = squash(re.sub(r"\s*\n\s*", "", name))
    toshin.request, toshin.explanation = _part(text, parts.get("request")), _part(text, parts.get("explanation"))
    toshin.opinion, toshin.reasons = _part(text, parts.get("opinion")), _part(text, parts.get("reasons"))
    course = parse_course(text, body)
    toshin.course, toshin.course_incomplete = course.rows, course.incomplete
    if meeting.date is None:  # a head without its date (a scanned cover): the 経過's last row 「令和６年９月２７日　答申」
        answered = next((r for r in reversed(course.rows) if r.date and any(st.strip() == "答申" for st in r.steps)), None)
        if answered is not None:
            meeting.date, meeting.date_text = answered.date, answered.date_text
            if "date" in missing:
                missing.remove("date")
    if toshin.reasons is not None:
        ml = _MEMBERS_LINE.search(text, toshin.reasons[1], min(len(text), toshin.reasons[1] + 400))
        if ml is not None:
            line_end = text.find("\n", ml.end())
            names = _MEMBER.findall(text, ml.end(), line_end if line_end > 0 else len(text))
            names = [_ANNEX.sub("", re.sub(r"[ \t　]", "", x)) for x in names]  # '藤原静雄別添': the name
            toshin.members = [n for n in names if len(n) >= 2 and not _NOT_NAME.search(n)]
    if not toshin.members:
        _involved(text, body, toshin, meeting)
    cons = Consultation(label=label, title=title, kind=kinds_of(title), start=header_end, end=len(text))
    specials: list[Special] = []
    stated = conclusion_outcome(text[spans[0][0] : spans[0][1]]) if spans else None
    if stated is not None:
        cons.status, cons.outcome = "decided", stated
        specials.append(Special(*_trim(text, spans[0]), "outcome", 0))
    else:
        decision = decide(text, spans) if spans else None
        if decision is None:
            decision = decide(text, [(header_end if header_end < len(text) else 0, len(text))])  # no heading: the whole letter
        apply_decision(cons, decision)
        if decision is None:
            missing.append("conclusion")
        elif decision.span:
            span = next((s for s in spans if s[0] <= decision.span[0] < s[1]), decision.span)
            specials.append(Special(*_trim(text, span), "outcome", 0))
    _requests(text, lines, cons, specials, spans)
    specials.extend(Special(s, e, "body", 0) for s, e in step_spans(text))  # 審査会の経過: a passage per step
    if title and matter is not None:
        extra = (subject,) if subject else ()
        specials.append(Special(*matter, "title", 0, extra))
    elif subject is not None:
        specials.append(Special(*subject, "title", 0))
    else:
        missing.append("subject")
    if missing:
        warnings.append(DocWarning("toshin_parts", items=tuple(missing)))
    parts_of = _per_consultation(text, header_end)
    if parts_of:  # one letter answering two 諮問 (「１　諮問第１８号について」「２　諮問第１９号について」): one each
        consultations, sections, own = _answered_each(text, parts_of, cons)
        specials = [sp for sp in specials if sp.kind not in ("outcome", "request")] + own
        passages = build_passages(text, header_end, specials, [(header_end, parts_of[0][1], 0), *sections])
        return ParsedDocument(text, "toshin", meeting, consultations, passages, warnings, toshin)
    passages = build_passages(text, header_end, specials, [(header_end, len(text), 0)])
    return ParsedDocument(text, "toshin", meeting, [cons], passages, warnings, toshin)


# a part of the letter answering one 諮問 of several: 「１　諮問第１８号について」「第２　諮問第１９号関係」
_ITEM_HEAD = re.compile(r"^[ \t　]*(?:[0-9０-９]{1,2}|第[0-9０-９一二三四五六七八九十]{1,2}|[一二三四五六七八九十]{1,2})[ \t　.．、]*"
                        r"(?P<label>諮問第[ \t　]*[0-9０-９一二三四五六七八九十]+[ \t　]*号)"
                        r"(?:について|関係|に係る答申|に対する答申|に関する答申)?[ \t　]*$", re.MULTILINE)
_SAID_CONCLUSION = re.compile(r"^[ \t　]*[(（]?[0-9０-９一二三四五六七八九十]{0,2}[)）]?[ \t　]*結論[ \t　]*$", re.MULTILINE)
_SUBJECT_OF = re.compile(r"^(?P<what>[^。]{8,120}?)(?:こと)?(?:は|について)[、,]")


def _per_consultation(text: str, header_end: int) -> list[tuple[str, int, int]]:
    """(label, start, end) of each part answering one 諮問 when the letter answers two or more, else []."""
    heads = list(_ITEM_HEAD.finditer(text, header_end))
    labels = {compact(m.group("label")) for m in heads}
    if len(heads) < 2 or len(labels) != len(heads):
        return []
    style = _style(heads[0].group(0))
    out: list[tuple[str, int, int]] = []
    for i, m in enumerate(heads):
        end = heads[i + 1].start() if i + 1 < len(heads) else None
        if end is None:  # the last: up to the next part of the letter (「３　審議経過」)
            nxt = next((n for n in _NUMBERED.finditer(text, m.end()) if _style(n.group(0)) == style), None)
            end = nxt.start() if nxt is not None else len(text)
        out.append((m.group("label"), m.start(), end))
    return out


def _answered_each(text: str, parts_of: list[tuple[str, int, int]], whole: Consultation
                   ) -> tuple[list[Consultation], list[tuple[int, int, int]], list[Special]]:
    """A consultation per part: its label, the matter its conclusion names (「…を目的外利用することは、…」), its own
    decision and requests."""
    consultations: list[Consultation] = []
    sections: list[tuple[int, int, int]] = []
    specials: list[Special] = []
    for idx, (label, start, end) in enumerate(parts_of):
        said = _SAID_CONCLUSION.search(text, start, end)
        first = sentence_spans(text, said.end() if said else text.find("\n", start, end) + 1, end)
        subject = _SUBJECT_OF.match(compact(text[first[0][0] : first[0][1]])) if first else None
        title = subject.group("what") + "ことについて" if subject else whole.title
        mention = next(iter(mentions(text, start, end)), None)
        c = Consultation(label=mention.display if mention else squash(label), title=title, kind=kinds_of(title),
                         start=start, end=end)
        decision = decide(text, [(start, end)])
        apply_decision(c, decision)
        if decision is not None and decision.span:
            specials.append(Special(*decision.span, "outcome", idx))
        req = request_spans(text, [(start, end)], decision.span if decision else None)
        c.requests = [squash(text[a:b]) for a, b in req]
        specials.extend(Special(a, b, "request", idx) for a, b in req)
        if c.status == "decided":
            c.outcome = with_requests(c.outcome, bool(req))
        consultations.append(c)
        sections.append((start, end, idx))
    return consultations, sections, specials


def _part(text: str, span: tuple[int, int] | None) -> tuple[int, int] | None:
    """A part's text: its section without the heading ('2異議申立ての趣旨本件…' -> '本件…'), trimmed; None when
    nothing is under the heading."""
    if span is None:
        return None
    heading = _SECTION.match(text, span[0])
    start, end = _trim(text, (heading.end() if heading else span[0], span[1]))
    last = text.rfind("\n", start, end) + 1
    if last and _END_MARK.match(compact(text[last:end])):  # the letter's closing '以 上'
        start, end = _trim(text, (start, last))
    return (start, end) if end > start else None


# a web page's list after the 答申: '答申に関与した委員' / '会長　浜名　義之（弁護士）、副会長　志田　葉月（大学教授）、…'
_INVOLVED = re.compile(r"(?:答申|審査|審議)に(?:関与し|関わっ|かかわっ)た委員[^\n]*\n\s*(?P<line>[^\n]+)")
_INVOLVED_ITEM = re.compile(r"^[ \t　]*(?P<role>副?会長|副?委員長|委員)[ \t　]*(?P<name>[^（(]+?)[ \t　]*(?:[（(].*)?$")


def _involved(text: str, start: int, toshin: Toshin, meeting: Meeting) -> None:
    """Members (and the chair, if the head named none) from a list of the members who took part in the 答申."""
    m = _INVOLVED.search(text, start)
    if m is None:
        return
    for item in re.split(r"[、，,]", m.group("line")):
        im = _INVOLVED_ITEM.match(item)
        if im is None:
            continue
        name = re.sub(r"[ \t　]", "", im.group("name"))
        toshin.members.append(name)
        if im.group("role") in ("会長", "委員長") and toshin.chair is None:
            toshin.chair = meeting.chair = name


def _trim(text: str, span: tuple[int, int]) -> tuple[int, int]:
    s, e = span
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def _requests(text: str, lines: list[Line], cons: Consultation, specials: list[Special],
              spans: list[tuple[int, int]]) -> None:
    """付帯意見 (a heading of its own, or a numbered heading naming 意見 that is not the applicant's)."""
    heads = [i for i, ln in enumerate(lines) if _FUTAI_HEAD.match(compact(ln.text))]
    futai = [
        (ln.start, ln.end)
        for ln in lines
        if _FUTAI.search(compact(ln.text)) and _NUMBERED.match(ln.text) and not _NOT_FUTAI.search(ln.text)
        and len(compact(ln.text)) <= 20
    ]
    inline = [(ln.start, ln.end) for ln in lines if _FUTAI_SAID.search(ln.text)]
    run_in = next((m for ln in lines if (m := _FUTAI_RUN_IN.match(text, ln.start, ln.end)) is not None), None)
    intro = next((i for i, ln in enumerate(lines) if _ITEMS_INTRO.search(ln.text)
                  and any(_ITEM.match(nx.text) for nx in lines[i + 1 : i + 3])), None)
    if heads:
        req = _futai_items(lines, heads[0])
    elif futai:
        exclude = next((s for s in spans), None)
        req = request_spans(text, [(futai[0][0], len(text))], exclude)
    elif run_in is not None:  # a PDF copy's paragraph 「第７　付言 １　…。２　…。」: its items, on the heading's line
        line_end = text.find("\n", run_in.end())
        line_end = len(text) if line_end < 0 else line_end
        cuts = [run_in.end()] + [m.start() for m in _RUN_IN_ITEM.finditer(text, run_in.end(), line_end)] + [line_end]
        req = [(a, b) for a, b in itertools.pairwise(cuts) if text[a:b].strip()]
    elif intro is not None:
        req = _futai_items(lines, intro)
    elif inline:  # 「…次の点に十分留意されるよう、付帯意見として申し添えます。第一に、…」: a paragraph of its own
        req = inline[:1]
    else:
        return
    cons.requests = [squash(text[s:e]) for s, e in req]
    specials.extend(Special(s, e, "request", 0) for s, e in req)
    if cons.status == "decided":
        cons.outcome = with_requests(cons.outcome, bool(req))
