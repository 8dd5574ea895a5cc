"""A local SMTP sink for the newsletter benchmark, run as its own process:

    python bench/smtp_sink.py PORT OUTFILE

It accepts every message and appends each recipient to OUTFILE, one per line."""

import signal
import sys
import time

from aiosmtpd.controller import Controller


class Handler:
    def __init__(self, out):
        self.out = out

    async def handle_DATA(self, server, session, envelope):
        self.out.write("\n".join(envelope.rcpt_tos) + "\n")
        return "250 OK"


def main():
    port, path = int(sys.argv[1]), sys.argv[2]
    with open(path, "a", buffering=1) as out:
        controller = Controller(Handler(out), hostname="127.0.0.1", port=port)
        controller.start()
        print("ready", flush=True)
        signal.signal(signal.SIGTERM, lambda *a: sys.exit(0))
        try:
            while True:
                time.sleep(3600)
        finally:
            controller.stop()


if __name__ == "__main__":
    main()
