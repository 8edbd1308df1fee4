"""The review form: a rating, a title, the text, the name to show, and up to PHOTO_LIMIT photos."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from shop.models import Review

from .photos import PHOTO_LIMIT, PHOTO_MAX_MEGABYTES, photo_prepare


class MultiplePhotoInput(forms.FileInput):
    allow_multiple_selected = True


class PhotosField(forms.FileField):
    """Several files from one input (Django's documented recipe); each becomes a photo ready to keep."""

    widget = MultiplePhotoInput(attrs={"accept": "image/jpeg,image/png,image/webp"})
    already_kept = 0  # the review's photos that stay: set by the form, so the count is checked before any file is read

    def clean(self, data, initial=None):
        files = [file for file in (data if isinstance(data, list | tuple) else [data]) if file]
        if len(files) > PHOTO_LIMIT:
            raise ValidationError(ngettext("You chose %(count)s photos: choose at most %(limit)s.",
                                           "You chose %(count)s photos: choose at most %(limit)s.", len(files))
                                  % {"count": len(files), "limit": PHOTO_LIMIT})
        if files and self.already_kept + len(files) > PHOTO_LIMIT:
            raise ValidationError(ngettext(
                "A review can have %(limit)s photos: it has %(count)s already. Choose fewer, or tick “Remove” "
                "under the ones to replace.",
                "A review can have %(limit)s photos: it has %(count)s already. Choose fewer, or tick “Remove” "
                "under the ones to replace.", self.already_kept) % {"limit": PHOTO_LIMIT, "count": self.already_kept})
        prepared, problems = [], []
        for file in files:
            try:
                prepared.append(photo_prepare(super().clean(file, initial)))
            except ValidationError as problem:
                problems.extend(problem.messages)
        if problems:
            raise ValidationError(problems)
        return prepared


# Each rating as the form offers it, the stars' number and their meaning in words.
RATING_CHOICES = [
    (1, _("1 star: poor")),
    (2, _("2 stars: disappointing")),
    (3, _("3 stars: all right")),
    (4, _("4 stars: good")),
    (5, _("5 stars: excellent")),
]
RATING_MESSAGE = _("Choose a rating from 1 to 5 stars.")


class ReviewForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("Your rating"), coerce=int, widget=forms.RadioSelect, choices=RATING_CHOICES,
        error_messages={"required": RATING_MESSAGE, "invalid_choice": RATING_MESSAGE})
    title = forms.CharField(
        label=_("Title"), max_length=120,
        help_text=_("Sum it up in a few words, e.g. “Warm, and the sleeves are long”."),
        error_messages={"required": _("Give your review a title of a few words."),
                        "max_length": _("Shorten the title to at most %(limit_value)d characters "
                                        "(it has %(show_value)d).")})
    text = forms.CharField(
        label=_("Your review"), max_length=5000, widget=forms.Textarea(attrs={"rows": 7}),
        help_text=_("What you liked and what you did not: fit, quality, how it wears or works. Please leave out "
                    "personal details."),
        error_messages={"required": _("Write a few sentences about the product."),
                        "max_length": _("Shorten your review to at most %(limit_value)d characters "
                                        "(it has %(show_value)d).")})
    display_name = forms.CharField(
        label=_("Name to show"), max_length=60,
        help_text=_("For example “Ada, Bristol”. Your e-mail address is never shown."),
        error_messages={"required": _("Type the name to show with your review, e.g. your first name."),
                        "max_length": _("Shorten the name to at most %(limit_value)d characters.")},
        widget=forms.TextInput(attrs={"autocomplete": "nickname"}))
    photos = PhotosField(
        label=_("Photos"), required=False,  # its help text, with numbers in it, is written in __init__
        error_messages={"empty": _("One of the photos is an empty file. Choose it again, or choose another."),
                        "invalid": _("Choose JPEG, PNG or WebP pictures from your device.")})
    photo_description = forms.CharField(
        label=_("What your photos show"), required=False, max_length=200,
        help_text=_("For people who cannot see them, e.g. “The jacket worn open, from the side”."),
        error_messages={"max_length": _("Shorten the description to at most %(limit_value)d characters.")})
    remove_photos = forms.TypedMultipleChoiceField(
        label=_("Remove photos"), required=False, coerce=int, widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("One of the photos to remove is no longer there. Reload the page and "
                                            "tick them again.")})

    def __init__(self, *args, review: Review | None = None, **kwargs):
        self.kept_photos = list(review.photos.all()) if review else []
        if review:  # a second visit changes the first review
            kwargs["initial"] = {name: getattr(review, name) for name in ("rating", "title", "text", "display_name")}
        super().__init__(*args, **kwargs)
        self.fields["photos"].help_text = ngettext(  # the types are those of PHOTO_FORMATS
            "Up to %(limit)s JPEG, PNG or WebP picture of the product, %(megabytes)s MB at most.",
            "Up to %(limit)s JPEG, PNG or WebP pictures of the product, %(megabytes)s MB each at most.",
            PHOTO_LIMIT) % {"limit": PHOTO_LIMIT, "megabytes": PHOTO_MAX_MEGABYTES}
        self.fields["remove_photos"].choices = [(photo.pk, photo.alt) for photo in self.kept_photos]
        removing = {str(photo.pk) for photo in self.kept_photos} & set(self.data.getlist("remove_photos")) \
            if self.is_bound else set()
        self.fields["photos"].already_kept = len(self.kept_photos) - len(removing)
