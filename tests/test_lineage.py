"""A carried-over consultation is no longer pending once a later meeting or 答申 settles it."""

from __future__ import annotations

from knowledge.lineage import same_matter, still_pending, still_unknown, superseded
from knowledge.model import ConsultationRecord


def rec(id: int, label: str, title: str, status: str, date: str | None, city: str = "架空市") -> ConsultationRecord:
    return ConsultationRecord(
        id=id, source=f"{id}.txt", label=label, title=title, department=None, kind=None, status=status,  # type: ignore[arg-type]
        outcome={"pending": "継続審議", "unknown": ""}.get(status, "適当"), reason=None, requests=[], qa=[], council=None,
        municipality=city, session=None, meeting_date=date,
    )


def test_same_number_in_a_later_toshin_settles_it() -> None:
    first = rec(1, "諮問第21号", "電子申請システムへの決済機能の追加", "pending", "2023-11-16")
    toshin = rec(2, "第２１号", "電子申請システムへの決済機能の追加について", "decided", "2024-02-08")
    other = rec(3, "諮問第22号", "健診の外部委託", "pending", "2023-11-16")
    assert superseded([first, toshin, other]) == {1: 2}
    assert [c.id for c in still_pending([first, toshin, other])] == [3]


def test_meeting_local_labels_match_by_title_only() -> None:
    carried = rec(1, "案件(1)", "窓口予約システムの導入に係る個人情報の保護について", "pending", "2024-10-01")
    back = rec(2, "案件(2)", "窓口予約システムの導入に係る個人情報の保護について（継続審議分）", "decided", "2025-01-23")
    unrelated = rec(3, "案件(1)", "健康管理システムの移行について", "decided", "2025-01-23")
    assert same_matter(carried, back)
    assert not same_matter(carried, unrelated)
    assert still_pending([carried, back, unrelated]) == []


def test_other_municipality_or_earlier_date_does_not_settle() -> None:
    pending = rec(1, "諮問第5号", "図書館システム", "pending", "2024-05-01")
    elsewhere = rec(2, "諮問第5号", "図書館システム", "decided", "2024-06-01", city="別の市")
    earlier = rec(3, "諮問第5号", "図書館システム", "decided", "2024-01-01")
    undated = rec(4, "諮問第5号", "図書館システム", "decided", None)
    assert [c.id for c in still_pending([pending, elsewhere, earlier, undated])] == [1]


def test_different_numbers_are_different_matters_even_with_similar_titles() -> None:
    a = rec(1, "諮問第10号", "業務の外部委託について", "pending", "2024-05-01")
    b = rec(2, "諮問第11号", "業務の外部委託について", "decided", "2024-06-01")
    assert not same_matter(a, b)


def test_unknown_is_neither_pending_nor_decided() -> None:
    unknown = rec(1, "諮問事項ア", "評価書の承認について", "unknown", "2022-12-20")
    pending = rec(2, "諮問第3号", "学校給食費の公会計化", "pending", "2024-11-12")
    assert [c.id for c in still_pending([unknown, pending])] == [2]
    assert [c.id for c in still_unknown([unknown, pending])] == [1]
    settled = rec(3, "諮問事項ア", "評価書の承認について", "decided", "2023-02-01")  # a later record concludes it
    assert still_unknown([unknown, pending, settled]) == []
