"""Where each consultation's section starts and ends in the body.

Anchors, in order of preference for each label (the first one in the text wins):
- a heading line opening with the label: '○ 諮問第10号「…」…', '諮問案件 1 …', '・諮問事項ア …';
- a sentence putting the label on the agenda: '「諮問事項ア(…)」を議題としたいと思います';
- a katakana heading 'ア 個人情報の目的外利用(…課)' inside a 諮問 part ('① 諮問に関する審議') or for a label
  the header announced ('諮問ア (…課)');
- a repeated sub-structure: when a section opens with '1 諮問内容' and the same sub-heading appears again
  with no label, it starts the next consultation of the agenda.
A section ends at the next anchor or at a heading that closes the consultations ('(4) 報告', '② その他',
a '○' line without a label, '以上').
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from knowledge.structure_labels import AGENDA_NUMBER, Key, Mention, key_order, mentions
from knowledge.structure_text import KANA_LABEL, Line, compact, fix_kana

# an agenda-number prefix before the label: '議題１　', '議題(1)　', '議題（一）', '日程第２　', '議案3 ', '議案第１号　'
AGENDA_PREFIX = (
    r"(?:" + AGENDA_NUMBER + r"[ \t　.．、:：]*)?"
    r"(?:(?:審議事項|協議事項|審議案件)[ \t　]+(?=諮問))?"  # 「議事(1) 審議事項 諮問第12号 …」
)
_LEAD = re.compile(
    r"^[ \t　]*(?:[0-9０-９]{1,2}[:：][0-9０-９]{2}[ \t　]+)?"  # 「19:40　「諮問第８号」…」: a time stamp before the heading
    r"(?:[【〔［\[](?:案件名?|議題|件名|諮問(?:事項)?)[】〕］\]][ \t　]*)?"  # 【案件名】諮問第１３号　…
    r"(?:-[ \t　]+)?(?:[(（](?:[0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})[)）]|[0-9０-９]{1,2}[.．、 　]|[①-⑳⑴-⒇]"
    r"|[" + KANA_LABEL + r"][ 　.．、]|[Ａ-ＺA-Z][ 　.．、])?"  # Ａ　市諮第３号
    r"[ \t　]*[○◎●■◆□◇・▼▽▲△★☆]?[ \t　]*"
    r"(?:[【［\[〔（(＜<《]|「(?=[^」\n]{1,12}」))?[ \t　]*"  # 「諮問第12号」市税…, ＜諮問第1号＞: the label as a heading
    r"(?:議事[ \t　:：]+)?(?P<agenda_prefix>" + AGENDA_PREFIX + ")"
    r"(?:(?<=[0-9０-９一二三四五六七八九十)）.．、:： \t　])[「【［〔][ \t　]*|(?<=号)[(（](?=諮問))?"  # 議事（1）「諮問第８号」: after a number only; 議案第１号（諮問第５号）
    r"(?:(?:付議|審議)(?=案件))?"  # 付議案件その１
)
_AFTER_HEAD = re.compile(r"^(?:$|[ \t　「『(（:：】］\]〕」）)＞>》]|について$|について[（(])")  # ■ 案件(2)について  # 【諮問第４号】糖尿病…: the bracket closes the label
_LEVEL = re.compile(r"^[ \t　]*(?:[①-⑳]|[(（](?:[0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})[)）]|[0-9０-９]{1,2}[ 　.．])")
_KANA_HEAD = re.compile(
    rf"^[ \t　]*(?:-[ \t　]+)?(?P<k>[{KANA_LABEL}])(?P<more>(?:[ \t　]*[・、][ \t　]*[{KANA_LABEL}])*)[ \t　]+(?P<title>\S.{{1,120}})$"
)
_END = re.compile(r"^(?:[①-⑳]|\(?[0-9]{1,2}\)?[.]?|\([一二三四五六七八九十]{1,3}\))?"  # 「（三）報告」 in kanji too
                  r"(?:その他|報告|閉会|連絡事項|事務連絡|次回|以上$)")
# an unnumbered (or marked) heading that closes the consultations: '報告事項　…', '■報告事項', '日程第４　報告第１号',
# 'その他', '閉会' (matched on the compact line; a sentence ending in 。 is never a heading)
_END_HEAD = re.compile(
    r"^(?:[■◆□◇●・【〔<＜]|(?:議題|日程第)[0-9一二三四五六七八九十]{1,3}[.、]?)?"
    r"(?:報告事項|報告第[0-9]+号|報告[(（:：]|(?:その他|閉会|連絡事項|事務連絡|次回の?開催)[】〕>＞]?$)"
)
_SUB_HEAD = re.compile(r"^[ \t　]*(?:[0-9０-９]{1,2}|[(（][0-9０-９]{1,2}[)）])[ 　.．]*\S{2,20}$")
_MATERIAL = re.compile(r"PDF|ＰＤＦ|[0-9０-９][ \t　]*[KMＫＭ][BＢ]|^[ \t　]*(?:説明)?資料")
_NOT_CONSULT = re.compile(r"報告|漏洩|漏えい|説明")


@dataclass
class Anchor:
    key: Key
    line: int  # index of the anchor line
    start: int
    heading: tuple[int, int] | None  # span of a heading line naming the consultation, if any
    inline: bool = False  # not a heading: the label and its quoted title inside a speaker's turn


def _first_line_mention(text: str, line: Line) -> Mention | None:
    lead = _LEAD.match(line.text)
    pos = line.start + (lead.end() if lead else 0)
    found = mentions(text, pos, line.end)
    if (not found or found[0].start != pos) and lead and lead.group("agenda_prefix"):  # 議題１ is the label itself
        pos = line.start + lead.start("agenda_prefix")
        found = mentions(text, pos, line.end)
    if not found or found[0].start != pos:
        return None
    end = found[0].end
    if text[end - 1] in " \t　" or _AFTER_HEAD.match(text[end : line.end]):
        return found[0]
    return None


def _last_line_mention(text: str, line: Line) -> Mention | None:
    """「議事１　ごみ収集車両運行管理システムの導入…について（諮問第1号）」: a numbered heading, its label at its end."""
    lead = _LEAD.match(line.text)
    if lead is None or not lead.group(0).strip() or line.text.rstrip().endswith("。"):
        return None
    found = mentions(text, line.start, line.end)
    if len(found) != 1:
        return None
    m = found[0]
    before, after = text[line.start : m.start].rstrip(" \t　"), text[m.end : line.end].strip(" \t　")
    title = before[len(lead.group(0)) :].rstrip("(（［[〔 \t　")
    closed = _CLOSE_NOTE.fullmatch(after) is not None  # 「…（諮問第7号）（非公開）」: a note after it
    # 「■①　…について　［諮問第14号］」: in square brackets too
    return m if before.endswith(("(", "（", "［", "[", "〔")) and closed and len(title) >= 8 else None  # not 「■審議事項１（…）」


_CLOSE_NOTE = re.compile(r"[)）］\]〕](?:[ \t　]*[(（【][^()（）【】]{1,8}[)）】])?")


_SAID_ON = re.compile(r"。[ \t　]*[(（][^()（）\n]{1,12}(?:委員|会長|委員長|課長|部長)[)）][ \t　]*$")


def find_anchors(text: str, lines: list[Line], first_line: int, keys: set[Key],
                 alias: dict[Key, Key] | None = None) -> list[Anchor]:
    anchors: dict[Key, Anchor] = {}
    later_heads: dict[Key, Anchor] = {}  # a key's next heading line, when its first may be an agenda list's entry
    region: bool | None = None
    for i in range(first_line, len(lines)):
        line = lines[i]
        if line.blank:
            continue
        has_label = any(w in line.text for w in ("諮", "案件", "議題", "議案", "事項"))  # 諮: 市諮第３号 too
        head = _first_line_mention(text, line) if has_label else None
        if head is None and has_label:
            head = _last_line_mention(text, line)
        if head is not None and _MATERIAL.search(text[head.end : line.end]):
            head = None  # 「諮問第1号　説明資料 [PDFファイル／288KB]」: a handout, not the matter's heading
        if head is not None and _SAID_ON.search(text, head.end, line.end):
            head = None  # 「（諮問第14号）顔認証を…すべきである。（百瀬委員）」: a remark on it, not its heading
        if head is not None and alias and head.key in alias:  # 【案件１】 where 案件１ is 諮問第3号
            head = Mention(alias[head.key], head.display, head.start, head.end)
        if head is not None and head.key in keys:
            for m in [head, *[x for x in mentions(text, head.start, head.end) if x.key != head.key and x.key in keys]]:
                anchor = Anchor(m.key, i, line.start, (line.start, line.end))
                if m.key in anchors:
                    later_heads.setdefault(m.key, anchor)
                anchors.setdefault(m.key, anchor)
            continue
        if has_label and "議題" in line.text and "を議題" in compact(line.text):
            for m in mentions(text, line.start, line.end):
                if m.key in keys:
                    anchors.setdefault(m.key, Anchor(m.key, i, line.start, None))
            continue
        km = _KANA_HEAD.match(line.text)
        if km is None and _LEVEL.match(line.text):
            region = "諮問" in compact(line.text)
            continue
        if km and not line.text.rstrip().endswith("。"):
            labels = [fix_kana(km.group("k")), *[fix_kana(x) for x in re.findall(f"[{KANA_LABEL}]", km.group("more"))]]
            title = km.group("title")
            known = all(("kana", k) in keys for k in labels)
            if (region or (region is None and known)) and not (_NOT_CONSULT.search(title) and "諮問" not in title):
                for k in labels:
                    anchors.setdefault(("kana", k), Anchor(("kana", k), i, line.start, (line.start, line.end)))
    if not anchors:
        anchors = _quoted_in_turns(text, lines, first_line, keys)
    for key, anchor in _labelled_below(text, lines, first_line, keys - set(anchors)).items():
        anchors.setdefault(key, anchor)
    for key, anchor in _titled_headings(text, lines, first_line, keys - set(anchors)).items():
        anchors.setdefault(key, anchor)
    ordered = _past_agenda_list(lines, sorted(anchors.values(), key=lambda a: a.start), later_heads)
    if not anchors or _listed(lines, ordered):  # only an agenda list, or nothing: where each is introduced
        introduced = _introduced(text, lines, ordered[-1].line + 1 if ordered else first_line, keys)
        if introduced and set(introduced) >= {a.key for a in ordered}:
            listed = {a.key: a.heading for a in ordered}  # the list's line names the matter
            ordered = sorted((replace(a, heading=listed.get(a.key) or a.heading) for a in introduced.values()), key=lambda a: a.start)
    ordered = _headed_above(text, lines, first_line, keys, ordered)
    return _repeated_substructure(text, lines, ordered, keys)


def _headed_above(text: str, lines: list[Line], first_line: int, keys: set[Key], ordered: list[Anchor]) -> list[Anchor]:
    """The first matter headed just above where the body was found to start (「1 諮問第3号について」 then its
    explanation, read as the header's last lines), when the next ones are headed in the body: that heading starts
    it. Not a line of an agenda list (a heading of another matter next to it)."""
    if ordered and ordered[0].line < first_line:
        return ordered
    first = ordered[0] if ordered else None
    anchored = {a.key for a in ordered}
    for i in range(first_line - 1, max(-1, first_line - 8), -1):
        line = lines[i]
        if line.blank:
            continue
        head = _first_line_mention(text, line) or _last_line_mention(text, line)
        if (head is None or head.key in anchored or head.key not in keys
                or first is not None and key_order(head.key) >= key_order(first.key)):
            continue
        near = [lines[j] for j in (i - 1, i + 1) if 0 <= j < len(lines) and not lines[j].blank]
        if any((_first_line_mention(text, n) or _last_line_mention(text, n)) is not None for n in near):
            return ordered  # a list of the matters (the agenda), not a heading of one
        return [Anchor(head.key, i, line.start, (line.start, line.end)), *ordered]
    return ordered


_ENUM_HEAD = re.compile(r"^[ \t　]*(?:[①-⑳]|[(（][0-9０-９一二三四五六七八九十]{1,2}[)）]|[0-9０-９]{1,2}[.．])[ \t　]*\S")


def _labelled_below(text: str, lines: list[Line], first_line: int, keys: set[Key]) -> dict[Key, Anchor]:
    """「①　町民健康ポイント事業における個人情報の取扱いについて」, its label only at the end of the paragraph under it
    (「…について説明があった（諮問第１５号）。」): the heading starts that consultation."""
    anchors: dict[Key, Anchor] = {}
    for i in range(first_line, len(lines)):
        line = lines[i]
        if line.blank or not _ENUM_HEAD.match(line.text) or "。" in line.text or len(line.text) > 80:
            continue
        if mentions(text, line.start, line.end):
            continue
        below = next((lines[j] for j in range(i + 1, min(i + 3, len(lines))) if not lines[j].blank), None)
        if below is None:
            continue
        found = [m for m in mentions(text, below.start, below.end) if text[m.start - 1 : m.start] in "(（"]
        if len(found) == 1 and found[0].key in keys and found[0].key not in anchors:
            anchors[found[0].key] = Anchor(found[0].key, i, line.start, (line.start, line.end))
    return anchors


_TITLE_CUT = re.compile(r"[(（][^()（）]{0,12}[)）][ \t　]*$|について.*$")


def _titled_headings(text: str, lines: list[Line], first_line: int, keys: set[Key]) -> dict[Key, Anchor]:
    """A label named only where its title is (「資料１　諮問第７号　水道料金滞納者情報の…について」), the body heading
    its section by the title alone (「〔水道料金滞納者情報の…について（継続）〕」): the heading starts that consultation."""
    if not keys:
        return {}
    titles: dict[Key, str] = {}
    for ln in lines:
        for m in mentions(text, ln.start, ln.end):
            if m.key in keys and m.key not in titles:
                title = compact(_TITLE_CUT.sub("", text[m.end : ln.end])).strip("「」『』:：")
                if len(title) >= 8:
                    titles[m.key] = title[:16]
    anchors: dict[Key, Anchor] = {}
    for i in range(first_line, len(lines)):
        line = lines[i]
        c = compact(line.text)
        if line.blank or c.endswith("。") or len(c) > 80 or mentions(text, line.start, line.end):
            continue
        for key, title in titles.items():
            if key not in anchors and title in c:
                anchors[key] = Anchor(key, i, line.start, (line.start, line.end))
    return anchors if len(anchors) == len(titles) else {}


def _quoted_in_turns(text: str, lines: list[Line], first_line: int, keys: set[Key]) -> dict[Key, Anchor]:
    """A verbatim record with no headings: each consultation starts where a speaker first gives its label with
    its quoted title (「○学校給食課長　諮問第5号「学校給食費…について」御説明いたします。」)."""
    anchors: dict[Key, Anchor] = {}
    for i in range(first_line, len(lines)):
        line = lines[i]
        if line.blank or "「" not in line.text:
            continue
        for m in mentions(text, line.start, line.end):
            close = text.find("」", m.end, line.end)
            if m.key in keys and m.key not in anchors and text[m.end : m.end + 1] == "「" and close > 0:
                anchors[m.key] = Anchor(m.key, i, line.start, (m.start, close + 1), inline=True)
    return anchors


_INTRODUCED = re.compile(r"(?:について|に関して|に係る)[^。\n]{0,30}?(?:説明|審議|議題|入り|御意見|ご意見)|の(?:説明|御説明|ご説明|審議に)")


_TITLED_INTRO = re.compile(r"[、,][ \t　]*(?P<title>[^、。\n「」]{4,80}?について)[、,]?[^。\n]{0,30}?(?:説明|御説明|ご説明|審議)")
_OPENS_LINE = re.compile(r"[ \t　]*(?:[(（][0-9０-９一二三四五六七八九十]{1,2}[)）]|[0-9０-９]{1,2}[.．、]|[・○◯●■◆])?[ \t　]*")
_ABOUT = re.compile(r"について(?!は)[、,]")  # 「（1）諮問第41号について、税務課から、…」: the paragraph on it (not 「…については、承認」)


def _introduced(text: str, lines: list[Line], first_line: int, keys: set[Key]) -> dict[Key, Anchor]:
    """A record with no headings, no quoted titles: each consultation starts where its label is first introduced,
    in order (「（諮問第５号について生涯学習課から説明）」「まず諮問第８号について、担当課から説明をお願いします。」)."""
    anchors: dict[Key, Anchor] = {}
    for i in range(first_line, len(lines)):
        line = lines[i]
        if line.blank:
            continue
        for m in mentions(text, line.start, line.end):
            if m.key not in keys or m.key in anchors:
                continue
            opens = _OPENS_LINE.fullmatch(text, line.start, m.start) and _ABOUT.match(text, m.end, line.end)
            titled = _TITLED_INTRO.match(text, m.end, line.end)  # 「諮問第7号、…の増設について、担当課から説明を…」
            if opens or titled or _INTRODUCED.match(text, m.end, line.end):
                said = text.rfind("。", line.start, m.start) + 1 or line.start  # 「…承認とします。続いて諮問第9号の説明を…」
                heading = (m.start, titled.end("title")) if titled else None
                anchors[m.key] = Anchor(m.key, i, said, heading, inline=True)
    order = sorted(anchors.values(), key=lambda a: a.start)
    if [a.key for a in order] != sorted((a.key for a in order), key=key_order):
        return {}  # introduced out of their order: not the record's sections
    return anchors


def _past_agenda_list(lines: list[Line], anchors: list[Anchor], later: dict[Key, Anchor]) -> list[Anchor]:
    """Headings listed one after another (an agenda left in the body: '議題１ …' / '議題２ …' on adjacent lines), each
    heading again further on, start their sections there."""
    if len(anchors) < 2 or any(a.key not in later for a in anchors):
        return anchors
    listed = all(_gap(lines, a.line, b.line) for a, b in zip(anchors, anchors[1:], strict=False))
    if not listed:
        return anchors
    return sorted((later[a.key] for a in anchors), key=lambda a: a.start)


def _listed(lines: list[Line], anchors: list[Anchor]) -> bool:
    """Two or more headings one after another and nothing after the last but its own line (an agenda list)."""
    return len(anchors) >= 2 and all(_gap(lines, a.line, b.line) for a, b in zip(anchors, anchors[1:], strict=False))


def _gap(lines: list[Line], a: int, b: int) -> bool:
    """Lines ``a`` and ``b`` are next to each other: nothing but blank lines between, or up to three lines of the
    item itself (a wrapped title, 「所管：健康推進課」), none a sentence."""
    between = [lines[k] for k in range(a + 1, b) if not lines[k].blank]
    return len(between) <= 3 and not any(ln.text.rstrip().endswith("。") for ln in between)


def _repeated_substructure(text: str, lines: list[Line], anchors: list[Anchor], keys: set[Key]) -> list[Anchor]:
    if not anchors:
        return anchors
    anchored = {a.key for a in anchors}
    pending = sorted((k for k in keys if k not in anchored), key=key_order)
    if not pending:
        return anchors
    result = list(anchors)
    for n, anchor in enumerate(anchors):
        stop = anchors[n + 1].line if n + 1 < len(anchors) else len(lines)
        sub = next(
            (j for j in range(anchor.line + 1, min(stop, anchor.line + 12)) if _SUB_HEAD.match(lines[j].text)), None
        )
        if sub is None:
            continue
        target = compact(lines[sub].text)
        for j in range(sub + 1, stop):
            if compact(lines[j].text) == target:
                later = [k for k in pending if key_order(k) > key_order(anchor.key)]
                if not later:
                    break
                pending.remove(later[0])
                result.append(Anchor(later[0], j, lines[j].start, None))
    return sorted(result, key=lambda a: a.start)


_OPENERS = "(（〔［[【<＜"  # a bracket opens a heading's number or a speaker's name: 「（説明：…）」「〔千早委員〕」 are no next item
_PAREN_NUMBER = re.compile(r"[(（〔［\[【<＜][0-9０-９一二三四五六七八九十]{1,2}[)）〕］\]】>＞]")


def section_ends(text: str, lines: list[Line], anchors: list[Anchor]) -> dict[Key, int]:
    """End offset of each anchored section; labels sharing a heading block (オ/カ) share the body."""
    ends: dict[Key, int] = {}
    line_of = {a.start: a.line for a in anchors}
    for n, anchor in enumerate(anchors):
        nxt = anchors[n + 1].start if n + 1 < len(anchors) else len(text)
        bullet = None if anchor.inline else _LEAD.match(lines[anchor.line].text)  # a speaker's ○ is no list mark
        mark = (bullet.group(0).strip() if bullet else "")[:1]
        end = nxt
        for j in range(anchor.line + 1, len(lines)):
            ln = lines[j]
            if ln.start >= nxt:
                break
            c = compact(ln.text)
            if not c:
                continue
            if (
                (_LEVEL.match(ln.text) and _END.match(re.sub(r"^[0-9]+[.]?", "", c) if c[:1].isdigit() else c))
                or (mark and c.startswith(mark) and not (mark in _OPENERS and not _PAREN_NUMBER.match(c))
                    and not mentions(text, ln.start, ln.end))  # (2) after (1), not 「（説明：企画課長）」
                or c == "以上"
                or (len(c) <= 60 and not c.endswith("。") and _END_HEAD.match(c))
            ):
                end = ln.start
                break
        ends[anchor.key] = end
    for n in range(len(anchors) - 2, -1, -1):
        a, b = anchors[n], anchors[n + 1]
        if (a.start != b.start and not text[lines[line_of[a.start]].end : b.start].strip()
                and lines[line_of[a.start]].text.count("\t") < 2):  # not a table's rows, 「諮問第14号 | 件名 | 担当課 | 結果」
            ends[a.key] = ends[b.key]
    return ends
