// The rules versions in the back office: the list with its states, a version's impact on real
// registrations, the window guard's reason, approval by a second person, a scheduled
// activation going live, a rollback. The tests share one server and run in order: each
// builds on the versions the previous ones left.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import {
  test,
  expect,
  activeAccount,
  createStaff,
  expectAccessible,
  loginAndRegister,
  staffLogIn,
} from "./guichet";

test.use({ simulatedTime: "2024-11-01T10:00:00+01:00" });
test.describe.configure({ mode: "serial", timeout: 150_000 });

const repo = path.resolve(import.meta.dirname, "../..");
const shots = path.join(repo, "docs/gestion");
const liveScript = readFileSync(path.join(repo, "scripts/academies/poitiers.lua"), "utf8");
const windowTests = readFileSync(path.join(repo, "scripts/tests/fenetres.lua"), "utf8");

/** The shipped Poitiers script with bac pro 2025 closing on `day` of November 2024 at 19:00 (the
 * scripts' own window tests follow: open one second before, closed at 19:00). */
function closingOn(day: string) {
  const script = liveScript.replace(
    'closes = "2024-11-13 19:00",\n  final_registration = {\n    mode = "upload",\n    deadline = "2024-11-13 19:00"',
    `closes = "2024-11-${day} 19:00",\n  final_registration = {\n    mode = "upload",\n    deadline = "2024-11-${day} 19:00"`,
  );
  expect(script).not.toBe(liveScript);
  const tests = windowTests
    .replace('at = "2024-11-13 18:59:59"', `at = "2024-11-${day} 18:59:59"`)
    .replace("2024-11-13T22:59:59+05:00", `2024-11-${day}T22:59:59+05:00`);
  return { script, tests: [{ path: "tests/fenetres.lua", text: tests }] };
}

/** A version submitted through the API by the logged-in staff member. */
async function submit(page: Page, csrf: string, day: string, note: string) {
  const r = await page.request.post("/api/v1/admin/rules/versions", {
    data: { ...closingOn(day), note },
    headers: { "X-CSRF-Token": csrf },
  });
  expect(r.status(), await r.text()).toBe(201);
  return (await r.json()) as { number: number; submitted_at: string };
}

async function publicCloses(page: Page) {
  const r = await page.request.get("/api/v1/academies/poitiers/exams/bac_pro/sessions/2025");
  expect(r.status()).toBe(200);
  return (await r.json()).closes_at as string;
}

/** Full-page screenshots at 1280 and 360 px into docs/gestion/, no sideways scroll at 360. */
async function screenshots(page: Page, name: string) {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.screenshot({ path: path.join(shots, `${name}-desktop.png`), fullPage: true });
  await page.setViewportSize({ width: 360, height: 800 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth), `${name} at 360 px`).toBeLessThanOrEqual(360);
  await page.screenshot({ path: path.join(shots, `${name}-mobile.png`), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 800 });
}

