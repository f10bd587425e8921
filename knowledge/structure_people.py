"""Lists of people in a header cell: '小林 俊之(会長)、松原 いつ子(副会長)', '臼井雅子会長・嶋田節男委員',
'(会長) 畠田 健治 (副会長) 河野 和宏 塩路 裕子'. Names come back without their role; the role separately."""

from __future__ import annotations

import re

from knowledge.structure_text import squash

ROLE_WORDS = ("副委員長", "委員長", "副会長", "会長", "議長", "座長", "委員")
CHAIR_ROLES = {"会長", "委員長", "議長", "会長(議長)", "座長"}
# a group's label in brackets: 「（委員）」「（事務局・説明員）」「（市側）」
_GROUP_LABEL = r"[(（【]\s*([^()（）【】\s]{0,8}?(?:委員|事務局|職員|説明者|説明員|実施機関)|(?:市|町|村|区)側?|執行機関)\s*[)）】]"
_GROUP = re.compile(  # 「（委員）A・B」 opens a group; 「宇津木　正巳（委員）」 is one person's role
    r"(?<![^\s、，,：:])" + _GROUP_LABEL
    + r"|(?:^|(?<=\n))[ 　]*((?:市|町|村|区)?(?:委員|事務局|職員|説明者|実施機関))[ 　]+(?=\S)"
)
# the municipality's side under its own bracket (「（町）総務課長　矢作亨、…」): its staff, not members
CITY_SIDE = frozenset({"市", "町", "村", "区", "市側", "町側", "村側", "区側", "執行機関"})
_GLUED_ROLE = re.compile(r"([(（][^()（）\s]{1,6}[)）])(?=[^\s、，,・(（])")
_OTHERS = re.compile(r"[ 　]*(?:ほか|他|外)[ 　]*(?:委員|職員)?[ 　]*[0-9０-９一二三四五六七八九十]+[ 　]*名$")
_PAREN = re.compile(r"[(（]\s*([^()（）]{1,12}?)\s*[)）]")
_NOTE = re.compile(r"[(（]\s*([^()（）]{1,40}?)\s*[)）]")
_ROLE_TOKEN = re.compile(r"^[(（]([^()（）]{1,10})[)）]$")
_ORG = re.compile(r"(?:部|室|課|局|係|センター|機関)$")
_NONE = {"なし", "無し", "ー", "－", "-", "―", "特になし", "全員出席", "全員", "欠席なし"}

Person = tuple[str, str | None]


# a group written around its list: '委員6名（長尾弘道会長、小池千晴副会長）、事務局（総務課長 浅井、…）'
_WRAPPED_GROUP = re.compile(
    r"(?:^|(?<=[、，,\s]))(委員|事務局|職員|説明者|説明員)"
    r"(?:\s*[0-9０-９]+\s*名\s*[(（]([^()（）]+)|\s*[(（]([^()（）]*[、，,\s][^()（）]*))[)）][、，,]?"
)


def _unwrapped(value: str) -> str:
    """'委員6名（A会長、B委員）' -> '(委員) A会長、B委員 ': the group's label before its list, as ``_GROUP`` reads it."""
    return _WRAPPED_GROUP.sub(lambda m: f"({m.group(1)}) {m.group(2) or m.group(3)} ", value)


# a group's label spaced to the width of the others (「（事 務 局）」「（説 明 員）」 under 「（出席委員）」)
_SPACED_GROUP = re.compile(r"[(（【](?:[一-龥][ 　]+){1,4}[一-龥][)）】]")


