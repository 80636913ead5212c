"""System checks: the index field declarations agree with the backends that store them."""

from django.conf import settings
from django.core.checks import Error, register

from .documents import FIELDS
from .query import FACETS


@register("search")
def check_fields(app_configs=None, **kwargs) -> list[Error]:
    from .backends.es_mapping import ItemDocument

    errors = []
    mapped = set(ItemDocument._doc_type.mapping.properties.to_dict()["properties"])
    for field in FIELDS:
        if field.name not in mapped:
            errors.append(
                Error(
                    f"search field {field.name!r} is declared in search/documents.py FIELDS but not mapped",
                    hint=f"add `{field.name} = dsl.<Type>()` to ItemDocument in search/backends/es_mapping.py",
                    id="search.E001",
                )
            )
    declared = {f.name for f in FIELDS}
    for facet in FACETS:
        if facet not in declared:
            errors.append(
                Error(
                    f"facet {facet!r} of search.query.FACETS has no index field",
                    hint=f'add IndexField("{facet}", "keyword") to FIELDS in search/documents.py',
                    id="search.E002",
                )
            )
    if "elasticsearch" in settings.SEARCH_BACKEND and not settings.ELASTICSEARCH_URL:
        errors.append(
            Error(
                "SEARCH_BACKEND is Elasticsearch but ELASTICSEARCH_URL is empty",
                hint="set ELASTICSEARCH_URL, or unset SEARCH_BACKEND for SQLite FTS5",
                id="search.E003",
            )
        )
    return errors
