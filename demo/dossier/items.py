"""The items of the demo collection, described in our own words after the seed article.

Only titles, and the manifesto's points given as a close paraphrase, follow the source; every
description is written afresh in Dutch and English.
"""

from .authorities import TIMELINE
from .records import BibSpec, Contributor, ItemSpec, Photo, V

ARTICLE = "vlasov-article-2023"
ISSUE = "Historisch Nieuwsblad 5-2023"

PLACEHOLDER = (
    V(
        "provenance",
        "Placeholder image: the source article was catalogued without its image files, so the "
        "archive shows a generated stand-in instead of the photograph.",
        "en",
    ),
    V(
        "provenance",
        "Plaatsvervangende afbeelding: het bronartikel is zonder beeldbestanden gecatalogiseerd; "
        "het archief toont een gegenereerde vervanger in plaats van de foto.",
        "nl",
    ),
)
# Who and what the article names besides Vlasov, the liberation army, KONR and its timeline,
# linked so each authority page lists the article that names it.
ARTICLE_SUBJECTS = (
    "wilfried-strik-strikfeldt",
    "vladimir-boyarsky",
    "heinrich-himmler",
    "adolf-hitler",
    "josif-stalin",
    "claus-von-stauffenberg",
    "reinhard-gehlen",
    "kirill-aleksandrov",
    "second-shock-army",
    "red-army",
    "wehrmacht",
    "ss",
    "fremde-heere-ost",
    "aleksandrov-degree-revoked",
    "reporyje-monument-unveiled",
)
ARTICLE_PLACES = ("vienna", "berlin", "lubyanka", "oder-river", "yalta", "praha-reporyje")
ROA = V("subject", authority="russian-liberation-army")
VLASOV = V("subject", authority="andrej-vlasov")
WW2 = (
    V("subject", "Tweede Wereldoorlog", "nl"),
    V("subject", "World War, 1939-1945", "en"),
)
PROPAGANDA = (V("subject", "propaganda", "nl"), V("subject", "propaganda", "en"))
IN_ARTICLE = V("isReferencedBy", ARTICLE)


def photograph(identifier: str, photo: Photo, *values: V) -> ItemSpec:
    """A published photograph from the article, whose image is a placeholder."""
    return ItemSpec(
        identifier,
        "StillImage",
        "photograph",
        ("vlasov-photographs",),
        (*values, *PLACEHOLDER, IN_ARTICLE, V("type", "Photograph", "en")),
        photo=photo,
    )


def book(identifier: str, bib: BibSpec, *values: V) -> ItemSpec:
    """A book on the article's reading list, as a bibliographic reference."""
    authors = tuple(V("creator", authority=c.authority) for c in bib.contributors)
    title = V("title", bib.title, bib.language)
    return ItemSpec(
        identifier,
        "Text",
        "bibliographic",
        ("vlasov-literature",),
        (title, *authors, *values, V("language", bib.language), IN_ARTICLE),
        bibliographic=bib,
    )


