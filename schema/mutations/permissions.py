"""Who may use the admin fields: callers with an admin access key."""

from typing import Any, ClassVar

import strawberry
from strawberry.permission import BasePermission


class IsAdmin(BasePermission):
    """Admin fields (revisions, mutations) answer admin keys only."""

    message = (
        "permission denied: this field needs an admin access key "
        "(send it as 'Authorization: Bearer <key>')"
    )
    error_extensions: ClassVar[dict[str, str]] = {"code": "FORBIDDEN"}

    def has_permission(self, source: Any, info: strawberry.Info, **kwargs: Any) -> bool:
        return info.context.principal.is_admin
