"""A 答申 letter: date, addressee, the council (sender), the subject '…について（答申）', '1 審議会の結論'."""

from __future__ import annotations

import re

from knowledge.model import Consultation, Meeting, ParsedDocument
from knowledge.structure_header import LETTER_MUNI, MUNI_RE, muni_councils, muni_of
from knowledge.structure_labels import kinds_of, mentions
from knowledge.structure_outcome import decide, request_spans, with_requests
from knowledge.structure_passages import Special, build_passages
from knowledge.structure_text import Line, compact, squash
from knowledge.wareki import find_date

_TOSHIN_MARK = re.compile(r"[(（]答申[)）]|答申します|答申書|について答申")
_MINUTES_MARK = re.compile(r"議事録|会議録|要点記録|出席者|出席委員|開催日時|議事要旨")
_CONCLUSION = re.compile(r"^(?:[0-9０-９]+|第[0-9０-９一二三]+)?[ 　.．、]*(?:審議会|審査会)?の?(?:結論|答申)$")
_NUMBERED = re.compile(r"^[ \t　]*(?:[0-9０-９]{1,2}|第[0-9０-９一二三四五六七八九十]+)[ 　.．、]+\S")
_FUTAI = re.compile(r"付帯意見|附帯意見|意見")
_FUTAI_HEAD = re.compile(r"^(?:[0-9]{1,2}|第[0-9一二三四五六七八九十]+)?[.、]?[(（【〔]?(?:付帯|附帯)?意見[)）】〕]?$")
_END_MARK = re.compile(r"^以上$")


def _style(line_text: str) -> str:
    """Numbering style of a heading: '第' (第１), 'num' (1), '' (none)."""
    t = line_text.strip(" \t　")
    return "第" if t.startswith("第") else "num" if t[:1].isdigit() else ""


def _futai_items(lines: list[Line], head: int) -> list[tuple[int, int]]:
    """The paragraphs under a 付帯意見 heading, up to the next heading of the same numbering style or 以上."""
    style = _style(lines[head].text)
    spans: list[tuple[int, int]] = []
    for i, j in _paragraphs(lines, head + 1, len(lines)):
        c = compact(lines[i].text)
        if _END_MARK.match(c) or (style and _NUMBERED.match(lines[i].text) and _style(lines[i].text) == style):
            break
        spans.extend((ln.start, ln.end) for ln in lines[i : j + 1] if not ln.blank)
    return spans


def is_toshin(text: str) -> bool:
    head = text[:1500]
    return bool(_TOSHIN_MARK.search(head)) and not _MINUTES_MARK.search(head)


def _paragraphs(lines: list[Line], start: int, stop: int) -> list[tuple[int, int]]:
    """(first line index, last line index) of runs of non-blank lines."""
    runs: list[tuple[int, int]] = []
    i = start
    while i < stop:
        if lines[i].blank:
            i += 1
            continue
        j = i
        while j + 1 < stop and not lines[j + 1].blank:
            j += 1
        runs.append((i, j))
        i = j + 1
    return runs


def parse_toshin(text: str, lines: list[Line]) -> ParsedDocument:
    warnings: list[str] = []
    meeting = Meeting()
    conclusion = next((i for i, ln in enumerate(lines) if _CONCLUSION.match(compact(ln.text))), None)
    body_line = (
        conclusion
        if conclusion is not None
        else next((i for i, ln in enumerate(lines) if "答申します" in ln.text), len(lines) - 1)
    )
    header_end = lines[body_line].start if body_line < len(lines) else len(text)
    subject: tuple[int, int] | None = None
    for i, j in _paragraphs(lines, 0, min(body_line + 1, len(lines))):
        joined = "".join(ln.text.strip() for ln in lines[i : j + 1])
        if meeting.council is None:
            m = next(muni_councils(joined), None)
            if m:
                meeting.council, meeting.municipality = muni_of(m) + m.group("council"), muni_of(m)
        if subject is None and re.search(r"[(（]答申[)）]\s*$", joined):
            subject = (lines[i].start, lines[j].end)
    if meeting.municipality is None:
        m = LETTER_MUNI.search(text[:header_end]) or MUNI_RE.search(text[:header_end])
        meeting.municipality = muni_of(m) if m else None
    found = find_date(text[:header_end] or text[:1000])
    if found is not None:
        meeting.date_text = found.text
        meeting.date = found.value.isoformat() if found.value else None
        if found.warning:
            warnings.append(found.warning)
    else:
        warnings.append("答申の日付が見つかりません")
    labels = mentions(text, 0, min(len(text), header_end + 2000))
    label = labels[0].display if labels else "答申"
    title = ""
    if subject is not None:
        title = re.sub(r"[(（]答申[)）]\s*$", "", squash(text[subject[0] : subject[1]].replace("\n", ""))).strip()
    # the conclusion: paragraphs after the heading up to the next numbered heading
    spans: list[tuple[int, int]] = []
    if conclusion is not None:
        for i, j in _paragraphs(lines, conclusion + 1, len(lines)):
            if _NUMBERED.match(lines[i].text):
                break
            spans.append((lines[i].start, lines[j].end))
    decision = decide(text, spans) if spans else None
    if decision is None:
        decision = decide(text, [(header_end, len(text))])
    cons = Consultation(label=label, title=title, kind=kinds_of(title), start=header_end, end=len(text))
    specials: list[Special] = []
    if decision is not None:
        cons.status, cons.outcome, cons.reason = decision.status, decision.outcome, decision.reason
        if decision.span:
            span = next((s for s in spans if s[0] <= decision.span[0] < s[1]), decision.span)
            specials.append(Special(*span, "outcome", 0))
    else:
        cons.outcome = "答申（結論の記載なし）"
        warnings.append("答申の結論（適当・不適当など）が見つかりません")
    heads = [i for i, ln in enumerate(lines) if _FUTAI_HEAD.match(compact(ln.text))]
    futai = [(ln.start, ln.end) for ln in lines if _FUTAI.search(compact(ln.text)) and _NUMBERED.match(ln.text)]
    if heads:
        req = _futai_items(lines, heads[0])
        cons.requests = [squash(text[s:e]) for s, e in req]
        specials.extend(Special(s, e, "request", 0) for s, e in req)
        cons.outcome = with_requests(cons.outcome, bool(req))
    elif futai:
        req = request_spans(text, [(futai[0][0], len(text))], decision.span if decision else None)
        cons.requests = [squash(text[s:e]) for s, e in req]
        specials.extend(Special(s, e, "request", 0) for s, e in req)
        cons.outcome = with_requests(cons.outcome, bool(req))
    if subject is not None:
        specials.append(Special(*subject, "title", 0))
    else:
        warnings.append("答申の件名（…について（答申））が見つかりません")
    passages = build_passages(text, header_end, specials, [(header_end, len(text), 0)])
    return ParsedDocument(text, "toshin", meeting, [cons], passages, warnings)
