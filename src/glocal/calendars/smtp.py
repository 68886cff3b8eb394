"""The SMTP connection of ``glocal send``, configured from the environment only.

``GLOCAL_SMTP_HOST`` (required), ``GLOCAL_SMTP_PORT`` (default 587, 465 with ssl, 25 with
none), ``GLOCAL_SMTP_SECURITY`` (``starttls`` default, ``ssl`` or ``none``),
``GLOCAL_SMTP_USER`` and ``GLOCAL_SMTP_PASSWORD`` (log in when both are set; a password is
never sent over a connection without TLS), ``GLOCAL_SMTP_CAFILE`` (an extra CA bundle, for
a company relay with its own certificate authority). Credentials are never printed or logged.
"""

from __future__ import annotations

import smtplib
import ssl
from collections.abc import Mapping
from dataclasses import dataclass, field

from glocal.errors import UsageError

_PORTS = {"starttls": 587, "ssl": 465, "none": 25}


@dataclass(frozen=True)
class SmtpSettings:
    """Where and how to connect; ``repr`` leaves the password out."""

    host: str
    port: int
    security: str
    user: str | None = None
    password: str | None = field(default=None, repr=False)
    cafile: str | None = None

    @classmethod
    def from_env(cls, environ: Mapping[str, str]) -> SmtpSettings:
        """Read the settings; UsageError naming the variable when one is missing or wrong."""
        host = environ.get("GLOCAL_SMTP_HOST", "").strip()
        if not host:
            raise UsageError("GLOCAL_SMTP_HOST is not set",
                             "set GLOCAL_SMTP_HOST (and GLOCAL_SMTP_PORT, GLOCAL_SMTP_USER, "
                             "GLOCAL_SMTP_PASSWORD) in the environment, or use --dry-run")
        security = environ.get("GLOCAL_SMTP_SECURITY", "starttls").strip().lower()
        if security not in _PORTS:
            raise UsageError(f"GLOCAL_SMTP_SECURITY is '{security}'", "use starttls, ssl or none")
        port_text = environ.get("GLOCAL_SMTP_PORT", "").strip()
        if port_text and not (port_text.isdigit() and 0 < int(port_text) < 65536):
            raise UsageError(f"GLOCAL_SMTP_PORT is '{port_text}'", "use a port number such as 587")
        port = int(port_text) if port_text else _PORTS[security]
        user = environ.get("GLOCAL_SMTP_USER") or None
        password = environ.get("GLOCAL_SMTP_PASSWORD") or None
        if security == "none" and password:
            raise UsageError("GLOCAL_SMTP_PASSWORD is set but GLOCAL_SMTP_SECURITY is none",
                             "use starttls or ssl: a password is never sent unencrypted")
        return cls(host, port, security, user, password, environ.get("GLOCAL_SMTP_CAFILE") or None)


def connect(settings: SmtpSettings, timeout: float = 30.0) -> smtplib.SMTP:
    """An open, secured and logged-in SMTP session (raises ``smtplib.SMTPException``/``OSError``)."""
    context = ssl.create_default_context(cafile=settings.cafile)
    client: smtplib.SMTP
    if settings.security == "ssl":
        client = smtplib.SMTP_SSL(settings.host, settings.port, timeout=timeout, context=context)
    else:
        client = smtplib.SMTP(settings.host, settings.port, timeout=timeout)
    try:
        client.ehlo()
        if settings.security == "starttls":
            client.starttls(context=context)
            client.ehlo()
        if settings.user and settings.password:
            client.login(settings.user, settings.password)
    except BaseException:
        client.close()
        raise
    return client
