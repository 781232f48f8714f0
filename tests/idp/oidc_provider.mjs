// An OpenID Connect provider for the sign-in tests: node `oidc-provider` (pinned in
// package.json), listening on loopback only.
//
//   node tests/idp/oidc_provider.mjs <port> <client_id> <client_secret> <redirect_uri>...
//
// Anyone signs in on its development login form: the login typed is the e-mail address (the
// `sub`, `email` and `name` claims derive from it). GET /__test__/mode?value=... makes the token
// endpoint misbehave on purpose, as a compromised or misconfigured provider would:
//   normal          - as issued;
//   wrong-audience  - the ID token re-signed with the provider's own key for another client;
//   bad-signature   - the ID token's signature altered;
//   foreign-key     - the ID token signed by a key the provider does not publish.
import Provider from "oidc-provider";
import * as jose from "jose";

const [port, clientId, clientSecret, ...redirectUris] = process.argv.slice(2);
const issuer = `http://127.0.0.1:${port}`;

const { privateKey } = await jose.generateKeyPair("RS256", { extractable: true });
const signingJwk = { ...(await jose.exportJWK(privateKey)), kid: "test-key", alg: "RS256", use: "sig" };
const foreign = await jose.generateKeyPair("RS256", { extractable: true });

let mode = "normal";

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: clientId,
      client_secret: clientSecret,
      redirect_uris: redirectUris,
      response_types: ["code"],
      grant_types: ["authorization_code"],
      token_endpoint_auth_method: "client_secret_basic",
    },
  ],
  jwks: { keys: [signingJwk] },
  cookies: { keys: ["plms-test-provider"] },
  claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
  conformIdTokenClaims: false,
  features: { devInteractions: { enabled: true } },
  pkce: { required: () => false },
  async findAccount(ctx, id) {
    const email = id.includes("@") ? id.toLowerCase() : `${id.toLowerCase()}@unknown.example`;
    const local = email.split("@")[0];
    const name = local
      .split(/[._-]/)
      .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
      .join(" ");
    return {
      accountId: id,
      async claims() {
        return { sub: id, email, email_verified: true, name };
      },
    };
  },
});
provider.proxy = false;

async function tamper(idToken) {
  const [header, payload] = idToken.split(".");
  const claims = JSON.parse(Buffer.from(payload, "base64url").toString());
  const protectedHeader = JSON.parse(Buffer.from(header, "base64url").toString());
  if (mode === "wrong-audience") {
    return new jose.SignJWT({ ...claims, aud: "another-client" })
      .setProtectedHeader(protectedHeader)
      .sign(privateKey);
  }
  if (mode === "foreign-key") {
    return new jose.SignJWT(claims).setProtectedHeader(protectedHeader).sign(foreign.privateKey);
  }
  if (mode === "bad-signature") {
    const parts = idToken.split(".");
    const signature = Buffer.from(parts[2], "base64url");
    signature[10] ^= 0xff;
    return `${parts[0]}.${parts[1]}.${signature.toString("base64url")}`;
  }
  return idToken;
}

provider.use(async (ctx, next) => {
  if (ctx.path === "/__test__/mode") {
    mode = ctx.query.value || "normal";
    ctx.body = { mode };
    return;
  }
  await next();
  if (ctx.path === "/token" && mode !== "normal" && ctx.body && ctx.body.id_token) {
    ctx.body = { ...ctx.body, id_token: await tamper(ctx.body.id_token) };
  }
});

provider.listen(Number(port), "127.0.0.1", () => {
  console.log(`oidc-provider listening on ${issuer}`);
});
