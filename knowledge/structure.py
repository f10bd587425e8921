"""parse_document: plain text of minutes or a 答申 -> ParsedDocument (meeting, consultations, passages).

Convention-based, linear in the text size. The pieces live in ``structure_*`` modules:
header (meeting fields), labels (諮問 labels, agenda, titles, kinds), sections (where each consultation is
discussed), turns (speaker turns and Q&A pairs), outcome (decisions and requests), passages (search units),
toshin (答申 letters). Malformed input never raises: what can be trusted is returned, plus warnings (``knowledge.doc_warnings``).
"""

from __future__ import annotations

import bisect
import re

from knowledge.doc_warnings import EMPTY, NO_CONSULTATION, DocWarning, once
from knowledge.model import Consultation, ParsedDocument
from knowledge.structure_header import Header, parse_header
from knowledge.structure_labels import (
    MENTION,
    AgendaItem,
    Key,
    Mention,
    agenda_items,
    aliases,
    display_labels,
    key_order,
    kinds_of,
    mentions,
    parse_title,
)
from knowledge.structure_outcome import (
    MEMBER_REQUEST,
    Decision,
    apply_decision,
    decide,
    outcome_reason,
    request_spans,
    with_requests,
)
from knowledge.structure_passages import Special, build_passages, section_at
from knowledge.structure_sections import Anchor, find_anchors, section_ends
from knowledge.structure_text import Line, compact, line_index_at, sentence_around, sentence_spans, split_lines, squash
from knowledge.structure_toshin import is_toshin, parse_toshin
from knowledge.structure_turns import Item, pair_items, scan_items

__all__ = ["parse_document"]

_DEFAULT_LABEL = {"kana": "諮問{}", "num": "諮問第{}号", "case": "案件({})", "agenda": "議題{}"}
_DEPT_AFTER = re.compile(r"^[ \t　]*[(（]([^()（）\n]{2,30})[)）]")
_ANSWERER_LINE = re.compile(r"※.{0,6}(?:意見|質疑|質問)(?:及び|および|と)(.{1,20}?)の回答")


FOLLOW_UP = 60  # a Q&A pair this short (a follow-up question and a bare yes) is one passage with the pair before it
BARE_ANSWER = 25  # ... its answer no longer than this (「おっしゃるとおりです。」)


def parse_document(text: str, name: str) -> ParsedDocument:
    """Parse one document's normalised text (see knowledge.decode.to_plain_text). Never raises on content."""
    lines = split_lines(text)
    if not text.strip():
        return ParsedDocument(text, "minutes", parse_header(text, lines).meeting, warnings=[EMPTY])
    if is_toshin(text):
        return parse_toshin(text, lines)
    return _parse_minutes(text, lines)


