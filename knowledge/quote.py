"""The quote of an answer: the part of a passage that answers the question, cleaned and at most ``limit`` long.

A passage is cleaned (editor's notes and bullet dashes dropped, lines broken inside a sentence joined), split into
sentences (never inside a bracket that closes nearby: 「…。」と規定している is one sentence), a sentence longer than
the quote into clauses (at 、 and 。; a line without punctuation at spaces), and every run of at most
``MAX_SENTENCES`` sentences that fits is scored:

* the question's concepts it holds, idf-weighted (the same weights the ranking uses), counted once per window;
* what the question asks for (``Query.wants``: a date, a number with its unit, a company; for quoting only, also
  who, which article and where), when it holds one (half when a number is asked for and the match has none);
* proximity: the best single sentence of the window again, at half weight (the terms and the answer together);
* a window that ends on a question (…か。) with more text after it loses a little: the answer should come with it.

The best window is then widened with its neighbours while it fits: the rest of a cut sentence first (its predicate
comes last), the answer after a question, then the following and the preceding sentences in turn. For a Q&A pair
the quote is the best part of the question turn (at most ``QUESTION_PART`` when the pair does not fit) and of the
answer turn, each with its speaker, within the one limit."""

from __future__ import annotations

import re
from dataclasses import dataclass

from knowledge.asked_dates import beside
from knowledge.corpus import split_turns
from knowledge.query import Query, year_mentions
from knowledge.tokenize import normalize
from knowledge.wareki import normalize_numbers

MAX_QUOTE = 260
QUESTION_PART = 80  # of a Q&A pair's question turn, when the pair is too long to quote whole: the answer gets the rest
MAX_SENTENCES = 3
SHORT_LINE = 40  # a line shorter than this without a sentence's end (a header's field) is a third of a sentence
BRACKET_SPAN = 160  # an opening bracket counts only when it closes within this many characters (on its line)
ELLIPSIS = "…"
PROXIMITY = 0.5  # weight of the window's best single sentence (terms and answer together)
OPEN_QUESTION = 0.25  # share of the answer-type weight a window loses when it ends on a question with its answer cut
LOOSE = 0.5  # a match of an answer type without its number (「から」 for a date)
TYPE_SHARE = 0.6  # what the question asks for (Query.wants), against the weight of all its words
SOFT = 0.3  # weight of a soft concept (理由, 方法) against a content word

_PAIRS = {"（": "）", "(": ")", "「": "」", "『": "』", "【": "】", "〔": "〕", "［": "］", "[": "]", "〈": "〉", "《": "》"}
_CLOSERS = frozenset(_PAIRS.values())
_ENDS = frozenset("。！？!?")
_CLAUSE_ENDS = frozenset("、，,。！？!?")
_WORD_BREAK = re.compile(r"\s+|(?=・)")
_KANA = re.compile(r"[ぁ-ゖ]")
CHUNK = 40  # characters of a piece of a phrase still longer than the quote
_QUESTION_END = re.compile(r"(?:か|かね|かな)[。？?]?[」』）)]*$|[？?][」』）)]*$")

