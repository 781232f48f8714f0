"""The "adding an app" checklist of docs/architecture.md, one test per step.

A new app (say `succession/`) that misses a registration point fails here, naming what is
missing: its place in the layers, its package, its API scope area, its navigation entry, a
factory for each of its tenant models. (Its API resources' write policies are checked by
tests/contract/test_authorization_matrix.py::test_every_route_has_a_declared_policy.)
"""

from __future__ import annotations

import configparser
import tomllib
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.urls import URLResolver, get_resolver
from importlinter.cli import lint_imports

from plms import api_urls
from plms.settings import base as base_settings
from plms.tenancy.models import TenantModel
from plms.tenancy.scopes import AREAS
from plms.web.templatetags.web_nav import GROUPS
from tests.factories import TENANT_FACTORIES

ROOT = Path(settings.BASE_DIR)
# URL namespaces that are not pages of the main navigation, and why.
NOT_IN_NAVIGATION = {
    "accounts": "signing in and switching organisation: the header's account menu",
    "notifications": "the header's notification bell",
    "scim": "SCIM provisioning for identity providers, not pages",
    "api": "the integrator API (its docs are the API link)",
}


def _is_ours(path: str) -> bool:
    path_ = Path(path).resolve()
    return path_.is_relative_to(ROOT) and "site-packages" not in path_.parts


def _local_apps():
    return [config for config in apps.get_app_configs() if _is_ours(config.path)]


def _layers() -> list[str]:
    config = configparser.ConfigParser()
    config.read(ROOT / ".importlinter")
    layers = config["importlinter:contract:layers"]["layers"]
    return [
        module.strip()
        for line in layers.splitlines()
        for module in line.replace("|", ":").split(":")
        if module.strip()
    ]


def test_the_import_contracts_hold():
    """Layers point down only, and pages and APIs read other apps through their selectors
    (`lint-imports`, also run by .ci/run, names the import that breaks a contract)."""
    assert lint_imports(config_filename=str(ROOT / ".importlinter"), no_cache=True) == 0


def test_every_app_has_its_place_in_the_layers():
    placed = set(_layers())
    missing = [config.name for config in _local_apps() if config.name not in placed]
    assert missing == [], f"add {missing} to a layer of the layers contract in .importlinter"


def _pages_and_apis(config) -> list[str]:
    path = Path(config.path)
    return [f"{config.name}.{name}" for name in ("views", "api") if _exists(path, name)]


def _exists(path: Path, name: str) -> bool:
    return (path / f"{name}.py").exists() or (path / name / "__init__.py").exists()


def test_pages_and_apis_read_every_other_app_through_its_selectors():
    """Each app with selectors has a `forbidden` contract listing every other app's views and
    APIs: a new app's pages join them, a new app with selectors gets its contract."""
    config = configparser.ConfigParser()
    config.read(ROOT / ".importlinter")
    contracts = {
        config[section]["forbidden_modules"].strip(): set(config[section]["source_modules"].split())
        for section in config.sections()
        if config[section].get("type") == "forbidden"
    }
    problems = []
    for target in _local_apps():
        if not _exists(Path(target.path), "selectors") or target.name == "dashboards":
            continue  # dashboards reads others and has no models of its own
        sources = contracts.get(f"{target.name}.models")
        if sources is None:
            problems.append(f"no contract forbids {target.name}.models")
            continue
        wanted = {
            module
            for other in _local_apps()
            if other is not target and other.name != "plms.common"  # its api: the base classes
            for module in _pages_and_apis(other)
        }
        if wanted - sources:
            problems.append(f"{target.name}.models: add {sorted(wanted - sources)}")
    assert problems == [], problems


def test_every_app_is_a_package_of_the_project():
    """The product's apps (the benchmark's `bench`, installed by the development and test
    settings only, is not shipped)."""
    with open(ROOT / "pyproject.toml", "rb") as file:
        include = tomllib.load(file)["tool"]["setuptools"]["packages"]["find"]["include"]
    missing = [
        config.name
        for config in _local_apps()
        if config.name in base_settings.INSTALLED_APPS
        and f"{config.name.split('.')[0]}*" not in include
    ]
    assert missing == [], f"add {missing} to [tool.setuptools.packages.find] in pyproject.toml"


def test_every_app_on_disk_is_installed():
    installed = {config.name for config in _local_apps()}
    on_disk = {
        ".".join(path.parent.relative_to(ROOT).parts)
        for path in [*ROOT.glob("*/apps.py"), *ROOT.glob("plms/*/apps.py")]
    }
    assert sorted(on_disk - installed) == [], "add the app to INSTALLED_APPS"


def test_every_api_route_names_a_scope_area_that_keys_can_hold():
    def views(patterns):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from views(pattern.url_patterns)
            else:
                callback = pattern.callback
                yield getattr(callback, "cls", None) or callback.view_class

    unknown = sorted(
        {
            f"{view.__module__}.{view.__name__}: {view.scope_area!r}"
            for view in views(api_urls.urlpatterns)
            if getattr(view, "scope_area", "") and view.scope_area not in AREAS
        }
    )
    assert unknown == [], f"add the scope area to plms.tenancy.scopes.AREAS: {unknown}"


def test_every_app_with_pages_has_a_navigation_entry():
    namespaces = {
        pattern.namespace
        for pattern in get_resolver().url_patterns
        if isinstance(pattern, URLResolver) and pattern.namespace
    }
    linked = {link.app for _key, _label, links in GROUPS for link in links}
    missing = sorted(namespaces - linked - set(NOT_IN_NAVIGATION))
    assert missing == [], f"add a Link to plms/web/templatetags/web_nav.py GROUPS for {missing}"


def test_every_tenant_model_has_a_factory():
    missing = sorted(
        model._meta.label
        for model in apps.get_models()
        if issubclass(model, TenantModel) and model not in TENANT_FACTORIES
    )
    assert missing == [], f"register a @tenant_factory in tests/<app>/factories.py for {missing}"
