"""Print the current two-factor code of the demo Secretariat account (development only)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from rialgender.demo.accounts import DEMO_TOTP_SECRET, totp_code


class Command(BaseCommand):
    help = "Print the current two-factor code of the demo Secretariat account."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Only available in development (DEBUG on).")
        self.stdout.write(totp_code(DEMO_TOTP_SECRET))
