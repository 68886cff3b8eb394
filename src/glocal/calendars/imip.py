"""One iMIP message (RFC 6047) per pending (file, recipient): ``multipart/alternative`` with a
readable text/plain and text/html body in the invite's language, and the iTIP object itself
as ``text/calendar; method=REQUEST|CANCEL; charset=UTF-8`` (the ``method`` parameter must match
the file's METHOD; Outlook ignores a calendar part without it). One iTIP object per message;
the file already holds a VTIMEZONE for every TZID it uses.
"""

from __future__ import annotations

import html
from email.message import EmailMessage
from email.utils import formataddr, formatdate, make_msgid

from glocal.calendars.outbox import Pending

_RTL = {"ar", "he", "fa", "ur"}


def _body_text(message: Pending) -> str:
    return f"{message.summary}\n\n{message.description}\n"


def _body_html(message: Pending) -> str:
    language = message.language
    direction = "rtl" if language.split("-")[0] in _RTL else "ltr"
    paragraphs = "".join(
        f"<p>{'<br>'.join(html.escape(line) for line in block.splitlines())}</p>"
        for block in message.description.split("\n\n") if block.strip()
    )
    return (f'<!DOCTYPE html><html lang="{html.escape(language)}" dir="{direction}"><head>'
            f'<meta charset="utf-8"><title>{html.escape(message.summary)}</title></head><body>'
            f"<h1>{html.escape(message.summary)}</h1>{paragraphs}</body></html>\n")


def build_message(message: Pending) -> EmailMessage:
    """The e-mail for one pending message, From the organizer, To its one recipient."""
    mail = EmailMessage()
    mail["From"] = formataddr((message.organizer.name, message.organizer.email))
    mail["To"] = formataddr((message.recipient.name, message.recipient.email))
    mail["Subject"] = message.summary
    mail["Date"] = formatdate(usegmt=True)
    domain = message.organizer.email.rpartition("@")[2] or "glocal.invalid"
    mail["Message-ID"] = make_msgid("glocal", domain=domain)
    mail.set_content(_body_text(message), subtype="plain", charset="utf-8")
    mail.add_alternative(_body_html(message), subtype="html", charset="utf-8")
    mail.add_alternative(
        message.data, maintype="text", subtype="calendar", cte="base64",
        params={"method": message.method, "charset": "UTF-8"},
    )
    # Last: set_content and add_alternative move Content-* headers into the first part.
    mail["Content-Language"] = message.language
    return mail
