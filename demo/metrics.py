"""A year of customers for the customer-experience dashboard (workshop/views.py), so its figures mean something.

About 300 delivered guest orders from a few demo shoppers, most with a survey answer; NPS starts the year
below zero and improves month by month, and one category (electronics) lags behind the rest. Around them:
the messages sent (a few failed), returns for varied reasons, searches that found nothing, and votes on
the help articles, two of which readers find unhelpful.

Deterministic (one seeded random generator; dates count back from today) and idempotent: once the demo
shoppers have orders it adds nothing. Written straight to the database like load_demo's customer history:
no stock taken, no message sent, and every order belongs to a guest, so none shows in any account.
"""

import random
import uuid
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from orders.models import (
    Order,
    OrderEvent,
    OrderLine,
    ReturnLine,
    ReturnRequest,
    Shipment,
    SurveyAnswer,
)
from outbox.models import Message
from shop.models import MissedSearch, Product
from support.models import ArticleVote, HelpArticle
from workshop.metrics import period_start

SEED = 18  # practice S18
GOLDEN_RATIO = 0.6180339887
ORDER_COUNT = 300
ANSWERED_SHARE = 0.8
DEMO_PRODUCTS = 120  # load_demo's own catalogue, FH-00001 to FH-00120
WEAK_CATEGORY = "Electronics"

SHOPPERS = [  # (name, e-mail, town, postcode): guests, so no account holds their orders
    ("Amira Haddad", "amira.haddad@example.net", "Leeds", "LS6 2AB"),
    ("Joe Pike", "joe.pike@example.net", "Cardiff", "CF10 1EP"),
    ("Mei Lin", "mei.lin@example.net", "Glasgow", "G12 8QQ"),
    ("Ravi Shah", "ravi.shah@example.net", "Leicester", "LE1 7RH"),
    ("Nora Byrne", "nora.byrne@example.net", "Belfast", "BT9 5AG"),
    ("Sam Okafor", "sam.okafor@example.net", "Bristol", "BS8 1TH"),
    ("Lucy Evans", "lucy.evans@example.net", "Norwich", "NR2 4TJ"),
    ("Tomasz Nowak", "tomasz.nowak@example.net", "Bath", "BA1 5LS"),
]
SHOPPER_EMAILS = [email for _, email, _, _ in SHOPPERS]

COMMENTS = {
    "promoter": ["Arrived a day early and beautifully packed.", "Lovely quality, will order again.",
                 "The tracking e-mails told me exactly when to expect it.", "Returns were painless, thank you."],
    "passive": ["Good, though delivery took a little longer than I hoped.", "Nice product, plain packaging.",
                "Fine. The size guide could say more."],
    "detractor": ["It took three e-mails to find out where my parcel was.", "Stopped working after a week.",
                  "The colour was nothing like the picture.", "Delivery missed the date it promised."],
}
FAILURES = {
    "email": ["550 5.1.1 Mailbox does not exist (address mistyped at checkout?)",
              "452 4.2.2 Mailbox full: gave up after 5 attempts"],
    "staff": ["Connection to the mail server timed out: gave up after 5 attempts"],
}
Reason = ReturnRequest.Reason
PLANNED_RETURNS = [  # (where the item comes from: a top-level category, "faulty" or None for anything; reason)
    *[("Clothing", Reason.TOO_SMALL)] * 4, *[("Clothing", Reason.TOO_BIG)] * 2, *[("faulty", Reason.FAULTY)] * 3,
    *[(None, Reason.NOT_AS_DESCRIBED)] * 2, *[(None, Reason.CHANGED_MIND)] * 2, (None, Reason.WRONG_ITEM),
    (None, Reason.ARRIVED_LATE), (None, ""),  # the last: a withdrawal from the contract, which asks no reason
]
MISSED_SEARCHES = {  # as recorded, in lower case: the most searches in a day (more days, too, the more there are)
    "gift card": 6, "bamboo socks": 3, "vegan leather": 2, "yoga mat": 2, "cashmere": 3, "wok": 2,
    "umbrella": 1, "advent calendar": 1, "sunglasses": 1, "school shoes": 1,
}
ARTICLE_HELPFUL_SHARE = {  # by slug: the two weak articles, the rest mostly helpful
    "payment-declined": 0.35, "late-or-missing-parcel": 0.45,
}


