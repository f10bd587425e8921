"""The pure core of council meetings: parsing WHEN, quorum, reminder planning, iCalendar, display.

Nothing here touches storage, Slack, the scheduler or the clock: every time is passed in as an aware
datetime (``now``, ``created_at``...). Storage maps its rows to the dataclasses in ``model``; the scheduler
calls ``plan`` on each wake-up; templates turn the results into words.
"""
