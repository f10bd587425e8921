"""How the words of a question are searched (knowledge.query): alternatives a word brings of itself."""

from __future__ import annotations

from knowledge.query import parse_query


def test_a_compound_verb_is_also_searched_as_the_noun_the_records_use() -> None:
    """「聞き取り票」 reads 聞き取る; the record says 聞取り調査票 (indexed 聞き取り): the verb's noun is an alternative."""
    concepts = {c.word: c.alts for c in parse_query("聞き取り票、どの条文を根拠に伏せたの?").concepts}
    assert "聞き取り" in concepts["聞き取る"] and "伏せ" in concepts["伏せる"]
    assert not any("する" in w for w in concepts)
