"""``glocal send`` end to end against a real SMTP server (aiosmtpd on 127.0.0.1): the right
iMIP messages to the right addresses, nothing twice, a crash resumes, STARTTLS works, and
credentials never show.
"""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import os
import re
import socket
import ssl
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from click.testing import CliRunner
from icalendar import Calendar

from glocal.calendars import build_calendars, revise
from glocal.calendars.outbox import SENT_LOG, carried_log
from glocal.cli import cli
from glocal.model import Schedule
from glocal.output import write_folder
from glocal.workspace import ProgramBundle
from glocal.workspace.schedule_file import dump_schedule

from .test_calendars_common import dst_schedule, load_bundle, make_workspace


@dataclass
class Inbox:
    """What the server accepted; ``refuse_after`` makes it answer 451 from then on."""

    received: list[tuple[list[str], EmailMessage]] = field(default_factory=list)
    refuse_after: int | None = None

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self.refuse_after is not None and len(self.received) >= self.refuse_after:
            return "451 4.3.0 try again later"
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        assert isinstance(message, EmailMessage)
        self.received.append((list(envelope.rcpt_tos), message))
        return "250 OK"


def _free_port() -> int:
    # aiosmtpd's Controller checks it is up by connecting to its port, so it needs a real one.
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture
def inbox() -> Iterator[tuple[Inbox, int]]:
    handler = Inbox()
    port = _free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield handler, port
    finally:
        controller.stop()


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> ProgramBundle:
    return load_bundle(make_workspace(tmp_path_factory.mktemp("send") / "ws"))


def _write_plan(bundle: ProgramBundle, schedule: Schedule, out: Path) -> None:
    files = {"schedule.json": dump_schedule(schedule).encode("utf-8"), **build_calendars(bundle, schedule)}
    files.update(carried_log(out))
    write_folder(out, files)


@pytest.fixture
def plan(bundle: ProgramBundle, tmp_path: Path) -> tuple[Path, Schedule]:
    schedule = revise(bundle, dst_schedule(bundle), None)
    out = tmp_path / "out"
    _write_plan(bundle, schedule, out)
    return out, schedule


def _expected(out: Path) -> set[tuple[str, str]]:
    """(file, recipient) of every ATTENDEE of every iTIP file in ``out``."""
    found = set()
    for path in (out / "calendars").rglob("*.ics"):
        relative = path.relative_to(out).as_posix()
        if relative.split("/")[1] not in ("invites", "cancel", "uninvite"):
            continue
        text = path.read_bytes().decode("utf-8").replace("\r\n ", "")
        for address in re.findall(r"^ATTENDEE;.*?:mailto:(.*)\r$", text, re.MULTILINE):
            found.add((relative, address))
    return found


def _send(out: Path, port: int, *args: str, **env: str) -> tuple[int, str]:
    environ = {"GLOCAL_SMTP_HOST": "127.0.0.1", "GLOCAL_SMTP_PORT": str(port), "GLOCAL_SMTP_SECURITY": "none"}
    environ.update(env)
    result = CliRunner().invoke(cli, ["send", str(out), *args], env=environ)
    assert "Traceback" not in result.output, result.output
    return result.exit_code, result.output


def _calendar_part(message: EmailMessage) -> tuple[str, bytes]:
    parts = [p for p in message.walk() if p.get_content_type() == "text/calendar"]
    assert len(parts) == 1
    payload = parts[0].get_payload(decode=True)
    assert isinstance(payload, bytes)
    return str(parts[0].get_param("method")), payload


def test_dry_run_sends_nothing(plan: tuple[Path, Schedule], inbox: tuple[Inbox, int]) -> None:
    out, _ = plan
    handler, port = inbox
    code, text = _send(out, port, "--dry-run")
    assert code == 0
    assert f"{len(_expected(out))} messages would be sent (dry run)" in text
    assert "REQUEST calendars/invites/kathmandu-1/coaching.ics -> sita.sharma@example.com (SEQUENCE 0)" in text
    assert handler.received == [] and not (out / SENT_LOG).exists()


