from celery.exceptions import TimeoutError as CeleryTimeoutError
from django.conf import settings
from django.core.cache import cache
from django.core.management.base import BaseCommand
from django.db import connection

from storefront.tasks import worker_ping_task


class Command(BaseCommand):
    help = "Say which database, cache and task queue the shop is using, and whether they answer."

    def handle(self, *args, **options):
        self.stdout.write(f"Database: {connection.vendor} ({connection.settings_dict['NAME']})")
        cache.set("shop_status:probe", "ok", 10)
        self.stdout.write(f"Cache: {settings.CACHES['default']['BACKEND'].rsplit('.', 1)[-1]}, "
                          f"answers: {cache.get('shop_status:probe') == 'ok'}")
        if settings.CELERY_TASK_ALWAYS_EAGER:
            self.stdout.write("Tasks: run in-process (no REDIS_URL set)")
            return
        try:
            answer = worker_ping_task.delay().get(timeout=5)
        except CeleryTimeoutError:
            self.stdout.write(self.style.WARNING("Tasks: queued on Redis, but no worker answered in 5 s. "
                                                 "Start one: celery -A storefront worker -l info"))
        else:
            self.stdout.write(self.style.SUCCESS(f"Tasks: worker on {answer['host']} answered"))
