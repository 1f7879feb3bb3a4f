"""The demo's live coverage: a day of the Kelbaran offensive, as plain data.

Invented like the rest of the demo (content.py): the republic, its valley, its people and its
figures. Built like the live pages regional outlets run on a day of fighting: casualty figures
revised by the UN, statements from the capital and from neighbouring states, agency copy beside
staff reports, a key event summary, a pinned "what we know", one correction and one withdrawal.
Entry text is written in the composer's plain text (newsdesk/live/entry_text.py).
"""

from dataclasses import dataclass

from newsdesk.demo.content import Paragraph, PhotoDescription, Story


@dataclass(frozen=True)
class Entry:
    #: When it was posted, in hours before the demo is loaded.
    hours_ago: float
    text: str
    headline: str = ""
    #: Author slugs and at most one agency short name.
    byline: tuple[str, ...] = ()
    key_event: bool = False
    pinned: bool = False
    #: A correction made later: (hours ago, the corrected text, the note readers see).
    correction: tuple[float, str, str] | None = None
    #: Withdrawn later: (hours ago, why).
    withdrawn: tuple[float, str] | None = None


STORY = Story(
    headline="Kelbaran offensive: live updates",
    kicker="Live",
    section="security",
    byline=("nadia-rahimova", "AFP"),
    dateline="MIRABAD",
    standfirst=(
        "Government forces push into the upper Kelbaran valley for a second day; the UN revises "
        "its count of the displaced as Mirabad and its neighbours trade warnings."
    ),
    lead_photo=PhotoDescription(
        label="Kelbaran: armoured column",
        alt_text="Armoured vehicles on a mountain road under a grey sky, seen from a hillside",
        caption="A government armoured column on the road above Yeni Kend.",
        credit="Karim Safarov/AFP",
    ),
    body=(
        Paragraph(
            "Government troops began a ground offensive into the upper Kelbaran valley before "
            "dawn on Monday, after ten days of shelling that emptied dozens of villages."
        ),
        Paragraph(
            "The interior ministry says the operation will end only when the Kelbaran "
            "Self-Defence Council withdraws from the border posts it took last month. The "
            "council says it will defend the valley's villages."
        ),
        Paragraph(
            "Relief workers say more than 60,000 people have fled to Mirabad and the towns of "
            "the plain. The valley road above Yeni Kend is closed to journalists."
        ),
        Paragraph(
            "Our correspondents in Mirabad and on the plain, and agency reporters, follow the "
            "day here. Times are local."
        ),
    ),
    tags=("Kelbaran", "Displacement", "Border"),
    hours_ago=24,
)

