"""The pool of synthetic authority records items link to: people, organisations, places, concepts.

The pool depends only on the seed, never on how many items are made, so item n of a seed is the
same whether 300 or 100,000 items are generated.
"""

import random
from dataclasses import dataclass, field

from collection.validators import DateBounds

from . import dates
from .vocabularies import (
    CONCEPTS,
    FAMILY,
    GIVEN,
    LANGUAGE_WEIGHTS,
    LANGUAGES,
    ORGANISATION_KINDS,
    PLACES,
    RUSSIAN_FAMILY,
    RUSSIAN_GIVEN,
)

PEOPLE, ORGANISATIONS = 1500, 120


@dataclass
class SyntheticAuthority:
    slug: str
    kind: str
    name: str
    language: str
    dates: DateBounds | None = None
    variants: list[tuple[str, str]] = field(default_factory=list)  # (name, language)
    pk: int | None = None  # set once the record is in the database

    def name_in(self, language: str) -> tuple[str, str]:
        """The name to show in an item written in `language`, with its language tag."""
        if self.language == language:
            return self.name, self.language
        for name, lang in self.variants:
            if lang == language:
                return name, lang
        return self.name, self.language


@dataclass
class Pool:
    people: list[SyntheticAuthority]
    organisations: list[SyntheticAuthority]
    places: list[SyntheticAuthority]
    concepts: list[SyntheticAuthority]

    def all(self) -> list[SyntheticAuthority]:
        return self.people + self.organisations + self.places + self.concepts


def build_pool(seed: int) -> Pool:
    """Return the authority pool of a seed (not yet saved)."""
    rng = random.Random(f"{seed}:authorities")
    prefix = f"syn{seed}"
    return Pool(
        people=[_person(rng, f"{prefix}-person-{k:04d}") for k in range(PEOPLE)],
        organisations=[_organisation(rng, f"{prefix}-org-{k:03d}") for k in range(ORGANISATIONS)],
        places=[_place(f"{prefix}-place-{k:02d}", names) for k, names in enumerate(PLACES)],
        concepts=[
            _concept(f"{prefix}-concept-{k:02d}", labels) for k, labels in enumerate(CONCEPTS)
        ],
    )


def _life(rng: random.Random) -> dates.DateBounds:
    born = rng.randint(1760, 1990)
    died = born + rng.randint(25, 95)
    start = dates.day(born, 1 + rng.randrange(12), 1 + rng.randrange(28))
    if died > dates.LAST_YEAR:
        return dates.DateBounds(f"{start.text}/..", start.lower, None)  # still living
    end = rng.choice([dates.year(died), dates.year(died, "?")])
    return dates.interval(start, end)


def _person(rng: random.Random, slug: str) -> SyntheticAuthority:
    language = rng.choices(LANGUAGES, LANGUAGE_WEIGHTS)[0]
    if language == "ru":
        given, family = rng.choice(RUSSIAN_GIVEN), rng.choice(RUSSIAN_FAMILY)
        return SyntheticAuthority(
            slug,
            "person",
            f"{family[0]}, {given[0]}",
            "ru-Latn",
            _life(rng),
            [(f"{family[1]}, {given[1]}", "ru"), (f"{family[2]}, {given[2]}", "de")],
        )
    given, family = rng.choice(GIVEN[language]), rng.choice(FAMILY[language])
    variants = [(f"{given} {family}", language)]
    if rng.random() < 0.3:
        variants.append((f"{given[0]}. {family}", language))
    return SyntheticAuthority(slug, "person", f"{family}, {given}", language, _life(rng), variants)


def _organisation(rng: random.Random, slug: str) -> SyntheticAuthority:
    language = rng.choices(LANGUAGES, LANGUAGE_WEIGHTS)[0]
    form = rng.randrange(len(ORGANISATION_KINDS["en"]))
    place = rng.choice(PLACES)
    name = f"{ORGANISATION_KINDS[language][form]} {_place_name(place, language)}"
    english = f"{ORGANISATION_KINDS['en'][form]} of {_place_name(place, 'en')}"
    founded = rng.randint(1800, 2000)
    span = dates.interval(dates.year(founded), dates.year(min(founded + rng.randint(5, 120), 2024)))
    variants = [] if language == "en" else [(english, "en")]
    return SyntheticAuthority(slug, "organisation", name, language, span, variants)


def _place_name(names: dict[str, str], language: str) -> str:
    return names.get(language) or next(iter(names.values()))


def _place(slug: str, names: dict[str, str]) -> SyntheticAuthority:
    (language, name), *rest = names.items()
    return SyntheticAuthority(slug, "place", name, language, None, [(n, lang) for lang, n in rest])


def _concept(slug: str, labels: dict[str, str]) -> SyntheticAuthority:
    rest = [(label, lang) for lang, label in labels.items() if lang != "en"]
    return SyntheticAuthority(slug, "concept", labels["en"], "en", None, rest)
