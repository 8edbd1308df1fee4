"""The help centre (practices P22, P23, P58, P67, P68, P75, P76): topics and articles written by staff, a
search that marks the words it found, "Was this helpful?" under every article, the FAQ, and a one-question
poll with its results.

Votes are told apart by a random visitor id in the session (support/visitors.py), one per visitor. Pages
only read that id, so browsing the help centre starts no session and writes nothing.
"""

import html
import re
from dataclasses import dataclass
from functools import reduce
from itertools import groupby
from operator import and_, attrgetter, or_

from django.contrib import messages
from django.db.models import Case, Count, F, Q, Value, When
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.html import strip_tags
from django.views.decorators.http import require_POST, require_safe

from shop.search import clean_query, query_words
from storefront.breadcrumbs import Crumb

from .markdown import markdown_to_html
from .models import ArticleVote, FaqEntry, HelpArticle, HelpTopic, Poll, PollChoice, PollVote
from .visitors import known_visitor_id, visitor_id

RELATED_ARTICLES = 5
EXCERPT_LENGTH = 220  # characters of an article's text around the first word found, in search results


# --- Reading: topics, articles, search ------------------------------------------------------------


def help_crumb() -> Crumb:
    return Crumb("Help centre", reverse("support:help"))


def topic_url(topic: HelpTopic) -> str:
    """Topics have no page of their own: each is a section of the help centre's home."""
    return f"{reverse('support:help')}#topic-{topic.slug}"


def help_topics() -> list[tuple[HelpTopic, list[HelpArticle]]]:
    """Each topic with its published articles, in the order staff set. One query; an empty topic is left out."""
    articles = (HelpArticle.objects.filter(is_published=True).select_related("topic").defer("body", "sources")
                # topic_id keeps two topics at the same position apart, so each is one group
                .order_by("topic__position", "topic__name", "topic_id", "position", "title"))
    return [(topic, list(group)) for topic, group in groupby(articles, key=attrgetter("topic"))]


def related_articles(article: HelpArticle) -> list[HelpArticle]:
    """The articles staff linked to this one (practice P75); without any, others on the same topic."""
    published = HelpArticle.objects.filter(is_published=True).defer("body", "sources")
    chosen = list(published.filter(related=article)[:RELATED_ARTICLES])
    return chosen or list(published.filter(topic_id=article.topic_id).exclude(pk=article.pk)[:RELATED_ARTICLES])


@dataclass(frozen=True)
class HelpSearchResult:
    article: HelpArticle
    # The article's text around the first word found, when neither the title nor the summary shows one.
    excerpt: str


def articles_matching(query: str) -> list[HelpSearchResult]:
    """Published articles with every word of `query` in the title, summary or text; title matches first."""
    words = query_words(query)
    if not words:
        return []

    def every_word_in(*fields: str) -> Q:
        return reduce(and_, (reduce(or_, (Q(**{f"{field}__icontains": word}) for field in fields))
                             for word in words))

    articles = (HelpArticle.objects.filter(every_word_in("title", "summary", "body"), is_published=True)
                .select_related("topic")
                .alias(relevance=Case(When(every_word_in("title"), then=Value(2)),
                                      When(every_word_in("title", "summary"), then=Value(1)), default=Value(0)))
                .order_by("-relevance", "topic__position", "position", "title"))
    pattern = re.compile("|".join(re.escape(word) for word in words), re.IGNORECASE)
    return [HelpSearchResult(article, _excerpt(article, pattern)) for article in articles]


