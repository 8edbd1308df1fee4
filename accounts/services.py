"""The account's rules: one account per e-mail address, a guest's cart kept on signing in, and exactly one saved
address used first."""

from django.contrib import messages
from django.contrib.auth import login
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from shop.services import cart_for_request, cart_merge

from .models import Address, User

EMAIL_TAKEN = ("There is already an account with this e-mail address. Sign in, or choose a new password if "
               "you have forgotten it.")

# What orders.forms.AddressForm cleans, which is what a saved Address stores.
ADDRESS_FIELDS = ["full_name", "line1", "line2", "city", "region", "postcode", "country", "phone"]


def email_is_registered(email: str) -> bool:
    return User.objects.filter(email__iexact=email).exists()


def customer_sign_up(*, email: str, password: str) -> User:
    """Open an account, noting when the terms were agreed to (the sign-up form insists on the tick)."""
    if email_is_registered(email):
        raise ValidationError(EMAIL_TAKEN, code="email_taken")
    try:
        with transaction.atomic():
            return User.objects.create_user(email=email, password=password, terms_accepted_at=timezone.now())
    except IntegrityError:  # the same address signed up a moment ago, from a double click or another tab
        raise ValidationError(EMAIL_TAKEN, code="email_taken") from None


def sign_in_keeping_cart(*, request, customer: User) -> None:
    """Sign in, moving whatever the visitor put in the cart as a guest into the account's cart."""
    guest_cart = cart_for_request(request)  # still the guest's, until login() below
    login(request, customer)
    if guest_cart is not None:
        account_cart = cart_for_request(request, create=True)
        for change in cart_merge(guest_cart=guest_cart, customer_cart=account_cart):
            messages.warning(request, f"{change.variant}: {change.note}")


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
