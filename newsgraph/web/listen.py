"""Where `newsgraph serve` listens: loopback or not, and whether the address can be bound (checked before the
server starts, so that a taken port is one clear line, not a server log)."""
from __future__ import annotations

import errno
import ipaddress
import socket

from newsgraph.errors import InputError


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_port(host: str, port: int) -> None:
    """Fail now, with a fix, when the address cannot be bound (in use, not this machine's, no permission)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror:
        raise InputError(f"cannot resolve the host {host!r}", "pass --host 127.0.0.1 or an address of this machine") from None
    family, _, _, _, address = infos[0]
    with socket.socket(family, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(address)
        except OSError as e:
            if e.errno == errno.EADDRINUSE:
                raise InputError(f"port {port} on {host} is in use", "pass another --port, or stop the other server") from None
            raise InputError(f"cannot listen on {host}:{port}: {e.strerror}", "pass another --host or --port") from None
