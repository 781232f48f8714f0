"""Upload limits: a too large file, a workbook that expands too much and one with too many
rows are refused with a clear message before anything parses them."""

from __future__ import annotations

import io
import time
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from capabilities.imports.library import library_import
from plms.common.imports import ImportFailed
from plms.people.models import Employee
from plms.tenancy.actors import system_actor
from tests.conftest import in_org


def _workbook(rows: int) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["key", "name", "category", "level", "descriptor"])
    for number in range(rows):
        sheet.append([f"k{number}", f"Name {number}", "Customer", 1, "Does it."])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _bomb(expanded_bytes: int) -> bytes:
    """A valid workbook plus one part of zeros: small on disk, large once decompressed."""
    buffer = io.BytesIO(_workbook(1))
    with zipfile.ZipFile(buffer, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/media/padding.bin", b"\0" * expanded_bytes)
    return buffer.getvalue()


@pytest.fixture
def small_limits(settings):
    settings.PLMS_UPLOAD_MAX_BYTES = 64 * 1024
    settings.PLMS_XLSX_MAX_UNCOMPRESSED_BYTES = 1024 * 1024
    settings.PLMS_IMPORT_MAX_ROWS = 50
    return settings


def test_a_csv_over_the_size_limit_is_refused_before_it_is_read(client, hr_admin, small_limits):
    client.force_login(hr_admin.user)
    rows = "".join(f"p{n}@a.example,Person{n}\n" for n in range(4000))
    upload = SimpleUploadedFile("people.csv", f"email,first_name\n{rows}".encode())
    assert upload.size > small_limits.PLMS_UPLOAD_MAX_BYTES
    response = client.post(reverse("people:employee_import"), {"file": upload})
    assert response.status_code == 200
    assert "files of up to 64.0" in response.content.decode()
    with in_org(hr_admin.membership.organization):
        assert not Employee.objects.filter(email="p1@a.example").exists()


def test_a_workbook_that_expands_too_much_is_refused_quickly(client, hr_admin, small_limits):
    client.force_login(hr_admin.user)
    data = _bomb(4 * 1024 * 1024)
    assert len(data) < small_limits.PLMS_UPLOAD_MAX_BYTES
    started = time.monotonic()
    response = client.post(
        reverse("capabilities:import"),
        {"kind": "capabilities", "file": SimpleUploadedFile("library.xlsx", data)},
    )
    assert time.monotonic() - started < 2
    assert response.status_code == 200
    assert "expands to 4.0" in response.content.decode()


def test_a_workbook_with_too_many_rows_is_refused(client, hr_admin, small_limits):
    client.force_login(hr_admin.user)
    response = client.post(
        reverse("capabilities:import"),
        {"kind": "capabilities", "file": SimpleUploadedFile("library.xlsx", _workbook(80))},
    )
    assert "has 80 rows; up to 50 can be imported" in response.content.decode()


def test_the_import_service_refuses_the_same_workbooks(org_a, small_limits):
    with in_org(org_a), pytest.raises(ImportFailed) as failure:
        library_import(
            actor=system_actor(org_a), kind="capabilities", fmt="xlsx", data=_bomb(4 * 1024 * 1024)
        )
    assert "expands to" in failure.value.errors[0].message


def test_files_within_the_limits_still_import(client, hr_admin, small_limits):
    client.force_login(hr_admin.user)
    upload = SimpleUploadedFile("people.csv", b"email,first_name\nnew@a.example,New\n")
    response = client.post(reverse("people:employee_import"), {"file": upload})
    assert response.status_code == 302
