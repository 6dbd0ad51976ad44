"""Logging that never writes an IP address or a user agent."""

from __future__ import annotations

import logging
import re
from logging.handlers import WatchedFileHandler
from pathlib import Path

_IPV4 = re.compile(r"(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?![\d.])")
_IPV6 = re.compile(r"(?<![0-9A-Fa-f:])[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?![0-9A-Fa-f:])")
_CLIENT_FIELDS = ("REMOTE_ADDR", "HTTP_X_FORWARDED_FOR", "HTTP_USER_AGENT")


def redact(text: str) -> str:
    """Return ``text`` with anything shaped like an IPv4 or IPv6 address masked."""
    return _IPV6.sub(_mask_ipv6, _IPV4.sub("[address]", text))


def _mask_ipv6(match: re.Match[str]) -> str:
    # Clock times such as 12:30:45 share the shape; an address has "::" or a longer group.
    token = match.group(0)
    if "::" in token or any(len(group) >= 3 for group in token.split(":")):
        return "[address]"
    return token


class RedactAddressesFilter(logging.Filter):
    """Mask addresses in every record and drop the request object Django attaches to errors."""

    def filter(self, record: logging.LogRecord) -> bool:
        if hasattr(record, "request"):
            record.request = None
        message = record.getMessage()
        record.msg = redact(message)
        record.args = ()
        if record.exc_info and record.exc_info[1] is not None:
            record.exc_text = redact(logging.Formatter().formatException(record.exc_info))
            record.exc_info = None
        for field in _CLIENT_FIELDS:
            if hasattr(record, field):
                setattr(record, field, "")
        return True


class DataDirFileHandler(WatchedFileHandler):
    """A file handler that creates its folder under the data directory on first use."""

    def __init__(self, filename: str, *args, **kwargs) -> None:
        Path(filename).parent.mkdir(parents=True, exist_ok=True)
        super().__init__(filename, *args, **kwargs)
