"""Settings for the test suite: the real settings, with a private data directory per run."""

import os
import tempfile

os.environ["SOURCEDESK_ENV"] = "test"
os.environ.setdefault("SOURCEDESK_DATA_DIR", tempfile.mkdtemp(prefix="sourcedesk-test-"))

from sourcedesk.settings import *  # noqa: E402,F403

# Argon2id still, with a small memory cost so hundreds of logins stay quick.
PASSWORD_HASHERS = ["sourcedesk.accounts.hashers.FastTestArgon2PasswordHasher"]