def split_groups(value: str) -> dict[str, str]:
    """'(委員) A・B (市事務局) C' -> {'委員': 'A・B', '市事務局': 'C'}; no groups -> {'': value}."""
    value = _SPACED_GROUP.sub(lambda m: re.sub(r"[ 　]", "", m.group(0)), _unwrapped(value))  # 「（事 務 局）」
    matches = [m for m in _GROUP.finditer(value)
               if (m.group(1) and not _note_after_name(value, m)) or (m.group(2) and not _one_person_line(value, m.end()))]
    if not matches:
        return {"": value}
    groups: dict[str, str] = {}
    head = value[: matches[0].start()].strip()
    if head:
        groups[""] = head
    for i, m in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(value)
        label, part = m.group(1) or m.group(2), value[m.end() : end].strip()
        groups[label] = f"{groups[label]}\n{part}" if label in groups else part  # 【委員】…, then 委員　… on the next line
    return groups


def _note_after_name(value: str, m: re.Match[str]) -> bool:
    """「三ツ股　康弘　（行政相談委員）」: a bracket after a name, ending its line, says who the member is; a group's
    label opens its line (「（委員）」) or comes before its list (「（委員）A・B」)."""
    line_start = value.rfind("\n", 0, m.start()) + 1
    line_end = value.find("\n", m.end())
    return bool(value[line_start : m.start()].strip()) and not value[m.end() : len(value) if line_end < 0 else line_end].strip()


def _one_person_line(value: str, start: int) -> bool:
    """The rest of the line from ``start`` is one person ('委員 杉山 大輔（税理士）': a role before a name, not a
    group's label before its list)."""
    end = value.find("\n", start)
    rest = squash(value[start : len(value) if end < 0 else end])
    return bool(_ONE_WITH_NOTE.fullmatch(rest) or _ONE_NAME.fullmatch(rest))


def _role_of(item: str) -> Person:
    """'小林 俊之(会長)' -> ('小林 俊之', '会長'); '石黒直樹会長（日出大学法学部教授）' -> ('石黒直樹', '会長'): a
    parenthesis is the role when it is one, else a note (affiliation, '委員6名中5名出席') that is dropped."""
    role: str | None = None
    parens = list(_NOTE.finditer(item))
    for m in parens:
        content = re.split(r"[、，,]", m.group(1).replace(" ", ""))[0]  # '（会長、…大学教授）': the role, then a note
        if content in ROLE_WORDS or content in CHAIR_ROLES or (len(content) <= 6 and content.endswith(ROLE_WORDS)):
            role = role or content
    if parens:
        item = squash(_NOTE.sub(" ", item))
    for word in ROLE_WORDS:
        if item.endswith(word) and len(item) > len(word):
            return item[: -len(word)].strip(), role or word
    return item, role


_ROLES = (r"副?部?会[ 　]*長|副?委[ 　]*員[ 　]*長|(?:部会)?委[ 　]*員|部会員|議[ 　]*長|(?:部?会長)?職務代理者|副?座[ 　]*長(?:代理者?)?"
          r"|(?:会長|委員長)代理者?|同")  # a role written before a name
_LEADING_ROLE = re.compile(rf"^({_ROLES})[ 　]+(?=\S)")
# 「委員柴山 千晶（…）」: the role glued to a name written apart (surname, a space, given name)
_GLUED_LEADING_ROLE = re.compile(r"^(副?委員長|委員|副?会長)(?=[一-龥々]{1,4}[ 　][一-龥々ぁ-んァ-ヶ]{1,5}(?:[ 　]*[(（][^()（）]*[)）])?$)")


def _leading_role(item: str) -> Person:
    """'会　長　長谷部　達也' (the role before the name, in a column) -> ('長谷部 達也', '会長'); else as ``_role_of``."""
    m = _LEADING_ROLE.match(item) or _GLUED_LEADING_ROLE.match(item)
    if m is None:
        return _role_of(item)
    name, role = _role_of(item[m.end():])
    return name, role or re.sub(r"[ 　]", "", m.group(1))


