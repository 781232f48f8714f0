from __future__ import annotations

from django import forms

from plms.privacy.models import RetentionPolicy


class RetentionPolicyForm(forms.ModelForm):
    class Meta:
        model = RetentionPolicy
        fields = ["leavers_days", "audit_days", "webhook_history_days", "notifications_days"]
