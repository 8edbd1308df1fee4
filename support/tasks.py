"""Celery finds tasks in each app's tasks.py; support's live beside the rules they serve."""

from .contact import ticket_acknowledge_task, ticket_notify_staff_task  # noqa: F401
from .questions import question_email_asker_task, question_notify_staff_task  # noqa: F401
