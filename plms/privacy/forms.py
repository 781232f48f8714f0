from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from plms.privacy.models import RetentionPolicy


class LeavingDateForm(forms.Form):
    left_on = forms.DateField(
        label=_("Left on"), widget=forms.DateInput(attrs={"type": "date"}), required=True
    )


class RetentionPolicyForm(forms.ModelForm):
    class Meta:
        model = RetentionPolicy
        fields = ["leavers_days", "audit_days", "webhook_history_days", "notifications_days"]
