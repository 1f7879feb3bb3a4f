"""The demo newsroom as plain data: sections, staff, agencies and the stories they file.

The Caspian Courier is invented, and so is everything it reports: the republic, its towns, its
people and its events. Only the agencies and Geneva are real. Stories are written for the demo in
the shape of a regional outlet's pages: staff and wire bylines, datelines, captioned photos,
sub-headings, quotes and a correction.
"""

from dataclasses import dataclass
from enum import StrEnum

RGB = tuple[int, int, int]

SITE_NAME = "The Caspian Courier"


@dataclass(frozen=True)
class Section:
    title: str
    slug: str
    description: str
    #: The colour of the section's generated pictures.
    colour: RGB


@dataclass(frozen=True)
class Author:
    name: str
    slug: str
    job_title: str
    bio: str


@dataclass(frozen=True)
class Agency:
    name: str
    short_name: str
    url: str


@dataclass(frozen=True)
class PhotoDescription:
    """A library photo as the newsroom describes it; its picture is drawn by `pictures`."""

    #: A few words drawn into the picture and used as its title in the library.
    label: str
    alt_text: str
    caption: str
    credit: str


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class Subheading:
    text: str


@dataclass(frozen=True)
class Quote:
    text: str
    attribution: str


@dataclass(frozen=True)
class Figure:
    """A photo inside the story's text; an empty caption shows the photo's own."""

    photo: PhotoDescription
    caption: str = ""


Block = Paragraph | Subheading | Quote | Figure


@dataclass(frozen=True)
class Notice:
    """A correction or update appended to a story, `hours_ago` before the demo is loaded."""

    kind: str
    text: str
    hours_ago: float


class Status(StrEnum):
    PUBLISHED = "published"
    DRAFT = "draft"
    #: Goes live `-hours_ago` hours after the demo is loaded.
    SCHEDULED = "scheduled"


@dataclass(frozen=True)
class Story:
    headline: str
    section: str
    #: Author slugs and agency short names, in the order the byline shows them.
    byline: tuple[str, ...]
    dateline: str
    standfirst: str
    lead_photo: PhotoDescription
    body: tuple[Block, ...]
    tags: tuple[str, ...]
    #: When the story was first published, in hours before the demo is loaded.
    hours_ago: float
    kicker: str = ""
    notice: Notice | None = None
    status: Status = Status.PUBLISHED


SECTIONS: tuple[Section, ...] = (
    Section(
        "Security",
        "security",
        "The Kelbaran conflict, the borders, policing and the threats to the republic's networks.",
        (150, 42, 42),
    ),
    Section(
        "Politics",
        "politics",
        "Parliament, elections, the ministries in Mirabad and the republic's neighbours.",
        (36, 66, 130),
    ),
    Section(
        "Economy",
        "economy",
        "Prices, jobs, energy and trade, from the central bank to the Port Sevra docks.",
        (28, 112, 82),
    ),
    Section(
        "Society",
        "society",
        "Schools, health, transport and daily life in the republic's towns and villages.",
        (150, 96, 24),
    ),
)

AUTHORS: tuple[Author, ...] = (
    Author(
        "Nadia Rahimova",
        "nadia-rahimova",
        "Security correspondent",
        "Nadia has covered the Kelbaran conflict and the republic's borders since 2016, from the "
        "front line and from the ceasefire talks. Before joining the Courier she reported for a "
        "news agency in Mirabad.",
    ),
    Author(
        "Arman Sadykov",
        "arman-sadykov",
        "Economics editor",
        "Arman writes about money, energy and work: the central bank, the port and the steel "
        "towns of the north. He trained as an economist and spent eight years at a business "
        "weekly.",
    ),
    Author(
        "Mariam Gelashvili",
        "mariam-gelashvili",
        "Politics reporter",
        "Mariam follows parliament, elections and the ministries, and how their decisions reach "
        "schools and hospitals. She joined the Courier in 2019 from a regional radio station.",
    ),
)

AGENCIES: tuple[Agency, ...] = (
    Agency("Agence France-Presse", "AFP", "https://www.afp.com"),
    Agency("Reuters", "Reuters", "https://www.reuters.com"),
)

_STAFF = "The Caspian Courier"

