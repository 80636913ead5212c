"""Word lists the synthetic generator draws from: names, places, subjects and phrases per language.

Every list is invented or common vocabulary; nothing here describes a real record.
"""

LANGUAGES = ["nl", "en", "de", "fr", "ru", "cs"]
LANGUAGE_WEIGHTS = [30, 25, 15, 10, 10, 10]

# (given names, family names) per language; Russian names come with their Cyrillic form.
GIVEN = {
    "nl": [
        "Jan",
        "Pieter",
        "Anna",
        "Maria",
        "Willem",
        "Geertruida",
        "Kees",
        "Sanne",
        "Joost",
        "Fenna",
    ],
    "en": ["Thomas", "Margaret", "William", "Eleanor", "James", "Alice", "Henry", "Dorothy"],
    "de": ["Friedrich", "Käthe", "Hans", "Luise", "Jürgen", "Gertrud", "Ernst", "Ilse"],
    "fr": ["Jean", "Marguerite", "Étienne", "Hélène", "François", "Céline", "Loïc", "Amélie"],
    "cs": ["Jiří", "Božena", "Václav", "Růžena", "Přemysl", "Květa", "Tomáš", "Žofie"],
}
FAMILY = {
    "nl": [
        "de Vries",
        "Jansen",
        "van Dijk",
        "Bakker",
        "Visser",
        "Smit",
        "de Graaf",
        "van der Meer",
    ],
    "en": ["Smith", "Taylor", "Brown", "Wilson", "Clarke", "Hughes", "Walker", "Wright"],
    "de": ["Müller", "Schröder", "Weiß", "Groß", "Köhler", "Krüger", "Fuchs", "Schäfer"],
    "fr": ["Lefèvre", "Dubois", "Moreau", "Girard", "Rousseau", "Bérenger", "Faure", "Chevalier"],
    "cs": ["Dvořák", "Novák", "Černý", "Procházka", "Kučera", "Veselý", "Růžička", "Šťastný"],
}
# (Latin transliteration, Cyrillic, German transliteration)
RUSSIAN_GIVEN = [
    ("Aleksandr", "Александр", "Alexander"),
    ("Olga", "Ольга", "Olga"),
    ("Sergej", "Сергей", "Sergei"),
    ("Natalja", "Наталья", "Natalja"),
    ("Dmitri", "Дмитрий", "Dmitri"),
    ("Jekaterina", "Екатерина", "Jekaterina"),
    ("Nikolaj", "Николай", "Nikolai"),
    ("Tatjana", "Татьяна", "Tatjana"),
]
RUSSIAN_FAMILY = [
    ("Ivanov", "Иванов", "Iwanow"),
    ("Smirnov", "Смирнов", "Smirnow"),
    ("Kuznetsov", "Кузнецов", "Kusnezow"),
    ("Popov", "Попов", "Popow"),
    ("Sokolov", "Соколов", "Sokolow"),
    ("Lebedev", "Лебедев", "Lebedew"),
    ("Kozlov", "Козлов", "Koslow"),
    ("Novikov", "Новиков", "Nowikow"),
]

ORGANISATION_KINDS = {
    "nl": ["Vereniging", "Stichting", "Uitgeverij", "Fotopersbureau"],
    "en": ["Society", "Trust", "Press", "Photo Agency"],
    "de": ["Verein", "Stiftung", "Verlag", "Bildagentur"],
    "fr": ["Société", "Fondation", "Éditions", "Agence photographique"],
    "ru": ["Общество", "Фонд", "Издательство", "Фотоагентство"],
    "cs": ["Spolek", "Nadace", "Nakladatelství", "Fotografická agentura"],
}

