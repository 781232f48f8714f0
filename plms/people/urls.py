from django.urls import path

from plms.people import views

app_name = "people"

urlpatterns = [
    path("", views.employee_list, name="employee_list"),
    path("import/", views.employee_import, name="employee_import"),
    path("choices/", views.person_choices, name="person_choices"),
    path("<uuid:id>/", views.employee_detail, name="employee_detail"),
    path("<uuid:id>/invite/", views.employee_invite, name="employee_invite"),
]
