from django.apps import AppConfig


class StaffLoginConfig(AppConfig):
    name = "newsdesk.staff_login"
    label = "staff_login"
    verbose_name = "Staff login"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from newsdesk.staff_login import checks, services

        checks.register()
        user_logged_in.connect(
            services.forget_failures_on_sign_in, dispatch_uid="staff_login_forget_failures"
        )
