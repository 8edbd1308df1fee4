"""The help centre's pages: its home, the search, an article, the FAQ, and the two votes."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_POST, require_safe

from shop.search import clean_query
from storefront.breadcrumbs import Crumb
from storefront.ratelimit import limit_message
from storefront.visitors import known_visitor_id, visitor_id
from support.markdown import markdown_to_html
from support.models import ArticleVote, HelpArticle, HelpTopic, Poll, PollChoice

from .selectors import article_sources, articles_matching, faq_groups, help_topics, poll_results, related_articles
from .services import article_vote_record, poll_vote_record


def _help_centre_crumb() -> Crumb:
    """The help centre, above its pages in the breadcrumbs, named in the page's language."""
    return Crumb(gettext("Help centre"), reverse("support:help"))


def topic_url(topic: HelpTopic) -> str:
    """Topics have no page of their own: each is a section of the help centre's home."""
    return f"{reverse('support:help')}#topic-{topic.slug}"


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
        "trail": [_help_centre_crumb()],
    })


@require_safe
def article(request, slug):
    item = get_object_or_404(HelpArticle.objects.select_related("topic"), slug=slug, is_published=True)
    visitor = known_visitor_id(request)
    return render(request, "support/help_article.html", {
        "article": item,
        "body": markdown_to_html(item.body),
        "sources": article_sources(item),
        "related": related_articles(item),
        "vote": ArticleVote.objects.filter(article=item, visitor=visitor).first() if visitor else None,
        "trail": [_help_centre_crumb(), Crumb(item.topic.name, topic_url(item.topic))],
    })


@require_safe
def faq(request):
    return render(request, "support/faq.html", {"groups": faq_groups(), "trail": [_help_centre_crumb()]})


# Both votes are plain forms that post and come back to the page; with htmx, only the voting part of the
# page is swapped for the answer.
#
# A vote is counted once per visitor, and a visitor is a cookie, so each address also has a limit: enough
# for a household or an office to vote, too few to stuff the ballot by clearing cookies. Readers vote on
# many articles, so "Was this helpful?" allows more than the one poll.
ARTICLE_VOTE_LIMIT = {"scope": "article-vote", "limit": 30, "per_seconds": 15 * 60}
POLL_VOTE_LIMIT = {"scope": "poll-vote", "limit": 10, "per_seconds": 15 * 60}

ARTICLE_VOTE_ANSWERS = {"yes": True, "no": False}


@require_POST
def article_vote(request, slug):
    item = get_object_or_404(HelpArticle, slug=slug, is_published=True)
    helpful = ARTICLE_VOTE_ANSWERS.get(request.POST.get("helpful", ""))
    error = limit_message(request, **ARTICLE_VOTE_LIMIT)
    vote = None if error or helpful is None else article_vote_record(article=item, visitor=visitor_id(request),
                                                                     helpful=helpful)
    error = error or (gettext("Press Yes or No to tell us whether this article helped.") if vote is None else "")
    if request.htmx:
        return render(request, "support/_article_vote.html", {"article": item, "vote": vote, "error": error})
    if error:
        messages.error(request, error)
    return redirect(f"{item.get_absolute_url()}#article-vote")


@require_POST
def poll_vote(request, poll_id):
    poll = get_object_or_404(Poll, pk=poll_id, is_active=True)
    error = limit_message(request, **POLL_VOTE_LIMIT)
    choice = None if error else _posted_choice(request, poll)
    counted = choice is not None and poll_vote_record(choice=choice, visitor=visitor_id(request))
    error = error or (gettext("Choose one of the answers, then press Vote.") if choice is None else "")
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
