"""Write the whole public site as static files with relative links, for mirrors.

A manifest (``.sourcedesk-export.json``) records the digest of every file written. The next run
renders everything again but writes only files whose bytes changed, and deletes files that are no
longer part of the site (an unpublished story disappears from the mirror too). A non-empty folder
without a manifest is refused unless the caller asks to overwrite, so an export never scatters
files into someone's home directory.
"""

from __future__ import annotations

import functools
import hashlib
import json
import multiprocessing
import os
import re
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.db import connections
from django.templatetags.static import static
from django.utils.translation import gettext as _

from sourcedesk.stories.models import Region, Tag

from . import site as pages
from .models import PublishedEdition

MANIFEST = ".sourcedesk-export.json"
MANIFEST_FORMAT = 1
STATIC_FILES = ("publish/publish.css",)
# Forking costs more than it saves for small sites.
MIN_PAGES_PER_JOB = 200


class ExportRefused(Exception):
    """The target folder is not empty and is not a previous export."""


@dataclass
class ExportResult:
    pages: int = 0
    files: int = 0
    written: int = 0
    unchanged: int = 0
    removed: int = 0
    seconds: float = 0.0


_LINK = re.compile(r'(href|src)="(/[^"]*)"')


def file_for(url_path: str) -> str:
    """Return the file, relative to the export root, that holds the page at ``url_path``."""
    path = url_path.lstrip("/")
    if path == "" or path.endswith("/"):
        return f"{path}index.html"
    return path


def relativise(text: str, url_path: str) -> str:
    """Rewrite every root-relative ``href``/``src`` in ``text`` relative to the page's folder."""
    depth = file_for(url_path).count("/")
    up = "../" * depth

    def replace(match: re.Match[str]) -> str:
        target, hash_mark, fragment = match.group(2).partition("#")
        return f'{match.group(1)}="{up}{file_for(target)}{hash_mark}{fragment}"'

    return _LINK.sub(replace, text)


