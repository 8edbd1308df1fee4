"""Help before and after the sale (practices S01, S08, P20–P22, P58, P67–P76): what staff write
(help articles, FAQ, trust pages), and what customers send (questions, messages, feedback, votes).

Texts staff write are Markdown, turned into HTML and sanitised when shown (support/markdown.py).
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from storefront.references import spoken_reference
from storefront.visitors import VISITOR_ID_LENGTH


# Visitors who vote are told apart by a random id in their session, never by a sign-in.
def new_ticket_reference() -> str:
    return spoken_reference("T-")


class HelpTopic(models.Model):
    name = models.CharField(max_length=60)
    slug = models.SlugField(unique=True)
    summary = models.CharField(max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "name"]

    def __str__(self):
        return self.name


class HelpArticle(models.Model):
    topic = models.ForeignKey(HelpTopic, related_name="articles", on_delete=models.PROTECT)
    title = models.CharField(max_length=150)
    slug = models.SlugField(max_length=150, unique=True)
    summary = models.CharField(max_length=300, help_text="One or two sentences, shown in lists and search results.")
    body = models.TextField(help_text="Markdown: ## headings, - lists, **bold**, [links](/returns-policy/).")
    author = models.CharField(max_length=100, help_text="Who wrote it, as readers should see it (practice P68).")
    sources = models.TextField(blank=True, help_text="Where quoted facts come from, one per line (P67).")
    related = models.ManyToManyField("self", blank=True, symmetrical=True)
    is_published = models.BooleanField(default=True)
    position = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["topic__position", "position", "title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("support:article", args=[self.slug])


class ArticleVote(models.Model):
    """"Was this helpful?": one vote per visitor and article; a second vote changes the first."""

    article = models.ForeignKey(HelpArticle, related_name="votes", on_delete=models.CASCADE)
    visitor = models.CharField(max_length=VISITOR_ID_LENGTH)
    helpful = models.BooleanField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["article", "visitor"], name="one_vote_per_visitor")]

    def __str__(self):
        return f"{'Helpful' if self.helpful else 'Not helpful'}: {self.article}"


class FaqEntry(models.Model):
    question = models.CharField(max_length=200)
    answer = models.TextField(help_text="Markdown.")
    topic = models.ForeignKey(HelpTopic, null=True, blank=True, related_name="faq_entries", on_delete=models.SET_NULL)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = "FAQ entry"
        verbose_name_plural = "FAQ entries"

    def __str__(self):
        return self.question


class Poll(models.Model):
    """A one-question poll on the help centre's home page (practice P22); the newest active one shows."""

    question = models.CharField(max_length=200)
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.question


class PollChoice(models.Model):
    poll = models.ForeignKey(Poll, related_name="choices", on_delete=models.CASCADE)
    text = models.CharField(max_length=100)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self):
        return self.text


class PollVote(models.Model):
    poll = models.ForeignKey(Poll, related_name="votes", on_delete=models.CASCADE)
    choice = models.ForeignKey(PollChoice, related_name="votes", on_delete=models.CASCADE)
    visitor = models.CharField(max_length=VISITOR_ID_LENGTH)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["poll", "visitor"], name="one_poll_vote_per_visitor")]

    def __str__(self):
        return f"{self.choice} ({self.poll})"


class Ticket(models.Model):
    """A message through the contact form. Complaints (practice P71) come first in staff's list."""

    # The contact form's list of topics, in the customer's language (staff's back office shows them in English).
    class Topic(models.TextChoices):
        ORDER = "order", _("An order I have placed")
        DELIVERY = "delivery", pgettext_lazy("a topic of a message to us", "Delivery")
        RETURNS = "returns", _("Returns and refunds")
        PAYMENT = "payment", pgettext_lazy("a topic of a message to us", "Payment")
        PRODUCT = "product", _("A product, before buying")
        ACCOUNT = "account", _("My account")
        COMPLAINT = "complaint", _("A complaint")
        OTHER = "other", _("Something else")

    class Status(models.TextChoices):
        NEW = "new", "New"
        ANSWERED = "answered", "Answered"
        CLOSED = "closed", "Closed"

    reference = models.CharField(max_length=10, unique=True, default=new_ticket_reference, editable=False)
    topic = models.CharField(max_length=12, choices=Topic.choices)
    is_priority = models.BooleanField(default=False, help_text="Complaints are answered first.")
    name = models.CharField(max_length=100)
    email = models.EmailField("e-mail address")
    order_number = models.CharField(max_length=12, blank=True)
    order = models.ForeignKey("orders.Order", null=True, blank=True, related_name="tickets", on_delete=models.SET_NULL)
    customer = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, related_name="tickets",
                                 on_delete=models.SET_NULL)
    message = models.TextField(max_length=5000)
    page_url = models.CharField(max_length=500, blank=True, help_text="Where the customer was before writing.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.NEW)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-is_priority", "status", "-created_at"]

    def __str__(self):
        return f"{self.reference} {self.get_topic_display()}"


class ProductQuestion(models.Model):
    """A shopper's question on a product page, answered by staff in the shop's name (practices P20, P58)."""

    product = models.ForeignKey("shop.Product", related_name="questions", on_delete=models.CASCADE)
    question = models.TextField(max_length=1000)
    asker_name = models.CharField(max_length=60, blank=True, help_text="Shown with the question; empty: anonymous.")
    email = models.EmailField("e-mail address for the answer")
    customer = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, related_name="product_questions",
                                 on_delete=models.SET_NULL)
    # The language of the page it was asked on: a guest's answer is e-mailed in it.
    language = models.CharField(max_length=16, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE)
    answer = models.TextField(blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, related_name="+",
                                    on_delete=models.SET_NULL)
    answered_at = models.DateTimeField(null=True, blank=True)
    is_published = models.BooleanField(default=True, help_text="Untick to hide a question that is not for the page.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.question[:60]


class Feedback(models.Model):
    """A note from the "Feedback" control on every page (practice P21), with the page it was sent from."""

    page_url = models.CharField(max_length=500)
    message = models.TextField(max_length=2000)
    email = models.EmailField("e-mail address, if you would like an answer", blank=True)
    customer = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name_plural = "feedback"

    def __str__(self):
        return f"{self.page_url}: {self.message[:40]}"


class SitePage(models.Model):
    """A trust page's text (about us, guarantees, privacy, terms, legal notice, cookies), editable by staff."""

    slug = models.SlugField(unique=True, help_text="Which page: about, guarantees, privacy, terms, legal, cookies.")
    title = models.CharField(max_length=100)
    lead = models.CharField(max_length=300, blank=True)
    body = models.TextField(help_text="Markdown. {{ shop.name }}-style placeholders are not filled in: write it out.")
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return self.title
