"""Domain exceptions. Only the CLIs and the app turn them into messages.

Every message is one line that names the offending input (file, name, date, column)
so that an analyst can fix it without reading a traceback.
"""

from __future__ import annotations


class FrontlineError(Exception):
    """Base of every error Frontline raises on purpose."""


class SettingsError(FrontlineError):
    """A FRONTLINE_* environment variable holds a value that cannot be used."""


class InputError(FrontlineError):
    """Bad input from the user: a date, a name, a flag value."""


class ArticleError(InputError):
    """An article cannot be read: empty, binary, too large, undecodable, undated."""


class DateError(InputError):
    """A date that cannot be parsed or lies outside what is allowed."""


class GeodataError(FrontlineError):
    """Theatre data or a boundary file is missing, malformed or inconsistent."""


class ValidationError(GeodataError):
    """A GeoDataFrame does not have the shape a stage expects."""


class StoreError(FrontlineError):
    """The built data is missing or stale: run the build step named in the message."""


class ExportError(FrontlineError):
    """An export cannot be written (format, destination, renderer)."""


class ConflictError(FrontlineError):
    """A decision was made on a revision that has moved since it was read."""


class LimitError(FrontlineError):
    """A unit of work went over its time or memory budget, or a request over its size."""


class JobError(FrontlineError):
    """A job could not be sent to the workers, or did not finish (no broker, broker down,
    no worker answering, the job failed)."""