def _excerpt(article: HelpArticle, pattern: re.Pattern) -> str:
    if pattern.search(article.title) or pattern.search(article.summary):
        return ""
    # What a reader sees of the Markdown, not its syntax: a word found only in a link's address shows nothing.
    text = " ".join(html.unescape(strip_tags(markdown_to_html(article.body))).split())
    found = pattern.search(text)
    if found is None:
        return ""
    start = text.rfind(" ", 0, max(found.start() - EXCERPT_LENGTH // 3, 0)) + 1
    end = text.find(" ", start + EXCERPT_LENGTH)
    end = len(text) if end == -1 else end
    return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")


# --- Votes: "Was this helpful?" and the poll --------------------------------------------------------


def article_vote_record(*, article: HelpArticle, visitor: str, helpful: bool) -> ArticleVote:
    """A visitor's answer to "Was this helpful?"; answering again changes it, never counts twice."""
    vote, _ = ArticleVote.objects.update_or_create(article=article, visitor=visitor, defaults={"helpful": helpful})
    return vote


def poll_vote_record(*, choice: PollChoice, visitor: str) -> bool:
    """Count `visitor`'s answer to the choice's poll. A visitor who has answered keeps their first answer:
    False then, and nothing changes."""
    _, counted = PollVote.objects.get_or_create(poll_id=choice.poll_id, visitor=visitor, defaults={"choice": choice})
    return counted


@dataclass(frozen=True)
class PollAnswer:
    choice: PollChoice
    votes: int
    percent: int
    is_mine: bool


@dataclass(frozen=True)
class PollResults:
    poll: Poll
    answers: list[PollAnswer]
    total: int

    @property
    def voted(self) -> bool:
        return any(answer.is_mine for answer in self.answers)


def poll_results(*, poll: Poll, visitor: str) -> PollResults:
    """The poll's choices with their votes so far, and which one `visitor` chose. One query."""
    choices = list(poll.choices.annotate(vote_count=Count("votes"),
                                         mine=Count("votes", filter=Q(votes__visitor=visitor))))
    total = sum(choice.vote_count for choice in choices)
    return PollResults(poll=poll, total=total, answers=[
        PollAnswer(choice=choice, votes=choice.vote_count, is_mine=bool(visitor and choice.mine),
                   percent=round(100 * choice.vote_count / total) if total else 0)
        for choice in choices])


# --- Pages ----------------------------------------------------------------------------------------


@require_safe
def help_home(request):
    poll = Poll.objects.filter(is_active=True).first()
    return render(request, "support/help_home.html", {
        "topics": help_topics(),
        "results": poll_results(poll=poll, visitor=known_visitor_id(request)) if poll else None,
    })


@require_safe
def help_search(request):
    # Not `query`: base.html fills the header's product search box from that.
    help_query = clean_query(request.GET.get("q", ""))
    return render(request, "support/help_search.html", {
        "help_query": help_query, "results": articles_matching(help_query),
        # For the way forward when nothing matched: lazy, so read only then.
        "topics": HelpTopic.objects.filter(articles__is_published=True).distinct(),
        "trail": [help_crumb()],
    })


@require_safe
def article(request, slug):
    item = get_object_or_404(HelpArticle.objects.select_related("topic"), slug=slug, is_published=True)
    visitor = known_visitor_id(request)
    return render(request, "support/help_article.html", {
        "article": item,
        "body": markdown_to_html(item.body),
        "sources": [line.strip() for line in item.sources.splitlines() if line.strip()],
        "related": related_articles(item),
        "vote": ArticleVote.objects.filter(article=item, visitor=visitor).first() if visitor else None,
        "trail": [help_crumb(), Crumb(item.topic.name, topic_url(item.topic))],
    })


@require_safe
def faq(request):
    """Every FAQ entry, grouped by topic in the help centre's order; entries without a topic last."""
    entries = FaqEntry.objects.select_related("topic").order_by(
        F("topic__position").asc(nulls_last=True), "topic__name", "topic_id", "position", "pk")
    groups = [(topic, [(entry, markdown_to_html(entry.answer)) for entry in group])
              for topic, group in groupby(entries, key=attrgetter("topic"))]
    return render(request, "support/faq.html", {"groups": groups, "trail": [help_crumb()]})


# Both votes are plain forms that post and come back to the page; with htmx, only the voting part of the
# page is swapped for the answer.

ARTICLE_VOTE_ANSWERS = {"yes": True, "no": False}


@require_POST
def article_vote(request, slug):
    item = get_object_or_404(HelpArticle, slug=slug, is_published=True)
    helpful = ARTICLE_VOTE_ANSWERS.get(request.POST.get("helpful", ""))
    vote = None if helpful is None else article_vote_record(article=item, visitor=visitor_id(request), helpful=helpful)
    error = "Press Yes or No to tell us whether this article helped." if vote is None else ""
    if request.htmx:
        return render(request, "support/_article_vote.html", {"article": item, "vote": vote, "error": error})
    if error:
        messages.error(request, error)
    return redirect(f"{item.get_absolute_url()}#article-vote")


@require_POST
def poll_vote(request, poll_id):
    poll = get_object_or_404(Poll, pk=poll_id, is_active=True)
    choice = _posted_choice(request, poll)
    counted = choice is not None and poll_vote_record(choice=choice, visitor=visitor_id(request))
    error = "Choose one of the answers, then press Vote." if choice is None else ""
    if not request.htmx:
        if error:
            messages.error(request, error)
        return redirect(f"{reverse('support:help')}#poll")
    return render(request, "support/_poll.html", {
        "results": poll_results(poll=poll, visitor=known_visitor_id(request)), "error": error,
        "answered_before": choice is not None and not counted,
    })


def _posted_choice(request, poll: Poll) -> PollChoice | None:
    try:
        choice_id = int(request.POST.get("choice", ""))
    except ValueError:
        return None
    return PollChoice.objects.filter(poll=poll, pk=choice_id).first()
