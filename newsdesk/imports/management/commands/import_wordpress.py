"""`newsdesk import_wordpress FILE.xml`: a WordPress export's posts, photos, authors as stories."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from newsdesk.editions.services import default_edition, edition_codes
from newsdesk.imports.management.progress import import_progress
from newsdesk.imports.media import media_fetch
from newsdesk.imports.wordpress import Options, WordPressImport, parse_section_map


class Command(BaseCommand):
    help = (
        "Import a WordPress export (WXR 1.1 or 1.2, from Tools > Export): posts become stories "
        "with their status, dates, authors, sections, tags, standfirst and body; attachments "
        "become photos (with --media or --media-base); every published post's old address "
        "answers a 301 to its story. Run again with the same or a newer export: only what "
        "changed is updated. Ends with a summary table of what was done and what was left out."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The export file (.xml).")
        parser.add_argument(
            "--section",
            action="append",
            default=[],
            metavar="CATEGORY=SECTION",
            help="File posts of this category slug in this section (repeatable).",
        )
        parser.add_argument(
            "--other-categories",
            choices=["tags", "section"],
            default="tags",
            help="Categories no --section maps: 'tags' (default) makes them tags; 'section' "
            "drops them. Either way their posts go to --default-section.",
        )
        parser.add_argument(
            "--default-section",
            default="",
            metavar="SLUG",
            help="Section for posts no --section maps (default: the edition's first).",
        )
        parser.add_argument(
            "--edition",
            default="",
            help="Language edition to import into (default: the site's default edition).",
        )
        media = parser.add_mutually_exclusive_group()
        media.add_argument(
            "--media", metavar="DIR", help="A copy of the old site's wp-content/uploads folder."
        )
        media.add_argument(
            "--media-base",
            metavar="URL",
            help="The address of the old site's uploads folder (…/wp-content/uploads/).",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Print what would be done and store nothing (no story, photo or file).",
        )

    def handle(self, *args, file, section, other_categories, default_section, edition, **opts):
        edition = edition or default_edition()
        if edition not in edition_codes():
            raise CommandError(f"No edition {edition!r}; editions: {', '.join(edition_codes())}.")
        if opts["media"] and not Path(opts["media"]).is_dir():
            raise CommandError(f"No such folder: {opts['media']}")
        try:
            options = Options(
                edition=edition,
                sections=parse_section_map(section),
                other_categories=other_categories,
                default_section=default_section,
                fetch=media_fetch(opts["media"], opts["media_base"]),
                dry_run=opts["dry_run"],
            )
            run = WordPressImport(Path(file), options)
        except ValueError as error:
            raise CommandError(str(error)) from None
        with import_progress(self, run.report, keeps_what_was_read=True) as update:

            def progress(items):
                for step in items:
                    update(1)
                    yield step

            run.run(progress)  # a dry run rolls itself back
        self.stdout.write(run.report.table())