# What a question asks for, for quoting only, when ``Query.wants`` (which the ranking also uses) says nothing:
# who (a person, a role, a department) and which provision (an article).
_CUES: tuple[tuple[re.Pattern[str], re.Pattern[str]], ...] = (
    (re.compile(r"誰|だれ|どなた|どの(?:委員|課|部署|部局)|何課|担当課は"),
     re.compile(r"委員|会長|部会長|課長|係長|部長|局長|室長|所長|事務局|職員|[一-龥]{1,8}(?:課|係|室)(?![一-龥])|氏|さん")),
    (re.compile(r"条文|何条|どの条|根拠規定"), re.compile(r"第\d+条")),
    # where: a room, a building, a municipality
    (re.compile(r"どこ|場所|会場"), re.compile(r"会議室|[一-龥]室|会場|庁舎|役所|センター|ホール|[一-龥]館|[一-龥]{1,6}(?:市|区|町|村|県)(?![一-龥])")),
    # why: the clause giving the reason (…していないため、/ …ので / …ないから、/ 理由は), not a purpose (…するために) nor
    # a source (実施機関から、)
    (re.compile(r"なぜ|なんで|何で|どうして|理由|わけ"), re.compile(r"ため[、,。]|ためで|ので[、,]?|(?<=[ぁ-ん])から[、,]|理由(?:は|として|により)")),
)
_SPEAKER = re.compile(r"(?:[^\s：:、。「」（）()]{1,14}[：:]|【[^】\n]{1,20}】|〔[^〕\n]{1,20}〕)[ \u3000]*")
_SPACES = re.compile(r"[ \t\u3000]+")
_BLANK_LINES = re.compile(r"\s*\n\s*")
# an editor's note on the minutes (※ 以下、質疑等 / ※ 一部省略): not what anyone said
_NOTE_LINE = re.compile(r"^[ \t\u3000]*※[^\n]*(?:以下|省略|略す|略した|抜粋|要旨|質疑等)[^\n]*$", re.M)
_BULLET = re.compile(r"^[ \t\u3000]*[-‐－−]\s+", re.M)
# a line that starts a new item or turn: it is not the rest of the line before
_STARTS_ITEM = re.compile(r"\s*(?:[【〔\[(（<＜●○◯■□◆◇・\-→⇒※]|\d+[.)）．]|[ア-ン][.)）．]|[^\s：:、。]{1,14}[：:]|[^\s：:、。]{1,14}\t)")
_CONTINUES = re.compile(r"[ぁ-ゖ、。，．）」』]")
_SPACED_NAME = r"[一-龥々]{1,4}[ 　][一-龥々]{1,4}"  # a name as lists write it (高森 和彦)
_NAME_END = re.compile(_SPACED_NAME + "$")
_NAME_START = re.compile(_SPACED_NAME + r"(?:[ 　]|$)")


def clean(text: str) -> str:
    """What is quoted, cleaned: editor's notes and bullet dashes dropped, a line (or a page) broken inside a
    sentence joined ("生活保護\n\nの手前" -> "生活保護の手前"), turns and items kept on their own lines."""
    text = _NOTE_LINE.sub("", text)
    text = _BULLET.sub("", text)
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    out: list[str] = []
    for line in lines:
        prev = out[-1] if out else ""
        joins = prev and not prev.endswith(("。", "！", "？", "!", "?", ":", "：")) and (
            _CONTINUES.match(line) or (len(prev) >= 25 and not _STARTS_ITEM.match(line)))
        if joins:  # a list of names ('高森 和彦 野々村 裕子' / '上原 誠司') keeps a space between them
            out[-1] = prev + (" " if _NAME_END.search(prev) and _NAME_START.match(line) else "") + line
        else:
            out.append(line)
    return "\n".join(out)


def tidy(text: str) -> str:
    """Runs of spaces made one, blank lines dropped, line breaks kept (a Q&A stays two lines), and a closing
    bracket left over from a parenthesised note that starts before the passage dropped."""
    flat = _BLANK_LINES.sub("\n", _SPACES.sub(" ", clean(text))).strip()
    for opening, closing in (("(", ")"), ("（", "）")):
        if flat.endswith(closing) and flat.count(closing) > flat.count(opening):
            flat = flat[: -len(closing)].rstrip()
    return flat


def _openers(text: str) -> set[int]:
    """Positions of the opening brackets that close within BRACKET_SPAN characters on their line."""
    out = set()
    for i, ch in enumerate(text):
        closing = _PAIRS.get(ch)
        if closing is None:
            continue
        ahead = text[i + 1 : i + 1 + BRACKET_SPAN].split("\n", 1)[0]
        if closing in ahead:
            out.add(i)
    return out


Span = tuple[int, int]


