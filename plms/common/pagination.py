from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination


class PagePagination(PageNumberPagination):
    """Page pagination with a client-chosen size; every list orders by a stable key.

    The envelope is `{"count", "next", "previous", "results"}` on every collection. An invalid
    `page` or `page_size` (empty, not a whole number, out of bounds, repeated) is a 400, not
    silently the default; a page past the last one is a 404.
    """

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200

    def get_page_size(self, request):
        raw = request.query_params.getlist(self.page_size_query_param)
        if not raw:
            return self.page_size
        value = raw[-1]
        if len(raw) > 1 or not value.isdigit() or not 1 <= int(value) <= self.max_page_size:
            raise ValidationError(
                {self.page_size_query_param: [f"A whole number from 1 to {self.max_page_size}."]}
            )
        return int(value)

    def get_page_number(self, request, paginator):
        raw = request.query_params.getlist(self.page_query_param)
        if not raw:
            return 1
        value = raw[-1]
        if value in self.last_page_strings and len(raw) == 1:
            return value
        if len(raw) > 1 or not value.isdigit() or int(value) < 1:
            raise ValidationError({self.page_query_param: ["A whole number from 1."]})
        return int(value)


def paginated(view, items, serializer_class, **serializer_kwargs):
    """The paginated response of an action's collection: the same envelope as every list."""
    page = view.paginator.paginate_queryset(items, view.request, view=view)
    data = serializer_class(page, many=True, **serializer_kwargs).data
    return view.paginator.get_paginated_response(data)
