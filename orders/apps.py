from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrdersConfig(AppConfig):
    """Orders of the department of education (приказ): journal, signing, PDF; shared by the processes."""

    name = "orders"
    verbose_name = _("Orders")
    site_sections = ["orders.viewsets.OrdersApp"]
    api_routes = [("orders", "orders.api.OrderViewSet", "order")]

    def ready(self) -> None:
        from . import grants, rules  # noqa: F401  who may do what to orders; directors' grants on signed ones
