"""When the public may download an item's original file: the rule the portal applies and documents."""

from collection import public
from collection.readmodel import ItemRows

# Statements that allow anyone to copy and pass on the file: every Creative Commons licence or
# public-domain tool, and the rightsstatements.org "No Copyright" statements. Anything else
# ("in copyright", "not assessed", free text) keeps the original in the archive; the access copy
# is still shown.
OPEN_PREFIXES = (
    "https://creativecommons.org/licenses/",
    "http://creativecommons.org/licenses/",
    "https://creativecommons.org/publicdomain/",
    "http://creativecommons.org/publicdomain/",
    "https://rightsstatements.org/vocab/NoC-",
    "http://rightsstatements.org/vocab/NoC-",
)
RIGHTS_TERMS = ("license", "rights")


def allows_download(item: ItemRows) -> bool:
    """True when the item is public and a dc:rights or dcterms:license value is an open statement."""
    if not public.item_is_public(item):
        return False
    for value in item.values:
        if value.term in RIGHTS_TERMS:
            for text in (value.uri, value.value.strip()):
                if text.startswith(OPEN_PREFIXES):
                    return True
    return False
