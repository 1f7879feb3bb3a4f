"""A queued message comes back from its JSON form as the message that was queued."""

import json
from email.mime.application import MIMEApplication

from django.core.mail import EmailMessage, EmailMultiAlternatives

from newsdesk.outbox.messages import message_from_dict, message_to_dict


def round_trip(message: EmailMessage) -> EmailMessage:
    return message_from_dict(json.loads(json.dumps(message_to_dict(message))))


def test_a_plain_message_keeps_every_field():
    message = EmailMessage(
        "Борис replied to your comment",
        "Привет\nI disagree.",
        "Newsdesk <news@example.org>",
        ["anna@example.org"],
        bcc=["audit@example.org"],
        cc=["desk@example.org"],
        reply_to=["letters@example.org"],
        headers={"List-Unsubscribe": "<https://news.example.org/u/x/>"},
    )
    again = round_trip(message)
    assert type(again) is EmailMessage
    for name in ("subject", "body", "from_email", "to", "cc", "bcc", "reply_to", "extra_headers"):
        assert getattr(again, name) == getattr(message, name), name
    assert again.recipients() == message.recipients()
    assert again.message()["List-Unsubscribe"] == "<https://news.example.org/u/x/>"


def test_html_alternatives_and_attachments_survive():
    message = EmailMultiAlternatives("Subject", "text", "a@example.org", ["b@example.org"])
    message.attach_alternative("<p>text</p>", "text/html")
    message.attach("notes.txt", "plain notes", "text/plain")
    message.attach("photo.bin", b"\x00\xffbytes", "application/octet-stream")
    message.attach(MIMEApplication(b"%PDF-1.4", "pdf", Name="letter.pdf"))
    again = round_trip(message)
    assert type(again) is EmailMultiAlternatives
    assert list(again.alternatives) == [("<p>text</p>", "text/html")]
    assert list(again.attachments[:2]) == [
        ("notes.txt", "plain notes", "text/plain"),
        ("photo.bin", b"\x00\xffbytes", "application/octet-stream"),
    ]
    pdf = again.attachments[2]
    assert pdf.get_content_type() == "application/pdf"
    assert pdf.get_payload(decode=True) == b"%PDF-1.4"
    assert b"%PDF-1.4" not in again.message().as_bytes()  # still base64 inside the email


def test_an_html_only_message_stays_html():
    message = EmailMessage("Subject", "<p>Hello</p>", "a@example.org", ["b@example.org"])
    message.content_subtype = "html"
    assert round_trip(message).message().get_content_type() == "text/html"
