"""The town's staff groups: each app names its group and the permissions it grants."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

ACTIONS = ("add", "change", "delete", "view")


def managing(*models: str) -> list[str]:
    """The codenames that let a group add, change, delete and view each of ``models``
    (model names in lower case)."""
    return [f"{action}_{model}" for model in models for action in ACTIONS]


def grant(group_name: str, permissions: Mapping[str, Sequence[str]]) -> None:
    """Create the group ``group_name`` in the current town's schema if it is missing and
    give it ``permissions`` (codenames by app label); safe to run again, and never takes
    away what the town's administrator granted besides."""
    from django.contrib.auth.models import Group, Permission
    from django.db.models import Q

    group, _created = Group.objects.get_or_create(name=group_name)
    wanted = Q(pk__in=[])
    for app_label, codenames in permissions.items():
        wanted |= Q(content_type__app_label=app_label, codename__in=codenames)
    group.permissions.add(*Permission.objects.filter(wanted))
