"""`POST /moderation/v1alpha1/comments:analyze`: the Perspective-compatible scoring endpoint."""

import json

from django.conf import settings
from django.http import Http404, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from newsdesk.moderation import analyze as service
from newsdesk.moderation.abuse_model import load_model


def _error(error: service.AnalyzeError) -> JsonResponse:
    return JsonResponse(error.as_json(), status=error.http_status)


@csrf_exempt
@require_POST
def comments_analyze(request):
    """Score one comment for TOXICITY and THREAT, answering as Perspective does."""
    if not service.is_enabled():
        raise Http404("The analyze endpoint is off (NEWSDESK_ANALYZE_API_KEYS is empty).")
    try:
        service.check_key(request.GET.get("key") or request.headers.get("X-Goog-Api-Key", ""))
        if not request.content_type.startswith("application/json"):
            raise service.AnalyzeError(
                400, "INVALID_ARGUMENT", "Send the request as application/json."
            )
        try:
            body = json.loads(request.body)
        except (ValueError, UnicodeDecodeError) as error:
            raise service.AnalyzeError(
                400, "INVALID_ARGUMENT", f"The request body is not valid JSON: {error}"
            ) from error
        parsed = service.parse_request(body)
    except service.AnalyzeError as error:
        return _error(error)
    return JsonResponse(service.analyze(parsed, load_model(settings.NEWSDESK_MODERATION_MODEL)))
