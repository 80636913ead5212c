"""The collection tree of the demo: Dossier Vlasov and its parts (hierarchical OAI sets)."""

from .records import CollectionSpec as C

ROOT = "dossier-vlasov"

COLLECTIONS = [
    C(
        ROOT,
        "Dossier Vlasov",
        "A small dossier built around a 2023 magazine article on Andrej Vlasov, the Soviet "
        "general who went over to the Germans: the article, the pictures it shows, the manifesto "
        "he issued in Prague, its reading list and the people, places and events it names.",
    ),
    C(
        "vlasov-photographs",
        "Photographs",
        "The photographs the article shows. The images here are generated placeholders.",
        parent=ROOT,
    ),
    C(
        "vlasov-documents",
        "Documents",
        "Documents of the Vlasov movement described in the article.",
        parent=ROOT,
    ),
    C(
        "vlasov-literature",
        "Further reading",
        "The books the article recommends.",
        parent=ROOT,
    ),
    C(
        "vlasov-demo-extras",
        "Demonstration records (not public)",
        "Records that exist to show what the public never sees: a cataloguer's unpublished draft "
        "and an embargoed item. Not part of the article.",
        parent=ROOT,
        is_public=False,
    ),
]