test("the list, a version closing an open window earlier: its impact, the guard's reason, then live", async ({
  page,
  browser,
  guichet,
}) => {
  // A candidate registered to the session the change touches.
  await activeAccount(guichet, "camille@example.org", { last_name: "Durand", first_name: "Camille" });
  const candidate = await browser.newContext({ baseURL: guichet.baseURL });
  const registration = await loginAndRegister(await candidate.newPage(), "camille@example.org");
  await candidate.close();

  const editor = createStaff(guichet, { email: "redaction@ac-poitiers.fr", roles: "rules_editor,manager", name: "Rémi Rédacteur" });
  const { csrf_token } = await staffLogIn(page, editor);
  const v2 = await submit(page, csrf_token, "08", "Clôture du bac pro avancée au 8 novembre");
  expect(v2.number).toBe(2);

  await page.goto("/gestion/regles");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Les règles de l'académie");
  await expect(page.getByRole("heading", { name: "Version n° 1 : en service" })).toBeVisible();
  const table = page.getByRole("table", { name: /Toutes les versions/ });
  const row2 = table.getByRole("row", { name: /Version n° 2/ });
  await expect(row2).toContainText("En attente");
  await expect(row2).toContainText("Rémi Rédacteur");
  await expect(row2).toContainText("Clôture du bac pro avancée au 8 novembre");
  await expect(row2).toContainText("Non approuvée");
  await expect(table.getByRole("row", { name: /Version n° 1/ })).toContainText("En service");
  await expect(page.getByRole("link", { name: "Écrire une nouvelle version" })).toHaveAttribute("href", "/gestion/regles/nouvelle");
  await expect(page.getByText("n'exige pas l'approbation d'une seconde personne")).toBeVisible();
  await expectAccessible(page, "liste des versions");
  await screenshots(page, "versions");

  await row2.getByRole("link", { name: "Version n° 2" }).click();
  await expect(page).toHaveURL(/\/gestion\/regles\/versions\/2$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Version n° 2");
  await expect(page.getByRole("textbox", { name: "Source de la version n° 2" })).toContainText("Académie de Poitiers");
  await expect(page.getByRole("heading", { name: "Différences avec la version en service (n° 1)" })).toBeVisible();
  // The impact: the moved window, by how much, and the candidate to notify, to the registration.
  const impact = page.locator("section", { has: page.getByRole("heading", { name: "Analyse d'impact" }) });
  await expect(impact).toContainText("1 inscription examinée");
  const windows = impact.getByRole("table", { name: "Fenêtres d'inscription qui changent" });
  const closes = windows.getByRole("row", { name: /Clôture des inscriptions/ });
  await expect(closes).toContainText("Baccalauréat professionnel, session 2025");
  await expect(closes).toContainText("13 novembre 2024 à 19\u00a0h\u00a000");
  await expect(closes).toContainText("8 novembre 2024 à 19\u00a0h\u00a000");
  await expect(closes).toContainText("5 jours plus tôt");
  await expect(impact.getByText("Le garde-fou des fenêtres demande un motif")).toBeVisible();
  const notify = impact.getByRole("table", { name: /Candidats à prévenir/ });
  await expect(notify).toContainText("Durand");
  await expect(notify.getByRole("link", { name: registration.registration_number })).toHaveAttribute(
    "href",
    `/gestion/inscriptions/${registration.id}`,
  );
  await expectAccessible(page, "version avec son impact");
  await screenshots(page, "versions-impact");

  // The guard asks for a reason: without it, the fault is beside the field and summarised.
  const form = page.locator("#activation");
  await form.getByRole("button", { name: "Activer maintenant" }).click();
  const summary = page.locator(".fr-alert--error", { hasText: "L'activation n'est pas faite" });
  await expect(summary).toBeFocused();
  await expect(summary.getByRole("link", { name: /Motif/ })).toBeVisible();
  await expect(form.locator(".fr-message--error")).toContainText("Indiquez le motif");
  await expectAccessible(page, "motif manquant");

  await form.getByLabel("Motif").fill("Calendrier national avancé ; les candidats inscrits sont prévenus par le pôle.");
  await form.getByRole("button", { name: "Activer maintenant" }).click();
  await expect(page.locator("#version-done")).toContainText("La version n° 2 est en service.");
  await expect(page.locator("#version-done")).toBeFocused();
  await expect(page.locator("h1 + p")).toContainText("En service");
  await expect(page.getByText("Motif donné au garde-fou : Calendrier national avancé")).toBeVisible();
  await expectAccessible(page, "version activée");
  expect(await publicCloses(page)).toBe("2024-11-08T19:00:00+01:00");
});

test("with approval required, the author cannot activate until a second rules editor approves", async ({
  page,
  browser,
  guichet,
}) => {
  // An admin requires a second person, from the list page.
  const admin = createStaff(guichet, { email: "admin@ac-poitiers.fr", roles: "admin,rules_editor", name: "Ada Admin" });
  await staffLogIn(page, admin);
  await page.goto("/gestion/regles");
  await page.locator("label", { hasText: "Exiger l'approbation d'une seconde personne" }).click();
  await expect(page.getByLabel("Exiger l'approbation d'une seconde personne avant chaque activation")).toBeChecked();
  await page.getByRole("button", { name: "Enregistrer le réglage" }).click();
  await expect(page.getByText("Le réglage est enregistré.")).toBeVisible();
  await expect(page.getByText("Votre académie exige qu'une seconde personne")).toBeVisible();
  await expectAccessible(page, "approbation exigée");

  // The author cannot activate alone.
  const author = await browser.newContext({ baseURL: guichet.baseURL });
  const authorPage = await author.newPage();
  const auteur = createStaff(guichet, { email: "auteur@ac-poitiers.fr", roles: "rules_editor", name: "Alice Auteur" });
  const { csrf_token } = await staffLogIn(authorPage, auteur);
  const v3 = await submit(authorPage, csrf_token, "10", "Clôture du bac pro reportée au 10 novembre");
  await authorPage.goto(`/gestion/regles/versions/${v3.number}`);
  await expect(authorPage.getByText("Vous êtes l'auteur de cette version")).toBeVisible();
  await expect(authorPage.getByRole("button", { name: /Approuver/ })).toHaveCount(0);
  await expect(authorPage.locator("#activation").getByLabel("Motif")).toHaveCount(0);
  await authorPage.locator("#activation").getByRole("button", { name: "Activer maintenant" }).click();
  const refused = authorPage.locator(".fr-alert--error", { hasText: "L'activation n'est pas faite" });
  await expect(refused).toBeFocused();
  await expect(refused).toContainText("qu'une autre personne approuve la version");
  await expectAccessible(authorPage, "approbation manquante");

  // A second rules editor reads it and approves it; the approver may not activate it alone.
  const second = createStaff(guichet, { email: "relecture@ac-poitiers.fr", roles: "rules_editor", name: "Bruno Relecteur" });
  await staffLogIn(page, second);
  await page.goto(`/gestion/regles/versions/${v3.number}`);
  await expect(page.getByRole("heading", { name: "Analyse d'impact" })).toBeVisible();
  await expect(page.getByText("Le garde-fou des fenêtres ne demande rien")).toBeVisible();
  await expect(page.getByRole("table", { name: "Fenêtres d'inscription qui changent" })).toContainText("2 jours plus tard");
  await page.getByRole("button", { name: `Approuver la version n° ${v3.number}` }).click();
  await expect(page.getByText("Cette version est approuvée par vous")).toBeVisible();
  await page.locator("#activation").getByRole("button", { name: "Activer maintenant" }).click();
  await expect(page.locator(".fr-alert--error", { hasText: "L'activation n'est pas faite" })).toContainText(
    "son activation revient à une autre personne que vous",
  );
  await expectAccessible(page, "version approuvée");

  // Approved by another person, the author activates it.
  await authorPage.reload();
  await expect(authorPage.getByText("Cette version est approuvée depuis le")).toBeVisible();
  await authorPage.locator("#activation").getByRole("button", { name: "Activer maintenant" }).click();
  await expect(authorPage.locator("#version-done")).toContainText(`La version n° ${v3.number} est en service.`);
  await expect(authorPage.locator("#version-done")).toBeFocused();
  await expectAccessible(authorPage, "version approuvée puis activée");
  expect(await publicCloses(authorPage)).toBe("2024-11-10T19:00:00+01:00");
  await author.close();

  await page.goto("/gestion/regles");
  await expect(page.getByRole("table", { name: /Toutes les versions/ }).getByRole("row", { name: new RegExp(`Version n° ${v3.number}`) })).toContainText(
    "Approuvée par vous",
  );
});

test("a scheduled activation goes live when its time comes", async ({ page, guichet }) => {
  test.setTimeout(240_000);
  const admin = createStaff(guichet, { email: "admin2@ac-poitiers.fr", roles: "admin,rules_editor", name: "Adèle Admin" });
  const { csrf_token } = await staffLogIn(page, admin);
  const off = await page.request.put("/api/v1/admin/rules/settings", {
    data: { require_approval: false },
    headers: { "X-CSRF-Token": csrf_token },
  });
  expect(off.status()).toBe(200);
  const v4 = await submit(page, csrf_token, "12", "Clôture du bac pro reportée au 12 novembre");

  await page.goto(`/gestion/regles/versions/${v4.number}`);
  const form = page.locator("#activation");
  await form.locator("label", { hasText: "À une date et une heure" }).click();
  // Nothing typed: both faults beside their fields and summarised.
  await form.getByRole("button", { name: "Programmer" }).click();
  const summary = page.locator(".fr-alert--error", { hasText: "L'activation n'est pas faite" });
  await expect(summary).toBeFocused();
  await expect(summary.getByRole("link")).toHaveCount(2);
  await expectAccessible(page, "programmation vide");

  // A moment already past is refused rather than activated at once.
  await form.getByRole("textbox", { name: /^Date/ }).fill("31/10/2024");
  await form.getByRole("textbox", { name: /^Heure/ }).fill("09:00");
  await form.getByRole("button", { name: "Programmer" }).click();
  await expect(form.locator("#activation-time-desc-error")).toContainText("Ce moment est passé");
  await expectAccessible(page, "moment passé");

  // The server's clock is simulated and runs (the public services answer says its now):
  // 40 s ahead (time for the checks below), in the académie's zone (+01:00 in November).
  const now = Date.parse((await (await page.request.get("/api/v1/services")).json()).at);
  const at = new Date(now + 40_000 + 3_600_000);
  const pad = (n: number) => String(n).padStart(2, "0");
  const day = `${pad(at.getUTCDate())}/${pad(at.getUTCMonth() + 1)}/${at.getUTCFullYear()}`;
  const time = `${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())}:${pad(at.getUTCSeconds())}`;
  await form.getByRole("textbox", { name: /^Date/ }).fill(day);
  await form.getByRole("textbox", { name: /^Heure/ }).fill(time);
  await form.getByRole("button", { name: "Programmer" }).click();
  await expect(page.locator("#version-done")).toContainText(`La version n° ${v4.number} sera activée le`);
  await expect(page.locator("#version-done")).toBeFocused();
  await expect(page.locator("h1 + p")).toContainText("Programmée le 1er novembre 2024");
  await expectAccessible(page, "version programmée");
  await page.goto("/gestion/regles");
  await expect(page.getByRole("row", { name: new RegExp(`Version n° ${v4.number}`) })).toContainText("Programmée le");
  expect(await publicCloses(page)).toBe("2024-11-10T19:00:00+01:00");

  // Its time comes: the list says it is live, and so does the public API.
  await expect(async () => {
    await page.reload();
    await expect(page.getByRole("heading", { name: `Version n° ${v4.number} : en service` })).toBeVisible({ timeout: 5000 });
  }).toPass({ timeout: 100_000, intervals: [2000] });
  expect(await publicCloses(page)).toBe("2024-11-12T19:00:00+01:00");
  await expectAccessible(page, "programmée puis en service");
});

test("a rollback to an earlier version from the list", async ({ page, guichet }) => {
  const editor = createStaff(guichet, { email: "retour@ac-poitiers.fr", roles: "rules_editor", name: "Rose Retour" });
  await staffLogIn(page, editor);
  await page.goto("/gestion/regles");
  await expect(page.getByRole("row", { name: /Version n° 1/ })).toContainText("Remplacée");
  await page.getByRole("link", { name: "Revenir à la version n° 1" }).click();
  await expect(page).toHaveURL(/\/gestion\/regles\/versions\/1#activation$/);
  const form = page.locator("#activation");
  await expect(form.getByRole("heading", { name: "Revenir à cette version" })).toBeVisible();
  await expect(page.getByText("Le garde-fou des fenêtres ne demande rien")).toBeVisible();
  await expect(page.getByRole("table", { name: "Fenêtres d'inscription qui changent" })).toContainText("1 jour plus tard");
  await expectAccessible(page, "retour à une version");
  await form.getByRole("button", { name: "Revenir à cette version" }).click();
  await expect(page.locator("#version-done")).toContainText("Les règles sont revenues à la version n° 1, désormais en service.");
  await expect(page.locator("#version-done")).toBeFocused();
  expect(await publicCloses(page)).toBe("2024-11-13T19:00:00+01:00");
  await page.goto("/gestion/regles");
  await expect(page.getByRole("heading", { name: "Version n° 1 : en service" })).toBeVisible();
  await expectAccessible(page, "liste après le retour");
});

test("an edit of the scripts folder the guard stops is listed as held, then discarded when reverted", async ({ page, guichet }) => {
  const editor = createStaff(guichet, { email: "dossier@ac-poitiers.fr", roles: "rules_editor", name: "Denis Dossier" });
  await staffLogIn(page, editor);
  // The folder's window tests first (they pass with the live rules), then the académie's file.
  const edit = closingOn("05");
  writeFileSync(path.join(guichet.scriptsDir, "tests/fenetres.lua"), edit.tests[0].text);
  await new Promise((r) => setTimeout(r, 1500));
  writeFileSync(path.join(guichet.scriptsDir, "academies/poitiers.lua"), edit.script);
  await page.goto("/gestion/regles");
  const held = page.getByRole("row", { name: /le dossier des scripts/ }).filter({ hasText: "Retenue" });
  await expect(async () => {
    await page.reload();
    await expect(held).toHaveCount(1, { timeout: 3000 });
  }).toPass({ timeout: 30_000, intervals: [1000] });
  await expectAccessible(page, "version retenue");

  // Opened, it asks for the guard's reason before it may go live.
  await held.getByRole("link", { name: /^Version n° \d+$/ }).click();
  await expect(page.locator("h1 + p")).toContainText("Retenue");
  await expect(page.locator("#activation").getByLabel("Motif")).toBeVisible();
  expect(await publicCloses(page)).toBe("2024-11-13T19:00:00+01:00");
  const url = page.url();

  // The folder reverted, the held edit is discarded.
  writeFileSync(path.join(guichet.scriptsDir, "academies/poitiers.lua"), liveScript);
  await expect(async () => {
    await page.goto(url);
    await expect(page.locator("h1 + p")).toContainText("Abandonnée", { timeout: 3000 });
  }).toPass({ timeout: 30_000, intervals: [1000] });
  await expect(page.locator("#activation")).toHaveCount(0);
  await expectAccessible(page, "version abandonnée");
});
