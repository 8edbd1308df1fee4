"""Account forms (practices P13–P15, P19): few fields, each message saying what to do next.

Addresses are not here: the account's saved addresses use checkout's `orders.forms.AddressForm`,
so an address is checked the same way wherever it is typed.
"""

from django import forms
from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from django.utils.functional import lazy
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext, ngettext_lazy
from django.utils.translation import gettext_lazy as _

from orders.countries import country_name, phone_example, phone_normalised
from outbox.services import email_write

from .models import User
from .services import staff_two_factor_device

EMAIL_MESSAGES = {
    "required": _("Enter your e-mail address."),
    "invalid": _("Enter an e-mail address in the format name@example.com."),
    "max_length": _("Use an e-mail address of at most 254 characters."),
}

# Django's password checks, each message rewritten to say what to do instead of what is wrong. The count
# names the validator's own parameter, which `_advice` fills in.
PASSWORD_ADVICE = {
    "password_too_short": ngettext_lazy(
        "Use at least %(min_length)d character: three or four ordinary words together make a strong password "
        "that is easy to remember.",
        "Use at least %(min_length)d characters: three or four ordinary words together make a strong password "
        "that is easy to remember.", "min_length"),
    "password_too_similar": _("Choose a password that does not look like your e-mail address or name."),
    "password_too_common": _("That password is on lists of the most common ones, so it is easy to guess: choose "
                             "another, such as three random words."),
    "password_entirely_numeric": _("Add some letters: a password made only of numbers is easy to guess."),
}


def _email_field(**kwargs) -> forms.EmailField:
    return forms.EmailField(
        label=_("E-mail address"), max_length=254, error_messages=EMAIL_MESSAGES,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}), **kwargs)


def _password_help(minimum: int) -> str:
    if not minimum:
        return ""
    return ngettext("At least %(minimum)d character. A few words together are easy to remember and hard to guess.",
                    "At least %(minimum)d characters. A few words together are easy to remember and hard to guess.",
                    minimum) % {"minimum": minimum}


def _password_required(minimum: int) -> str:
    if not minimum:
        return gettext("Choose a password.")
    return ngettext("Choose a password of at least %(minimum)d character.",
                    "Choose a password of at least %(minimum)d characters.", minimum) % {"minimum": minimum}


def _password_field(label: str) -> forms.CharField:
    # The fields are made once, at import: lazy, so each page writes them in its own language.
    minimum = min_password_length()
    return forms.CharField(
        label=label, strip=False, help_text=lazy(_password_help, str)(minimum),
        error_messages={"required": lazy(_password_required, str)(minimum)},
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))


def min_password_length() -> int:
    """The shortest password the configured validators accept (0 when none sets a length)."""
    validators = password_validation.get_default_password_validators()
    return max((getattr(validator, "min_length", 0) for validator in validators), default=0)


def validate_new_password(password: str, *, user: User) -> None:
    """Django's password validators (AUTH_PASSWORD_VALIDATORS), with messages that say what to do."""
    try:
        password_validation.validate_password(password, user)
    except ValidationError as problems:
        raise ValidationError([_advice(problem) for problem in problems.error_list]) from None


def _advice(problem: ValidationError) -> str:
    advice = PASSWORD_ADVICE.get(problem.code)
    return advice % (problem.params or {}) if advice else problem.messages[0]


def _phone_field(help_text: str) -> forms.CharField:
    return forms.CharField(
        label=_("Phone number"), required=False, max_length=32, help_text=help_text,
        error_messages={"max_length": _("Use at most 32 characters for the phone number.")},
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel"}))


def _cleaned_phone(typed: str) -> str:
    """A number at home (SHOP_HOME_COUNTRY) unless it starts with + and another country's code."""
    if not typed.strip():
        return ""
    home = settings.SHOP["home_country"]
    normalised = phone_normalised(typed, country=home)
    if normalised is None:
        raise ValidationError(gettext("Enter a phone number that works in %(country)s, for example %(example)s, or "
                                      "another country's number starting with + and its code.")
                              % {"country": country_name(home), "example": phone_example(home)})
    return normalised


class SignInForm(AuthenticationForm):
    """Django's sign-in form, asking for the e-mail address with the keyboard and autofill that suit it."""

    username = forms.EmailField(
        label=_("E-mail address"), max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}))

    # Django's own messages ("This account is inactive.", "This field is required.") come translated from its
    # catalogue.
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _("That e-mail address and password do not match an account. Check both and try again."),
    }


def _code_field(**kwargs) -> forms.CharField:
    return forms.CharField(
        label="Code from your authenticator app", max_length=10, help_text="Six digits; a new one every 30 seconds.",
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}), **kwargs)


def _typed_code(typed: str) -> str:
    """Apps show the code as "123 456"; people type it either way."""
    return "".join(typed.split())


