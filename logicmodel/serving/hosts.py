"""The addresses a server listens on, prints, and accepts in a request's Host header.

A server on every interface (`--host 0.0.0.0` or `::`) prints an address partners in the room
can open, and accepts any IP address of this machine in the Host header: a page elsewhere
that rebinds its own name to us sends that name, never a bare IP address, so the DNS
rebinding guard holds.
"""

from __future__ import annotations

import ipaddress
import socket

LOOPBACK = "127.0.0.1"
WILDCARDS = ("0.0.0.0", "::", "")
# Any address outside this machine: a UDP socket "connected" to it picks the interface the
# machine would use, and tells its address, without sending a packet.
ROUTE_PROBE = ("10.255.255.255", 1)


def is_wildcard(host: str) -> bool:
    """Return whether a listening address means every interface."""
    return host in WILDCARDS


def family_of(host: str) -> socket.AddressFamily:
    """Return the socket family an address is in: IPv6 for one with a colon."""
    return socket.AF_INET6 if ":" in host else socket.AF_INET


def reachable_host(host: str) -> str:
    """Return the address to print for a listening address: a LAN one for every interface."""
    if not is_wildcard(host):
        return host
    if ":" in host:
        return "::1"
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(ROUTE_PROBE)
        address: str = probe.getsockname()[0]
    except OSError:
        return LOOPBACK  # no network: only this machine can reach it anyway
    finally:
        probe.close()
    return LOOPBACK if is_wildcard(address) else address


def netloc(host: str, port: int) -> str:
    """Return host:port as a browser writes it in a URL and the Host header."""
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def ip_netloc_port(netloc_text: str) -> int | None:
    """Return the port of an `IP:port` Host header, or None for a name or anything else.

    >>> ip_netloc_port("192.168.1.20:8000"), ip_netloc_port("[::1]:80"), ip_netloc_port("a:1")
    (8000, 80, None)
    """
    host, colon, port = netloc_text.rpartition(":")
    if not colon or not (port.isascii() and port.isdigit()):
        return None
    if host.startswith("[") and host.endswith("]"):
        host = host[1:-1]
    elif ":" in host:
        return None
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return None
    return int(port)


__all__ = [
    "LOOPBACK",
    "family_of",
    "ip_netloc_port",
    "is_wildcard",
    "netloc",
    "reachable_host",
]
