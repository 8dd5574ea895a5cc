"""What a web process does as it starts (rialgender/wsgi.py)."""

import gc


def test_a_web_process_sets_what_start_up_loaded_aside_from_the_collector(db):
    from django.test import Client

    from rialgender import wsgi

    gc.unfreeze()
    try:
        wsgi.settle()
        assert gc.get_freeze_count() > 10_000  # the URL configuration, the views, the models...
        assert Client().get("/en/").status_code == 200  # and the site still answers
    finally:
        gc.unfreeze()
