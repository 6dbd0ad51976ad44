"""A per-process cache of rendered public pages, dropped whenever anything is published.

Every worker process keeps its own dictionary. A generation file under the data directory is
touched on every change to the public zone; a worker that sees a newer modification time forgets
everything it rendered. A ``stat`` per request is far cheaper than rendering the page.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Hashable
from pathlib import Path

from django.conf import settings

_MAX_ENTRIES = 5000
_lock = threading.Lock()
_pages: dict[Hashable, str] = {}
_seen_generation: list[int] = [-1]


def generation_file() -> Path:
    return Path(settings.DATA_DIR) / "public-generation"


def bump_generation() -> None:
    """Mark every cached public page, in every worker, as out of date."""
    path = generation_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.touch()
    os.utime(path)
    with _lock:
        _pages.clear()


def _current_generation() -> int:
    try:
        return os.stat(generation_file()).st_mtime_ns
    except FileNotFoundError:
        return 0


def cache_enabled() -> bool:
    """Return whether rendered pages are kept: on, except in tests or with SOURCEDESK_PUBLIC_CACHE=0."""
    configured = getattr(settings, "SOURCEDESK_PUBLIC_CACHE", None)
    if configured is not None:
        return bool(configured)
    if os.environ.get("SOURCEDESK_PUBLIC_CACHE", "").strip().lower() in {"0", "false", "no", "off"}:
        return False
    return not getattr(settings, "TESTING", False)


def peek(key: Hashable) -> str | None:
    """Return this worker's fresh copy of the page for ``key``, or None."""
    if not cache_enabled():
        return None
    generation = _current_generation()
    with _lock:
        if generation != _seen_generation[0]:
            _pages.clear()
            _seen_generation[0] = generation
            return None
        return _pages.get(key)


def cached_page(key: Hashable, render: Callable[[], str]) -> str:
    """Return the page for ``key``, rendering it only if this worker has no fresh copy."""
    if not cache_enabled():
        return render()
    generation = _current_generation()
    with _lock:
        if generation != _seen_generation[0]:
            _pages.clear()
            _seen_generation[0] = generation
        page = _pages.get(key)
    if page is None:
        page = render()
        with _lock:
            if len(_pages) >= _MAX_ENTRIES:
                _pages.clear()
            _pages[key] = page
    return page
