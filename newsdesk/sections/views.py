"""Reader views of the page tree that Wagtail does not get right on its own."""

from django.http import HttpRequest, HttpResponse
from wagtail import views as wagtail_views
from wagtail.models import Page


def authenticate_with_password(
    request: HttpRequest, page_view_restriction_id: int, page_id: int
) -> HttpResponse:
    """Wagtail's password form of a private page, with a return address that is a path.

    Wagtail redirects to the form's hidden `return_url`; a value that is not a path ("abc") is
    taken for a URL name to reverse, and fails with a 500. The form Wagtail renders always holds
    a path, so any other value was altered: it becomes the private page's own address.
    """
    if request.method == "POST" and not request.POST.get("return_url", "").startswith("/"):
        page = Page.objects.filter(pk=page_id).first()
        posted = request.POST.copy()
        posted["return_url"] = (page.url if page else None) or "/"
        request.POST = posted
    return wagtail_views.authenticate_with_password(request, page_view_restriction_id, page_id)