def _trimmed(text: str, lo: int, hi: int) -> Span | None:
    while lo < hi and text[lo].isspace():
        lo += 1
    while hi > lo and text[hi - 1].isspace():
        hi -= 1
    return (lo, hi) if lo < hi else None


def _cut(text: str, span: Span, ends: frozenset[str], openers: set[int]) -> list[Span]:
    """``span`` of ``text`` cut after each of ``ends`` (with the end marks and closing brackets right after it) and
    at line breaks, never inside a bracket of ``openers``."""
    lo, hi = span
    cuts: list[int] = []
    stack: list[str] = []
    starts = lo  # where the current piece starts
    outer = lo  # where its outermost open bracket opened
    i = lo
    while i < hi:
        ch = text[i]
        if ch == "\n":
            cuts.append(i + 1)
            stack.clear()
        elif i in openers:
            if not stack:
                outer = i
            stack.append(_PAIRS[ch])
        elif stack and ch == stack[-1]:
            stack.pop()
            # a bracketed sentence of its own (（注：略。）) ends here; (…という。) inside a sentence and
            # 「はい。」と答えた do not
            if (not stack and text[i - 1] in ends and not text[starts:outer].strip()
                    and not _CONTINUES.match(text, i + 1)):
                while i + 1 < hi and text[i + 1] in _ENDS:
                    i += 1
                cuts.append(i + 1)
        elif ch in ends and not stack:
            while i + 1 < hi and (text[i + 1] in _ENDS or text[i + 1] in _CLOSERS):
                i += 1
            cuts.append(i + 1)
        if cuts and cuts[-1] == i + 1:
            starts = i + 1
        i += 1
    bounds = [lo, *cuts, hi]
    return [t for a, b in zip(bounds, bounds[1:], strict=False) if (t := _trimmed(text, a, b))]


def _cut_words(text: str, span: Span) -> list[Span]:
    """A clause without punctuation (a table flattened to one line) cut at spaces and before ・."""
    bounds = [span[0]] + [m.start() for m in _WORD_BREAK.finditer(text, span[0], span[1])] + [span[1]]
    return [t for a, b in zip(bounds, bounds[1:], strict=False) if (t := _trimmed(text, a, b))]


