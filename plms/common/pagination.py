from rest_framework.pagination import PageNumberPagination


class PagePagination(PageNumberPagination):
    """Page pagination with a client-chosen size; every list orders by a stable key."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
