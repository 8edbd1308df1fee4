"""The account's rules: one account per e-mail address, opened only from a link sent to it; a guest's cart kept on
signing in; exactly one saved address used first; staff's second factor."""

import hashlib
import time
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from django_otp.plugins.otp_totp.models import TOTPDevice

from orders.models import Order
from outbox.services import email_write
from shop.services import cart_for_request, cart_merge
from storefront.signed_links import data_from_token, data_token

from .models import Address, User

# What orders.forms.AddressForm cleans, which is what a saved Address stores.
ADDRESS_FIELDS = ["full_name", "line1", "line2", "city", "region", "postcode", "country", "phone"]

# The e-mailed link that proves an address before an account is opened for it (sign-up, or after a guest order).
ACCOUNT_LINK_SALT = "accounts.account-open"
ACCOUNT_LINK_VALID_FOR = timedelta(days=3)


class AccountExists(Exception):
    """The address has an account already (the link was used, or the address signed up meanwhile)."""


@dataclass(frozen=True)
class AccountLink:
    """What an account-opening link says: the address it was sent to, the guest order it came from (or ""), and
    the page of this shop the shopper was heading to (or "")."""

    email: str
    order_number: str = ""
    next_url: str = ""


def email_is_registered(email: str) -> bool:
    return User.objects.filter(email__iexact=email).exists()


def account_link_send(*, email: str, order: Order | None = None, next_url: str = "") -> None:
    """Prove the address before an account is opened for it: e-mail it a link to choose a password.

    An address that has an account already gets "you have an account: sign in, or choose a new password"
    instead. The visitor is shown the same page either way, and either way one e-mail is written, so the answer
    tells a stranger nothing about who shops here. Nothing is stored until the link is opened: an account
    cannot be claimed, with a password of the claimant's choosing, by someone who cannot read the inbox.
    """
    site_url = settings.SHOP["site_url"].rstrip("/")
    # A double click in the same second writes one e-mail; asking again later writes another.
    key_of = f"{hashlib.sha256(email.casefold().encode()).hexdigest()[:32]}:{int(time.time())}"
    context = {"shop": settings.SHOP, "email": email, "link_valid_days": ACCOUNT_LINK_VALID_FOR.days}
    # In the account's language when it has chosen one, else in the language of the page the visitor is on.
    registered = User.objects.filter(email__iexact=email).first()
    language = (registered.language if registered else "") or translation.get_language()
    if registered is not None:
        email_write(key=f"account_exists:{key_of}", template="account_exists", to=email, language=language,
                    context=lambda: {**context, "sign_in_url": site_url + reverse("accounts:login"),
                                     "reset_url": site_url + reverse("accounts:password_reset")})
        return
    token = data_token({"email": email, "order": order.number if order else "", "next": next_url},
                       salt=ACCOUNT_LINK_SALT)
    email_write(key=f"account_open:{key_of}", template="account_open", to=email, language=language,
                holds_secret=True, context=lambda: {
                    **context, "order": order, "open_url": site_url + reverse("accounts:open", args=[token])})


def account_link_read(token: str) -> AccountLink:
    """What the link says, or LinkNotValid when it was changed or cut short, or has expired."""
    data = data_from_token(token, salt=ACCOUNT_LINK_SALT, valid_for=ACCOUNT_LINK_VALID_FOR)
    return AccountLink(email=data["email"], order_number=data["order"], next_url=data["next"])


def account_open(*, link: AccountLink, password: str) -> tuple[User, Order | None]:
    """Open the account the link proved the address for. From a guest order, it holds that order and takes the
    name and phone given at checkout, and the terms agreed to when ordering; from sign-up, the terms ticked there.
    Returns the account and the order it now holds (None from sign-up)."""
    if email_is_registered(link.email):
        raise AccountExists
    order = Order.objects.filter(number=link.order_number, customer=None, email__iexact=link.email).first()
    details = {"terms_accepted_at": timezone.now()}
    if order is not None:
        first_name, _, last_name = order.full_name.partition(" ")
        details = {"first_name": first_name, "last_name": last_name, "phone": order.phone,
                   "terms_accepted_at": order.created_at}
    try:
        with transaction.atomic():
            customer = User.objects.create_user(email=link.email, password=password, **details)
            if order is not None:
                Order.objects.filter(pk=order.pk, customer=None).update(customer=customer)
    except IntegrityError:  # the same link opened a moment ago, from a double click or another tab
        raise AccountExists from None
    return customer, order