def _parse_minutes(text: str, lines: list[Line]) -> ParsedDocument:
    header = parse_header(text, lines)
    warnings = list(header.warnings)
    body_line = line_index_at(lines, header.end) if header.end < len(text) else len(lines)
    found = mentions(text)
    alias = aliases(text, found)  # 「案件１　…（諮問番号３）」: 案件１ is 諮問第3号 wherever it is named
    found = [Mention(alias.get(m.key, m.key), m.display, m.start, m.end) for m in found]
    if any(m.key[0] != "agenda" for m in found):  # 議題１ labels a matter only where no 諮問/案件 label does
        found = [m for m in found if m.key[0] != "agenda"]
    all_keys = {m.key for m in found}
    agenda = agenda_items(text, header.agenda or lines[:body_line], all_keys, found)
    anchors = find_anchors(text, lines, body_line, all_keys, alias)
    header_depts = _header_departments(text, header, found)
    keys = {a.key for a in anchors} | {a.key for a in agenda} | set(header_depts)
    first_seen: dict[str, int] = {}
    for m in found:
        first_seen.setdefault(m.key[0], m.start)
    ordered = sorted(keys, key=lambda k: (first_seen.get(k[0], 0), key_order(k)))
    labels = display_labels(found)
    for key in ordered:
        labels.setdefault(key, _DEFAULT_LABEL[key[0]].format(key[1]))
    anchor_of = {a.key: a for a in anchors}
    ends = section_ends(text, lines, anchors)
    items = scan_items(text, lines, body_line)
    pairs = pair_items(text, items)
    paired = {id(x) for _, q, answers in pairs for x in (q, *answers)}
    item_starts = [it.start for it in items]
    pair_starts = [q.start for _, q, _ in pairs]
    agenda_of: dict[Key, AgendaItem] = {}
    for a in agenda:
        agenda_of.setdefault(a.key, a)
    found_of: dict[Key, list[Mention]] = {}
    for m in found:
        found_of.setdefault(m.key, []).append(m)

    consultations: list[Consultation] = []
    specials: list[Special] = []
    sections: list[tuple[int, int, int]] = []
    elsewhere: list[tuple[int, int, Key]] = []  # a request said under one consultation naming another (and only it)
    for idx, key in enumerate(ordered):
        anchor = anchor_of.get(key)
        item = agenda_of.get(key)
        cons = _consultation(text, labels[key], anchor, ends.get(key), item, header_depts.get(key),
                             found_of.get(key, []))
        if anchor is not None:
            sections.append((cons.start, cons.end, idx))
            lo, hi = bisect.bisect_left(pair_starts, cons.start), bisect.bisect_left(pair_starts, cons.end)
            cons.qa = [qa for qa, _, _ in pairs[lo:hi]]
            if not cons.department:
                cons.department = _answerer_dept(text, cons.start, cons.end) or _dept_of_answerers(cons)
        inside = items[bisect.bisect_left(item_starts, cons.start) : bisect.bisect_left(item_starts, cons.end)]
        turns = [it for it in inside if id(it) in paired or it.role != "a" or not mentions(text, it.start, it.end)]
        narrative = _narrative(cons, turns) if anchor is not None else []
        decision = _own_part(text, decide(text, narrative), key, narrative) if narrative else None
        if decision is None or not decision.strong or (decision.status == "pending" and "（" not in decision.outcome):
            decision = _global_decision(text, found_of.get(key, []), decision)
        if decision is None and anchor is not None:
            decision = decide(text, [(it.start, it.end) for it in inside if id(it) not in paired])
        if decision is None:
            decision = _region_decision(text, key, found)
        apply_decision(cons, decision)
        req = request_spans(text, narrative, decision.span if decision else None) if narrative else []
        own: list[tuple[int, int]] = []
        for a, b in req:  # 「諮問第14号の附帯意見：…」 is 14's; 「諮問第12号と同様に、…を要望する」 under 13 is 13's own
            keys = {m.key for m in mentions(text, a, b)}
            if keys <= {key} or _LIKE_OTHER.search(text, a, b):
                own.append((a, b))
            elif len(keys) == 1:
                elsewhere.append((a, b, next(iter(keys))))
        req = own
        member_req = [it for it in inside if it.role == "q" and MEMBER_REQUEST.search(compact(text[it.body : it.end]))]
        cons.requests = [squash(text[s:e]) for s, e in req] + [squash(text[it.body : it.end]) for it in member_req]
        noted = None if req else _noted_requests(text, decision, found_of.get(key, []))
        if noted:
            cons.requests.insert(0, noted)
        if cons.status == "decided":
            cons.outcome = with_requests(cons.outcome, bool(req) or bool(noted))
        said = decision.span if decision is not None else None
        if said is not None:  # 「全員一致で同意する。情報漏えいについては…要望する。」: one passage says both
            after = [(s, e) for s, e in req if s >= said[1] and not text[said[1]:s].strip(" \t　")]
            if after:
                req = [r for r in req if r != after[0]]
                said = (said[0], after[0][1])
            specials.append(Special(*said, "outcome", idx))
        specials.extend(Special(s, e, "request", idx) for s, e in req)
        specials.extend(Special(it.start, it.end, "request", idx) for it in member_req if id(it) not in paired)
        title_spans = [s for s in ((item.start, item.end) if item else None, anchor.heading if anchor else None) if s]
        if title_spans:
            specials.append(Special(*title_spans[0], "title", idx, tuple(title_spans[1:])))
        consultations.append(cons)
    _attach_elsewhere(text, elsewhere, ordered, consultations, specials)
    _all_decided(text, consultations)
    sections.sort()
    last: Special | None = None
    for qa, q, answers in pairs:
        short = (qa.end - qa.start <= FOLLOW_UP and answers[-1].end - answers[-1].body <= BARE_ANSWER
                 and re.search(r"か[。]?$|[?？]$", text[q.body : q.end].strip()) is not None)  # asked, not a request
        if last is not None and short and not text[last.end : qa.start].strip():
            last.end = qa.end  # 「CSV ファイルなどでは取り扱っていないのか。」「おっしゃるとおりです。」: the exchange before it goes on
            continue
        last = Special(qa.start, qa.end, "qa", section_at(sections, qa.start))
        specials.append(last)
    warnings.extend(unknown_warning(consultations))
    if not consultations and "諮問" in text:
        warnings.append(NO_CONSULTATION)
    if header.block is not None:  # the meeting's fields below a page's opening prose: a header passage of their own
        specials.append(Special(*header.block, "header", None))
    passages = build_passages(text, header.end, specials, sections)
    return ParsedDocument(text, "minutes", header.meeting, consultations, passages, once(warnings))


