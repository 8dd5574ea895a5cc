"""Write and keep the OAI-PMH records that published resources lack (docs_center.oai).

Run on release, after `migrate`: records are kept under a key that includes the code that
writes them, so a release makes them all stale, and until beat's next run (every ten minutes)
each page a harvester asks for would write its records again."""

from django.core.management.base import BaseCommand

from docs_center.services import oai_records_keep_missing


class Command(BaseCommand):
    help = "Write and keep the OAI-PMH records that published resources lack (run on release)."

    def handle(self, *args, **options):
        kept = oai_records_keep_missing()
        if options["verbosity"]:
            self.stdout.write(f"{kept} OAI-PMH records written and kept.")
