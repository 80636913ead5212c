"""Authority records of the demo: the people, organisations, places and events the article names.

Facts come from the seed article; life dates of well-known people are general knowledge and given
only where they are well established. Wikidata URIs are listed only where they are certain.
"""

from .records import AuthoritySpec as A

WIKIDATA = "https://www.wikidata.org/wiki/"

PEOPLE = [
    A(
        "andrej-vlasov",
        "person",
        "Vlasov, Andrej Andrejevitsj",
        "nl",
        "1901-09-14/1946-08-01",
        "Soviet general. After his army was destroyed near the Volkhov in 1942 he was taken "
        "prisoner by the Germans and went on to lead the Russian Liberation Army against Stalin. "
        "Handed over to the Red Army in May 1945 and hanged in Moscow in 1946.",
        names=(
            ("Власов, Андрей Андреевич", "ru"),
            ("Vlasov, Andrey Andreyevich", "en"),
            ("Wlassow, Andrei Andrejewitsch", "de"),
            ("Vlasov, Andrej Andrejevič", "cs"),
        ),
    ),
    A(
        "twan-van-den-brand",
        "person",
        "Brand, Twan van den",
        "nl",
        description="Dutch historian and journalist; author of the 2023 article on Vlasov in "
        "Historisch Nieuwsblad.",
    ),
    A(
        "wilfried-strik-strikfeldt",
        "person",
        "Strik-Strikfeldt, Wilfried",
        "de",
        description="German army captain born in Riga who interpreted for Vlasov and stayed his "
        "closest German ally; he later published his memories of those years.",
        names=(("Штрик-Штрикфельдт, Вильфрид", "ru"),),
    ),
    A(
        "heinrich-himmler",
        "person",
        "Himmler, Heinrich",
        "de",
        "1900-10-07/1945-05-23",
        "Head of the SS. Having once scorned Vlasov, he agreed in September 1944 to let him raise "
        "a Russian liberation army of at first two divisions.",
        names=(("Гиммлер, Генрих", "ru"),),
    ),
    A(
        "adolf-hitler",
        "person",
        "Hitler, Adolf",
        "de",
        "1889-04-20/1945-04-30",
        "Dictator of Nazi Germany; for years he refused to allow an independent Russian army.",
        names=(("Гитлер, Адольф", "ru"),),
        identifiers=(("wikidata", WIKIDATA + "Q352"),),
    ),
    A(
        "josif-stalin",
        "person",
        "Stalin, Jozef",
        "nl",
        "1878-12-18/1953-03-05",
        "Soviet dictator whom Vlasov set out to overthrow; he treated captured soldiers as traitors.",
        names=(
            ("Сталин, Иосиф Виссарионович", "ru"),
            ("Stalin, Joseph", "en"),
            ("Stalin, Josef", "de"),
        ),
        identifiers=(("wikidata", WIKIDATA + "Q855"),),
    ),
    A(
        "vladimir-boyarsky",
        "person",
        "Bojarski, Vladimir",
        "nl",
        description="Soviet colonel held in the Vinnytsia camp who encouraged Vlasov's plan for an "
        "anti-Stalinist force under his command.",
        names=(("Боярский, Владимир Ильич", "ru"), ("Boyarsky, Vladimir", "en")),
    ),
    A(
        "joachim-hoffmann",
        "person",
        "Hoffmann, Joachim",
        "de",
        description="German military historian who estimated how many Soviet citizens served in "
        "German forces, and wrote a study of the Russian Liberation Army.",
    ),
    A(
        "catherine-andreyev",
        "person",
        "Andreyev, Catherine",
        "en",
        description="Historian; author of a 1989 study of Vlasov and the Russian Liberation "
        "Movement.",
    ),
    A(
        "oleg-beyda",
        "person",
        "Beyda, Oleg",
        "en",
        description="Historian; co-author of Soviet Turncoats (2023).",
        names=(("Бейда, Олег", "ru"),),
    ),
    A(
        "igor-petrov",
        "person",
        "Petrov, Igor",
        "en",
        description="Historian; co-author of Soviet Turncoats (2023).",
        names=(("Петров, Игорь", "ru"),),
    ),
    A(
        "kirill-aleksandrov",
        "person",
        "Aleksandrov, Kirill",
        "nl",
        description="Russian historian whose doctorate on Vlasov and the liberation army was "
        "revoked by the Russian authorities in 2017.",
        names=(("Александров, Кирилл Михайлович", "ru"), ("Alexandrov, Kirill", "en")),
    ),
    A(
        "claus-von-stauffenberg",
        "person",
        "Stauffenberg, Claus Schenk Graf von",
        "de",
        "1907-11-15/1944-07-21",
        "German officer who early on saw Vlasov as an ally; best known for the failed attempt on "
        "Hitler's life in July 1944.",
    ),
    A(
        "reinhard-gehlen",
        "person",
        "Gehlen, Reinhard",
        "de",
        "1902/1979",
        "Head of Fremde Heere Ost, the army's intelligence branch on the Soviet Union; after the "
        "war he built up the West German intelligence service.",
    ),
]

