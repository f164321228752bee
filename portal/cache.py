"""One content generation for everything kept until content changes, and a cache
outage that reads as cache misses.

Three things are kept in the shared cache (Redis, or without REDIS_URL a directory of
files every process on the machine reads): whole pages for anonymous readers
(portal/page_cache.py), remembered lookups and markup (portal/lookups.py) and the
working-day calendar (portal/workdays.py). Their keys all carry the current content
generation, a number kept under GENERATION_KEY in that same cache. Publishing,
unpublishing, moving or deleting a page, and saving or deleting a record the public
may see, give it a new value: keys of the old one are never read again and expire.

The generation moves only once the change is committed (`transaction.on_commit`),
whichever way it happened: an edit, a bulk action, a workflow approval,
`publish_scheduled` from cron, the API, a shell. A request reads the generation once,
when it starts and before any content (PageCacheMiddleware), and keeps what it renders
under that value: a page rendered in the moment before a publish commits is stored
under the old generation, never as current.

Each process also holds copies of what it read from or wrote to the shared cache
(HeldCache): the keys carry the generation, so a held copy is used only while the
generation the request read is the one it was kept under, and a publish on any server
or in any process is seen by every process on its next request. A held copy lives no
longer than the shared one.

When the cache cannot be reached (Redis down: django-redis with IGNORE_EXCEPTIONS
answers every call as a miss), no generation can be read: the request builds
everything from the database and keeps nothing, held copies included.
OncePerInterval keeps the log to one line a minute per process however many requests
meet the outage.
"""

import datetime
import decimal
import logging
import math
import pickle
import secrets
import threading
import time
import uuid
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.core.cache import cache
from django.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache
from django.db import transaction
from django.dispatch import Signal

# bench/run.py moves it on directly in Redis (INCR), as a publish would.
GENERATION_KEY = "portal:lookup:generation"
# Saving these says nothing about what the public sees.
IGNORED_MODELS = {
    "sessions.session",
    "portal.searchdocument",  # portal.search moves the generation itself
    "portal.auditentry",  # never shown to the public
    "wagtailcore.pagelogentry",
    "wagtailcore.modellogentry",
    "wagtailadmin.editingsession",
    "wagtailusers.userprofile",
    "auth.user",
    "contenttypes.contenttype",
    # Made on a page's first view: a new rendition is not new content.
    "wagtailimages.rendition",
    # Staff sign-in and 2-step verification: on no public page.
    "axes.accessattempt",
    "axes.accesslog",
    "axes.accessfailurelog",
    "otp_totp.totpdevice",
    # Drafts and their review: the public sees a page once it is published, and
    # publishing saves the page itself (and sends page_published).
    "wagtailcore.revision",
    "wagtailcore.workflowstate",
    "wagtailcore.taskstate",
    "wagtailcore.comment",
    "wagtailcore.commentreply",
    "wagtailcore.pagesubscription",
    # 最美商户: votes, their codes and nominations waiting for review are on no
    # public page (counts appear when staff confirm them, which saves the shortlist);
    # a busy vote would otherwise empty the caches with every ballot.
    "participation.vote",
    "participation.votecode",
    "participation.nomination",
}
# What Wagtail writes on a page when an editor saves a draft or locks it: nothing the
# public sees (the live title and content are other fields).
DRAFT_FIELDS = frozenset(
    {
        "comments",
        "latest_revision_created_at",
        "draft_title",
        "latest_revision",
        "has_unpublished_changes",
        "locked",
        "locked_by",
        "locked_at",
    }
)

# Sent at once when content changed inside a transaction, before it commits; the
# generation itself moves on commit. Tests (which never commit) move it from here.
change_pending = Signal()

# The request being served: the generation it started under (None: keep nothing, a
# preview or the cache cannot be reached) and what it already read from the cache.
_request_state: ContextVar[tuple[int | None, dict] | None] = ContextVar(
    "portal_request_state", default=None
)


def new_generation() -> int:
    """A random value: never one that pages or lookups were kept under before, even
    after the cache lost the key, and two processes moving it at once cannot both
    write the same value."""
    return secrets.randbits(62)


