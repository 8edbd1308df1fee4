"""The help centre's votes: "Was this helpful?" under an article, and the poll; one of each per visitor."""

from support.models import ArticleVote, HelpArticle, PollChoice, PollVote


def article_vote_record(*, article: HelpArticle, visitor: str, helpful: bool) -> ArticleVote:
    """A visitor's answer to "Was this helpful?"; answering again changes it, never counts twice."""
    vote, _ = ArticleVote.objects.update_or_create(article=article, visitor=visitor, defaults={"helpful": helpful})
    return vote


def poll_vote_record(*, choice: PollChoice, visitor: str) -> bool:
    """Count `visitor`'s answer to the choice's poll. A visitor who has answered keeps their first answer:
    False then, and nothing changes."""
    _, counted = PollVote.objects.get_or_create(poll_id=choice.poll_id, visitor=visitor, defaults={"choice": choice})
    return counted
