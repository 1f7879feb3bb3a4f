"""The neutral wire item: what every parser makes of one agency item, whatever its format."""

import hashlib
import json
from dataclasses import asdict, dataclass, field, fields
from datetime import datetime

#: pubStatus values that withdraw an item already sent (a kill).
WITHDRAWN = {"canceled", "cancelled", "withheld", "kill", "killed", "withdrawn"}
#: Item kinds that become stories; pictures, video, audio and events wait on the desk.
STORY_KINDS = {"text", "composite", "package"}
#: Item kinds that are a picture (as the formats name them): a picture item's file goes to the
#: photo library when it can be fetched; an association of these kinds is a story's picture.
PICTURE_KINDS = {"picture", "graphic", "image"}


@dataclass
class ParsedPicture:
    """A picture sent with an item (or as the item): where to fetch it and its words."""

    href: str = ""
    caption: str = ""
    credit: str = ""
    alt_text: str = ""
    width: int | None = None
    height: int | None = None
    mime_type: str = ""


@dataclass
class ParsedItem:
    """One agency item in the newsroom's words; `body_html` is already sanitised."""

    format: str
    uri: str = ""
    version: str = ""
    kind: str = "text"
    status: str = "usable"
    headline: str = ""
    standfirst: str = ""
    body_html: str = ""
    byline: str = ""
    #: Who the copy is credited to in a byline: the provider, copyright holder or credit line.
    agency: str = ""
    credit_line: str = ""
    copyright_holder: str = ""
    provider: str = ""
    dateline_place: str = ""
    dateline_date: datetime | None = None
    language: str = ""
    tags: list[str] = field(default_factory=list)
    urgency: int | None = None
    first_created: datetime | None = None
    version_created: datetime | None = None
    embargo: datetime | None = None
    link: str = ""
    pictures: list[ParsedPicture] = field(default_factory=list)
    #: What the parser changed or could not read, for the ingest log ("a script was removed").
    notes: list[str] = field(default_factory=list)

    @property
    def withdrawn(self) -> bool:
        return self.status.lower() in WITHDRAWN

    @property
    def makes_story(self) -> bool:
        return self.kind in STORY_KINDS

    @property
    def is_picture(self) -> bool:
        return self.kind in PICTURE_KINDS

    def to_json(self) -> dict:
        """A JSON-ready dict (dates as ISO text), as stored with each version."""
        data = asdict(self)
        for key, value in data.items():
            if isinstance(value, datetime):
                data[key] = value.isoformat()
        return data

    @classmethod
    def from_json(cls, data: dict) -> "ParsedItem":
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in known}
        for key in ("dateline_date", "first_created", "version_created", "embargo"):
            if values.get(key):
                values[key] = datetime.fromisoformat(values[key])
        values["pictures"] = [ParsedPicture(**p) for p in values.get("pictures", [])]
        return cls(**values)

    def content_hash(self) -> str:
        """Changes when anything an editor would see changes; not with the notes."""
        data = self.to_json()
        data.pop("notes")
        return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()


#: The fields compared when a new version arrives, with the words the desk shows.
COMPARED = {
    "headline": "headline",
    "standfirst": "standfirst",
    "body_html": "body",
    "byline": "byline",
    "dateline_place": "dateline",
    "tags": "tags",
    "embargo": "embargo",
    "pictures": "pictures",
    "urgency": "urgency",
}


def changes_between(old: "ParsedItem", new: "ParsedItem") -> list[str]:
    """What an editor should know changed from `old` to `new`, in words."""
    said = []
    for name, label in COMPARED.items():
        before, after = getattr(old, name), getattr(new, name)
        if before == after:
            continue
        if name in ("headline", "dateline_place", "byline", "urgency", "embargo"):
            said.append(f"{label}: {before or '(none)'} → {after or '(none)'}")
        elif name == "tags":
            added, removed = set(after) - set(before), set(before) - set(after)
            parts = [f"+{t}" for t in sorted(added)] + [f"-{t}" for t in sorted(removed)]
            said.append(f"tags: {', '.join(parts)}")
        else:
            said.append(f"{label} changed")
    return said
