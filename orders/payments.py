"""Taking payment (practice S12), behind a small interface a merchant swaps for a real provider.

The shop asks a provider to authorise an amount on a card. The answer is approved, declined, or
"the bank wants the customer to confirm" (3-D Secure), after which the customer confirms or cancels
on the bank's page and the provider answers again. An authorisation that does not become an order
(the order was refused, the cart changed, the shopper left) is voided, so the customer's bank releases
the money it holds at once rather than days later. A real provider (Stripe, Adyen, Mollie…) fits the
same three calls; replace `payment_provider()` to use one. Card numbers are never stored: only the
brand and the last four digits, as every receipt shows them.

Demo only: `DemoPaymentProvider` moves no money. Its test cards are listed in `TEST_CARDS`.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import Enum

from django.utils.translation import gettext_noop

# The demo bank's answers, kept on the payment in English and shown in the page's language
# (orders/services.py payment_decline_reason).
DECLINED = gettext_noop("Your bank declined this card. No money has been taken.")
NOT_CONFIRMED = gettext_noop("The payment was not confirmed with your bank, so no money has been taken.")


@dataclass(frozen=True)
class CardDetails:
    number: str
    name: str
    expiry: date
    security_code: str
    brand: str

    @property
    def last4(self) -> str:
        return self.number[-4:]


class Outcome(Enum):
    APPROVED = "approved"
    DECLINED = "declined"
    NEEDS_CONFIRMATION = "needs_confirmation"


@dataclass(frozen=True)
class ProviderAnswer:
    outcome: Outcome
    provider_reference: str
    message: str = ""  # for a decline: why, in words the customer can act on


TEST_CARDS = {  # number: what the demo bank answers
    "4242424242424242": Outcome.APPROVED,
    "4000000000000002": Outcome.DECLINED,
    "4000002760003184": Outcome.NEEDS_CONFIRMATION,
}


class DemoPaymentProvider:
    """Approves any valid card but the declining and the 3-D Secure test cards."""

    def authorise(self, *, card: CardDetails, amount: Decimal, currency: str, reference: str) -> ProviderAnswer:
        outcome = TEST_CARDS.get(card.number, Outcome.APPROVED)
        message = DECLINED if outcome is Outcome.DECLINED else ""
        return ProviderAnswer(outcome, f"demo_{reference}", message)

    def confirm(self, *, provider_reference: str, customer_confirmed: bool) -> ProviderAnswer:
        if customer_confirmed:
            return ProviderAnswer(Outcome.APPROVED, provider_reference)
        return ProviderAnswer(Outcome.DECLINED, provider_reference, NOT_CONFIRMED)

    def void(self, *, provider_reference: str) -> None:
        """Release an authorisation; a real provider's call must accept being made twice for one reference.

        The demo bank held no money, so there is nothing to release."""


def payment_provider() -> DemoPaymentProvider:
    return DemoPaymentProvider()


def luhn_valid(number: str) -> bool:
    """The check digit every card number carries, which catches most typing mistakes."""
    total = 0
    for position, digit in enumerate(int(character) for character in reversed(number)):
        if position % 2:
            digit = digit * 2 - 9 if digit > 4 else digit * 2
        total += digit
    return total % 10 == 0


# Each brand's number prefixes, as ranges of equal-length prefixes. payment.js reads the same table (the
# payment page writes it out with json_script) to name the brand while the number is typed.
CARD_BRANDS = [
    ("Visa", [("4", "4")]),
    ("Mastercard", [("51", "55"), ("2221", "2720")]),
    ("American Express", [("34", "34"), ("37", "37")]),
    ("Discover", [("6011", "6011"), ("644", "649"), ("65", "65")]),
    ("Diners Club", [("300", "305"), ("36", "36"), ("38", "39")]),
    ("JCB", [("3528", "3589")]),
]


def card_brand(number: str) -> str:
    """The brand a card number's first digits name, or "Card" when they name none of CARD_BRANDS."""
    for brand, ranges in CARD_BRANDS:
        if any(len(number) >= len(low) and low <= number[:len(low)] <= high for low, high in ranges):
            return brand
    return "Card"