ORGANISATIONS = [
    A(
        "russian-liberation-army",
        "organisation",
        "Russisch Bevrijdingsleger (ROA)",
        "nl",
        "1944/1945",
        "Army of Soviet prisoners of war, forced labourers and émigrés under Vlasov's command, "
        "raised with German consent in the last months of the war.",
        names=(
            ("Русская освободительная армия", "ru"),
            ("Russian Liberation Army", "en"),
            ("Russische Befreiungsarmee", "de"),
            ("Ruská osvobozenecká armáda", "cs"),
            ("ROA", ""),
        ),
    ),
    A(
        "konr",
        "organisation",
        "Komitee voor de Bevrijding van de Volkeren van Rusland (KONR)",
        "nl",
        "1944-11-14/1945-05",
        "Political committee under Vlasov that issued the Prague manifesto and to which the "
        "liberation army was formally subordinate.",
        names=(
            ("Комитет освобождения народов России", "ru"),
            ("Committee for the Liberation of the Peoples of Russia", "en"),
            ("Komitee zur Befreiung der Völker Russlands", "de"),
            ("KONR", ""),
        ),
    ),
    A(
        "second-shock-army",
        "organisation",
        "2de Stoottroepenleger",
        "nl",
        description="Soviet army Vlasov commanded on the Volkhov front in 1942; it was "
        "surrounded and largely destroyed.",
        names=(("2-я ударная армия", "ru"), ("2nd Shock Army", "en"), ("2. Stoßarmee", "de")),
    ),
    A(
        "red-army",
        "organisation",
        "Rode Leger",
        "nl",
        "1918/1946",
        "The army of the Soviet Union.",
        names=(("Красная армия", "ru"), ("Red Army", "en"), ("Rote Armee", "de")),
    ),
    A(
        "wehrmacht",
        "organisation",
        "Wehrmacht",
        "de",
        "1935/1946",
        "The armed forces of Nazi Germany.",
        names=(("Вермахт", "ru"),),
    ),
    A(
        "ss",
        "organisation",
        "Schutzstaffel (SS)",
        "de",
        "1925/1945",
        "Nazi party organisation led by Himmler, including the armed Waffen-SS.",
        names=(("SS", ""), ("Waffen-SS", "de")),
    ),
    A(
        "fremde-heere-ost",
        "organisation",
        "Fremde Heere Ost",
        "de",
        description="Intelligence branch of the German army high command on the Soviet Union; "
        "several of its officers championed Vlasov.",
        names=(("Foreign Armies East", "en"),),
    ),
    A(
        "historisch-nieuwsblad",
        "organisation",
        "Historisch Nieuwsblad",
        "nl",
        description="Dutch popular history magazine.",
    ),
    A(
        "signal-magazine",
        "organisation",
        "Signal",
        "de",
        "1940/1945",
        "Illustrated propaganda magazine of the German armed forces, published in many languages.",
    ),
]