# Real places with their names per language: {language: name}; "" falls back to the first name.
PLACES = [
    {"nl": "Amsterdam", "ru": "Амстердам"},
    {"nl": "Den Haag", "en": "The Hague", "fr": "La Haye", "de": "Den Haag", "ru": "Гаага"},
    {"nl": "Rotterdam", "ru": "Роттердам"},
    {"nl": "Leiden", "ru": "Лейден"},
    {"nl": "Brussel", "fr": "Bruxelles", "en": "Brussels", "de": "Brüssel", "ru": "Брюссель"},
    {"nl": "Antwerpen", "fr": "Anvers", "en": "Antwerp", "ru": "Антверпен"},
    {"fr": "Paris", "nl": "Parijs", "cs": "Paříž", "ru": "Париж"},
    {"fr": "Lyon", "ru": "Лион"},
    {"de": "Berlin", "nl": "Berlijn", "ru": "Берлин"},
    {"de": "München", "en": "Munich", "cs": "Mnichov", "ru": "Мюнхен"},
    {"de": "Köln", "en": "Cologne", "nl": "Keulen", "fr": "Cologne", "ru": "Кёльн"},
    {"de": "Wien", "en": "Vienna", "nl": "Wenen", "cs": "Vídeň", "fr": "Vienne", "ru": "Вена"},
    {"cs": "Praha", "de": "Prag", "en": "Prague", "nl": "Praag", "ru": "Прага"},
    {"cs": "Brno", "de": "Brünn", "ru": "Брно"},
    {"cs": "Plzeň", "de": "Pilsen", "ru": "Пльзень"},
    {
        "ru": "Москва",
        "en": "Moscow",
        "nl": "Moskou",
        "de": "Moskau",
        "cs": "Moskva",
        "fr": "Moscou",
    },
    {
        "ru": "Санкт-Петербург",
        "en": "Saint Petersburg",
        "nl": "Sint-Petersburg",
        "de": "Sankt Petersburg",
    },
    {"ru": "Новгород", "en": "Novgorod", "de": "Nowgorod"},
    {"uk": "Київ", "en": "Kyiv", "nl": "Kyiv", "de": "Kiew", "ru": "Киев", "cs": "Kyjev"},
    {"pl": "Warszawa", "en": "Warsaw", "nl": "Warschau", "de": "Warschau", "ru": "Варшава"},
    {"en": "London", "nl": "Londen", "fr": "Londres", "cs": "Londýn", "ru": "Лондон"},
    {"en": "Edinburgh", "ru": "Эдинбург"},
    {"it": "Roma", "en": "Rome", "nl": "Rome", "de": "Rom", "cs": "Řím", "ru": "Рим"},
    {"hu": "Budapest", "ru": "Будапешт"},
]