def load_metrics_demo() -> str:
    """Add the year of orders, answers and the rest when missing; returns a line for load_demo to print."""
    if Order.objects.filter(email__in=SHOPPER_EMAILS).exists():
        return "customer-experience figures already there"
    with transaction.atomic():
        rng = random.Random(SEED)
        now = timezone.now()
        orders = _orders(rng, now)
        answers = _survey_answers(rng, orders, now)
        returns = _returns(rng, orders)
        searches = _missed_searches(rng, now)
        votes = _article_votes(rng, now)
    return (f"{len(orders)} past orders, {answers} survey answers, {returns} returns, {searches} searches "
            f"with no results, {votes} help-article votes")


def _dated(model, rows: list, field_name: str = "created_at") -> None:
    """Move rows made just now back to the dates set on them: auto_now_add fields ignore a given date."""
    dates = [getattr(row, field_name) for row in rows]
    model.objects.bulk_create(rows)
    for row, when in zip(rows, dates, strict=True):
        setattr(row, field_name, when)
    model.objects.bulk_update(rows, [field_name], batch_size=500)


def _top_category(product: Product) -> str:
    category = product.category
    while category.parent_id:
        category = category.parent
    return category.name


@dataclass(eq=False)  # told apart by identity: two orders may look alike
class DemoOrder:
    """An order as made here, with what the later steps need to know about it."""

    order: Order
    lines: list[OrderLine]
    categories: set[str]  # top-level
    placed_at: datetime

    @property
    def delivered_at(self) -> datetime:
        return self.placed_at + timedelta(days=3)

    @property
    def asked_at(self) -> datetime:
        """When the "how did it go?" e-mail went."""
        return self.delivered_at + timedelta(days=settings.SHOP["survey_after_days"])


def _orders(rng: random.Random, now: datetime) -> list[DemoOrder]:
    products = list(Product.objects.filter(sku__lte=f"FH-{DEMO_PRODUCTS:05d}", is_active=True)
                    .select_related("category__parent__parent").prefetch_related("variants").order_by("sku"))
    products = [product for product in products if product.variants.all()]
    first = period_start(12) - timedelta(days=7)
    last = now - timedelta(days=12)  # delivered and asked about by now
    made = []
    for _ in range(ORDER_COUNT):
        name, email, town, postcode = rng.choice(SHOPPERS)
        placed_at = first + (last - first) * rng.random()
        bought = rng.sample(products, rng.choice((1, 1, 1, 2, 2, 3)))
        lines = []
        for product in bought:
            variant = rng.choice(list(product.variants.all()))
            lines.append(OrderLine(variant=variant, product_name=product.name, size=variant.size, sku=variant.sku,
                                   unit_price=product.current_price, quantity=rng.choice((1, 1, 1, 2))))
        subtotal = sum((line.total for line in lines), Decimal("0.00"))
        delivery_cost = (Decimal("0.00") if subtotal >= settings.SHOP["free_delivery_over"]
                         else Decimal(settings.SHOP["delivery_cost"]))
        order = Order(
            placement_key=uuid.UUID(int=rng.getrandbits(128), version=4), status=Order.Status.DELIVERED,
            email=email, phone=f"+44 7700 900{rng.randint(0, 999):03d}", full_name=name,
            line1=f"{rng.randint(1, 90)} Station Road", city=town, postcode=postcode, country="GB",
            delivery_method="standard", delivery_name="Standard delivery",
            dispatch_on=(placed_at + timedelta(days=1)).date(), delivered_from=(placed_at + timedelta(days=3)).date(),
            delivered_by=(placed_at + timedelta(days=4)).date(), payment_method=Order.PaymentMethod.CARD,
            currency=settings.SHOP["currency"], subtotal=subtotal, delivery_cost=delivery_cost,
            total=subtotal + delivery_cost, created_at=placed_at)
        made.append(DemoOrder(order, lines, {_top_category(product) for product in bought}, placed_at))
    made.sort(key=lambda demo: demo.placed_at)
    _dated(Order, [demo.order for demo in made])
    for demo in made:
        for line in demo.lines:
            line.order = demo.order
    OrderLine.objects.bulk_create([line for demo in made for line in demo.lines])
    _deliveries(rng, made, now)
    return made


