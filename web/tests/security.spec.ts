// The browser's side of the session: an HttpOnly SameSite=Strict cookie, a CSRF token the page
// keeps in memory only and asks again after a reload, and a cross-site form post refused.
import { createServer, type Server } from "node:http";
import { test, expect, activeAccount, logIn } from "./guichet";

test.use({ simulatedTime: "2024-11-01T10:00:00+01:00" });

test("the cookie is HttpOnly and SameSite=Strict, not Secure on loopback HTTP; no token in storage", async ({
  page,
  guichet,
}) => {
  await activeAccount(guichet, "cookie@example.org");
  const login = await page.request.post("/api/v1/auth/login", {
    data: { email: "cookie@example.org", password: "une phrase de passe solide" },
  });
  const setCookie = login.headers()["set-cookie"];
  expect(setCookie).toContain("HttpOnly");
  expect(setCookie).toContain("SameSite=Strict");
  expect(setCookie).not.toContain("Secure"); // plain HTTP on 127.0.0.1: a browser would drop it
  await page.goto("/");
  await expect(page.getByRole("button", { name: "Se déconnecter" })).toBeVisible();
  const { token, csrf_token } = await login.json();
  const stored = await page.evaluate(() => ({ local: { ...localStorage }, session: { ...sessionStorage } }));
  // The DSFR keeps the colour scheme there; nothing else, no token.
  expect(Object.keys(stored.local).sort()).toEqual(["scheme", "scheme-website-config-default"]);
  expect(stored.session).toEqual({});
  expect(JSON.stringify(stored)).not.toContain(token);
  expect(JSON.stringify(stored)).not.toContain(csrf_token);
  expect(await page.evaluate(() => document.cookie)).not.toContain("guichet_session");
});

test("after a reload the page asks for the CSRF token again and can still log out", async ({ page, guichet }) => {
  await activeAccount(guichet, "reload@example.org");
  await logIn(page, "reload@example.org");
  await page.goto("/");
  await page.reload();
  const csrf = page.waitForResponse((r) => r.url().endsWith("/api/v1/auth/csrf"));
  await page.getByRole("button", { name: "Se déconnecter" }).click();
  expect((await csrf).status()).toBe(200);
  await expect(page.getByRole("link", { name: "Me connecter" }).first()).toBeVisible();
  expect((await page.request.get("/api/v1/me")).status()).toBe(401);
});

test("a form posted from another site does not act for the logged-in candidate", async ({ page, guichet }) => {
  await activeAccount(guichet, "cible@example.org");
  await logIn(page, "cible@example.org");
  await page.goto("/");
  // Another site (localhost is not the same site as 127.0.0.1) posts a form to guichet.
  const target = `${guichet.baseURL}/api/v1/auth/logout`;
  const attacker: Server = createServer((_, res) => {
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
    res.end(
      `<!doctype html><title>piège</title><form method="post" action="${target}" enctype="text/plain">` +
        `<input name='{"a":"' value='"}'><button>Gagner un cadeau</button></form>`,
    );
  });
  await new Promise<void>((r) => attacker.listen(0, "127.0.0.1", r));
  const port = (attacker.address() as { port: number }).port;
  try {
    await page.goto(`http://localhost:${port}/`);
    const answer = page.waitForResponse((r) => r.url() === target);
    await page.getByRole("button", { name: "Gagner un cadeau" }).click();
    const status = (await answer).status();
    expect([401, 403]).toContain(status); // no cookie crosses sites; without it, no CSRF token either
  } finally {
    attacker.close();
  }
  // Still logged in: the forged post did nothing.
  expect((await page.request.get(`${guichet.baseURL}/api/v1/me`)).status()).toBe(200);
});