_LIKE_OTHER = re.compile(r"と同様|と同じ|に準じ")


def _attach_elsewhere(text: str, elsewhere: list[tuple[int, int, Key]], ordered: list[Key],
                      consultations: list[Consultation], specials: list[Special]) -> None:
    """「なお、諮問第１２号についても、…するよう要望する。」 said under 諮問第13号: the request of 12, which it names."""
    for a, b, other in elsewhere:
        if other not in ordered:
            continue
        idx = ordered.index(other)
        cons = consultations[idx]
        said = squash(text[a:b])
        if any(said in r or r in said for r in cons.requests):  # 「諮問第14号の附帯意見：…」 read already as 14's
            continue
        had = bool(cons.requests)
        cons.requests.append(said)
        specials.append(Special(a, b, "request", idx))
        if cons.status == "decided" and not had:
            cons.outcome = with_requests(cons.outcome, True)


_LABEL_REQUEST = re.compile(r"の?(?:附帯意見|付帯意見|要望事項|要望)[ \t　]*[：:][ \t　]*([^\n]{4,300})")
_NOTED = re.compile(r"[(（](?:附帯|付帯)?(?:意見|要望)(?:あり|付き)[：:]([^()（）]{4,200})[)）]")


def _noted_requests(text: str, decision: Decision | None, found: list[Mention]) -> str | None:
    """Requests said with the result rather than in a sentence of the discussion: in the result's brackets
    (「承認（附帯意見あり：掲示を英語でも行うこと。）」), else on a line naming the label (「諮問第14号の附帯意見：…」 below a
    table of results); None when neither says any."""
    if decision is not None and decision.span and (m := _NOTED.search(text, *decision.span)) is not None:
        return squash(m.group(1))
    return next((squash(m.group(1)) for f in found if (m := _LABEL_REQUEST.match(text, f.end)) is not None), None)


def _header_departments(text: str, header: Header, found: list[Mention]) -> dict[Key, str]:
    """'諮問ア (市民経済部納税課)' in the header's staff list -> {('kana','ア'): '市民経済部納税課'}."""
    out: dict[Key, str] = {}
    for m in found:
        if m.start >= header.end:
            break
        dm = _DEPT_AFTER.match(text, m.end, min(len(text), m.end + 40))
        if dm and re.search(r"(課|室|部|局|係|センター)$", dm.group(1)):
            out.setdefault(m.key, squash(dm.group(1)))
    return out


