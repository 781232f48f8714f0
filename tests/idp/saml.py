"""A SAML 2.0 identity provider for the sign-in tests, built on pysaml2's IdP (`saml2.server`),
serving on a free loopback port from a thread of the test process.

Anyone signs in on its form with any e-mail address; the response names them by NameID
(e-mail format) and the attributes `mail` and `displayName`, and is signed (response and
assertion) with a key made for the run. `set_mode` makes it misbehave on purpose:
`bad-signature` alters the signed response, `unsigned` signs nothing.
"""

from __future__ import annotations

import base64
import datetime
import html
import shutil
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs
from wsgiref.simple_server import WSGIRequestHandler, make_server

import httpx
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from saml2 import BINDING_HTTP_POST, BINDING_HTTP_REDIRECT
from saml2.authn_context import PASSWORD
from saml2.config import IdPConfig
from saml2.metadata import create_metadata_string
from saml2.saml import NAMEID_FORMAT_EMAILADDRESS, NameID
from saml2.server import Server


def _key_and_cert(directory: Path) -> tuple[str, str]:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "PLMS test IdP")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=2))
        .sign(key, hashes.SHA256())
    )
    key_file, cert_file = directory / "idp.key", directory / "idp.crt"
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.TraditionalOpenSSL,
            serialization.NoEncryption(),
        )
    )
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return str(key_file), str(cert_file)


class _Quiet(WSGIRequestHandler):
    def log_message(self, *args) -> None:
        pass


@dataclass
class SamlIdp:
    base: str
    key_file: str
    cert_file: str
    mode: str = "normal"
    sp_metadata: dict[str, str] = field(default_factory=dict)

    @property
    def metadata_url(self) -> str:
        return f"{self.base}/metadata"

    @property
    def entity_id(self) -> str:
        return self.metadata_url

    def set_mode(self, mode: str) -> None:
        self.mode = mode

    def config(self, sp_metadata_url: str | None = None) -> IdPConfig:
        metadata = {}
        if sp_metadata_url:
            xml = self.sp_metadata.get(sp_metadata_url) or httpx.get(sp_metadata_url).text
            metadata = {"inline": [xml]}
        config = IdPConfig()
        config.load(
            {
                "entityid": self.entity_id,
                "xmlsec_binary": shutil.which("xmlsec1"),
                "key_file": self.key_file,
                "cert_file": self.cert_file,
                "service": {
                    "idp": {
                        "endpoints": {
                            "single_sign_on_service": [
                                (f"{self.base}/sso/redirect", BINDING_HTTP_REDIRECT)
                            ]
                        },
                        "name_id_format": [NAMEID_FORMAT_EMAILADDRESS],
                        "policy": {"default": {"lifetime": {"minutes": 15}}},
                    }
                },
                "metadata": metadata,
            }
        )
        return config

    # --- WSGI -----------------------------------------------------------------------------

    def __call__(self, environ, start_response):
        path = environ["PATH_INFO"]
        if path == "/metadata":
            body = create_metadata_string(None, config=self.config()).decode()
            return self._reply(start_response, body, "application/samlmetadata+xml")
        if path == "/sso/redirect":
            query = parse_qs(environ["QUERY_STRING"])
            form = "".join(
                f'<input type="hidden" name="{name}" value="{html.escape(values[0])}">'
                for name, values in query.items()
            )
            return self._reply(
                start_response,
                "<!doctype html><title>Test IdP</title><h1>Test IdP</h1>"
                f'<form method="post" action="/sso/login">{form}'
                '<label for="email">E-mail</label><input id="email" name="email">'
                "<button type=submit>Sign in</button></form>",
            )
        if path == "/sso/login":
            size = int(environ.get("CONTENT_LENGTH") or 0)
            posted = {
                k: v[0] for k, v in parse_qs(environ["wsgi.input"].read(size).decode()).items()
            }
            return self._reply(start_response, self._respond(posted))
        if path == "/idp-initiated":
            query = {k: v[0] for k, v in parse_qs(environ["QUERY_STRING"]).items()}
            return self._reply(start_response, self._unsolicited(query["sp"], query["email"]))
        start_response("404 Not Found", [("Content-Type", "text/plain")])
        return [b"not found"]

    def _respond(self, posted: dict[str, str]) -> str:
        probe = Server(config=self.config())
        request = probe.parse_authn_request(posted["SAMLRequest"], BINDING_HTTP_REDIRECT)
        sp_entity_id = request.message.issuer.text
        server = Server(config=self.config(sp_entity_id))
        request = server.parse_authn_request(posted["SAMLRequest"], BINDING_HTTP_REDIRECT)
        args = server.response_args(request.message, [BINDING_HTTP_POST])
        return self._post_form(server, args, posted["email"], posted.get("RelayState", ""))

    def _unsolicited(self, sp_entity_id: str, email: str) -> str:
        """A response nobody asked for, as a tile in the provider's portal sends."""
        server = Server(config=self.config(sp_entity_id))
        [acs] = server.metadata.assertion_consumer_service(sp_entity_id, BINDING_HTTP_POST)
        args = {
            "in_response_to": None,
            "destination": acs["location"],
            "sp_entity_id": sp_entity_id,
            "name_id_policy": None,
        }
        return self._post_form(server, args, email, "")

    def _post_form(self, server: Server, args: dict, email: str, relay_state: str) -> str:
        signed = self.mode != "unsigned"
        response = str(
            server.create_authn_response(
                {"mail": [email], "displayName": ["Sam " + email.split("@")[0].title()]},
                userid=email,
                name_id=NameID(format=NAMEID_FORMAT_EMAILADDRESS, text=email),
                authn={"class_ref": PASSWORD, "authn_auth": self.entity_id},
                sign_response=signed,
                sign_assertion=signed,
                in_response_to=args["in_response_to"],
                destination=args["destination"],
                sp_entity_id=args["sp_entity_id"],
                name_id_policy=args["name_id_policy"],
            )
        )
        if self.mode == "bad-signature":
            local, _, domain = email.partition("@")
            response = response.replace(email, f"{local[:-1]}x@{domain}")
        encoded = base64.b64encode(response.encode()).decode()
        return (
            "<!doctype html><title>Test IdP</title>"
            f'<form method="post" action="{html.escape(args["destination"])}">'
            f'<input type="hidden" name="SAMLResponse" value="{encoded}">'
            f'<input type="hidden" name="RelayState" value="{html.escape(relay_state)}">'
            "<button type=submit>Continue</button></form>"
        )

    @staticmethod
    def _reply(start_response, body: str, content_type: str = "text/html; charset=utf-8"):
        start_response("200 OK", [("Content-Type", content_type)])
        return [body.encode()]


@contextmanager
def saml_idp() -> Iterator[SamlIdp]:
    with tempfile.TemporaryDirectory() as directory:
        key_file, cert_file = _key_and_cert(Path(directory))
        idp = SamlIdp(base="", key_file=key_file, cert_file=cert_file)
        server = make_server("127.0.0.1", 0, idp, handler_class=_Quiet)
        idp.base = f"http://127.0.0.1:{server.server_port}"
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield idp
        finally:
            server.shutdown()
            server.server_close()
