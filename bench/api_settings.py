"""The benchmark's server: the production settings, plus one URL for the baseline (a plain
Django view with a fixed JSON body, behind the same middleware)."""

from rialgender.settings.prod import *  # noqa: F403

ROOT_URLCONF = "bench.api_urls"
