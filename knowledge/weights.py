"""Every weight of the ranking and of the decision to answer, in one place, by the part it belongs to
(``knowledge.search.Parts``; what each part adds: ``uv run python benchmarks/ablation.py``).

How each value was set is said beside it: "swept" values were chosen on the TUNING half of ``eval/sets``
(``*_tune.jsonl``) among the few values named, never on the test half; the others were set by hand on the
development sets of earlier sessions and left where the tuning half showed no better value.
"""

from __future__ import annotations

# --- lexical score: BM25 over Sudachi terms (knowledge.search.Ranker.bm25) ---------------------------------
PART_WEIGHT = 0.4  # a sub-term of a compound (個人情報 -> 個人, 情報)
ALT_WEIGHT = 0.6  # a thesaurus alternative (knowledge.synonyms); part "thesaurus"
SOFT_WEIGHT = 0.25  # a question word (理由, 方法, いつ): searched, never required
BIGRAM_WEIGHT = 0.3  # BM25 over character bigrams, for words Sudachi cuts differently; part "bigrams"
COMMON_BIGRAM = 0.25  # ... a bigram in more than this share of passages says nothing
BM25_POWER = 0.5  # how much the lexical score counts beside coverage (swept 0.25 / 0.5 / 0.75 / 1.0)

# --- coverage: the idf-weighted share of the question's concepts a passage has; part "coverage" ------------
COVERAGE_POWER = 2.0  # how sharply coverage decides (swept 1 / 2 / 3 / 4)
SINGLE_CHAR_SHARE = 0.3  # a one-character word (機, 票) says little on its own
VERB_SHARE = 0.5  # verbs and adjectives count for less than nouns
SOFT_SHARE = 0.25  # question words (理由, 方法) in the ranking coverage
UNKNOWN_SHARE = 0.8  # a word no passage has (the asker's own: 外注, 捨て方); swept 1.0-0.0: lower answers more on the tuning half but abstains less on the development sets' off-topic questions below 0.8

# --- context: a concept the passage lacks but its consultation or meeting has; part "context" --------------
TITLE_CREDIT = 1.0  # in the title of the passage's consultation: it names the matter
CONSULTATION_CREDIT = 0.8  # elsewhere in its consultation, in several passages (the matter's topic)
FOCUS_CREDIT = 0.4  # ... in a single other passage: that passage, not this one, is about it
TOPIC_SPREAD = 2  # passages a word must be in to be the consultation's topic
MEETING_CREDIT = 0.25  # elsewhere in the passage's minutes
FOCUS_FLOOR = 0.35  # score factor for a passage with none of the question's focus words; part "focus"

# --- the matter named by its title; part "title_match" ------------------------------------------------------
TITLE_SHARE = 0.7  # a passage gets at least this share of its consultation title's score (swept 0.3-1.0)

# --- what the question names; part "names" (factors in knowledge.boosts) -----------------------------------
OTHER_LABEL = 0.35  # a passage of another matter than the one the question names by its label (526号の件)
OTHER_SESSION = 0.4  # a passage of another meeting than the one the question names by its number (第31回)
OTHER_PARTY = 0.4  # swept 0.8 / 0.6 / 0.4; a passage of a 答申's part other than the party the question asks about (申立人は何て言ってた?)
ASKER = 1.5  # a passage opened by the speaker the question says asked it (「副会長が聞いてた…」)
SPEAKER_CHARS = 20  # ... who is named in its first characters (【松原副会長】, 中川委員：)
NAMED_HEADER = 1.1  # the header of the meeting a question on the meeting names, over the best other passage

# --- kind of passage; part "kinds" ---------------------------------------------------------------------------
TITLE_PRIOR = 0.85  # a title names the matter and answers no question on it
QA_PRIOR = 1.0  # a Q&A pair over a paragraph of explanation: swept 0.9 / 1.0 / 1.1 / 1.2 / 1.3 on the tuning half (with seeds7, fresh7): 1.1 -> 1.0, key@1 +0.003
HEADER_PRIOR = 0.5  # the header (meeting name, attendance, handouts) lists topics but answers no question on them
MEETING_FACT = 3.0  # ... but it answers a question on the meeting itself (when, where, who attended)
REQUESTS = 2.0  # (1.5 / 2.0 tried on tune) ... holding the words of a request the council made, for 「付けた要望って何?」
LETTER_DATE = 1.5  # ... of a 答申 whose first date is the letter's own (答申っていつ出た?), over 「…付けで諮問」

# --- a fragment (a heading or a scrap of layout alone) -------------------------------------------------------
FRAGMENT_CHARS = 12  # a passage (not an outcome or a title) shorter than this, spaces aside, is a fragment
FRAGMENT = 0.3  # its score factor

# --- a later record of the same matter; part "later" ------------------------------------------------------------
SUPERSEDED = 0.85  # a passage of a record a later record of the same matter (a later meeting, the 答申) follows
DEFERRED = 0.6  # ... which leaves the point for later (次回までに示す, 確認する予定): the later record says it

# --- the answer type (a date, a number with its unit, a name); parts "answer_type" and "type_year" ------------
TYPE_MISS = 0.35  # score factor for a passage without what the question asks for (swept 0.6 / 0.45 / 0.35 / 0.25)
TYPE_FAR = 0.7  # ... with a date, but not in the year the question names (2010年の何月何日?)
EVENT_FAR = 0.5  # swept 0.7 / 0.5 / 0.35; ... with dates, none beside what the question asks the date of (諮問っていつ?: another step's)
TIED = 0.97  # scores this close to the best are tied (the last or first of them, when a date of the last or first is asked)
EVENT_REACH = 60  # swept 40 / 60 / 80 on the tuning half (60: +2 questions over 40); ... beside: in the same sentence, within this many characters of the date

# --- the decision to answer --------------------------------------------------------------------------------------
# A passage must cover this share (idf-weighted) of the question's concepts to be given as an answer. Calibrated
# on the tuning half (answerable vs near-miss): the value maximising answer + abstention
# (`uv run python benchmarks/ablation.py --calibrate`).
COVER_MIN = 0.66
