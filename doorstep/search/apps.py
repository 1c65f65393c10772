from typing import Any

from django.apps import AppConfig
from django.db import connections
from django.db.models.signals import post_migrate


def _repair_sqlite_search(sender: Any, using: str = "default", **kwargs: Any) -> None:
    from doorstep.search.schema import repair_sqlite

    connection = connections[using]
    if connection.vendor == "sqlite":
        repair_sqlite(connection)


class SearchConfig(AppConfig):
    name = "doorstep.search"
    label = "search"

    def ready(self) -> None:
        from doorstep.search.registry import register
        from doorstep.search.searchers import HOMES, PEOPLE

        register(PEOPLE)
        register(HOMES)
        post_migrate.connect(_repair_sqlite_search, sender=self, dispatch_uid="search_repair")
