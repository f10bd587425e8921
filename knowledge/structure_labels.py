"""Consultation labels (諮問第10号, 諮問（第1050号）, 諮問事項ア, 諮問ア・イ, 諮問案件 1, 案件(1)), agenda items,
titles, departments and kinds."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from knowledge.structure_header import key_of
from knowledge.structure_text import KANA_LABEL, Line, fix_kana, half_to_full, squash
from knowledge.wareki import kanji_to_int

Key = tuple[str, str]  # ("num", "10") | ("kana", "ア") | ("case", "1") | ("agenda", "1"): 議題1 as the label itself

_N = r"[0-9０-９]+"
_NK = r"(?:[0-9０-９]+|[一二三四五六七八九十百]+)"  # 諮問第二号: kanji numbers too
_K = f"[{KANA_LABEL}]"
_AFTER_KANA = r"(?![ァ-ヶー\u4e00-\u9fff])"
MENTION = re.compile(
    rf"諮問第[ \t　]*(?P<num>{_NK})[ \t　]*号"
    rf"|諮問[ \t　]*[(（][ \t　]*第[ \t　]*(?P<num2>{_N})[ \t　]*号[ \t　]*[)）]"
    rf"|諮問番号[ \t　：:]*第?[ \t　]*(?P<num3>{_NK})(?:[ \t　]*号)?"  # （諮問番号３）
    rf"|(?<!議案)第[ \t　]*(?P<num4>{_NK})[ \t　]*号[ \t　]*諮問(?![会書庁者事第])"  # 第12号諮問 (not 議案第１号　諮問第４号)
    rf"|(?<![一-龥])[市町村区県]諮(?:問)?第[ \t　]*(?P<num5>{_NK})[ \t　]*号"  # 市諮第３号
    rf"|(?<![号条項])第[ \t　]*(?P<dai>{_NK})(?=[ \t　]+[^\n]{{4,80}}[(（]諮問[)）][ \t　]*(?:\n|$))"  # 「第１　…について（諮問）」
    rf"|諮問事項[ \t　\n]*(?P<jk>{_K}){_AFTER_KANA}"
    rf"|諮問案件\s*[(（]?[ \t　]*(?P<case>{_N})(?![ \t　]*[件名人])[ \t　]*[)）]?"  # not 「諮問案件３件」
    rf"|(?<!諮問)案件[ \t　]*(?:その)?[ \t　]*(?:[(（][ \t　]*(?P<case2>{_NK})[ \t　]*[)）]|(?P<case3>{_NK})(?=[ \t　：:．.、はのにをがでと】］〕]|[(（]諮問|$))"  # 付議案件その１
    rf"(?![ \t　：:．.、]*諮問第)"  # 「■案件1：諮問第3号」: the 諮問's own number names it
    rf"|第[ \t　]*(?P<gian>{_NK})[ \t　]*号議案"
    rf"|諮問[ \t　]*(?P<k>{_K})(?P<more>(?:[ \t　]*[・、][ \t　]*{_K})*){_AFTER_KANA}"
    # 諮問事項1 / 審議事項(1) / 付議事項２ / 協議事項１ / 議案第3号 as the label itself, not before another (議案1 諮問第3号)
    rf"|(?P<kind>諮問事項|審議事項|付議事項|協議事項|議案)[ \t　]*第?[ \t　]*(?:[(（][ \t　]*(?P<item>{_N})[ \t　]*[)）]"
    rf"|(?P<item2>{_N})(?:[ \t　]*号)?(?=[ \t　：:．.、「『]|$))(?![ \t　：:．.、]*(?:諮問|案件))"
    # 議題１ as the label itself ('議題１　…について（介護保険課）'), not before another (議題1 諮問第3号)
    rf"|(?<![をのが])議題[ \t　]*(?P<agenda>{_NK})(?=[ \t　：:．.、はにのを])(?![ \t　：:．.、]*(?:諮問|案件|その他|報告|開会|閉会))"
)
_KANA_ONLY = re.compile(_K)
_ENUM = re.compile(rf"^[ \t　]*(?:-[ \t　]+)?[・●○]?[ \t　]*(?:[(（](?P<n>{_N})[)）]|(?P<k>{_K})(?=[「『 \t　])"
                   r"|[(（][一二三四五六七八九十]{1,3}[)）]|[①-⑳]|[Ａ-Ｚ](?=[ \t　]))")  # （一）, ①, Ａ: an enumerator, not a label
_DEPT_BRACKET = re.compile(r"【([^】]{2,40})】")
_DEPT_PAREN = re.compile(r"[(（]([^()（）]{1,40}?(?:課|室|部|局|係|センター|事務所|委員会|事務局|館|署|院|園))[)）]")
_TITLE_MARK = re.compile(r"[・●○◎■◆□◇▼▽▲△★☆〔][ \t　]*")
# an agenda number before a label or a title: '議題１', '議題(1)', '議題（一）', '日程第２', '議案3', '議案第１号'
AGENDA_NUMBER = (r"(?:議題|議事|日程第|議案第?)[ \t　]*(?:[0-9０-９]{1,2}|[一二三四五六七八九十]{1,3}"
                 r"|[(（](?:[0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})[)）])号?")
_TITLE_PREFIX = re.compile(
    r"[0-9０-９]{1,2}[:：][0-9０-９]{2}[ \t　]+"  # 「19:40　「諮問第８号」…」: a time stamp
    r"|" + AGENDA_NUMBER + r"[ \t　.．、:：]*"
    r"|[「【［\[＜<《](?:諮問|案件)[^」】］\]＞>》]{1,12}[」】］\]＞>》][ \t　]*"  # 「諮問第８号」 ［諮問第3号］ ＜諮問第1号＞
    r"|[0-9０-９]{1,2}[.．、 　][ \t　]*(?=「?(?:諮問|案件|議題))"  # 「１．諮問第２１号について」「２　「諮問第12号」について」
    r"|(?:審議事項|協議事項|審議案件)[ \t　]+(?=「?諮問)"  # 「議事(1) 審議事項 諮問第12号 …」
)
_PAREN_LABEL = re.compile(r"[(（][ 　]*諮問第[ 　]*[0-9０-９]{1,4}[ 　]*号[ 　]*[)）]")  # 議案第１号（諮問第５号）: the 諮問's label after the item's
_NOTE_PAREN = re.compile(r"[(（][^()（）]{1,20}[)）]$|［[^［］]{1,20}］$")  # 「…について（継続）」「…について　［諮問第14号］」
_NAMES_MATTER = re.compile(r"(?:事業|サービス|システム|制度|計画|に関する事務|に係る事務)[)）]$")

KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("特定個人情報保護評価", re.compile(r"特定個人情報保護評価|特定個人情報保護に関する評価|評価書")),
    ("目的外利用", re.compile(r"目的外(?:の)?(?:利用|提供)")),
    ("本人以外収集", re.compile(r"本人以外(?:の者)?(?:から)?(?:の)?収集")),
    ("指定管理者", re.compile(r"指定管理")),
    ("条例改正", re.compile(r"条例.{0,20}改正|改正.{0,10}条例")),
    ("電子計算機結合", re.compile(r"(?:電子計算機|オンライン)の?結合|外部(?:との)?(?:結合|接続)")),
    ("クラウド・ASP利用", re.compile(r"ASP|クラウド|プラットフォーム")),
    (
        "システム導入・変更",
        re.compile(
            r"(?:情報)?(?:システム|アプリ).{0,12}(?:導入|変更|構築|更新|再構築)|(?:導入|変更).{0,4}(?:システム|アプリ)"
        ),
    ),
    ("電子計算機処理", re.compile(r"電子計算機処理|コンピュータ処理|電子計算機")),
    ("外部委託", re.compile(r"委託")),
)


@dataclass
class Mention:
    key: Key
    display: str
    start: int
    end: int


def _digits(s: str) -> str:
    s = unicodedata.normalize("NFKC", s)
    return str(int(s) if s.isdigit() else kanji_to_int(s))


# 「諮問第１号及び第２号については…承認、第３号については継続審議」: the later numbers of one sentence, 諮問 left out
_ELLIPTIC = re.compile(rf"(?<=[、,・とび並]|\s)第[ \t　]*(?P<n>{_NK})[ \t　]*号(?!議案)")
_SENTENCE_END = re.compile(r"[。\n]")


def _elliptic(text: str, after: int, end: int) -> list[Mention]:
    stop = _SENTENCE_END.search(text, after, min(end, after + 200))
    limit = stop.start() if stop else min(end, after + 200)
    return [Mention(("num", _digits(x.group("n"))), f"諮問第{_digits(x.group('n'))}号", x.start(), x.end())
            for x in _ELLIPTIC.finditer(text, after, limit)]


# a character every label of MENTION has (諮問, 第…号, 案件, 議案, 議題, …事項): a text without any has none
_MENTION_CHARS = re.compile(r"[諮第案議事]")


def mentions(text: str, start: int = 0, end: int | None = None) -> list[Mention]:
    out: list[Mention] = []
    stop = len(text) if end is None else end
    if _MENTION_CHARS.search(text, start, stop) is None:
        return out
    for m in MENTION.finditer(text, start, stop):
        if m.group("num"):
            n = _digits(m.group("num"))
            out.append(Mention(("num", n), f"諮問第{n}号", m.start(), m.end()))
            out.extend(x for x in _elliptic(text, m.end(), stop) if not any(o.start == x.start for o in out))
        elif m.group("num2"):
            n = _digits(m.group("num2"))
            out.append(Mention(("num", n), f"第{n}号", m.start(), m.end()))
        elif m.group("dai"):
            n = _digits(m.group("dai"))
            out.append(Mention(("case", n), f"第{n}", m.start(), m.end()))
        elif m.group("num3") or m.group("num4") or m.group("num5"):
            n = _digits(m.group("num3") or m.group("num4") or m.group("num5"))
            out.append(Mention(("num", n), f"諮問第{n}号", m.start(), m.end()))
        elif m.group("jk"):
            item_end = text.find("\n", m.end())
            if "\n" in m.group(0) and "諮問第" in text[m.end() : len(text) if item_end < 0 else item_end]:
                continue  # 「(1) 諮問事項」 above 「ア …（諮問第５号）」: a list heading, the item's own label names it
            k = fix_kana(m.group("jk"))
            out.append(Mention(("kana", k), f"諮問事項{k}", m.start(), m.end()))
        elif m.group("gian"):
            n = _digits(m.group("gian"))
            out.append(Mention(("case", n), f"第{n}号議案", m.start(), m.end()))
        elif m.group("kind"):
            n = _digits(m.group("item") or m.group("item2"))
            out.append(Mention(("case", n), f"議案第{n}号" if m.group("kind") == "議案" else f"{m.group('kind')}{n}",
                               m.start(), m.end()))
        elif m.group("agenda"):
            n = _digits(m.group("agenda"))
            out.append(Mention(("agenda", n), f"議題{n}", m.start(), m.end()))
        elif m.group("case") or m.group("case2") or m.group("case3"):
            n = _digits(m.group("case") or m.group("case2") or m.group("case3"))
            out.append(Mention(("case", n), f"案件({n})", m.start(), m.end()))
        else:
            for k in [m.group("k"), *_KANA_ONLY.findall(m.group("more") or "")]:
                k = fix_kana(k)
                out.append(Mention(("kana", k), f"諮問{k}", m.start(), m.end()))
    return out


_LABEL_AT_END = re.compile(r"^[ \t　]*(?:関係)?[ \t　]*[)）][ \t　]*$")


def aliases(text: str, found: list[Mention]) -> dict[Key, Key]:
    """「案件１　…について（諮問番号３）」「案件２　…（諮問第４号関係）」: the agenda's place names the 諮問 at the line's
    end; every 案件１ of the document is 諮問第3号."""
    out: dict[Key, Key] = {}
    by_line: dict[int, list[Mention]] = {}
    for m in found:
        by_line.setdefault(text.rfind("\n", 0, m.start) + 1, []).append(m)
    for ms in by_line.values():
        first, last = ms[0], ms[-1]
        end = text.find("\n", last.end)
        rest = text[last.end : len(text) if end < 0 else end]
        if (len(ms) == 2 and first.key[0] in ("case", "agenda") and last.key[0] == "num"
                and text[last.start - 1 : last.start] in "(（" and _LABEL_AT_END.match(rest)):
            out.setdefault(first.key, last.key)
    # 「議題１　…について（諮問）」 heading its part, then 「諮問第８号について説明します」 in it: 議題１ is 諮問第8号; so is
    # 「案件１　…について」 over 「本件は、…諮問（諮問第４号）されたものである。」
    heads = [m for m in found if m.key[0] in ("agenda", "case")  # at its line's start, a mark before it at most (「◆議題１」)
             and not _TITLE_MARK.sub("", text[text.rfind("\n", 0, m.start) + 1 : m.start]).strip()]
    for i, m in enumerate(heads):
        stop = heads[i + 1].start if i + 1 < len(heads) else len(text)
        told = next((x for x in found if m.end <= x.start < min(stop, m.end + _TOLD_WITHIN) and x.key[0] == "num"), None)
        if told is not None and m.key not in out and told.key not in out.values():
            out[m.key] = told.key
    return out


_TOLD_WITHIN = 400  # how far under its heading an agenda item's 諮問 number may first be said


def key_order(key: Key) -> tuple[int, str]:
    return (int(key[1]), "") if key[0] != "kana" else (0, key[1])


def display_labels(found: list[Mention]) -> dict[Key, str]:
    labels: dict[Key, str] = {}
    for m in found:
        best = labels.get(m.key)
        if best is None or (m.display.startswith("諮問事項") and not best.startswith("諮問事項")):
            labels[m.key] = m.display
        elif m.key[0] == "num" and m.display.startswith("諮問第") and not best.startswith("諮問第"):
            labels[m.key] = m.display
    return labels


@dataclass
class AgendaItem:
    key: Key
    start: int
    end: int
    text: str


# 「資料１　諮問第12号説明資料（…）」: the handout of a matter, not the matter's item
_HANDOUT = re.compile(r"[ \t　]*の?(?:説明|関係|参考)?資料")


_WRAPPED_AT = 30  # an agenda line this long, its title unfinished, goes on on the next line
_BULLETED = re.compile(r"[ \t　]*[・●○◎■□◆◇※＊*\-－]")  # a line of its own (「・報告（…課）」)


def agenda_items(text: str, lines: list[Line], keys: set[Key], found: list[Mention] | None = None) -> list[AgendaItem]:
    """Items of the agenda cell: '・諮問第10号「…」(課)', 'ア「…」', '(1) …【部 課】' (enumerators only when the
    document's labels use them)."""
    kinds = {k[0] for k in keys}
    items: list[AgendaItem] = []
    previous: Line | None = None
    for line in lines:
        line_ms = [m for m in ([m for m in found if line.start <= m.start and m.end <= line.end] if found is not None
                               else mentions(text, line.start, line.end)) if not _HANDOUT.match(text, m.end)]
        wrapped = (previous is not None and items and items[-1].end == previous.end and not line_ms
                   and len(previous.text.strip()) >= _WRAPPED_AT and not _ENUM.match(line.text) and key_of(line.text) is None
                   and not _BULLETED.match(line.text)
                   and not previous.text.rstrip().endswith(("について", "。", "）", ")")))
        previous = line
        if wrapped:  # 「（２）諮問第４号　…に関する条例」 then 「の一部改正（…）について」: a PDF wrapped the title
            last = items[-1]
            items[-1] = AgendaItem(last.key, last.start, line.end, last.text + line.text.strip(" \t　"))
            continue
        starts: list[tuple[int, Key]] = [(m.start, m.key) for m in line_ms]
        em = _ENUM.match(line.text)
        if em and not starts and key_of(line.text) is None:  # '(1) 委員（7名）' is a header row, not an item
            key: Key | None = None
            if em.group("n") and "case" in kinds:
                key = ("case", _digits(em.group("n")))
            elif em.group("k") and "kana" in kinds:
                key = ("kana", fix_kana(em.group("k")))
            if key in keys and key is not None:
                starts.append((line.start + em.start(), key))
        ms = line_ms
        if ms and len({m.key for m in ms}) == 1 and len(ms) == 2:  # 「案件１　…（諮問番号３）」: one item, the 諮問's
            starts = starts[:1]
            ms = ms[-1:]
        if len(ms) == 1 and not text[ms[0].end : line.end].strip(" \t　)）関係") and ms[0].start > line.start:
            # 「ア　…について（諮問第５号）」: the label at the end of its item, the title before it
            head = text[line.start : ms[0].start].rstrip(" \t　(（")
            items.append(AgendaItem(ms[0].key, line.start, line.start + len(head), head))
            continue
        for i, (s, key) in enumerate(starts):
            e = starts[i + 1][0] if i + 1 < len(starts) else line.end
            while e > s and text[e - 1] in " \t　・":
                e -= 1
            items.append(AgendaItem(key, s, e, text[s:e]))
    return items


def _first_quoted(s: str) -> str | None:
    """The contents of the first 「…」 (nested brackets balanced)."""
    start = s.find("「")
    if start != 0:  # 'ア「…」' quotes the title; 「…アプリ「きたはまっこナビ」の…」 quotes a name inside it
        return None
    depth = 0
    for i in range(start, len(s)):
        if s[i] == "「":
            depth += 1
        elif s[i] == "」":
            depth -= 1
            if depth == 0:
                return s[start + 1 : i]
    return None


def parse_title(raw: str) -> tuple[str, str | None]:
    """(title, department) from a heading or agenda item."""
    cells = [c for c in raw.split("\t") if c.strip()]
    if len(cells) >= 3 and MENTION.fullmatch(squash(_TITLE_MARK.sub("", cells[0]))):  # 諮問第14号 | 件名 | 担当課 | 結果
        raw = cells[1]
    s = squash(raw)
    for _ in range(4):  # '(1) 諮問第3号 …', '議題(1)　諮問第15号 …', '■諮問第１号 …', 'ア「…」'
        lead = _TITLE_MARK.match(s) or MENTION.match(s) or _ENUM.match(s) or _TITLE_PREFIX.match(s) or _PAREN_LABEL.match(s)
        if lead is None or not lead.end():
            break
        s = s[lead.end() :].strip().lstrip("、,，")  # 「諮問第7号、…について」 said in a sentence
    dept: str | None = None
    bm = _DEPT_BRACKET.search(s)
    if bm and not re.search(r"諮問|案件|第[0-9０-９]+号", bm.group(1)):  # 【諮問第４号】 is the label, not a department
        dept = squash(bm.group(1))
    quoted = _first_quoted(s)
    if quoted is not None:
        s = quoted
        inner = MENTION.match(s)
        if inner:
            s = s[inner.end() :].strip("(（)） ")
    if dept is None:
        parens = list(_DEPT_PAREN.finditer(raw))
        if parens:
            dept = squash(parens[-1].group(1))
    s = _DEPT_BRACKET.sub("", s)
    s = _DEPT_PAREN.sub("", s)
    s = re.sub(r"(?:に係る検討|の検討)について$", "", s.strip())
    if quoted is None:
        s = re.sub(r"について[、,].*$", "について", s)
        while (note := _NOTE_PAREN.search(s)) and not _NAMES_MATTER.search(note.group(0)):
            s = s[: note.start()].strip()  # 「…について（高齢者見守り配食サービス事業）」: the matter's own name stays
    title = half_to_full(squash(s)).strip("「」〔〕 　")
    while _NOTE_PAREN.search(title) and not _NAMES_MATTER.search(title):  # 〔…について（継続）〕: the note inside
        title = _NOTE_PAREN.sub("", title).strip()
    if title in ("について", "の件", "に係る審議"):  # 「（１）諮問第12号について」 heads its section, names no title
        title = ""
    return title, half_to_full(dept) if dept else dept


def kinds_of(*texts: str) -> str | None:
    for raw in texts:
        text = half_to_full(raw)
        found = [name for name, pattern in KINDS if pattern.search(text)]
        implied = "システム導入・変更" in found or "電子計算機結合" in found
        if implied and "電子計算機処理" in found and "電子計算機処理" not in text:
            found.remove("電子計算機処理")
        if found:
            return "、".join(found)
    return None
