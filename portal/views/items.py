"""Item pages and their downloads: citations in CSL-JSON, BibTeX and RIS, and the original file."""

import json

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from collection.exports import bibtex_entry, csl_item, ris_record
from collection.public import CollectionTree

from ..citations import citations
from ..item_page import absolute, item_context
from ..public import item_or_404
from ..rights import allows_download

CITE_FORMATS = {
    # format: (content type, file extension)
    "csl": ("application/vnd.citationstyles.csl+json", "json"),
    "bibtex": ("application/x-bibtex; charset=utf-8", "bib"),
    "ris": ("application/x-research-info-systems; charset=utf-8", "ris"),
}


def item_page(request: HttpRequest, identifier: str) -> HttpResponse:
    tree = CollectionTree.load()  # one read of the tree for the record and its breadcrumbs
    context = item_context(item_or_404(identifier, tree), tree)
    context["citations"] = citations(context["csl"])
    return render(request, "portal/item.html", context)


def citation(request: HttpRequest, identifier: str, fmt: str) -> HttpResponse:
    item = item_or_404(identifier)
    url = absolute(item.get_absolute_url())
    if fmt == "csl":
        body = json.dumps([csl_item(item, url)], ensure_ascii=False, indent=2)
    elif fmt == "bibtex":
        body = bibtex_entry(item, url)
    else:
        body = ris_record(item, url)
    content_type, extension = CITE_FORMATS[fmt]
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{identifier}.{extension}"'
    return response


def original(request: HttpRequest, identifier: str, file_id: int) -> FileResponse:
    """The deposited original, only for a public item whose rights allow passing it on."""
    item = item_or_404(identifier)
    if not allows_download(item):
        raise Http404("the original of this item is not available for download")
    from archive.public import get_file, open_original

    media_file = get_file(file_id)
    if media_file is None or media_file.item_id != item.pk or not media_file.is_current:
        raise Http404("no such file")
    return FileResponse(
        open_original(media_file),
        as_attachment=True,
        filename=media_file.original_filename,
        content_type=media_file.mime_type or "application/octet-stream",
    )
