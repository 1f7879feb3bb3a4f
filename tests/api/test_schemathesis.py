"""Schemathesis against /api/openapi.json: generated requests for every operation, valid and
not, find no server error and no answer the document does not describe.

Every check of Schemathesis runs but one: "a schema-valid request is accepted". Some valid-looking
parameters are refused on purpose, with a 400 that says why, for reasons a schema cannot state:
a cursor the API never gave, `published_after` later than `published_before`, a language the
site does not publish in.

Bounded for CI: a fixed number of examples per operation and mode, derandomised so a run is
repeatable (set NEWSDESK_SCHEMATHESIS_EXAMPLES to look harder locally).
"""

import os

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.specs.openapi.checks import positive_data_acceptance

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

EXAMPLES = int(os.environ.get("NEWSDESK_SCHEMATHESIS_EXAMPLES", "25"))


@pytest.fixture
def wsgi_app():
    # As Django's test client does: keep the test's transaction open across the requests.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield WSGIHandler()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def check(operation, mode: GenerationMode) -> None:
    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def run(case):
        case.call_and_validate(excluded_checks=[positive_data_acceptance])

    run()


def test_every_operation_keeps_to_the_openapi_document(newsroom, wsgi_app):
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", wsgi_app)
    document = schema.raw_schema
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == sum(len(methods) for methods in document["paths"].values()) >= 10
    failures = []
    for operation in operations:
        takes_parameters = bool(document["paths"][operation.path]["get"].get("parameters"))
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            try:
                check(operation, mode)
            except Unsatisfiable:
                # No invalid request can be made of an operation without parameters.
                if mode is GenerationMode.POSITIVE or takes_parameters:
                    raise
            except Exception as failure:  # every operation is tried; all failures reported
                failures.append(f"{operation.label} ({mode.value}):\n{failure}")
    assert not failures, "\n\n".join(failures)
