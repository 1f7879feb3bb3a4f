"""The site's addresses (newsdesk/config/urls.py)."""

import pytest
from django.urls import reverse
from wagtail.documents import get_document_model

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("digits", [19, 4301, 5000])
def test_a_document_id_longer_than_any_is_not_found(client, digits):
    """Past Python's 4,300-digit limit for int(), Wagtail's pattern made the query raise: a 500."""
    assert client.get(f"/documents/{'9' * digits}/report.txt").status_code == 404


def test_documents_are_served_at_wagtails_addresses(client):
    from django.core.files.base import ContentFile

    document = get_document_model().objects.create(
        title="Annual report", file=ContentFile(b"%PDF-1.4 report", name="report.pdf")
    )
    # The storage names a second "report.pdf" otherwise ("report_AbCd123.pdf").
    address = reverse("wagtaildocs_serve", args=(document.pk, document.filename))
    assert address == f"/documents/{document.pk}/{document.filename}"
    response = client.get(address)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 report"
