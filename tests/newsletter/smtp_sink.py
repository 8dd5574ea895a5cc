"""A local SMTP server that keeps what it receives (aiosmtpd), for tests and the benchmark."""

import threading
import time
from collections import Counter

from aiosmtpd.controller import Controller


class Sink:
    def __init__(self, delay: float = 0.0, keep: bool = True):
        self.delay = delay
        self.keep = keep
        self.recipients: Counter = Counter()
        self.messages = []
        self.lock = threading.Lock()
        # Called with the number of messages received so far, after the message is kept and
        # before the server answers: a test can stop the sender at that exact moment.
        self.on_message = None

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            for rcpt in envelope.rcpt_tos:
                self.recipients[rcpt] += 1
            if self.keep:
                self.messages.append(envelope.content)
            count = sum(self.recipients.values())
        if self.on_message:
            self.on_message(count)
        if self.delay:
            time.sleep(self.delay)
        return "250 Message accepted"


def start(delay: float = 0.0, port: int = 0):
    sink = Sink(delay)
    controller = Controller(sink, hostname="127.0.0.1", port=port or _free_port())
    controller.start()
    return sink, controller


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
