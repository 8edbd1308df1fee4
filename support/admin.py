from django import forms
from django.contrib import admin
from django.db.models import Count, F, FloatField, Q
from django.db.models.functions import Cast, NullIf
from django.urls import reverse
from django.utils.html import format_html

from outbox.admin import messages_table
from outbox.models import Message

from .models import FaqEntry, Feedback, HelpArticle, HelpTopic, Poll, PollChoice, ProductQuestion, SitePage, Ticket
from .pages import INFO_PAGES
from .questions.services import question_answer

# --- Help centre, FAQ and poll (support/help/) -----------------------------------------------------

MARKDOWN_HELP = ("Write in Markdown: ## for a heading, - for a list, **bold**, [link text](/returns-policy/). "
                 "Pictures, scripts and styles are removed when the page is shown.")


@admin.register(HelpTopic)
class HelpTopicAdmin(admin.ModelAdmin):
    list_display = ["name", "position", "article_count"]
    list_editable = ["position"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(article_count=Count("articles"))

    @admin.display(description="articles", ordering="article_count")
    def article_count(self, topic):
        return topic.article_count


@admin.register(HelpArticle)
class HelpArticleAdmin(admin.ModelAdmin):
    """Articles with their "Was this helpful?" answers: sort by "% helpful" to find the ones to rewrite."""

    list_display = ["title", "topic", "author", "is_published", "updated_at", "helpful_yes", "helpful_no",
                    "percent_helpful"]
    list_filter = ["is_published", "topic"]
    list_select_related = ["topic"]
    search_fields = ["title", "summary", "body"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["topic"]
    filter_horizontal = ["related"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "topic", "position", "is_published"]}),
        ("Text", {"fields": ["summary", "body", "author", "sources"], "description": MARKDOWN_HELP}),
        ("Related articles", {"fields": ["related"],
                              "description": "Shown under the article; without any, others on the same topic."}),
    ]

    def get_queryset(self, request):
        counts = super().get_queryset(request).annotate(
            yes_count=Count("votes", filter=Q(votes__helpful=True)),
            no_count=Count("votes", filter=Q(votes__helpful=False)))
        # NULL, not a division by zero, for an article nobody has voted on yet
        return counts.annotate(helpful_share=Cast("yes_count", FloatField()) * 100
                               / NullIf(F("yes_count") + F("no_count"), 0))

    @admin.display(description="helpful: yes", ordering="yes_count")
    def helpful_yes(self, article):
        return article.yes_count

    @admin.display(description="helpful: no", ordering="no_count")
    def helpful_no(self, article):
        return article.no_count

    # Articles nobody voted on sort after the least helpful ones, which are what staff look for.
    @admin.display(description="% helpful", ordering=F("helpful_share").asc(nulls_last=True))
    def percent_helpful(self, article):
        return "no votes yet" if article.helpful_share is None else f"{article.helpful_share:.0f}%"


