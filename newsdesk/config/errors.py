"""The site's error answers: JSON under the content API's address, the site's pages elsewhere.

A 400 from a middleware (an unreadable character in the query) or a 404 for an address no
route matches never reaches the API's views, so Django's error handlers decide here which
kind of answer the request gets.
"""

from django.views import defaults

from newsdesk.api.views import is_api_request, problem


def bad_request(request, exception):
    if is_api_request(request):
        return problem(str(exception) or "Bad request.", status=400)
    return defaults.bad_request(request, exception)


def page_not_found(request, exception):
    if is_api_request(request):
        return problem("No such address in the API.", status=404)
    return defaults.page_not_found(request, exception)
