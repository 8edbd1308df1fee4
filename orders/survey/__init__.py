"""How did it go? A short survey a few days after delivery (practice S18: NPS, CSAT and CES).

The e-mail carries a signed link (no sign-in needed: most customers check out as guests); the page
records one answer per order. A beat task calls `surveys_send_due` to write the e-mails to the outbox,
once per order, not to customers who turned e-mails off.

Scores as the practice reads them: NPS is % promoters (9–10) minus % detractors (0–6), CSAT is
% answering 4 or 5, CES is the mean effort (lower is better).

The parts, as in an app: links.py (the signed link), services.py (asking, and keeping the answer),
forms.py, views.py.
"""
