"""Accounts in the admin: granting or removing rights, changing a password and deleting a
user or group are in the change log, and no password hash ever is."""

import json

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone

from observations.choices import HistoryAction, Role
from observations.models import HistoryEntry, Membership
from tests.factories import make_user
from tests.test_audit_log import admin_form_data

User = get_user_model()


@pytest.fixture
def superuser(db, client):
    user = User.objects.create_superuser("root", "root@example.org", "pw")
    client.force_login(user)
    return user


def entries_of(obj):
    return list(HistoryEntry.objects.filter(content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk)
                .order_by("pk"))


def change(client, model, obj, **changes):
    url = reverse(f"admin:auth_{model}_change", args=[obj.pk])
    data = admin_form_data(client.get(url), **changes)
    for name in ("date_joined", "last_login"):  # split into a date and a time on the page
        value = data.pop(name, None) and getattr(obj, name)
        if value:
            value = timezone.localtime(value)
            data[f"{name}_0"], data[f"{name}_1"] = value.date().isoformat(), value.time().isoformat()
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    return response


def no_hash_in_the_log():
    stored = json.dumps([[e.before, e.after, e.comment] for e in HistoryEntry.objects.all()])
    return all(user.password not in stored for user in User.objects.all())


def test_making_a_user_staff_and_giving_a_group_is_logged_with_before_and_after(client, superuser):
    user = make_user("amina")
    group = Group.objects.create(name="Importers")
    change(client, "user", user, is_staff="on", groups=[str(group.pk)])
    [entry] = entries_of(user)
    assert entry.action == HistoryAction.CHANGED and entry.actor == superuser
    assert entry.before["is_staff"] is False and entry.before["groups"] == []
    assert entry.after["is_staff"] is True and entry.after["groups"] == [group.pk]
    assert "password" not in entry.before and "password" not in entry.after
    assert no_hash_in_the_log()


def test_saving_a_user_unchanged_writes_nothing(client, superuser):
    user = make_user("amina")
    change(client, "user", user)
    assert entries_of(user) == []


def test_a_password_change_is_recorded_without_the_hash(client, superuser):
    user = make_user("amina")
    url = reverse("admin:auth_user_password_change", args=[user.pk])
    response = client.post(url, {"password1": "A-new-long-passphrase-42", "password2": "A-new-long-passphrase-42",
                                 "usable_password": "true"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("A-new-long-passphrase-42")
    [entry] = entries_of(user)
    assert entry.action == HistoryAction.CHANGED and entry.after == {"password": "changed"}
    assert no_hash_in_the_log()


def test_a_refused_password_change_records_nothing(client, superuser):
    user = make_user("amina")
    url = reverse("admin:auth_user_password_change", args=[user.pk])
    response = client.post(url, {"password1": "A-new-long-passphrase-42", "password2": "something else"})
    assert response.status_code == 200
    assert entries_of(user) == []


def test_adding_a_user_is_logged(client, superuser):
    response = client.post(reverse("admin:auth_user_add"), {
        "username": "new.focal", "password1": "A-new-long-passphrase-42", "password2": "A-new-long-passphrase-42",
        "usable_password": "true"})
    assert response.status_code == 302
    user = User.objects.get(username="new.focal")
    [entry] = entries_of(user)
    assert entry.action == HistoryAction.CREATED and entry.after["username"] == "new.focal"
    assert no_hash_in_the_log()


def test_deleting_a_user_records_the_user_and_its_memberships(client, superuser, ministry_a):
    user = make_user("amina", ministry_a, Role.FOCAL_POINT)
    membership = Membership.objects.get(user=user)
    user_pk, membership_pk = user.pk, membership.pk
    response = client.post(reverse("admin:auth_user_delete", args=[user.pk]), {"post": "yes"})
    assert response.status_code == 302 and not User.objects.filter(pk=user_pk).exists()
    deleted = HistoryEntry.objects.filter(action=HistoryAction.DELETED)
    user_entry = deleted.get(content_type=ContentType.objects.get_for_model(User), object_id=user_pk)
    assert user_entry.before["username"] == "amina" and "password" not in user_entry.before
    membership_entry = deleted.get(content_type=ContentType.objects.get_for_model(Membership),
                                   object_id=membership_pk)
    assert membership_entry.before["role"] == Role.FOCAL_POINT


def test_a_group_permission_change_is_logged(client, superuser):
    group = Group.objects.create(name="Importers")
    permission = Permission.objects.get(codename="add_document")
    change(client, "group", group, permissions=[str(permission.pk)])
    [entry] = entries_of(group)
    assert entry.before == {"name": "Importers", "permissions": []}
    assert entry.after == {"name": "Importers", "permissions": [permission.pk]}


def test_only_superusers_reach_the_account_pages(client, ministry_a):
    client.force_login(make_user("staff", ministry_a, Role.COORDINATOR, is_staff=True))
    assert client.get(reverse("admin:auth_user_changelist")).status_code == 403
