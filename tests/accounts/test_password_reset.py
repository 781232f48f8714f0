import re

from django.core import mail


def test_password_reset_by_e_mail(client, employee):
    response = client.post("/accounts/password-reset/", {"email": "employee@a.example"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    path = re.search(
        r"https?://[^/]+(/accounts/password-reset/\S+/\S+/)", mail.outbox[0].body
    ).group(1)
    form_url = client.get(path, follow=True).redirect_chain[-1][0]
    done = client.post(
        form_url, {"new_password1": "A-new-pass-2026", "new_password2": "A-new-pass-2026"}
    )
    assert done.status_code == 302
    signed_in = client.post(
        "/accounts/login/", {"username": "employee@a.example", "password": "A-new-pass-2026"}
    )
    assert signed_in.status_code == 302


def test_password_reset_does_not_reveal_unknown_addresses(client, db):
    response = client.post("/accounts/password-reset/", {"email": "nobody@nowhere.example"})
    assert response.status_code == 302 and mail.outbox == []
