"""The API's representations of orders, and the bodies of a draft and of the journal's query."""
from __future__ import annotations

from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.models import Municipality, Organisation, User
from workflows.api_fields import BlankAsNull, NamedChoiceField, PersonSerializer, RefSerializer, absolute

from .models import Order, OrderItem


class BlankAsNullCharField(BlankAsNull, serializers.CharField):
    pass


def subject_field(**kwargs) -> NamedChoiceField:
    return NamedChoiceField(choices=Order.Subject.choices, enum_name="OrderSubjectEnum", **kwargs)


def status_field(**kwargs) -> NamedChoiceField:
    return NamedChoiceField(choices=Order.Status.choices, enum_name="OrderStatusEnum", **kwargs)


def action_field(**kwargs) -> NamedChoiceField:
    return NamedChoiceField(choices=OrderItem.Action.choices, enum_name="OrderItemActionEnum", **kwargs)


class RecordSerializer(serializers.Serializer):
    """The record an item acts on (a site, a mentoring pair…), named generically."""

    type = serializers.CharField(help_text=gettext_lazy("`app_label.model` of the record, e.g. `platforms.site`."))
    id = serializers.IntegerField()


class OrderItemSerializer(serializers.ModelSerializer):
    action = action_field()
    action_display = serializers.CharField(source="get_action_display")
    organisation = RefSerializer(allow_null=True)
    record = serializers.SerializerMethodField()

    class Meta:
        model = OrderItem
        fields = ["position", "action", "action_display", "organisation", "text", "starts_on", "ends_on", "record"]
        read_only_fields = fields

    @extend_schema_field(RecordSerializer(allow_null=True))
    def get_record(self, item: OrderItem) -> dict | None:
        if item.content_type_id is None:
            return None
        content_type = item.content_type
        return {"type": f"{content_type.app_label}.{content_type.model}", "id": item.object_id}


class OrderSerializer(serializers.ModelSerializer):
    municipality = RefSerializer()
    subject = subject_field()
    subject_display = serializers.CharField(source="get_subject_display")
    status = status_field()
    status_display = serializers.CharField(source="get_status_display")
    signatory = PersonSerializer()
    prepared_by = PersonSerializer()
    corrects = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    url = serializers.SerializerMethodField()
    pdf_url = serializers.SerializerMethodField()

    class Meta:
        model = Order
        fields = ["id", "municipality", "number", "year", "date", "subject", "subject_display", "title", "status",
                  "status_display", "signatory", "prepared_by", "signed_at", "corrects", "url", "pdf_url"]
        read_only_fields = fields

    def get_url(self, order: Order) -> str:
        return absolute(self.context.get("request"), order.get_absolute_url())

    def get_pdf_url(self, order: Order) -> str:
        return absolute(self.context.get("request"), f"/api/orders/{order.pk}/pdf/")


class OrderDetailSerializer(OrderSerializer):
    issuer = RefSerializer(allow_null=True)
    text = BlankAsNullCharField(allow_null=True)
    items = OrderItemSerializer(many=True)
    corrections = serializers.PrimaryKeyRelatedField(many=True, read_only=True, help_text=gettext_lazy(
        "The orders that correct this one."))

    class Meta(OrderSerializer.Meta):
        fields = [*OrderSerializer.Meta.fields, "issuer", "text", "items", "corrections"]
        read_only_fields = fields


class OrderItemInputSerializer(serializers.Serializer):
    action = action_field()
    organisation = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all(), allow_null=True,
                                                      required=False, default=None)
    text = serializers.CharField(min_length=1, help_text=gettext_lazy("The item's wording."))
    starts_on = serializers.DateField(allow_null=True, required=False, default=None)
    ends_on = serializers.DateField(allow_null=True, required=False, default=None)


class OrderInputSerializer(serializers.Serializer):
    """A draft order: its heading and items. Without `number` the municipality's journal gives the next one."""

    municipality = serializers.PrimaryKeyRelatedField(queryset=Municipality.objects.none(), help_text=gettext_lazy(
        "A municipality whose orders you prepare (only on creating a draft)."))
    number = serializers.CharField(max_length=40, required=False, allow_null=True, default=None,
                                   help_text=gettext_lazy("Left out or null: the journal's next number."))
    date = serializers.DateField()
    subject = subject_field()
    title = serializers.CharField(min_length=1, max_length=500)
    text = serializers.CharField(required=False, allow_blank=True, default="", help_text=gettext_lazy(
        "The preamble (on what grounds)."))
    signatory = serializers.PrimaryKeyRelatedField(queryset=User.objects.all(), help_text=gettext_lazy(
        "An officer of the municipality's department."))
    items = OrderItemInputSerializer(many=True, allow_empty=False)

    def __init__(self, *args, municipalities: list[Municipality] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = Municipality.objects.filter(pk__in=[m.pk for m in municipalities])
        if self.partial:
            self.fields.pop("municipality")


class JournalQuerySerializer(serializers.Serializer):
    year = serializers.IntegerField(required=False, min_value=1900, max_value=2999)
    subject = subject_field(required=False)
    status = status_field(required=False)
    q = serializers.CharField(required=False, max_length=100, help_text=gettext_lazy("Words of the number or title."))