def _space_people(value: str) -> list[Person]:
    tokens = value.split()
    people: list[Person] = []
    segment: list[str] = []
    role: str | None = None

    def flush() -> None:
        names = [t for t in segment if not (_ORG.search(t) and len(t) >= 3)]
        short = all(len(t) <= 4 for t in names)
        first = True
        step = 2 if short and len(names) % 2 == 0 else 1
        for i in range(0, len(names), step):
            name, own = _role_of(" ".join(names[i : i + step])) if step == 1 else (" ".join(names[i : i + 2]), None)
            people.append((name, role if first else own))
            first = False

    for tok in tokens:
        m = _ROLE_TOKEN.match(tok)
        if m:
            flush()
            segment, role = [], m.group(1)
        else:
            segment.append(tok)
    flush()
    return people


_READING = re.compile(r"(?<=[一-龥々])[(（][ぁ-ゖー]{1,12}[)）]")  # 御子柴（みこしば）健吾: the reading, not a note
_COUNTED_LIST = re.compile(r"[0-9０-９一二三四五六七八九十]+[ 　]*[名人][ 　]*[(（]([^()（）]+(?:[(（][^()（）]*[)）][^()（）]*)*)[)）]")
_ELECTED = re.compile(r"(?:^|(?<=[\s　、]))[一-龥ァ-ヶー]{1,8}(?:選出|推薦)(?=[ 　])", re.MULTILINE)
_WRAPPED = re.compile(r"[(（][^()（）]+(?:[(（][^()（）]*[)）][^()（）]*)*[)）]")
_ATTEND_MODE = re.compile(r"^[ 　]*(?:会場|オンライン|Web|WEB|ウェブ|リモート)(?:参加|出席)[ 　]*$", re.MULTILINE)
_SEAT = re.compile(r"(?:^|(?<=[\s　]))[0-9０-９]{1,2}[ 　]*番[ 　]+")  # 「１番　大久保　和人」: a seat number, as assemblies write
_COUNT_NOTE_AFTER = re.compile(r"[ 　]*[(（][ 　]*[0-9０-９一二三四五六七八九十]+[ 　]*[名人](?:[、，,][^()（）]*)?[)）][ 　]*$")
_COUNT_CELL = re.compile(r"\t[ 　]*[0-9０-９一二三四五六七八九十]+[ 　]*[名人][ 　]*$", re.MULTILINE)
_ROLE_BRACKET = re.compile(r"〔([^〔〕]{1,8})〕")  # 〔会長〕 after a name


_KUN = re.compile(r"[ 　]*君(?=[ 　\n]|$)")


def _called(value: str) -> list[Person] | None:
    """The names of a roll where 君 closes each (「青　木　和　彦　君　　石　井　里　美　君」, a name's letters spread
    apart): the letters between one 君 and the next make one name. None unless every name is so closed."""
    if not _KUN.search(value):
        return None
    parts = _KUN.split(value)
    if parts[-1].strip():
        return None
    names = [re.sub(r"[ 　\n]", "", part) for part in parts[:-1]]
    if not names or not all(2 <= len(n) <= 8 and re.fullmatch(r"[一-龥々ぁ-んァ-ヶー]+", n) for n in names):
        return None
    return [(n, None) for n in names]


def parse_people(value: str) -> list[Person]:
    """(name, role) pairs, in order."""
    value = _COUNT_CELL.sub("", value)  # 「柘植　克彦（会長）\t5名」: a sheet's 備考 column counting the rows
    value = _COUNT_NOTE_AFTER.sub("", value)  # 「日下部 修 委員（1名、体調不良のため）」: the count and why, after the list
    value = _TALLY.sub(" ", _SEAT.sub(" ", _ROLE_BRACKET.sub(r"（\1）", _READING.sub("", value))))
    if (counted := _COUNTED_LIST.fullmatch(value.strip())) is not None:  # 「5名（山科和彦会長、…）」
        value = counted.group(1)
    value = _ATTEND_MODE.sub("", value)  # 「会場参加」「オンライン参加」 over the names of a hybrid meeting
    value = _ELECTED.sub(" ", value)  # 「蕨平町選出　　有馬紘一（会長）」: where the member comes from
    if _WRAPPED.fullmatch(value.strip()):  # 「(3)出席委員（篠塚由紀子会長、…）」: the list in brackets after its key
        value = value.strip()[1:-1]
    value = _COUNT.sub("", _unwrapped(_COUNT_LABEL.sub("", _MEMBERS_LABEL.sub("", value.strip()))).strip())  # '（2名）' after '欠席委員' in a table's first cell
    if (called := _called(value)) is not None:  # 「１番　青　木　和　彦　君」: an assembly's roll, 君 closing each name
        return called
    value = _GLUED_ROLE.sub(r"\1 ", value)
    value = _TOTAL_AFTER.sub("", value)  # 「…、久慈　雅人　　以上６名」: the count closing the list
    if not value or squash(value) in _NONE:
        return []
    return [(n, r) for n, r in ((_OTHERS.sub("", name).strip(), role) for name, role in _parse_people(value))
            if n and not _TALLY.fullmatch(n.replace(" ", ""))]


