from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from members.models import Member, Ministry, User
from rialgender.demo import network
from rialgender.models import AreaOfAction


def test_demo_data_loads_idempotently(db, settings):
    settings.DEBUG = True
    call_command("load_demo_data", stdout=StringIO())
    counts = (AreaOfAction.objects.count(), Ministry.objects.count(), User.objects.count())
    member = Member.objects.select_related("user").first()
    member.user.set_password("changed-by-its-owner")
    member.user.save()

    out = StringIO()
    call_command("load_demo_data", stdout=out)
    assert (AreaOfAction.objects.count(), Ministry.objects.count(), User.objects.count()) == counts
    assert counts[0] == 9 and counts[1] == len(network.MINISTRIES)
    member.user.refresh_from_db()
    assert member.user.check_password("changed-by-its-owner")  # never reset by a reload
    assert "secretariat@demo.rialgender.org" in out.getvalue()


def test_demo_people_are_synthetic(db):
    from rialgender.demo.people import SECRETARIAT_STAFF, SYNTHETIC_FOCAL_POINTS

    for person in [*SYNTHETIC_FOCAL_POINTS, SECRETARIAT_STAFF]:
        assert person["email"].endswith("demo.rialgender.org")


def test_demo_data_refuses_to_load_outside_development(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="only in development"):
        call_command("load_demo_data", stdout=StringIO())
    assert not User.objects.filter(email="secretariat@demo.rialgender.org").exists()
    call_command("load_demo_data", force=True, verbosity=0, stdout=StringIO())
    assert User.objects.filter(email="secretariat@demo.rialgender.org", is_staff=True).exists()


def test_demo_data_refuses_the_production_settings_even_with_debug(db, settings):
    settings.DEBUG = True
    settings.PRODUCTION = True
    with pytest.raises(CommandError):
        call_command("load_demo_data", stdout=StringIO())
