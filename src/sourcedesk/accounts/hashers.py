"""Password hashing: Argon2id with an explicit, reviewed cost."""

from django.contrib.auth.hashers import Argon2PasswordHasher


class SourcedeskArgon2PasswordHasher(Argon2PasswordHasher):
    """Argon2id at the same cost as the key that wraps the staff private key (t=3, 64 MiB).

    A cheaper password hash would give someone holding a database dump a cheaper way to test
    guesses of the passphrase that also unwraps the private key.
    """

    algorithm = "argon2"
    time_cost = 3
    memory_cost = 65536
    parallelism = 1


class FastTestArgon2PasswordHasher(Argon2PasswordHasher):
    """Argon2id with a small memory cost, for the test suite only."""

    algorithm = "argon2"
    time_cost = 1
    memory_cost = 1024
    parallelism = 1
