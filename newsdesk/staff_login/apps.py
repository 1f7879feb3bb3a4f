from django.apps import AppConfig


class StaffLoginConfig(AppConfig):
    name = "newsdesk.staff_login"
    label = "staff_login"
    verbose_name = "Staff login"

    def ready(self) -> None:
        from newsdesk.staff_login import checks

        checks.register()
