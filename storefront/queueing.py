"""Handing work to a Celery worker without ever failing the customer's request over it."""

import logging

logger = logging.getLogger(__name__)


def task_queue(task, *args) -> bool:
    """Queue `task` with `args`; False, with a warning logged, when the broker cannot be reached (Redis
    restarting). Callers keep in their own rows what is still to do, and a beat sweep picks it up."""
    try:
        task.delay(*args)
    except Exception:  # kombu's OperationalError, redis's ConnectionError: any broker trouble
        logger.warning("%s%r not queued (is Redis down?); its sweep will pick it up.", task.name, args, exc_info=True)
        return False
    return True
