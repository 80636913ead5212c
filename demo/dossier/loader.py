"""Put the demo collection in the catalogue: add what is missing, never duplicate, keep edits.

By default a record that already exists is left as the archivists have it; `update=True` brings
the demo records back to the shipped text, each real difference becoming one revision.
"""

import datetime as dt
from collections import Counter
from typing import Any

from django.db import models

from collection import history, signals
from collection.models import (
    Authority,
    AuthorityIdentifier,
    AuthorityName,
    BibliographicRecord,
    Collection,
    Contributor,
    DescriptionTemplate,
    Item,
    MetadataValue,
    TemplateElement,
)
from collection.validators import normalize_language_tag

from .authorities import AUTHORITIES
from .collections import COLLECTIONS
from .items import ITEMS, PHOTOGRAPHS
from .records import AuthoritySpec, BibSpec, CollectionSpec, ItemSpec
from .templates import TEMPLATES

COMMENT = "demo collection"


class DemoLoader:
    """Writes the specs into the catalogue; counts what it created, updated and kept."""

    def __init__(self, update: bool = False) -> None:
        self.update = update
        self.counts: Counter[str] = Counter()
        self.collections: dict[str, Collection] = {}
        self.authorities: dict[str, Authority] = {}

    def run(self) -> Counter[str]:
        with history.changes(comment=COMMENT):
            for spec in COLLECTIONS:
                self.collections[spec.slug] = self.collection(spec)
            for spec in AUTHORITIES:
                self.authorities[spec.slug] = self.authority(spec)
            for spec in ITEMS:
                self.item(spec)
            for kind, elements in TEMPLATES.items():
                self.template(kind, elements)
        signals.demo_loaded.send(sender=Item, photographs=photographs())
        return self.counts

    @staticmethod
    def _sync(obj: models.Model | None, model, lookup: dict, fields: dict, update: bool):
        """Create the object, or bring its fields in line when updating; return (obj, state)."""
        if obj is None:
            return model.objects.create(**lookup, **fields), "created"
        changed = {k: v for k, v in fields.items() if getattr(obj, k) != v}
        if not (update and changed):
            return obj, "kept"
        for name, value in changed.items():
            setattr(obj, name, value)
        obj.save()
        return obj, "updated"

    def collection(self, spec: CollectionSpec) -> Collection:
        fields = {
            "title": spec.title,
            "description": spec.description,
            "language": spec.language,
            "is_public": spec.is_public,
            "parent": self.collections.get(spec.parent),
        }
        existing = Collection.objects.filter(slug=spec.slug).first()
        col, state = self._sync(existing, Collection, {"slug": spec.slug}, fields, self.update)
        self.counts[f"collections {state}"] += 1
        return col

    def authority(self, spec: AuthoritySpec) -> Authority:
        fields = {
            "kind": spec.kind,
            "preferred_name": spec.name,
            "language": spec.language,
            "dates": spec.dates,
            "description": spec.description,
        }
        existing = Authority.objects.filter(slug=spec.slug).first()
        auth, state = self._sync(existing, Authority, {"slug": spec.slug}, fields, self.update)
        self.counts[f"authorities {state}"] += 1
        if state == "kept" and not self.update:
            return auth
        names = [(n, normalize_language_tag(lang)) for n, lang in spec.names]
        if [(n.name, n.language) for n in auth.names.all()] != names:
            auth.names.all().delete()
            for position, (name, language) in enumerate(names):
                AuthorityName.objects.create(
                    authority=auth, name=name, language=language, position=position
                )
        if [(i.scheme, i.uri) for i in auth.identifiers.all()] != list(spec.identifiers):
            auth.identifiers.all().delete()
            for scheme, uri in spec.identifiers:
                AuthorityIdentifier.objects.create(authority=auth, scheme=scheme, uri=uri)
        return auth

    def template(self, kind: str, elements: tuple[tuple[str, str], ...]) -> None:
        """A kind's description template; curators' own changes are kept unless updating."""
        template, created = DescriptionTemplate.objects.get_or_create(kind=kind)
        current = list(template.elements.values_list("term", "requirement"))
        if current == list(elements) or (current and not created and not self.update):
            self.counts["templates kept"] += 1
            return
        template.elements.all().delete()
        TemplateElement.objects.bulk_create(
            TemplateElement(template=template, term=term, position=i, requirement=requirement)
            for i, (term, requirement) in enumerate(elements)
        )
        self.counts["templates created" if created else "templates updated"] += 1

    def item(self, spec: ItemSpec) -> Item:
        fields = {
            "dcmi_type": spec.dcmi_type,
            "kind": spec.kind,
            "status": spec.status,
            "visibility": spec.visibility,
            "embargo_until": dt.date.fromisoformat(spec.embargo_until)
            if spec.embargo_until
            else None,
        }
        existing = Item.objects.filter(identifier=spec.identifier).first()
        lookup = {"identifier": spec.identifier}
        item, state = self._sync(existing, Item, lookup, fields, self.update)
        if (state != "kept" or self.update) and self.parts(item, spec) and state == "kept":
            state = "updated"
        self.counts[f"items {state}"] += 1
        return item

    def parts(self, item: Item, spec: ItemSpec) -> bool:
        """Bring the item's collections, values and bibliographic record in line; True if any."""
        changed = False
        wanted = {self.collections[slug].pk for slug in spec.collections}
        if set(item.collections.values_list("pk", flat=True)) != wanted:
            item.collections.set(wanted)
            changed = True
        changed |= self.values(item, spec)
        if spec.bibliographic is not None:
            changed |= self.bibliographic(item, spec.bibliographic)
        return changed

    def values(self, item: Item, spec: ItemSpec) -> bool:
        rows, positions = [], Counter()
        for v in spec.values:
            auth = self.authorities[v.authority] if v.authority else None
            value = v.value or (auth.preferred_name if auth else "")
            rows.append((v.term, positions[v.term], value, v.uri, auth, v.language))
            positions[v.term] += 1
        rows.sort(key=lambda r: (r[0], r[1]))
        wanted = [
            (t, p, val, uri, a.pk if a else None, normalize_language_tag(lang))
            for t, p, val, uri, a, lang in rows
        ]
        current = [
            (v.term, v.position, v.value, v.uri, v.authority_id, v.language)
            for v in item.values.order_by("term", "position", "id")
        ]
        if current == wanted:
            return False
        item.values.all().delete()
        for term, position, value, uri, auth, language in rows:
            MetadataValue.objects.create(
                item=item,
                term=term,
                position=position,
                value=value,
                uri=uri,
                authority=auth,
                language=language,
            )
        return True

    def bibliographic(self, item: Item, bib: BibSpec) -> bool:
        fields: dict[str, Any] = {
            "type": bib.type,
            "title": bib.title,
            "subtitle": bib.subtitle,
            "container_title": bib.container_title,
            "publisher": bib.publisher,
            "place": bib.place,
            "year": bib.year,
            "isbn": bib.isbn,
            "language": bib.language,
            "issue": bib.issue,
            "volume": bib.volume,
        }
        record, changed = BibliographicRecord.objects.filter(item=item).first(), False
        if record is None:
            record, changed = BibliographicRecord.objects.create(item=item, **fields), True
        elif any(getattr(record, k) != v for k, v in fields.items()):
            for name, value in fields.items():
                setattr(record, name, value)
            record.save()
            changed = True
        wanted = [
            (c.role, i, c.family, c.given, self.authorities.get(c.authority))
            for i, c in enumerate(bib.contributors)
        ]
        current = [
            (c.role, c.position, c.family, c.given, c.authority)
            for c in record.contributors.order_by("role", "position", "id")
        ]
        if current == wanted:
            return changed
        record.contributors.all().delete()
        for role, position, family, given, auth in wanted:
            Contributor.objects.create(
                record=record,
                role=role,
                position=position,
                family=family,
                given=given,
                authority=auth,
            )
        return True


def photographs() -> list[dict[str, Any]]:
    """The payload of demo_loaded: what the archive needs to draw each placeholder image."""
    return [
        {
            "identifier": item.identifier,
            "caption": item.photo.caption,
            "width": item.photo.width,
            "height": item.photo.height,
        }
        for item in PHOTOGRAPHS
    ]


def load_demo(update: bool = False) -> Counter[str]:
    """Load the demo collection; return counts of what was created, updated and kept."""
    return DemoLoader(update=update).run()