def _in_foreign_name(value: str, i: int) -> bool:  # 「エマ・ホワイト」: the dot inside one name
    return value[i] == "・" and 0 < i < len(value) - 1 and _KATA.match(value[i - 1]) is not None and _KATA.match(value[i + 1]) is not None


_KATA = re.compile(r"[ァ-ヶー]")


def _wrapped_here(value: str, i: int) -> bool:
    """A line break inside a name of a list apart by 、 that a PDF wrapped (「…、長谷部　誠、小\n野寺　澄江」): the line
    is a long one holding 、, its last item is a name's first one or two characters, and the next line goes on to a 、."""
    if value[i] != "\n" or i == 0:
        return False
    line = value[value.rfind("\n", 0, i) + 1:i]
    rest = value[i + 1:].split("\n", 1)[0]
    head = line.rsplit("、", 1)[-1]
    return len(line) >= 20 and "、" in line and "、" in rest and re.fullmatch(r"[一-龥々ぁ-んァ-ヶ]{0,1}[^\W\d_員長課係局]", head) is not None


def _split_list(value: str) -> list[str]:
    """Items apart by 、，,・ or a line break, not inside a parenthesis ('篠原 英明（会長、…教授）、松永 さおり')."""
    value = "".join(ch for i, ch in enumerate(value) if not _wrapped_here(value, i))
    items: list[str] = []
    depth, start = 0, 0
    for i, ch in enumerate(value):
        if ch in "(（":
            depth += 1
        elif ch in ")）":
            depth = max(0, depth - 1)
        elif depth == 0 and ch in "、，,・\n／" and not _in_foreign_name(value, i):
            items.append(value[start:i])
            start = i + 1
    items.append(value[start:])
    return items


# '（2名）', '2名', '5名（定数7名）', '（四名）', '（委員）２名' before the list, after the key in a table's first cell
_COUNT = re.compile(r"^[(（]?(?:出席|欠席)?(?:委員[)）]?)?[(（]?[0-9０-９一二三四五六七八九十]+[ 　]*[名人][)）]?"
                    r"(?:[ 　]*[(（](?:定数[^()（）\n]{0,8}|全員出席|全員|以上[^()（）\n]{0,6})[)）])?[ \t　\n]*")
_TOTAL_AFTER = re.compile(r"(?:[ 　、,]*(?:[(（][ 　]*)?(?:以上|計|合計)[ 　]*|(?<=\S)[ 　]+)"  # 「…　以上６名」「鷲見康弘　1名」
                          r"[0-9０-９一二三四五六七八九十]+[ 　]*[名人](?:[ 　]*[)）])?[ 　]*$")
