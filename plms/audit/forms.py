from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from plms.audit.actions import FAMILIES
from plms.audit.selectors import AuditFilters


class AuditFilterForm(forms.Form):
    action = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All")), *FAMILIES.items()]
    )
    actor = forms.CharField(label=_("Who"), required=False, max_length=200)
    object = forms.UUIDField(label=_("Object id"), required=False)
    since = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=_("Until (inclusive)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def filters(self) -> AuditFilters:
        """The filters of a valid form (an invalid one filters nothing it could not read)."""
        data = self.cleaned_data if self.is_valid() else {}
        zone = timezone.get_current_timezone()

        def start_of(day: datetime.date | None) -> datetime.datetime | None:
            if day is None:
                return None
            return datetime.datetime.combine(day, datetime.time.min, tzinfo=zone)

        until = data.get("until")
        return AuditFilters(
            action=data.get("action") or "",
            actor=(data.get("actor") or "").strip(),
            object=data.get("object"),
            since=start_of(data.get("since")),
            until=start_of(until + datetime.timedelta(days=1)) if until else None,
        )