@admin.register(FaqEntry)
class FaqEntryAdmin(admin.ModelAdmin):
    list_display = ["question", "topic", "position"]
    list_editable = ["position"]
    list_filter = ["topic"]
    list_select_related = ["topic"]
    search_fields = ["question", "answer"]
    fields = ["question", "answer", "topic", "position"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "answer":
            kwargs["help_text"] = MARKDOWN_HELP
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class PollChoiceInline(admin.TabularInline):
    model = PollChoice
    extra = 0
    fields = ["text", "position", "vote_count"]
    readonly_fields = ["vote_count"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(votes_so_far=Count("votes"))

    @admin.display(description="votes")
    def vote_count(self, choice):
        return getattr(choice, "votes_so_far", 0)  # a choice being added has none


@admin.register(Poll)
class PollAdmin(admin.ModelAdmin):
    """The newest active poll shows on the help centre's home."""

    list_display = ["question", "is_active", "created_at", "vote_count"]
    list_filter = ["is_active"]
    inlines = [PollChoiceInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(votes_so_far=Count("votes"))

    @admin.display(description="votes", ordering="votes_so_far")
    def vote_count(self, poll):
        return poll.votes_so_far


# --- Questions on product pages (support/questions/) -----------------------------------------------
# Appended with its own imports so this section can be added without editing the others; they may move
# to the top of the file once its sections settle.



@admin.action(description="Hide from the product page")
def hide_from_product_page(modeladmin, request, queryset):
    hidden = queryset.update(is_published=False)
    noun = "question" if hidden == 1 else "questions"
    modeladmin.message_user(request, f"{hidden} {noun} hidden from the product page. To show one again, open it "
                                     "and tick “Is published”.")


@admin.register(ProductQuestion)
class ProductQuestionAdmin(admin.ModelAdmin):
    """Unanswered questions first, newest first. Typing an answer and saving puts it on the product page
    in the shop's name and, the first time, e-mails it to the asker (support/questions/services.py)."""

    list_display = ["product", "question", "asked", "answered", "is_published"]
    list_filter = ["is_published"]
    list_select_related = ["product"]
    search_fields = ["question", "answer", "email", "product__name", "product__sku"]
    ordering = [F("answered_at").desc(nulls_first=True), "-created_at"]
    actions = [hide_from_product_page]
    fieldsets = [
        ("The question", {"fields": ["product", "question", "asker_name", "email", "customer", "language",
                                     "created_at"]}),
        ("Your answer", {"fields": ["answer", "is_published", "answered_by", "answered_at"],
                         "description": "Written in the shop's name and shown under the question with your first "
                                        "name. The first time you save an answer, the asker is e-mailed it."}),
        ("E-mails", {"fields": ["messages_sent"]}),
    ]
    readonly_fields = ["product", "email", "customer", "language", "created_at", "answered_by", "answered_at",
                       "messages_sent"]

    @admin.display(description="messages")
    def messages_sent(self, question):
        return messages_table(Message.objects.filter(key__startswith=f"question:{question.pk}:"))

    def has_add_permission(self, request):
        return False  # questions come from shoppers, on the product page

    @admin.display(description="asked", ordering="created_at")
    def asked(self, question):
        return question.created_at

    @admin.display(description="answered?", boolean=True, ordering="answered_at")
    def answered(self, question):
        return question.answered_at is not None

    def save_model(self, request, obj, form, change):
        question_answer(question=obj, by=request.user)


# --- Trust pages (support/pages.py): about us, guarantees, privacy, cookies, terms, legal notice ------------




class SitePageForm(forms.ModelForm):
    # Only the trust pages' slugs, so a typo cannot leave a page no one sees.
    slug = forms.ChoiceField(label="Page", choices=[(page.name, page.title) for page in INFO_PAGES
                                                    if page.staff_edited])

    class Meta:
        model = SitePage
        fields = ["slug", "title", "lead", "body"]


@admin.register(SitePage)
class SitePageAdmin(admin.ModelAdmin):
    """A trust page with no row here shows its built-in text (templates/support/pages/<slug>.md); saving a row
    replaces it, and the page shows the date it was last changed."""

    form = SitePageForm
    list_display = ["title", "slug", "updated_at", "page_link"]
    search_fields = ["title", "body"]
    fieldsets = [(None, {"fields": ["slug", "title", "lead", "body"], "description": MARKDOWN_HELP})]

    @admin.display(description="on the site")
    def page_link(self, site_page):
        return format_html('<a href="{}">View the page</a>', reverse(f"support:{site_page.slug}"))


# --- Contact messages and feedback (support/contact/) ----------------------------------------------------



@admin.register(Ticket)
class TicketAdmin(admin.ModelAdmin):
    """Complaints first, then the newest. What the customer wrote is kept as written; staff set the status
    (and may raise a message's priority). Answer by replying to the staff e-mail, which goes to the customer."""

    list_display = ["reference", "is_priority", "topic", "name", "email", "order_number", "status", "created_at"]
    list_display_links = ["reference"]
    list_filter = ["topic", "status", "is_priority"]
    ordering = ["-is_priority", "-created_at"]
    search_fields = ["reference", "name", "email", "order_number", "message"]
    fieldsets = [
        ("The message", {"fields": ["reference", "created_at", "topic", "name", "email", "customer", "order_number",
                                    "order", "page_url", "message"]}),
        ("Handling", {"fields": ["status", "is_priority"]}),
        ("E-mails", {"fields": ["messages_sent"]}),
    ]
    readonly_fields = ["reference", "created_at", "topic", "name", "email", "customer", "order_number", "order",
                       "page_url", "message", "messages_sent"]

    @admin.display(description="messages")
    def messages_sent(self, ticket):
        return messages_table(Message.objects.filter(reference=ticket.reference))

    def has_add_permission(self, request):
        return False  # messages come from customers, through the contact form


@admin.register(Feedback)
class FeedbackAdmin(admin.ModelAdmin):
    list_display = ["created_at", "page_link", "message", "email", "customer"]
    search_fields = ["page_url", "message", "email"]
    readonly_fields = ["created_at", "page_link", "message", "email", "customer"]
    fields = readonly_fields

    def has_add_permission(self, request):
        return False  # feedback comes from the control on every page

    @admin.display(description="page", ordering="page_url")
    def page_link(self, feedback):
        # page_url is always a path on this shop (storefront/redirects.py `safe_next_path`), so the link stays here.
        return format_html('<a href="{}">{}</a>', feedback.page_url, feedback.page_url)
