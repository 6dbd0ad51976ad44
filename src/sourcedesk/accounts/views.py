"""Sign-in, second-factor enrolment, the account page and user management."""

from __future__ import annotations

import time

from django.contrib import messages
from django.contrib.auth import login
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from sourcedesk.audit.services import audit_record
from sourcedesk.core.http import StaffRequest

from . import keys, services, totp
from .forms import AdminPasswordForm, EnrolForm, PasswordChangeForm, RoleForm, SignInForm, UserCreateForm
from .middleware import SESSION_AUTH_AT, SESSION_SECOND_FACTOR, SESSION_SEEN_AT, end_staff_session
from .selectors import user_get_for_admin, users_for_admin


def _safe_next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return reverse("core:desk_home")


@require_http_methods(["GET", "POST"])
def sign_in(request: HttpRequest) -> HttpResponse:
    form = SignInForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            result = services.staff_sign_in(
                username=data["username"], password=data["password"], code=data["code"]
            )
        except services.SignInRefused as refusal:
            if refusal.locked:
                form.add_error(None, _("Too many failed attempts. Wait a few minutes, then try again."))
            else:
                form.add_error(None, _("That did not work. Check your username, passphrase and code."))
        else:
            login(request, result.user, backend="django.contrib.auth.backends.ModelBackend")
            now = time.time()
            request.session[SESSION_AUTH_AT] = now
            request.session[SESSION_SEEN_AT] = now
            request.session[SESSION_SECOND_FACTOR] = not result.needs_enrolment
            if result.needs_enrolment:
                return redirect("accounts:enrol")
            keys.session_unlock(request=request, user=result.user, passphrase=data["password"])
            return redirect(_safe_next(request))
    status = 200 if request.method == "GET" or form.is_valid() else 400
    if request.method == "POST" and form.errors:
        status = 400
    return render(request, "accounts/login.html", {"form": form, "next": _safe_next(request)}, status=status)


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        audit_record(actor=request.user, action="logout", target=request.user)
    end_staff_session(request)
    messages.info(request, _("You are signed out."))
    return redirect("accounts:login")


@require_http_methods(["GET", "POST"])
def enrol(request: StaffRequest) -> HttpResponse:
    user = request.user
    if request.session.get(SESSION_SECOND_FACTOR):
        return redirect("core:desk_home")
    if request.method == "GET" or user.totp_secret_sealed is None:
        services.totp_enrol_begin(user=user)
        user.refresh_from_db()
    form = EnrolForm(request.POST or None) if request.method == "POST" else EnrolForm()
    if request.method == "POST" and form.is_valid():
        enrolment = services.totp_enrol_confirm(
            user=user, code=form.cleaned_data["code"], password=form.cleaned_data["password"]
        )
        if enrolment is not None:
            request.session.cycle_key()
            request.session[SESSION_SECOND_FACTOR] = True
            keys.session_unlock(request=request, user=user, passphrase=form.cleaned_data["password"])
            return render(
                request,
                "accounts/enrolled.html",
                {"backup_codes": enrolment.backup_codes, "recovery_key": enrolment.recovery_key},
            )
        form.add_error(None, _("That did not work. Check the code and your passphrase."))
    secret = totp.open_secret(user.totp_secret_sealed)
    uri = totp.provisioning_uri(secret, username=user.username)
    grouped = " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
    return render(
        request,
        "accounts/enrol.html",
        {"form": form, "qr_svg": totp.qr_svg(uri), "secret": grouped},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def account(request: StaffRequest) -> HttpResponse:
    user = request.user
    password_form = PasswordChangeForm(request.POST if request.POST.get("form") == "password" else None)
    backup_codes = None
    if request.method == "POST" and request.POST.get("form") == "password" and password_form.is_valid():
        try:
            services.password_change(
                user=user,
                old_password=password_form.cleaned_data["old_password"],
                new_password=password_form.cleaned_data["new_password"],
            )
        except ValidationError as exc:
            password_form.add_error("new_password", exc)
        except ValueError:
            password_form.add_error("old_password", _("That is not your current passphrase."))
        else:
            from django.contrib.auth import update_session_auth_hash

            update_session_auth_hash(request, user)
            messages.success(request, _("Your passphrase is changed and your key is re-wrapped."))
            return redirect("accounts:account")
    if request.method == "POST" and request.POST.get("form") == "backup":
        backup_codes = services.backup_codes_regenerate(user=user)
    remaining = user.backup_codes.filter(used=False).count()
    return render(
        request,
        "accounts/account.html",
        {"password_form": password_form, "backup_codes": backup_codes, "remaining_codes": remaining},
    )


def user_list(request: StaffRequest) -> HttpResponse:
    users = users_for_admin(user=request.user)
    form = UserCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.user_create(
                username=data["username"],
                password=data["password"],
                role=data["role"],
                display_name=data["display_name"],
                created_by=request.user,
            )
        except ValidationError as exc:
            form.add_error("password", exc)
        else:
            messages.success(request, _("Account %(name)s created.") % {"name": data["username"]})
            return redirect("accounts:user_list")
    return render(request, "accounts/user_list.html", {"users": users, "form": form})


@require_http_methods(["GET", "POST"])
def user_detail(request: StaffRequest, pk: int) -> HttpResponse:
    subject = user_get_for_admin(user=request.user, pk=pk)
    role_form = RoleForm(initial={"role": subject.role})
    password_form = AdminPasswordForm()
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "role":
            role_form = RoleForm(request.POST)
            if subject.pk == request.user.pk:
                # An admin who could make themself an editor would receive every new sealed
                # submission without anyone else agreeing.
                messages.error(request, _("You cannot change your own role; ask another admin."))
            elif role_form.is_valid():
                services.user_set_role(
                    user=subject, role=role_form.cleaned_data["role"], changed_by=request.user
                )
                messages.success(request, _("Role changed."))
                return redirect("accounts:user_detail", pk=subject.pk)
        elif action == "reset_2fa":
            services.totp_reset(user=subject, reset_by=request.user)
            messages.success(request, _("Second factor removed. They enrol again at their next sign-in."))
            return redirect("accounts:user_detail", pk=subject.pk)
        elif action in {"deactivate", "activate"}:
            if subject.pk == request.user.pk:
                messages.error(request, _("You cannot deactivate your own account."))
            else:
                services.user_set_active(user=subject, active=action == "activate", changed_by=request.user)
                messages.success(request, _("Account updated."))
            return redirect("accounts:user_detail", pk=subject.pk)
        elif action == "password":
            password_form = AdminPasswordForm(request.POST)
            if password_form.is_valid():
                try:
                    services.user_set_password_by_admin(
                        user=subject,
                        new_password=password_form.cleaned_data["new_password"],
                        changed_by=request.user,
                    )
                except ValidationError as exc:
                    password_form.add_error("new_password", exc)
                else:
                    messages.success(request, _("Passphrase set."))
                    return redirect("accounts:user_detail", pk=subject.pk)
    return render(
        request,
        "accounts/user_detail.html",
        {"subject": subject, "role_form": role_form, "password_form": password_form},
    )
