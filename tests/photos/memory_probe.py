"""Measure how much memory one photo operation adds to a fresh process.

    python -m tests.photos.memory_probe migrate DB
    python -m tests.photos.memory_probe upload DB FILE [single|multiple|chooser]
    python -m tests.photos.memory_probe render DB FILE
    python -m tests.photos.memory_probe jpeg FILE WIDTH HEIGHT

`upload` posts FILE to an admin upload view as a superuser; `render` stores FILE as a photo
through the ORM (as an import would) and makes every rendition the reader pages use. Each
prints one JSON line: what happened and `growth_mb`, the peak resident memory during the
operation less the resident memory just before it.

The peak is `resource.getrusage(RUSAGE_SELF).ru_maxrss`, read in a process forked here: a
process started by another inherits its parent's peak through exec (a child of a 500 MB pytest
reports 500 MB before it does anything), which would hide the growth being measured. Growth is
counted from the resident size just before the operation, not from the earlier peak, so setup
work cannot hide it either.
"""

import json
import os
import re
import resource
import sys
import traceback
import zlib
from pathlib import Path

SETTINGS = "newsdesk.config.settings.test"


def resident_mb() -> float:
    with open("/proc/self/statm") as statm:
        pages = int(statm.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def write_blank_png(path: Path, width: int, height: int) -> None:
    """A black RGB PNG written row by row: 11000 × 11000 takes 350 KB and no memory to make."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return len(data).to_bytes(4, "big") + body + zlib.crc32(body).to_bytes(4, "big")

    header = width.to_bytes(4, "big") + height.to_bytes(4, "big") + bytes([8, 2, 0, 0, 0])
    row = bytes(1 + 3 * width)  # filter byte, then black pixels
    packer = zlib.compressobj(9)
    with path.open("wb") as out:
        out.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header))
        for _ in range(height):
            packed = packer.compress(row)
            if packed:
                out.write(chunk(b"IDAT", packed))
        out.write(chunk(b"IDAT", packer.flush()) + chunk(b"IEND", b""))


def _setup(database: str) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = SETTINGS
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ.pop("REDIS_URL", None)
    os.environ.setdefault("NEWSDESK_DATA_DIR", str(Path(database).parent))
    import django

    django.setup()


def migrate(database: str) -> dict:
    _setup(database)
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connections

    call_command("migrate", verbosity=0)
    get_user_model().objects.create_superuser("probe", "probe@example.org", "probe")
    connections.close_all()  # SQLite folds its write-ahead log into the file: copies see it all
    return {"migrated": database}


def _admin_client():
    from django.contrib.auth import get_user_model
    from django.test import Client

    client = Client()
    # force_login: the probe measures an upload, not django-axes' sign-in, which wants a request.
    client.force_login(get_user_model().objects.get(username="probe"))
    return client


def _post(client, view: str, path: Path) -> dict:
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    upload = SimpleUploadedFile(path.name, path.read_bytes())
    fields = {"title": path.stem, "alt_text": "Probe", "collection": "1"}
    if view == "multiple":
        response = client.post(reverse("wagtailimages:add_multiple"), {"files[]": upload})
        data = response.json()
        return {"status": response.status_code, "accepted": data["success"], **data}
    if view == "chooser":
        url = reverse("wagtailimages_chooser:create")
        prefixed = {f"image-chooser-upload-{name}": value for name, value in fields.items()}
        response = client.post(url, {**prefixed, "image-chooser-upload-file": upload})
        data = response.json()
        accepted = data["step"] == "chosen"
        return {"status": response.status_code, "accepted": accepted, **_errors(data)}
    response = client.post(reverse("wagtailimages:add"), {**fields, "file": upload})
    accepted = response.status_code == 302
    return {"status": response.status_code, "accepted": accepted, **_errors(response)}


def _errors(answer) -> dict:
    """The error messages an admin page or chooser fragment shows, as text."""
    html = answer.get("htmlFragment", "") if isinstance(answer, dict) else answer.content.decode()
    found = re.findall(r'class="error-message">\s*(.*?)\s*</p>', html, re.DOTALL)
    return {"error_message": " ".join(found)}


def upload(database: str, file: str, view: str = "multiple") -> dict:
    _setup(database)
    from tests.photos.memory_probe import _post as post  # the same code, warmed below

    client = _admin_client()
    warm = Path(database).parent / "warm.png"
    write_blank_png(warm, 64, 48)
    post(client, view, warm)  # imports, templates and the first query paid before measuring
    path = Path(file)
    return _measured(lambda: post(client, view, path))


def render(database: str, file: str) -> dict:
    _setup(database)
    from django.core.files.images import ImageFile

    from newsdesk.photos.models import Photo
    from newsdesk.photos.renditions import all_filter_specs

    specs = [*all_filter_specs(), "max-165x165"]
    warm = Path(database).parent / "warm.png"
    write_blank_png(warm, 64, 48)

    def store_and_render(path: Path) -> dict:
        with path.open("rb") as handle:
            photo = Photo(title=path.stem, alt_text="Probe", file=ImageFile(handle, path.name))
            photo.save()
        renditions = photo.get_renditions(*specs)
        return {
            "accepted": True,
            "size": [photo.width, photo.height],
            "renditions": {spec: [r.width, r.height] for spec, r in renditions.items()},
        }

    store_and_render(warm)
    return _measured(lambda: store_and_render(Path(file)))


def _measured(operation) -> dict:
    before = resident_mb()
    try:
        result = operation()
    except Exception as error:
        result = {"accepted": False, "error": f"{type(error).__name__}: {error}"}
    return {**result, "growth_mb": round(peak_mb() - before, 1), "resident_mb": round(before, 1)}


def jpeg(file: str, width: str, height: str) -> dict:
    """A press-photo-sized JPEG with some detail in it, made in its own process."""
    from PIL import Image, ImageDraw

    picture = Image.radial_gradient("L").resize((int(width), int(height))).convert("RGB")
    draw = ImageDraw.Draw(picture)
    for x in range(0, int(width), 97):
        draw.line([(x, 0), (int(width) - x, int(height))], fill=(200, 40, 40), width=9)
    picture.save(file, "JPEG", quality=90)
    return {"written": file, "bytes": os.path.getsize(file)}


COMMANDS = {"migrate": migrate, "upload": upload, "render": render, "jpeg": jpeg}


def main(argv: list[str]) -> int:
    command, *args = argv
    read, write = os.pipe()
    child = os.fork()  # a fresh peak: see the module's docstring
    if child == 0:
        os.close(read)
        try:
            os.write(write, json.dumps(COMMANDS[command](*args)).encode())
        except BaseException:
            traceback.print_exc()
            os._exit(1)
        os._exit(0)
    os.close(write)
    with os.fdopen(read) as answer:
        text = answer.read()
    _, status = os.waitpid(child, 0)
    print(text)
    return 0 if text and os.waitstatus_to_exitcode(status) == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