_BARE_RESULT = re.compile(r"(?:原案の?(?:とおり|どおり))?(?:承認|了承|可|適当|妥当|同意|不可|継続審議|再審議|次回審議|保留)"
                          r"(?:[（(][^（）()]*[)）])?")
_LINE_LEAD = re.compile(r"^[ \t　]*(?:[(（][0-9０-９]{1,2}[)）]|[0-9０-９]{1,2}[.．、 　]|[⑴-⒇①-⑳])?[ \t　]*[○◎●■◆□・]?[ \t　]*")


_HEAD_ABOVE = re.compile(r"^[ \t　]*(?:【[^】]{1,10}】|■|◆|●)[ \t　]*")


def _line_of(text: str, pos: int) -> str:
    a = text.rfind("\n", 0, pos) + 1
    b = text.find("\n", pos)
    line = text[a : len(text) if b < 0 else b]
    if b < 0 or not MENTION.fullmatch(squash(_LINE_LEAD.sub("", line))):
        return line
    above_end = a - 1  # 「【諮問1】県立高等学校…について」 over 「諮問番号：第12号」: the title on the line above
    above = text[text.rfind("\n", 0, max(0, above_end)) + 1 : max(0, above_end)]
    if _HEAD_ABOVE.match(above) and not MENTION.search(above):
        return line.strip() + " " + _HEAD_ABOVE.sub("", above).strip()
    c = text.find("\n", b + 1)  # 「　　諮問第１号」 alone, its title on the line below, indented deeper
    below = text[b + 1 : len(text) if c < 0 else c]
    deeper = len(below) - len(below.lstrip(" \t　")) > len(line) - len(line.lstrip(" \t　"))
    return line + " " + below.strip() if deeper and below.strip() and not MENTION.search(below) else line


_NAMED_TITLE = re.compile(r"^[ \t　]*件[ \t　]*名[ \t　]*[:：]?[ \t　]*(\S[^\n]{3,100})$", re.MULTILINE)  # 件名：…
_SAID_TITLE = re.compile(r"「([^「」\n]{4,80}?(?:について|に関すること|の件|の改正|の変更|の導入))」")


def _consultation(
    text: str, label: str, anchor: Anchor | None, end: int | None, item: AgendaItem | None, dept: str | None,
    named: list[Mention],
) -> Consultation:
    title, department = "", None
    heading = text[anchor.heading[0] : anchor.heading[1]] if anchor and anchor.heading else ""
    # the heading, the agenda item, then any line that starts with the label (an agenda left in the body:
    # 「（１）諮問第１２号　固定資産税…について」 above 「（１）諮問第１２号について」)
    starting = [_line_of(text, m.start) for m in named]
    listed = [ln for ln in starting if _LINE_LEAD.sub("", ln).lstrip("「【［（(").startswith(label[:2])]  # 「（諮問第１号）　…について」
    for source in (heading, item.text if item else "", *listed):
        if source:
            t, d = parse_title(source)
            if _BARE_RESULT.fullmatch(t):  # 「諮問第3号　承認」: a summary's result, not a title
                continue
            title = title or t
            department = department or d
    if anchor is not None:
        start, stop = anchor.start, end if end is not None else len(text)
    elif item is not None:
        start, stop = item.start, item.end
    else:
        start = stop = 0
    intro = text[start : min(stop, start + 400)] if anchor else ""
    if not title and anchor is not None:  # 「（諮問第七号）」 alone, then 「…課から、「…について」の説明がありました。」
        after = anchor.heading[1] if anchor.heading else start
        said = _NAMED_TITLE.search(text, after, min(stop, start + 300)) or _SAID_TITLE.search(text, after, min(stop, start + 300))
        if said:
            title = squash(said.group(1))
    return Consultation(
        label=label,
        title=title,
        department=department or dept,
        kind=kinds_of(title, heading, intro),
        start=start,
        end=stop,
    )


