"""Mail servers for the tests: Django's in-memory outbox behind a server that refuses or is slow."""
import smtplib
import threading
import time

from django.core.mail.backends.locmem import EmailBackend


class FlakyBackend(EmailBackend):
    """Refuses the first `refusals` messages (an SMTP error, as a server that is down), then accepts."""

    refusals = 0
    attempts = 0
    lock = threading.Lock()

    def send_messages(self, messages):
        with FlakyBackend.lock:
            FlakyBackend.attempts += 1
            refuse = FlakyBackend.attempts <= FlakyBackend.refusals
        if refuse:
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        return super().send_messages(messages)


class SlowBackend(EmailBackend):
    """Takes a little while for each message, so that two workers really overlap."""

    def send_messages(self, messages):
        time.sleep(0.01)
        return super().send_messages(messages)