PLACES = [
    A(
        "prague",
        "place",
        "Praag",
        "nl",
        description="Capital of Czechia; in 1944 the largest Slavic city under German control.",
        names=(("Praha", "cs"), ("Prag", "de"), ("Prague", "en"), ("Прага", "ru")),
        identifiers=(("wikidata", WIKIDATA + "Q1085"),),
    ),
    A(
        "praha-reporyje",
        "place",
        "Praha-Řeporyje",
        "cs",
        description="South-western district of Prague where a monument to the liberation army was "
        "unveiled in 2020.",
        names=(("Řeporyje", "cs"), ("Reporyje", "nl")),
    ),
    A(
        "vinnytsia",
        "place",
        "Vinnytsja",
        "nl",
        description="Town in Ukraine, some 200 km south-west of Kyiv, where the Germans held "
        "captured Soviet officers.",
        names=(("Вінниця", "uk"), ("Винница", "ru"), ("Vinnytsia", "en"), ("Winniza", "de")),
    ),
    A(
        "volkhov-river",
        "place",
        "Volchov (rivier)",
        "nl",
        description="River east of Leningrad; its forests and marshes are where Vlasov wandered "
        "before his capture.",
        names=(("Волхов", "ru"), ("Volkhov River", "en"), ("Wolchow", "de")),
    ),
    A(
        "berlin-dahlem",
        "place",
        "Berlin-Dahlem",
        "de",
        description="Well-to-do Berlin district where Vlasov lived in a villa as a privileged "
        "prisoner.",
        names=(("Berlijn-Dahlem", "nl"),),
    ),
    A(
        "berlin",
        "place",
        "Berlin",
        "de",
        names=(("Berlijn", "nl"), ("Берлин", "ru")),
        identifiers=(("wikidata", WIKIDATA + "Q64"),),
    ),
    A(
        "vienna",
        "place",
        "Wenen",
        "nl",
        description="Vlasov was a guest in the city in the summer of 1943.",
        names=(("Wien", "de"), ("Vienna", "en"), ("Вена", "ru")),
    ),
    A(
        "moscow",
        "place",
        "Moskou",
        "nl",
        names=(("Москва", "ru"), ("Moscow", "en"), ("Moskau", "de"), ("Moskva", "cs")),
        identifiers=(("wikidata", WIKIDATA + "Q649"),),
    ),
    A(
        "lubyanka",
        "place",
        "Loebjanka-gevangenis",
        "nl",
        description="Prison of the Soviet security service in Moscow where Vlasov was held after "
        "May 1945.",
        names=(("Лубянка", "ru"), ("Lubyanka prison", "en")),
    ),
    A(
        "oder-river",
        "place",
        "Oder",
        "de",
        description="River where the liberation army's first division fought in April 1945.",
        names=(("Odra", "cs"), ("Одер", "ru")),
    ),
    A(
        "yalta",
        "place",
        "Jalta",
        "nl",
        description="Town in the Crimea, scene of the Allied conference of February 1945.",
        names=(("Ялта", "ru"), ("Yalta", "en")),
    ),
]