ENTRIES: tuple[Entry, ...] = (
    Entry(
        23.5,
        "Residents of Yeni Kend reached by telephone say they heard artillery from about "
        "04:30, followed by the sound of tracked vehicles on the valley road.\n\n"
        "The interior ministry has not yet commented.",
        headline="Artillery heard before dawn",
        byline=("nadia-rahimova",),
    ),
    Entry(
        22.8,
        "The interior ministry confirms that a ground operation has begun in the upper "
        "Kelbaran valley.\n\n"
        "> Our forces will restore the state's authority over every border post in the "
        "valley, and will stop when that is done.\n"
        "-- Farid Osmanov, interior minister",
        headline="Ministry confirms ground offensive",
        byline=("AFP",),
        key_event=True,
    ),
    Entry(
        21.0,
        "The Kelbaran Self-Defence Council says its fighters are holding positions above the "
        "village of Ashaghi Zeyva and accuses the army of shelling houses.\n\n"
        "Its statement could not be checked independently.",
        byline=("AFP",),
    ),
    Entry(
        19.5,
        "Cars, tractors and lorries loaded with mattresses are queuing at the Yeni Kend "
        "checkpoint, where police are checking papers one family at a time.\n\n"
        "A woman from Ashaghi Zeyva, travelling with four children, said they had left "
        "with what fitted in one car.",
        headline="Queues at the Yeni Kend checkpoint",
        byline=("nadia-rahimova",),
    ),
    Entry(
        18.0,
        "What we know so far:\n\n"
        "Government forces began a ground offensive into the upper Kelbaran valley before "
        "dawn.\n\n"
        "The UN's humanitarian office now counts more than 84,000 people displaced since the "
        "ceasefire collapsed.\n\n"
        "Mirabad says the operation will end when the council leaves the border posts; "
        "neighbouring states have called for the Sevan Kala talks to resume.",
        headline="What we know",
        byline=("nadia-rahimova", "mariam-gelashvili"),
        pinned=True,
    ),
    Entry(
        17.2,
        "The UN's humanitarian office says 84,300 people have been displaced since the "
        "ceasefire collapsed, up from 61,400 registered by the Civil Protection Agency at "
        "the weekend.\n\n"
        "Half of them are children, the office says. Shelters in Mirabad are full and new "
        "arrivals are being sent to schools on the plain.",
        headline="UN: more than 84,000 displaced",
        byline=("Reuters",),
        key_event=True,
        correction=(
            15.0,
            "The UN's humanitarian office says 84,300 people have been displaced since the "
            "ceasefire collapsed, up from 61,400 registered by the Civil Protection Agency at "
            "the weekend.\n\n"
            "About half of them are children, the office says. Shelters in Mirabad are full "
            "and new arrivals are being sent to schools on the plain.",
            "An earlier version said exactly half of the displaced were children; the UN "
            "says about half.",
        ),
    ),
    Entry(
        15.5,
        "Unconfirmed reports on social media say government troops have entered Ashaghi Zeyva.",
        byline=("nadia-rahimova",),
        withdrawn=(
            14.5,
            "The reports could not be confirmed; the council and the ministry both deny that "
            "troops entered the village.",
        ),
    ),
    Entry(
        13.0,
        "Neighbouring states' foreign ministers have issued a joint statement calling for "
        "an immediate halt to the fighting and a return to the Sevan Kala talks.\n\n"
        "> The text of the ceasefire is still on the table. We ask both sides to come back "
        "to it this week.\n"
        "-- Joint statement of the foreign ministers",
        headline="Neighbours call for return to Sevan Kala talks",
        byline=("mariam-gelashvili",),
        key_event=True,
    ),
    Entry(
        11.5,
        "Mirabad answers: the foreign ministry says it welcomes the call for talks but that "
        "the operation will continue \u201cuntil the border posts are returned.\u201d",
        byline=("mariam-gelashvili",),
    ),
    Entry(
        10.0,
        "The sports palace in Mirabad has opened a second hall to families. Volunteers are "
        "asking for blankets, baby food and phone chargers.\n\n"
        "The city's bus company says it has added night buses from the plain towns.",
        headline="Mirabad opens more shelters",
        byline=("nadia-rahimova",),
    ),
    Entry(
        8.0,
        "The army says it has taken back two of the four border posts the council seized "
        "last month. The council says it withdrew from them to protect civilians.",
        headline="Army says two border posts retaken",
        byline=("AFP",),
        key_event=True,
    ),
    Entry(
        6.0,
        "The Red Crescent says a convoy of eleven lorries with food and medicine is waiting "
        "at Yeni Kend for permission to go up the valley.",
        byline=("Reuters",),
    ),
    Entry(
        4.0,
        "Parliament will hold a closed session on the offensive tomorrow morning, its "
        "speaker says. Opposition deputies have asked for the interior minister to attend.",
        byline=("mariam-gelashvili",),
    ),
    Entry(
        2.0,
        "The Red Crescent convoy has been allowed through the Yeni Kend checkpoint, the "
        "organisation says. It expects to reach the first villages before nightfall.",
        headline="Aid convoy allowed into the valley",
        byline=("Reuters",),
        key_event=True,
    ),
    Entry(
        0.5,
        "Shelling has eased in the last hour, residents of Yeni Kend say. We will follow the "
        "night here.",
        byline=("nadia-rahimova",),
    ),
)

#: A contributor's draft waiting for an editor, and an editor's entry scheduled for later.
DRAFT = Entry(
    0,
    "Families sleeping at the sports palace say they have had no news of relatives who "
    "stayed in the upper villages.",
    byline=("nadia-rahimova",),
)
SCHEDULED_IN_HOURS = 2
SCHEDULED = Entry(
    -SCHEDULED_IN_HOURS,
    "Parliament's closed session on the offensive begins. We will bring what members say "
    "afterwards.",
    byline=("mariam-gelashvili",),
)