def read_generation() -> int | None:
    """The current generation, started when the cache has none; None when the cache
    cannot be reached."""
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, new_generation(), None)
        value = cache.get(GENERATION_KEY)
    return value


def move_generation(**kwargs) -> None:
    """Everything kept so far is stale from now on."""
    cache.set(GENERATION_KEY, new_generation(), None)


def content_changed(**kwargs) -> None:
    """Content changed: the generation moves once the transaction commits (at once
    outside a transaction). Connected to Wagtail's page signals."""
    change_pending.send(sender=None)
    transaction.on_commit(move_generation)


def unseen_yet(label: str, instance) -> bool:
    """A resident's new report, and the events and photos of a report nobody
    published, are on no public page (the statistics may lag by one cache lifetime):
    a city's thousand reports a day would otherwise empty the caches every minute."""
    if label == "participation.report":
        return getattr(instance, "state", "") == "submitted"
    if label in ("participation.reportevent", "participation.reportphoto"):
        report = getattr(instance, "report", None)
        return report is not None and not report.is_published
    return False


def on_model_change(sender, instance=None, update_fields=None, **kwargs) -> None:
    """An editor saving a draft leaves every cached page and lookup as it is: on a
    busy site each draft would otherwise send every reader to the database twice."""
    label = sender._meta.label_lower
    if label in IGNORED_MODELS or unseen_yet(label, instance):
        return
    if update_fields and DRAFT_FIELDS.issuperset(update_fields):
        return
    content_changed()


def connect_signals() -> None:
    """Called once from the portal app's ready()."""
    from django.db.models.signals import post_delete, post_save
    from wagtail.signals import page_published, page_unpublished, post_page_move

    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(content_changed, dispatch_uid=f"portal-generation-{signal}")
    # A page deleted is a post_delete of its model, like any record.
    post_save.connect(on_model_change, dispatch_uid="portal-generation-save")
    post_delete.connect(on_model_change, dispatch_uid="portal-generation-delete")


@contextmanager
def request_generation(keep: bool) -> Iterator[int | None]:
    """Read the generation once for the request being served; `keep` False (a
    preview of an editor's draft) keeps nothing for anyone. What the request reads
    from the cache is reused within it and dropped at its end."""
    value = read_generation() if keep else None
    token = _request_state.set((value, {}))
    try:
        yield value
    finally:
        _request_state.reset(token)


def current_generation() -> int | None:
    """The generation the current request started under; outside a request (a
    command, a task) the current one. None: build afresh and keep nothing."""
    state = _request_state.get()
    if state is None:
        return read_generation()
    return state[0]


def request_memo() -> dict | None:
    """A dict that lives as long as the current request; None outside one."""
    state = _request_state.get()
    return None if state is None else state[1]


PLAIN_TYPES = frozenset(
    {
        str,
        bytes,
        int,
        float,
        bool,
        type(None),
        decimal.Decimal,
        datetime.date,
        datetime.datetime,
        datetime.time,
        datetime.timedelta,
    }
)


def frozen_plain(value: Any) -> bool:
    """Whether `value` is plain data nobody can change: a string, number, date,
    time or None (of exactly those types: no subclass, no lazy text, no model), or
    a tuple or frozenset of such values. A process may hold these as they are and
    share them between requests and threads."""
    pending = [value]
    while pending:
        item = pending.pop()
        kind = type(item)
        if kind in (tuple, frozenset):
            pending.extend(item)
        elif kind not in PLAIN_TYPES:
            return False
    return True


