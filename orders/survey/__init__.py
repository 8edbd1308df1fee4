"""How did it go? A short survey a few days after delivery (practice S18: NPS, CSAT and CES).

The e-mail carries a signed link (no sign-in needed: most customers check out as guests); the page
records one answer per order. A beat task calls `surveys_send_due` to send the e-mails, through the
notifications module, so each order is asked once and customers who turned e-mails off are not asked.

Scores as the practice reads them: NPS is % promoters (9–10) minus % detractors (0–6), CSAT is
% answering 4 or 5, CES is the mean effort (lower is better).

The parts, as in an app: links.py (the signed link), services.py (asking, and keeping the answer),
forms.py, views.py.
"""

# orders/notifications.py and orders/tasks.py import these two from here. Both are being rewritten for the
# outbox; once they import orders.survey.links and orders.survey.services themselves, these lines go.
from .links import survey_link  # noqa: F401
from .services import surveys_send_due  # noqa: F401
