"""The demo help centre: topics, articles, FAQ entries and a poll, written for customers.

Every number an article quotes (returns window, refund time, delivery prices, dispatch cut-off) is read
from settings.SHOP and shop/delivery.py when the demo is loaded, so the articles agree with the pages
that quote the same policy. Idempotent: what exists (by slug, question) is left as staff edited it.
"""

from django.conf import settings
from django.db import transaction

from orders.countries import COUNTRY_CHOICES
from shop.delivery import delivery_methods
from storefront.money import format_money
from support.models import FaqEntry, HelpArticle, HelpTopic, Poll, PollChoice

TOPICS = [  # slug, name, summary
    ("ordering", "Ordering", "Placing an order, discount codes, and changing your mind."),
    ("delivery", "Delivery", "Costs, times, tracking, and parcels that are late."),
    ("payment", "Payment", "Ways to pay, and what to do when a payment does not go through."),
    ("returns-and-refunds", "Returns and refunds", "Sending something back, refunds, and faulty items."),
    ("account", "Your account", "Signing in, passwords, and the messages we send you."),
    ("product-care", "Product care", "Making linen, wool and pans last for years."),
]

PRIYA = "Priya, customer service"
TOM = "Tom, warehouse and delivery"
HANNAH = "Hannah, customer service"
SAM = "Sam, payments"
ELLIE = "Ellie, product team"

CONSUMER_CONTRACTS = ("The Consumer Contracts (Information, Cancellation and Additional Charges) Regulations 2013: "
                      "https://www.legislation.gov.uk/uksi/2013/3134/contents")
CONSUMER_RIGHTS = "The Consumer Rights Act 2015: https://www.legislation.gov.uk/ukpga/2015/15/contents"


def _days(working_days) -> str:
    fastest, slowest = working_days
    if fastest == slowest:
        return f"{fastest} working day{'s' if fastest > 1 else ''}"
    return f"{fastest}–{slowest} working days"


