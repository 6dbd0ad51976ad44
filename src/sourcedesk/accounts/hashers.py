"""Password hashing: Argon2id with an explicit, reviewed cost."""

from django.contrib.auth.hashers import Argon2PasswordHasher


class SourcedeskArgon2PasswordHasher(Argon2PasswordHasher):
    """Argon2id at OWASP's 46 MiB / t=1 setting (about 50 ms here)."""

    algorithm = "argon2"
    time_cost = 1
    memory_cost = 47104
    parallelism = 1


class FastTestArgon2PasswordHasher(Argon2PasswordHasher):
    """Argon2id with a small memory cost, for the test suite only."""

    algorithm = "argon2"
    time_cost = 1
    memory_cost = 1024
    parallelism = 1
