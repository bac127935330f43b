"""SYNTHETIC labelled reports for the team benchmark and the job tests.

Every file says in its title, source and first words that it is synthetic test data,
not a report of anything that happened. Each names one Mosul district taken and
fighting in another, on a day of its own, so no two files are alike and each gives
the store one article with its claims.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

DISTRICTS = ("al-Maamel", "Bab al-Tob", "al-Zanjili", "al-Thawra", "al-Yarmouk", "al-Tanak",
             "al-Mushairfa", "al-Najjar", "al-Rifai", "al-Uraybi")
FIRST_DAY = dt.date(2017, 2, 20)


def report_text(i: int) -> str:
    """The text of SYNTHETIC report ``i``."""
    day = FIRST_DAY + dt.timedelta(days=i % 120)
    taken, fought = DISTRICTS[i % len(DISTRICTS)], DISTRICTS[(i * 7 + 3) % len(DISTRICTS)]
    return (f'---\ntitle: "SYNTHETIC test report {i:05d}: not a real article"\n'
            f"published: {day.isoformat()}\nsource: SYNTHETIC\n---\n\n"
            f"SYNTHETIC TEST DATA {i}. Iraqi forces took {taken} on {day:%A}, the army said. "
            f"Clashes went on in {fought}; {i % 40 + 2} fighters were killed.\n")


def write_reports(folder: Path, n: int) -> list[Path]:
    """Write ``n`` SYNTHETIC reports into ``folder`` (created); their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        path = folder / f"synthetic-{i:05d}.md"
        path.write_text(report_text(i), encoding="utf-8")
        paths.append(path)
    return paths
