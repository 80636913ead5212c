"""Generate N synthetic items with multilingual metadata, in bulk, the same for the same seed."""

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from demo.synthetic.generator import SyntheticGenerator


class Command(BaseCommand):
    help = (
        "Generate N items with varied multilingual Dublin Core metadata, linked authorities and "
        "EDTF dates. Deterministic for a seed; items of the seed already there are skipped."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("count", type=int, help="number of items (item numbers 0..N-1)")
        parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
        parser.add_argument(
            "--images", action="store_true", help="ask the archive to attach generated images"
        )
        parser.add_argument(
            "--collection",
            default="synthetic",
            help="slug of the root collection (default synthetic)",
        )
        parser.add_argument("--batch-size", type=int, default=SyntheticGenerator.batch_size)

    def handle(
        self,
        *args,
        count: int,
        seed: int,
        images: bool,
        collection: str,
        batch_size: int,
        **options,
    ) -> None:
        if count < 0 or seed < 0 or batch_size < 1:
            raise CommandError("count and seed must be zero or more, batch size at least 1")
        generator = SyntheticGenerator(
            count,
            seed,
            images=images,
            root=collection,
            batch_size=batch_size,
            progress=options["verbosity"] > 0,
        )
        try:
            counts = generator.run()
        except DatabaseError as exc:
            made = generator.counts.get("items created", 0)
            raise CommandError(
                f"The database failed after {made} new items ({exc.__class__.__name__}: "
                f"{str(exc).strip().splitlines()[0] if str(exc).strip() else 'no detail'}). "
                "Every batch is saved whole or not at all: run the same command again to go on "
                "(items already made are skipped), then `manage.py search_drift --repair` so "
                "that search also holds the items made before the interruption."
            ) from None
        summary = ", ".join(f"{n} {what}" for what, n in sorted(counts.items()))
        took = generator.seconds
        self.stdout.write(
            self.style.SUCCESS(
                f"Synthetic data, seed {seed}: {summary}. Inserted in {took['insert']:.1f} s; "
                f"listeners of items_generated took {took['listeners']:.1f} s."
            )
        )
