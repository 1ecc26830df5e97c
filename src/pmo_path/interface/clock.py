"""The one clock: today, or PMO_PATH_TODAY (YYYY-MM-DD) for reproducible output.

Every command that dates something (plans, templates, questionnaire answers)
asks here and passes the date into the domain.
"""

from __future__ import annotations

import os
from datetime import date, timedelta

from ..errors import UsageProblem

TODAY_ENV = "PMO_PATH_TODAY"


def today() -> date:
    value = os.environ.get(TODAY_ENV, "")
    if not value:
        return date.today()
    from ..reading.spec import iso_day

    chosen = iso_day(value)
    if chosen is None:
        raise UsageProblem(f"{TODAY_ENV}: expected a date like 2026-11-20, found '{value}'")
    if chosen > date.max - timedelta(days=366):  # the review date, 90 days on, must exist
        raise UsageProblem(f"{TODAY_ENV}: {value} is too far in the future; use a date before 9999")
    return chosen
