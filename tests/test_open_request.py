"""Requests to a running window (``reader.open_request``): a place round-trips, anything else is
refused."""

from __future__ import annotations

from reader.links import Place
from reader.open_request import decode, encode

UUID = "8588fba8-a3a2-40cc-89b5-5b8ba37952ec"


def test_window_requests_round_trip_and_refuse_the_rest() -> None:
    for place in (Place(document="lian-obor", at=3), Place(annotation=UUID), Place()):
        assert decode(encode(place)) == place
    for bad in (b'{"doc": "../x"}', b'{"db": "x"}', b'{"at": -1}', b"[]", b"\xff", b"{" * 5000):
        assert decode(bad) is None
