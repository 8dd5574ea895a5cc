"""A bare WSGI app that answers an OAI-PMH harvest with answers recorded from the portal.

bench/docs_search.py serves it with gunicorn, as it serves the portal, to measure what a
harvest costs over HTTP when the server does no work at all: each answer is bytes already
in memory, found by its resumption token. BENCH_OAI_ANSWERS names a directory of recorded
answers (0000.xml, 0001.xml, ... in the order they were received).
"""

import os
import re
from pathlib import Path
from urllib.parse import parse_qs

TOKEN = re.compile(rb"<resumptionToken[^>]*>([^<]+)</resumptionToken>")


def _load(directory: Path) -> tuple[list[bytes], dict[str, int]]:
    answers = [path.read_bytes() for path in sorted(directory.glob("*.xml"))]
    following = {}  # a resumption token -> the answer that was given for it
    for number, answer in enumerate(answers[:-1]):
        if match := TOKEN.search(answer):
            following[match.group(1).decode()] = number + 1
    return answers, following


ANSWERS, FOLLOWING = _load(Path(os.environ["BENCH_OAI_ANSWERS"]))


def app(environ, start_response):
    token = parse_qs(environ.get("QUERY_STRING", "")).get("resumptionToken", [""])[0]
    answer = ANSWERS[FOLLOWING.get(token, 0)]
    start_response(
        "200 OK",
        [("Content-Type", "text/xml; charset=utf-8"), ("Content-Length", str(len(answer)))],
    )
    return [answer]
