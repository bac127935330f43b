"""Reloading under concurrent readers: one load per store version, and readers arriving
during that load get the previous value instead of waiting (the team server's many
viewers while analysts' decisions change the store)."""

from __future__ import annotations

import threading

from timeline.pipeline import Reloading


def test_readers_during_a_load_get_the_previous_value_and_fresh_waits() -> None:
    version = ["v1"]
    release = threading.Event()
    started = threading.Event()
    loads: list[str] = []

    def load() -> str:
        loads.append(version[0])
        if version[0] == "v2":
            started.set()
            assert release.wait(10)
        return f"page of {version[0]}"

    pages = Reloading(lambda: version[0], load)
    assert pages.get() == "page of v1"
    version[0] = "v2"
    got: dict[str, object] = {}
    loader = threading.Thread(target=lambda: got.setdefault("loader", pages.get()))
    loader.start()
    assert started.wait(10)
    assert pages.get() == "page of v1"  # not blocked behind the load of v2
    fresh = threading.Thread(target=lambda: got.setdefault("fresh", pages.current(True)))
    fresh.start()
    fresh.join(0.3)
    assert fresh.is_alive()  # ``fresh`` waits for the load in progress
    release.set()
    loader.join(10)
    fresh.join(10)
    assert got == {"loader": "page of v2", "fresh": ("v2", "page of v2")}
    assert pages.get() == "page of v2" and loads == ["v1", "v2"]


def test_a_single_reader_after_a_change_gets_the_new_value_at_once() -> None:
    version = ["a"]
    pages = Reloading(lambda: version[0], lambda: version[0].upper())
    assert pages.get() == "A"
    version[0] = "b"
    assert pages.get() == "B"


def test_a_settled_value_is_kept_through_a_burst_of_changes() -> None:
    clock = [0]
    pages = Reloading(lambda: str(clock[0]), lambda: f"page {clock[0]}", settle_seconds=60)
    assert pages.get() == "page 0"
    for change in range(1, 5):  # a burst of decisions within the settling time
        clock[0] = change
        assert pages.get() == "page 0"
    assert pages.current(fresh=True) == ("4", "page 4")  # a writer sees its own write


def test_in_background_no_reader_waits_for_a_new_version() -> None:
    version = ["v1"]
    release = threading.Event()
    started = threading.Event()
    loads: list[str] = []

    def load() -> str:
        loads.append(version[0])
        if version[0] == "v2":
            started.set()
            assert release.wait(10)
        return f"page of {version[0]}"

    pages = Reloading(lambda: version[0], load, background=True)
    assert pages.current() == ("v1", "page of v1")  # the first load is waited for
    version[0] = "v2"
    # The reader that finds the store changed is not the one that loads: it gets the
    # newest complete value, labelled with its version, and the load runs in a thread.
    assert pages.current() == ("v1", "page of v1")
    assert started.wait(10)
    assert pages.current() == ("v1", "page of v1")  # still loading: still v1, at once
    release.set()
    assert pages.current(fresh=True) == ("v2", "page of v2")  # waits for the thread
    assert pages.get() == "page of v2" and loads == ["v1", "v2"]


def test_a_background_load_that_fails_keeps_the_value_and_is_tried_again() -> None:
    version = ["v1"]
    failing = [True]
    done = threading.Event()

    def load() -> str:
        if version[0] == "v2" and failing[0]:
            done.set()
            raise OSError("store unreachable")
        return f"page of {version[0]}"

    pages = Reloading(lambda: version[0], load, background=True)
    pages.get()
    version[0] = "v2"
    assert pages.get() == "page of v1"
    assert done.wait(10)
    failing[0] = False
    assert pages.current(fresh=True) == ("v2", "page of v2")


def test_the_version_is_asked_at_most_once_a_poll_but_fresh_always_asks() -> None:
    asked: list[int] = []
    version = ["v1"]

    def current() -> str:
        asked.append(1)
        return version[0]

    pages = Reloading(current, lambda: f"page of {version[0]}", poll_seconds=60)
    pages.get()
    pages.get()
    before = len(asked)
    for _ in range(5):
        assert pages.get() == "page of v1"
    assert len(asked) == before  # within the poll: not asked again
    version[0] = "v2"
    assert pages.get() == "page of v1"
    assert pages.current(fresh=True) == ("v2", "page of v2")
