// The home page (Ouverture des services) and what guichet does around the portal's files:
// headers, the CSP, client routes answered with the application, caching.
import path from "node:path";
import { test, expect, expectAccessible } from "./guichet";

const shots = path.resolve(import.meta.dirname, "../../docs/portal");

test.use({ simulatedTime: "2024-11-01T10:00:00+01:00" });

test("the open sessions are listed by académie with their window", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "Ouverture des services" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Académie de Poitiers" })).toBeVisible();
  const bacPro = page.getByRole("listitem").filter({ hasText: "Baccalauréat professionnel" });
  await expect(bacPro).toContainText("Session juin 2025");
  await expect(bacPro).toContainText("Inscriptions du 10 octobre 2024 à 10\u00a0h\u00a000 au 13 novembre 2024 à 19\u00a0h\u00a000.");
  await expect(page.getByRole("listitem").filter({ hasText: "Brevet professionnel" })).toBeVisible();
  await expectAccessible(page, "home");
  await page.screenshot({ path: path.join(shots, "accueil-desktop.png"), fullPage: true });
  await page.setViewportSize({ width: 360, height: 800 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await expectAccessible(page, "home at 360 px");
  await page.screenshot({ path: path.join(shots, "accueil-mobile.png"), fullPage: true });
});

test("the keyboard reaches the skip link first, and it leads to the content", async ({ page }) => {
  await page.goto("/");
  // Drawn by script: a Tab before the page is there focuses nothing.
  await expect(page.getByRole("heading", { level: 1, name: "Ouverture des services" })).toBeVisible();
  await page.keyboard.press("Tab");
  const focused = page.locator(":focus");
  await expect(focused).toHaveText("Contenu");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/#contenu$/);
});

test("the page is served with a strict CSP, never cached, and client routes get the application", async ({
  request,
}) => {
  const home = await request.get("/");
  expect(home.status()).toBe(200);
  const csp = home.headers()["content-security-policy"];
  expect(csp).toContain("script-src 'self';");
  expect(csp).not.toContain("unsafe-inline");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(home.headers()["cache-control"]).toBe("no-cache");
  const body = await home.text();
  const nonce = /'nonce-([^']+)'/.exec(csp)![1];
  expect(body).toContain(`content="${nonce}"`);
  expect(body).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/); // no inline script
  // A fresh nonce per answer.
  const again = await request.get("/");
  expect(again.headers()["content-security-policy"]).not.toBe(csp);

  // The mail's activation link opens the application, not a JSON 404.
  const activation = await request.get("/activation?token=abc");
  expect(activation.status()).toBe(200);
  expect(activation.headers()["content-type"]).toContain("text/html");
  expect(await activation.text()).toContain('<div id="root">');

  // Hashed assets are cached for a year; a missing one is a 404, not the page.
  const script = /src="(\/assets\/[^"]+\.js)"/.exec(body)![1];
  const asset = await request.get(script);
  expect(asset.status()).toBe(200);
  expect(asset.headers()["cache-control"]).toBe("public, max-age=31536000, immutable");
  expect(asset.headers()["content-type"]).toContain("text/javascript");
  expect((await request.get("/assets/absent-0000.js")).status()).toBe(404);

  // The API keeps answering JSON, a 404 included.
  const unknown = await request.get("/api/v1/nothing-here");
  expect(unknown.status()).toBe(404);
  expect((await unknown.json()).error.code).toBe("not_found");
});
