# ruff: noqa: E501 (the tables of what each file says read one file a line)
"""Every file of ../shared/data/wire/ and ../shared/data/feeds/ ingests, with what each says.

Skips when the shared folder is absent; the project's own fixtures (test_parsers.py) cover the
same formats.
"""

from datetime import datetime

import pytest

from newsdesk.articles.models import Article
from newsdesk.wire.models import IncomingItem
from newsdesk.wire.parsers import parse
from newsdesk.wire.services import ingest_bytes
from tests.wire.conftest import SHARED

pytestmark = pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/data is not here")

# path: items, headline, byline, agency, dateline, language, version created, picture credits
FILES = {
    "wire/ninjs-3.0/20231004-UEFA-ChampionLeague.json": (1, "Champions League 2023/2024 - Group E - Atlético de Madrid-Feyenoord", "", "", "", "", None, []),
    "wire/ninjs-3.0/20231005-65-addb-event.json": (1, '4th International Congress \\"Sport, Doping & Society\\"', "", "", "", "en", "2023-10-05T08:45:55+02:00", []),
    "wire/ninjs-3.0/20231008-anti-doping-measures-at-the-tour-down-under-will-be-the-toughest-ever-addb-ninjs-nitf.json": (1, "Anti-doping measures at the 'Tour Down Under' will be the toughest ever", "Trond Husø, The Anti-Doping Database", "", "Oslo, Norway", "en", "2023-10-08T02:34:03+02:00", []),
    "wire/ninjs-3.0/20231016-addb-example-press-conference.json": (1, "World Anti", "", "", "", "", None, []),
    "wire/ninjs-3.0/SIPA_image_3.json": (1, "Italy: Italy Demonstration of the workers congresses and conferences", "Insidefoto", "SIPA USA", "", "en", "2020-10-27T15:35:19+00:00", ["Insidefoto"]),
    "wire/ninjs-3.0/ap_audio.json": (1, "Next up in impeachment hearings: A parade of key witnesses", "", "", "CAPITOL HILL", "en", "2019-11-14T16:17:53+00:00", []),
    "wire/ninjs-3.0/ap_image.json": (1, "Turkey Islamic State", "", "ASSOCIATED PRESS", "", "en", "2019-11-15T14:39:44+00:00", ["ASSOCIATED PRESS"]),
    "wire/ninjs-3.0/ap_video.json": (1, "House leaders double down on impeachment positions", "", "", "Washington", "en", "2019-11-14T18:50:57+00:00", []),
    "wire/ninjs-3.0/businesswire-newsml-20130605006126.json": (1, "Cambrios被Gartner評選為「最酷供應商」", "", "", "", "zh", "2013-06-05T21:00:00+00:00", []),
    "wire/ninjs-3.0/businesswire-newsml-20130731006140.json": (1, "Lunch Taking a Toll? Let Applebee’s® Industrial Strength Lunch Decoy Stand In", "", "", "", "en", "2013-07-31T15:32:00+00:00", [""]),
    "wire/ninjs-3.0/collection_20231016-event-timeline-sample.json": (14, "Athlete uses medicine containing prohibited substance", "", "", "", "", None, []),
    "wire/ninjs-3.0/dpa_text.json": (1, "Faktencheck Derby-Elfmeter: Hat Schiedsrichter Zwayer recht?", "Von Christian Hollmann, dpa", "dpa", "", "de", "2019-05-10T16:02:28+02:00", []),
    "wire/ninjs-3.0/imageEncodedRights.json": (1, "MotoGP - Spain - Valentino Rossi", "John Smith", "", "", "", "2013-07-08T08:12:00+00:00", ["John Smith"]),
    "wire/ninjs-3.0/imageLinkedRights.json": (1, "MotoGP - Spain - Valentino Rossi", "John Smith", "", "", "", "2013-07-08T08:12:00+00:00", ["John Smith"]),
    "wire/ninjs-3.0/ninjsExSimpleText_3.json": (1, "Captain of wrecked cruise ship on trial in Italy", "Paulo Santalucia and Frances d'Emilio", "", "", "", "2013-07-09T10:37:00+00:00", []),
    "wire/ninjs-3.0/ntb_text.json": (1, "Google har kjøpt giganttomt i Skien", "NTB", "NTB", "", "nb-NO", "2019-08-09T09:46:53+00:00", []),
    "wire/ninjs-3.0/simpleEvent.json": (1, "Tackling Doping in Sport Conference", "", "addb", "", "en", "2023-10-04T08:16:21+02:00", []),
    "wire/ninjs-3.0/tt_event_pressconference_3.0.json": (1, "Pk med finansminister Elisabeth Svantesson kl 16", "", "TT", "", "sv", "2023-10-05T14:27:32+02:00", []),
    "wire/ninjs-3.0/tt_text_image_3.json": (1, "Militärövning i jätteformat hålls 2023", "", "TT", "", "sv", "2021-05-26T13:40:18+02:00", ["Karl Melander/TT"]),
    "wire/newsml-1.2/businesswire-newsml-20130515006361.xml": (1, "Dell Redefines Workstation Computing Boundaries with Smallest Tower and Most Powerful Rack Workstations", "", "Business Wire", "ROUND ROCK, Texas", "en", "2013-05-16T04:01:00+00:00", ["", "", ""]),
    "wire/newsml-1.2/businesswire-newsml-20130605006126.xml": (1, "Cambrios被Gartner評選為「最酷供應商」", "", "Business Wire", "加州桑尼維爾", "zh", "2013-06-05T21:00:00+00:00", [""]),
    "wire/newsml-1.2/businesswire-newsml-20130612006110.xml": (1, "APP发布“2020 可持续发展路线图”第三次工作进展报告，并将继续落实森林保护政策", "", "Business Wire", "印尼雅加达", "zh", "2013-06-12T15:29:00+00:00", [""]),
    "wire/newsml-1.2/businesswire-newsml-20130731006140.xml": (1, "Lunch Taking a Toll? Let Applebee’s® Industrial Strength Lunch Decoy Stand In", "", "Business Wire", "KANSAS CITY, Mo.", "en", "2013-07-31T15:32:00+00:00", ["", ""]),
    "wire/newsml-g2/LISTING_1_A_NewsML-G2_News_Item.xml": (1, 'Fed to halt QE to avert "bubble"', "Meredith Jameson", "REUTERS", "Berlin", "en-GB", "2018-10-21T16:25:32-05:00", []),
    "feeds/content-encoded.rss": (7, "THE CREATIVE FORAGER", "Jeremy Puma", "Food in Invironment on Medium", "", "", "2018-04-09T19:39:12.675000+00:00", []),
    "feeds/feedburner.atom": (25, "AdWords and DFP Java client library will soon require Java 7+", "Google Ads Developer Advisor", "Google Ads Developer Blog", "", "", "2016-06-03T07:38:22.568000-07:00", []),
    "feeds/heise.atom": (15, "Java-Anwendungsserver: Red Hat gibt WildFly 10 frei", "heise online", "heise developer neueste Meldungen", "", "", "2016-02-01T17:54:50+01:00", []),
    "feeds/rss-1.rss": (69, "Food for fungi", "Hines, P. J.", "American Association for the Advancement of Science", "", "", "2017-06-15T10:29:47-07:00", []),
    "feeds/uolNoticias.rss": (15, "Ibope: Bolsonaro perde de Haddad, Ciro e Alckmin em simulações de 2º turno", "", "UOL Noticias", "", "", "2018-09-24T19:42:40-03:00", []),
}  # fmt: skip


