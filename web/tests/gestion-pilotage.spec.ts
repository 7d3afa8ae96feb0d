// The back office's « Pilotage » (issue 18): the dashboard of a seeded session shows the figures
// the server holds, the previous session's curve is aligned on days since opening, a reminder
// sent from the page reaches the outbox once (the second the same day is skipped, and says so),
// a manager of another académie sees none of Poitiers' figures, an auditor sees the dashboard
// but not the reminders. Charts are DSFR chart web components; the tables beside them are read.
import path from "node:path";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import type { Browser, Page } from "@playwright/test";
import {
  activeAccount,
  bacPro2025,
  createStaff,
  decodeMail,
  expect,
  expectAccessible,
  loginAndRegister,
  staffLogIn,
  test,
  type Guichet,
} from "./guichet";

const shots = path.resolve(import.meta.dirname, "../../docs/gestion");

// A second académie, Limoges, made from Poitiers' script (as gestion-scope.spec.ts does).
function scriptsWithLimoges(): string {
  const shipped = path.resolve(import.meta.dirname, "../../scripts");
  const dir = path.join(mkdtempSync(path.join(tmpdir(), "guichet-pilotage-")), "scripts");
  cpSync(shipped, dir, { recursive: true });
  const limoges = readFileSync(path.join(shipped, "academies/poitiers.lua"), "utf8")
    .replace('code = "poitiers"', 'code = "limoges"')
    .replace('name = "Académie de Poitiers"', 'name = "Académie de Limoges"')
    .replace("number = 13", "number = 22")
    .replace('departments = { "16", "17", "79", "86" }', 'departments = { "19", "23", "87" }');
  expect(limoges).toContain('code = "limoges"');
  writeFileSync(path.join(dir, "academies/limoges.lua"), limoges);
  return dir;
}

// Day 29 of the bac pro 2025 window (opened 10 October 2024 at 10:00), the pieces' deadline
// (13 November 2024 at 19:00) five days away: within the reminders' default 7 days.
const clock = "2024-11-08T10:00:00+01:00";
const scripts = scriptsWithLimoges();
test.use({ simulatedTime: clock, scripts });
test.afterAll(() => rmSync(path.dirname(scripts), { recursive: true, force: true }));
// Sign-ups, uploads, restarts, axe runs and two screen widths take time on a loaded machine.
test.describe.configure({ timeout: 240_000 });

const bacPro = ["identite", "domicile", "jdc", "certificats_travail"];

/** A candidate's registration made in its own browser context (the candidate cookie). */
async function candidate(browser: Browser, g: Guichet, email: string, last_name: string, first_name: string, body: object = bacPro2025) {
  await activeAccount(g, email, { last_name, first_name });
  const context = await browser.newContext({ baseURL: g.baseURL });
  const page = await context.newPage();
  const reg = await loginAndRegister(page, email, body);
  return { page, reg, context };
}

async function give(page: Page, id: string, csrf: string, code: string) {
  const r = await page.request.post(`/api/v1/registrations/${id}/pieces/${code}`, {
    multipart: { file: { name: `${code}.pdf`, mimeType: "application/pdf", buffer: Buffer.from(`%PDF-1.4\n% ${code}\n%%EOF\n`) } },
    headers: { "X-CSRF-Token": csrf },
  });
  expect(r.status(), await r.text()).toBe(201);
}

/** A staff member's page, logged in; its CSRF token for API calls made as this page. */
async function office(page: Page, g: Guichet, email: string, roles: string, academy = "poitiers") {
  const member = createStaff(g, { email, roles, academy, name: email.split("@")[0] });
  const { csrf_token } = await staffLogIn(page, member);
  return csrf_token;
}

/** The body rows of the table whose caption is `caption`, as the cells' texts. */
async function rowsOf(page: Page, caption: string): Promise<string[][]> {
  const table = page.getByRole("table", { name: caption, exact: true });
  await expect(table).toBeVisible();
  return table.locator("tbody tr").evaluateAll((rows) =>
    rows.map((r) => Array.from(r.querySelectorAll("th, td")).map((c) => (c.textContent ?? "").replace(/\s+/g, " ").trim())),
  );
}

