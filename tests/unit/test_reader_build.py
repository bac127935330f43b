"""A store version's page build, made by one process and read by the others
(:mod:`dashboard.reader_build`), on a SYNTHETIC export context.

Two :class:`SharedBuilds` on one folder stand for two web worker processes: everything
they share is in the folder's files and its lock, so a second one must read what the
first built rather than build it again; a build in another process is checked too.
"""

from __future__ import annotations

import multiprocessing
from pathlib import Path

import pytest
from dash import html

from dashboard.reader_build import KEEP, ReaderBuild, SharedBuilds
from dashboard.served_layout import ServedLayout
from tests.unit.export_support import synthetic_context


def build_of(version: str, calls: list[str]) -> ReaderBuild:
    calls.append(version)
    return ReaderBuild(version, ServedLayout.of(html.Div(f"page at {version}"), best=False),
                       synthetic_context())


def test_a_version_is_built_once_and_read_by_the_other_processes(tmp_path: Path) -> None:
    calls: list[str] = []
    first, second = (SharedBuilds(tmp_path, "settings") for _ in range(2))
    built = first.get(lambda: "v1", lambda: build_of("v1", calls))
    read = second.get(lambda: "v1", lambda: build_of("v1", calls))
    assert calls == ["v1"]  # the second process read the first one's build
    assert read.version == "v1" and read.layout.raw == built.layout.raw
    assert read.layout.brotli == built.layout.brotli and read.layout.etag == built.layout.etag
    assert read.layout.component is None  # only the bytes are shared
    assert read.context is not None and read.context.page.to_json() == \
        synthetic_context().page.to_json()

    second.get(lambda: "v2", lambda: build_of("v2", calls))  # a decision: a new version
    assert calls == ["v1", "v2"]
    assert first.get(lambda: "v2", lambda: build_of("v2", calls)).version == "v2"
    assert calls == ["v1", "v2"]


def test_other_settings_build_their_own(tmp_path: Path) -> None:
    calls: list[str] = []
    SharedBuilds(tmp_path, "map style white-bg").get(lambda: "v1", lambda: build_of("v1", calls))
    SharedBuilds(tmp_path, "map style dark").get(lambda: "v1", lambda: build_of("v1", calls))
    assert calls == ["v1", "v1"]


def test_a_damaged_build_is_rebuilt_never_served(tmp_path: Path) -> None:
    calls: list[str] = []
    shared = SharedBuilds(tmp_path, "settings")
    shared.get(lambda: "v1", lambda: build_of("v1", calls))
    (stored,) = tmp_path.glob("*.pickle")
    stored.write_bytes(stored.read_bytes()[:100])  # cut short
    assert shared.get(lambda: "v1", lambda: build_of("v1", calls)).context is not None
    assert calls == ["v1", "v1"]


def test_only_the_last_versions_are_kept_and_a_start_clears_them(tmp_path: Path) -> None:
    calls: list[str] = []
    shared = SharedBuilds(tmp_path, "settings")
    for n in range(KEEP + 3):
        shared.get(lambda n=n: f"v{n}", lambda n=n: build_of(f"v{n}", calls))  # type: ignore[misc]
    assert len(list(tmp_path.glob("*.pickle"))) == KEEP
    shared.clear()
    assert list(tmp_path.glob("*.pickle")) == []


def _build_in_child(folder: str) -> None:
    SharedBuilds(Path(folder), "settings").get(lambda: "v7", lambda: build_of("v7", []))


def test_a_build_made_in_another_process_is_read_here(tmp_path: Path) -> None:
    child = multiprocessing.get_context("spawn").Process(target=_build_in_child,
                                                         args=(str(tmp_path),))
    child.start()
    child.join(120)
    assert child.exitcode == 0

    def never() -> ReaderBuild:
        pytest.fail("built again although another process had built this version")

    read = SharedBuilds(tmp_path, "settings").get(lambda: "v7", never)
    assert b"page at v7" in read.layout.raw


def test_without_a_usable_folder_a_process_builds_for_itself(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    calls: list[str] = []
    shared = SharedBuilds(blocker / "reader-builds", "settings")
    assert shared.get(lambda: "v1", lambda: build_of("v1", calls)).version == "v1"
    assert calls == ["v1"]
