"""Where `pos serve` says to open its page, and which names it answers to. The machine's
addresses are made up here: nothing is looked up and nothing listens."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from pos.cli import main
from pos.web import addresses
from pos.web.addresses import reach
from pos.web.server import PosServer


@pytest.fixture
def machine(monkeypatch: pytest.MonkeyPatch) -> None:
    """A till on a store's network (192.168.1.23, the route out) and a VPN (10.8.0.5)."""
    routes = {socket.AF_INET: "192.168.1.23", socket.AF_INET6: None}
    named = ["127.0.1.1", "10.8.0.5", "169.254.3.4", "192.168.1.23"]
    monkeypatch.setattr(addresses, "routed_address", routes.get)
    monkeypatch.setattr(addresses, "named_addresses", lambda family: named)
    monkeypatch.setattr(addresses, "machine_names", lambda: ["till", "till.local"])


def announced(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, *args: str) -> str:
    """What `pos serve` prints as it starts (the server itself not started)."""
    monkeypatch.setattr(PosServer, "serve", lambda server: server.console.print(server.announce))
    assert main(["serve", *args]) == 0
    return " ".join(capsys.readouterr().out.split())


def test_on_every_address_it_says_which_of_the_machines_own_to_open(
    machine: None, data_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    said = announced(capsys, monkeypatch, "--host", "0.0.0.0", "--port", "8123", "--data", str(data_dir))
    assert "On a tablet, open http://192.168.1.23:8123/ (this machine's address on the network;" in said
    assert "network; also http://10.8.0.5:8123/; on this machine, http://127.0.0.1:8123/)." in said
    assert "0.0.0.0" not in said and "169.254" not in said and "127.0.1.1" not in said


def test_on_every_address_it_answers_to_the_machines_names_only(machine: None) -> None:
    at = reach("0.0.0.0", 8123)
    assert at.urls == ("http://192.168.1.23:8123/", "http://10.8.0.5:8123/")
    assert at.hosts == {
        f"{name}:8123"
        for name in ("192.168.1.23", "10.8.0.5", "127.0.0.1", "localhost", "[::1]", "till", "till.local")
    }
    assert at.host_of("TILL:8123") == "till:8123"
    assert at.host_of("0.0.0.0:8123") is None and at.host_of("evil.example:8123") is None


def test_with_no_network_address_it_says_so(
    monkeypatch: pytest.MonkeyPatch, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(addresses, "routed_address", lambda family: None)
    monkeypatch.setattr(addresses, "named_addresses", lambda family: ["127.0.1.1"])
    said = announced(capsys, monkeypatch, "--host", "0.0.0.0", "--data", str(data_dir))
    assert "no network address of this machine was found" in said and "http://127.0.0.1:8000/" in said


def test_on_this_machine_only_its_loopback_names() -> None:
    at = reach("127.0.0.1", 8000)
    assert at.urls == ("http://127.0.0.1:8000/",)
    assert at.hosts == {"127.0.0.1:8000", "localhost:8000", "[::1]:8000"}
    assert reach("::1", 80).urls == ("http://[::1]/",)
    assert reach("localhost", 80).hosts >= {"localhost", "localhost:80", "127.0.0.1", "[::1]"}


def test_the_machines_own_addresses_are_found_without_sending_anything() -> None:
    """A UDP socket connected to a documentation address: a route looked up, no packet sent."""
    found = addresses.network_addresses(socket.AF_INET)
    assert all(not address.startswith(("127.", "169.254.", "0.")) for address in found)
