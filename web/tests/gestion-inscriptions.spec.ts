// The back office's registrations: the search (by name, by number, filters in the URL that a
// reload keeps, keyset paging, the CSV export of the same search) and one registration (the
// history with what the candidate changed, a withdrawal with its mail, an identity correction,
// an auditor who reads without acting). Axe in every state reached, 360 px without page scroll.
import path from "node:path";
import { mkdirSync } from "node:fs";
import type { Browser, Page } from "@playwright/test";
import {
  test,
  expect,
  activeAccount,
  bacPro2025,
  createStaff,
  expectAccessible,
  loginAndRegister,
  staffLogIn,
  type Guichet,
} from "./guichet";

test.use({ simulatedTime: "2024-11-01T10:00:00+01:00" });
// Each test signs candidates up and registers them first: more than the default minute.
test.describe.configure({ timeout: 180_000 });

const shots = path.resolve(import.meta.dirname, "../../docs/gestion");
mkdirSync(shots, { recursive: true });

async function screenshots(page: Page, name: string) {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: path.join(shots, `${name}-desktop.png`), fullPage: true });
  await page.setViewportSize({ width: 360, height: 800 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await page.screenshot({ path: path.join(shots, `${name}-mobile.png`), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
}

async function narrowFits(page: Page) {
  await page.setViewportSize({ width: 360, height: 800 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await page.setViewportSize({ width: 1280, height: 900 });
}

/** A candidate of Poitiers registered to bac pro 2025, from its own browser context. */
async function registeredCandidate(
  browser: Browser,
  guichet: Guichet,
  email: string,
  identity: { last_name: string; first_name: string },
) {
  await activeAccount(guichet, email, identity);
  const context = await browser.newContext({ baseURL: guichet.baseURL });
  const page = await context.newPage();
  const reg = await loginAndRegister(page, email);
  return { ...reg, page, context };
}

test("a manager searches by name and number, keeps the filters in the URL, pages and exports", async ({ page, guichet, browser }) => {
  test.setTimeout(240_000);
  // Registered in this order, so that the numbers' order is not the names' one.
  await registeredCandidate(browser, guichet, "jeanne.roux@example.org", { last_name: "Roux", first_name: "Jeanne" });
  const bernard = await registeredCandidate(browser, guichet, "lucas.bernard@example.org", { last_name: "Bernard", first_name: "Lucas" });
  await registeredCandidate(browser, guichet, "ines.petit@example.org", { last_name: "Petit", first_name: "Inès" });
  const manager = createStaff(guichet, { email: "recherche@ac-poitiers.fr", roles: "manager", name: "Paul Recherche" });
  await staffLogIn(page, manager);

  await page.goto("/gestion/inscriptions");
  await expect(page.getByRole("heading", { level: 1, name: "Inscriptions" })).toBeVisible();
  const results = page.getByRole("table", { name: /Inscriptions trouvées/ });
  await expect(results.getByRole("row")).toHaveCount(4);
  await expect(page.getByRole("status").filter({ hasText: "3 inscriptions affichées" })).toBeVisible();
  // Labels, never codes: exam, session, speciality, office, status.
  const row = results.getByRole("row", { name: /Bernard/i });
  await expect(row).toContainText("Baccalauréat professionnel");
  await expect(row).toContainText("Session juin 2025");
  await expect(row).toContainText("Cuisine");
  await expect(row).toContainText("Pôle baccalauréats professionnels");
  await expect(row).toContainText("Inscrit");
  await expect(row).toContainText("Non confirmées");
  await expectAccessible(page, "liste");
  await screenshots(page, "inscriptions");

  // By name (start of the name, accents and case ignored).
  await page.getByLabel("Nom ou numéro").fill("bern");
  await page.getByRole("button", { name: "Rechercher" }).click();
  await expect(page).toHaveURL(/[?&]q=bern/);
  await expect(results.getByRole("row")).toHaveCount(2);
  await expect(results).toContainText("BERNARD Lucas");
  await expectAccessible(page, "recherche par nom");

  // The filters survive a reload: same field values, same results.
  await page.getByLabel("Statut").selectOption("registered");
  await page.getByLabel("Examen").selectOption("bac_pro");
  await page.getByRole("button", { name: "Rechercher" }).click();
  await expect(page).toHaveURL(/status=registered/);
  await expect(page).toHaveURL(/exam=bac_pro/);
  await page.reload();
  await expect(page.getByLabel("Nom ou numéro")).toHaveValue("bern");
  await expect(page.getByLabel("Statut")).toHaveValue("registered");
  await expect(page.getByLabel("Examen")).toHaveValue("bac_pro");
  await expect(results.getByRole("row")).toHaveCount(2);
  await expect(results).toContainText("BERNARD Lucas");

  // A status that matches nothing says so.
  await page.getByLabel("Statut").selectOption("withdrawn");
  await page.getByRole("button", { name: "Rechercher" }).click();
  await expect(page.getByText("Aucune inscription ne correspond à cette recherche.")).toBeVisible();
  await expectAccessible(page, "aucun résultat");

  // By registration number, from a cleared search.
  await page.getByRole("link", { name: "Effacer les filtres" }).click();
  await expect(page.getByLabel("Nom ou numéro")).toHaveValue("");
  await page.getByLabel("Nom ou numéro").fill(bernard.registration_number);
  await page.getByRole("button", { name: "Rechercher" }).click();
  await expect(results.getByRole("row")).toHaveCount(2);
  await expect(results.getByRole("link", { name: bernard.registration_number })).toBeVisible();

  // Keyset paging with a small page: one registration a page.
  await page.goto("/gestion/inscriptions?limit=1");
  await expect(results.getByRole("row")).toHaveCount(2);
  await expect(page.getByLabel("Inscriptions par page")).toHaveValue("1");
  const first = await results.getByRole("row").nth(1).getByRole("link").textContent();
  await page.getByRole("link", { name: "Page suivante" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Page 2 : 1 inscription affichée" })).toBeVisible();
  const second = await results.getByRole("row").nth(1).getByRole("link").textContent();
  expect(second).not.toBe(first);
  await expectAccessible(page, "page 2");
  await page.getByRole("link", { name: "Page suivante" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Page 3" })).toBeVisible();
  await page.getByRole("link", { name: "Première page" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Page 1 : 1 inscription affichée" })).toBeVisible();
  await expect(results.getByRole("row").nth(1).getByRole("link")).toHaveText(first!);
  await narrowFits(page);

  // The CSV export is a plain link to the same search.
  await page.goto("/gestion/inscriptions?q=petit");
  await expect(results.getByRole("row")).toHaveCount(2);
  const exportLink = page.getByRole("link", { name: "Exporter en CSV" });
  const href = await exportLink.getAttribute("href");
  expect(href).toBe("/api/v1/admin/registrations.csv?q=petit");
  const csv = await page.request.get(href!);
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-type"]).toMatch(/^text\/csv/);
  expect(csv.headers()["content-disposition"]).toMatch(/filename="inscriptions-poitiers-\d{4}-\d{2}-\d{2}-\d{4}\.csv"/);
  const text = await csv.text();
  expect(text).toContain("Petit");
  expect(text).not.toContain("Bernard");
});

test("a candidate's change shows as version 2 with the answer's label, before and after", async ({ page, guichet, browser }) => {
  const martin = await registeredCandidate(browser, guichet, "elodie.martin@example.org", { last_name: "Martin", first_name: "Élodie" });
  const changed = { ...bacPro2025.answers, foreign_language: "espagnol" };
  const put = await martin.page.request.put(`/api/v1/registrations/${martin.id}`, {
    data: { answers: changed },
    headers: { "X-CSRF-Token": martin.csrf },
  });
  expect(put.status(), await put.text()).toBe(200);

  const manager = createStaff(guichet, { email: "historique@ac-poitiers.fr", roles: "manager", name: "Anne Historique" });
  await staffLogIn(page, manager);
  await page.goto("/gestion/inscriptions?q=martin");
  await page.getByRole("link", { name: martin.registration_number }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Inscription ${martin.registration_number}`);
  await expect(page.getByText("Version 2 · numéro de candidat")).toBeVisible();

  // Identity with the address and contact, the office.
  const identity = page.getByRole("region", { name: "Identité et coordonnées" });
  await expect(identity).toContainText("Martin");
  await expect(identity).toContainText("12 mars 2001");
  await expect(identity).toContainText("15 rue de la Cathédrale, 86000 Poitiers");
  await expect(identity).toContainText("05 49 00 00 00");
  await expect(identity).toContainText("elodie.martin@example.org");
  await expect(page.getByRole("region", { name: "Pôle gestionnaire" })).toContainText("Pôle baccalauréats professionnels");

  // The answers under their tabs, with labels.
  const tabs = page.getByRole("tablist", { name: "Onglets du formulaire d'inscription" });
  await expect(tabs.getByRole("tab")).toHaveCount(3);
  await tabs.getByRole("tab", { name: "Informations candidature" }).click();
  const panel = page.getByRole("tabpanel", { name: "Informations candidature" });
  await expect(panel).toContainText("Langue vivante obligatoire");
  await expect(panel).toContainText("Espagnol");
  await expect(panel).toContainText("Cuisine");

  // The pieces and their states.
  const pieces = page.getByRole("table", { name: "État des pièces" });
  await expect(pieces).toContainText("Pièce d'identité");
  await expect(pieces).toContainText("Manquante");

  // The history: version 2 by the candidate, what changed by label, before and after.
  const v2 = page.getByRole("region", { name: "Version 2", exact: true });
  await expect(v2).toContainText("Le candidat (Élodie Martin)");
  await expect(v2).toContainText("1er novembre 2024");
  const change = v2.getByRole("table").getByRole("row", { name: /Langue vivante obligatoire/ });
  await expect(change.getByRole("cell").nth(0)).toHaveText("Anglais");
  await expect(change.getByRole("cell").nth(1)).toHaveText("Espagnol");
  await expect(v2.getByRole("table").getByRole("row")).toHaveCount(2);
  await expect(page.getByRole("region", { name: "Version 1", exact: true })).toContainText("Première version");
  await expectAccessible(page, "une inscription");
  await screenshots(page, "inscription");
});

test("a manager withdraws a registration with a reason; the candidate gets a mail", async ({ page, guichet, browser }) => {
  const durand = await registeredCandidate(browser, guichet, "hugo.durand@example.org", { last_name: "Durand", first_name: "Hugo" });
  const manager = createStaff(guichet, { email: "desinscription@ac-poitiers.fr", roles: "manager", name: "Marc Retrait" });
  await staffLogIn(page, manager);
  await page.goto(`/gestion/inscriptions/${durand.id}`);
  await page.getByRole("button", { name: "Désinscrire" }).click();
  // The reason is required: said beside the field and at the top.
  await page.getByRole("button", { name: "Désinscrire" }).last().click();
  const summary = page.locator(".fr-alert--error", { hasText: "La désinscription n'a pas été faite" });
  await expect(summary).toBeFocused();
  await expect(summary.getByRole("link", { name: /Motif de la désinscription/ })).toBeVisible();
  await expect(page.locator("#desinscription-motif-desc-error, .fr-error-text").first()).toHaveText("Ce champ est obligatoire.");
  await expectAccessible(page, "désinscription sans motif");

  await page.getByLabel("Motif de la désinscription").fill("Demande écrite du candidat du 2 novembre");
  await page.getByRole("button", { name: "Désinscrire" }).last().click();
  const confirmation = page.getByRole("alertdialog", { name: /Confirmez-vous la désinscription de Hugo Durand/ });
  await expect(confirmation).toBeFocused();
  await expectAccessible(page, "confirmation de la désinscription");
  await confirmation.getByRole("button", { name: "Confirmer la désinscription" }).click();

  await expect(page.getByRole("status").filter({ hasText: "L'inscription est désinscrite" })).toBeVisible();
  await expect(page.locator(".fr-badge", { hasText: "Désinscrit" })).toBeVisible();
  await expect(page.getByText("Motif : Demande écrite du candidat du 2 novembre.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Désinscrire" })).toHaveCount(0);
  const v2 = page.getByRole("region", { name: "Version 2", exact: true });
  await expect(v2).toContainText("Marc Retrait");
  await expect(v2).toContainText("Demande écrite du candidat du 2 novembre");
  const status = v2.getByRole("row", { name: /Statut/ });
  await expect(status.getByRole("cell").nth(0)).toHaveText("Inscrit");
  await expect(status.getByRole("cell").nth(1)).toHaveText("Désinscrit");
  await expectAccessible(page, "désinscrite");

  const mail = await guichet.awaitMail((m) => m.includes("To: hugo.durand@example.org") && /sinscri/i.test(m) && m.includes("2 novembre"));
  expect(mail).toContain(durand.registration_number);
});

test("a manager corrects the identity, with the API's faults beside the fields", async ({ page, guichet, browser }) => {
  const leroy = await registeredCandidate(browser, guichet, "lea.leroy@example.org", { last_name: "Leroy", first_name: "Léa" });
  const manager = createStaff(guichet, { email: "identite@ac-poitiers.fr", roles: "manager", name: "Nina Identité" });
  await staffLogIn(page, manager);
  await page.goto(`/gestion/inscriptions/${leroy.id}`);
  await page.getByRole("button", { name: "Corriger l'identité" }).click();
  await expect(page.getByLabel("Nom", { exact: true })).toHaveValue("Leroy");

  // A control character is refused by the API: its French message beside the field.
  await page.getByLabel("Nom", { exact: true }).fill("Leroy\tMartin");
  await page.getByLabel("Motif de la correction").fill("Acte de naissance fourni");
  await page.getByRole("button", { name: "Enregistrer la correction" }).click();
  const summary = page.locator(".fr-alert--error", { hasText: "La correction n'a pas été enregistrée" });
  await expect(summary).toBeFocused();
  await expect(summary.getByRole("link", { name: /^Nom :.*caractère de contrôle/ })).toBeVisible();
  await expect(page.locator(".fr-input-group--error", { has: page.getByLabel("Nom", { exact: true }) })).toContainText("caractère de contrôle");
  await expectAccessible(page, "correction refusée");

  await page.getByLabel("Nom", { exact: true }).fill("Leroy-Martin");
  await page.getByRole("button", { name: "Enregistrer la correction" }).click();
  await expect(page.getByRole("status").filter({ hasText: "L'identité du candidat est corrigée." })).toBeVisible();
  await expect(page.getByRole("region", { name: "Identité et coordonnées" })).toContainText("Leroy-Martin");
  await expectAccessible(page, "identité corrigée");
  // The candidate's account follows.
  const me = await leroy.page.request.get("/api/v1/me");
  expect((await me.json()).last_name).toBe("Leroy-Martin");
});

test("an auditor reads a registration without any action", async ({ page, guichet, browser }) => {
  const moreau = await registeredCandidate(browser, guichet, "sam.moreau@example.org", { last_name: "Moreau", first_name: "Sam" });
  const auditor = createStaff(guichet, { email: "audit@ac-poitiers.fr", roles: "auditor", name: "Iris Audit" });
  await staffLogIn(page, auditor);
  await page.goto("/gestion/inscriptions?q=moreau");
  await page.getByRole("link", { name: moreau.registration_number }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Inscription ${moreau.registration_number}`);
  await expect(page.getByRole("region", { name: "Historique" })).toBeVisible();
  await expect(page.getByRole("table", { name: "État des pièces" })).toContainText("Pièce d'identité");
  await expect(page.getByRole("region", { name: "Actions du bureau des examens" })).toHaveCount(0);
  for (const action of ["Désinscrire", "Corriger l'identité", "Accorder une dérogation"])
    await expect(page.getByRole("button", { name: action })).toHaveCount(0);
  await expectAccessible(page, "auditeur");
  await narrowFits(page);
});

test("after the close, a manager grants a derogation to a candidate of a closed session", async ({ page, guichet, browser }) => {
  // A registration to a closed session exists only through a derogation: one granted through
  // the API lets the candidate register to bac pro 2023 (closed in November 2022).
  const manager = createStaff(guichet, { email: "derogation@ac-poitiers.fr", roles: "manager", name: "Rose Dérogation" });
  const { csrf_token } = await staffLogIn(page, manager);
  await activeAccount(guichet, "noe.garnier@example.org", { last_name: "Garnier", first_name: "Noé" });
  const granted = await page.request.post("/api/v1/admin/derogations", {
    data: { email: "noe.garnier@example.org", exam: "bac_pro", session: "2023", until: "2024-11-05T19:00:00+01:00", reason: "Dossier égaré" },
    headers: { "X-CSRF-Token": csrf_token },
  });
  expect(granted.status(), await granted.text()).toBe(201);
  const candidate = await (await browser.newContext({ baseURL: guichet.baseURL })).newPage();
  const late = await loginAndRegister(candidate, "noe.garnier@example.org", { ...bacPro2025, session: "2023" });

  await page.goto(`/gestion/inscriptions/${late.id}`);
  await page.getByRole("button", { name: "Accorder une dérogation" }).click();
  // A time already past is refused by the API, said at the top and beside the field.
  await page.getByLabel("Dérogation valable jusqu'au").fill("2024-10-01T12:00");
  await page.getByLabel("Motif de la dérogation").fill("Hospitalisation");
  await page.getByRole("button", { name: "Accorder la dérogation" }).click();
  const summary = page.locator(".fr-alert--error", { hasText: "La dérogation n'a pas été accordée" });
  await expect(summary).toBeFocused();
  await expectAccessible(page, "dérogation refusée");

  await page.getByLabel("Dérogation valable jusqu'au").fill("2024-11-20T18:00");
  await page.getByRole("button", { name: "Accorder la dérogation" }).click();
  await expect(page.getByRole("status").filter({ hasText: "jusqu'au 20 novembre 2024 à 18 h 00" })).toBeVisible();
  await expectAccessible(page, "dérogation accordée");
  // The candidate may now change the registration of the closed session.
  const put = await candidate.request.put(`/api/v1/registrations/${late.id}`, {
    data: { answers: { ...bacPro2025.answers, foreign_language: "italien" } },
    headers: { "X-CSRF-Token": late.csrf },
  });
  expect(put.status(), await put.text()).toBe(200);
});

test("a manager sorts by registration number, by name and by the latest change", async ({ page, guichet, browser }) => {
  // Zola registers before Adam, then changes the registration: each order differs.
  const zola = await registeredCandidate(browser, guichet, "emile.zola@example.org", { last_name: "Zola", first_name: "Émile" });
  await registeredCandidate(browser, guichet, "jules.adam@example.org", { last_name: "Adam", first_name: "Jules" });
  const put = await zola.page.request.put(`/api/v1/registrations/${zola.id}`, {
    data: { answers: { ...bacPro2025.answers, foreign_language: "allemand" } },
    headers: { "X-CSRF-Token": zola.csrf },
  });
  expect(put.status(), await put.text()).toBe(200);
  const manager = createStaff(guichet, { email: "tri@ac-poitiers.fr", roles: "manager", name: "Léon Tri" });
  await staffLogIn(page, manager);

  const results = page.getByRole("table", { name: /Inscriptions trouvées/ });
  const column = async (n: number) =>
    (await results.locator("tbody tr").evaluateAll((rows, i) => rows.map((r) => r.children[i]?.textContent ?? ""), n)) as string[];
  await page.goto("/gestion/inscriptions");
  await expect(results.getByRole("row").nth(2)).toBeVisible();
  const numbers = await column(0);
  expect(numbers).toEqual([...numbers].sort());

  await page.getByLabel("Trier par").selectOption("name");
  await page.getByRole("button", { name: "Rechercher" }).click();
  await expect(page).toHaveURL(/sort=name/);
  await expect.poll(async () => {
    const names = (await column(1)).map((t) => t.replace(/n° candidat.*/, ""));
    return names.join("|") === [...names].sort((x, y) => x.localeCompare(y, "fr")).join("|") && !!names[0]?.startsWith("ADAM");
  }).toBe(true);
  await page.reload();
  await expect(page.getByLabel("Trier par")).toHaveValue("name");
  // Paging keeps the order: the second page by name holds the second name (read once the
  // reloaded page shows every row).
  await expect(results.getByRole("row").nth(2)).toBeVisible();
  const byName = (await column(1)).map((t) => t.replace(/n° candidat.*/, ""));
  expect(byName.length).toBeGreaterThanOrEqual(2);
  await page.goto("/gestion/inscriptions?sort=name&limit=1");
  await expect.poll(async () => (await column(1))[0]?.replace(/n° candidat.*/, "")).toBe(byName[0]);
  await page.getByRole("link", { name: "Page suivante" }).click();
  await expect.poll(async () => (await column(1))[0]?.replace(/n° candidat.*/, "")).toBe(byName[1]);

  await page.getByLabel("Trier par").selectOption("updated");
  await page.getByRole("button", { name: "Rechercher" }).click();
  await expect(page).toHaveURL(/sort=updated/);
  await expect.poll(async () => (await column(0))[0]).toBe(zola.registration_number);
  await expectAccessible(page, "tri par modification");
});
