"""Factories for staff accounts: enrolled in 2FA and holding a keypair, as after a real first sign-in."""

from __future__ import annotations

import factory
from django.utils import timezone

from sourcedesk.accounts import keys, totp
from sourcedesk.accounts.models import User
from sourcedesk.accounts.roles import Role

PASSWORD = "correct horse battery staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"staff{n}")
    display_name = factory.LazyAttribute(lambda o: o.username.title())
    role = Role.REPORTER
    is_active = True
    totp_secret_sealed = factory.LazyFunction(lambda: totp.seal_secret(totp.new_secret()))
    totp_confirmed_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def password(obj, create, extracted, **kwargs):  # noqa: N805
        obj.set_password(extracted or PASSWORD)
        obj.is_superuser = obj.role == Role.ADMIN
        if create:
            obj.save()
            from django.contrib.auth.models import Group

            obj.groups.set([Group.objects.get_or_create(name=obj.role)[0]])

    @factory.post_generation
    def with_keys(obj, create, extracted, **kwargs):  # noqa: N805
        if create and extracted is not False:
            keys.keypair_create(user=obj, passphrase=PASSWORD)


class AdminFactory(UserFactory):
    role = Role.ADMIN


class EditorFactory(UserFactory):
    role = Role.EDITOR


class ReporterFactory(UserFactory):
    role = Role.REPORTER


class TranslatorFactory(UserFactory):
    role = Role.TRANSLATOR
