"""The demo's Russian and Arabic editions: their front pages, sections, authors and the stories
translated into them (written for the demo). Some stories are translated, most are not, and
the Arabic version of the lead story is left older than its source (docs/editions.md)."""

from dataclasses import dataclass


@dataclass(frozen=True)
class EditionText:
    language: str
    site_title: str
    #: Section slug in English -> (title, slug, description) in this edition.
    sections: dict[str, tuple[str, str, str]]
    #: Author slug in English -> (name, slug, job title, bio) in this edition.
    authors: dict[str, tuple[str, str, str, str]]


@dataclass(frozen=True)
class StoryText:
    """A story's translation: the English headline it translates, and its own text."""

    source_headline: str
    language: str
    headline: str
    dateline: str
    standfirst: str
    paragraphs: tuple[str, ...]
    #: Captions of the photos in the body, in order (the photos are the source's).
    captions: tuple[str, ...] = ()
    kicker: str = ""


EDITIONS: tuple[EditionText, ...] = (
    EditionText(
        "ru",
        "Каспийский курьер",
        {
            "security": (
                "Безопасность",
                "bezopasnost",
                "Конфликт в Кельбаране, границы и полиция.",
            ),
            "politics": ("Политика", "politika", "Парламент, выборы и министерства в Мирабаде."),
            "economy": ("Экономика", "ekonomika", "Цены, работа, энергетика и торговля."),
            "society": ("Общество", "obshchestvo", "Школы, больницы, транспорт и жизнь городов."),
        },
        {
            "nadia-rahimova": (
                "Надия Рахимова",
                "nadiya-rakhimova",
                "Корреспондент по вопросам безопасности",
                "Надия пишет о конфликте в Кельбаране и о границах республики с 2016 года.",
            ),
            "mariam-gelashvili": (
                "Мариам Гелашвили",
                "mariam-gelashvili",
                "Политический обозреватель",
                "Мариам следит за парламентом, выборами и министерствами.",
            ),
        },
    ),
    EditionText(
        "ar",
        "بريد قزوين",
        {
            "security": ("الأمن", "al-amn", "النزاع في كلباران والحدود والشرطة."),
            "politics": ("السياسة", "al-siyasa", "البرلمان والانتخابات والوزارات في ميراباد."),
            "economy": ("الاقتصاد", "al-iqtisad", "الأسعار والعمل والطاقة والتجارة."),
            "society": ("المجتمع", "al-mujtama", "المدارس والصحة والنقل والحياة اليومية."),
        },
        {
            "nadia-rahimova": (
                "نادية رحيموفا",
                "nadia-rahimova",
                "مراسلة الشؤون الأمنية",
                "تغطي نادية النزاع في كلباران وحدود الجمهورية منذ عام 2016.",
            ),
        },
    ),
)

#: The story whose Arabic translation the demo leaves older than its source.
OUTDATED = ("Shelling empties Kelbaran villages as ceasefire collapses", "ar")
#: What the source's newer revision says instead, after the translation was made.
OUTDATED_SOURCE_STANDFIRST = (
    "More than 70,000 people have fled the mountain valley in eleven days, relief workers say, "
    "as the government threatens to answer every attack on its border posts."
)

STORIES: tuple[StoryText, ...] = (
    StoryText(
        "Shelling empties Kelbaran villages as ceasefire collapses",
        "ru",
        headline="Обстрелы опустошают сёла Кельбарана после срыва перемирия",
        kicker="Конфликт в Кельбаране",
        dateline="МИРАБАД",
        standfirst=(
            "Более 70 000 человек покинули горную долину за одиннадцать дней, сообщают "
            "гуманитарные работники."
        ),
        paragraphs=(
            "Правительство обвинило бойцов Совета самообороны Кельбарана в обстрелах "
            "пограничных постов и сёл из верхней долины.",
            "Министр внутренних дел Фарид Османов заявил в парламенте, что силы безопасности "
            "ответят на каждый выстрел с хребта.",
            "Жители Ени-Кенда говорят, что всю ночь слышали взрывы.",
        ),
        captions=("Дети беженцев в школьном спортзале в Ени-Кенде, который стал приютом.",),
    ),
    StoryText(
        "Shelling empties Kelbaran villages as ceasefire collapses",
        "ar",
        headline="القصف يفرغ قرى كلباران مع انهيار وقف إطلاق النار",
        kicker="النزاع في كلباران",
        dateline="ميراباد",
        standfirst=("فرّ أكثر من 60,000 شخص من الوادي الجبلي خلال عشرة أيام، بحسب عمال الإغاثة."),
        paragraphs=(
            "اتهمت الحكومة مقاتلي مجلس الدفاع الذاتي في كلباران بقصف مراكز حدودية وقرى من "
            "الوادي الأعلى.",
            "وقال وزير الداخلية فريد عثمانوف أمام البرلمان إن قوات الأمن سترد على كل طلقة.",
            "وقال سكان يني كند إنهم سمعوا الانفجارات طوال الليل.",
        ),
        captions=("أطفال نازحون في صالة مدرسة في يني كند تحولت إلى ملجأ.",),
    ),
    StoryText(
        "Parliament passes local election law after all-night session",
        "ru",
        headline="Парламент принял закон о местных выборах после ночного заседания",
        kicker="Парламент",
        dateline="МИРАБАД",
        standfirst=(
            "Города республики впервые выберут своих мэров в следующем году: депутаты "
            "проголосовали 84 голосами против 61."
        ),
        paragraphs=(
            "Парламент на рассвете принял закон, по которому города республики впервые будут "
            "избирать мэров.",
            "Первые выборы пройдут следующей осенью в двенадцати крупнейших городах.",
        ),
    ),
)