_MEMBERS_LABEL = re.compile(r"^(?:出席|欠席)?委員[ 　]*[：:][ 　]*")  # 「委員：蓮見和志（会長）、…」: the list's label
_COUNT_LABEL = re.compile(r"^(?:委員)?[ 　]*[0-9０-９一二三四五六七八九十]+[ 　]*名[ 　]*[：:][ 　]*")  # 「委員6名：会長 小松 英明、…」
# 「委員７名中６名出席」: a tally, no name
_TALLY = re.compile(r"(?:委員)?(?:定数)?[0-9０-９一二三四五六七八九十]+名中[0-9０-９一二三四五六七八九十]+名(?:が|の)?(?:出席)?")
_ONE_NAME = re.compile(r"[^\s()（）]{1,5}(?: [^\s()（）]{1,5})?")  # '石井 典子' after its role
_NAME_THEN_ROLE = re.compile(_ONE_NAME.pattern + r"[ 　]+(?:" + _ROLES + r")")  # '日下部 修 委員'
_ONE_WITH_NOTE = re.compile(r"[^\s()（）、，,・]{1,5}[ 　]?[^\s()（）、，,・]{1,5}[ 　]*[(（][^()（）]+[)）]")  # '今村 修（自治会連合会）'


def _parse_people(value: str) -> list[Person]:
    if _ONE_WITH_NOTE.fullmatch(value.strip()):
        return [_role_of(squash(value))]
    if re.search(r"[、，,・／]", value):
        people: list[Person] = []
        for item in _split_list(value):
            item = squash(item)
            if item and item not in _NONE and not re.search(r"[：:]", item):  # 「欠席：なし」 is another field
                people.append(_leading_role(item))  # 会長 田中誠一、副会長 小川美和子、同 村上典子
        return [p for p in people if p[0]]
    if re.search(r"　[ 　]+", value):  # '大槻　玲子（会長）　　宮地　正博': persons apart by two spaces, a name by one
        items = _roles_joined([squash(x) for x in re.split(r"[ 　]{2,}|\n", value)])
        return [p for p in (_leading_role(x) for x in items if x and x not in _NONE) if p[0]]
    if "\n" in value and not re.search(r"[(（]", value):
        return [_role_of(squash(x)) for x in value.split("\n") if squash(x) and squash(x) not in _NONE]
    if "\n" in value:  # one person a line, each with a note: '委　員　石井　典子（人権擁護委員）'
        return [p for x in value.split("\n") if squash(x) and squash(x) not in _NONE for p in _parse_people(x)]
    one = squash(value)
    if _NAME_THEN_ROLE.fullmatch(one):  # 「日下部 修 委員」: one person, the role after
        return [_leading_role(one)]
    if (m := _LEADING_ROLE.match(one)) and _ONE_WITH_NOTE.fullmatch(one[m.end():]) or _ONE_NAME.fullmatch(one[m.end():] if m else ""):
        return [_leading_role(one)]
    return _space_people(value)


_ROLE_ONLY = re.compile(_ROLES)


def _roles_joined(items: list[str]) -> list[str]:
    """'委 員', '宮下 寛治' (a role column, then the name, two spaces apart) -> '委 員 宮下 寛治'."""
    out: list[str] = []
    for item in items:
        if out and (_ROLE_ONLY.fullmatch(out[-1]) or re.fullmatch(r"[一-龥々]", item)):  # '竹内　　学': one name
            out[-1] = out[-1] + " " + item
        else:
            out.append(item)
    return out


def is_chair_role(role: str | None) -> bool:
    return bool(role) and not str(role).startswith("副") and any(r in str(role) for r in ("会長", "委員長", "議長"))


_MARK = {"○": True, "◯": True, "出席": True, "出": True, "×": False, "✕": False, "欠席": False, "欠": False}
ATTENDANCE_MARKS = frozenset(_MARK)  # the marks an 出欠 cell holds, alone
_LAST_MARK = re.compile(r"(?<=\S)[ 　](出席|欠席|○|◯|×|✕)$")
_STAFF = frozenset("事務局 説明員 説明者 職員 実施機関 オブザーバー 所管課 担当課".split())
_CELL = re.compile(r"[ 　]{2,}|\t|[│┃|｜]")  # cells apart by spaces, a tab, or a drawn table's bars


