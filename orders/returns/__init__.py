"""Changing one's mind (practices S03, S13): cancel before dispatch, return or withdraw after delivery.

Three ways back, each reached from the order's page (the account's, or the tracking page a guest
opened with the lookup), and each in two steps so that nothing happens on a stray click:

- **Cancel** while the order is still with us (placed, confirmed or packed): all of it or some items.
  The stock goes back on sale at once.
- **Return** within SHOP["return_days"] of delivery: choose items, a reason and refund or exchange, see
  the refund worked out, confirm. The return gets an authorisation number and a printable label.
- **Withdraw from the contract** within 14 days of delivery, the button EU law requires since June 2026
  (Directive 2023/2673, Art. 11a): everything still here goes back, no reason asked, and the e-mail
  acknowledgement states the date and time the withdrawal was received.

A return moves requested → approved → received → refunded, or is rejected with a reason. It is approved
at once when the rules allow (every item returnable, inside the window); otherwise staff decide in the
back office. Each move writes the order's timeline and e-mails the customer once (orders/notifications.py).

The parts, as in an app: selectors.py (what is left, the windows, the refund, a return's progress, the
reasons for staff), services.py (returns and their stages, withdrawing, cancelling), forms.py, views.py.
"""