# Subject concepts: {language: label}.
CONCEPTS = [
    {"nl": "oorlog", "en": "war", "de": "Krieg", "fr": "guerre", "ru": "война", "cs": "válka"},
    {
        "nl": "handel",
        "en": "trade",
        "de": "Handel",
        "fr": "commerce",
        "ru": "торговля",
        "cs": "obchod",
    },
    {
        "nl": "landbouw",
        "en": "agriculture",
        "de": "Landwirtschaft",
        "fr": "agriculture",
        "ru": "сельское хозяйство",
        "cs": "zemědělství",
    },
    {
        "nl": "spoorwegen",
        "en": "railways",
        "de": "Eisenbahn",
        "fr": "chemins de fer",
        "ru": "железные дороги",
        "cs": "železnice",
    },
    {
        "nl": "onderwijs",
        "en": "education",
        "de": "Bildung",
        "fr": "éducation",
        "ru": "образование",
        "cs": "vzdělávání",
    },
    {
        "nl": "emigratie",
        "en": "emigration",
        "de": "Auswanderung",
        "fr": "émigration",
        "ru": "эмиграция",
        "cs": "vystěhovalectví",
    },
    {
        "nl": "architectuur",
        "en": "architecture",
        "de": "Architektur",
        "fr": "architecture",
        "ru": "архитектура",
        "cs": "architektura",
    },
    {
        "nl": "scheepvaart",
        "en": "shipping",
        "de": "Schifffahrt",
        "fr": "navigation",
        "ru": "судоходство",
        "cs": "lodní doprava",
    },
    {
        "nl": "verkiezingen",
        "en": "elections",
        "de": "Wahlen",
        "fr": "élections",
        "ru": "выборы",
        "cs": "volby",
    },
    {"nl": "muziek", "en": "music", "de": "Musik", "fr": "musique", "ru": "музыка", "cs": "hudba"},
    {
        "nl": "religie",
        "en": "religion",
        "de": "Religion",
        "fr": "religion",
        "ru": "религия",
        "cs": "náboženství",
    },
    {
        "nl": "overstromingen",
        "en": "floods",
        "de": "Hochwasser",
        "fr": "inondations",
        "ru": "наводнения",
        "cs": "povodně",
    },
    {
        "nl": "arbeidersbeweging",
        "en": "labour movement",
        "de": "Arbeiterbewegung",
        "fr": "mouvement ouvrier",
        "ru": "рабочее движение",
        "cs": "dělnické hnutí",
    },
    {
        "nl": "vrouwenkiesrecht",
        "en": "women's suffrage",
        "de": "Frauenwahlrecht",
        "fr": "suffrage des femmes",
        "ru": "избирательное право женщин",
        "cs": "volební právo žen",
    },
    {
        "nl": "fotografie",
        "en": "photography",
        "de": "Fotografie",
        "fr": "photographie",
        "ru": "фотография",
        "cs": "fotografie",
    },
    {
        "nl": "cartografie",
        "en": "cartography",
        "de": "Kartografie",
        "fr": "cartographie",
        "ru": "картография",
        "cs": "kartografie",
    },
    {
        "nl": "ballingschap",
        "en": "exile",
        "de": "Exil",
        "fr": "exil",
        "ru": "изгнание",
        "cs": "exil",
    },
    {
        "nl": "industrie",
        "en": "industry",
        "de": "Industrie",
        "fr": "industrie",
        "ru": "промышленность",
        "cs": "průmysl",
    },
    {
        "nl": "stadsvernieuwing",
        "en": "urban renewal",
        "de": "Stadterneuerung",
        "fr": "rénovation urbaine",
        "ru": "реконструкция городов",
        "cs": "obnova měst",
    },
    {
        "nl": "geneeskunde",
        "en": "medicine",
        "de": "Medizin",
        "fr": "médecine",
        "ru": "медицина",
        "cs": "lékařství",
    },
    {
        "nl": "bevrijding",
        "en": "liberation",
        "de": "Befreiung",
        "fr": "libération",
        "ru": "освобождение",
        "cs": "osvobození",
    },
    {
        "nl": "krijgsgevangenen",
        "en": "prisoners of war",
        "de": "Kriegsgefangene",
        "fr": "prisonniers de guerre",
        "ru": "военнопленные",
        "cs": "váleční zajatci",
    },
]

# What each kind of item is called, per language, for titles.
KIND_NOUNS = {
    "photograph": {
        "nl": "Foto",
        "en": "Photograph",
        "de": "Fotografie",
        "fr": "Photographie",
        "ru": "Фотография",
        "cs": "Fotografie",
    },
    "letter": {
        "nl": "Brief",
        "en": "Letter",
        "de": "Brief",
        "fr": "Lettre",
        "ru": "Письмо",
        "cs": "Dopis",
    },
    "document": {
        "nl": "Verslag",
        "en": "Report",
        "de": "Bericht",
        "fr": "Rapport",
        "ru": "Отчёт",
        "cs": "Zpráva",
    },
    "article": {
        "nl": "Artikel",
        "en": "Article",
        "de": "Artikel",
        "fr": "Article",
        "ru": "Статья",
        "cs": "Článek",
    },
    "map": {"nl": "Kaart", "en": "Map", "de": "Karte", "fr": "Carte", "ru": "Карта", "cs": "Mapa"},
    "bibliographic": {
        "nl": "Studie",
        "en": "Study",
        "de": "Studie",
        "fr": "Étude",
        "ru": "Исследование",
        "cs": "Studie",
    },
    "proclamation": {
        "nl": "Oproep",
        "en": "Proclamation",
        "de": "Aufruf",
        "fr": "Proclamation",
        "ru": "Воззвание",
        "cs": "Provolání",
    },
    "other": {
        "nl": "Opname",
        "en": "Recording",
        "de": "Aufnahme",
        "fr": "Enregistrement",
        "ru": "Запись",
        "cs": "Nahrávka",
    },
}
# "{noun} {about} {subject} {in} {place}", per language.
ABOUT = {"nl": "over", "en": "on", "de": "über", "fr": "sur", "ru": "о теме", "cs": "o tématu"}
IN = {"nl": "in", "en": "in", "de": "in", "fr": "à", "ru": "—", "cs": "—"}