def _deliveries(rng: random.Random, made: list[DemoOrder], now: datetime) -> None:
    """One parcel each, the order's timeline, and the messages about it: a few failed, a few parcels late."""
    parcels = [Shipment(order=demo.order, status=Order.Status.DELIVERED, carrier=rng.choice(("DPD", "Royal Mail")),
                        tracking_number=f"{rng.randrange(10**13, 10**14)}", expected_by=demo.order.delivered_by,
                        stage_changed_at=demo.delivered_at, created_at=demo.placed_at + timedelta(days=1))
               for demo in made]
    _dated(Shipment, parcels)
    Shipment.lines.through.objects.bulk_create([
        Shipment.lines.through(shipment=parcel, orderline=line) for parcel, demo in zip(parcels, made, strict=True)
        for line in demo.lines])
    events, messages = [], []
    for parcel, demo in zip(parcels, made, strict=True):
        order, shipped_at = demo.order, demo.placed_at + timedelta(days=1)
        events += [OrderEvent(order=order, stage=Order.Status.PLACED, created_at=demo.placed_at),
                   OrderEvent(order=order, shipment=parcel, stage=Order.Status.SHIPPED, created_at=shipped_at),
                   OrderEvent(order=order, shipment=parcel, stage=Order.Status.DELIVERED, created_at=demo.delivered_at)]
        sent = [(None, "order_placed", "email", demo.placed_at), (parcel, "shipped", "email", shipped_at),
                (parcel, "delivered", "email", demo.delivered_at), (None, "survey", "email", demo.asked_at)]
        if rng.random() < 0.02:  # stuck at the carrier's depot: the customer gets an apology, staff an alert
            late_at = shipped_at + timedelta(hours=30)
            sent += [(parcel, "late:shipped", "email", late_at), (parcel, "late:shipped", "staff", late_at)]
        for shipment, event, channel, when in sent:
            failed = rng.random() < (0.01 if channel == "email" else 0.3)
            about = f"shipment:{shipment.pk}" if shipment else f"order:{order.pk}"
            messages.append(Message(
                key=f"{about}:{event}:{channel}", kind=event, channel=channel, reference=order.number,
                to=settings.SHOP["email"] if channel == "staff" else order.email, sent_at=when, next_attempt_at=when,
                status=Message.Status.FAILED if failed else Message.Status.SENT,
                attempts=5 if failed else 1, error=rng.choice(FAILURES[channel]) if failed else ""))
    OrderEvent.objects.bulk_create(events)
    Message.objects.bulk_create(messages)
    # Twelve hundred dates are quicker moved back by the database than by _dated: each message carries its
    # date in sent_at until then, failed ones too, as they were never sent.
    demo_messages = Message.objects.filter(reference__in=[demo.order.number for demo in made])
    demo_messages.update(created_at=F("sent_at"))
    demo_messages.filter(status=Message.Status.FAILED).update(sent_at=None)


def _survey_answers(rng: random.Random, made: list[DemoOrder], now: datetime) -> int:
    """Most orders answered, a day or two after being asked. At the start of the year more customers would
    not recommend us than would; by now most would. Orders with electronics in them score worse all year.

    Whether a customer is a promoter, passive or detractor is spread evenly rather than drawn at random
    (steps of the golden ratio), so that twenty answers a month follow the trend instead of chance.
    """
    first, span = made[0].placed_at, made[-1].placed_at - made[0].placed_at
    answers = []
    for demo in made:
        if rng.random() > ANSWERED_SHARE:
            continue
        progress = (demo.placed_at - first) / span  # 0 at the start of the year, 1 now
        detractors, promoters = 0.45 - 0.33 * progress, 0.22 + 0.40 * progress
        if WEAK_CATEGORY in demo.categories:
            detractors, promoters = detractors + 0.20, promoters - 0.15
        spread = (len(answers) * GOLDEN_RATIO) % 1
        mood = "detractor" if spread < detractors else "promoter" if spread < detractors + promoters else "passive"
        nps, csat, ces = {
            "detractor": (rng.choice((2, 3, 4, 5, 5, 6, 6)), rng.choice((1, 2, 2, 3, 3, 4)),
                          rng.choice((3, 4, 5, 5, 6, 7))),
            "passive": (rng.choice((7, 8)), rng.choice((3, 4, 4, 5)), rng.choice((2, 3, 3, 4))),
            "promoter": (rng.choice((9, 9, 10, 10, 10)), rng.choice((4, 5, 5, 5)), rng.choice((1, 1, 2, 2, 3))),
        }[mood]
        answers.append(SurveyAnswer(
            order=demo.order, nps=nps, csat=csat, ces=ces,
            comment=rng.choice(COMMENTS[mood]) if rng.random() < 0.3 else "",
            created_at=min(demo.asked_at + timedelta(hours=rng.randint(2, 48)), now)))
    _dated(SurveyAnswer, answers)
    return len(answers)


