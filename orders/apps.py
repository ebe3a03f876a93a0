from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrdersConfig(AppConfig):
    """Orders of the department of education (приказ): journal, signing, PDF; shared by the processes."""

    name = "orders"
    verbose_name = _("Orders")

    def ready(self) -> None:
        from . import rules  # noqa: F401  registers who may do what to orders
        from .grants import on_order_signed
        from .models import Order
        from .signals import order_signed

        order_signed.connect(on_order_signed, sender=Order, dispatch_uid="orders.grants")
