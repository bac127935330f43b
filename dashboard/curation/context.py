"""What every curation tab is handed: the store, the run's settings, the theatre, and
who is signed in (see the CURATION-INTERFACE note in :mod:`dashboard.curation`)."""

from __future__ import annotations

import datetime as dt
import itertools
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from dash import callback_context
from dash.exceptions import PreventUpdate

from dashboard import ids
from dashboard.auth import current_analyst
from frontline.errors import FrontlineError, InputError
from frontline.settings import Settings
from geodata.theatre import Theatre
from timeline.control.model import Evidence
from timeline.decisions import Decided, Decisions
from timeline.pipeline import Reloading
from timeline.records import Extraction
from timeline.store.files import FileStore
from timeline.store.sql.decisions import Recorded, SqlDecisionStore
from timeline.store.sql.store import SqlStore

T = TypeVar("T")
SIGN_IN_FIRST = "sign in to edit (viewing needs no account)"


@dataclass(eq=False)
class CurationContext:
    """The app's store, settings and theatre, as the curation tabs use them."""

    store: FileStore | SqlStore
    settings: Settings
    theatre: Theatre
    last: Recorded | None = None
    _count: Any = field(default_factory=itertools.count)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _cache: dict[str, Reloading[Any]] = field(default_factory=dict)

    def who(self) -> str | None:
        """The signed-in analyst of the current request (None: not signed in)."""
        return current_analyst()

    def decided_by(self, reason: str = "") -> Decided:
        """Who decides now, and why; a one-line refusal when nobody is signed in."""
        who = self.who()
        if who is None:
            raise InputError(SIGN_IN_FIRST)
        return Decided(who, dt.datetime.now(dt.UTC), reason.strip())

    def has_log(self) -> bool:
        """Whether there is a decision log to read (looking never creates one)."""
        return not isinstance(self.store, FileStore) or self.store.keeps_decisions()

    def log(self) -> SqlDecisionStore:
        """The decision store (history, undo, accounts)."""
        return self.store.decision_store()

    def decided(self, recorded: Recorded | None = None) -> None:
        """Note that a decision was saved (the panel then refreshes the page)."""
        with self._lock:
            self.last = recorded

    def saved(self) -> dict[str, Any]:
        """The value an edit writes to ``ids.CURATION_REFRESH``: new on every call, so
        the page always refreshes."""
        with self._lock:
            return {"n": next(self._count), "decision": self.last.id if self.last else None}

    def extractions(self) -> list[Extraction]:
        """The stored extractions as extracted (before any decision), cached per store
        version: the review queue lists rejected claims too, so they can be undone."""
        return self._cached("extractions", self.store.extractions)

    def decisions(self) -> Decisions:
        """The decisions in force (cached per store version)."""
        return self._cached("decisions", self.store.decisions)

    def evidence(self) -> Mapping[str, Evidence]:
        """The published timeline's evidence by claim id (its grade and credibility);
        empty when no timeline is stored."""
        def load() -> Mapping[str, Evidence]:
            try:
                return self.store.load_timeline().evidence if self.store.has_timeline() else {}
            except FrontlineError:
                return {}
        return self._cached("evidence", load)

    def _cached(self, name: str, load: Callable[[], T]) -> T:
        with self._lock:
            if name not in self._cache:
                self._cache[name] = Reloading(self.store.version, load)
            cached = self._cache[name]
        value: T = cached.get()
        return value


def unless_tab_switch() -> None:
    """A list callback stops here when only the tab changed. The tabs' value is an
    input of the lists so that Dash fills them when the tabs arrive (the panel's first
    opening: an input in the new content is what makes Dash run them); a tab switch
    itself changes no list."""
    if callback_context.triggered_id == ids.CURATION_TABS:
        raise PreventUpdate
