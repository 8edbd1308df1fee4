"""The forms of changing one's mind: how many of each line to send back or cancel, and a return's reason."""

from django import forms

from .selectors import LineLeft, Outcome, Reason


class LinesForm(forms.Form):
    """A quantity for each line with any left to choose from: 0 up to what is left."""

    verb = "send back"

    def __init__(self, *args, lines: list[LineLeft], **kwargs):
        super().__init__(*args, **kwargs)
        self.lines = lines
        for line_left in lines:
            if self.offers(line_left):
                message = f"Choose how many of {line_left.name} to {self.verb}: from 0 to {line_left.left}."
                self.fields[f"quantity_{line_left.line.pk}"] = forms.TypedChoiceField(
                    label=f"How many of {line_left.name} to {self.verb}", coerce=int, empty_value=0,
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
        label="Why are you sending it back?", choices=Reason.choices, widget=forms.RadioSelect,
        error_messages={"required": "Choose the reason for the return: it helps us put things right.",
                        "invalid_choice": "Choose one of the reasons listed."})
    reason_text = forms.CharField(
        label="In your words", required=False, max_length=500,
        help_text="Needed if you chose “Another reason”; welcome for any other.",
        error_messages={"max_length": "Shorten this to at most %(limit_value)d characters (it has %(show_value)d)."},
        widget=forms.Textarea(attrs={"rows": 3}))
    outcome = forms.ChoiceField(
        label="What would you like?", choices=Outcome.choices, widget=forms.RadioSelect, initial=Outcome.REFUND,
        error_messages={"required": "Choose a refund or an exchange.",
                        "invalid_choice": "Choose a refund or an exchange."})

    def offers(self, line_left: LineLeft) -> bool:
        return line_left.left > 0 and not line_left.not_returnable_reason

    def clean(self):
        cleaned = super().clean()
        self._require_some("Choose how many of at least one item to send back.")
        if cleaned.get("reason") == Reason.OTHER and not cleaned.get("reason_text", "").strip():
            self.add_error("reason_text", "Tell us the reason in a few words: you chose “Another reason”.")
        return cleaned


class CancelForm(LinesForm):
    verb = "cancel"
    what = forms.ChoiceField(
        choices=[("everything", "Cancel the whole order"), ("some", "Cancel the items chosen")],
        error_messages={"required": "Choose “Cancel the whole order” or “Cancel the items chosen”.",
                        "invalid_choice": "Choose “Cancel the whole order” or “Cancel the items chosen”."})

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("what") == "some":
            self._require_some("Choose how many of at least one item to cancel, or cancel the whole order.")
        return cleaned

    def quantities(self) -> dict[int, int]:
        if self.cleaned_data.get("what") == "everything":
            return {line_left.line.pk: line_left.left for line_left in self.lines if line_left.left}
        return super().quantities()