ITEMS = [
    ItemSpec(
        ARTICLE,
        "Text",
        "article",
        ("dossier-vlasov",),
        (
            V("title", "Vlasov: het einde van een Russische overloper", "nl"),
            V("alternative", "Vlasov: the end of a Russian defector", "en"),
            V("creator", authority="twan-van-den-brand"),
            V("publisher", authority="historisch-nieuwsblad"),
            V("issued", "2023-04-25"),
            V("modified", "2023-05-05"),
            V("isPartOf", ISSUE),
            V("language", "nl"),
            V(
                "description",
                "Een portret van de Sovjetgeneraal Andrej Vlasov, die in 1942 in Duitse handen "
                "viel en daarna probeerde met een eigen leger van krijgsgevangenen Stalin ten val "
                "te brengen. Het stuk volgt hoe de nazi's hem vooral als propagandamiddel "
                "gebruikten, hoe zijn troepen in mei 1945 Praag hielpen bevrijden en hoe hij na "
                "zijn uitlevering in Moskou werd opgehangen. Het sluit af met de omstreden "
                "herinnering aan hem in Rusland en Tsjechië.",
                "nl",
            ),
            V(
                "description",
                "A portrait of the Soviet general Andrej Vlasov, who fell into German hands in "
                "1942 and then tried to raise an army of prisoners of war to overthrow Stalin. "
                "It follows how the Nazis mostly used him for propaganda, how his troops helped "
                "free Prague in May 1945, and how he was hanged in Moscow after being handed "
                "over. It closes with how differently Russia and the Czechs remember him.",
                "en",
            ),
            VLASOV,
            ROA,
            V("subject", authority="konr"),
            V("subject", "collaboratie", "nl"),
            V("subject", "collaboration", "en"),
            V("subject", "krijgsgevangenen", "nl"),
            V("subject", "prisoners of war", "en"),
            *WW2,
            V("spatial", authority="volkhov-river"),
            V("spatial", authority="vinnytsia"),
            V("spatial", authority="berlin-dahlem"),
            V("spatial", authority="prague"),
            V("spatial", authority="moscow"),
            *(V("spatial", authority=slug) for slug in ARTICLE_PLACES),
            V("temporal", "1942/1946"),
            # The article tells each event of the story, so the timeline can follow it.
            *(V("subject", authority=slug) for slug in TIMELINE),
            *(V("subject", authority=slug) for slug in ARTICLE_SUBJECTS),
            V("extent", "ca. 10 minuten leestijd", "nl"),
            V("extent", "about 10 minutes' reading", "en"),
            V(
                "rights",
                "© Historisch Nieuwsblad. Only this description is held, not the text.",
                "en",
            ),
            V(
                "accessRights",
                "Op historischnieuwsblad.nl alleen volledig leesbaar voor abonnees.",
                "nl",
            ),
            V("hasPart", "vlasov-photo-signal-1943"),
            V("hasPart", "vlasov-photo-training-camp-1943"),
            V("hasPart", "vlasov-photo-himmler"),
            V("references", "vlasov-proclamation-1944"),
            V("references", "vlasov-book-andreyev-1989"),
            V("references", "vlasov-book-hoffmann-2003"),
            V("references", "vlasov-book-beyda-petrov-2023"),
            V(
                "bibliographicCitation",
                "Van den Brand, T. (2023). Vlasov: het einde van een Russische overloper. "
                "Historisch Nieuwsblad, 5.",
            ),
        ),
        bibliographic=BibSpec(
            "article-journal",
            "Vlasov: het einde van een Russische overloper",
            2023,
            container_title="Historisch Nieuwsblad",
            publisher="Historisch Nieuwsblad",
            language="nl",
            issue="5",
            contributors=(Contributor("Brand", "Twan van den", authority="twan-van-den-brand"),),
        ),
    ),
    photograph(
        "vlasov-photo-signal-1943",
        Photo(
            "Russian Liberation Army soldiers lined up for promotion (Signal, June 1943)",
            1600,
            1100,
        ),
        V("title", "Soldaten van het Russisch Bevrijdingsleger aangetreden voor bevordering", "nl"),
        V("title", "Soldiers of the Russian Liberation Army lined up for promotion", "en"),
        V(
            "description",
            "Propagandafoto uit het Duitse blad Signal: manschappen van Vlasovs leger staan in "
            "een rij te wachten op hun bevordering.",
            "nl",
        ),
        V(
            "description",
            "Propaganda picture from the German magazine Signal: men of Vlasov's army wait in "
            "line to be promoted.",
            "en",
        ),
        V("created", "1943-06"),
        V("source", authority="signal-magazine"),
        ROA,
        *PROPAGANDA,
        *WW2,
        V("temporal", "1943-06"),
        V("rights", "Rights status of the original not assessed.", "en"),
    ),
    photograph(
        "vlasov-photo-training-camp-1943",
        Photo("Vlasov with German officers at a training camp, April 1943", 1600, 1100),
        V("title", "Vlasov met Duitse officieren in een opleidingskamp", "nl"),
        V("title", "Vlasov with German officers at a training camp", "en"),
        V(
            "description",
            "Nazi-propagandabeeld: Vlasov poseert samen met Duitse officieren bij een kamp waar "
            "troepen worden opgeleid.",
            "nl",
        ),
        V(
            "description",
            "Nazi propaganda image: Vlasov poses with German officers at a camp where troops "
            "are trained.",
            "en",
        ),
        V("created", "1943-04"),
        VLASOV,
        V("subject", authority="wehrmacht"),
        *PROPAGANDA,
        V("temporal", "1943-04"),
        V("rights", "Rights status of the original not assessed.", "en"),
    ),
    photograph(
        "vlasov-photo-himmler",
        Photo("Vlasov and Himmler", 1200, 1600),
        V("title", "Vlasov en Himmler", "nl"),
        V("title", "Vlasov and Himmler", "en"),
        V(
            "description",
            "De generaal samen met de leider van de SS. De datum is niet bekend; vermoedelijk "
            "gaat het om hun ontmoeting van 16 september 1944.",
            "nl",
        ),
        V(
            "description",
            "The general together with the head of the SS. The date is not given; the picture "
            "probably shows their meeting of 16 September 1944.",
            "en",
        ),
        V("created", "1944-09-16?"),
        VLASOV,
        V("subject", authority="heinrich-himmler"),
        V("subject", authority="ss"),
        V("subject", authority="vlasov-meets-himmler"),
        V("temporal", "1944"),
        V("rights", "Rights status of the original not assessed.", "en"),
    ),
    photograph(
        "vlasov-photo-monument-2020",
        Photo("Monument to the Russian Liberation Army in Praha-Řeporyje (2020)", 1200, 1600),
        V("title", "Monument voor het Russisch Bevrijdingsleger in Praha-Řeporyje", "nl"),
        V("title", "Monument to the Russian Liberation Army in Praha-Řeporyje", "en"),
        V("title", "Pomník vlasovcům v Řeporyjích", "cs"),
        V(
            "description",
            "Gedenkteken uit 2020 voor de Vlasov-soldaten die in mei 1945 aan de Praagse opstand "
            "deelnamen: op een hoge zuil staan een kleine tank en een Duitse legerhelm.",
            "nl",
        ),
        V(
            "description",
            "Memorial of 2020 to the Vlasov soldiers who joined the Prague uprising of May 1945: "
            "a small tank and a German army helmet stand on a tall column.",
            "en",
        ),
        V("created", "2020?"),
        ROA,
        V("subject", authority="prague-uprising"),
        V("subject", authority="reporyje-monument-unveiled"),
        V("subject", "monumenten", "nl"),
        V("subject", "monuments", "en"),
        V("spatial", authority="praha-reporyje"),
        V("spatial", authority="prague"),
        V("rights", "Rights status not assessed.", "en"),
    ),
    ItemSpec(
        "vlasov-proclamation-1944",
        "Text",
        "proclamation",
        ("vlasov-documents",),
        (
            V("title", "Praags Manifest", "nl"),
            V("title", "Prague Manifesto", "en"),
            V("title", "Манифест Комитета освобождения народов России", "ru"),
            V("alternative", "Pražský manifest", "cs"),
            V("creator", authority="konr"),
            V("creator", authority="andrej-vlasov"),
            V("created", "1944-11-14"),
            V("spatial", authority="prague"),
            V("subject", authority="prague-manifesto"),
            ROA,
            V("subject", authority="josif-stalin"),
            V("subject", authority="heinrich-himmler"),
            V("language", "ru"),
            V(
                "abstract",
                "Summary of the manifesto's five points as the article gives them, not the "
                "original text.",
                "en",
            ),
            V(
                "abstract",
                "Samenvatting van de vijf punten van het manifest zoals het artikel ze noemt, "
                "niet de oorspronkelijke tekst.",
                "nl",
            ),
            V(
                "tableOfContents",
                "1. Bevrijding van de Sovjet-Unie van Stalin en het bolsjewisme.",
                "nl",
            ),
            V(
                "tableOfContents",
                "2. Einde van de oorlog, een eervolle vrede met Duitsland en brede internationale samenwerking.",
                "nl",
            ),
            V(
                "tableOfContents",
                "3. Een nieuwe staat waarin alle Sovjetvolkeren gelijke rechten hebben.",
                "nl",
            ),
            V("tableOfContents", "4. Vrijlating van alle politieke gevangenen.", "nl"),
            V(
                "tableOfContents",
                "5. Afschaffing van collectieve boerderijen en dwangarbeid; privébezit weer toegestaan.",
                "nl",
            ),
            V("tableOfContents", "1. Free the Soviet Union from Stalin and Bolshevism.", "en"),
            V(
                "tableOfContents",
                "2. End the war with an honourable peace with Germany and wide international cooperation.",
                "en",
            ),
            V(
                "tableOfContents",
                "3. Build a new state in which all Soviet peoples have equal rights.",
                "en",
            ),
            V("tableOfContents", "4. Release all political prisoners.", "en"),
            V(
                "tableOfContents",
                "5. Abolish the collective farms and forced labour, and allow private property.",
                "en",
            ),
            V(
                "description",
                "Programma dat Vlasov in Praag presenteerde, nadat Himmler had ingestemd met een "
                "Russisch bevrijdingsleger.",
                "nl",
            ),
            V(
                "description",
                "Programme Vlasov presented in Prague after Himmler had agreed to a Russian "
                "liberation army.",
                "en",
            ),
            IN_ARTICLE,
        ),
    ),
    book(
        "vlasov-book-andreyev-1989",
        BibSpec(
            "book",
            "Vlasov and the Russian Liberation Movement",
            1989,
            subtitle="Soviet Reality and Émigré Theories",
            publisher="Cambridge University Press",
            place="Cambridge",
            language="en",
            contributors=(Contributor("Andreyev", "Catherine", authority="catherine-andreyev"),),
        ),
        V("issued", "1989"),
        V("publisher", "Cambridge University Press"),
        V(
            "description",
            "Studie naar de beweegredenen achter het verzet tegen Stalin rond Vlasov en naar de "
            "betekenis ervan.",
            "nl",
        ),
        V(
            "description",
            "Study of what drove the opposition to Stalin around Vlasov, and what it meant.",
            "en",
        ),
        VLASOV,
        ROA,
        V("subject", authority="josif-stalin"),
    ),
    book(
        "vlasov-book-hoffmann-2003",
        BibSpec(
            "book",
            "Die Tragödie der Russischen Befreiungsarmee 1944/45",
            2003,
            language="de",
            contributors=(Contributor("Hoffmann", "Joachim", authority="joachim-hoffmann"),),
        ),
        V("issued", "2003"),
        V(
            "description",
            "Studie over het Russisch Bevrijdingsleger in de laatste oorlogsjaren.",
            "nl",
        ),
        V(
            "description",
            "Study of the Russian Liberation Army in the last years of the war.",
            "en",
        ),
        ROA,
        V("temporal", "1944/1945"),
    ),
    book(
        "vlasov-book-beyda-petrov-2023",
        BibSpec(
            "book",
            "Soviet Turncoats",
            2023,
            language="en",
            contributors=(
                Contributor("Beyda", "Oleg", authority="oleg-beyda"),
                Contributor("Petrov", "Igor", authority="igor-petrov"),
            ),
        ),
        V("issued", "2023-06"),
        V(
            "description",
            "Over Sovjetburgers die met de nazi's samenwerkten, met een grote rol voor Vlasov.",
            "nl",
        ),
        V(
            "description",
            "On Soviet citizens who worked with the Nazis, with Vlasov as a central figure.",
            "en",
        ),
        VLASOV,
        V("subject", "collaboration", "en"),
    ),
    # Clearly labelled demonstration records: they show that drafts and embargoes stay hidden.
    ItemSpec(
        "vlasov-demo-draft-vienna-1943",
        "Text",
        "document",
        ("vlasov-demo-extras",),
        (
            V("title", "[Concept] Werknotitie: Vlasov in Wenen, zomer 1943", "nl"),
            V("title", "[Draft] Working note: Vlasov in Vienna, summer 1943", "en"),
            V(
                "description",
                "Demonstration record: an unpublished cataloguer's draft. It must not appear in "
                "the portal, search results, the API for anonymous users or OAI-PMH.",
                "en",
            ),
            V("subject", authority="vlasov-in-vienna"),
            V("spatial", authority="vienna"),
            V("temporal", "1943-22"),
        ),
        status="draft",
    ),
    ItemSpec(
        "vlasov-demo-embargoed-pamphlets",
        "Text",
        "document",
        ("vlasov-demo-extras",),
        (
            V("title", "Sovjetpamfletten tegen Vlasov (demonstratierecord onder embargo)", "nl"),
            V("title", "Soviet leaflets against Vlasov (embargoed demonstration record)", "en"),
            V(
                "description",
                "Demonstration record: published but under embargo until 2099-12-31, so the "
                "public must not see it. The article mentions that Stalin answered Vlasov's "
                "propaganda with masses of leaflets calling him a traitor.",
                "en",
            ),
            VLASOV,
            V("subject", authority="josif-stalin"),
            *PROPAGANDA,
            V("temporal", "1943/1945"),
        ),
        visibility="embargoed",
        embargo_until="2099-12-31",
    ),
]

PHOTOGRAPHS = [item for item in ITEMS if item.photo is not None]
