"""Demo only: play an order through every stage with short pauses, so a workshop can watch the
tracking page, the demo inbox and the back office follow it.

    python manage.py play_order FG-ABC123 --pause 5
"""

import secrets
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from orders.models import Order
from orders.services import StageError, order_advance


class Command(BaseCommand):
    help = "Demo only: move an order through all its stages, pausing between them."

    def add_arguments(self, parser):
        parser.add_argument("number", help="The order number, e.g. FG-ABC123 (default: the newest order).", nargs="?")
        parser.add_argument("--pause", type=float, default=5, help="Seconds between stages (default 5).")

    def handle(self, *args, number, pause, **options):
        if not settings.DEBUG:
            raise CommandError("play_order is for the demo; it refuses to run with DEBUG=false.")
        order = Order.objects.filter(number=number).first() if number else Order.objects.first()
        if order is None:
            raise CommandError(f"No order {number or 'at all'}: place one in the shop first.")
        self.stdout.write(f"Playing order {order.number} (now {order.get_status_display().lower()})")
        while True:
            # A parcel needs a carrier and tracking number before it ships; the demo makes them up.
            made_up_number = f"1550{secrets.randbelow(10**10):010}"
            order.shipments.filter(carrier="").update(carrier="DPD", tracking_number=made_up_number)
            try:
                order = order_advance(order=order)
            except StageError as final:
                self.stdout.write(self.style.SUCCESS(f"Done: {final}"))
                return
            self.stdout.write(f"  → {order.get_status_display()}")
            time.sleep(pause)