def _articles() -> list[dict]:
    """The demo articles, with today's settings written in."""
    shop = settings.SHOP
    free_over = format_money(shop["free_delivery_over"])
    cutoff = f"{shop['dispatch_cutoff_hour']}:00"
    methods = "\n".join(
        f"| {method.name} | {_days(method.working_days)} after dispatch | {format_money(method.cost)}"
        f"{f', free over {format_money(method.free_over)}' if method.free_over else ''} | "
        f"{'Within the UK' if method.home_country_only else 'Abroad'} |"
        for method in delivery_methods())
    return_postage = (
        "Returns are free: we send you a prepaid return label, so the postage is on us."
        if shop["returns_free"] else
        "Return postage is yours to pay, unless the item is faulty or not what you ordered. We recommend a "
        "tracked service and keeping the receipt.")
    refund_days = shop["refund_days"]
    return_days = shop["return_days"]

    return [
        # --- Ordering
        dict(topic="ordering", slug="placing-an-order", author=PRIYA, position=1,
             title="Placing an order, step by step",
             summary="Four short steps from your cart to a confirmation e-mail. No account is needed.",
             body=f"""You do not need an account to order. Everything you type is kept if you go back a step.

## The four steps

1. **Your details**: your e-mail address (for the confirmation and delivery updates) and the delivery address.
2. **Delivery**: choose how it comes. Standard delivery is free on orders over {free_over}.
3. **Payment**: pay by card, or choose cash on delivery.
4. **Review**: check everything once more, then press the button to place the order.

Straight after, you see your **order number** and the dates it leaves us and should arrive, and we e-mail the
same to you. If the e-mail has not come within an hour, look in your spam folder, then
[write to us](/contact/).

## Discount codes

Type the code under **Discount code** in your cart and press Apply. One code works per order. If a code
cannot be used, the cart says why: for example that it has expired or needs a larger order.

## Saving time next time

On the thank-you page you can make an account with just a password: your address is then filled in for you,
and your orders are listed under **Your account**."""),
        dict(topic="ordering", slug="changing-or-cancelling-an-order", author=PRIYA, position=2,
             title="Changing or cancelling an order",
             summary="Until your order is packed we can change the address or cancel it; after that, return it.",
             body=f"""## Before it leaves us

Call us on {shop['hotline']} or [write to us](/contact/) with your order number as soon as you can. Until the
order is packed we can change the delivery address, or cancel it and refund you in full. Any items go back on
sale at once.

## Once it has left us

We can no longer stop the parcel. When it arrives, send it back within {return_days} days: see
[How to return something](/help/how-to-return-something/). {return_postage}"""),
        # --- Delivery
        dict(topic="delivery", slug="delivery-options-costs-and-times", author=TOM, position=1,
             title="Delivery options, costs and times",
             summary=f"Standard delivery is free over {free_over}. Order before {cutoff} on a working day and "
                     "most orders leave us that day or the next.",
             body=f"""## Options

| Option | Arrives | Cost | Where |
|---|---|---|---|
{methods}

## When it leaves us

Working days are Monday to Friday. An order placed before {cutoff} on a working day counts as placed that day;
later, or at the weekend, it counts from the next working day. Each product page says how soon that product
leaves us, and checkout shows the exact dates for your order before you pay.

## Abroad

We deliver to: {", ".join(name for code, name in COUNTRY_CHOICES if code != shop["home_country"])}.
Duties are paid by us, so there is nothing more to pay at the door.

More detail: [Delivery](/delivery/)."""),
        dict(topic="delivery", slug="tracking-your-parcel", author=TOM, position=2,
             title="Tracking your parcel",
             summary="Follow your order from confirmed to delivered, with or without an account.",
             body="""## With your order number

Open [Track your order](/track/) and type the order number from your confirmation e-mail and the e-mail
address you ordered with. The page shows each stage: confirmed, packed, shipped, out for delivery,
delivered, and the carrier's tracking number once the parcel has left us.

## In your account

Signed in, every order you placed is under **Your account → Orders**, each with a link to its tracking.

## Messages on the way

We e-mail you at each stage. If you would like a text message when the parcel is on its way, switch it on
under **Your account → Notifications**."""),
        dict(topic="delivery", slug="late-or-missing-parcel", author=HANNAH, position=3,
             title="My parcel is late or has not arrived",
             summary="What we do when a parcel runs late, and what to check if it says delivered but is not there.",
             body=f"""## Running late

If a parcel stays longer in a stage than it should, we notice before you do: you get an e-mail saying sorry,
with a new estimate, and someone here chases the carrier.

## It says delivered, but it is not here

1. Look around your door, in any safe place you named, and ask your neighbours.
2. Check the carrier's note or photo on the tracking page.
3. Still nothing after a day? Call {shop['hotline']} or [write to us](/contact/) with your order number. We
   open a trace with the carrier at once, and if it is not found we send a replacement or refund you in
   full: you do not wait for the carrier."""),
        # --- Payment
        dict(topic="payment", slug="ways-to-pay", author=SAM, position=1,
             title="Ways to pay",
             summary="Visa, Mastercard and American Express cards, or cash on delivery.",
             body="""## By card

We take Visa, Mastercard and American Express. The amount is taken when you place the order. Your bank may ask
you to confirm the payment on its own page (this is called 3-D Secure); once you confirm, you come straight
back to your order.

We never keep your card number: only the card type and its last four digits, as your receipt shows them.

## Cash on delivery

Choose it at the payment step and pay the driver when the parcel arrives. Please have the exact amount ready.

## Prices

Prices include VAT. The delivery cost is shown in the cart and at checkout, before you pay."""),
        dict(topic="payment", slug="payment-declined", author=SAM, position=2,
             title="Why was my payment declined?",
             summary="No money is taken when a payment is declined. What usually causes it, and what to try.",
             body="""When your bank declines a card, **no money is taken** and everything else you typed is kept:
only the card details need typing again.

## Common causes

- A mistyped card number, expiry date or security code.
- Not enough money available, or a daily limit reached.
- The bank's confirmation page (3-D Secure) was closed or timed out.
- Your bank blocked the payment to protect you: a quick call to them usually clears it.

## What to try

Check the details and try again, use another card, or choose cash on delivery. Still stuck?
[Write to us](/contact/) and we will help you finish the order."""),
        # --- Returns and refunds
        dict(topic="returns-and-refunds", slug="how-to-return-something", author=PRIYA, position=1,
             title="How to return something",
             summary=f"Send it back within {return_days} days of delivery, for any reason.",
             body=f"""You have **{return_days} days from delivery** to send something back, for any reason.
{return_postage}

## Steps

1. [Write to us](/contact/) choosing "Returns and refunds", or call {shop['hotline']}, with your order number
   and what you are sending back.
2. Pack the item unused, with its labels, in its original packaging if you still have it.
3. Take the parcel to a post office{" and stick on the label we send you" if shop["returns_free"] else ""}.
4. We e-mail you when it arrives, and refund you within {refund_days} working days of receiving it.

Trying something on as you would in a shop is fine.

The full policy: [Returns policy](/returns-policy/).""",
             sources=CONSUMER_CONTRACTS),
        dict(topic="returns-and-refunds", slug="when-will-i-get-my-refund", author=PRIYA, position=2,
             title="When will I get my refund?",
             summary=f"Within {refund_days} working days of your return reaching us, to the way you paid.",
             body=f"""We refund within **{refund_days} working days** of your return reaching us, and e-mail you
when we do.

- **Paid by card**: the money goes back to the same card. Your bank may take a few more days to show it.
- **Paid cash on delivery**: we ask for your bank details and pay the refund into your account.

If you send back the whole order within 14 days, we also refund what you paid for standard delivery.

No refund after {refund_days + 5} working days? [Write to us](/contact/) with your order number and we will
find out where it is.""",
             sources=CONSUMER_CONTRACTS),
        dict(topic="returns-and-refunds", slug="faulty-or-wrong-item", author=HANNAH, position=3,
             title="Something arrived faulty, damaged or wrong",
             summary="We put it right at no cost to you: a replacement or a full refund, your choice.",
             body=f"""We are sorry. [Write to us](/contact/) or call {shop['hotline']} with your order number
and, if you can, a photo of the fault or damage. You do not have to wait for the returns window.

- We **collect it free**, or send a prepaid label.
- You choose: a **replacement**, a **repair**, or a **full refund**, delivery costs included.
- If it was sent wrongly, we send the right one at once.

These promises come on top of your legal rights, which our policy never reduces.""",
             sources=CONSUMER_RIGHTS),
        # --- Account
        dict(topic="account", slug="your-account-and-signing-in", author=HANNAH, position=1,
             title="Your account, signing in and passwords",
             summary="You can order without an account. With one, your address is filled in and your orders listed.",
             body="""## Do I need one?

No. You can order as a guest and [track the order](/track/) with its number and your e-mail address.

## What an account gives you

Saved addresses that fill in checkout, every order you placed with its tracking, and a choice of the
messages we send you. Sign up with just an e-mail address and a password: [create an
account](/account/sign-up/). The rest can wait.

## Forgotten your password?

On the [sign-in page](/account/sign-in/) choose **Forgotten your password?** and type your e-mail address.
We e-mail you a link to choose a new password; it works once. No e-mail after a few minutes? Look in the spam
folder, and check that it is the address you signed up with."""),
        dict(topic="account", slug="messages-we-send", author=HANNAH, position=2,
             title="The messages we send you, and how to choose them",
             summary="Order and delivery updates by e-mail, and texts if you want them. Never marketing unless asked.",
             body="""## What we send

- A confirmation when you place an order, and if an order is cancelled: always, as they are part of the order.
- An e-mail at each stage of the delivery: confirmed, packed, shipped, out for delivery, delivered.
- A text message when your parcel is on its way, if you ask for it.
- A short "How did it go?" question a few days after delivery, which you can ignore.

## Choosing

Signed in, open **Your account → Notifications** and tick what you want. We never share your details for
anyone else's marketing: see our [privacy notice](/privacy/).""",
             sources="UK GDPR guidance for the public, Information Commissioner's Office: https://ico.org.uk/for-the-public/"),
        # --- Product care
        dict(topic="product-care", slug="caring-for-linen-cotton-and-wool", author=ELLIE, position=1,
             title="Caring for linen, cotton and wool",
             summary="Wash less, cooler and gentler: clothes and bedding keep their shape and colour for years.",
             body="""Always check the care label first: it is written for that exact piece.

## Linen and cotton

- Wash at 30–40 °C with like colours; turn dark pieces inside out.
- Do not overload the machine: linen needs room to rinse.
- Shake out and line dry. Linen softens with every wash; iron it while still slightly damp.

## Wool knitwear

- Air it between wears: wool rarely needs washing.
- Hand wash cool, or use the machine's wool programme, with a wool detergent.
- Never wring: roll it in a towel to press the water out, then dry flat, away from heat.
- Fold it; hanging stretches the shoulders.""",
             sources="GINETEX, the international care-labelling symbols: https://www.ginetex.net/"),
        dict(topic="product-care", slug="looking-after-cast-iron-and-carbon-steel-pans", author=ELLIE, position=2,
             title="Looking after cast-iron and carbon-steel pans",
             summary="A seasoned pan is naturally non-stick. How to clean it, and how to bring back a rusty one.",
             body="""## Every day

1. Rinse the warm pan with hot water and scrub with a brush. A drop of washing-up liquid is fine.
2. Dry it at once, on a low heat for a minute.
3. Wipe a few drops of cooking oil over the inside with kitchen paper.

Keep it out of the dishwasher, and do not leave it soaking.

## Seasoning again

If food starts to stick or a spot of rust appears, scrub the spot away, dry the pan, wipe a very thin layer
of oil over it, inside and out, and heat it upside down in the oven at 220 °C for an hour. Let it cool there.

Enamelled cast iron needs none of this: wash it like any pan, and avoid metal scourers."""),
    ]