class StaffSignInForm(AdminAuthenticationForm):
    """The back office's sign-in: e-mail and password, then the authenticator app's code for staff who set one up.

    The code is checked only after the password, so it says nothing about an account to someone without it.
    A confirmed code marks this session as verified (django-otp), which the back office requires of them."""

    code = _code_field(required=False)

    error_messages = {
        **AdminAuthenticationForm.error_messages,
        "code_required": "Enter the code from your authenticator app: this account asks for one at sign-in.",
        "code_wrong": "That code is not the current one. Check the app's clock is right, then enter the code it "
                      "shows now.",
    }

    def clean(self):
        cleaned = super().clean()
        device = staff_two_factor_device(staff=self.user_cache)
        if device is not None:
            code = _typed_code(cleaned.get("code", ""))
            if not code:
                raise ValidationError(self.error_messages["code_required"], code="code_required")
            if not device.verify_token(code):
                raise ValidationError(self.error_messages["code_wrong"], code="code_wrong")
            self.user_cache.otp_device = device  # django-otp marks the session verified as it signs in
        return cleaned


class TwoFactorConfirmForm(forms.Form):
    """The first code from a newly scanned app, proving it works before sign-in asks for it."""

    code = _code_field(error_messages={"required": "Enter the six-digit code your app shows for this shop."})

    def clean_code(self):
        return _typed_code(self.cleaned_data["code"])


class SignUpForm(forms.Form):
    """Only what an account needs (P14): the address, proved by the link e-mailed to it, and the terms. The
    password is chosen on the page that link opens; the rest is filled in later, from the account or at checkout."""

    email = _email_field(help_text=_("For your order confirmations, and to sign in. We will send a link to it."))
    terms = forms.BooleanField(
        error_messages={"required": _("Tick the box to agree to the terms and conditions, so we can open your "
                                      "account.")})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The agreement links to what is agreed to (P13); the box is never ticked for the shopper.
        self.fields["terms"].label = format_html(
            gettext('I agree to the <a href="{terms_url}">terms and conditions</a>'),
            terms_url=reverse("support:terms"))
        self.fields["terms"].help_text = format_html(
            gettext('Our <a href="{privacy_url}">privacy notice</a> says what we keep about you and why.'),
            privacy_url=reverse("support:privacy"))


class FirstPasswordForm(forms.Form):
    """The password of an account about to be opened, on the page the e-mailed link opens."""

    password = _password_field(_("Choose a password"))

    def __init__(self, *args, email: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email

    def clean_password(self):
        password = self.cleaned_data["password"]
        validate_new_password(password, user=User(email=self.email))  # the account does not exist yet
        return password


class PasswordResetRequestForm(PasswordResetForm):
    """Django's reset form (which sends nothing, and says nothing, for an unknown address), sending through
    the outbox like every other message."""

    email = _email_field(help_text=_("The address you signed up with. We will send a link to choose a new "
                                     "password."))

    def send_mail(self, subject_template_name, email_template_name, context, from_email, to_email,
                  html_email_template_name=None):
        # Django's hook, called once per account for the address. The token changes each second, so a
        # double click writes one e-mail; a request a minute later writes a second, with a fresh link.
        # The link is on the shop's own address (SHOP_SITE_URL), never on the Host the request named.
        # In the account's language when it has chosen one, else in the language of the page it was asked on.
        email_write(key=f"password_reset:{context['uid']}:{context['token']}", template="password_reset",
                    context=lambda: {**context, "site_url": settings.SHOP["site_url"].rstrip("/")}, to=to_email,
                    language=context["user"].language or translation.get_language(), holds_secret=True)


class NewPasswordForm(forms.Form):
    """The password chosen from a reset link. One field: it is shown as typed only to this person."""

    new_password = _password_field(_("New password"))

    def __init__(self, user, *args, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_new_password(self):
        password = self.cleaned_data["new_password"]
        validate_new_password(password, user=self.user)
        return password

    def save(self, commit=True):
        self.user.set_password(self.cleaned_data["new_password"])
        if commit:
            self.user.save(update_fields=["password"])
        return self.user


class ProfileForm(forms.ModelForm):
    """Name and phone, all optional: checkout fills them in from here."""

    phone = _phone_field(_("So the courier can reach you. We never use it for marketing."))

    class Meta:
        model = User
        fields = ["first_name", "last_name", "phone"]
        labels = {"first_name": _("First name"), "last_name": _("Last name")}
        error_messages = {"first_name": {"max_length": _("Use at most 150 characters for your first name.")},
                          "last_name": {"max_length": _("Use at most 150 characters for your last name.")}}
        widgets = {"first_name": forms.TextInput(attrs={"autocomplete": "given-name"}),
                   "last_name": forms.TextInput(attrs={"autocomplete": "family-name"})}

    def clean_phone(self):
        return _cleaned_phone(self.cleaned_data["phone"])


TEXT_ME = _("Text me when my parcel is on its way")


class NotificationsForm(forms.ModelForm):
    """How the customer hears about their orders; text messages need a number to go to."""

    phone = _phone_field(_("A mobile number, needed for text messages."))

    class Meta:
        model = User
        fields = ["notify_by_email", "notify_by_sms", "phone"]
        labels = {"notify_by_email": _("E-mail me at each stage of my orders"),
                  "notify_by_sms": TEXT_ME}

    def clean_phone(self):
        return _cleaned_phone(self.cleaned_data["phone"])

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("notify_by_sms") and not cleaned.get("phone") and not self.has_error("phone"):
            # Translators: %(choice)s is the tick box's label, "Text me when my parcel is on its way", in quotes.
            self.add_error("phone", gettext("Enter a mobile number for the text messages, or untick "
                                            "“%(choice)s”.") % {"choice": TEXT_ME})
        return cleaned
