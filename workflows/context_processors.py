from .notifications import unread_count


def notifications(request) -> dict:
    """The bell's unread count, on every page of a signed-in user."""
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {}
    return {"unread_notifications": unread_count(request.user)}
