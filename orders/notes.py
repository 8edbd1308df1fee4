"""The shop's own notes on an order's timeline, written in the language of whoever reads them.

A note the shop writes with values in it (an amount, the items, a date) is kept twice on its `OrderEvent`:
`note` holds it written in English, the back office's record that staff read as before, and `note_values`
holds the message's name and the values themselves, as data. Each reader then sees it written in their
language (`OrderEvent.shown_note`): the page's language on the shop's pages, the message's in an e-mail,
with the amount written as money and the items listed the way that language lists things. No sentence is
glued from pieces: every message below is a whole sentence for the translators.

The fixed notes (orders/returns/services.py: "The parcel has reached us.") are their own msgid, and staff's
free text is shown as typed.
"""

from datetime import date
from decimal import Decimal

from babel.lists import format_list
from django.utils import translation
from django.utils.translation import gettext, gettext_lazy, ngettext_lazy

from storefront.dates import day_and_month, page_locale
from storefront.money import format_money, prices_written_in

# Values named "amount" are money (kept as a decimal string), "date" a day (kept as YYYY-MM-DD) and "items"
# a list of {"quantity", "name", "size"}; the rest are written as they are.
NOTES = {
    "cod_not_confirmed": ngettext_lazy(
        "Cash on delivery not confirmed within %(count)d hour: cancelled, the stock back on sale.",
        "Cash on delivery not confirmed within %(count)d hours: cancelled, the stock back on sale.", "count"),
    # Translators: a note on the order's timeline when a parcel is late; the date is the new estimate ("4 December").
    "late": gettext_lazy("Taking longer than expected; customer and staff told, new estimate %(date)s."),
    # Translators: a note on the order's timeline; number is the return's (R-…), items "1 × Wool scarf and 2 × …".
    "return_requested": gettext_lazy("Return requested (%(number)s): %(items)s. Refund %(amount)s."),
    "withdrawal_received": gettext_lazy(
        "Withdrawal from the contract received (%(number)s): %(items)s. Refund %(amount)s."),
    "refunded": gettext_lazy("Refunded %(amount)s."),
    "cancelled": gettext_lazy("Cancelled at the customer's request. %(amount)s off the total."),
    "lines_cancelled": gettext_lazy(
        "Part of the order cancelled at the customer's request: %(items)s. %(amount)s off the total; the rest is "
        "still coming."),
    # Translators: as above, when the parcel was already packed: the last sentence is for the warehouse.
    "packed_lines_cancelled": gettext_lazy(
        "Part of the order cancelled at the customer's request: %(items)s. %(amount)s off the total; the rest is "
        "still coming. It was already packed: take it out of the parcel."),
}


def shop_note(message: str, **values) -> dict:
    """An OrderEvent's `note` (in English, for the record) and `note_values` for one of the shop's NOTES."""
    kept = {"message": message, **{name: _kept(name, value) for name, value in values.items()}}
    with translation.override("en-gb"), prices_written_in("en-gb"):
        return {"note": note_in_words(kept)[:300], "note_values": kept}


def note_in_words(values: dict) -> str:
    """The note in the active language (a page's, or an e-mail's inside `written_in`)."""
    written = {name: _written(name, value) for name, value in values.items() if name != "message"}
    return str(NOTES[values["message"]] % written)


def items_kept(quantities: dict, lines: dict) -> list[dict]:
    """{order line id: quantity} with the lines they are of, as the data a note keeps."""
    return [{"quantity": quantity, "name": lines[line_id].product_name, "size": lines[line_id].size}
            for line_id, quantity in quantities.items()]


def _kept(name: str, value):
    if name == "amount":
        return str(Decimal(value))
    if name == "date":
        return value.isoformat()
    return value


def _written(name: str, value):
    if name == "amount":
        return format_money(Decimal(value))
    if name == "date":
        return day_and_month(date.fromisoformat(value))
    if name == "items":
        return format_list([_item(item) for item in value], locale=page_locale())
    return value


def _item(item: dict) -> str:
    if item.get("size"):
        # Translators: one item in a timeline note's list: "2 × Linen shirt (size M)".
        return gettext("%(quantity)s × %(item)s (size %(size)s)") % {
            "quantity": item["quantity"], "item": item["name"], "size": item["size"]}
    # Translators: one item in a timeline note's list: "1 × Wool scarf".
    return gettext("%(quantity)s × %(item)s") % {"quantity": item["quantity"], "item": item["name"]}
