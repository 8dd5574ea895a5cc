"""What a web process does as it starts (rialgender/wsgi.py)."""

import gc


def test_a_web_process_sets_what_start_up_loaded_aside_from_the_collector(db):
    from django.test import Client

    from rialgender import wsgi

    gc.unfreeze()
    try:
        wsgi.settle()
        frozen = gc.get_freeze_count()
        assert frozen > 10_000  # the URL configuration, the views, the models...
        assert Client().get("/en/").status_code == 200  # and the site still answers
        assert gc.get_freeze_count() <= frozen  # what a request makes is not set aside
    finally:
        gc.unfreeze()
