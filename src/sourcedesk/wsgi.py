"""WSGI entry point used by ``sourcedesk serve``."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sourcedesk.settings")
application = get_wsgi_application()
