"""Permission-checked reads of stories. Missing and not-yours raise the same error."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from sourcedesk.accounts.roles import Role, has_role

from .models import State, Story

TRANSLATOR_STATES = (State.IN_TRANSLATION, State.IN_EDIT, State.APPROVED)


class StoryNotFound(Http404):
    """No such story, or not one this person may see."""


def story_list_for_user(*, user, state: str = "") -> QuerySet[Story]:
    """Return the stories ``user`` may see: all for editors, their own for reporters,
    the ones in translation (or theirs) for translators."""
    queryset = Story.objects.select_related("reporter", "translator", "region").prefetch_related("editions")
    if has_role(user, Role.EDITOR):
        pass
    elif has_role(user, Role.REPORTER):
        queryset = queryset.filter(reporter=user)
    elif has_role(user, Role.TRANSLATOR):
        queryset = queryset.filter(Q(state__in=TRANSLATOR_STATES) | Q(translator=user))
    else:
        return Story.objects.none()
    if state:
        queryset = queryset.filter(state=state)
    return queryset.order_by("-updated_at")


def story_get_for_user(*, user, pk: int | str) -> Story:
    """Return the story ``pk`` if ``user`` may see it, else raise :class:`StoryNotFound`."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise StoryNotFound("No such story.") from None
    story = (
        story_list_for_user(user=user).filter(pk=pk).prefetch_related("tags", "photos", "overrides").first()
    )
    if story is None:
        raise StoryNotFound("No such story.")
    return story
