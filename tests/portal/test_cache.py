"""What a process holds of the shared cache: used only under the key it was kept
under, never after the shared copy ended, and never more than its bounds."""

import datetime
import pickle
import sys
import threading

import time_machine
from django.core.cache import cache

from portal.cache import HeldCache

START = datetime.datetime(2026, 11, 21, 2, 0, tzinfo=datetime.UTC)


def test_a_value_set_in_one_process_is_read_by_another_from_the_shared_cache():
    here, there = HeldCache(entries=10, size=10_000), HeldCache(10, 10_000)
    here.set("probe:one", {"title": "办事指南"}, 60)
    assert there.get("probe:one") == {"title": "办事指南"}
    assert len(there) == 1  # held from now on


def test_a_held_copy_ends_when_the_shared_copy_does_not_when_it_was_read():
    here, there = HeldCache(10, 10_000), HeldCache(10, 10_000)
    with time_machine.travel(START, tick=False) as clock:
        here.set("probe:hours", "closed", 60)
        clock.shift(50)
        assert there.get("probe:hours") == "closed"
        clock.shift(11)
        assert there.get("probe:hours") is None
        assert here.get("probe:hours") is None
        assert len(there) == len(here) == 0


def test_a_shared_copy_past_its_end_is_not_read_even_if_the_backend_kept_it():
    here = HeldCache(10, 10_000)
    with time_machine.travel(START, tick=False) as clock:
        here.set("probe:late", "old", 60)
        stored = cache.get("probe:late")
        clock.shift(61)
        cache.set("probe:late", stored, 600)  # a backend slow to expire it
        here.clear_held()
        assert here.get("probe:late", "missing") == "missing"


def test_the_least_recently_used_go_first_beyond_the_number_of_entries():
    held = HeldCache(entries=3, size=1_000_000)
    for name in "abcd":
        held.set(f"probe:{name}", name, 60)
        held.get("probe:a")  # read on every request
    cache.clear()  # only what the process holds can answer now
    assert [held.get(f"probe:{name}") for name in "abcd"] == ["a", None, "c", "d"]
    assert len(held) == 3


def test_the_bytes_held_stay_within_the_bound_and_a_value_too_big_is_only_shared():
    held = HeldCache(entries=100, size=5_000)
    for number in range(10):
        held.set(f"probe:{number}", "页" * 500, 60)  # about 1.5 KB pickled
        assert held.held_bytes() <= 5_000
    assert len(held) == 3
    held.set("probe:big", "页" * 5_000, 60)
    assert held.get("probe:big") == "页" * 5_000  # read from the shared cache
    assert len(held) == 3 and held.held_bytes() <= 5_000
    cache.delete("probe:big")
    assert held.get("probe:big") is None


def test_threads_sharing_the_held_copies_keep_them_whole():
    """gthread workers and runserver serve requests in threads of one process."""
    held = HeldCache(entries=8, size=2_000)
    errors = []

    def serve(number: int) -> None:
        try:
            for turn in range(1_000):
                key = f"probe:{(number + turn) % 12}"
                if held.get(key) is None:
                    held.set(key, "页" * 40 * (turn % 5), 60)
        except Exception as error:  # noqa: BLE001 -- any failure fails the test
            errors.append(error)

    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # threads take turns as often as they can
    try:
        threads = [threading.Thread(target=serve, args=(n,)) for n in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        sys.setswitchinterval(interval)
    assert errors == []
    for number in range(8):  # pushes out all the threads left, if counted right
        held.set(f"probe:fresh-{number}", "x", 60)
    assert len(held) == 8
    assert held.held_bytes() == 8 * len(pickle.dumps("x", pickle.HIGHEST_PROTOCOL))


def test_a_value_set_without_a_timeout_does_not_end():
    here, there = HeldCache(10, 10_000), HeldCache(10, 10_000)
    with time_machine.travel(START, tick=False) as clock:
        here.set("probe:kept", "for good", None)
        clock.shift(10 * 365 * 24 * 3600)
        assert here.get("probe:kept") == there.get("probe:kept") == "for good"
