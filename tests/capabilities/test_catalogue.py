from capabilities.catalogue.loader import catalogue_load, read_catalogue
from capabilities.models import CatalogueCapability, CatalogueCategory, CatalogueLevel


def test_the_shipped_catalogue_is_large_and_complete(catalogue):
    assert CatalogueCategory.objects.count() >= 10
    assert CatalogueCapability.objects.count() >= 120
    assert CatalogueLevel.objects.count() >= 600
    for capability in CatalogueCapability.objects.prefetch_related("levels"):
        levels = sorted(capability.levels.all(), key=lambda level: level.level)
        assert [level.level for level in levels] == [1, 2, 3, 4, 5], capability.key
        for level in levels:
            assert level.descriptor.strip()
            assert 2 <= len(level.indicators) <= 4, (capability.key, level.level)
        for field in ("skills", "knowledge", "behaviours", "tools", "processes"):
            assert getattr(capability, field), (capability.key, field)


def test_the_data_files_follow_the_format():
    documents = read_catalogue()
    keys = [c["key"] for d in documents for c in d["capabilities"]]
    assert len(keys) == len(set(keys)) >= 120


def test_loading_again_changes_nothing(catalogue):
    before = list(CatalogueCapability.objects.values_list("key", "revision", "content_hash"))
    result = catalogue_load()
    assert (result.created, result.updated) == (0, 0)
    assert (
        list(CatalogueCapability.objects.values_list("key", "revision", "content_hash")) == before
    )


def test_a_changed_capability_gets_a_new_revision(catalogue, tmp_path):
    import json
    import shutil

    from capabilities.catalogue.loader import DATA_DIR

    for path in DATA_DIR.glob("*.json"):
        shutil.copy(path, tmp_path / path.name)
    path = tmp_path / "customer.json"
    document = json.loads(path.read_text())
    document["capabilities"][0]["description"] += " Now with video calls."
    path.write_text(json.dumps(document))
    result = catalogue_load(data_dir=tmp_path)
    assert (result.created, result.updated) == (0, 1)
    changed = CatalogueCapability.objects.get(key=document["capabilities"][0]["key"])
    assert changed.revision == 2 and changed.description.endswith("video calls.")
    assert changed.levels.count() == 5
