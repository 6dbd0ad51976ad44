"""The demo seeds: invented sources, reports and claims, created once however often they run."""

from __future__ import annotations

import io

import pytest

from sourcedesk.accounts.tests.factories import EditorFactory, ReporterFactory
from sourcedesk.desk import demo as desk_demo
from sourcedesk.desk.models import Claim, Report
from sourcedesk.desk.selectors import claim_corroboration
from sourcedesk.network import demo as network_demo
from sourcedesk.network.models import IdentityCard, Source

pytestmark = pytest.mark.django_db


def test_demo_seeds_are_idempotent_and_show_corroboration():
    """Seeding twice gives one set of demo data, with a corroborated claim from two handlers."""
    EditorFactory(username="editor")
    EditorFactory(username="editor2")
    ReporterFactory(username="reporter")
    ReporterFactory(username="reporter2")
    for _ in range(2):
        network_demo.seed(stdout=io.StringIO())
        desk_demo.seed(stdout=io.StringIO())
    assert Source.objects.count() == len(network_demo.DEMO_SOURCES)
    assert Report.objects.count() == len(desk_demo.DEMO_REPORTS)
    assert IdentityCard.objects.count() == 1
    corroborated = Claim.objects.get(status="corroborated")
    figures = claim_corroboration(claim=corroborated)
    assert figures.sources == 2 and not figures.single_handler
    assert Claim.objects.filter(status="disputed").exists()
    assert Source.objects.filter(status="compromised").exists()