STORIES: tuple[Story, ...] = (
    # Built like the seed page (shared/data/seed/article-page.txt): staff and AFP, a dateline,
    # a captioned lead photo and a captioned photo in the text, a sub-heading and a quote.
    Story(
        headline="Shelling empties Kelbaran villages as ceasefire collapses",
        kicker="Kelbaran conflict",
        section="security",
        byline=("nadia-rahimova", "AFP"),
        dateline="MIRABAD",
        standfirst=(
            "More than 60,000 people have fled the mountain valley in ten days, relief workers "
            "say, as the government threatens to answer every attack on its border posts."
        ),
        lead_photo=PhotoDescription(
            label="Kelbaran: families leave",
            alt_text=(
                "A line of cars and tractors loaded with mattresses and furniture on a "
                "mountain road"
            ),
            caption=(
                "Families leave the upper Kelbaran valley with what they can carry, on the road "
                "to Mirabad."
            ),
            credit="Karim Safarov/AFP",
        ),
        body=(
            Paragraph(
                "The government accused fighters of the Kelbaran Self-Defence Council of "
                "shelling border posts and villages from the upper valley, and promised to "
                "answer “every shot from the ridge”. Relief workers said more than 60,000 people "
                "had left their homes in ten days, most of them for the capital and the market "
                "towns of the plain."
            ),
            Paragraph(
                "Interior Minister Farid Osmanov told parliament yesterday that security forces "
                "would strike the group's positions “wherever they are” if the attacks went on. "
                "The council, which has held the upper valley since the war of the late 1990s, "
                "says it is answering drone strikes on its villages."
            ),
            Paragraph(
                "Army convoys carrying artillery and armoured vehicles have moved up the valley "
                "road since the weekend, an AFP correspondent in the lower valley said. "
                "Residents of Yeni Kend, the last government-held town below the front line, "
                "said they heard explosions through the night."
            ),
            Figure(
                PhotoDescription(
                    label="Yeni Kend school shelter",
                    alt_text="Children sit on blankets in a school gym filled with camp beds",
                    caption=(
                        "Displaced children in a school gym in Yeni Kend that now serves as a "
                        "shelter."
                    ),
                    credit="File",
                )
            ),
            Paragraph(
                "The two sides agreed the ceasefire in the lakeside town of Sevan Kala two years "
                "ago, watched by monitors from neighbouring states. The monitors left last year "
                "when their mandate ran out and neither side asked for it to be renewed."
            ),
            Quote(
                "We will not let our border guards be targets while the council's leaders sit "
                "safely in the upper villages.",
                "Farid Osmanov, interior minister, to parliament",
            ),
            Subheading("60,000 displaced"),
            Paragraph(
                "The Civil Protection Agency said 61,400 people had registered at reception "
                "points in Mirabad and the towns of the plain since the fighting began. About "
                "half of them are children, it said, and many arrived with only the clothes "
                "they wore."
            ),
            Paragraph(
                "Schools in the capital have been turned into shelters, and the sports palace "
                "has opened its halls to families who could not find a place with relatives. "
                "Volunteers said blankets and baby food were running short."
            ),
            Paragraph(
                "The council said in a statement that 14 of its fighters and “dozens” of "
                "civilians had been killed in the upper valley. Its figures could not be "
                "checked, as the government has closed the valley road to journalists above "
                "Yeni Kend."
            ),
            Paragraph(
                "Diplomats from neighbouring states said they were trying to bring both sides "
                "back to Sevan Kala. “Everyone knows the text of the ceasefire, because it is "
                "still on the table,” one said. “What is missing is anyone willing to sign it "
                "again.”"
            ),
        ),
        tags=("Kelbaran", "Displacement", "Border"),
        hours_ago=20,
    ),
    Story(
        headline="Border guards find drone parts hidden in melon lorries at Yashil-Tepe",
        kicker="Smuggling",
        section="security",
        byline=("nadia-rahimova",),
        dateline="YASHIL-TEPE",
        standfirst=(
            "Customs officers say the parts, enough for about 40 small drones, were bound for "
            "armed groups in the upper Kelbaran valley."
        ),
        lead_photo=PhotoDescription(
            label="Yashil-Tepe customs",
            alt_text="Customs officers unload crates of melons from a lorry at a checkpoint",
            caption="Customs officers search a lorry at the Yashil-Tepe border crossing.",
            credit=f"Ruslan Bekov/{_STAFF}",
        ),
        body=(
            Paragraph(
                "Border guards at the Yashil-Tepe crossing found electric motors, flight "
                "controllers and propellers packed under melons in two lorries this week, the "
                "State Customs Committee said. Officers said the parts would have been enough to "
                "build about 40 small drones."
            ),
            Paragraph(
                "The lorries had crossed from the neighbouring republic with papers describing a "
                "cargo of fruit for the Mirabad wholesale market. Both drivers were detained and "
                "will be questioned by investigators from the security service."
            ),
            Subheading("A new route"),
            Paragraph(
                "Customs officials say smugglers have switched to food cargoes since the "
                "crossing began scanning every container last year. Melons, grapes and "
                "watermelons are checked by hand, and a full lorry can take an hour to unload."
            ),
            Paragraph(
                "“They count on our officers being too busy to unpack forty tonnes of melons,” "
                "said Anvar Yusupov, head of the customs post. “This time a dog found the first "
                "box, and the rest followed.”"
            ),
            Paragraph(
                "The committee said it had seized drone parts four times this year, against "
                "twice in the whole of last year. It did not say who the parts were meant for, "
                "but officials have accused the Kelbaran Self-Defence Council of using small "
                "drones to drop grenades on border posts."
            ),
            Paragraph(
                "The neighbouring republic's embassy in Mirabad said it had asked to see the two "
                "drivers. “Our citizens have the right to consular help, and we will give it,” a "
                "spokesman said."
            ),
        ),
        tags=("Border", "Smuggling", "Kelbaran"),
        hours_ago=70,
    ),
    Story(
        headline="Ceasefire monitors could return to Kelbaran within weeks, diplomats say",
        kicker="Diplomacy",
        section="security",
        byline=("Reuters",),
        dateline="GENEVA",
        standfirst=(
            "Negotiators discussed a new mission of 120 unarmed observers, but the two sides "
            "must first agree where they would be posted."
        ),
        lead_photo=PhotoDescription(
            label="Geneva talks",
            alt_text="Delegates sit around a long table in a conference room lined with flags",
            caption="Delegations meet at the start of a round of talks on the Kelbaran valley.",
            credit="Dina Aslan/Reuters",
        ),
        body=(
            Paragraph(
                "Ceasefire monitors could return to the Kelbaran valley within weeks, two "
                "diplomats at talks in Geneva said yesterday. A draft seen by Reuters would send "
                "120 unarmed observers from five neighbouring states to the valley for an "
                "initial six months."
            ),
            Paragraph(
                "The government in Mirabad and the Kelbaran Self-Defence Council, which holds "
                "the upper valley, both say they want monitors back. They disagree on where the "
                "observers should be posted and on who should pay for them."
            ),
            Subheading("Where to post them"),
            Paragraph(
                "The government wants observers on the ridge above Yeni Kend, from which it says "
                "the council's fighters shell its border posts. The council wants them in the "
                "villages of the upper valley, which it says are hit by government drones."
            ),
            Paragraph(
                "“A mission that sees only one side of the valley would be worse than no mission "
                "at all,” said a diplomat who asked not to be named because the talks are "
                "confidential. Another said a compromise placing teams on both sides of the "
                "front line was “close, but not closed”."
            ),
            Paragraph(
                "The last mission's mandate lapsed a year ago after neither side asked for it to "
                "be renewed. Shelling has increased since, and relief groups say thousands of "
                "families have left the valley."
            ),
            Paragraph(
                "The talks are due to resume next week. Neither delegation spoke to reporters as "
                "it left the meeting."
            ),
        ),
        tags=("Kelbaran", "Diplomacy"),
        hours_ago=150,
    ),
    Story(
        headline="Cyber attack takes Port Sevra's cargo booking system offline",
        kicker="Cybersecurity",
        section="security",
        byline=("nadia-rahimova", "AFP"),
        dateline="PORT SEVRA",
        standfirst=(
            "Ships queued outside the Caspian port for two days while staff went back to paper, "
            "and officials say the attackers demanded a ransom."
        ),
        lead_photo=PhotoDescription(
            label="Port Sevra cranes idle",
            alt_text="Container cranes stand still over a quay of stacked containers at dusk",
            caption=(
                "Cranes stand idle at the container terminal in Port Sevra after the booking "
                "system went down."
            ),
            credit="Lena Ostrova/AFP",
        ),
        body=(
            Paragraph(
                "A cyber attack took the booking system of the Port Sevra container terminal "
                "offline for two days this week, leaving more than twenty ships at anchor. The "
                "port authority said staff had gone back to paper forms and radio to move the "
                "most urgent cargoes."
            ),
            Paragraph(
                "Officials said the attackers had encrypted the servers that allocate berths and "
                "cranes, and demanded a payment in cryptocurrency. “We have not paid and we will "
                "not pay,” said Ilkin Mammadli, the port authority's director. “We restored the "
                "system from copies the attackers could not reach.”"
            ),
            Subheading("Paper and radio"),
            Paragraph(
                "Dockers said the terminal worked at about a third of its usual pace while the "
                "system was down. Lorry drivers waited up to a day at the gate, as each container "
                "had to be checked by hand against printed manifests."
            ),
            Paragraph(
                "The national cybersecurity centre said the attack began with an email to port "
                "staff that appeared to come from a shipping line. It had found no sign that "
                "cargo or passenger data had been stolen, it said, but its investigation "
                "continues."
            ),
            Paragraph(
                "Port Sevra handles most of the republic's trade across the Caspian, including "
                "grain exports and machinery imports. Traders said the delays would cost "
                "shipping companies several hundred thousand dollars in fees."
            ),
            Paragraph(
                "It is the third attack on a state company this year, after the water utility "
                "in Karsan and the railway's ticket office. Parliament will debate a bill next "
                "month that would make state companies report such attacks within a day."
            ),
        ),
        tags=("Cybersecurity", "Port Sevra"),
        hours_ago=200,
    ),
    Story(
        headline="Parliament passes local election law after all-night session",
        kicker="Parliament",
        section="politics",
        byline=("mariam-gelashvili", "AFP"),
        dateline="MIRABAD",
        standfirst=(
            "The republic's cities will elect their mayors for the first time from next year, "
            "after deputies voted 84 to 61 at dawn."
        ),
        lead_photo=PhotoDescription(
            label="Parliament vote at dawn",
            alt_text="Deputies raise their hands in a crowded parliament chamber",
            caption="Deputies vote on the local election law in parliament in Mirabad.",
            credit="Karim Safarov/AFP",
        ),
        body=(
            Paragraph(
                "Parliament passed a law at dawn today that will let the republic's cities elect "
                "their mayors for the first time, after a session that lasted more than fourteen "
                "hours. The law passed by 84 votes to 61, with the governing coalition split and "
                "part of the opposition voting in favour."
            ),
            Paragraph(
                "Mayors have been appointed by the president's office since the constitution of "
                "1997. Under the new law, the first elections will be held next autumn in the "
                "twelve cities of more than 50,000 people, and in smaller towns two years later."
            ),
            Quote(
                "Tonight the people of Karsan, Port Sevra and Dashtan got back a right their "
                "grandparents had.",
                "Selim Aydarov, the law's sponsor",
            ),
            Paragraph(
                "The debate ran through the night as opposition deputies tabled more than 300 "
                "amendments, most of them rejected. Deputies of the governing National Unity "
                "party argued that elected mayors would struggle to work with ministries in the "
                "capital."
            ),
            Subheading("What changes"),
            Paragraph(
                "Elected mayors will serve four years and can be removed only by a court or by a "
                "two-thirds vote of the city council. They will control city budgets, public "
                "transport and schools, which are now run by regional offices of the education "
                "ministry."
            ),
            Paragraph(
                "The president has 30 days to sign the law or send it back to parliament. His "
                "office said only that he would “study the text carefully”."
            ),
        ),
        tags=("Parliament", "Elections"),
        hours_ago=6,
    ),
    Story(
        headline="Opposition bloc names former judge as its presidential candidate",
        kicker="Elections",
        section="politics",
        byline=("mariam-gelashvili",),
        dateline="MIRABAD",
        standfirst=(
            "Leyla Hasanova, who resigned from the Supreme Court in 2021, will stand next spring "
            "on a promise to free the courts from the president's office."
        ),
        lead_photo=PhotoDescription(
            label="Hasanova rally",
            alt_text="A woman in a grey jacket speaks at a lectern before a crowd holding flags",
            caption=(
                "Leyla Hasanova speaks to supporters in Fountain Square after the opposition "
                "bloc named her its candidate."
            ),
            credit=f"Ruslan Bekov/{_STAFF}",
        ),
        body=(
            Paragraph(
                "The Civic Alliance, the largest opposition bloc, named former Supreme Court "
                "judge Leyla Hasanova as its candidate for next year's presidential election, "
                "ending months of argument among its five parties. Hasanova, 58, left the court "
                "in 2021 after dissenting from a ruling that widened the president's power over "
                "appointments."
            ),
            Paragraph(
                "She told a rally of several thousand supporters in Mirabad's Fountain Square "
                "that her first act in office would be to give judges back the right to elect "
                "their own chief justice. “A country where the courts fear the telephone is not "
                "a country of laws,” she said."
            ),
            Subheading("A crowded field"),
            Paragraph(
                "The alliance hopes Hasanova can win voters beyond its base in the capital, "
                "where it took most of its seats at the last parliamentary election. Her family "
                "comes from the farming district around Dashtan, and she has promised to "
                "campaign there first."
            ),
            Paragraph(
                "The president has not said whether he will seek a third term, which the "
                "constitution has allowed since a referendum four years ago. Two smaller parties "
                "have already named their own candidates."
            ),
            Paragraph(
                "Polls are rare in the republic and often disputed. A survey by the independent "
                "Centre for Public Opinion last month found that 41 percent of voters had not "
                "decided whom to support."
            ),
        ),
        tags=("Elections", "Opposition"),
        hours_ago=45,
    ),
    Story(
        headline="Mirabad and its neighbour agree to reopen Yashil-Tepe crossing to travellers",
        kicker="Border",
        section="politics",
        byline=("mariam-gelashvili", "nadia-rahimova", "AFP"),
        dateline="MIRABAD",
        standfirst=(
            "The crossing, closed to people but not to goods since the Kelbaran fighting "
            "resumed, will open for eight hours a day from next week."
        ),
        lead_photo=PhotoDescription(
            label="Ministers shake hands",
            alt_text="Two men in suits shake hands in front of a row of flags",
            caption=(
                "The foreign ministers of the two republics after signing the agreement in Mirabad."
            ),
            credit="Lena Ostrova/AFP",
        ),
        body=(
            Paragraph(
                "The republic and its western neighbour agreed today to reopen the Yashil-Tepe "
                "border crossing to travellers from next week, a month after it was closed to "
                "all but lorries. The two foreign ministers signed the agreement in Mirabad "
                "after a morning of talks."
            ),
            Paragraph(
                "The crossing will be open to people on foot and in cars from 8am to 4pm, with "
                "separate lanes for families and for lorries. Both sides will post more guards "
                "and customs officers, and travellers will need a passport rather than the "
                "identity card that used to be enough."
            ),
            Figure(
                PhotoDescription(
                    label="Yashil-Tepe queue",
                    alt_text=(
                        "A queue of people with suitcases waits at a closed barrier beside a "
                        "guard post"
                    ),
                    caption=(
                        "Travellers wait at the Yashil-Tepe crossing before it closed to foot "
                        "traffic last month."
                    ),
                    credit="File",
                )
            ),
            Paragraph(
                "The crossing was closed after two border posts nearby were shelled from the "
                "Kelbaran valley, and the government said it could not protect people queueing "
                "on the road. Families with relatives on both sides have since faced a detour of "
                "more than 300 kilometres through the southern crossing at Gokdere."
            ),
            Subheading("Trade kept moving"),
            Paragraph(
                "Lorries have crossed throughout, carrying fruit, cement and fuel, though checks "
                "were tightened after drone parts were found hidden in a cargo of melons. "
                "Traders at the Mirabad wholesale market said the number of lorries had fallen "
                "by a quarter."
            ),
            Quote(
                "People have been waiting to bury their parents and to see their grandchildren. "
                "That is what this agreement is about, not politics.",
                "Rauf Kazimov, foreign minister",
            ),
            Paragraph(
                "The agreement will be reviewed after three months. Officials said the crossing "
                "would close again at once if the road came under fire."
            ),
        ),
        tags=("Border", "Diplomacy", "Kelbaran"),
        hours_ago=30,
    ),
    Story(
        headline="Karsan governor resigns over heating fuel shortfall",
        kicker="Regions",
        section="politics",
        byline=("mariam-gelashvili", "Reuters"),
        dateline="KARSAN",
        standfirst=(
            "Thousands of flats in the northern steel city went without heating for a week "
            "after the regional administration failed to buy enough fuel oil."
        ),
        lead_photo=PhotoDescription(
            label="Karsan heating plant",
            alt_text=(
                "A heating plant with tall chimneys and steam over snow-covered apartment blocks"
            ),
            caption="The municipal heating plant in Karsan, which ran short of fuel oil.",
            credit="Dina Aslan/Reuters",
        ),
        body=(
            Paragraph(
                "The governor of Karsan province, Timur Nazarov, resigned today after a week in "
                "which thousands of flats in the northern steel city went without heating as "
                "temperatures fell to minus 20 degrees. The president's office accepted his "
                "resignation and named his deputy acting governor."
            ),
            Paragraph(
                "The city's heating plant ran short of fuel oil after the regional "
                "administration failed to sign a supply contract before the winter, the state "
                "audit chamber said. Deliveries resumed yesterday when the energy ministry sent "
                "fuel from its reserve."
            ),
            Subheading("Protests in the cold"),
            Paragraph(
                "Hundreds of residents gathered outside the regional administration every "
                "evening this week, some carrying blankets and electric heaters. Police did not "
                "intervene, and on the third evening the governor came out to speak to the "
                "crowd."
            ),
            Paragraph(
                "“I take responsibility for what happened to the people of Karsan,” Nazarov said "
                "in a statement. He denied any wrongdoing over the contract, which the audit "
                "chamber said had been awarded and cancelled twice."
            ),
            Paragraph(
                "Karsan, a city of about 200,000 people, depends on the heating plant and on the "
                "steelworks, which has cut shifts as orders fell. The energy minister said the "
                "government would pay for a new gas-fired boiler for the city from next year's "
                "budget."
            ),
        ),
        tags=("Karsan", "Energy"),
        hours_ago=120,
    ),
    Story(
        headline="Central bank holds main rate at 11% as food prices cool",
        kicker="Interest rates",
        section="economy",
        byline=("arman-sadykov", "Reuters"),
        dateline="MIRABAD",
        standfirst=(
            "Inflation slowed for a third month, the bank said, but it is too soon to cut while "
            "the Kelbaran fighting weighs on the currency."
        ),
        lead_photo=PhotoDescription(
            label="Central bank",
            alt_text="The stone front of a bank building with columns and a bronze door",
            caption="The headquarters of the central bank in Mirabad.",
            credit="File",
        ),
        body=(
            Paragraph(
                "The central bank kept its main interest rate at 11 percent today, saying "
                "inflation had slowed for a third month but that the fighting in the Kelbaran "
                "valley had clouded the outlook. All twelve economists polled by Reuters last "
                "week had expected the decision."
            ),
            Paragraph(
                "Annual inflation fell to 8.2 percent last month from 9.1 percent, as the prices "
                "of vegetables and bread eased after a good autumn harvest. The bank's target is "
                "5 percent, which it now expects to reach at the end of next year rather than in "
                "the summer."
            ),
            Quote(
                "We see prices cooling, but we also see people moving their savings into "
                "dollars. Until that stops, a cut would be a gamble.",
                "Zarina Mukhtarova, governor of the central bank",
            ),
            Subheading("Pressure on the currency"),
            Paragraph(
                "The currency has lost about 6 percent against the dollar since the ceasefire "
                "broke down, as households and firms bought foreign cash. The bank said it had "
                "sold $180 million from its reserves in two weeks to slow the fall."
            ),
            Paragraph(
                "Business groups had asked for a cut, saying high borrowing costs were holding "
                "back investment in farming and building. The bank said it would consider easing "
                "at its next meeting in six weeks if the currency steadied."
            ),
            Paragraph(
                "Economists said the pause was the right call. “The bank has spent two years "
                "winning back trust after the last devaluation, and it will not risk that now,” "
                "said Daniyar Omarov, chief economist at Caspian Capital in Mirabad."
            ),
        ),
        tags=("Central bank", "Inflation"),
        hours_ago=12,
    ),
    Story(
        headline="Port Sevra expansion to double container capacity by 2028",
        kicker="Trade",
        section="economy",
        byline=("arman-sadykov",),
        dateline="PORT SEVRA",
        standfirst=(
            "A $340 million project will add two berths and a rail link at the republic's main "
            "Caspian port, the port authority said."
        ),
        lead_photo=PhotoDescription(
            label="Port Sevra quay",
            alt_text="A container ship moored at a quay under two blue cranes",
            caption=(
                "A container ship at the existing quay in Port Sevra, where two new berths will "
                "be built."
            ),
            credit=f"Ruslan Bekov/{_STAFF}",
        ),
        body=(
            Paragraph(
                "The port authority in Port Sevra will spend $340 million on two new berths and a "
                "rail link that will double the port's container capacity to 400,000 containers "
                "a year by 2028, its director said today. Work is due to start in the spring, "
                "paid for by a loan from a regional development bank and the port's own "
                "earnings."
            ),
            Paragraph(
                "Port Sevra handles most of the republic's trade across the Caspian, but its "
                "quays were built for bulk cargoes such as grain and oil. Containers now make up "
                "almost half its traffic, and ships wait two days on average for a berth in the "
                "busiest months."
            ),
            Subheading("A rail link to the north"),
            Paragraph(
                "The plan includes a rail yard that will let containers go from the quay "
                "straight onto trains to Karsan and the northern border, instead of by road. The "
                "port authority says this will take about 300 lorries a day off the coast road, "
                "which residents have long complained about."
            ),
            Figure(
                PhotoDescription(
                    label="Rail yard plan",
                    alt_text=(
                        "An architect's drawing of a rail yard with lines of wagons beside a quay"
                    ),
                    caption=(
                        "A drawing of the planned rail yard, which will link the quay to the "
                        "main line north."
                    ),
                    credit="Port Sevra Port Authority",
                )
            ),
            Paragraph(
                "Freight companies welcomed the plan but said customs checks also had to speed "
                "up. “A new berth helps, but our containers spend more time waiting for paper "
                "than waiting for cranes,” said Sevil Orujova, who runs a logistics firm in the "
                "port."
            ),
            Paragraph(
                "The project will create about 1,200 construction jobs, the port authority said. "
                "It has been delayed twice since it was first announced in 2019, when an earlier "
                "loan agreement fell through."
            ),
        ),
        tags=("Port Sevra", "Trade", "Investment"),
        hours_ago=95,
        notice=Notice(
            kind="correction",
            text=(
                "An earlier version of this story said the expansion would triple the port's "
                "container capacity. It will double it, to 400,000 containers a year."
            ),
            hours_ago=78,
        ),
    ),
    Story(
        headline="Dry spring cuts wheat forecast as Dashtan farmers count their losses",
        kicker="Agriculture",
        section="economy",
        byline=("arman-sadykov", "AFP"),
        dateline="DASHTAN",
        standfirst=(
            "The agriculture ministry now expects 1.9 million tonnes, a fifth less than last "
            "year, and says the republic may have to import wheat."
        ),
        lead_photo=PhotoDescription(
            label="Dry wheat near Dashtan",
            alt_text="A farmer crouches in a field of short, yellowed wheat under a clear sky",
            caption="A farmer checks his wheat near Dashtan after the driest spring in 20 years.",
            credit="Karim Safarov/AFP",
        ),
        body=(
            Paragraph(
                "The agriculture ministry cut its forecast for this year's wheat harvest by a "
                "fifth today, to 1.9 million tonnes, after the driest spring on the southern "
                "plains in more than twenty years. Officials said the republic might need to "
                "import up to 300,000 tonnes to keep bread prices steady."
            ),
            Paragraph(
                "In the fields around Dashtan, the main grain district, the wheat stands at half "
                "its usual height. Farmers who planted without irrigation said they expected to "
                "harvest less than half of last year's crop."
            ),
            Paragraph(
                "“We watched the sky every day in April and May, and nothing came,” said Aziz "
                "Kurbanov, who farms 80 hectares outside the town. “The plants that survived "
                "have thin ears. I will be lucky to cover my costs.”"
            ),
            Subheading("Bread prices"),
            Paragraph(
                "Bread is the largest item in the shopping of poorer families, and the "
                "government watches its price closely. The ministry said it would release grain "
                "from the state reserve if the price of flour rose by more than 10 percent."
            ),
            Paragraph(
                "Economists warned that the shortfall could slow the fall in inflation, which "
                "has eased this year as food became cheaper. The central bank has called food "
                "prices the main risk to its forecast."
            ),
            Paragraph(
                "Farmers' groups have asked the government to write off part of their seasonal "
                "loans and to speed up repairs to the old canals that once watered the plain. "
                "The ministry said it would announce a support package next month."
            ),
        ),
        tags=("Dashtan", "Inflation", "Climate"),
        hours_ago=170,
    ),
    Story(
        headline="Karsan steelworks to cut a third of its shifts as orders slump",
        kicker="Industry",
        section="economy",
        byline=("arman-sadykov",),
        dateline="KARSAN",
        standfirst=(
            "The plant, the northern city's largest employer, says no one will be laid off, but "
            "workers fear their pay will fall by a quarter."
        ),
        lead_photo=PhotoDescription(
            label="Karsan steelworks",
            alt_text="Workers in helmets stand beside a glowing ladle of molten steel",
            caption="Workers at the Karsan steelworks, which employs about 9,000 people.",
            credit=f"Ruslan Bekov/{_STAFF}",
        ),
        body=(
            Paragraph(
                "The Karsan steelworks will cut a third of its shifts from next month as orders "
                "from builders at home and abroad have slumped, its management said today. The "
                "plant employs about 9,000 people and is the largest employer in the northern "
                "city."
            ),
            Paragraph(
                "Managing director Pavel Gorin said no one would be laid off, and that workers "
                "would be offered training and maintenance work on the days the furnaces do not "
                "run. Union leaders said pay, which is tied to output, could fall by a quarter."
            ),
            Quote(
                "We have been told the same thing in every crisis: tighten your belt and wait. "
                "The belt has no more holes.",
                "Marat Ismailov, head of the steelworkers' union in Karsan",
            ),
            Subheading("The price of power"),
            Paragraph(
                "The plant's managers blame falling steel prices and the cost of electricity, "
                "which has risen by 40 percent in two years. The steelworks uses about a tenth "
                "of all the electricity consumed in the republic."
            ),
            Paragraph(
                "The energy ministry said it was discussing a lower tariff for heavy industry, "
                "but that other customers would have to pay for any discount. Karsan's city "
                "council has asked the government to bring forward a new power line from the "
                "hydroelectric plants in the south."
            ),
            Paragraph(
                "Shopkeepers in the city centre said trade had already fallen as workers put off "
                "buying furniture and cars. “When the steelworks sneezes, Karsan catches a "
                "cold,” said one."
            ),
        ),
        tags=("Karsan", "Energy", "Jobs"),
        hours_ago=230,
    ),
    Story(
        headline="Rural teachers to get a housing allowance from September",
        kicker="Education",
        section="society",
        byline=("mariam-gelashvili",),
        dateline="DASHTAN",
        standfirst=(
            "The education ministry hopes the payment will fill 1,400 empty posts in village "
            "schools, most of them in the southern districts."
        ),
        lead_photo=PhotoDescription(
            label="Village school",
            alt_text=(
                "A teacher writes on a blackboard in front of a small class in a village school"
            ),
            caption=(
                "A lesson in a village school near Dashtan, where three of the eight teaching "
                "posts are empty."
            ),
            credit=f"Ruslan Bekov/{_STAFF}",
        ),
        body=(
            Paragraph(
                "Teachers who take jobs in village schools will receive a monthly housing "
                "allowance from September, the education ministry announced today. The payment, "
                "worth about a third of a young teacher's salary, is meant to fill some 1,400 "
                "posts that have been empty for more than a year."
            ),
            Paragraph(
                "Most of the vacancies are in the southern districts around Dashtan, where many "
                "schools share one mathematics or physics teacher between several villages. "
                "Some head teachers said older pupils had gone a whole year without a chemistry "
                "lesson."
            ),
            Subheading("Who qualifies"),
            Paragraph(
                "The allowance will go to teachers in schools more than 30 kilometres from a "
                "city, for as long as they work there. Newly qualified teachers who commit to "
                "five years will also have their student loans written off."
            ),
            Paragraph(
                "“I have a flat in Dashtan and a job in a village an hour away by bus,” said "
                "Gulnara Rustamova, who teaches biology in Kyzyl Bulak. “The allowance would pay "
                "for a room in the village, and I would get two hours of my day back.”"
            ),
            Paragraph(
                "Unions welcomed the measure but said it would not be enough on its own. They "
                "want the ministry to pay for school buses and to repair teachers' housing "
                "built in the 1970s and neglected since."
            ),
        ),
        tags=("Education", "Dashtan"),
        hours_ago=60,
    ),
    Story(
        headline="Volunteers run night clinics for families who fled Kelbaran",
        kicker="Displacement",
        section="society",
        byline=("nadia-rahimova",),
        dateline="MIRABAD",
        standfirst=(
            "Doctors and medical students give up their evenings to treat children in the "
            "schools and sports halls that now shelter displaced families."
        ),
        lead_photo=PhotoDescription(
            label="Night clinic",
            alt_text=(
                "A doctor listens to a small child's chest with a stethoscope while her mother "
                "holds her"
            ),
            caption=(
                "A volunteer doctor examines a child at an evening clinic in a school gym in "
                "Mirabad."
            ),
            credit=f"Ruslan Bekov/{_STAFF}",
        ),
        body=(
            Paragraph(
                "Every evening at seven, the gym of School No. 42 in Mirabad becomes a clinic. "
                "Doctors who have finished their shifts at city hospitals set up folding tables "
                "between the camp beds, and a queue of parents and children forms at the door."
            ),
            Paragraph(
                "The clinic is one of six opened by volunteers since families began arriving "
                "from the Kelbaran valley. Most patients are children with colds, stomach "
                "infections and skin complaints that come from crowded rooms and cold water."
            ),
            Quote(
                "In the valley these families had a doctor in every village. Here they have a "
                "city full of doctors and no idea which door to knock on.",
                "Dr Samira Valiyeva, paediatrician and volunteer",
            ),
            Subheading("Medicines from neighbours"),
            Paragraph(
                "The clinics run on donations. A classroom next to the gym has become a "
                "pharmacy, with boxes of paracetamol, antibiotics and baby formula sorted on "
                "desks by medical students."
            ),
            Figure(
                PhotoDescription(
                    label="Donated medicines",
                    alt_text="Boxes of medicine sorted on school desks under a handwritten sign",
                    caption=(
                        "Donated medicines sorted by volunteers in a classroom that serves as "
                        "the clinic's pharmacy."
                    ),
                    credit=f"Ruslan Bekov/{_STAFF}",
                )
            ),
            Paragraph(
                "The health ministry has sent two mobile teams to the largest shelters and says "
                "every displaced person can be treated free at any state hospital. Volunteers "
                "said many families did not know that, or had left their papers behind and "
                "feared being turned away."
            ),
            Paragraph(
                "The city council said it would pay for heating and hot water in the schools "
                "used as shelters for as long as they were needed. Lessons for the schools' own "
                "pupils have moved to an afternoon shift."
            ),
        ),
        tags=("Displacement", "Kelbaran", "Mirabad"),
        hours_ago=36,
    ),
    Story(
        headline="Falling Caspian leaves Port Sevra's fishing boats stranded in mud",
        kicker="Climate",
        section="society",
        byline=("mariam-gelashvili", "AFP"),
        dateline="PORT SEVRA",
        standfirst=(
            "The sea has dropped by more than a metre in a decade, and fishermen in the old "
            "harbour now hire a tractor to reach the water."
        ),
        lead_photo=PhotoDescription(
            label="Boats on dry mud",
            alt_text="Wooden fishing boats lie on dry, cracked mud far from the waterline",
            caption=(
                "Fishing boats on the mud of the old harbour in Port Sevra, where the sea has "
                "retreated about 200 metres."
            ),
            credit="Lena Ostrova/AFP",
        ),
        body=(
            Paragraph(
                "The old fishing harbour of Port Sevra is now a field of cracked mud. The "
                "Caspian has fallen by more than a metre in ten years, and the water's edge is "
                "about 200 metres from the quay where the fishermen moored as young men."
            ),
            Paragraph(
                "Scientists say the sea is shrinking because hotter summers evaporate more water "
                "and less reaches it from the rivers that feed it. The republic's weather "
                "service said this year's level was the lowest since its records at Port Sevra "
                "began in 1900."
            ),
            Subheading("A tractor to the sea"),
            Paragraph(
                "Fishermen now pay a farmer to drag their boats across the mud with a tractor "
                "each morning. “My father fished from this quay, and so did I for thirty years,” "
                "said Rasim Aliyev, 61. “Now my grandson asks me why the boats live in a field.”"
            ),
            Paragraph(
                "The shallow water near the shore is also warmer, and catches of the sprat and "
                "mullet the town's fleet depends on have fallen. The fishermen's cooperative "
                "says half of its 140 boats have not gone out this season."
            ),
            Paragraph(
                "The port authority says the fall has not yet affected the deep-water container "
                "terminal, though it dredges the approach channel twice as often as a decade "
                "ago. Scientists warn the sea could fall several more metres by the end of the "
                "century."
            ),
        ),
        tags=("Port Sevra", "Climate"),
        hours_ago=140,
    ),
    Story(
        headline="Mirabad's tram line reopens after a three-year rebuild",
        kicker="Transport",
        section="society",
        byline=("mariam-gelashvili",),
        dateline="MIRABAD",
        standfirst=(
            "Trams are running again on the 14-kilometre line from the railway station to the "
            "university, with new step-free cars every six minutes at peak times."
        ),
        lead_photo=PhotoDescription(
            label="New tram on Victory Avenue",
            alt_text="A red low-floor tram at a stop on a tree-lined avenue, passengers boarding",
            caption="One of the new trams on Victory Avenue on the first day of service.",
            credit=f"Ruslan Bekov/{_STAFF}",
        ),
        body=(
            Paragraph(
                "Trams returned to the streets of Mirabad today after a three-year rebuild of "
                "the city's only line, which runs 14 kilometres from the railway station to the "
                "university. Hundreds of people queued for the first ride, some with "
                "grandchildren in tow."
            ),
            Paragraph(
                "The line closed in 2022 when inspectors found that its rails and overhead "
                "wires, laid in the 1960s, were no longer safe. The rebuild cost $95 million, "
                "most of it lent by a development bank, and finished a year late."
            ),
            Subheading("Faster and step-free"),
            Paragraph(
                "The 22 new trams have low floors that let wheelchairs and pushchairs roll "
                "straight on, and a full journey now takes 35 minutes instead of 50. Trams will "
                "run every six minutes at peak times, from 5.30am to midnight."
            ),
            Paragraph(
                "Shopkeepers on Victory Avenue, dug up for most of the works, hope their "
                "customers will come back. “Three years of dust and fences,” said Elmira "
                "Gasanova, who runs a bakery near the opera house. “Today is the first day I "
                "have seen people stop to look in the window.”"
            ),
            Paragraph(
                "The city council wants to build a second line to the new housing districts in "
                "the north but has not found the money. A ticket costs the same as on the "
                "buses, and the new travel cards work on both."
            ),
        ),
        tags=("Mirabad", "Transport", "Investment"),
        hours_ago=215,
    ),
    # Not on the site yet: a draft waiting for its facts to be checked, and a story scheduled
    # for tomorrow morning, so the admin's drafts and schedule have something in them.
    Story(
        headline="Aid convoy reaches the upper Kelbaran villages",
        kicker="Kelbaran conflict",
        section="security",
        byline=("nadia-rahimova",),
        dateline="KELBARAN",
        standfirst=(
            "Twelve lorries of flour, blankets and medicines crossed the front line during a "
            "six-hour pause in the shelling."
        ),
        lead_photo=PhotoDescription(
            label="Aid convoy",
            alt_text="White lorries with relief markings drive along a mountain road",
            caption="An aid convoy on the valley road above Yeni Kend.",
            credit=f"Nadia Rahimova/{_STAFF}",
        ),
        body=(
            Paragraph(
                "A convoy of twelve lorries carrying flour, blankets and medicines reached the "
                "villages of the upper Kelbaran valley today, the first aid to cross the front "
                "line since the ceasefire broke down. [Check the number of lorries with the "
                "Civil Protection Agency.]"
            ),
            Paragraph(
                "The convoy left Yeni Kend at dawn after both sides agreed a six-hour pause in "
                "the shelling. Drivers said they passed burnt-out cars and two damaged bridges "
                "on the way up."
            ),
            Paragraph(
                "Village elders said about 8,000 people remain in the upper valley, most of "
                "them elderly. “The young ones went to Mirabad,” one said. “The old ones stayed "
                "with the cows.”"
            ),
            Paragraph(
                "Relief workers hope to send a second convoy next week if the pause holds. "
                "[Waiting for comment from the interior ministry.]"
            ),
        ),
        tags=("Kelbaran", "Displacement"),
        hours_ago=0,
        status=Status.DRAFT,
    ),
    Story(
        headline="What next year's budget means for Karsan",
        kicker="Budget",
        section="economy",
        byline=("arman-sadykov",),
        dateline="MIRABAD",
        standfirst=(
            "A new boiler for the city's heating and cheaper power for the steelworks, paid for "
            "by shops and offices."
        ),
        lead_photo=PhotoDescription(
            label="Budget papers",
            alt_text="A stack of thick printed documents on a desk in parliament",
            caption="Copies of the draft budget handed to deputies in parliament.",
            credit="File",
        ),
        body=(
            Paragraph(
                "The government's draft budget for next year sets aside $60 million for a new "
                "gas-fired boiler in Karsan, after a winter in which thousands of flats in the "
                "city went without heating. The money will be spent over two years, the finance "
                "ministry said."
            ),
            Subheading("Help for heavy industry"),
            Paragraph(
                "The budget also brings a lower electricity tariff for the steelworks and other "
                "heavy industry, paid for by a small rise for shops and offices. The finance "
                "minister said the discount would save about 2,000 jobs in the north."
            ),
            Paragraph(
                "Opposition deputies said the budget did too little for the towns around "
                "Karsan, whose bus service to the city has been cut twice in three years. "
                "Parliament will debate the draft for the first time next month."
            ),
            Paragraph(
                "Karsan's acting governor welcomed the boiler but said the city also needed new "
                "pipes. “A new heart does not help if the veins are blocked,” he said."
            ),
        ),
        tags=("Karsan", "Energy"),
        hours_ago=-24,
        status=Status.SCHEDULED,
    ),
)