def test_every_shared_file_is_listed():
    found = {
        str(p.relative_to(SHARED))
        for folder in ("wire", "feeds")
        for p in (SHARED / folder).rglob("*")
        if p.is_file() and p.name != "LICENSE"
    }
    assert found == set(FILES)


@pytest.mark.parametrize("path", sorted(FILES))
def test_each_shared_file_parses_with_what_it_says(path):
    count, headline, byline, agency, dateline, language, created, credits = FILES[path]
    items = parse((SHARED / path).read_bytes())
    assert len(items) == count
    item = items[0]
    assert item.headline == headline
    assert (item.byline, item.agency, item.dateline_place) == (byline, agency, dateline)
    assert item.language == language
    assert item.version_created == (datetime.fromisoformat(created) if created else None)
    assert [p.credit for p in item.pictures] == credits
    assert all(p.href for p in item.pictures)


@pytest.mark.django_db
@pytest.mark.parametrize("path", sorted(FILES))
def test_each_shared_file_ingests_without_error(path, source):
    outcomes = ingest_bytes((SHARED / path).read_bytes(), name=path, source=source)
    assert outcomes and not [o.message for o in outcomes if o.failed]
    items = IncomingItem.objects.filter(uri__in=[o.item.uri for o in outcomes])
    for item in items:
        if item.story_id:
            assert item.story.headline == item.headline[:255]
            assert not item.story.live
    # Stories for text; pictures, video, audio and events wait on the desk.
    assert Article.objects.count() == items.exclude(story=None).count()


@pytest.mark.django_db
def test_the_newsml_g2_listing_is_embargoed_and_its_story_says_so(source):
    ingest_bytes(
        (SHARED / "wire/newsml-g2/LISTING_1_A_NewsML-G2_News_Item.xml").read_bytes(), source=source
    )
    story = Article.objects.get()
    assert story.embargo_until.isoformat() == "2018-10-23T12:00:00+00:00"
    assert story.dateline == "Berlin"
