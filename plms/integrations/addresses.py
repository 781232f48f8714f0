"""Which network addresses may receive webhooks: public ones only.

A webhook URL is chosen by a customer's administrator, and PLMS then sends requests to it
from inside its own network. Without this check it would reach the cloud metadata service
(169.254.169.254), the database, or anything on loopback, and show HR the first KiB of the
answer. Refused: loopback, link-local, private, shared (CGNAT), multicast, reserved,
unspecified and documentation ranges of IPv4 and IPv6, IPv4 written inside IPv6 (mapped
`::ffff:127.0.0.1`, compatible, NAT64 `64:ff9b::`, 6to4, Teredo) and IPv4 in the legacy
numeric forms resolvers still accept (`2130706433`, `0x7f.1`, `127.1`).

`PLMS_WEBHOOK_ALLOW_LOCAL_URLS` is the only way to allow them (the test suite's and a
developer's local receivers); DEBUG does not.
"""

from __future__ import annotations

import ipaddress
import re
import socket

Address = ipaddress.IPv4Address | ipaddress.IPv6Address

LOCAL_NAMES = ("localhost", "localhost.localdomain")
LOCAL_SUFFIXES = (".localhost", ".local", ".internal", ".home.arpa")
NAT64 = ipaddress.IPv6Network("64:ff9b::/96")
NAT64_LOCAL = ipaddress.IPv6Network("64:ff9b:1::/48")
_LEGACY_IPV4 = re.compile(r"^(0x[0-9a-f]+|[0-9]+)(\.(0x[0-9a-f]+|[0-9]+)){0,3}$", re.IGNORECASE)


def _embedded_ipv4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if address.teredo is not None:
        return address.teredo[1]
    if address in NAT64:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    if int(address) >> 32 == 0 and int(address) > 1:  # IPv4-compatible ::a.b.c.d
        return ipaddress.IPv4Address(int(address))
    return None


def address_refusal(address: Address) -> str | None:
    """Why `address` may not receive webhooks, or None when it is a public address."""
    if isinstance(address, ipaddress.IPv6Address):
        embedded = _embedded_ipv4(address)
        if embedded is not None:
            reason = address_refusal(embedded)
            return f"{reason} (IPv4 inside IPv6)" if reason else None
        if address in NAT64_LOCAL:
            return "a private address"
    checks = (
        (address.is_unspecified, "an unspecified address"),
        (address.is_loopback, "a loopback address"),
        (address.is_link_local, "a link-local address"),
        (address.is_multicast, "a multicast address"),
        (address.is_reserved, "a reserved address"),
        (address.is_private, "a private address"),
        (not address.is_global, "not a public address"),
    )
    for refused, reason in checks:
        if refused:
            return reason
    return None


def literal_address(host: str) -> Address | None:
    """The address a URL's host spells out, in any form a resolver accepts, or None for a
    name."""
    host = host.strip("[]").lower()
    try:
        return ipaddress.ip_address(host.split("%", 1)[0])
    except ValueError:
        pass
    if _LEGACY_IPV4.match(host):
        try:
            return ipaddress.IPv4Address(socket.inet_aton(host))
        except OSError:
            return None
    return None


def host_refusal(host: str) -> str | None:
    """Why the host of a webhook URL is refused before any lookup, or None."""
    host = (host or "").strip().rstrip(".").lower()
    if not host:
        return "no host"
    if host in LOCAL_NAMES or host.endswith(LOCAL_SUFFIXES):
        return "a local name"
    address = literal_address(host)
    return address_refusal(address) if address is not None else None


def resolve_public(host: str, port: int) -> list[str]:
    """The addresses `host` resolves to, all public; raises `ValueError` naming the first
    that is not (a name may point anywhere, so it is checked on every send)."""
    refusal = host_refusal(host)
    if refusal:
        raise ValueError(f"{host} is {refusal}.")
    addresses = []
    for info in socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP):
        address = ipaddress.ip_address(info[4][0].split("%", 1)[0])
        refusal = address_refusal(address)
        if refusal:
            raise ValueError(f"{host} resolves to {address}, {refusal}.")
        addresses.append(str(address))
    if not addresses:
        raise ValueError(f"{host} does not resolve.")
    return addresses
