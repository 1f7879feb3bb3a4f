"""An email message as plain JSON, so it can wait in the task queue and be rebuilt to be sent."""

import base64
from email import message_from_bytes
from email.mime.base import MIMEBase

from django.core.mail import EmailMessage, EmailMultiAlternatives


def message_to_dict(message: EmailMessage) -> dict:
    """Everything needed to rebuild `message`, in JSON types."""
    return {
        "subject": str(message.subject),
        "body": str(message.body),
        "from_email": message.from_email,
        "to": list(message.to),
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "headers": {str(name): str(value) for name, value in message.extra_headers.items()},
        "content_subtype": message.content_subtype,
        "encoding": str(message.encoding) if message.encoding else None,
        "alternatives": [
            [_content_to_json(content), mimetype]
            for content, mimetype in getattr(message, "alternatives", [])
        ],
        "attachments": [_attachment_to_json(attachment) for attachment in message.attachments],
    }


def message_from_dict(data: dict) -> EmailMessage:
    """The message `message_to_dict` described."""
    message_class = EmailMultiAlternatives if data["alternatives"] else EmailMessage
    message = message_class(
        subject=data["subject"],
        body=data["body"],
        from_email=data["from_email"],
        to=data["to"],
        cc=data["cc"],
        bcc=data["bcc"],
        reply_to=data["reply_to"],
        headers=data["headers"],
    )
    message.content_subtype = data["content_subtype"]
    if data["encoding"]:
        message.encoding = data["encoding"]
    for content, mimetype in data["alternatives"]:
        message.attach_alternative(_content_from_json(content), mimetype)
    for attachment in data["attachments"]:
        if "mime" in attachment:
            message.attach(_mime_part(base64.b64decode(attachment["mime"])))
        else:
            message.attach(
                attachment["filename"],
                _content_from_json(attachment["content"]),
                attachment["mimetype"],
            )
    return message


def _content_to_json(content: str | bytes) -> str | dict:
    if isinstance(content, bytes):
        return {"base64": base64.b64encode(content).decode("ascii")}
    return str(content)


def _content_from_json(content: str | dict) -> str | bytes:
    if isinstance(content, dict):
        return base64.b64decode(content["base64"])
    return content


def _attachment_to_json(attachment) -> dict:
    if isinstance(attachment, MIMEBase):
        return {"mime": base64.b64encode(attachment.as_bytes()).decode("ascii")}
    filename, content, mimetype = attachment
    return {"filename": filename, "content": _content_to_json(content), "mimetype": mimetype}


def _mime_part(raw: bytes) -> MIMEBase:
    """A MIME part again (Django attaches only MIMEBase objects as they are)."""
    parsed = message_from_bytes(raw)
    part = MIMEBase(parsed.get_content_maintype(), parsed.get_content_subtype())
    for name in list(part.keys()):
        del part[name]
    for name, value in parsed.items():
        part[name] = value
    part.set_payload(parsed.get_payload())
    return part