def sign_in_keeping_cart(*, request, customer: User) -> None:
    """Sign in, moving whatever the visitor put in the cart as a guest into the account's cart."""
    guest_cart = cart_for_request(request)  # still the guest's, until login() below
    login(request, customer)
    if guest_cart is not None:
        account_cart = cart_for_request(request, create=True)
        for change in cart_merge(guest_cart=guest_cart, customer_cart=account_cart):
            # Translators: an item moved from a guest's cart, and what changed ("only 2 left, so your cart has 2").
            messages.warning(request, gettext("%(item)s: %(note)s") % {"item": change.variant, "note": change.note})


def customer_language_set(*, customer: User, language: str) -> None:
    """Remember the language a signed-in customer chose, for their next sign-in on any browser."""
    if customer.language != language:
        customer.language = language
        customer.save(update_fields=["language"])


def _lock_addresses_of(customer_id: int) -> None:
    """One change to a customer's addresses at a time, so two tabs can never leave two defaults or none."""
    User.objects.select_for_update().filter(pk=customer_id).exists()


def _keep_one_default(customer_id: int) -> None:
    addresses = Address.objects.filter(customer_id=customer_id)
    if not addresses.filter(is_default=True).exists():
        newest = addresses.order_by("-created_at", "-pk").first()
        if newest is not None:
            newest.is_default = True
            newest.save(update_fields=["is_default"])


def address_add(*, customer: User, fields: dict) -> Address:
    """Save a new address; the customer's first one is the one used first."""
    with transaction.atomic():
        _lock_addresses_of(customer.pk)
        address = Address.objects.create(customer=customer, **{name: fields[name] for name in ADDRESS_FIELDS})
        _keep_one_default(customer.pk)
    address.refresh_from_db(fields=["is_default"])
    return address


def address_update(*, address: Address, fields: dict) -> Address:
    for name in ADDRESS_FIELDS:
        setattr(address, name, fields[name])
    address.save(update_fields=ADDRESS_FIELDS)
    return address


def address_delete(*, address: Address) -> None:
    """Delete an address; if it was the one used first, the most recent other one takes its place."""
    with transaction.atomic():
        _lock_addresses_of(address.customer_id)
        address.delete()
        _keep_one_default(address.customer_id)


def address_make_default(*, address: Address) -> None:
    """Use this address first at checkout, and no other."""
    with transaction.atomic():
        _lock_addresses_of(address.customer_id)
        Address.objects.filter(customer_id=address.customer_id).exclude(pk=address.pk).update(is_default=False)
        Address.objects.filter(pk=address.pk).update(is_default=True)
    address.is_default = True


# --- Staff's second factor ----------------------------------------------------------------------------
# A staff member may add an authenticator app (TOTP, RFC 6238, through django-otp's TOTPDevice). Once its
# first code is confirmed, the back office asks for a code at every sign-in (accounts/admin_site.py).


def staff_two_factor_device(*, staff: User) -> TOTPDevice | None:
    """The authenticator app this staff member confirmed, if any."""
    return TOTPDevice.objects.filter(user=staff, confirmed=True).first()


def staff_two_factor_start(*, staff: User) -> TOTPDevice:
    """A new secret to scan, not yet asked for at sign-in: it counts only once a code from it is confirmed.
    Reopening the page keeps the secret already shown, so a half-finished set-up can be finished."""
    device, _ = TOTPDevice.objects.get_or_create(user=staff, confirmed=False, defaults={"name": "Authenticator app"})
    return device


def staff_two_factor_confirm(*, device: TOTPDevice, code: str) -> bool:
    """Turn the second factor on if `code` is the app's current one; any older device of the staff member goes."""
    if not device.verify_token(code):
        return False
    with transaction.atomic():
        TOTPDevice.objects.filter(user_id=device.user_id).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
    return True