/** Waits for the charts to be drawn (their canvas sized) and still (Chart.js animates). */
async function chartsDrawn(page: Page) {
  await expect(page.locator(".pilotage-chart canvas").first()).toBeVisible();
  await page.waitForTimeout(1500);
}

/** Full-page screenshots at 1280 and 360 px, and no sideways scroll at 360. The viewport is made
 * as tall as the page rather than `fullPage`: the charts redraw at every resize, and a full-page
 * capture resizes under them. */
async function screenshots(page: Page, name: string) {
  mkdirSync(shots, { recursive: true });
  await expect(page.locator("footer")).toBeVisible();
  await page.waitForLoadState("networkidle");
  if (name === "pilotage") await chartsDrawn(page);
  for (const [width, suffix] of [[1280, "desktop"], [360, "mobile"]] as const) {
    await page.setViewportSize({ width, height: 800 });
    await page.waitForTimeout(500);
    if (width === 360) expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.setViewportSize({ width, height: await page.evaluate(() => document.documentElement.scrollHeight) });
    await page.waitForTimeout(1500);
    await page.screenshot({ path: path.join(shots, `${name}-${suffix}.png`) });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

/** Opens the accordion that holds a long chart's table. */
async function unfold(page: Page, title: string) {
  const button = page.getByRole("button", { name: `Tableau des données : ${title.charAt(0).toLowerCase()}${title.slice(1)}` });
  if ((await button.getAttribute("aria-expanded")) !== "true") await button.click();
  await expect(button).toHaveAttribute("aria-expanded", "true");
}

interface Counted {
  code: string;
  label: string;
  count: number;
}

test("the dashboard of a seeded session shows the figures the server holds, each chart with its table and CSV", async ({ page, guichet, browser }) => {
  // Five registered candidates, one per state of their pieces, and one withdrawn by the office.
  const none = await candidate(browser, guichet, "aucune@example.org", "Aucune", "Alice");
  const incomplete = await candidate(browser, guichet, "partielle@example.org", "Partielle", "Bruno");
  await give(incomplete.page, incomplete.reg.id, incomplete.reg.csrf, "identite");
  const complete = await candidate(browser, guichet, "complete@example.org", "Complete", "Chloé");
  for (const code of bacPro) await give(complete.page, complete.reg.id, complete.reg.csrf, code);
  const confirmed = await candidate(browser, guichet, "confirmee@example.org", "Confirmee", "David");
  const refused = await candidate(browser, guichet, "refusee@example.org", "Refusee", "Emma");
  for (const c of [confirmed, refused]) {
    for (const code of bacPro) await give(c.page, c.reg.id, c.reg.csrf, code);
    const r = await c.page.request.post(`/api/v1/registrations/${c.reg.id}/pieces/confirm`, { headers: { "X-CSRF-Token": c.reg.csrf } });
    expect(r.status(), await r.text()).toBe(200);
  }
  const withdrawn = await candidate(browser, guichet, "retiree@example.org", "Retiree", "Fanny");
  const csrf = await office(page, guichet, "pilote@ac-poitiers.fr", "manager,admin");
  const review = await page.request.post(`/api/v1/admin/registrations/${refused.reg.id}/pieces/domicile/review`, {
    data: { verdict: "rejected", reason: "Le justificatif de domicile date de plus de trois mois." },
    headers: { "X-CSRF-Token": csrf },
  });
  expect(review.status(), await review.text()).toBeLessThan(300);
  const w = await page.request.post(`/api/v1/admin/registrations/${withdrawn.reg.id}/withdraw`, {
    data: { reason: "Demande du candidat" },
    headers: { "X-CSRF-Token": csrf },
  });
  expect(w.status(), await w.text()).toBe(200);
  for (const c of [none, incomplete, complete, confirmed, refused, withdrawn]) await c.context.close();

  // What the server holds, read by the API, against what was made here.
  const api = await page.request.get("/api/v1/admin/dashboard?session=2025&exam=bac_pro");
  expect(api.status(), await api.text()).toBe(200);
  const d = await api.json();
  expect(d.academy).toBe("poitiers");
  expect(d.registrations.total).toBe(5);
  expect(d.registrations.withdrawn).toBe(1);
  const today = d.registrations.per_day.at(-1);
  expect(today).toMatchObject({ day: 29, date: "2024-11-08", count: 6, cumulative: 6 });
  expect(d.registrations.by_exam).toEqual([expect.objectContaining({ code: "bac_pro", count: 5 })]);
  expect(d.registrations.by_speciality).toEqual([expect.objectContaining({ code: "cuisine", count: 5 })]);
  expect(d.registrations.by_mode).toEqual([expect.objectContaining({ code: "upload", count: 5 })]);
  const pieces = Object.fromEntries((d.pieces as { state: string; count: number }[]).map((p) => [p.state, p.count]));
  expect(pieces).toMatchObject({ none: 1, incomplete: 1, complete: 1, confirmed: 1, refused: 1 });
  expect(d.review_queue.count).toBeGreaterThan(0);

  // The page: the session chosen by the form goes into the URL.
  await page.goto("/gestion");
  await page.getByRole("main").getByRole("link", { name: "Pilotage" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Pilotage");
  await page.getByLabel("Examen", { exact: true }).selectOption("bac_pro");
  await page.getByRole("button", { name: "Afficher" }).click();
  await expect(page).toHaveURL(/\/gestion\/pilotage\?session=2025&examen=bac_pro$/);
  await expect(page.getByText(/Chiffres au 8 novembre 2024 à 1\d\sh\s\d\d/)).toBeVisible();
  await expect(page.getByText("Académie de Poitiers, session 2025 : Baccalauréat professionnel")).toBeVisible();

  // Key figures, and every table equal to the API's figures.
  const tiles = page.locator(".fr-tile");
  await expect(tiles.filter({ hasText: "inscriptions en cours" })).toContainText("5");
  await expect(tiles.filter({ hasText: "désinscription" })).toContainText("1");
  await expect(tiles.filter({ hasText: "à examiner" })).toContainText(String(d.review_queue.count));
  await expect(tiles.filter({ hasText: "à examiner" })).toContainText("la plus ancienne depuis moins d'une heure");
  const counted = (items: Counted[]) => items.map((i) => [i.label, String(i.count)]);
  expect(await rowsOf(page, "Inscriptions par examen")).toEqual(counted(d.registrations.by_exam));
  expect(await rowsOf(page, "Inscriptions par spécialité")).toEqual([["Cuisine", "5"]]);
  expect(await rowsOf(page, "Inscriptions par pôle gestionnaire")).toEqual(counted(d.registrations.by_office));
  expect(await rowsOf(page, "Inscriptions par mode d'inscription définitive")).toEqual(counted(d.registrations.by_mode));
  expect(await rowsOf(page, "État des pièces justificatives")).toEqual(
    (d.pieces as { label: string; count: number }[]).map((p) => [p.label, String(p.count)]),
  );
  expect(await rowsOf(page, "Courriels de l'académie")).toEqual([
    ["En attente d'envoi", String(d.mails.queued)],
    ["Envoyés", String(d.mails.sent)],
    ["En échec, nouvel essai prévu", String(d.mails.failed)],
  ]);
  await unfold(page, "Inscriptions par jour depuis l'ouverture");
  await unfold(page, "Inscriptions cumulées depuis l'ouverture");
  const perDay = await rowsOf(page, "Inscriptions par jour depuis l'ouverture");
  const day29 = perDay.find((r) => r[0] === "J29")!;
  expect(day29[1]).toBe("8 nov. 2024");
  expect(day29).toContain("6");
  const cumulative = await rowsOf(page, "Inscriptions cumulées depuis l'ouverture");
  expect(cumulative.find((r) => r[0] === "J29")).toContain("6");
  await expect(page.getByText("Jour 0 = ouverture").first()).toBeVisible();
  // The charts are drawn by the DSFR's components, each named as an image.
  await chartsDrawn(page);
  await expect(page.getByRole("img", { name: /Graphique « Inscriptions par spécialité »/ })).toBeVisible();
  expect(await page.locator("line-chart canvas, bar-chart canvas, pie-chart canvas").count()).toBeGreaterThanOrEqual(7);
  // Their tooltips would write inline styles the CSP refuses: pointing at a chart shows none,
  // and no violation is reported (the fixture fails the test on any).
  for (const chart of await page.locator(".pilotage-chart").all()) {
    await chart.scrollIntoViewIfNeeded();
    const box = (await chart.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 3);
    await page.mouse.move(box.x + box.width / 3, box.y + box.height / 2);
  }
  const shown = await page.locator(".pilotage-chart .tooltip").evaluateAll((tips) => tips.filter((t) => (t as HTMLElement).style.opacity === "1").length);
  expect(shown).toBe(0);
  await expectAccessible(page, "tableau de bord");

  // A table's CSV: UTF-8 with its byte order mark, ";" between fields, the same figures.
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Télécharger en CSV : Inscriptions par spécialité" }).click(),
  ]);
  expect(download.suggestedFilename()).toBe("pilotage-2025-bac-pro-specialites.csv");
  const csv = readFileSync(await download.path());
  expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  expect(csv.subarray(3).toString("utf8")).toBe("Spécialité;Inscriptions\r\nCuisine;5\r\n");

  // The whole session (no exam chosen) holds the same here: bac pro is its only registrations.
  await page.getByLabel("Examen", { exact: true }).selectOption("");
  await page.getByRole("button", { name: "Afficher" }).click();
  await expect(page).toHaveURL(/\/gestion\/pilotage\?session=2025$/);
  await expect(page.getByText("Académie de Poitiers, session 2025, tous les examens")).toBeVisible();
  expect(await rowsOf(page, "Inscriptions par spécialité")).toEqual([["Cuisine", "5"]]);
  await page.setViewportSize({ width: 360, height: 800 });
  await page.waitForTimeout(500);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
});

test("the previous session's curve is aligned on days since opening", async ({ page, guichet, browser }) => {
  // Day 2 of bac pro 2023 (opened 18 October 2022 at 10:00): two registrations.
  await guichet.restart("2022-10-20T11:00:00+02:00");
  const before = { ...bacPro2025, session: "2023" };
  const first = await candidate(browser, guichet, "ancienne@example.org", "Ancienne", "Gaëlle", before);
  const second = await candidate(browser, guichet, "ancien@example.org", "Ancien", "Hugo", before);
  // Day 2 of bac pro 2025 (opened 10 October 2024 at 10:00): one registration, the first
  // candidate again.
  await guichet.restart("2024-10-12T11:00:00+02:00");
  const again = await first.page.request.post("/api/v1/auth/login", { data: { email: "ancienne@example.org", password: "une phrase de passe solide" } });
  const { csrf_token } = await again.json();
  const r = await first.page.request.post("/api/v1/registrations", { data: bacPro2025, headers: { "X-CSRF-Token": csrf_token } });
  expect(r.status(), await r.text()).toBe(201);
  for (const c of [first, second]) await c.context.close();
  await guichet.restart(clock);

  await office(page, guichet, "courbes@ac-poitiers.fr", "auditor");
  const d = await (await page.request.get("/api/v1/admin/dashboard?session=2025&exam=bac_pro")).json();
  expect(d.registrations.previous.session).toBe("2023");
  expect(d.registrations.per_day[2]).toMatchObject({ day: 2, date: "2024-10-12", count: 1, cumulative: 1 });
  expect(d.registrations.previous.per_day[2]).toMatchObject({ day: 2, date: "2022-10-20", count: 2, cumulative: 2 });

  await page.goto("/gestion/pilotage?session=2025&examen=bac_pro");
  await unfold(page, "Inscriptions par jour depuis l'ouverture");
  await unfold(page, "Inscriptions cumulées depuis l'ouverture");
  // Columns: Jour, Date (2025), Date (2023), Session 2025, Session 2023 (précédente).
  const headers = page.getByRole("table", { name: "Inscriptions par jour depuis l'ouverture" }).locator("thead th");
  await expect(headers).toHaveText(["Jour", "Date (session 2025)", "Date (session 2023)", "Session 2025", "Session 2023 (précédente)"]);
  const perDay = await rowsOf(page, "Inscriptions par jour depuis l'ouverture");
  expect(perDay.slice(0, 3)).toEqual([
    ["J0", "10 oct. 2024", "18 oct. 2022", "0", "0"],
    ["J1", "11 oct. 2024", "19 oct. 2022", "0", "0"],
    ["J2", "12 oct. 2024", "20 oct. 2022", "1", "2"],
  ]);
  const cumulative = await rowsOf(page, "Inscriptions cumulées depuis l'ouverture");
  expect(cumulative[2]).toEqual(["J2", "12 oct. 2024", "20 oct. 2022", "1", "2"]);
  // The previous session's days after today's are drawn too, the current session's left empty.
  const last = cumulative.at(-1)!;
  if (cumulative.length > 30) expect(last[3]).toBe("");
  await expect(page.getByText(/La session 2023 est tracée sur le même axe/)).toBeVisible();
  await chartsDrawn(page);
  await expectAccessible(page, "courbes alignées");
  // The screenshots: bac pro 2025 and its previous session, the tables folded.
  await page.reload();
  await screenshots(page, "pilotage");
});

test("a reminder sent from the page reaches the outbox once; a second the same day is skipped and says so", async ({ page, guichet, browser }) => {
  const lucie = await candidate(browser, guichet, "relance@example.org", "Bernard", "Lucie");
  await give(lucie.page, lucie.reg.id, lucie.reg.csrf, "identite");
  await lucie.context.close();
  await office(page, guichet, "relances@ac-poitiers.fr", "manager");

  await page.goto("/gestion/pilotage");
  await page.getByRole("link", { name: "Relancer les candidats dont les pièces ne sont pas complètes" }).click();
  await expect(page).toHaveURL(/\/gestion\/pilotage\/relances\?session=2025/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Relances des pièces");
  const row = page.getByRole("row", { name: /BERNARD Lucie/ });
  await expect(row).toContainText(lucie.reg.registration_number);
  await expect(row).toContainText("Pièces incomplètes");
  await expect(row).toContainText(/13 novembre 2024 à 19\sh\s00/);
  await expect(row).toContainText("Jamais");
  await expectAccessible(page, "relances");

  // The number of days is checked in the page: beside the field and summarised.
  await page.getByLabel("Date limite dans les prochains jours").fill("90");
  await page.getByRole("button", { name: "Afficher" }).click();
  const summary = page.locator(".fr-alert--error", { hasText: "La recherche contient une erreur" });
  await expect(summary).toBeFocused();
  await expect(summary.getByRole("link", { name: /Date limite dans les prochains jours/ })).toBeVisible();
  await expect(page.locator(".fr-input-group--error")).toContainText("Indiquez un nombre entier de jours entre 0 et 60.");
  await expectAccessible(page, "relances, nombre de jours refusé");
  await page.getByLabel("Date limite dans les prochains jours").fill("7");
  await page.getByRole("button", { name: "Afficher" }).click();
  await expect(page).toHaveURL(/jours=7/);

  // The preview is the server's French mail for this candidate.
  const preview = await (await page.request.get(`/api/v1/admin/registrations/${lucie.reg.id}/reminder`)).json();
  expect(preview.to).toMatch(/@example\.org$/);
  await page.getByRole("button", { name: "Aperçu du courriel pour BERNARD Lucie" }).click();
  const card = page.getByRole("region", { name: "Aperçu du courriel de relance pour BERNARD Lucie" });
  await expect(card.getByRole("heading")).toBeFocused();
  await expect(card).toContainText(preview.subject);
  await expect(card).toContainText(preview.to);
  await expect(card.locator("pre")).toHaveText(preview.text);
  await expectAccessible(page, "aperçu de la relance");

  // Nothing checked: said, not sent.
  await page.getByRole("button", { name: /^Envoyer la relance/ }).click();
  await expect(page.getByText("Cochez au moins un candidat à relancer.")).toBeVisible();

  // A reminder is the mail to Lucie that says her file lacks pieces, as the preview does (the
  // account's and the registration's mails do not).
  const lacking = "il manque encore des pièces justificatives";
  const flat = (text: string) => text.replace(/\s+/g, " ");
  expect(flat(preview.text)).toContain(lacking);
  const reminders = () => guichet.mails().map(decodeMail).filter((m) => m.includes("To: relance@example.org") && flat(m).includes(lacking));
  expect(reminders()).toHaveLength(0);
  await page.getByLabel("Relancer BERNARD Lucie").check();
  await page.getByRole("button", { name: "Envoyer la relance (1)" }).click();
  await expect(page.getByRole("heading", { name: "Envoyer la relance à 1 candidat maintenant ?" })).toBeVisible();
  await expectAccessible(page, "confirmation de l'envoi");
  await page.getByRole("button", { name: "Confirmer l'envoi" }).click();
  const report = page.locator(".fr-alert", { hasText: "Relance envoyée à 1 candidat" });
  await expect(report).toBeFocused();
  // The mail reaches the outbox, once.
  await guichet.awaitMail((m) => m.includes("To: relance@example.org") && flat(m).includes(lacking));
  expect(reminders()).toHaveLength(1);
  await expect(row).toContainText("Relancé aujourd'hui");
  await expectAccessible(page, "relance envoyée");
  await screenshots(page, "relances");

  // The same day again: skipped, with the reason in French, and no second mail.
  await page.getByLabel("Relancer BERNARD Lucie").check();
  await page.getByRole("button", { name: "Envoyer la relance (1)" }).click();
  await page.getByRole("button", { name: "Confirmer l'envoi" }).click();
  const skipped = page.locator(".fr-alert", { hasText: "Aucune relance envoyée" });
  await expect(skipped).toBeFocused();
  await expect(skipped).toContainText(`BERNARD Lucie (inscription ${lucie.reg.registration_number}) : déjà relancé aujourd'hui`);
  await expectAccessible(page, "relance déjà faite");
  await page.waitForTimeout(2000);
  expect(reminders()).toHaveLength(1);
});

test("a manager of another académie sees none of Poitiers' figures", async ({ page, guichet, browser }) => {
  const faure = await candidate(browser, guichet, "camille.faure@example.org", "Faure", "Camille");
  await faure.context.close();
  await office(page, guichet, "bureau@ac-limoges.fr", "manager", "limoges");

  const d = await (await page.request.get("/api/v1/admin/dashboard?session=2025")).json();
  expect(d.academy).toBe("limoges");
  expect(d.registrations.total).toBe(0);
  expect(d.registrations.withdrawn).toBe(0);
  expect(d.registrations.per_day.every((x: { count: number }) => x.count === 0)).toBe(true);
  expect(d.review_queue.count).toBe(0);
  expect(JSON.stringify(d)).not.toMatch(new RegExp(`Faure|Camille|${faure.reg.registration_number}|${faure.reg.id}`));
  // Nor the reminders, nor a Poitiers candidate's mail, nor a send to one.
  const list = await (await page.request.get("/api/v1/admin/reminders?session=2025&within_days=60")).json();
  expect(list.candidates).toEqual([]);
  expect((await page.request.get(`/api/v1/admin/registrations/${faure.reg.id}/reminder`)).status()).toBe(404);

  await page.goto("/gestion/pilotage?session=2025");
  await expect(page.getByText("Académie de Limoges, session 2025, tous les examens")).toBeVisible();
  await expect(page.locator(".fr-tile", { hasText: "inscription en cours" })).toContainText("0");
  expect(await rowsOf(page, "Inscriptions par spécialité")).toEqual([]);
  const body = await page.locator("main").innerText();
  for (const secret of ["Faure", "Camille", "Poitiers", faure.reg.registration_number]) expect(body).not.toContain(secret);
  await expectAccessible(page, "tableau de bord d'une autre académie");
  await page.goto("/gestion/pilotage/relances?session=2025&jours=60");
  await expect(page.getByText(/Aucun candidat à relancer/)).toBeVisible();
  await page.setViewportSize({ width: 360, height: 800 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
});

test("an auditor sees the dashboard but not the reminders", async ({ page, guichet }) => {
  await office(page, guichet, "audit@ac-poitiers.fr", "auditor");
  await page.goto("/gestion");
  await page.getByRole("main").getByRole("link", { name: "Pilotage" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Pilotage");
  await expect(page.getByText(/Chiffres au/)).toBeVisible();
  await expect(page.getByRole("table", { name: "État des pièces justificatives" })).toBeVisible();
  await expect(page.getByRole("link", { name: /Relancer les candidats/ })).toHaveCount(0);
  await expectAccessible(page, "tableau de bord, auditeur");
  await page.goto("/gestion/pilotage/relances");
  await expect(page.getByText("Cette page ne vous est pas ouverte")).toBeVisible();
  await expect(page.getByRole("table")).toHaveCount(0);
  await expectAccessible(page, "relances refusées à l'auditeur");
  expect((await page.request.get("/api/v1/admin/reminders?session=2025")).status()).toBe(403);
});
