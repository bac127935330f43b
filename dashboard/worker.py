"""The Celery worker's app: ``celery -A dashboard.worker worker``.

It is :func:`timeline.jobs.celery_app` (ingest and build jobs), with the app's
background callbacks registered on it as tasks: with ``FRONTLINE_BROKER_URL`` set, the
export panel's briefing deck and movie (:mod:`dashboard.export_panel`,
:mod:`dashboard.movie_panel`) and the "Add a report" tab's reading of a report
(:func:`dashboard.curation.add_report.register_reader`, on the worker's own curation
context: the configured store) run through Dash's ``CeleryManager`` on this same app.
Start as many workers as the machines allow; each reads ``FRONTLINE_JOB_QUEUE``. A
report's form and draft pass through ``FRONTLINE_DATA_DIR``: the workers must share it
with the web processes.
"""

from __future__ import annotations

from dash import Dash

from dashboard import export_panel  # noqa: F401  (registers the deck and movie jobs)
from dashboard.app import curation_context
from dashboard.curation import add_report
from frontline.settings import Settings
from geodata.theatre import load_theatre
from timeline.jobs import celery_app
from timeline.store.configured import configured_store

app = celery_app()
celery = app


def _register_report_reader() -> None:
    """The report-reading job, bound to the configured store (the web processes' one)."""
    settings = Settings.from_env()
    cx = curation_context(configured_store(settings), settings, load_theatre(settings.theatre))
    if cx is not None:
        add_report.register_reader(Dash(__name__), cx)


_register_report_reader()
