"""The API's search and ordering: advertised only where they work, and strict.

`?search=` is documented (and applied) only on views that name `search_fields`; `?ordering=`
with an unknown field is a 400 rather than silently ignored, and any ordering ends with the
primary key so that pages stay stable.
"""

from __future__ import annotations

from rest_framework import filters
from rest_framework.exceptions import ValidationError


class SearchFilter(filters.SearchFilter):
    def get_search_terms(self, request):
        if "\x00" in request.query_params.get(self.search_param, ""):
            raise ValidationError({self.search_param: ["Null characters are not allowed."]})
        return super().get_search_terms(request)

    def filter_queryset(self, request, queryset, view):
        """The view's `search_index(queryset, terms)`, when it has one, narrows the rows
        first (an index lookup); the match on `search_fields` then decides as everywhere."""
        narrow = getattr(view, "search_index", None)
        terms = self.get_search_terms(request) if narrow is not None else []
        if terms and getattr(view, "search_fields", None):
            queryset = narrow(queryset, terms)
        return super().filter_queryset(request, queryset, view)

    def get_schema_operation_parameters(self, view):
        if not getattr(view, "search_fields", None):
            return []
        return super().get_schema_operation_parameters(view)


class OrderingFilter(filters.OrderingFilter):
    """`?ordering=` is offered (and documented with its fields) only on views that declare
    `ordering_fields`; elsewhere the collection has a fixed order and the parameter is a 400."""

    def get_ordering(self, request, queryset, view):
        params = request.query_params.getlist(self.ordering_param)
        if not params:
            return self.get_default_ordering(view)
        if not getattr(view, "ordering_fields", None):
            raise ValidationError(
                {self.ordering_param: ["This collection has a fixed order: leave ordering out."]}
            )
        terms = [term.strip() for term in ",".join(params).split(",")]
        valid = self.remove_invalid_fields(queryset, terms, view, request)
        if len(params) > 1 or not terms or len(valid) != len(terms):
            allowed = sorted(name for name, _ in self.get_valid_fields(queryset, view, {}))
            raise ValidationError(
                {self.ordering_param: [f"Order by one or more of: {', '.join(allowed)}."]}
            )
        return valid

    def get_schema_operation_parameters(self, view):
        fields = getattr(view, "ordering_fields", None)
        if not fields:
            return []
        [parameter] = super().get_schema_operation_parameters(view)
        names = ", ".join(f"`{name}`" for name in fields)
        parameter["description"] = (
            f"Order by {names}; `-` in front for descending, several separated by commas."
        )
        return [parameter]

    def filter_queryset(self, request, queryset, view):
        ordering = self.get_ordering(request, queryset, view)
        if ordering and hasattr(queryset, "order_by"):
            ordering = [ordering] if isinstance(ordering, str) else list(ordering)
            if not {"pk", "-pk", "id", "-id"} & set(ordering):
                ordering = [*ordering, "pk"]
            return queryset.order_by(*ordering)
        return queryset