def test_sends_imip_to_every_attendee_once(plan: tuple[Path, Schedule], inbox: tuple[Inbox, int]) -> None:
    out, _ = plan
    handler, port = inbox
    expected = _expected(out)
    code, text = _send(out, port)
    assert code == 0, text
    arrived = set()
    for recipients, message in handler.received:
        assert message.get_content_type() == "multipart/alternative"
        types = [p.get_content_type() for p in message.iter_parts()]
        assert types == ["text/plain", "text/html", "text/calendar"]
        method, data = _calendar_part(message)
        calendar = Calendar.from_ical(data)
        assert str(calendar["METHOD"]) == method == "REQUEST"
        [event] = calendar.walk("VEVENT")
        assert len(calendar.walk("VEVENT")) == 1  # one iTIP object per message
        tzids = {str(event[k].params["TZID"]) for k in ("DTSTART", "DTEND") if "TZID" in event[k].params}
        assert tzids <= {str(z["TZID"]) for z in calendar.walk("VTIMEZONE")}
        assert message["From"].addresses[0].addr_spec == "programme.office@example.com"
        [to] = message["To"].addresses
        assert recipients == [to.addr_spec]
        cohort, module = str(event["UID"]).split(".")[1:3]
        arrived.add((f"calendars/invites/{cohort}/{module.removesuffix('@glocal')}.ics", to.addr_spec))
        body = message.get_body(("plain",))
        assert body is not None and str(event["SUMMARY"]) in body.get_content()
    assert len(handler.received) == len(expected) and arrived == expected
    # The body is the invite's own localized text, tagged with its language.
    catalina = next(m for r, m in handler.received if r == ["catalina.rojas@example.com"])
    event = Calendar.from_ical(_calendar_part(catalina)[1]).walk("VEVENT")[0]
    language = event["SUMMARY"].params["LANGUAGE"]
    assert catalina["Content-Language"] == language
    html_part, text_part = catalina.get_body(("html",)), catalina.get_body(("plain",))
    assert html_part is not None and f'lang="{language}"' in html_part.get_content()
    assert text_part is not None and "Hora: " in text_part.get_content()  # the Spanish labels
    # A second run sends nothing.
    code, text = _send(out, port)
    assert code == 0 and "nothing to send" in text
    assert len(handler.received) == len(expected)


def test_a_stopped_run_resumes_without_duplicates(plan: tuple[Path, Schedule], inbox: tuple[Inbox, int]) -> None:
    out, _ = plan
    handler, port = inbox
    handler.refuse_after = 3
    code, text = _send(out, port)
    assert code == 1
    assert "3 sent" in text and "run 'glocal send" in text
    assert len((out / SENT_LOG).read_text(encoding="utf-8").splitlines()) == 3
    handler.refuse_after = None
    code, _ = _send(out, port)
    assert code == 0
    keys = [(tuple(r), str(m["Subject"]), _calendar_part(m)[1]) for r, m in handler.received]
    assert len(keys) == len(set(keys)) == len(_expected(out))


def test_a_replan_makes_only_changed_invites_pending(
    bundle: ProgramBundle, plan: tuple[Path, Schedule], inbox: tuple[Inbox, int]
) -> None:
    out, first = plan
    handler, port = inbox
    assert _send(out, port)[0] == 0
    sent = len(handler.received)
    shift = dt.timedelta(days=1)
    moved = [s.model_copy(update={"start": s.start + shift, "end": s.end + shift})
             if (s.cohort, s.module) == ("santiago-1", "feedback") else s for s in first.sessions]
    second = revise(bundle, first.model_copy(update={"sessions": moved, "cancelled": [], "changes": []}), first)
    _write_plan(bundle, second, out)
    code, text = _send(out, port)
    assert code == 0, text
    new = [(r, m) for r, m in handler.received[sent:]]
    assert sorted(r[0] for r, _ in new) == ["beatriz.souza@example.com", "catalina.rojas@example.com"]
    for _, message in new:
        calendar = Calendar.from_ical(_calendar_part(message)[1])
        assert int(calendar.walk("VEVENT")[0]["SEQUENCE"]) == 1


def test_starttls_with_the_servers_certificate(plan: tuple[Path, Schedule], tmp_path: Path) -> None:
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    made = subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(cert),
         "-days", "2", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
        capture_output=True, check=False, timeout=60,
    )
    if made.returncode != 0:
        pytest.skip(f"openssl could not make a certificate: {made.stderr[-300:]!r}")
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    handler = Inbox()
    port = _free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port, tls_context=context, require_starttls=True)
    controller.start()
    try:
        out, _ = plan
        code, text = _send(out, port, GLOCAL_SMTP_SECURITY="starttls", GLOCAL_SMTP_CAFILE=str(cert))
        assert code == 0, text
        assert len(handler.received) == len(_expected(out))
    finally:
        controller.stop()


def test_settings_errors_are_clean_and_never_show_the_password(plan: tuple[Path, Schedule], tmp_path: Path) -> None:
    out, _ = plan
    code, text = _send(out, 1, GLOCAL_SMTP_PASSWORD="hunter2-secret")
    assert code == 2 and "hunter2-secret" not in text and "GLOCAL_SMTP_SECURITY is none" in text
    code, text = _send(out, 1, GLOCAL_SMTP_SECURITY="starttls", GLOCAL_SMTP_USER="me",
                       GLOCAL_SMTP_PASSWORD="hunter2-secret")  # nothing listens on port 1
    assert code == 1 and "hunter2-secret" not in text and "run 'glocal send" in text
    result = CliRunner().invoke(cli, ["send", str(tmp_path)], env={k: "" for k in os.environ if k.startswith("GLOCAL_")})
    assert result.exit_code == 2 and "not a plan folder" in result.output