RELATED = {  # article: the articles shown under it (both ways)
    "how-to-return-something": ["when-will-i-get-my-refund", "faulty-or-wrong-item"],
    "changing-or-cancelling-an-order": ["how-to-return-something", "placing-an-order"],
    "tracking-your-parcel": ["late-or-missing-parcel", "delivery-options-costs-and-times"],
    "payment-declined": ["ways-to-pay"],
}


def _faq() -> list[tuple[str | None, str, str]]:
    """(topic slug or None, question, Markdown answer)."""
    shop = settings.SHOP
    return [
        ("delivery", "How much does delivery cost?",
         f"Standard delivery is free on orders over {format_money(shop['free_delivery_over'])}, otherwise "
         f"{format_money(delivery_methods()[0].cost)}. All options and prices: [Delivery](/delivery/)."),
        ("delivery", "When will my order arrive?",
         f"Order before {shop['dispatch_cutoff_hour']}:00 on a working day and most orders leave us that day or the "
         f"next; standard delivery then takes {_days(shop['delivery_working_days'])}. Checkout shows the dates for "
         "your order before you pay."),
        ("delivery", "Do you deliver outside the UK?",
         "Yes, to the countries listed on our [Delivery](/delivery/) page, tracked to the door with duties paid."),
        ("returns-and-refunds", "Can I send something back?",
         f"Yes, within {shop['return_days']} days of delivery, for any reason. "
         f"{'Returns are free.' if shop['returns_free'] else 'Return postage is yours to pay unless it is faulty.'} "
         "See [How to return something](/help/how-to-return-something/)."),
        ("returns-and-refunds", "How long does a refund take?",
         f"We refund within {shop['refund_days']} working days of your return reaching us, to the way you paid."),
        ("payment", "Which ways can I pay?",
         "Visa, Mastercard and American Express cards, or cash on delivery. Prices include VAT."),
        ("account", "Do I need an account to order?",
         "No. You can order as a guest and [track your order](/track/) with its number and your e-mail address."),
        ("ordering", "Can I change or cancel my order?",
         "Yes, until it is packed: call us or [write to us](/contact/) with the order number as soon as you can."),
        (None, "How do I reach a person?",
         f"Call {shop['hotline']} ({shop['hotline_hours']}) or [write to us](/contact/): we reply within one "
         "working day."),
    ]


