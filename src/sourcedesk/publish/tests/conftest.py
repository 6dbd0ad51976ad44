from sourcedesk.stories.tests.conftest import _scanner, fake_scrubber, real_scanner  # noqa: F401