def _narrative(cons: Consultation, items: list[Item]) -> list[tuple[int, int]]:
    """The section minus member/department turns (chair turns and plain text stay); ``items`` start inside it
    (an answer that answers no question and names a label, 「→ 諮問第21号は次回審議とする。」, is not passed: it
    stays, as text)."""
    spans: list[tuple[int, int]] = []
    pos = cons.start
    for it in items:
        if it.end <= cons.start or it.start >= cons.end or it.role == "chair":
            continue
        if it.start > pos:
            spans.append((pos, it.start))
        pos = max(pos, it.end)
    if pos < cons.end:
        spans.append((pos, cons.end))
    return spans


_JOINED = re.compile(r"[ \t　]*(?:及び|並びに|および|、|・|と|,)[ \t　]*")


_ALL = re.compile(r"(?:いずれも|全て|すべて|全件|各諮問(?:とも)?)[、,]?")


def _all_decided(text: str, consultations: list[Consultation]) -> None:
    """「いずれも原案どおり承認された。ただし、…については…次回に持ち越しとなった。」: the matters with no outcome of
    their own take the outcome said of all of them."""
    unknown = [c for c in consultations if c.status == "unknown"]
    if not unknown or len(consultations) < 2:
        return
    for m in _ALL.finditer(text):
        _, e = sentence_around(text, m.start(), text.rfind("\n", 0, m.start()) + 1, len(text))
        d = decide(text, [(m.start(), e)])
        if d is not None and d.strong and d.status == "decided":
            for c in unknown:
                apply_decision(c, d)
            return


def _part_end(text: str, named: list[Mention], own: int, end: int) -> int:
    """Where the part of a sentence about ``named[own]`` ends: at the next other label, past labels joined to it by
    及び/、 (「諮問第１号及び第２号については…承認、第３号については継続審議」: 1 and 2 share 「…承認」)."""
    k = own
    while k + 1 < len(named) and _JOINED.fullmatch(text[named[k].end : named[k + 1].start]):
        k += 1
    return next((m.start for m in named[k + 1 :] if m.key != named[own].key), end)


def _after_other(text: str, decision: Decision, key: Key, spans: list[tuple[int, int]]) -> Decision | None:
    """A decision naming no label, in a section two consultations share (「諮問第8号及び第9号（一括説明）」): when the
    label last named before it is the other's (「> 諮問第9号：継続審議」 / 「> 次回審議会において…再度審議する。」), it is the
    other's; this one's is decided from the parts after its own label up to the other's."""
    assert decision.span is not None
    lo, start = min(a for a, _ in spans), decision.span[0]
    before = mentions(text, lo, start)
    if not before or before[-1].key == key or not any(m.key == key for m in before):
        return decision
    parts = []
    for i, m in enumerate(before):
        if m.key == key:
            stop = next((n.start for n in before[i + 1 :] if n.key != key), start)
            parts.extend((max(a, m.start), min(b, stop)) for a, b in spans if a < stop and b > m.start)
    return decide(text, parts) if parts else None


def _own_part(text: str, decision: Decision | None, key: Key,
              spans: list[tuple[int, int]] | None = None) -> Decision | None:
    """A decision sentence naming several consultations (「諮問第五号については…適当…、諮問第六号については…次回に
    持ち越す」): the part from this one's label to the next one's, decided on its own; None when it names only
    others."""
    if decision is None or decision.span is None:
        return decision
    s, e = decision.span
    named = mentions(text, s, e)
    if not named and spans:
        return _after_other(text, decision, key, spans)
    if not named or all(m.key == key for m in named):
        return decision
    own = next((i for i, m in enumerate(named) if m.key == key), None)
    if own is None:
        return None
    stop = _part_end(text, named, own, e)
    return decide(text, [(named[own].start, stop)]) or decision


