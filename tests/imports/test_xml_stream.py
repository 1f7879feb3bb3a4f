"""Export files read element by element: each handed over whole, then cleared; bad files refused."""

import pytest

from newsdesk.imports.xml_stream import UnreadableExport, elements


def test_each_element_is_handed_over_whole_then_cleared(tmp_path):
    path = tmp_path / "export.xml"
    path.write_text(
        "<disqus><thread id='1'><link>a</link></thread><post id='2'><message>m</message></post>"
        "</disqus>"
    )
    seen = []
    read = []
    for ancestors, element in elements(
        path, root="disqus", depth=1, what="a Disqus export", progress=read.append
    ):
        seen.append((element.tag, element.get("id"), [child.tag for child in element]))
        root = ancestors[0]
    assert seen == [("thread", "1", ["link"]), ("post", "2", ["message"])]
    assert len(root) == 0  # nothing read is kept
    assert sum(read) == path.stat().st_size


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "No such file"),
        (b"", "is not XML"),
        (b"\x00\x01binary", "is not XML"),
        (b"<html><body>Not found</body></html>", "its root element is <html>, not <disqus>"),
        (b"<disqus><post>", "is not well-formed XML"),
        (
            b'<!DOCTYPE d [<!ENTITY e SYSTEM "file:///etc/passwd">]><disqus>&e;</disqus>',
            "refused",
        ),
    ],
)
def test_a_bad_file_is_refused_with_the_reason(tmp_path, content, message):
    path = tmp_path / "export.xml"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(UnreadableExport, match=message):
        list(elements(path, root="disqus", depth=1, what="a Disqus export"))