def _returns(rng: random.Random, made: list[DemoOrder]) -> int:
    """PLANNED_RETURNS, each from an order holding an item of the right kind; the faulty ones are all the
    same electronics product, the one bought most, so it heads "Products returned most"."""
    Stage = ReturnRequest.Stage
    bought = [(demo, line) for demo in made for line in demo.lines]
    by_category: dict[str, list] = {}
    for demo, line in bought:
        by_category.setdefault(_top_category(line.variant.product), []).append((demo, line))
    faulty_product = Counter(line.product_name for _, line in by_category[WEAK_CATEGORY]).most_common(1)[0][0]
    pools = {**by_category, None: bought,
             "faulty": [(demo, line) for demo, line in bought if line.product_name == faulty_product]}
    planned, returned_orders = [], set()
    for kind, reason in PLANNED_RETURNS:
        demo, line = rng.choice([(demo, line) for demo, line in pools[kind] if demo not in returned_orders])
        returned_orders.add(demo)
        planned.append((demo, line, reason))
    planned.sort(key=lambda plan: plan[0].placed_at)
    requests = []
    for number, (demo, line, reason) in enumerate(planned):
        stage = (Stage.REJECTED if number == 5 else Stage.REFUNDED if number < len(planned) - 2
                 else rng.choice((Stage.REQUESTED, Stage.APPROVED)))
        requested_at = demo.delivered_at + timedelta(days=rng.randint(1, 12))
        requests.append(ReturnRequest(
            order=demo.order, kind=ReturnRequest.Kind.RETURN if reason else ReturnRequest.Kind.WITHDRAWAL,
            status=stage, reason=reason, refund_amount=Decimal("0.00") if stage == Stage.REJECTED else line.unit_price,
            rejection_reason="Returned worn and without its labels." if stage == Stage.REJECTED else "",
            created_at=requested_at, stage_changed_at=requested_at + timedelta(days=4)))
    _dated(ReturnRequest, requests)
    ReturnLine.objects.bulk_create(ReturnLine(return_request=request, order_line=line, quantity=1)
                                   for request, (_, line, _) in zip(requests, planned, strict=True))
    return len(requests)


def _missed_searches(rng: random.Random, now: datetime) -> int:
    today = timezone.localdate(now)
    rows = [MissedSearch(query=query, day=today - timedelta(days=days_ago), count=rng.randint(1, most))
            for query, most in MISSED_SEARCHES.items() for days_ago in rng.sample(range(1, 30), most + 2)]
    MissedSearch.objects.bulk_create(rows, ignore_conflicts=True)  # a real search may have that day's row already
    return sum(row.count for row in rows)


def _article_votes(rng: random.Random, now: datetime) -> int:
    """Votes on each help article (load_demo's step 8 writes them) over the year."""
    start = period_start(12)
    votes = []
    for article in HelpArticle.objects.order_by("pk"):
        helpful_share = ARTICLE_HELPFUL_SHARE.get(article.slug, rng.uniform(0.75, 0.97))
        votes += [ArticleVote(article=article, visitor=f"demo-visitor-{number:04d}",
                              helpful=rng.random() < helpful_share, created_at=start + (now - start) * rng.random())
                  for number in range(rng.randint(8, 30))]
    _dated(ArticleVote, votes)
    return len(votes)
