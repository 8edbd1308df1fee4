"""The review form: a rating, a title, the text, the name to show, and up to PHOTO_LIMIT photos."""

from django import forms
from django.core.exceptions import ValidationError

from shop.models import Review

from .photos import PHOTO_LIMIT, PHOTO_MAX_MEGABYTES, PHOTO_TYPES, photo_prepare
from .selectors import STARS


class MultiplePhotoInput(forms.FileInput):
    allow_multiple_selected = True


class PhotosField(forms.FileField):
    """Several files from one input (Django's documented recipe); each becomes a photo ready to keep."""

    widget = MultiplePhotoInput(attrs={"accept": "image/jpeg,image/png,image/webp"})
    already_kept = 0  # the review's photos that stay: set by the form, so the count is checked before any file is read

    def clean(self, data, initial=None):
        files = [file for file in (data if isinstance(data, list | tuple) else [data]) if file]
        if len(files) > PHOTO_LIMIT:
            raise ValidationError(f"You chose {len(files)} photos: choose at most {PHOTO_LIMIT}.")
        if files and self.already_kept + len(files) > PHOTO_LIMIT:
            raise ValidationError(f"A review can have {PHOTO_LIMIT} photos: it has {self.already_kept} already. "
                                  "Choose fewer, or tick “Remove” under the ones to replace.")
        prepared, problems = [], []
        for file in files:
            try:
                prepared.append(photo_prepare(super().clean(file, initial)))
            except ValidationError as problem:
                problems.extend(problem.messages)
        if problems:
            raise ValidationError(problems)
        return prepared


RATING_WORDS = {1: "poor", 2: "disappointing", 3: "all right", 4: "good", 5: "excellent"}
RATING_MESSAGE = "Choose a rating from 1 to 5 stars."


class ReviewForm(forms.Form):
    rating = forms.TypedChoiceField(
        label="Your rating", coerce=int, widget=forms.RadioSelect,
        choices=[(stars, f"{stars} star{'s' if stars > 1 else ''}: {RATING_WORDS[stars]}") for stars in STARS],
        error_messages={"required": RATING_MESSAGE, "invalid_choice": RATING_MESSAGE})
    title = forms.CharField(
        label="Title", max_length=120, help_text="Sum it up in a few words, e.g. “Warm, and the sleeves are long”.",
        error_messages={"required": "Give your review a title of a few words.",
                        "max_length": "Shorten the title to at most %(limit_value)d characters "
                                      "(it has %(show_value)d)."})
    text = forms.CharField(
        label="Your review", max_length=5000, widget=forms.Textarea(attrs={"rows": 7}),
        help_text="What you liked and what you did not: fit, quality, how it wears or works. Please leave out "
                  "personal details.",
        error_messages={"required": "Write a few sentences about the product.",
                        "max_length": "Shorten your review to at most %(limit_value)d characters "
                                      "(it has %(show_value)d)."})
    display_name = forms.CharField(
        label="Name to show", max_length=60,
        help_text="For example “Ada, Bristol”. Your e-mail address is never shown.",
        error_messages={"required": "Type the name to show with your review, e.g. your first name.",
                        "max_length": "Shorten the name to at most %(limit_value)d characters."},
        widget=forms.TextInput(attrs={"autocomplete": "nickname"}))
    photos = PhotosField(
        label="Photos", required=False,
        help_text=f"Up to {PHOTO_LIMIT} {PHOTO_TYPES} pictures of the product, {PHOTO_MAX_MEGABYTES} MB each at most.",
        error_messages={"empty": "One of the photos is an empty file. Choose it again, or choose another.",
                        "invalid": f"Choose {PHOTO_TYPES} pictures from your device."})
    photo_description = forms.CharField(
        label="What your photos show", required=False, max_length=200,
        help_text="For people who cannot see them, e.g. “The jacket worn open, from the side”.",
        error_messages={"max_length": "Shorten the description to at most %(limit_value)d characters."})
    remove_photos = forms.TypedMultipleChoiceField(
        label="Remove photos", required=False, coerce=int, widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "One of the photos to remove is no longer there. Reload the page and "
                                          "tick them again."})

    def __init__(self, *args, review: Review | None = None, **kwargs):
        self.kept_photos = list(review.photos.all()) if review else []
        if review:  # a second visit changes the first review
            kwargs["initial"] = {name: getattr(review, name) for name in ("rating", "title", "text", "display_name")}
        super().__init__(*args, **kwargs)
        self.fields["remove_photos"].choices = [(photo.pk, photo.alt) for photo in self.kept_photos]
        removing = {str(photo.pk) for photo in self.kept_photos} & set(self.data.getlist("remove_photos")) \
            if self.is_bound else set()
        self.fields["photos"].already_kept = len(self.kept_photos) - len(removing)
