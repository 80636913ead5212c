"""What codes and slugs are called, in the language of the request: the one place for labels.

Search facets, the portal and the API all label DCMI types, item kinds, language tags, decades,
authority slugs and collection slugs through this module. Vocabulary labels are translated at
call time with the active language; only untranslated rows (slug -> name, read from the
database) are cached, briefly, because a search shows up to 50 values in each of five facets
and reading their names per query cost more than the engine's own answer. A translated string
is never cached, so one request's language cannot leak into the next.
"""

from __future__ import annotations

import time
from collections.abc import Iterable

from django.db import transaction
from django.dispatch import receiver
from django.utils.translation import get_language_info, gettext
from django.utils.translation import gettext_lazy as _

from . import public, signals
from .models import Item

DCMI_TYPE_LABELS = {
    "Collection": _("Collection"),
    "Dataset": _("Dataset"),
    "Event": _("Event"),
    "Image": _("Image"),
    "InteractiveResource": _("Interactive resource"),
    "MovingImage": _("Moving image"),
    "PhysicalObject": _("Physical object"),
    "Service": _("Service"),
    "Software": _("Software"),
    "Sound": _("Sound"),
    "StillImage": _("Still image"),
    "Text": _("Text"),
}

# Facets whose values are authority slugs.
AUTHORITY_FACETS = ("subject", "person", "place", "creator")
# Seconds a cached name may lag behind a rename made in another process.
LABEL_TTL = 60.0
# Names kept at most; past this the cache starts again rather than grow without bound.
LABEL_CACHE_SIZE = 100_000

# ("authority" | "collection", slug) -> name, or None when there is none the public may see.
_names: dict[tuple[str, str], str | None] = {}
_started = time.monotonic()
_UNREAD = object()  # not in the cache (None there means "no public name")


def dcmi_type_label(code: str) -> str:
    """The DCMI type's name in the active language, or the code when it is not a DCMI type."""
    label = DCMI_TYPE_LABELS.get(code)
    return str(label) if label is not None else code


def item_kind_label(code: str) -> str:
    """The item kind's name in the active language, or the code when it is not a kind."""
    try:
        return str(Item.Kind(code).label)
    except ValueError:
        return code


def language_name(code: str) -> str:
    """The name of a language tag in the active language, or the tag when Django lacks it."""
    if not code:
        return ""
    for candidate in (code, code.split("-")[0].lower()):
        try:
            return str(get_language_info(candidate)["name_translated"])
        except KeyError:
            continue
    return code


def decade_label(decade: str) -> str:
    """A decade facet value ("1940") as readers say it ("1940s")."""
    return gettext("%(decade)ss") % {"decade": decade}


def clear_names(**kwargs) -> None:
    """Forget every cached name (an authority or collection changed)."""
    global _started
    _names.clear()
    _started = time.monotonic()


def _cached_names(kind: str, slugs: list[str], read) -> dict[str, str]:
    """slug -> name for the slugs that have one, reading only the ones not cached yet."""
    if time.monotonic() - _started > LABEL_TTL or len(_names) > LABEL_CACHE_SIZE:
        clear_names()
    # Read into a local dict: another thread may clear the cache while this one answers.
    names = {s: v for s in slugs if (v := _names.get((kind, s), _UNREAD)) is not _UNREAD}
    missing = [s for s in slugs if s not in names]
    if missing:
        found = dict(read(missing))
        names.update({s: found.get(s) for s in missing})
        _names.update({(kind, s): names[s] for s in missing})
    return {s: name for s, name in names.items() if name is not None}


def authority_names(slugs: Iterable[str]) -> dict[str, str]:
    """slug -> preferred name of the given authorities the public may see; others left out."""

    def read(missing: list[str]):
        return public.authorities().filter(slug__in=missing).values_list("slug", "preferred_name")

    return _cached_names("authority", list(slugs), read)


def collection_titles(slugs: Iterable[str]) -> dict[str, str]:
    """slug -> title of the given collections the public may see; hidden ones are left out."""

    def read(missing: list[str]):
        tree = public.CollectionTree.load()
        nodes = (tree.visible_by_slug(slug) for slug in missing)
        return [(node.slug, node.title) for node in nodes if node is not None]

    return _cached_names("collection", list(slugs), read)


def facet_labels(facet: str, values: Iterable[str]) -> dict[str, str]:
    """value -> label of one facet's values in the active language; unknown values keep their own."""
    values = list(values)
    if facet in AUTHORITY_FACETS:
        names = authority_names(values)
        return {v: names.get(v, v) for v in values}
    if facet == "collection":
        titles = collection_titles(values)
        return {v: titles.get(v, v) for v in values}
    label = {
        "type": dcmi_type_label,
        "kind": item_kind_label,
        "language": language_name,
        "decade": decade_label,
    }.get(facet)
    return {v: label(v) if label else v for v in values}


def facet_value_label(facet: str, value: str) -> str:
    """The label of one facet value in the active language."""
    return facet_labels(facet, [value])[value]


def _forget_names(**kwargs) -> None:
    # Now, for this transaction's own reads, and after commit, since a concurrent request may
    # have cached the old name in between.
    clear_names()
    transaction.on_commit(clear_names)


# Connected here rather than in AppConfig.ready: the cache lives in this module, so any process
# that can hold a stale name has imported it and is listening.
receiver(signals.authority_changed, dispatch_uid="collection.labels.authority")(_forget_names)
receiver(signals.collection_changed, dispatch_uid="collection.labels.collection")(_forget_names)
