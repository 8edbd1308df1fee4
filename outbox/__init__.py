"""The outbox: the one way the shop sends anything (practices P51, P59). Write a Message; it is sent.

Writing (services.py): `email_write` and `text_write` are called inside the transaction of the change
that causes the message, render it there (so it says what was true when it happened), and queue its
sending for when that transaction commits. If the queue is down then (Redis restarting), the change
still succeeds: the row waits.

Sending (sending.py, run by tasks.py): `message_send` claims the row ("sending") in its own short
transaction, talks to the mail server or text provider with no database lock held, then records
"sent". A failure is kept for staff and tried again later with growing waits, up to MAX_ATTEMPTS,
then the message is "failed".

Sweeping (tasks.py): `messages_sweep_task` (beat, every OUTBOX_SWEEP_SECONDS) queues again every row
still waiting when it is due, and every row left "sending" for longer than OUTBOX_SENDING_TIMEOUT: its
task was lost (Redis keeps nothing on disk) or its worker killed mid-send. That is the one window for a
duplicate: a worker that dies after the mail server accepted a message but before "sent" was written.
Such rows are marked `interrupted` and counted for staff.
"""
