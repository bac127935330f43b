"""``python -m timeline jobs ingest|build``: the pipeline's long steps on Celery workers.

The command sends the job through ``FRONTLINE_BROKER_URL``, waits for the workers and
prints what ``ingest`` or ``build`` would. No broker set, the broker unreachable, no
worker answering in ``--timeout`` seconds, or a job failing: one line on stderr and
exit code 1 (the CLI boundary), never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from frontline.cli import print_json
from frontline.settings import Settings
from timeline import jobs as celery_jobs

PROG = "timeline"


def jobs(args: argparse.Namespace) -> int:
    settings = Settings.from_env()
    if args.jobs_command == "build":
        done = celery_jobs.build(settings, timeout=args.timeout)
        if args.json:
            print_json(done)
        else:
            print(f"built on a worker: {done['districts']} districts, {done['days']} days")
        return 0
    folder = Path(args.dir) if args.dir else settings.seeds_dir
    report = celery_jobs.ingest(folder, settings, timeout=args.timeout)
    if args.json:
        print_json(report)
        return 0
    print(f"articles: {report['extracted']} extracted, {report['unchanged']} unchanged, "
          f"{len(report['failures'])} failed, {len(report['removed'])} removed "
          f"({report['jobs']} jobs)")
    for failure in report["failures"]:
        print(f"{PROG}: error: {failure}", file=sys.stderr)
    return 0
