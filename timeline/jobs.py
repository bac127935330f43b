"""Jobs on Celery workers: ingest and build, sent through the Redis broker.

With ``FRONTLINE_BROKER_URL`` set, ``python -m timeline jobs ingest|build`` and the
app send their long work to Celery workers (``celery -A dashboard.worker worker``)
instead of doing it themselves. The same pipeline runs (:mod:`timeline.pipeline`), on
the configured store (:func:`timeline.store.configured.configured_store`): with
PostgreSQL, every worker and web process sees one store.

Delivery is "at least once", and every job is safe to run twice:

- a job is acknowledged only when it is done (``acks_late``); a worker process killed
  mid-job (``kill -9``) has its job handed back to the queue at once
  (``task_reject_on_worker_lost``), and a whole worker host lost is covered by the
  visibility timeout (``FRONTLINE_JOB_VISIBILITY_MINUTES``, 10 by default instead of
  Redis's hour), after which another worker takes the job;
- an ingest job skips every file whose extraction is already stored and current, and
  stores each article under its id, all or nothing: run again, it neither duplicates
  nor loses an article.

An ingest of a folder is split into jobs of :data:`FILES_PER_JOB` files, so several
workers share it; one last pass over the whole folder then counts what is stored and
drops the articles whose file is gone, as a single ingest does.
"""

from __future__ import annotations

import dataclasses
import functools
from pathlib import Path
from typing import Any

from celery import Celery, group
from celery.exceptions import TimeoutError as CeleryTimeout
from kombu.exceptions import OperationalError

from frontline.errors import FrontlineError, JobError
from frontline.settings import Settings
from geodata.theatre import load_theatre
from timeline import pipeline
from timeline.store.configured import configured_store

FILES_PER_JOB = 25
BROKER_TIMEOUT_SECONDS = 5


def _settings() -> Settings:
    return Settings.from_env()


@functools.lru_cache(maxsize=1)
def celery_app() -> Celery:
    """The Celery app of this process's settings (a broker must be set to send)."""
    settings = _settings()
    broker = settings.broker_url or "redis://127.0.0.1:6379/0"
    visibility = settings.job_visibility_minutes * 60
    app = Celery("frontline", broker=broker, backend=broker)
    app.conf.update(
        task_default_queue=settings.job_queue,
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1,  # a worker holds only the job it runs
        broker_transport_options={"visibility_timeout": visibility},
        result_backend_transport_options={"visibility_timeout": visibility},
        result_expires=24 * 3600,
        broker_connection_retry_on_startup=True,
        broker_connection_timeout=BROKER_TIMEOUT_SECONDS,
        redis_socket_connect_timeout=BROKER_TIMEOUT_SECONDS,
        redis_socket_timeout=30,
        task_serializer="json",
        result_serializer="json",
        accept_content=["json"],
        worker_hijack_root_logger=False,
    )
    app.task(name="frontline.ingest_files")(_ingest_files)
    app.task(name="frontline.ingest_folder")(_ingest_folder)
    app.task(name="frontline.build")(_build)
    return app


def _report_json(report: pipeline.IngestReport) -> dict[str, Any]:
    data = dataclasses.asdict(report)
    data["unresolved"] = sorted(report.unresolved)
    return data


def _ingest_files(folder: str, names: list[str]) -> dict[str, Any]:
    """One share of a folder's ingest: extract ``names`` of ``folder`` into the store."""
    settings = _settings()
    report = pipeline.ingest(configured_store(settings), Path(folder), settings, only=names)
    return _report_json(report)


def _ingest_folder(folder: str) -> dict[str, Any]:
    """A whole folder's ingest in one job (its last pass, or a small folder)."""
    settings = _settings()
    return _report_json(pipeline.ingest(configured_store(settings), Path(folder), settings))


def _build() -> dict[str, Any]:
    settings = _settings()
    tl = pipeline.build(configured_store(settings), load_theatre(settings.theatre), settings)
    return {"districts": len(tl.district_ids), "days": int(tl.side.shape[0])}


def require_broker(settings: Settings) -> str:
    if not settings.broker_url:
        raise JobError("no job broker: set FRONTLINE_BROKER_URL (e.g. redis://127.0.0.1:6379/0) "
                       "and start a worker with `celery -A dashboard.worker worker`")
    return settings.broker_url


def check_broker(settings: Settings) -> None:
    """A one-line JobError when the broker cannot be reached (before anything is sent)."""
    url = require_broker(settings)
    try:
        with celery_app().connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=BROKER_TIMEOUT_SECONDS)
    except (OperationalError, OSError) as exc:
        raise JobError(f"cannot reach the job broker {url}: {' '.join(str(exc).split())}; "
                       "is Redis running? (`make services` starts it)") from None


def ingest(folder: Path, settings: Settings, timeout: float | None = None) -> dict[str, Any]:
    """Ingest ``folder`` on the workers and wait: its files in shares of
    :data:`FILES_PER_JOB`, then one pass over the whole folder. Returns the summary
    (articles extracted by the shares, and the last pass's report)."""
    check_broker(settings)
    folder = folder.resolve()
    names = [p.name for p in pipeline.source_files(folder)]
    shares = [names[i:i + FILES_PER_JOB] for i in range(0, len(names), FILES_PER_JOB)]
    app = celery_app()
    extracted = 0
    failures: list[str] = []
    if shares:
        jobs = group(app.signature("frontline.ingest_files", (str(folder), share))
                     for share in shares)
        for part in _wait(jobs.apply_async(), timeout):
            extracted += int(part["extracted"])
            failures.extend(part["failures"])
    final = _wait(app.send_task("frontline.ingest_folder", (str(folder),)), timeout)
    final["extracted"] = int(final["extracted"]) + extracted
    final["failures"] = failures + list(final["failures"])
    final["unchanged"] = max(0, int(final["unchanged"]) - extracted)
    final["jobs"] = len(shares) + 1
    return final


def build(settings: Settings, timeout: float | None = None) -> dict[str, Any]:
    """Build the timeline on a worker and wait for it."""
    check_broker(settings)
    return _wait(celery_app().send_task("frontline.build"), timeout)


def _wait(result: Any, timeout: float | None) -> Any:
    try:
        return result.get(timeout=timeout, propagate=True, disable_sync_subtasks=False)
    except (OperationalError, OSError) as exc:
        raise JobError(f"lost the job broker while waiting: {exc}") from None
    except FrontlineError:
        raise
    except Exception as exc:  # the worker's exception, re-raised here by Celery
        if isinstance(exc, CeleryTimeout):
            raise JobError("the job did not finish in time; is a worker running? "
                           "(`celery -A dashboard.worker worker`)") from None
        raise JobError(f"the job failed: {type(exc).__name__}: "
                       f"{' '.join(str(exc).split())[:300]}") from None
