import os
import socket

from celery import shared_task
from django.db import connection


@shared_task
def worker_ping_task() -> dict:
    """Answer from inside a worker, proving the whole chain: broker, worker, database, results."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        (database_answer,) = cursor.fetchone()
    return {"host": socket.gethostname(), "pid": os.getpid(), "database": database_answer == 1}
