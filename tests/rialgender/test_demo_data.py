from io import StringIO

from django.core.management import call_command

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
