"""Reads of the help centre: topics and their articles, related articles, the search, the FAQ, and the
poll's results."""

import html
import re
from dataclasses import dataclass
from functools import reduce
from itertools import groupby
from operator import and_, attrgetter, or_

from django.db.models import Case, Count, F, Q, Value, When
from django.utils.html import strip_tags

from shop.search import query_words
from support.markdown import markdown_to_html
from support.models import FaqEntry, HelpArticle, HelpTopic, Poll, PollChoice

RELATED_ARTICLES = 5
EXCERPT_LENGTH = 220  # characters of an article's text around the first word found, in search results


# A source as staff write it: "The Consumer Rights Act 2015: https://www.legislation.gov.uk/…", or with a comma,
# a dash or the address first. A full stop or comma after the address ends the sentence, not the address.
WEB_ADDRESS = re.compile(r"https?://\S+?(?=[.,;:]?(?:\s|$))")


@dataclass(frozen=True)
class Source:
    title: str
    url: str  # "" for a source without a web address (a book, a letter)


def article_sources(article: HelpArticle) -> list[Source]:
    """The article's sources, one per line, each with its title as the link's text: a law's web address
    is one long word that a phone cannot wrap, and it means nothing read aloud."""
    sources = []
    for line in filter(None, map(str.strip, article.sources.splitlines())):
        address = WEB_ADDRESS.search(line)
        if address is None:
            sources.append(Source(line, ""))
            continue
        around = " ".join((line[:address.start()] + " " + line[address.end():]).split())
        title = re.sub(r" (?=[,;:.])", "", around).strip(" :,;.–—-")
        sources.append(Source(title or address[0], address[0]))
    return sources


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


def faq_groups() -> list[tuple[HelpTopic | None, list[tuple[FaqEntry, str]]]]:
    """Every FAQ entry with its answer as HTML, grouped by topic in the help centre's order; entries without
    a topic last."""
    entries = FaqEntry.objects.select_related("topic").order_by(
        F("topic__position").asc(nulls_last=True), "topic__name", "topic_id", "position", "pk")
    return [(topic, [(entry, markdown_to_html(entry.answer)) for entry in group])
            for topic, group in groupby(entries, key=attrgetter("topic"))]


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
