"""Searches that read a bounded number of matches, whatever the size of the collection: the
portfolio's and the documentation center's (portfolio/README.md explains the design).

A searchable model has a `sample_key`, an integer drawn uniformly in [0, SAMPLE_KEY_SPACE)
when the row is created (a column default, with a partial index). A search reads its
matches through `read_sample()`: all of them when they are at most `limit`, otherwise the
ones whose key falls below a bound, which are a uniform random sample; the totals and facet
counts are then scaled up (`scale_counts`) and said to be estimates. The rows come straight
from the cursor as the app's NamedTuple (`row_type`, whose fields are the queryset's
columns, `sample_key` among them): over thousands of rows Django's per-row conversions would
cost more than the query.
"""

import json
from collections import Counter
from collections.abc import Callable
from operator import itemgetter

from django.core.exceptions import EmptyResultSet
from django.db import connection

SAMPLE_KEY_SPACE = 2**31 - 1  # sample_key is uniform in [0, SAMPLE_KEY_SPACE)
ROUNDS = 4  # queries spent at most finding a sample of the right size
OVERSHOOT = 10  # a round that returns more than this many times the limit is cut and retried


def fetch_rows(qs, row_type, limit: int) -> tuple[list[tuple], Callable, int]:
    """At most `limit` rows of `qs` (in no particular order), as the cursor gives them; the
    function that makes one a `row_type` tuple; and where each holds its sample_key. A
    round that is cut or narrowed never pays for making its rows (up to 20,000) tuples of
    the app's.

    The query runs inside a materialized CTE so that PostgreSQL plans it for all its rows (a
    bitmap of the index matches) rather than for the first `limit` (a sequential scan hoping
    to stop early), and still stops reading at the limit."""
    try:
        sql, sql_params = qs.values_list(*row_type._fields).query.get_compiler(using=qs.db).as_sql()
    except EmptyResultSet:  # e.g. a country with no ministry: nothing can match
        return [], row_type._make, 0
    with connection.cursor() as cursor:
        cursor.execute(
            f"WITH m AS MATERIALIZED ({sql}) SELECT * FROM m LIMIT {int(limit)}", sql_params
        )
        names = [column.name for column in cursor.description]  # every column has its alias
        rows = cursor.fetchall()
    if names == list(row_type._fields):
        make = row_type._make
    else:
        pick = itemgetter(*(names.index(name) for name in row_type._fields))

        def make(values):
            return row_type._make(pick(values))

    return rows, make, names.index("sample_key")


def planner_estimate(qs) -> int:
    """PostgreSQL's own estimate of how many rows `qs` returns: one cheap EXPLAIN."""
    try:
        sql, sql_params = qs.order_by().values("pk").query.sql_with_params()
    except EmptyResultSet:
        return 0
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (FORMAT JSON) " + sql, sql_params)
        plan = cursor.fetchone()[0]
    if isinstance(plan, str):
        plan = json.loads(plan)
    return int(plan[0]["Plan"]["Plan Rows"])


def read_sample(qs, row_type, *, limit: int, estimate: int) -> tuple[list, float]:
    """The matches of `qs`, all or a uniform random sample of at most `limit` of them.

    Returns the rows sorted by sample_key and the fraction of all matches they are (1.0:
    every match). Rounds adjust the sample_key bound until the sample holds between half the
    limit and the limit, starting from `estimate` (the planner's, taken by the caller before
    any join it misjudges); each round is one query whose cost is bounded by the size of the
    sample it returns."""
    fraction = 1.0 if estimate <= limit else limit / estimate
    rows: list = []
    for _round in range(ROUNDS):
        read_at = fraction
        bounded = qs if read_at >= 1 else qs.filter(sample_key__lt=read_at * SAMPLE_KEY_SPACE)
        rows, make, key_at = fetch_rows(bounded, row_type, OVERSHOOT * limit + 1)
        if len(rows) > OVERSHOOT * limit:  # far denser than thought: narrow the bound
            fraction = read_at * limit / len(rows)
        elif read_at >= 1 or (len(rows) >= limit // 2 and len(rows) / read_at > limit):
            break
        elif len(rows) / read_at <= limit:  # the estimate was high: every match fits
            fraction = 1.0
        else:
            fraction = min(1.0, read_at * limit / max(len(rows), 1))
    fraction = read_at  # what the rows in hand were read with
    rows.sort(key=itemgetter(key_at))
    if len(rows) > limit:
        fraction = min(fraction, rows[limit][key_at] / SAMPLE_KEY_SPACE)
        rows = rows[:limit]
    return list(map(make, rows)), fraction


def estimate_count(value: float) -> int:
    """An estimated count, rounded to two significant figures (86,331 → 86,000)."""
    value = round(value)
    if value < 100:
        return value
    step = 10 ** (len(str(value)) - 2)
    return round(value / step) * step


def scale_counts(facets: dict[str, Counter], fraction: float) -> dict:
    """Facet counts of a sample that is `fraction` of the matches, as estimates of the whole
    (exact counts when the sample is every match)."""
    if fraction < 1:
        return {k: {v: estimate_count(n / fraction) for v, n in c.items()} for k, c in facets.items()}  # fmt: skip
    return {k: dict(c) for k, c in facets.items()}
