"""Forms of the library pages; they only shape input for the services."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from capabilities import selectors
from capabilities.imports.library import FORMATS
from capabilities.models import Capability, KeyResult, ScaleLevel
from capabilities.services import library as library_services
from capabilities.services import roles as role_services
from capabilities.services import scales as scale_services
from plms.common.errors import ApplicationError
from plms.common.uploads import UploadField
from plms.people.forms import PersonField, offer_people
from plms.people.models import Employee

KEY_RESULT_ROWS = role_services.MAX_KEY_RESULTS


def apply_errors(form: forms.Form, error: ApplicationError) -> None:
    """Show a service's error on the form: by field where the form has it, else on top."""
    unplaced = []
    for name, messages in error.fields.items():
        field = name if name in form.fields else name.replace(".", "_")
        if field in form.fields:
            for message in messages:
                form.add_error(field, message)
        else:
            unplaced.append(f"{name}: {' '.join(messages)}")
    if unplaced or not error.fields:
        form.add_error(None, " ".join([error.message, *unplaced]))


def _public_id(value: object) -> str | None:
    uuid = getattr(value, "uuid", value)
    return str(uuid) if uuid else None


def _lines(text: str) -> list[str]:
    return [line.strip(" •-\t") for line in text.splitlines() if line.strip(" •-\t")]


class CapabilityForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    category = forms.ModelChoiceField(
        label=_("Category"), queryset=None, to_field_name="uuid", required=False
    )
    new_category = forms.CharField(label=_("…or a new category"), max_length=200, required=False)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "The outcome it delivers; the skills, knowledge, behaviours, tools and processes "
            "it mixes."
        ),
    )
    tags = forms.CharField(label=_("Tags"), required=False, help_text=_("Separated by commas."))
    status = forms.ChoiceField(label=_("Status"), choices=Capability.Status.choices)
    data_steward = PersonField(label=_("Data steward"), required=False)

    def __init__(
        self, *args, scale_levels: list[ScaleLevel], viewer: Employee | None = None, **kwargs
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = selectors.category_choices()
        offer_people(
            self.fields["data_steward"],
            viewer=viewer,
            chosen=self.data.get(self.add_prefix("data_steward"))
            or _public_id(self.initial.get("data_steward")),
            empty_label=_("No data steward"),
        )
        self.scale_levels = scale_levels
        for level in scale_levels:
            self.fields[f"level_{level.number}_descriptor"] = forms.CharField(
                label=_("Level %(number)s · %(name)s: descriptor")
                % {"number": level.number, "name": level.name},
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            self.fields[f"level_{level.number}_indicators"] = forms.CharField(
                label=_("Level %(number)s: performance indicators") % {"number": level.number},
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
                help_text=_("One observable behaviour or outcome per line."),
            )

    @classmethod
    def initial_for(cls, capability: Capability) -> dict:
        initial = {
            "name": capability.name,
            "category": capability.category,
            "description": capability.description,
            "tags": ", ".join(capability.tags),
            "status": capability.status,
            "data_steward": capability.data_steward,
        }
        for level in capability.levels.all():
            initial[f"level_{level.level}_descriptor"] = level.descriptor
            initial[f"level_{level.level}_indicators"] = "\n".join(level.indicators)
        return initial

    def clean(self):
        data = super().clean()
        if not data.get("category") and not (data.get("new_category") or "").strip():
            self.add_error("category", _("Choose a category or name a new one."))
        return data

    def level_inputs(self) -> list[library_services.LevelInput]:
        data = self.cleaned_data
        return [
            library_services.LevelInput(
                level.number,
                data.get(f"level_{level.number}_descriptor", ""),
                _lines(data.get(f"level_{level.number}_indicators", "")),
            )
            for level in self.scale_levels
            if data.get(f"level_{level.number}_descriptor")
            or data.get(f"level_{level.number}_indicators")
        ]

    def capability_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "name": data["name"],
            "description": data["description"],
            "tags": [tag for tag in data["tags"].split(",") if tag.strip()],
            "status": data["status"],
            "data_steward": data["data_steward"],
        }

    def apply_errors(self, error: ApplicationError) -> None:
        renamed = {}
        for name, messages in error.fields.items():
            if name.startswith("levels."):
                name = f"level_{name.split('.')[1]}_descriptor"
            renamed[name] = messages
        error.fields = renamed
        apply_errors(self, error)


class JobRoleForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    family = forms.CharField(label=_("Role family"), max_length=100, required=False)
    grade = forms.CharField(label=_("Grade"), max_length=50, required=False)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for i in range(KEY_RESULT_ROWS):
            # The public id of the key result the row shows, so a reworded row edits it.
            self.fields[f"kr_{i}_id"] = forms.UUIDField(required=False, widget=forms.HiddenInput)
            self.fields[f"kr_{i}_outcome"] = forms.CharField(
                label=_("Outcome"), max_length=300, required=False
            )
            self.fields[f"kr_{i}_kpi_unit"] = forms.CharField(
                label=_("KPI unit"), max_length=50, required=False
            )
            self.fields[f"kr_{i}_kpi_target"] = forms.DecimalField(
                label=_("Target"), max_digits=14, decimal_places=2, required=False
            )
            self.fields[f"kr_{i}_kpi_direction"] = forms.ChoiceField(
                label=_("Direction"), choices=KeyResult.Direction.choices, required=False
            )

    @property
    def key_result_rows(self) -> list[list]:
        return [
            [
                self[f"kr_{i}_{name}"]
                for name in ("id", "outcome", "kpi_unit", "kpi_target", "kpi_direction")
            ]
            for i in range(KEY_RESULT_ROWS)
        ]

    @classmethod
    def initial_for(cls, role) -> dict:
        initial = {name: getattr(role, name) for name in ("name", "family", "grade", "description")}
        for i, kr in enumerate(role.key_results.all()):
            initial.update(
                {
                    f"kr_{i}_id": kr.uuid,
                    f"kr_{i}_outcome": kr.outcome,
                    f"kr_{i}_kpi_unit": kr.kpi_unit,
                    f"kr_{i}_kpi_target": kr.kpi_target,
                    f"kr_{i}_kpi_direction": kr.kpi_direction,
                }
            )
        return initial

    def role_fields(self) -> dict:
        return {
            name: self.cleaned_data[name] for name in ("name", "family", "grade", "description")
        }

    def key_results(self) -> list[role_services.KeyResultInput]:
        data = self.cleaned_data
        items = []
        for i in range(KEY_RESULT_ROWS):
            outcome = data.get(f"kr_{i}_outcome", "")
            unit = data.get(f"kr_{i}_kpi_unit", "")
            target = data.get(f"kr_{i}_kpi_target")
            if not (outcome or unit or target is not None):
                continue
            items.append(
                role_services.KeyResultInput(
                    outcome,
                    unit,
                    target if target is not None else "",
                    data.get(f"kr_{i}_kpi_direction") or KeyResult.Direction.INCREASE,
                    id=data.get(f"kr_{i}_id"),
                )
            )
        return items


class RequirementForm(forms.Form):
    capability = forms.ModelChoiceField(label=_("Capability"), queryset=None, to_field_name="uuid")
    target_level = forms.TypedChoiceField(
        label=_("Target level"), coerce=int, widget=forms.RadioSelect, choices=()
    )
    weight = forms.IntegerField(label=_("Weight"), min_value=1, max_value=100, initial=1)
    is_core = forms.BooleanField(label=_("Core requirement"), required=False, initial=True)

    def __init__(self, *args, scale_levels: list[ScaleLevel], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["capability"].queryset = selectors.capability_choices()
        self.fields["target_level"].choices = [
            (level.number, f"{level.number} · {level.name}") for level in scale_levels
        ]


class BulkRequirementForm(RequirementForm):
    roles = forms.ModelMultipleChoiceField(
        label=_("Roles"),
        queryset=None,
        to_field_name="uuid",
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["roles"].queryset = selectors.job_role_choices()

    # The page writes these two lists itself: Django's widgets render a template for each of
    # hundreds of options, which was most of the page's time.

    def capability_groups(self) -> list[tuple[str, list[tuple[str, str, bool]]]]:
        """[(category name, [(public id, name, chosen)])] in the select's order."""
        chosen = str(self["capability"].value() or "")
        groups: dict[str, list[tuple[str, str, bool]]] = {}
        for capability in self.fields["capability"].queryset:
            uuid = str(capability.uuid)
            groups.setdefault(capability.category.name, []).append(
                (uuid, capability.name, uuid == chosen)
            )
        return list(groups.items())

    def role_rows(self) -> list[tuple[str, str, bool]]:
        """[(public id, name, ticked)] of every role, in the list's order."""
        ticked = {str(value) for value in self["roles"].value() or []}
        return [
            (str(role.uuid), role.name, str(role.uuid) in ticked)
            for role in self.fields["roles"].queryset
        ]


class AssignForm(forms.Form):
    employee = PersonField(label=_("Employee"))

    def __init__(self, *args, viewer: Employee | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        offer_people(self.fields["employee"], viewer=viewer, empty_label=_("Choose a person"))


class ScaleForm(forms.Form):
    name = forms.CharField(label=_("Scale name"), max_length=200)
    level_count = forms.TypedChoiceField(
        label=_("Number of levels"),
        coerce=int,
        choices=[(n, str(n)) for n in range(3, 8)],
    )
    proficient_level = forms.TypedChoiceField(
        label=_("Level that counts as proficient"),
        coerce=int,
        choices=[(n, str(n)) for n in range(1, 8)],
    )

    def __init__(self, *args, old_numbers: list[int], in_use: bool, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.old_numbers = old_numbers
        self.in_use = in_use
        for n in range(1, 8):
            self.fields[f"level_{n}_name"] = forms.CharField(
                label=_("Level %(n)s name") % {"n": n}, max_length=100, required=False
            )
            self.fields[f"level_{n}_description"] = forms.CharField(
                label=_("Level %(n)s description") % {"n": n},
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        for n in old_numbers:
            self.fields[f"map_{n}"] = forms.TypedChoiceField(
                label=_("Current level %(n)s becomes") % {"n": n},
                coerce=int,
                required=False,
                choices=[("", "—"), *[(m, str(m)) for m in range(1, 8)]],
            )

    @property
    def level_rows(self):
        return [(n, self[f"level_{n}_name"], self[f"level_{n}_description"]) for n in range(1, 8)]

    @property
    def mapping_fields(self):
        return [self[f"map_{n}"] for n in self.old_numbers]

    def levels(self) -> list[scale_services.ScaleLevelInput]:
        count = self.cleaned_data["level_count"]
        return [
            scale_services.ScaleLevelInput(
                n,
                self.cleaned_data.get(f"level_{n}_name", ""),
                self.cleaned_data.get(f"level_{n}_description", ""),
            )
            for n in range(1, count + 1)
        ]

    def mapping(self) -> dict[int, int] | None:
        values = {n: self.cleaned_data.get(f"map_{n}") for n in self.old_numbers}
        if all(v in (None, "") for v in values.values()):
            return None
        return {n: v for n, v in values.items() if v not in (None, "")}


class ImportForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What the file holds"),
        choices=[
            ("capabilities", _("Capabilities with levels")),
            ("job_roles", _("Job roles with requirements")),
        ],
    )
    file = UploadField(label=_("File"), help_text=_("CSV (UTF-8, header row), JSON or XLSX."))

    def file_format(self) -> str | None:
        name = self.cleaned_data["file"].name.lower()
        extension = name.rsplit(".", 1)[-1] if "." in name else ""
        return extension if extension in FORMATS else None
