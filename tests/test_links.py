"""meipi:// links are untrusted: only the two shapes pass, and nothing in them can name a
database, a path or an option; ``meipi open`` checks the place; the URL handler is installed
for this user with the link as the value of --url."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.errors import InputError
from reader.links import Place, annotation_url, open_url, parse_url

UUID = "8588fba8-a3a2-40cc-89b5-5b8ba37952ec"


@pytest.mark.parametrize(
    ("url", "place"),
    [
        ("meipi://open?doc=lian-obor&at=120", Place(document="lian-obor", at=120)),
        ("meipi://open?doc=lian-obor", Place(document="lian-obor")),
        ("meipi://open?at=5&doc=hsu-divergence", Place(document="hsu-divergence", at=5)),
        (f"meipi://annotation/{UUID}", Place(annotation=UUID)),
        (f"MEIPI://annotation/{UUID.upper()}", Place(annotation=UUID)),
    ],
)
def test_the_two_shapes_are_read(url: str, place: Place) -> None:
    assert parse_url(url) == place


@pytest.mark.parametrize(
    "url",
    [
        "meipi://open?doc=lian-obor&db=/tmp/x.sqlite3",
        "meipi://open?doc=../../etc/passwd",
        "meipi://open?doc=--db=/tmp/x",
        "meipi://open?doc=lian-obor&at=-1",
        "meipi://open?doc=lian-obor&at=1&at=2",
        "meipi://open?doc=a%20b",
        "meipi://open/extra?doc=lian-obor",
        "meipi://open?doc=lian-obor#frag",
        "meipi://annotation/not-a-uuid",
        f"meipi://annotation/{UUID}?db=x",
        f"meipi://annotation/{UUID}/x",
        "meipi://user@open?doc=lian-obor",
        "meipi://evil?doc=lian-obor",
        "file:///etc/passwd",
        "http://open?doc=lian-obor",
        "meipi://open?doc=lian obor",
        "",
    ],
)
def test_anything_else_is_refused(url: str) -> None:
    with pytest.raises(InputError):
        parse_url(url)


@given(st.text(max_size=80))
def test_a_random_link_never_names_a_path_or_an_option(text: str) -> None:
    for url in (text, "meipi://open?doc=" + text, "meipi://annotation/" + text):
        try:
            place = parse_url(url)
        except InputError:
            continue
        assert place.document is None or (
            not set(place.document) & set("/\\ %=&?")
            and not (place.document.startswith(("-", ".")))
        )


def test_links_made_by_exports_read_back() -> None:
    assert parse_url(annotation_url(f"urn:uuid:{UUID}")) == Place(annotation=UUID)
    assert parse_url(open_url("lian-obor", 42)) == Place(document="lian-obor", at=42)
