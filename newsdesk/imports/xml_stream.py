"""Reading a large export file element by element, safely, in constant memory.

Entities and external references are refused as wire's parsers refuse them
(newsdesk/wire/parsers/xml.py); each element of interest is handed over whole when it ends and
then cleared, so a 100,000-comment export never sits in memory at once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse

from newsdesk.wire.parsers.xml import child, local


class UnreadableExport(ValueError):
    """The file is not an export this importer reads: missing, not XML, or the wrong kind."""


class _CountingReader:
    """A binary file that reports how many bytes were read, for a progress bar."""

    def __init__(self, file, progress: Callable[[int], None] | None):
        self.file = file
        self.progress = progress

    def read(self, size: int = -1) -> bytes:
        data = self.file.read(size)
        if self.progress and data:
            self.progress(len(data))
        return data


def elements(
    path: str | Path,
    *,
    root: str,
    depth: int,
    what: str,
    progress: Callable[[int], None] | None = None,
) -> Iterator[tuple[list[Element], Element]]:
    """Each element `depth` levels below the root, once it has been read whole, with its ancestors.

    `root` is the local name the document element must have; `what` names the expected kind
    of file in the error ("a Disqus export"). The element is cleared after the caller is done
    with it. `UnreadableExport` says what is wrong with a file that cannot be read.
    """
    path = Path(path)
    if not path.is_file():
        raise UnreadableExport(f"No such file: {path}")
    with path.open("rb") as file:
        stack: list[Element] = []
        started = False
        try:
            events = iterparse(
                _CountingReader(file, progress),
                events=("start", "end"),
                forbid_dtd=True,
                forbid_entities=True,
                forbid_external=True,
            )
            for event, element in events:
                if event == "start":
                    if not stack and local(element.tag) != root:
                        raise UnreadableExport(
                            f"{path} is not {what}: its root element is "
                            f"<{local(element.tag)}>, not <{root}>."
                        )
                    stack.append(element)
                    started = True
                    continue
                stack.pop()
                if len(stack) == depth:
                    yield stack, element
                    # Constant memory: the element and everything read before it go.
                    stack[-1].clear()
        except DefusedXmlException as error:
            raise UnreadableExport(
                f"{path} declares entities or external references, which are refused ({error})."
            ) from None
        except ParseError as error:
            if not started:
                raise UnreadableExport(f"{path} is not XML ({error}).") from None
            raise UnreadableExport(f"{path} is not well-formed XML: {error}.") from None


def child_text(element: Element | None, name: str) -> str:
    """The trimmed text of `element`'s first child called `name`, in any namespace; "" if none."""
    found = child(element, name)
    return (found.text or "").strip() if found is not None else ""
