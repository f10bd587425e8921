"""A meeting header written as sentences, not as key/value lines (pure).

「令和6年8月20日（火）午前10時から、南川市役所本庁舎4階第2会議室において、…を開催した。出席委員は、会長　田中誠一、
副会長　小川美和子、…の6名であり、委員　高木純一は所用のため欠席した。」 and, at the end of the minutes,
「午前11時32分閉会」. The rule: only what the key/value header left empty is read here — the place (the words
between 「…から、」 and 「において／にて」), the members present (the list after 「出席委員は」 up to its count, or
after 「委員7名のうち」 up to 「の6名が出席」),
the members absent (「…は…欠席」, or the list after 「欠席委員は」), and the end time (the last 「…時…分閉会／散会」).
"""

from __future__ import annotations

import re

from knowledge.model import Meeting
from knowledge.structure_people import is_chair_role, parse_people
from knowledge.structure_text import squash
from knowledge.wareki import normalize_numbers, parse_time_range

_COUNT = r"(?:[0-9０-９]+|[一二三四五六七八九十]+)[ 　]*名"
_VENUE = re.compile(r"(?:会場|場所)は[、,]?[ 　]*(?P<place>[^、。\n「」]{3,40}?)(?:である|です|で(?:行|開)|。)")  # 会場は…である。
_PLACE = re.compile(r"(?:から|まで|より|分|時|[)）])[、,]?[ 　]*(?P<place>(?:[^、。\n「」]|「[^」\n]{1,15}」){3,40}?)(?:において|にて|に招集)"  # 「午後１時３０分、…において開会し」「…第一会議室に招集された」
                    r"|(?:から|まで|より|分|時|[)）])[、,]?[ 　]*(?P<room>[^、。\n「」]{2,40}?(?:室|ホール|会館|センター|庁舎|役場|公民館))で[、,][^。\n]{0,60}?開催")  # 「…まで、市役所４階の第２委員会室で、…を開催しました」
_PRESENT = re.compile(r"(?<!ため)(?<![側市町村区])出席(?:した|の)?(?:委員|者)?(?:は|：|:)[、,]?[ 　]*(?!(?:委員)?定数)(?!" + _COUNT + r")(?P<list>[^。]{2,400}?)(?:(?:の|、)?(?:計)?" + _COUNT
                      + r"|(?:でございます|です)?(?=。))")  # 「御出席の委員は、…、そして私、柚木敬三でございます。」  # 「出席委員は、栗花落会長、…、御子柴委員。」: up to its count, or to the sentence's end
# 「委員7名のうち会長 鷲尾 恵一、…、委員 比嘉 真由美の6名が出席し」: the list before its count
_PRESENT_BEFORE = re.compile(r"(?:委員[ 　]*" + _COUNT + r"の?うち|うち)[、,]?[ 　]*(?P<list>[^。（(]{2,400}?)の(?:計)?" + _COUNT
                             + r"(?:が|で)?出席")
_ABSENT_LIST = re.compile(r"欠席(?:した)?(?:委員|者)?(?:は|：|:)[、,]?[ 　]*(?![0-9０-９一二三四五六七八九十]+[ 　]*名)(?P<list>[^。]{2,200}?)(?:の(?:計)?" + _COUNT + r"|。)")
_ABSENT_ONE = re.compile(r"(?:^|[、。（(\n])(?P<list>[^、。（(\n]{2,60}?)(?:から)?(?:は|が)[、]?(?:(?!出席)[^、。]){0,20}?欠席")
_TIME = r"((?:午前|午後)?[ 　]*[0-9０-９]{1,2}[ 　]*時(?:[ 　]*[0-9０-９]{1,2}[ 　]*分|半)?)"
_END = re.compile(_TIME + r"[ 　]*(?:に)?(?:閉会|散会|終了)|" + _TIME + r"[、,][^。\n]{0,12}?(?:閉会|散会)を宣")  # 午前１１時２８分、会長が閉会を宣した
# 「開会　午前９時３０分」 at the top and 「閉会　午前１１時」 at the bottom: the word, then the time
_OPEN_LINE = re.compile(r"^[ 　]*(?:(?:開会|開始|開議)[ 　]*(?:時刻)?[ 　:：]*" + _TIME + r"|[(（]?" + _TIME
                        + r"[ 　]*(?:開会|開始|開議)[)）]?)[ 　]*$", re.MULTILINE)  # 開会　午前９時３０分 / （午後２時００分　開会） / 午前１０時００分開議
