"""``glocal send OUT``: e-mail the pending invites and cancellations of a plan folder."""

from __future__ import annotations

import os
import smtplib
from pathlib import Path

import click

from glocal.calendars.imip import build_message
from glocal.calendars.outbox import Pending, pending_messages, record_sent
from glocal.calendars.smtp import SmtpSettings, connect
from glocal.cli import cli
from glocal.cli.common import stderr_console, stdout_console
from glocal.errors import UsageError
from glocal.output import MARKER


def _line(message: Pending) -> str:
    return (f"{message.method:<7} {message.path} -> {message.recipient.email} "
            f"(SEQUENCE {message.sequence})")


@cli.command("send", short_help="E-mail pending invites and cancellations (iMIP) of a plan.")
@click.argument("out", metavar="OUT", type=click.Path(file_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Print what would be sent; send nothing.")
def send_command(out: Path, dry_run: bool) -> None:
    """Send the plan's pending METHOD:REQUEST and METHOD:CANCEL files as iMIP e-mails.

    Every file in OUT/calendars/invites, cancel and uninvite goes to each ATTENDEE it lists,
    one e-mail per recipient (text, HTML and the text/calendar part), From the program's
    organizer. OUT/sent.jsonl records each accepted message: a second run sends nothing, a
    run that stopped half-way resumes, and a re-plan makes only changed invites pending.

    The SMTP server comes from the environment: GLOCAL_SMTP_HOST, GLOCAL_SMTP_PORT,
    GLOCAL_SMTP_SECURITY (starttls, ssl or none), GLOCAL_SMTP_USER, GLOCAL_SMTP_PASSWORD,
    GLOCAL_SMTP_CAFILE. Exits 0 when everything is sent, 1 when the server refused or
    failed (what was sent stays recorded; run again to resume), 2 for a bad OUT or settings.

    \b
    Example:
      glocal send out/leading-through-change --dry-run
      GLOCAL_SMTP_HOST=smtp.example.com glocal send out/leading-through-change
    """
    if not (out / MARKER).is_file():
        raise UsageError(f"{out} is not a plan folder (no {MARKER})", "pass the --out folder of 'glocal plan'")
    pending = pending_messages(out)
    console = stdout_console()
    if not pending:
        console.print(f"nothing to send: every invite and cancellation in {out} was sent", markup=False)
        return
    if dry_run:
        for message in pending:
            console.print(_line(message), markup=False)
        console.print(f"{len(pending)} message{'s' if len(pending) != 1 else ''} would be sent (dry run)",
                      markup=False)
        return
    settings = SmtpSettings.from_env(os.environ)
    sent = 0
    try:
        with connect(settings) as client:
            for message in pending:
                mail = build_message(message)
                client.send_message(mail, from_addr=message.organizer.email, to_addrs=[message.recipient.email])
                record_sent(out, message, str(mail["Message-ID"]))
                sent += 1
                console.print(_line(message), markup=False)
    except (smtplib.SMTPException, OSError) as exc:
        left = len(pending) - sent
        # The exception text names the server's answer, never the credentials.
        stderr_console().print(f"glocal send: stopped at {settings.host}:{settings.port}: {exc}; "
                               f"{sent} sent, {left} left; run 'glocal send {out}' again to resume",
                               style="red", markup=False)
        raise click.exceptions.Exit(1) from None
    console.print(f"sent {sent} message{'s' if sent != 1 else ''} from {out}", markup=False)
