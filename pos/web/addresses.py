"""Where `pos serve` is reached: the addresses to print, and the Host values it answers.

A browser names the server in its Host header; a page of another site can make the
browser send its own name for this machine (DNS rebinding), so only the names the
server was given, or this machine's own, are served. Standard library only.
"""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass

LOOPBACK = ("localhost", "127.0.0.1", "::1")
WILDCARDS = ("0.0.0.0", "::", "")
ROUTE_PROBES = {socket.AF_INET: "192.0.2.1", socket.AF_INET6: "2001:db8::1"}
"""Documentation addresses (RFC 5737, 3849): a UDP socket "connected" to one learns the
address this machine would send from, and sends nothing."""


@dataclass(frozen=True)
class Reach:
    bind: str
    port: int
    urls: tuple[str, ...]
    """The page's addresses to print, the one to open first; empty when none was found."""
    hosts: frozenset[str]
    """Host header values answered: lower case, with the port (and without, for port 80)."""
    on_network: bool
    """Bound to every address (0.0.0.0 or ::), not to one."""

    def host_of(self, header: str | None) -> str | None:
        """The server's own name for itself that the Host header gives, or None: not served."""
        asked = (header or "").strip().lower()
        return asked if asked in self.hosts else None

    @property
    def here(self) -> str:
        """The page's address on this machine."""
        return page_url("127.0.0.1" if self.on_network else self.bind, self.port)


def reach(bind: str, port: int) -> Reach:
    bind = bind.strip().lower()
    if bind in WILDCARDS:
        family = socket.AF_INET if bind == "0.0.0.0" else socket.AF_UNSPEC
        found = network_addresses(family)
        names = [*LOOPBACK, *found, *machine_names()]
        urls = tuple(page_url(address, port) for address in found)
        return Reach(bind, port, urls, host_values(names, port), on_network=True)
    names = [*LOOPBACK] if is_loopback(bind) else [bind]
    return Reach(bind, port, (page_url(bind, port),), host_values(names, port), on_network=False)


def network_addresses(family: socket.AddressFamily) -> list[str]:
    """This machine's addresses on its networks, the one its traffic leaves from first: no
    loopback, no link-local (a tablet cannot open those)."""
    families = [socket.AF_INET, socket.AF_INET6] if family == socket.AF_UNSPEC else [family]
    candidates = [routed for each in families if (routed := routed_address(each))]
    found: list[str] = []
    for candidate in [*candidates, *named_addresses(family)]:
        try:
            address = ipaddress.ip_address(candidate)
        except ValueError:
            continue
        usable = not (address.is_loopback or address.is_link_local or address.is_unspecified)
        if usable and candidate not in found:
            found.append(candidate)
    return found


def routed_address(family: socket.AddressFamily) -> str | None:
    try:
        with socket.socket(family, socket.SOCK_DGRAM) as probe:
            probe.connect((ROUTE_PROBES[family], 9))
            return str(probe.getsockname()[0])
    except OSError:  # no route out of this machine, or no such network
        return None


def named_addresses(family: socket.AddressFamily) -> list[str]:
    """The addresses this machine's name has (every network's on Windows and macOS; on many
    Linux systems only 127.0.1.1, hence the route's)."""
    try:
        infos = socket.getaddrinfo(socket.gethostname(), None, family, socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        return []
    return [str(info[4][0]) for info in infos]


def machine_names() -> list[str]:
    """This machine's name, as a store's network may know it (`till`, `till.local`)."""
    name = socket.gethostname().lower()
    if not name:
        return []
    return [name] if "." in name else [name, f"{name}.local"]


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def with_port(host: str, port: int) -> str:
    """`host:port` as a URL and a Host header write it (an IPv6 address in brackets)."""
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def page_url(host: str, port: int) -> str:
    return f"http://{without_80(with_port(host, port), port)}/"


def host_values(names: list[str], port: int) -> frozenset[str]:
    values = {with_port(name.lower(), port) for name in names}
    return frozenset(values | {without_80(value, port) for value in values})


def without_80(address: str, port: int) -> str:
    """A browser leaves the default port out of its addresses."""
    return address.removesuffix(":80") if port == 80 else address
