from __future__ import annotations

from datetime import date

from knowledge.wareki import find_date, kanji_to_int, parse_time_range
from tests.support.words import worded


def parse_date(s: str) -> tuple[date | None, str | None]:
    """(value, warning as the operator reads it) of the first date in ``s``; a missing date fails the test."""
    found = find_date(s)
    assert found is not None, s
    return found.value, (worded([found.warning])[0] if found.warning else None)


def test_reiwa_date() -> None:
    assert parse_date("令和4年12月20日(火)") == (date(2022, 12, 20), None)


def test_heisei_and_showa() -> None:
    assert parse_date("平成27年1月21日")[0] == date(2015, 1, 21)
    assert parse_date("昭和64年1月7日")[0] == date(1989, 1, 7)


def test_gannen_and_full_width_digits() -> None:
    assert parse_date("令和元年５月１日")[0] == date(2019, 5, 1)
    assert parse_date("平成元年1月8日")[0] == date(1989, 1, 8)


def test_kanji_numerals() -> None:
    assert kanji_to_int("二十四") == 24
    assert kanji_to_int("十二") == 12
    assert parse_date("平成三十一年四月三十日")[0] == date(2019, 4, 30)


def test_seireki_with_wareki_in_parentheses() -> None:
    assert parse_date("2021年（令和3年）1月14日")[0] == date(2021, 1, 14)
    assert parse_date("2022-12-20")[0] == date(2022, 12, 20)


def test_impossible_date_warns() -> None:
    value, warning = parse_date("令和5年14月24日")
    assert value is None
    assert warning == "日付「令和5年14月24日」は存在しない日付です"
    value, warning = parse_date("令和5年2月30日")
    assert value is None and warning and "存在しない" in warning


def test_missing_date_is_none() -> None:
    assert find_date("日時未定") is None


def test_times() -> None:
    assert parse_time_range("令和4年12月20日(火) 15:00 ~ 15:53")[:2] == ("15:00", "15:53")
    assert parse_time_range("平成27年1月21日(水)午後6時30分～9時10分")[:2] == ("18:30", "21:10")
    assert parse_time_range("午前10時00分から午後12時00分まで")[:2] == ("10:00", "12:00")
    assert parse_time_range("令和4年1月21日(金) 開会15時00分 閉会17時07分")[:2] == ("15:00", "17:07")
    assert parse_time_range("午後2時～4時半")[:2] == ("14:00", "16:30")


def test_impossible_time_warns() -> None:
    start, end, warnings = parse_time_range("15時75分～16時00分")
    assert start is None and end == "16:00"
    assert warnings and "存在しない時刻" in worded(warnings)[0]


def test_ichiji_meaning_temporarily_is_not_one_oclock() -> None:
    from knowledge.wareki import normalize_numbers

    assert normalize_numbers("一時的に戻ってきた、午後一時、一時間") == "一時的に戻ってきた、午後1時、1時間"


def test_hundreds_in_kanji_numbers() -> None:
    """「諮問第百二号」「潮審答申第二百三号」: a label with 百 is read, not an error."""
    from knowledge.structure_labels import mentions
    from knowledge.wareki import kanji_to_int

    assert [kanji_to_int(s) for s in ("百", "二百三", "百十二", "三〇一")] == [100, 203, 112, 301]
    assert [m.display for m in mentions("諮問第百二号について")] == ["諮問第102号"]
