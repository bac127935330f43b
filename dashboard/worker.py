"""The Celery worker's app: ``celery -A dashboard.worker worker``.

It is :func:`timeline.jobs.celery_app` (ingest and build jobs), with the app's
background callbacks (the briefing deck) registered on it as tasks: the export panel
is imported, and with ``FRONTLINE_BROKER_URL`` set its deck callback runs through
Dash's ``CeleryManager`` on this same app. Start as many workers as the machines
allow; each reads ``FRONTLINE_JOB_QUEUE``.
"""

from __future__ import annotations

from dashboard import export_panel  # noqa: F401  (registers the deck job on the app)
from timeline.jobs import celery_app

app = celery_app()
celery = app