_GROUP_LINE = re.compile(_GROUP_LABEL)  # a group's label alone on its row (fullmatch), not a note (「（敬称略）」)
_NAME_NOTE = re.compile(r"([^()（）]{1,14}?) ?[(（]([^()（）]+)[)）]")  # a name, then what the member is
# the first cell of a role-first roster row: the role, or a mark that the member was absent (「※欠席」「（欠席）」)
_ROW_ABSENT = re.compile(r"^[※＊*]?[(（]?欠席[)）]?$")


def role_rows(value: str) -> tuple[list[Person], list[Person]] | None:
    """A roster with the role first and a note after the name ('会　長　　檜垣　澄江　　　学識経験者（…教授）',
    '※欠席　　芦刈　純　　　　市民公募'): (present, absent) from each row's second cell, or None when the value is no
    such roster (fewer than two such rows, or none with a note after the name)."""
    present: list[Person] = []
    absent: list[Person] = []
    noted = False
    for row in value.split("\n"):
        cells = [squash(c) for c in _CELL.split(row.strip()) if c.strip()]
        if len(cells) == 1 and _GROUP_LINE.fullmatch(cells[0]):
            return None  # 「（委員）」…「（事務局・説明員）」: groups, read by split_groups
        if len(cells) == 1 and (lead := _LEADING_ROLE.match(cells[0])):  # 「副委員長　北川　恵子　（弁護士）」: one space apart
            cells = [lead.group(1), cells[0][lead.end():]]
        if len(cells) == 2 and (noted_name := _NAME_NOTE.fullmatch(cells[1])):  # 「高峰 直樹 （学識経験者）」
            cells = [cells[0], noted_name.group(1), noted_name.group(2)]
        if len(cells) >= 2 and (cells[-1] in _MARK or any(_ROLE_ONLY.fullmatch(c) for c in cells[2:])):
            return None  # an 出欠 column (marked_attendance), or two members a row (「会長　山本　和夫　　委員　小林…」)
        if len(cells) < 2 or _ROLE_ONLY.fullmatch(cells[1]) or _ROW_ABSENT.match(cells[1].replace(" ", "")):
            continue
        first = cells[0].replace(" ", "")
        if _ROW_ABSENT.match(first):
            absent.append((cells[1], None))
        elif _ROLE_ONLY.fullmatch(cells[0]):
            present.append((cells[1], first))
        else:
            continue
        noted = noted or len(cells) > 2
    return (present, absent) if noted and len(present) + len(absent) >= 2 else None


def marked_attendance(value: str) -> tuple[list[Person], list[Person]] | None:
    """A table of members with an attendance column ('会長　荒木　修　学識経験者　○', '青木　真由美　委員　欠席'):
    (present, absent), or None when the value is no such table (fewer than two marked rows)."""
    present: list[Person] = []
    absent: list[Person] = []
    for row in value.split("\n"):
        row = _LAST_MARK.sub(r"\t\1", row.strip())  # 「蒔田宗一郎　出席」: the mark one space after the name
        cells = [squash(c) for c in _CELL.split(row) if c.strip()]
        if len(cells) < 2 or cells[-1] not in _MARK:
            continue
        if any(c.replace(" ", "") in _STAFF for c in cells[:-1]):  # 事務局 | 丸尾 和也 | 総務課長 | 出席: no member
            continue
        role = next((c.replace(" ", "") for c in cells[:-1] if _ROLE_ONLY.fullmatch(c)), None)
        name = next((c for c in cells[:-1] if not _ROLE_ONLY.fullmatch(c)), None)
        if name and _LEADING_ROLE.match(name):  # 「部会長職務代理者　伊吹彩乃」 in one cell
            name, role = _leading_role(name)[0], role or _leading_role(name)[1]
        if name:
            (present if _MARK[cells[-1]] else absent).append((name, role))
    return (present, absent) if len(present) + len(absent) >= 2 else None