def _cut_fixed(text: str, span: Span, size: int) -> list[Span]:
    """A phrase still longer than the quote, in pieces of at most ``size``, each cut after a particle (a kana
    before a kanji, katakana or digit) when there is one in its second half."""
    out: list[Span] = []
    a, end = span
    while end - a > size:
        cut = next((i for i in range(a + size, a + size // 2, -1)
                    if _KANA.match(text, i - 1) and not _KANA.match(text, i)), a + size)
        out.append((a, cut))
        a = cut
    return [*out, (a, end)]


def sentence_spans(text: str) -> list[Span]:
    """Where the sentences of ``text`` are: cut at 。！？ outside brackets that close nearby, and at line breaks."""
    return _cut(text, (0, len(text)), _ENDS, _openers(text))


def sentences(text: str) -> list[str]:
    """The sentences of ``text`` (see ``sentence_spans``)."""
    return [text[a:b] for a, b in sentence_spans(text)]


@dataclass
class _Unit:
    """A sentence, or a part of a sentence too long to quote whole (a clause, a phrase)."""

    start: int
    end: int
    sentence: int  # which sentence it is (or belongs to)
    last: bool  # it ends its sentence
    concepts: frozenset[int]  # the question's concepts it holds
    typed: float  # how surely it holds what the question asks for (``_typed``)


def _parts(text: str, span: Span, budget: int) -> list[Span]:
    """``span`` in parts no longer than ``budget``: clauses, then phrases, then fixed pieces."""
    if span[1] - span[0] <= budget:
        return [span]
    out: list[Span] = []
    for clause in _cut(text, span, _CLAUSE_ENDS, set()):
        if clause[1] - clause[0] <= budget:
            out.append(clause)
            continue
        for phrase in _cut_words(text, clause):
            out.extend([phrase] if phrase[1] - phrase[0] <= budget else _cut_fixed(text, phrase, min(CHUNK, budget)))
    return out


def answer_pattern(q: Query) -> re.Pattern[str] | None:
    """What the answer to ``q`` contains: ``Query.wants``, else a quoting cue (who, which article, where), else None."""
    if q.wants is not None:
        return q.wants
    return next((cue for asks, cue in _CUES if asks.search(q.norm)), None)


def _typed(wanted: re.Pattern[str] | None, norm: str) -> float:
    """How surely ``norm`` holds what the question asks for: 1, or 0.5 for a looser match of an answer that is
    usually a number (「から」 for a date, 「年間」 for a period), 0 for none."""
    if wanted is None:
        return 0.0
    found = [m.group(0) for m in wanted.finditer(norm)]
    if not found:
        return 0.0
    return 1.0 if "\\d" not in wanted.pattern or any(ch.isdigit() for m in found for ch in m) else LOOSE


def _units(text: str, q: Query, budget: int) -> list[_Unit]:
    wanted = answer_pattern(q)
    years = year_mentions(q.years) if q.years and q.asks_date else None  # 「2029年のいつまで?」: a date that year
    out: list[_Unit] = []
    for k, span in enumerate(sentence_spans(text)):
        parts = _parts(text, span, budget)
        for j, (a, b) in enumerate(parts):
            norm = normalize(text[a:b])
            held = frozenset(i for i, c in enumerate(q.concepts) if c.found_in(norm) or _inflected_in(c.word, c.noun, norm))
            numbers = normalize_numbers(norm)
            typed = _typed(wanted, numbers)
            if typed and years is not None and not years.search(numbers):
                typed *= LOOSE
            if typed and q.event is not None and q.wants is not None and not beside(numbers, q.wants, q.event):
                typed *= LOOSE  # 「審査請求が出されたのはいつ?」: the date beside that step, not another one
            out.append(_Unit(a, b, k, j == len(parts) - 1, held, typed))
    return out


def _inflected_in(word: str, noun: bool, norm: str) -> bool:
    """A verb or adjective of the question (多い, 出る) written inflected (最も多かった, 出された): its stem before
    a kana; a stem of one kanji with the kana of its dictionary form (多か, not 多数)."""
    if noun or len(word) < 2 or not _KANA.fullmatch(word[-1]):
        return False
    stem = re.sub(r"[ぁ-ゖ]+$", "", word)
    return bool(stem) and re.search(re.escape(stem) + r"[ぁ-ゖ]", norm) is not None


def _window(text: str, q: Query, weights: dict[str, float], limit: int, from_start: bool = False) -> str:
    """The run of sentences of ``text`` that best answers ``q`` (see the module), widened with its neighbours, at
    most ``limit`` characters with the "…" that mark what was left out."""
    flat = tidy(text)
    if len(flat) <= limit:
        return flat
    units = _units(flat, q, max(1, limit - 2))
    w = [weights.get(c.word, 1.0) * (SOFT if c.soft else 1.0) for c in q.concepts]
    answer_weight = max(weights.values(), default=1.0)
    if q.wants is not None:  # 「いくら?」「いつまで?」: a window without an amount or a date answers nothing
        answer_weight = max(answer_weight, sum(x for x in w if x > 0) * TYPE_SHARE)

    def size(lo: int, hi: int) -> int:
        return units[hi - 1].end - units[lo].start + (lo > 0) + (hi < len(units))

    # a short line without a sentence's end (a header's 「　午後2時00分から」) counts a third of a sentence
    ends: dict[int, int] = {}
    begins: dict[int, int] = {}
    for u in units:
        begins.setdefault(u.sentence, u.start)
        ends[u.sentence] = u.end
    counted = [0.0]
    for k in sorted(ends):
        line = flat[begins[k] : ends[k]].rstrip()
        short = len(line) < SHORT_LINE and not line.endswith(tuple(_ENDS))
        counted.append(counted[-1] + (1 / 3 if short else 1.0))
    order = {k: i for i, k in enumerate(sorted(ends))}

    def fits(lo: int, hi: int) -> bool:
        n = counted[order[units[hi - 1].sentence] + 1] - counted[order[units[lo].sentence]]
        return n <= MAX_SENTENCES + 1e-9 and size(lo, hi) <= limit

    single = [sum(w[i] for i in u.concepts) + answer_weight * u.typed for u in units]
    best: tuple[float, int, int] = (float("-inf"), 0, 1)
    for lo in range(len(units)):
        held: set[int] = set()
        typed = 0.0
        for hi in range(lo + 1, len(units) + 1):
            if hi > lo + 1 and not fits(lo, hi):
                break
            u = units[hi - 1]
            held |= u.concepts
            typed = max(typed, u.typed)
            score = sum(w[i] for i in held) + answer_weight * typed + PROXIMITY * max(single[lo:hi])
            if hi < len(units) and u.last and _QUESTION_END.search(flat[u.start : u.end]):
                score -= OPEN_QUESTION * answer_weight
            score -= 0.01 * lo if from_start else 0.0
            score -= 1e-6 * (hi - lo)  # of equal windows, the shortest (its neighbours are added below)
            if score > best[0] + 1e-9:
                best = (score, lo, hi)
    _score, lo, hi = best
    asks = bool(_QUESTION_END.search(flat[units[hi - 1].start : units[hi - 1].end]))
    core_lo, core_hi = lo, hi
    while True:
        after = hi < len(units) and fits(lo, hi + 1)
        before = lo > 0 and fits(lo - 1, hi)
        # the rest of a cut sentence first (its predicate comes last), the answer after a question, then by turns
        if after and (asks or not units[hi - 1].last or not before or hi - core_hi <= core_lo - lo):
            hi += 1
            asks = False
        elif before:
            lo -= 1
        else:
            break
    while hi - 1 > max(lo, core_hi - 1) and _SPEAKER.fullmatch(flat, units[hi - 1].start, units[hi - 1].end):
        hi -= 1  # a speaker whose words are cut away
    quote = flat[units[lo].start : units[hi - 1].end]
    return (ELLIPSIS if lo > 0 else "") + quote + (ELLIPSIS if hi < len(units) else "")


def _turn(text: str, q: Query, weights: dict[str, float], limit: int, from_start: bool = False) -> str:
    """A turn's best part, its speaker (委員： / 【委員】) kept in front when the part starts later."""
    label = _SPEAKER.match(text)
    if label is None or len(text) <= limit:
        return _window(text, q, weights, limit, from_start)
    head = label.group(0).strip()
    return head + _window(text[label.end() :], q, weights, limit - len(head), from_start)


def _without_dangling_speaker(text: str) -> str:
    """``text`` without a last line that only names a speaker (【事務局】) whose words the passage does not hold."""
    lines = text.split("\n")
    while len(lines) > 1 and _SPEAKER.fullmatch(lines[-1]):
        lines.pop()
    return "\n".join(lines)


def trim_quote(text: str, q: Query, weights: dict[str, float], limit: int = MAX_QUOTE, qa: bool = False) -> str:
    """What of ``text`` answers the question, at most ``limit`` characters: the best sentences; for a Q&A pair,
    the best part of the question turn and of the answer turn (the answer gets what the question leaves)."""
    flat = _without_dangling_speaker(tidy(text))
    if len(flat) <= limit:
        return flat
    parts = split_turns(flat) if qa else None
    if parts:
        question_text, answer_text = tidy(parts[0]), tidy(parts[1])
        question = _turn(question_text, q, weights, max(min(QUESTION_PART, limit // 2), limit - 1 - len(answer_text)))
        answer = _turn(answer_text, q, weights, limit - 1 - len(question), from_start=True)
        return question + "\n" + answer
    return _window(flat, q, weights, limit)
