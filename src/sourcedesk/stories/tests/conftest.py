import pytest

from .fakes import fake_scan, fake_scrub


@pytest.fixture(autouse=True)
def _scanner(request, monkeypatch):
    """Use the deterministic fake scanner unless the test asks for ``real_scanner``."""
    if "real_scanner" in request.fixturenames:
        return
    monkeypatch.setattr("sourcedesk.stories.protection._scanner", lambda: fake_scan)


@pytest.fixture
def real_scanner():
    """The protection team's scanner; the test is skipped if it has not landed."""
    pytest.importorskip("sourcedesk.protect", reason="protection scanner not available")
    from sourcedesk import protect

    if not hasattr(protect, "scan"):
        pytest.skip("sourcedesk.protect.scan not available")
    return protect.scan


@pytest.fixture
def fake_scrubber(monkeypatch):
    import sys
    import types

    module = types.ModuleType("sourcedesk.protect.scrub")
    module.scrub_bytes = fake_scrub
    monkeypatch.setitem(sys.modules, "sourcedesk.protect.scrub", module)
    return fake_scrub
