"""Sending the plan's iTIP files as iMIP e-mails (RFC 6047): what is pending, the messages,
the SMTP connection, and the sent log that makes ``glocal send`` idempotent."""
