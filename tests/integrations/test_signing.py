import time
from pathlib import Path

from django.conf import settings

from plms.integrations.signing import secret_generate, sign, verify_signature

BODY = b'{"id":"e1","type":"employee.created"}'


def test_a_good_signature_verifies():
    secret = secret_generate()
    assert secret.startswith("whsec_")
    assert verify_signature(secret, sign(secret, BODY), BODY)
    assert verify_signature(secret, sign(secret, BODY), BODY.decode())


def test_a_tampered_body_or_another_secret_fails():
    secret = secret_generate()
    header = sign(secret, BODY)
    assert not verify_signature(secret, header, BODY.replace(b"created", b"updated"))
    assert not verify_signature(secret_generate(), header, BODY)


def test_a_stale_or_future_timestamp_fails():
    secret = secret_generate()
    old = sign(secret, BODY, timestamp=int(time.time()) - 301)
    assert not verify_signature(secret, old, BODY)
    assert verify_signature(secret, old, BODY, tolerance=600)
    future = sign(secret, BODY, timestamp=int(time.time()) + 301)
    assert not verify_signature(secret, future, BODY)


def test_the_header_format_and_rotation():
    secret, previous = secret_generate(), secret_generate()
    header = sign(secret, BODY, timestamp=1_700_000_000)
    assert header.startswith("t=1700000000,v1=") and len(header.split("v1=")[1]) == 64
    both = sign(previous, BODY, timestamp=1_700_000_000) + "," + header.split(",")[1]
    assert verify_signature(secret, both, BODY, now=1_700_000_010)
    for broken in ("", "t=abc,v1=00", "v1=" + "0" * 64, "t=1700000000"):
        assert not verify_signature(secret, broken, BODY, now=1_700_000_010)


def test_the_documented_recipe_verifies_what_plms_signs():
    text = (Path(settings.BASE_DIR) / "docs" / "webhooks.md").read_text()
    recipe = text.split("## Verifying the signature")[1].split("```python")[1].split("```")[0]
    namespace: dict = {}
    exec(recipe, namespace)
    secret = secret_generate()
    assert namespace["verify_signature"](secret, sign(secret, BODY), BODY)
    assert not namespace["verify_signature"](secret, sign(secret, BODY), BODY + b" ")
    stale = sign(secret, BODY, timestamp=int(time.time()) - 301)
    assert not namespace["verify_signature"](secret, stale, BODY)