class HeldCache(BaseCache):
    """The shared cache with copies held in this process in front of it.

    A value set here is stored in the shared cache as (end of life, pickled value),
    and held in the process until that end of life, read on this server's clock.
    What the process holds depends on the value (STYLE.md: no framework objects kept
    in process memory across requests): plain data that cannot change (strings,
    numbers, dates and tuples or frozensets of them, see `frozen_plain`) is held as
    it is and every read gets that same value; anything else is held as the pickled
    bytes and each read unpickles a fresh copy, which saves the shared cache's round
    trip but not the unpickling. At most `entries` values and `size` bytes (of the
    pickled form) are held; the least recently used go first.

    A held copy is never checked against the shared cache again: every key must name
    all its value depends on, the content generation included, and what a caller
    gets is its own copy. Safe to share between a process's threads. Only get, set
    and delete are provided, which is all django.utils.cache asks of the cache it is
    given.
    """

    def __init__(self, entries: int, size: int) -> None:
        super().__init__({})
        self.entries = entries
        self.size = size
        # key → (end of life, pickled size, the value if frozen plain data else the
        # pickled bytes, whether the value itself is held)
        self._held: OrderedDict[str, tuple[float, int, Any, bool]] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, key: str, default: Any = None, version: int | None = None) -> Any:
        now = time.time()
        with self._lock:
            found = self._held.get(key)
            if found is not None:
                if now < found[0]:
                    self._held.move_to_end(key)
                    _ends, _size, held, itself = found
                    if itself:
                        return held
                    return pickle.loads(held)  # noqa: S301 -- our own bytes
                self._drop(key)
        kept = cache.get(key)
        if kept is None:
            return default
        ends, blob = kept
        if now >= ends:
            return default
        value = pickle.loads(blob)  # noqa: S301 -- our own cache, as Django's reads
        self._hold(key, blob, ends, value)
        return value

    def set(
        self,
        key: str,
        value: Any,
        timeout: float | object | None = DEFAULT_TIMEOUT,
        version: int | None = None,
    ) -> None:
        seconds = self.default_timeout if timeout is DEFAULT_TIMEOUT else timeout
        blob = pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
        ends = math.inf if seconds is None else time.time() + seconds
        cache.set(key, (ends, blob), seconds)
        self._hold(key, blob, ends, value)

    def delete(self, key: str, version: int | None = None) -> bool:
        with self._lock:
            self._drop(key)
        return cache.delete(key)

    def clear_held(self) -> None:
        """Forget this process's copies (the shared cache keeps its own)."""
        with self._lock:
            self._held.clear()
            self._bytes = 0

    def held_bytes(self) -> int:
        return self._bytes

    def __len__(self) -> int:
        return len(self._held)

    def _hold(self, key: str, blob: bytes, ends: float, value: Any) -> None:
        size = len(blob)
        itself = frozen_plain(value)
        with self._lock:
            self._drop(key)
            if size > self.size:
                return
            self._held[key] = (ends, size, value if itself else blob, itself)
            self._bytes += size
            while self._bytes > self.size or len(self._held) > self.entries:
                self._drop(next(iter(self._held)))

    def _drop(self, key: str) -> None:
        found = self._held.pop(key, None)
        if found is not None:
            self._bytes -= found[1]


def cache_state() -> str:
    """ "ok" when a value written to the cache reads back, "down" otherwise."""
    probe = f"portal:health:{uuid.uuid4().hex}"
    try:
        cache.set(probe, 1, 10)
        answered = cache.get(probe) == 1
        cache.delete(probe)
    except Exception:  # any backend's failure: the cache is simply not there
        return "down"
    return "ok" if answered else "down"


class OncePerInterval(logging.Filter):
    """Lets one record through per `seconds` in each process and counts the ones it
    held back. django-redis logs every cache call it gave up on (a page makes
    several); during an outage that would be thousands of tracebacks a minute."""

    def __init__(self, seconds: float = 60, name: str = "") -> None:
        super().__init__(name)
        self.seconds = seconds
        self._next = 0.0
        self._held = 0
        self._lock = threading.Lock()

    def filter(self, record: logging.LogRecord) -> bool:
        now = time.monotonic()
        with self._lock:
            if now < self._next:
                self._held += 1
                return False
            held, self._held = self._held, 0
            self._next = now + self.seconds
        error = record.exc_info[1] if record.exc_info else None
        cause = getattr(error, "__cause__", None) or error
        record.msg = (
            "Cache unavailable, pages are built from the database: %r "
            "(%d more cache errors not logged in the last %d s)"
        )
        record.args = (cause, held, self.seconds)
        record.exc_info = None
        record.exc_text = None
        return True
