"""What each verb does: gather the data for its builder, or raise the protocol's errors."""

import datetime as dt
from dataclasses import replace

from django.conf import settings

from . import listing, records, response, tokens
from .errors import OAIError
from .metadata import FORMATS, MetadataFormat
from .sets import SetTree, load_sets
from .verbs import Request

# Position.total before the first page counted the list, and when it was too long to count.
NOT_COUNTED, TOO_LONG = -1, -2

# Where the repository's history starts when it exposes nothing yet: any lower bound will do.
EPOCH = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


class Context:
    """One request's surroundings: the clock, the base URL, and the sets loaded once."""

    def __init__(self, now: dt.datetime, base_url: str) -> None:
        self.now, self.base_url = now, base_url
        self._sets: SetTree | None = None

    @property
    def sets(self) -> SetTree:
        if self._sets is None:
            self._sets = load_sets()
        return self._sets


def identify(req: Request, ctx: Context, root) -> None:
    info = response.RepositoryInfo(
        name=settings.OAI_REPOSITORY_NAME,
        base_url=ctx.base_url,
        admin_email=settings.OAI_ADMIN_EMAIL,
        earliest=listing.earliest() or EPOCH,
        namespace=settings.OAI_IDENTIFIER_NAMESPACE,
        sample=records.oai_identifier("item-0123456789"),
    )
    response.identify(root, info)


def _find(oai_id: str) -> listing.Entry:
    local = records.local_identifier(oai_id)
    entry = listing.find(local) if local else None
    if entry is None:
        raise OAIError("idDoesNotExist", f"No item has the identifier {oai_id}.")
    return entry


def _format(prefix: str) -> MetadataFormat:
    if prefix not in FORMATS:
        raise OAIError("cannotDisseminateFormat", f"The format {prefix!r} is not supported.")
    return FORMATS[prefix]


def list_metadata_formats(req: Request, ctx: Context, root) -> None:
    if "identifier" in req.args:
        _find(req.args["identifier"])  # every exposed item has every format, deleted or not
    response.list_metadata_formats(root, list(FORMATS.values()))


def list_sets(req: Request, ctx: Context, root) -> None:
    if "resumptionToken" in req.args:
        # All sets fit in one response, so no token was ever issued for ListSets.
        tokens.read(req.args["resumptionToken"], "ListSets")
        raise OAIError("badResumptionToken", "ListSets is never paged here.")
    if not ctx.sets:
        raise OAIError("noSetHierarchy")
    response.list_sets(root, ctx.sets.ordered())


def get_record(req: Request, ctx: Context, root) -> None:
    entry = _find(req.args["identifier"])
    fmt = _format(req.args["metadataPrefix"])
    [(header, data)] = records.records([entry], ctx.sets, fmt)
    response.get_record(root, header, data, fmt)


def _position(req: Request, ctx: Context) -> tokens.Position:
    """Return where the list starts: from a token, or a fresh position for a first request."""
    if "resumptionToken" in req.args:
        return tokens.read(req.args["resumptionToken"], req.verb)
    _format(req.args["metadataPrefix"])
    spec = req.args.get("set", "")
    if spec and not ctx.sets:
        raise OAIError("noSetHierarchy")
    # Freeze the open end at the first request so later pages take nothing newer (FLOW-09).
    # The end of the response's second: a harvester's next from=responseDate overlaps, never gaps.
    end = ctx.now + dt.timedelta(seconds=1)
    hi = min(req.hi, end) if req.hi is not None else end
    lo = req.lo.isoformat() if req.lo else ""
    prefix = req.args["metadataPrefix"]
    return tokens.Position(req.verb, prefix, spec, lo, hi.isoformat(), "", "", NOT_COUNTED, 0)


def _window(pos: tokens.Position, ctx: Context) -> listing.Window:
    ids = tuple(ctx.sets.ids_under(pos.set)) if pos.set else ()
    after = (dt.datetime.fromisoformat(pos.after), pos.after_id) if pos.after else None
    lo = dt.datetime.fromisoformat(pos.lo) if pos.lo else None
    return listing.Window(lo, dt.datetime.fromisoformat(pos.hi), pos.set, ids, after)


def _page(req: Request, ctx: Context):
    """Return the page's entries, its continuation, and the metadata format."""
    pos = _position(req, ctx)
    window = _window(pos, ctx)
    if pos.set and not window.collection_ids:
        raise OAIError("noRecordsMatch", f"There is no set {pos.set!r}.")
    entries, more = listing.page(window, settings.OAI_PAGE_SIZE)
    if not entries:
        if pos.after:
            raise OAIError("badResumptionToken", "The list has changed; start the harvest again.")
        raise OAIError("noRecordsMatch")
    if pos.total == NOT_COUNTED:
        total = _total(entries, more, window)
    else:
        total = None if pos.total == TOO_LONG else pos.total
    cont = None
    if more:
        last = entries[-1]
        nxt = replace(
            pos,
            after=last.datestamp.isoformat(),
            after_id=last.identifier,
            total=TOO_LONG if total is None else total,
            cursor=pos.cursor + len(entries),
        )
        cont = response.Continuation(
            tokens.issue(nxt), total, pos.cursor, tokens.expiration(ctx.now)
        )
    elif pos.after:
        # The last page knows the size of the list it ends, counted or not.
        cont = response.Continuation(
            "", max(total or 0, pos.cursor + len(entries)), pos.cursor, None
        )
    return entries, cont, FORMATS[pos.prefix]


def _total(entries: list, more: bool, window: listing.Window) -> int | None:
    return listing.count(window) if more else len(entries)


def list_identifiers(req: Request, ctx: Context, root) -> None:
    entries, cont, _fmt = _page(req, ctx)
    response.list_identifiers(root, records.headers(entries, ctx.sets), cont)


def list_records(req: Request, ctx: Context, root) -> None:
    entries, cont, fmt = _page(req, ctx)
    response.list_records(root, records.records(entries, ctx.sets, fmt), fmt, cont)


HANDLERS = {
    "Identify": identify,
    "ListMetadataFormats": list_metadata_formats,
    "ListSets": list_sets,
    "GetRecord": get_record,
    "ListIdentifiers": list_identifiers,
    "ListRecords": list_records,
}