_CLOSE_LINE = re.compile(r"^[ 　]*(?:(?:閉会|散会|終了)[ 　]*(?:時刻)?[ 　:：]*" + _TIME + r"|[(（]?" + _TIME
                         + r"[ 　]*(?:閉会|散会|終了)[)）]?)[ 　]*$", re.MULTILINE)
# 「於　乙守町役場本庁舎３階　第２会議室」 (under the signatures at the end): where the meeting was held
_CLOSING_ROLL = re.compile(r"^出席(?:委員|者)[ 　]*[：:][ 　]*(?P<list>[^\n。]{2,300})$", re.MULTILINE)
_AT = re.compile(r"^[ 　]*於[ 　]+(\S[^\n]{2,50})$", re.MULTILINE)
# a note under the record: 「※芹生　和也　委員（鵤坂町商工会）は所用により欠席。」
_ABSENT_REMARK = re.compile(r"^[ 　]*[※＊*][ 　]*(?P<list>[^、。\n（(※]{2,60}?)(?:[(（][^)）\n]{1,30}[)）])?(?:は|が)[、]?[^、。\n]{0,20}?欠席", re.M)
_ROLE_AFTER = re.compile(r"[ 　]*(?:委員長|副会長|会長|委員)[ 　]*$")  # one name with its role after it, spaces kept inside
_NOT_PEOPLE = re.compile(r"会議|審議会|審査会|事務局|傍聴")


def _listed(names: str) -> str:
    """「竹内委員及び野村委員の二名」 -> 「竹内委員、野村委員」: a list as a sentence says it."""
    names = re.sub(r"[ 　]*の(?:計)?" + _COUNT + r"$", "", names.strip())
    names = re.sub(r"(?:そして|最後に)?(?:私|わたくし)[、,]", "", names)  # 「…、そして私、柚木敬三」: the chair speaking
    return re.sub(r"及び|並びに|および", "、", names)


def _bare_name(name: str) -> str:
    """「構成町代表として上青鷺町の鶴巻秀雄」 -> 「鶴巻秀雄」: a member introduced by who they represent."""
    m = re.search(r"^(.{3,}?)(?:として|の)([^の]{2,6})$", name)  # not 「雑賀のぞみ」 (a name with の)
    return m.group(2) if m else name


def read_prose(head: str, text: str, meeting: Meeting) -> None:
    """Fill what ``meeting`` lacks from the header sentences ``head`` (and the end time from ``text``)."""
    if meeting.place is None and (m := _PLACE.search(head) or _VENUE.search(head)):
        meeting.place = squash(m.group("place") or m.group("room"))
    if not meeting.present and (m := _PRESENT.search(head) or _PRESENT_BEFORE.search(head)):
        for name, role in parse_people(_listed(m.group("list"))):
            name = _bare_name(name)
            meeting.present.append(name)
            if meeting.chair is None and is_chair_role(role):
                meeting.chair = name
    if not meeting.absent:
        m = _ABSENT_LIST.search(head)
        one = None if m else _ABSENT_ONE.search(head)
        found = m or one
        if found and not _NOT_PEOPLE.search(found.group("list")):
            listed = re.sub(r"(?:でした|です|であった|である)$", "", found.group("list").strip())  # 「欠席は鷹取委員です。」
            meeting.absent = [_bare_name(name) for name, _ in parse_people(_listed(listed))]
        elif (note := _ABSENT_REMARK.search(text)) and not _NOT_PEOPLE.search(note.group("list")):
            meeting.absent = [squash(_ROLE_AFTER.sub("", item)) for item in _listed(note.group("list")).split("、") if item.strip()]
    if not meeting.present and (m := _CLOSING_ROLL.search(text)):  # 「出席委員：四方田千晶（会長）、…」 closing the record
        meeting.present = [_bare_name(name) for name, _ in parse_people(m.group("list"))]
    if meeting.start_time is None and (m := _OPEN_LINE.search(normalize_numbers(text))):
        meeting.start_time = parse_time_range(m.group(1) or m.group(2))[0]
        if meeting.end_time is None and (m := _CLOSE_LINE.search(normalize_numbers(text))):
            meeting.end_time = parse_time_range(m.group(1) or m.group(2))[0]
    if meeting.place is None and (m := _AT.search(text)):
        meeting.place = squash(m.group(1))
    if meeting.start_time and meeting.end_time is None:
        ends = list(_END.finditer(normalize_numbers(text)))
        if ends:
            meeting.end_time = parse_time_range(ends[-1].group(1) or ends[-1].group(2))[0]
