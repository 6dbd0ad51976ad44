"""``sourcedesk serve``: run the site under gunicorn, with a task worker beside it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Serve Sourcedesk with a production-grade server (gunicorn) and a task worker."

    def add_arguments(self, parser):
        parser.add_argument("--host", default=os.environ.get("SOURCEDESK_HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("SOURCEDESK_PORT", "8000")))
        parser.add_argument("--workers", type=int, default=int(os.environ.get("SOURCEDESK_WORKERS", "2")))
        parser.add_argument("--threads", type=int, default=int(os.environ.get("SOURCEDESK_THREADS", "8")))
        parser.add_argument(
            "--no-task-worker",
            action="store_true",
            help="Do not start the task worker (run `sourcedesk run_huey` elsewhere).",
        )

    def handle(self, *args, **options):
        from gunicorn.app.base import BaseApplication

        if settings.PRODUCTION:
            call_command("collectstatic", interactive=False, verbosity=0)
        worker = None
        if not options["no_task_worker"]:
            worker = subprocess.Popen(  # noqa: S603 - our own interpreter and module
                [sys.executable, "-m", "sourcedesk", "run_huey", "--workers", "1", "--quiet"],
                env=os.environ.copy(),
            )

        from sourcedesk.wsgi import application

        gunicorn_options = {
            "bind": f"{options['host']}:{options['port']}",
            "workers": options["workers"],
            "worker_class": "gthread",
            "threads": options["threads"],
            # No access log: it would record client addresses and user agents.
            "accesslog": None,
            "errorlog": "-",
            "loglevel": "warning",
            "timeout": 300,
            "graceful_timeout": 20,
            "keepalive": 5,
            "limit_request_line": 8190,
            "proc_name": "sourcedesk",
            "forwarded_allow_ips": os.environ.get("SOURCEDESK_FORWARDED_ALLOW_IPS", "127.0.0.1"),
        }

        class SourcedeskServer(BaseApplication):
            def load_config(self):
                for key, value in gunicorn_options.items():
                    self.cfg.set(key, value)

            def load(self):
                return application

        self.stdout.write(
            f"Sourcedesk is serving at http://{options['host']}:{options['port']}/desk/ (Ctrl-C stops it)."
        )
        try:
            SourcedeskServer().run()
        finally:
            if worker is not None and worker.poll() is None:
                worker.send_signal(signal.SIGTERM)
                try:
                    worker.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    worker.kill()