POLL_QUESTION = "What would make shopping here easier?"
POLL_CHOICES = ["More photos and measurements on product pages", "Faster delivery", "More ways to pay",
                "Clearer help and advice"]


@transaction.atomic
def load_help_demo() -> str:
    """Create what is missing of the demo help centre; returns a line saying what is there."""
    topics = {}
    for position, (slug, name, summary) in enumerate(TOPICS, start=1):
        topics[slug], _ = HelpTopic.objects.get_or_create(
            slug=slug, defaults={"name": name, "summary": summary, "position": position})

    created = []
    for fields in _articles():
        slug, topic = fields.pop("slug"), topics[fields.pop("topic")]
        article, is_new = HelpArticle.objects.get_or_create(slug=slug, defaults={**fields, "topic": topic})
        if is_new:
            created.append(article)
    for article in created:  # links only for new articles: a link staff removed stays removed
        article.related.add(*HelpArticle.objects.filter(slug__in=RELATED.get(article.slug, [])))

    for position, (topic_slug, question, answer) in enumerate(_faq(), start=1):
        FaqEntry.objects.get_or_create(question=question, defaults={
            "answer": answer, "position": position, "topic": topics.get(topic_slug)})

    poll, poll_is_new = Poll.objects.get_or_create(question=POLL_QUESTION)
    if poll_is_new:
        PollChoice.objects.bulk_create(PollChoice(poll=poll, text=text, position=position)
                                       for position, text in enumerate(POLL_CHOICES, start=1))

    return (f"{HelpTopic.objects.count()} help topics, {HelpArticle.objects.count()} articles "
            f"({len(created)} new), {FaqEntry.objects.count()} FAQ entries, a poll")
