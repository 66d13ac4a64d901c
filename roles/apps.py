from django.apps import AppConfig


class RolesConfig(AppConfig):
    name = "roles"
    verbose_name = "Content"

    def ready(self) -> None:
        from roles import signals  # noqa: F401  (connects the cache invalidation)
