// The back office's frame: the login with password and TOTP code, the person's académie and
// roles always in sight, the navigation their roles open, the cookie session kept across a
// reload, the logout.
import path from "node:path";
import { test, expect, createStaff, expectAccessible, freshCode, password, staffLogIn } from "./guichet";

const shots = path.resolve(import.meta.dirname, "../../docs/gestion");

test.use({ simulatedTime: "2024-11-01T10:00:00+01:00" });

test("a manager logs in with password and code, sees académie and roles, reloads, logs out", async ({ page, guichet }) => {
  const chef = createStaff(guichet, { email: "chef@ac-poitiers.fr", roles: "manager,auditor", name: "Claire Martin" });
  await page.goto("/gestion/inscriptions");
  await expect(page).toHaveURL(/\/gestion\/connexion\?retour=/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Connexion à la gestion des inscriptions");
  await expectAccessible(page, "connexion");

  // Nothing filled: every fault at once, summarised.
  await page.getByRole("button", { name: "Se connecter" }).click();
  const summary = page.locator(".fr-alert--error", { hasText: "Connexion impossible" });
  await expect(summary).toBeFocused();
  for (const field of ["Adresse mail professionnelle", "Mot de passe", "Code à 6 chiffres"])
    await expect(summary.getByRole("link", { name: new RegExp(field) })).toBeVisible();
  await expectAccessible(page, "connexion vide");

  // A wrong code is refused without saying which part was wrong.
  await page.getByLabel("Adresse mail professionnelle").fill(chef.email);
  await page.getByLabel("Mot de passe", { exact: true }).fill(password);
  await page.getByLabel("Code à 6 chiffres").fill("000000");
  await page.getByRole("button", { name: "Se connecter" }).click();
  await expect(page.getByText(/identifiants|incorrect/i).first()).toBeVisible();

  await page.getByLabel("Mot de passe", { exact: true }).fill(password);
  await page.getByLabel("Code à 6 chiffres").fill(freshCode(chef));
  await page.getByRole("button", { name: "Se connecter" }).click();
  await expect(page).toHaveURL(/\/gestion\/inscriptions$/);
  await expect(page.getByText("Académie de Poitiers").first()).toBeVisible();
  const roles = page.getByRole("list", { name: "Vos rôles" });
  await expect(roles).toContainText("Gestionnaire");
  await expect(roles).toContainText("Auditeur");
  // The navigation opens what the roles allow, and no more.
  const nav = page.getByRole("navigation", { name: "Menu principal" });
  await expect(nav.getByRole("link", { name: "Inscriptions" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Journal" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Équipe" })).toHaveCount(0);
  await expectAccessible(page, "connecté");

  // The session is the HttpOnly cookie: it survives a reload, and nothing is in storage.
  await page.reload();
  await expect(page).toHaveURL(/\/gestion\/inscriptions$/);
  await expect(page.getByText("Académie de Poitiers").first()).toBeVisible();
  await page.waitForLoadState("networkidle");
  const stored = await page.evaluate(() => JSON.stringify({ ...localStorage, ...sessionStorage }));
  expect(stored).not.toMatch(/token|csrf/i);
  expect(await page.evaluate(() => document.cookie)).not.toContain("guichet_staff");

  // A page the roles do not open says so.
  await page.goto("/gestion/equipe");
  await expect(page.getByText("Cette page ne vous est pas ouverte")).toBeVisible();

  // After a reload the CSRF token is asked again, and the logout works.
  const csrf = page.waitForResponse((r) => r.url().endsWith("/api/v1/admin/auth/csrf"));
  await page.getByRole("button", { name: "Se déconnecter" }).click();
  expect((await csrf).status()).toBe(200);
  await expect(page).toHaveURL(/\/gestion\/connexion\?deconnecte=1/);
  await expect(page.getByText("Vous êtes déconnecté.")).toBeVisible();
  expect((await page.request.get("/api/v1/admin/me")).status()).toBe(401);
});

test("the home page lists what the roles open, at 1280 and 360 px", async ({ page, guichet }) => {
  const all = createStaff(guichet, { email: "tout@ac-poitiers.fr", roles: "admin,manager,rules_editor,auditor", name: "Camille Bernard" });
  await staffLogIn(page, all);
  await page.goto("/gestion");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Bonjour Camille Bernard");
  for (const area of ["Inscriptions", "Pièces à examiner", "Documents", "Pilotage", "Règles", "Journal", "Équipe", "État du service"])
    await expect(page.getByRole("main").getByRole("link", { name: area, exact: true })).toBeVisible();
  await expectAccessible(page, "accueil de la gestion");
  await page.screenshot({ path: path.join(shots, "accueil-desktop.png"), fullPage: true });
  await page.setViewportSize({ width: 360, height: 800 });
  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await expectAccessible(page, "accueil de la gestion, 360 px");
  await page.screenshot({ path: path.join(shots, "accueil-mobile.png"), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto("/gestion/connexion");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Connexion à la gestion des inscriptions");
  await page.screenshot({ path: path.join(shots, "connexion-desktop.png"), fullPage: true });
});
