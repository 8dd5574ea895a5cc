"""Load the demo data: real institutions, areas of action and committee from the network's
documents, synthetic people. Idempotent: running it again updates, never duplicates, and
never overwrites a password someone changed.

Development only: it creates a staff account whose password and two-factor secret are in the
repository, so it refuses to run with DEBUG off or with the production settings unless
`--force` is given (a benchmark's own database, say)."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from members.models import Member, Ministry
from rialgender.demo import network, people
from rialgender.demo.accounts import DEMO_PASSWORD, DEMO_TOTP_SECRET
from rialgender.models import AreaOfAction
from rialgender.permissions import MEMBERS_GROUP, SECRETARIAT_GROUP


class Command(BaseCommand):
    help = "Load the demo data (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--logins-only", action="store_true", help="Only print the demo logins."
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Load even outside development (DEBUG off or production settings).",
        )

    def handle(self, *args, logins_only=False, force=False, **options):
        if not logins_only and not force and not is_development():
            raise CommandError(
                "The demo data creates a staff account whose password and two-factor secret "
                "are public (they are in the repository): it is loaded only in development "
                "(DEBUG on, not the production settings). Use --force to load it anyway, "
                "into a database of its own."
            )
        if not logins_only:
            with transaction.atomic():
                self.load()
            # Other apps add their demo data through the same command, once they exist.
            from rialgender.demo.loaders import run_app_loaders

            run_app_loaders(self.stdout)
        if logins_only or options["verbosity"] >= 1:
            self.print_logins()

    def load(self):
        for order, area in enumerate(network.AREAS_OF_ACTION, start=1):
            AreaOfAction.objects.update_or_create(
                slug=area["slug"],
                defaults={
                    "order": order,
                    "name_en": area["name_en"],
                    "name_es": area["name_es"],
                    "description_en": area["description_en"],
                    "description_es": area["description_es"],
                },
            )
        for item in network.MINISTRIES:
            Ministry.objects.update_or_create(
                country=item["country"],
                defaults={
                    "name_en": item["name_en"],
                    "name_es": item["name_es"],
                    "gender_unit_en": item.get("gender_unit_en", ""),
                    "gender_unit_es": item.get("gender_unit_es", ""),
                },
            )
        groups = {
            name: Group.objects.get_or_create(name=name)[0]
            for name in (MEMBERS_GROUP, SECRETARIAT_GROUP)
        }
        for person in people.SYNTHETIC_FOCAL_POINTS:
            ministry = Ministry.objects.get(country=person["country"])
            user = self._user(person, language=person["preferred_language"])
            Member.objects.update_or_create(
                user=user,
                defaults={
                    "ministry": ministry,
                    "title": person["title_es"] if user.language == "es" else person["title_en"],
                    "unit": person["unit_es"] if user.language == "es" else person["unit_en"],
                    "network_role": person["role"],
                    "languages": person["languages"],
                    "phone": "",
                },
            )
            user.groups.add(groups[MEMBERS_GROUP])
        staff = people.SECRETARIAT_STAFF
        user = self._user(staff, language="en", is_staff=True)
        user.groups.add(groups[SECRETARIAT_GROUP])
        self._demo_authenticator(user)

    def _user(self, person, *, language, is_staff=False):
        User = get_user_model()
        user, created = User.objects.get_or_create(
            email=person["email"],
            defaults={
                "first_name": person["first_name"],
                "last_name": person["last_name"],
                "language": language,
                "is_staff": is_staff,
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        return user

    def _demo_authenticator(self, user):
        from allauth.mfa.models import Authenticator
        from allauth.mfa.totp.internal.auth import TOTP

        if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
            TOTP.activate(user, DEMO_TOTP_SECRET)

    def print_logins(self):
        if not settings.DEBUG:
            self.stdout.write("Demo logins are only shown in development.")
            return
        staff = people.SECRETARIAT_STAFF["email"]
        lines = [
            f"  Demo logins (password for all: {DEMO_PASSWORD}):",
            f"    Secretariat (admin): {staff}",
            "      two-factor authentication is required for staff; the demo account's current",
            f"      code: `.venv/bin/python manage.py demo_totp` (authenticator key {DEMO_TOTP_SECRET})",
        ]
        for person in people.SYNTHETIC_FOCAL_POINTS[:4]:
            lines.append(f"    Focal point ({person['country']}): {person['email']}")
        # The Spanish-speaking focal point in Asunción who registers for the next dialogue.
        for person in people.SYNTHETIC_FOCAL_POINTS:
            if person["country"] == "PY":
                lines.append(f"    Focal point (PY, Asunción): {person['email']}")
        self.stdout.write("\n".join(lines))


def is_development() -> bool:
    return settings.DEBUG and not settings.PRODUCTION
