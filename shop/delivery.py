"""When an order leaves the warehouse and reaches the door, and what delivery costs (practice S14).

Working days are Monday to Friday in the shop's time zone (TIME_ZONE). An order placed before the
cut-off hour on a working day counts as placed that day; later, or at a weekend, it counts from the
next working day. Bank holidays count as working days; a merchant who closes on them would teach
`_is_working_day` their dates.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from storefront.dates import page_locale

SATURDAY = 5


@dataclass(frozen=True)
class DeliveryEstimate:
    dispatch_on: date
    delivered_from: date
    delivered_by: date
    # Time left to order for this dispatch date when the cut-off is later today; None when it is not today.
    order_within: timedelta | None


@dataclass(frozen=True)
class DeliveryMethod:
    code: str
    name: str | Promise  # in the language of the page that shows it
    description: str | Promise
    cost: Decimal
    free_over: Decimal | None  # None: this method is never free
    working_days: tuple[int, int]  # fastest and slowest, counted from dispatch
    home_country_only: bool

    def cost_for(self, order_total: Decimal) -> Decimal:
        if self.free_over is not None and order_total >= self.free_over:
            return Decimal("0.00")
        return self.cost


def delivery_methods() -> list[DeliveryMethod]:
    """Every way the shop delivers, cheapest first; prices and thresholds come from settings."""
    shop = settings.SHOP
    return [
        DeliveryMethod("standard", _("Standard delivery"), _("Tracked, signed for if we cannot leave it safely."),
                       Decimal(shop["delivery_cost"]), Decimal(shop["free_delivery_over"]),
                       tuple(shop["delivery_working_days"]), home_country_only=True),
        DeliveryMethod("express", _("Express delivery"), _("Next working day after dispatch, tracked."),
                       Decimal(shop["express_delivery_cost"]), None, (1, 1), home_country_only=True),
        DeliveryMethod("international", _("International delivery"), _("Tracked to the door, duties paid by us."),
                       Decimal(shop["international_delivery_cost"]), None,
                       tuple(shop["international_working_days"]), home_country_only=False),
    ]


def home_country_name() -> str:
    """The country the shop delivers to at home (SHOP["home_country"]) as the page's language names it:
    "United Kingdom", "영국", "英國"."""
    code = settings.SHOP["home_country"]
    return page_locale().territories.get(code, code)


def delivery_methods_for(country: str) -> list[DeliveryMethod]:
    at_home = country == settings.SHOP["home_country"]
    return [method for method in delivery_methods() if method.home_country_only == at_home]


def delivery_method(code: str) -> DeliveryMethod | None:
    return next((method for method in delivery_methods() if method.code == code), None)


def delivery_estimate(*, dispatch_days: int, working_days: tuple[int, int] | None = None,
                      now: datetime | None = None) -> DeliveryEstimate:
    """The dispatch date and delivery window for an order placed `now` (default: this moment).

    `working_days` is the delivery method's (fastest, slowest) days in transit; standard by default.
    """
    local_now = (now or timezone.now()).astimezone(ZoneInfo(settings.TIME_ZONE))
    cutoff = datetime.combine(local_now.date(), time(settings.SHOP["dispatch_cutoff_hour"]), local_now.tzinfo)
    before_cutoff_today = _is_working_day(local_now.date()) and local_now < cutoff
    order_day = local_now.date() if before_cutoff_today else add_working_days(local_now.date(), 1)
    dispatch_on = add_working_days(order_day, dispatch_days)
    fastest, slowest = working_days or settings.SHOP["delivery_working_days"]
    return DeliveryEstimate(
        dispatch_on=dispatch_on,
        delivered_from=add_working_days(dispatch_on, fastest),
        delivered_by=add_working_days(dispatch_on, slowest),
        # In UTC, so the hours come out right on the day the clocks change.
        order_within=cutoff.astimezone(UTC) - local_now if before_cutoff_today else None,
    )


def delivery_cost(*, order_total: Decimal) -> Decimal:
    """Standard delivery at home: a flat price, free at or above the threshold."""
    return delivery_methods()[0].cost_for(order_total)


def _is_working_day(day: date) -> bool:
    return day.weekday() < SATURDAY


def add_working_days(day: date, count: int) -> date:
    """The day `count` working days after `day`."""
    while count > 0:
        day += timedelta(days=1)
        if _is_working_day(day):
            count -= 1
    return day