def _global_decision(text: str, found: list[Mention], current: Decision | None) -> Decision | None:
    """A sentence elsewhere naming this label with a decision (e.g. a note under the agenda)."""
    best: Decision | None = None
    for m in found:
        a = text.rfind("\n", 0, m.start) + 1
        b = text.find("\n", m.end)
        b = len(text) if b < 0 else b
        on_line = mentions(text, a, b)
        own = next((i for i, x in enumerate(on_line) if x.start == m.start), None)
        other = _part_end(text, on_line, own, b) if own is not None else b
        if other < b:  # 「諮問第21号：承認　諮問第22号：次回に持ち越し」: its own part of the line
            a, b = max(a, m.start), other
        around = sentence_around(text, m.start, a, b)
        d = decide(text, [around])
        if d is None and around[0] == m.start and _RESULT_AFTER.match(text, m.end, around[1]):
            d = decide(text, [(m.end, around[1])])  # 「諮問第１２号　承認」 in a list of results: the result after it
        if d is None or not d.strong:
            continue
        if current is None or not current.strong or (d.status == current.status and "（" in d.outcome):
            if best is None or d.status != best.status:  # 「部会としては…適当」 reported, then 「…は部会において再審議を行う」:
                best = d  # a later sentence that decides otherwise has the last word; one that says it again does not
    if best is not None:
        return best
    if current is not None and current.status == "pending" and current.span and "（" not in current.outcome:
        return _reason_before(text, current)
    return current


_RESULT_AFTER = re.compile(r"[ \t　:：]+(?=\S{1,30}$)")
REGION_MAX = 3000  # how far after a mention its discussion may run when no section was found for it


def _region_decision(text: str, key: Key, found: list[Mention]) -> Decision | None:
    """No section, no decision yet: the lines after a mention of ``key`` up to the next other label (an agenda item
    with its 説明/質疑/結果 lines under it, '審議結果' lists)."""
    for i, m in enumerate(found):
        if m.key != key:
            continue
        nxt = next((n.start for n in found[i + 1 :] if n.key != key), len(text))
        lo = text.find("\n", m.end)
        if lo < 0 or lo >= nxt:
            continue
        d = decide(text, [(lo, min(nxt, lo + REGION_MAX))])
        if d is not None and d.strong:
            return d
    return None


def _reason_before(text: str, current: Decision) -> Decision:
    """A pending decision without its reason: take the reason from the sentence just before it."""
    assert current.span is not None
    a = max(0, current.span[0] - 300)
    before = [s for s in sentence_spans(text, a, current.span[0]) if s[1] <= current.span[0]]
    for s, e in reversed(before[-3:]):
        sentence = text[s:e]
        if re.search(r"ため|により|ので|待って|まで|求め|提出", sentence):
            qualifier, cleaned = outcome_reason(sentence)
            outcome = f"{current.outcome}（{qualifier}）" if qualifier else current.outcome
            _, decided = outcome_reason(text[current.span[0] : current.span[1]])
            return Decision("pending", outcome, cleaned + " " + decided, current.span)
    return current


def unknown_warning(consultations: list[Consultation]) -> list[DocWarning]:
    """One warning naming every consultation whose outcome the text does not record."""
    labels = tuple(c.label for c in consultations if c.status == "unknown")
    return [DocWarning("no_outcome", items=labels)] if labels else []


_DEPT_SPEAKER = re.compile(r"^(.{1,20}?(?:課|室|係|センター|事務所|館))(?:長|主幹|参事|主査|補佐|長補佐)?$")


def _dept_of_answerers(cons: Consultation) -> str | None:
    """No department written: the department whose staff answered ('市民課長' -> '市民課'), if there is one."""
    for qa in cons.qa:
        m = _DEPT_SPEAKER.match(qa.answerer or "")
        if m and "事務局" not in m.group(1):
            return m.group(1)
    return None


def _answerer_dept(text: str, start: int, end: int) -> str | None:
    m = _ANSWERER_LINE.search(text, start, end)
    return compact(m.group(1)) if m else None
