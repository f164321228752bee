"""Rebuild the Chinese-aware search index from all published public content."""

from django.core.management.base import BaseCommand

from portal import search_index


class Command(BaseCommand):
    help = "Rebuild the site search index (public, published content only)."

    def handle(self, *args, **options):
        total = search_index.rebuild()
        self.stdout.write(self.style.SUCCESS(f"Indexed {total} documents."))