# The story 1942–1946 in order; the portal can draw its timeline from these dates.
EVENTS = [
    A(
        "destruction-second-shock-army",
        "event",
        "Ondergang van het 2de Stoottroepenleger",
        "nl",
        "1942-06~",
        "Surrounded near the Volkhov without reinforcements or leave to retreat, Vlasov's army "
        "broke apart; he ordered the survivors to slip out in small groups.",
        names=(("Destruction of the 2nd Shock Army", "en"),),
    ),
    A(
        "capture-of-vlasov",
        "event",
        "Gevangenneming van Vlasov",
        "nl",
        "1942-07-12",
        "After weeks in the woods and marshes by the Volkhov, Vlasov was found by German soldiers "
        "in a farm barn and gave himself up.",
        names=(("Capture of Vlasov", "en"), ("Пленение Власова", "ru")),
    ),
    A(
        "vlasov-in-vienna",
        "event",
        "Vlasov te gast in Wenen",
        "nl",
        "1943-22",
        "Summer visit during which Vlasov toured the city with German officers and, at a dinner "
        "given by the head of the Spanish Riding School, pleaded for better treatment of Soviet "
        "prisoners.",
        names=(("Vlasov's visit to Vienna", "en"),),
    ),
    A(
        "hitler-berghof-refusal",
        "event",
        "Hitler wijst een Russisch bevrijdingsleger af",
        "nl",
        "1943-06-08",
        "At the Berghof on the Obersalzberg Hitler told his circle that a Russian liberation army "
        "would never be allowed; a shorthand record of the meeting survives.",
        names=(("Hitler rejects a Russian liberation army", "en"),),
    ),
    A(
        "vlasov-meets-himmler",
        "event",
        "Ontmoeting van Vlasov en Himmler",
        "nl",
        "1944-09-16",
        "Himmler agreed to a Russian liberation army of at first two divisions; Hitler approved.",
        names=(("Vlasov meets Himmler", "en"),),
    ),
    A(
        "prague-manifesto",
        "event",
        "Praags Manifest",
        "nl",
        "1944-11-14",
        "In Prague Vlasov presented the programme of the committee for the liberation of the "
        "peoples of Russia.",
        names=(("Prague Manifesto", "en"), ("Пражский манифест", "ru"), ("Pražský manifest", "cs")),
    ),
    A(
        "yalta-conference",
        "event",
        "Conferentie van Jalta",
        "nl",
        "1945-02-04/1945-02-11",
        "Stalin, Roosevelt and Churchill agreed, among much else, that Soviet citizens would be "
        "handed back to the Soviet Union.",
        names=(("Yalta Conference", "en"), ("Ялтинская конференция", "ru")),
    ),
    A(
        "battle-on-the-oder",
        "event",
        "Eerste ROA-divisie aan de Oder",
        "nl",
        "1945-04",
        "The liberation army's first division went into battle on the Oder and soon pulled back "
        "before the Red Army.",
        names=(("First ROA division on the Oder", "en"),),
    ),
    A(
        "prague-uprising",
        "event",
        "Praagse opstand",
        "nl",
        "1945-05-05/1945-05-08",
        "Czech uprising against the German occupiers; on 6 May units of the liberation army "
        "turned against the Germans and helped the insurgents.",
        names=(("Pražské povstání", "cs"), ("Prague uprising", "en"), ("Пражское восстание", "ru")),
    ),
    A(
        "arrest-of-vlasov",
        "event",
        "Arrestatie van Vlasov",
        "nl",
        "1945-05-12",
        "Travelling in an American convoy, Vlasov was stopped by the Red Army and taken to Moscow.",
        names=(("Arrest of Vlasov", "en"),),
    ),
    A(
        "execution-of-vlasov",
        "event",
        "Executie van Vlasov",
        "nl",
        "1946-08-01",
        "Vlasov and others were hanged in Moscow; Soviet papers reported it in early August 1946.",
        names=(("Execution of Vlasov", "en"), ("Казнь Власова", "ru")),
    ),
]

# Later echoes of the story, outside the 1942–1946 timeline.
AFTERMATH = [
    A(
        "aleksandrov-degree-revoked",
        "event",
        "Intrekking van Aleksandrovs doctorstitel",
        "nl",
        "2017",
        "The Russian state took away the doctorate of a historian who had written on Vlasov and "
        "the liberation army.",
        names=(("Revocation of Aleksandrov's doctorate", "en"),),
    ),
    A(
        "reporyje-monument-unveiled",
        "event",
        "Onthulling van het monument in Řeporyje",
        "nl",
        "2020",
        "A monument to the liberation army's part in freeing Prague was unveiled despite protests "
        "from Moscow.",
        names=(
            ("Unveiling of the Řeporyje monument", "en"),
            ("Odhalení pomníku v Řeporyjích", "cs"),
        ),
    ),
]

AUTHORITIES = PEOPLE + ORGANISATIONS + PLACES + EVENTS + AFTERMATH
TIMELINE = [a.slug for a in EVENTS]
