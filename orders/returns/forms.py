"""The forms of changing one's mind: how many of each line to send back or cancel, and a return's reason."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .selectors import LineLeft, Outcome, Reason


class LinesForm(forms.Form):
    """A quantity for each line with any left to choose from: 0 up to what is left."""

    # Each line's label and message, with the item's name and how many are left.
    quantity_label = _("How many of %(item)s to send back")
    quantity_message = _("Choose how many of %(item)s to send back: from 0 to %(left)s.")

    def __init__(self, *args, lines: list[LineLeft], **kwargs):
        super().__init__(*args, **kwargs)
        self.lines = lines
        for line_left in lines:
            if self.offers(line_left):
                item = {"item": line_left.name, "left": line_left.left}
                message = self.quantity_message % item
                self.fields[f"quantity_{line_left.line.pk}"] = forms.TypedChoiceField(
                    label=self.quantity_label % item, coerce=int, empty_value=0,
                    required=False, initial=0, choices=[(n, str(n)) for n in range(line_left.left + 1)],
                    error_messages={"invalid_choice": message})

    def offers(self, line_left: LineLeft) -> bool:
        return line_left.left > 0

    def rows(self) -> list[tuple[LineLeft, forms.BoundField | None]]:
        """Each line with its quantity field, or None where nothing can be chosen (the page says why)."""
        return [(line_left, self[f"quantity_{line_left.line.pk}"] if self.offers(line_left) else None)
                for line_left in self.lines]

    def quantities(self) -> dict[int, int]:
        return {line_left.line.pk: self.cleaned_data.get(f"quantity_{line_left.line.pk}") or 0
                for line_left in self.lines if self.offers(line_left)}

    def _require_some(self, message: str) -> None:
        if not any(self.quantities().values()):
            first = next((name for name in self.fields if name.startswith("quantity_")), None)
            self.add_error(first, message)


class ReturnForm(LinesForm):
    reason = forms.ChoiceField(
        label=_("Why are you sending it back?"), choices=Reason.choices, widget=forms.RadioSelect,
        error_messages={"required": _("Choose the reason for the return: it helps us put things right."),
                        "invalid_choice": _("Choose one of the reasons listed.")})
    reason_text = forms.CharField(
        label=_("In your words"), required=False, max_length=500,
        help_text=_("Needed if you chose “Another reason”; welcome for any other."),
        error_messages={"max_length": _("Shorten this to at most %(limit_value)d characters (it has %(show_value)d).")},
        widget=forms.Textarea(attrs={"rows": 3}))
    outcome = forms.ChoiceField(
        label=_("What would you like?"), choices=Outcome.choices, widget=forms.RadioSelect, initial=Outcome.REFUND,
        error_messages={"required": _("Choose a refund or an exchange."),
                        "invalid_choice": _("Choose a refund or an exchange.")})

    def offers(self, line_left: LineLeft) -> bool:
        return line_left.left > 0 and not line_left.not_returnable_reason

    def clean(self):
        cleaned = super().clean()
        self._require_some(_("Choose how many of at least one item to send back."))
        if cleaned.get("reason") == Reason.OTHER and not cleaned.get("reason_text", "").strip():
            self.add_error("reason_text", _("Tell us the reason in a few words: you chose “Another reason”."))
        return cleaned


class CancelForm(LinesForm):
    quantity_label = _("How many of %(item)s to cancel")
    quantity_message = _("Choose how many of %(item)s to cancel: from 0 to %(left)s.")
    what = forms.ChoiceField(
        choices=[("everything", _("Cancel the whole order")), ("some", _("Cancel the items chosen"))],
        error_messages={"required": _("Choose “Cancel the whole order” or “Cancel the items chosen”."),
                        "invalid_choice": _("Choose “Cancel the whole order” or “Cancel the items chosen”.")})

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("what") == "some":
            self._require_some(_("Choose how many of at least one item to cancel, or cancel the whole order."))
        return cleaned

    def quantities(self) -> dict[int, int]:
        if self.cleaned_data.get("what") == "everything":
            return {line_left.line.pk: line_left.left for line_left in self.lines if line_left.left}
        return super().quantities()
