from django.contrib import admin, messages
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from .models import Message
from .services import language_name, messages_send_again

NOT_SHOWN = "Not shown: it holds a one-time link to the customer's account."


@admin.action(description="Send again (failed messages)")
def send_again(modeladmin, request, queryset):
    count = messages_send_again(messages=queryset)
    messages.info(request, f"{count} failed message{'' if count == 1 else 's'} queued to be sent again."
                  if count else "None of those can be sent again: only failed messages with their text are "
                                "(those from before the outbox have none; contact the customer instead).")


@admin.register(Message)
class MessageAdmin(admin.ModelAdmin):
    """Everything the shop sent or will send; failed and waiting ones first, so staff can step in."""

    list_display = ["created_at", "kind", "channel", "to", "written_in", "reference", "status", "attempts", "sent_at",
                    "interrupted"]
    list_filter = ["status", "channel", "language", "kind", "interrupted"]
    search_fields = ["reference", "to", "subject"]
    date_hierarchy = "created_at"
    actions = [send_again]
    fieldsets = [
        (None, {"fields": ["kind", "channel", "reference", "to", "reply_to", "written_in", "subject"]}),
        ("How it went", {"fields": ["status", "attempts", "error", "created_at", "next_attempt_at", "sending_since",
                                    "sent_at", "interrupted"]}),
        ("What it says", {"fields": ["text", "html"]}),
    ]
    readonly_fields = [field.name for field in Message._meta.fields] + ["written_in", "text", "html"]

    def get_ordering(self, request):
        return ["status", "-created_at"]  # alphabetically "failed" and "pending" come before "sent"

    def has_add_permission(self, request):
        return False

    @admin.display(description="language", ordering="language")
    def written_in(self, message: Message) -> str:
        return language_name(message.language)

    @admin.display(description="text")
    def text(self, message: Message) -> str:
        return NOT_SHOWN if message.holds_secret else message.body_text

    @admin.display(description="HTML")
    def html(self, message: Message) -> str:
        if message.holds_secret or not message.body_html:
            return NOT_SHOWN if message.holds_secret else "–"
        # Shown as source in a scrolling box: staff read what was sent, and no markup of it runs here.
        return format_html('<pre style="white-space: pre-wrap; max-height: 30em; overflow: auto">{}</pre>',
                           message.body_html)


def messages_table(messages) -> str:
    """Some messages (those about one order, ticket or question) as a table for its page in the back office."""
    rows = messages.order_by("created_at", "pk")
    if not rows:
        return "None yet."
    return format_html(
        "<table><thead><tr><th>Written</th><th>About</th><th>Channel</th><th>To</th><th>Language</th>"
        "<th>Status</th><th>Attempts</th><th>Error</th></tr></thead><tbody>{}</tbody></table>",
        format_html_join("", '<tr><td><a href="{}">{}</a></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>'
                             "<td>{}{}</td><td>{}</td><td>{}</td></tr>", (
            (reverse("admin:outbox_message_change", args=[row.pk]), f"{row.created_at:%Y-%m-%d %H:%M}",
             row.kind, row.get_channel_display(), row.to, language_name(row.language), row.get_status_display(),
             " (possibly twice)" if row.interrupted else "", row.attempts, row.error)
            for row in rows)))
