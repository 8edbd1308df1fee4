"""Demo only: everything that exists to show the shop rather than to run it.

The demo catalogue and accounts (`manage.py load_demo`), its drawn pictures, help-centre and trust-page
texts, a year of dashboard figures, `manage.py play_order`, and the demo inbox at /demo/inbox/.
settings.py installs this app only when DEMO is on (the default with DEBUG); nothing outside it imports
it, so a merchant's shop deletes this folder and tests/demo/ and loses nothing it sells with.
"""
