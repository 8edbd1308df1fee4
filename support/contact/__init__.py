"""Writing to us (practices P16, P21, P71): the contact form, complaints included, and feedback from any page.

Contact: a message becomes a Ticket with a reference; a complaint is the same form with the topic "A complaint",
marked priority so staff see it first. With the ticket, two e-mails are written to the outbox: staff's copy
(complaints marked URGENT) and the customer's acknowledgement.

Spam is kept out without puzzles: a field only robots fill (a honeypot) and a rate limit per address. A robot
that fills the honeypot is thanked as usual and nothing is stored, so it learns nothing. There is no "sent too
fast" check: a person whose browser fills in the name and e-mail address, with a message pasted, sends within a
second, while a robot that knows about such a check simply waits, so it refused people and kept out no robot.

Feedback: the "Feedback" control on every page (templates/support/_feedback.html) posts here with the page it
was sent from, which must be an address on this shop.

The parts, as in an app: forms.py (the contact and feedback forms, the honeypot), services.py (opening a
ticket, keeping feedback, how soon we answer), views.py.
"""