def _digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def _paged(items: list, size: int) -> Iterator[tuple[int, list]]:
    total_pages = max(1, -(-len(items) // size))
    for number in range(1, total_pages + 1):
        yield number, items[(number - 1) * size : number * size]


def page_specs(site: pages.Site) -> list[tuple[str, Callable[[], str]]]:
    """Return ``(url path, render)`` for every page of the public site, data loaded up front.

    Rendering is deferred to the callables and touches no database, so the pages can be rendered
    in forked worker processes.
    """
    specs: list[tuple[str, Callable[[], str]]] = [("/", lambda: pages.render_root(site))]
    tags = {t.pk: t for t in Tag.objects.all()}
    regions = {r.pk: r for r in Region.objects.all()}
    through = PublishedEdition.tags.through
    for language in ("ko", "en"):
        editions = list(
            PublishedEdition.objects.filter(language=language).order_by("-first_published_at", "-id")
        )
        tag_ids: dict[int, list[int]] = defaultdict(list)
        for edition_id, tag_id in through.objects.filter(publishededition__language=language).values_list(
            "publishededition_id", "tag_id"
        ):
            tag_ids[edition_id].append(tag_id)
        by_tag: dict[int, list[PublishedEdition]] = defaultdict(list)
        by_region: dict[int, list[PublishedEdition]] = defaultdict(list)
        for edition in editions:
            edition.region = regions.get(edition.region_id) if edition.region_id else None
            edition_tags = sorted((tags[t] for t in tag_ids.get(edition.pk, ())), key=lambda t: t.slug)
            if "tags" not in (edition.labels or {}):
                edition.labels = {
                    "tags": [[t.slug, t.name(language)] for t in edition_tags],
                    "region": [edition.region.slug, edition.region.name(language)]
                    if edition.region
                    else None,
                }
            for tag in edition_tags:
                by_tag[tag.pk].append(edition)
            if edition.region_id:
                by_region[edition.region_id].append(edition)
            specs.append(
                (
                    pages.article_path(language, edition.public_id),
                    functools.partial(pages.render_article, edition, site),
                )
            )
        for number, chunk in _paged(editions, pages.PAGE_SIZE):
            specs.append(
                (
                    pages.home_path(language, number),
                    functools.partial(
                        pages.render_listing,
                        language=language,
                        site=site,
                        title=pages.home_title(language),
                        editions=chunk,
                        page=number,
                        total=len(editions),
                        path_for_page=functools.partial(pages.home_path, language),
                        alternate_paths={code: pages.home_path(code, number) for code in ("ko", "en")},
                    ),
                )
            )
        listings: tuple[
            tuple[str, dict[int, list[PublishedEdition]], dict[int, Any], Callable[[Any, str], str]], ...
        ] = (
            ("tags", by_tag, tags, pages.tag_title),
            ("regions", by_region, regions, pages.region_title),
        )
        for kind, groups, lookup, title_for in listings:
            for pk, members in groups.items():
                obj = lookup[pk]
                title = title_for(obj, language)
                for number, chunk in _paged(members, pages.PAGE_SIZE):
                    specs.append(
                        (
                            pages.listing_path(language, kind, obj.slug, number),
                            functools.partial(
                                pages.render_listing,
                                language=language,
                                site=site,
                                title=title,
                                editions=chunk,
                                page=number,
                                total=len(members),
                                path_for_page=functools.partial(pages.listing_path, language, kind, obj.slug),
                                alternate_paths={
                                    code: pages.listing_path(code, kind, obj.slug, number)
                                    for code in ("ko", "en")
                                },
                                kind=kind,
                            ),
                        )
                    )
        specs.append(
            (
                pages.feed_path(language),
                functools.partial(pages.render_feed, language, editions[: pages.FEED_SIZE], site),
            )
        )
    sitemap_rows = list(
        PublishedEdition.objects.filter(language="ko")
        .order_by("-first_published_at")
        .values_list("public_id", "has_other_edition", "updated_at")
    )
    specs.append(("/sitemap.xml", functools.partial(pages.render_sitemap, sitemap_rows, site)))
    return specs


def iter_pages(site: pages.Site) -> Iterator[tuple[str, str]]:
    """Yield ``(url path, text)`` for every page of the public site."""
    for url_path, render in page_specs(site):
        yield url_path, render()


def _iter_assets() -> Iterator[tuple[str, Path]]:
    """Yield ``(file in export, source path)`` for static files and published photos."""
    for name in STATIC_FILES:
        # Written where the pages link to it: under production's hashed name when there is one.
        url_path = urlsplit(static(name)).path
        found = finders.find(name)
        if found:
            yield url_path.lstrip("/"), Path(found)
    media_root = Path(settings.MEDIA_ROOT)
    photos = media_root / "photos"
    if photos.is_dir():
        for path in sorted(photos.rglob("*")):
            if path.is_file():
                yield f"media/{path.relative_to(media_root).as_posix()}", path


def _load_manifest(target: Path, overwrite: bool) -> dict[str, str]:
    manifest_path = target / MANIFEST
    if manifest_path.is_file():
        try:
            data = json.loads(manifest_path.read_text("utf-8"))
            if data.get("format") == MANIFEST_FORMAT and isinstance(data.get("files"), dict):
                return {str(k): str(v) for k, v in data["files"].items()}
        except (ValueError, OSError):
            pass
    if target.exists() and any(target.iterdir()) and not overwrite:
        raise ExportRefused(
            _(
                "%(path)s is not empty and holds no previous export; choose an empty folder or pass --overwrite."
            )
            % {"path": str(target)}
        )
    return {}


def _write(path: Path, data: bytes, folders: set[Path]) -> None:
    """Replace ``path`` atomically: readers of a live mirror never see half a page."""
    parent = path.parent
    if parent not in folders:
        parent.mkdir(parents=True, exist_ok=True)
        folders.add(parent)
    temp = parent / f".{path.name}.{os.getpid()}.tmp"
    with open(temp, "wb") as handle:
        handle.write(data)
    os.replace(temp, path)


def export_site(target: Path, *, base_url: str = "", overwrite: bool = False, jobs: int = 1) -> ExportResult:
    """Export the public site into ``target`` and return what was done.

    ``jobs`` > 1 renders and writes pages in that many forked processes.
    """
    started = time.perf_counter()
    target = Path(target)
    if target.exists() and not target.is_dir():
        raise ExportRefused(_("%(path)s is not a folder.") % {"path": str(target)})
    previous = _load_manifest(target, overwrite)
    target.mkdir(parents=True, exist_ok=True)
    site = pages.Site(base_url=base_url.rstrip("/"))
    result = ExportResult()
    files: dict[str, str] = {}
    folders: set[Path] = set()

    def emit(name: str, data: bytes) -> None:
        digest = _digest(data)
        files[name] = digest
        destination = target / name
        if previous.get(name) == digest and destination.is_file():
            result.unchanged += 1
            return
        _write(destination, data, folders)
        result.written += 1

    specs = page_specs(site)
    result.pages = len(specs)
    for name, digest, wrote in _render_all(specs, target, previous, jobs):
        files[name] = digest
        if wrote:
            result.written += 1
        else:
            result.unchanged += 1
    for name, source in _iter_assets():
        emit(name, source.read_bytes())
    for name in sorted(set(previous) - set(files)):
        stale = target / name
        if stale.is_file() and stale.resolve().is_relative_to(target.resolve()):
            stale.unlink()
            result.removed += 1
            _prune_empty(stale.parent, target)
    result.files = len(files)
    _write(
        target / MANIFEST,
        json.dumps({"format": MANIFEST_FORMAT, "files": files}, sort_keys=True, indent=0).encode("utf-8"),
        folders,
    )
    result.seconds = time.perf_counter() - started
    return result


# Set before forking so worker processes inherit them without pickling.
_WORK: dict[str, object] = {}


def _render_range(index: int) -> list[tuple[str, str, bool]]:
    """Render every ``jobs``-th page starting at ``index``; return (file, digest, written)."""
    specs = _WORK["specs"]
    target = _WORK["target"]
    previous = _WORK["previous"]
    step = _WORK["jobs"]
    assert isinstance(specs, list) and isinstance(target, Path) and isinstance(previous, dict)
    assert isinstance(step, int)
    folders: set[Path] = set()
    out = []
    for url_path, render in specs[index::step]:
        name = file_for(url_path)
        data = relativise(render(), url_path).encode("utf-8")
        digest = _digest(data)
        destination = target / name
        if previous.get(name) == digest and destination.is_file():
            out.append((name, digest, False))
            continue
        _write(destination, data, folders)
        out.append((name, digest, True))
    return out


_INHERITED: list[object] = []


def _detach_connections() -> None:
    """In a forked worker, drop the parent's database connections without closing them.

    Closing would tell the server to end the parent's session over the shared socket; keeping a
    reference stops the garbage collector from doing the same. A query here would open its own.
    """
    for connection in connections.all(initialized_only=True):
        _INHERITED.append(connection.connection)
        connection.connection = None


def _render_all(specs, target: Path, previous: dict[str, str], jobs: int) -> Iterator[tuple[str, str, bool]]:
    jobs = max(1, min(jobs, len(specs) // MIN_PAGES_PER_JOB or 1))
    _WORK.update(specs=specs, target=target, previous=previous, jobs=jobs)
    try:
        if jobs == 1:
            yield from _render_range(0)
            return
        # Workers never touch the database: everything they render was loaded above. The parent
        # keeps its connections (it may be inside a transaction); see _detach_connections.
        with multiprocessing.get_context("fork").Pool(jobs, initializer=_detach_connections) as pool:
            for chunk in pool.map(_render_range, range(jobs)):
                yield from chunk
    finally:
        _WORK.clear()


def _prune_empty(folder: Path, root: Path) -> None:
    root = root.resolve()
    folder = folder.resolve()
    while folder != root and folder.is_relative_to(root):
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent


__all__ = ["ExportRefused", "ExportResult", "export_site", "file_for", "relativise"]