# Description sentences: {subject}, {place}, {creator}, {year}.
DESCRIPTIONS = {
    "nl": [
        "Gemaakt door {creator} in {place}, rond {year}; het onderwerp is {subject}.",
        "Uit de nalatenschap van {creator}. Het stuk gaat over {subject} in {place}.",
        "Toont hoe men in {place} omstreeks {year} met {subject} omging.",
    ],
    "en": [
        "Made by {creator} in {place} around {year}; its subject is {subject}.",
        "From the papers of {creator}, concerning {subject} in {place}.",
        "Shows how {subject} was dealt with in {place} about {year}.",
    ],
    "de": [
        "Von {creator} um {year} in {place} angefertigt; Thema ist {subject}.",
        "Aus dem Nachlass von {creator}, betreffend {subject} in {place}.",
    ],
    "fr": [
        "Réalisé par {creator} à {place} vers {year} ; le sujet en est {subject}.",
        "Provenant des papiers de {creator}, au sujet de {subject} à {place}.",
    ],
    "ru": [
        "Автор — {creator}, {place}, около {year} года. Тема: {subject}.",
        "Из архива {creator}; касается темы «{subject}» ({place}).",
    ],
    "cs": [
        "Pořídil(a) {creator} v {place} kolem roku {year}; tématem je {subject}.",
        "Z pozůstalosti {creator}, týká se tématu {subject} ({place}).",
    ],
}

PUBLISHERS = [
    "Uitgeverij De Zilveren Pen",
    "Northgate Academic Press",
    "Verlag Lindenhof",
    "Éditions du Quai",
    "Издательство «Северный берег»",
    "Nakladatelství Vltavín",
]

# (statement, URI) pairs; rightsstatements.org and Creative Commons are real vocabularies.
RIGHTS = [
    ("In Copyright", "http://rightsstatements.org/vocab/InC/1.0/"),
    (
        "No Copyright - Other Known Legal Restrictions",
        "http://rightsstatements.org/vocab/NoC-OKLR/1.0/",
    ),
    ("Copyright Not Evaluated", "http://rightsstatements.org/vocab/CNE/1.0/"),
    ("CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/"),
    ("Public Domain Mark 1.0", "https://creativecommons.org/publicdomain/mark/1.0/"),
]

FORMATS = {
    "StillImage": ["image/tiff", "image/jpeg"],
    "Text": ["application/pdf", "text/plain"],
    "Sound": ["audio/flac", "audio/mpeg"],
    "MovingImage": ["video/mp4"],
    "PhysicalObject": [""],
}

# (kind, DCMI type, weight)
KINDS = [
    ("photograph", "StillImage", 30),
    ("letter", "Text", 15),
    ("document", "Text", 15),
    ("article", "Text", 10),
    ("bibliographic", "Text", 10),
    ("map", "StillImage", 8),
    ("proclamation", "Text", 4),
    ("other", "Sound", 4),
    ("other", "MovingImage", 2),
    ("other", "PhysicalObject", 2),
]

# The collection tree under the root: (slug suffix, title, parent suffix or "").
COLLECTION_TREE = [
    ("photographs", "Photographs", ""),
    ("photographs-portraits", "Portraits", "photographs"),
    ("photographs-townscapes", "Townscapes", "photographs"),
    ("correspondence", "Correspondence", ""),
    ("documents", "Documents and maps", ""),
    ("library", "Library", ""),
    ("audiovisual", "Sound, film and objects", ""),
]
# Where each kind goes first.
KIND_COLLECTIONS = {
    "photograph": ["photographs-portraits", "photographs-townscapes", "photographs"],
    "letter": ["correspondence"],
    "document": ["documents"],
    "map": ["documents"],
    "proclamation": ["documents"],
    "article": ["library"],
    "bibliographic": ["library"],
    "other": ["audiovisual"],
}
