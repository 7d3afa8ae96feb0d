// M'inscrire, Mes inscriptions, Mon inscription, Modifier: the wizard built from the session's
// form against a real guichet, its rules' verdicts and its numbers, in an open window.
import path from "node:path";
import type { Page } from "@playwright/test";
import { test, expect, expectAccessible, loginAndRegister, password, type Guichet } from "./guichet";
import { activeAccount, withdrawnByOffice } from "./registration-helpers";

const shots = path.resolve(import.meta.dirname, "../../docs/portal");

test.use({ simulatedTime: "2024-11-01T10:00:00+01:00" });

/** Logs in through the API (the cookie lands in the page's context); the CSRF token, for API calls. */
async function logInWithToken(page: Page, email: string): Promise<string> {
  const r = await page.request.post("/api/v1/auth/login", { data: { email, password } });
  expect(r.status()).toBe(200);
  return (await r.json()).csrf_token;
}


/** A registration made through the API, for the pages that show one. */
async function registeredThroughApi(page: Page, guichet: Guichet, email: string) {
  await activeAccount(guichet, email);
  const registration = await loginAndRegister(page, email);
  return { csrf: registration.csrf, registration };
}

/** The page at phone width: no horizontal scroll, axe clean, a screenshot when named. */
async function atPhoneWidth(page: Page, state: string, shot?: string) {
  await page.setViewportSize({ width: 360, height: 800 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth), `${state} at 360 px`).toBeLessThanOrEqual(360);
  await expectAccessible(page, `${state} at 360 px`);
  if (shot) await page.screenshot({ path: path.join(shots, `${shot}-mobile.png`), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
}

async function desktopShot(page: Page, shot: string) {
  await page.screenshot({ path: path.join(shots, `${shot}-desktop.png`), fullPage: true });
}

/** The wizard's current step, as its stepper says it. */
function stepTitle(page: Page) {
  return page.locator(".fr-stepper__title");
}

/** Clicks a radio button's or checkbox's label (the DSFR draws the box over the input). */
const tick = (page: Page, label: string | RegExp) => page.locator("label", { hasText: label }).click();

const summary = (page: Page) => page.locator('[role="alert"].fr-alert--error');

// Long journeys, axe run in every state on a 2-core machine.
test.describe.configure({ mode: "serial", timeout: 240_000 });

test("a candidate registers through every tab, the rules' verdicts shown as they go, and gets the API's numbers", async ({
  page,
  guichet,
}) => {
  const email = "inscription@example.org";
  await activeAccount(guichet, email);
  await logInWithToken(page, email);
  await page.setViewportSize({ width: 1280, height: 900 });

  // M'inscrire: the open sessions; continuing without a choice says what is missing.
  await page.goto("/inscription");
  await expect(page.getByRole("heading", { level: 1, name: "M'inscrire" })).toBeVisible();
  await expect(page.getByText("Baccalauréat professionnel – Session juin 2025 (Académie de Poitiers)")).toBeVisible();
  await expectAccessible(page, "choix de la session");
  await atPhoneWidth(page, "choix de la session");
  await page.getByRole("button", { name: "Commencer mon inscription" }).click();
  await expect(summary(page)).toBeFocused();
  await expect(summary(page)).toContainText("Choisissez une session.");
  await expectAccessible(page, "choix de la session, erreur");
  await tick(page, "Baccalauréat professionnel – Session juin 2025 (Académie de Poitiers)");
  await page.getByRole("button", { name: "Commencer mon inscription" }).click();

  // Étape 1: Modalités. Suivant with the box unchecked is blocked, the summary focused.
  await expect(stepTitle(page)).toContainText("Modalités d'inscription");
  await expect(stepTitle(page)).toContainText("Étape 1 sur 5");
  await expectAccessible(page, "étape 1");
  await page.getByRole("button", { name: "Suivant" }).click();
  await expect(summary(page)).toBeFocused();
  await expect(summary(page)).toContainText("Ce champ est obligatoire.");
  await expect(stepTitle(page)).toContainText("Étape 1 sur 5");
  await expect(page.locator(".fr-fieldset--error")).toContainText("Ce champ est obligatoire.");
  await expectAccessible(page, "étape 1, erreurs");
  await tick(page, /J'ai pris connaissance des modalités/);
  await page.getByRole("button", { name: "Suivant" }).click();

  // Étape 2: Identification, by keyboard only. The account's identity is there, greyed.
  await expect(stepTitle(page)).toContainText("Identification");
  await expect(stepTitle(page)).toContainText("Étape 2 sur 5");
  await expect(page.getByLabel("Nom", { exact: true })).toBeDisabled();
  await expect(page.getByLabel("Nom", { exact: true })).toHaveValue("Martin");
  await expect(page.getByLabel("Date de naissance")).toHaveValue("12 mars 2001");
  await expectAccessible(page, "étape 2");
  await desktopShot(page, "inscription-etape");
  await atPhoneWidth(page, "étape 2", "inscription-etape");
  const address = page.getByLabel(/Adresse \(numéro et voie\)/);
  const postal = page.getByLabel(/Code postal/);
  await address.focus();
  await page.keyboard.type("12 rue des Lilas");
  await page.keyboard.press("Tab");
  await expect(page.getByLabel(/Complément d'adresse/)).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(postal).toBeFocused();
  await page.keyboard.type("75001");
  await page.keyboard.press("Tab");
  // wrong_academy: the residence rule's message on the postal code, as soon as it is left.
  const postalGroup = page.locator(".fr-input-group").filter({ has: postal });
  await expect(postalGroup).toContainText("ne relève pas de l'académie de Poitiers");
  await expect(postal).toHaveAttribute("aria-invalid", "true");
  await page.keyboard.type("Paris");
  await page.keyboard.press("Tab");
  await page.keyboard.type("0601020304");
  await page.keyboard.press("Enter"); // Suivant, by the form's submission
  await expect(summary(page)).toBeFocused();
  await expect(summary(page)).toContainText("Code postal : Le code postal 75001 (département 75) ne relève pas de l'académie de Poitiers");
  await expect(stepTitle(page)).toContainText("Étape 2 sur 5");
  await expectAccessible(page, "étape 2, code postal hors académie");
  await atPhoneWidth(page, "étape 2, erreurs");
  // The summary's link leads to the field; corrected, the error goes.
  await page.keyboard.press("Tab");
  await expect(page.locator(":focus")).toHaveText(/Code postal/);
  await page.keyboard.press("Enter");
  await expect(postal).toBeFocused();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.type("86000");
  await page.keyboard.press("Tab");
  await expect(postalGroup).not.toContainText("ne relève pas");
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.type("Poitiers");
  await page.keyboard.press("Enter");

  // Étape 3: Informations candidature. Conditional fields follow the answers.
  await expect(stepTitle(page)).toContainText("Informations candidature");
  await expect(stepTitle(page)).toContainText("Étape 3 sur 5");
  await page.getByLabel(/Spécialité/).selectOption("cuisine");
  await tick(page, "Forme globale : toutes les épreuves à la même session");
  await page.getByLabel(/Langue vivante obligatoire/).selectOption("anglais");
  const years = page.getByLabel(/Années d'activité professionnelle/);
  const previous = page.getByLabel(/Session de la précédente présentation/);
  await expect(years).toHaveCount(0);
  await tick(page, /Je justifie d'au moins trois années/);
  await expect(years).toBeVisible();
  await expect(previous).toHaveCount(0);
  await tick(page, /Je me suis déjà présenté/);
  await expect(previous).toBeVisible();
  await expect(years).toHaveCount(0);
  await tick(page, /Je justifie d'au moins trois années/);
  // An evaluate error on its field, gone once corrected.
  await years.fill("2");
  await years.blur();
  const yearsGroup = page.locator(".fr-input-group").filter({ has: years });
  await expect(yearsGroup).toContainText("demande au moins trois années d'activité");
  await expectAccessible(page, "étape 3, erreur des règles");
  await years.fill("4");
  await expect(yearsGroup).not.toContainText("demande au moins trois années d'activité");
  // A dependent field shown, answered, then hidden again: its answer is not sent.
  const diploma = page.getByLabel(/Diplôme\(s\) justifiant la dispense/);
  await tick(page, /Je demande une dispense d'épreuves/);
  await expect(diploma).toBeVisible();
  await diploma.fill("CAP Cuisine, session 2019");
  await tick(page, /Je demande une dispense d'épreuves/);
  await expect(diploma).toHaveCount(0);
  await expectAccessible(page, "étape 3");
  await page.getByRole("button", { name: "Suivant" }).click();

  // Étape 4: Récapitulatif, labels not codes, the pieces and the office before saving.
  await expect(stepTitle(page)).toContainText("Récapitulatif");
  await expect(stepTitle(page)).toContainText("Étape 4 sur 5");
  const recap = page.locator("#contenu");
  await expect(recap).toContainText("Forme globale : toutes les épreuves à la même session");
  await expect(recap).toContainText("Je justifie d'au moins trois années d'activité professionnelle en rapport avec la spécialité");
  await expect(recap).toContainText("Anglais");
  await expect(recap).toContainText("86000");
  await expect(recap).not.toContainText("CAP Cuisine, session 2019");
  await expect(page.getByRole("heading", { name: "Pièces justificatives à fournir" })).toBeVisible();
  await expect(recap).toContainText("Certificats de travail");
  await expect(page.getByRole("heading", { name: "Service gestionnaire" })).toBeVisible();
  await expect(recap).toContainText("Pôle baccalauréats professionnels");
  await expectAccessible(page, "récapitulatif");
  await desktopShot(page, "inscription-recapitulatif");
  await atPhoneWidth(page, "récapitulatif", "inscription-recapitulatif");
  await page.getByRole("button", { name: "Enregistrer" }).click();

  // Étape 5: N° inscription, the numbers the API gave.
  await expect(stepTitle(page)).toContainText("N° inscription");
  await expect(stepTitle(page)).toContainText("Étape 5 sur 5");
  const list = await (await page.request.get("/api/v1/registrations")).json();
  expect(list.registrations).toHaveLength(1);
  const saved = list.registrations[0];
  await expect(page.getByTestId("numero-candidat")).toHaveText(saved.candidate_number);
  await expect(page.getByTestId("numero-inscription")).toHaveText(saved.registration_number);
  expect(saved.answers.exemption_diploma).toBeUndefined(); // hidden, not sent
  expect(saved.answers.previous_session).toBeUndefined();
  expect(saved.answers.experience_years).toBe(4);
  await expect(recap).toContainText("pole.bac.pro@ac-poitiers.fr");
  await expect(recap).toContainText("05.16.52.64.64");
  await expect(recap).toContainText("avant le 13 novembre 2024 à 19 h 00");
  await expect(recap.getByRole("link", { name: /Mes justificatifs : déposer/ })).toHaveAttribute("href", `/mes-justificatifs/${saved.id}`);
  await expectAccessible(page, "numéros");
  await desktopShot(page, "inscription-numeros");
  await atPhoneWidth(page, "numéros", "inscription-numeros");

  // Visualiser/imprimer: the récapitulatif PDF.
  const pdfLink = page.getByRole("link", { name: /Visualiser\/imprimer/ });
  const pdf = await page.request.get((await pdfLink.getAttribute("href"))!);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()["content-type"]).toBe("application/pdf");
  expect((await pdf.body()).subarray(0, 5).toString()).toBe("%PDF-");
  const download = page.waitForEvent("download");
  await pdfLink.click();
  expect((await download).suggestedFilename()).toBe(`recapitulatif-${saved.registration_number}-v1.pdf`);
});

test("Mes inscriptions and Mon inscription show the registration; Modifier saves version 2; the agenda file downloads", async ({
  page,
  guichet,
}) => {
  const { registration } = await registeredThroughApi(page, guichet, "modification@example.org");
  await page.setViewportSize({ width: 1280, height: 900 });

  await page.goto("/mes-inscriptions");
  const card = page.getByRole("listitem").filter({ hasText: registration.registration_number });
  await expect(card).toContainText("Baccalauréat professionnel – Session juin 2025");
  await expect(card).toContainText(registration.candidate_number);
  await expect(card).toContainText("Version 1");
  await expect(card).toContainText("Inscrit(e)");
  await expect(card).toContainText("1er novembre 2024");
  await expectAccessible(page, "mes inscriptions");
  await desktopShot(page, "mes-inscriptions");
  await atPhoneWidth(page, "mes inscriptions", "mes-inscriptions");

  // M'inscrire knows this session is taken.
  await page.goto("/inscription");
  await expect(page.getByLabel(/Baccalauréat professionnel/)).toBeDisabled();
  await expect(page.getByText(/Vous êtes déjà inscrit\(e\) à cette session/)).toBeVisible();
  await page.goto("/inscription/poitiers/bac_pro/2025");
  await expect(page.getByText("Vous êtes déjà inscrit(e) à cette session")).toBeVisible();

  await page.goto("/mes-inscriptions");
  await page.getByRole("link", { name: /Baccalauréat professionnel – Session juin 2025/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Mon inscription" })).toBeVisible();
  await expect(page.getByText("Version 1", { exact: true })).toBeVisible();
  const main = page.locator("#contenu");
  await expect(main).toContainText(registration.registration_number);
  await expect(main).toContainText("Forme globale : toutes les épreuves à la même session");
  await expect(page.getByRole("heading", { name: "Informations candidature" })).toBeVisible();
  await expect(main.getByRole("link", { name: "Mes documents", exact: true })).toHaveAttribute("href", `/mes-documents/${registration.id}`);
  await expect(main.getByRole("link", { name: /Mes justificatifs : déposer/ })).toHaveAttribute("href", `/mes-justificatifs/${registration.id}`);
  await expect(main).toContainText("Date limite : avant le 13 novembre 2024 à 19 h 00.");
  await expectAccessible(page, "mon inscription");
  await desktopShot(page, "mon-inscription");
  await atPhoneWidth(page, "mon inscription", "mon-inscription");

  // Ajouter les échéances à mon agenda: the .ics file.
  const agenda = page.getByRole("link", { name: /Ajouter les échéances à mon agenda/ });
  const ics = await page.request.get((await agenda.getAttribute("href"))!);
  expect(ics.status()).toBe(200);
  expect(ics.headers()["content-type"]).toContain("text/calendar");
  expect(await ics.text()).toContain("BEGIN:VCALENDAR");
  const download = page.waitForEvent("download");
  await agenda.click();
  expect((await download).suggestedFilename()).toBe(`inscription-${registration.registration_number}.ics`);

  // Modifier: the same wizard, prefilled; saving makes version 2.
  await page.getByRole("link", { name: "Modifier" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Modifier mon inscription" })).toBeVisible();
  await expect(stepTitle(page)).toContainText("Étape 1 sur 4");
  await expect(page.getByLabel(/J'ai pris connaissance/)).toBeChecked();
  await page.getByRole("button", { name: "Suivant" }).click();
  await expect(stepTitle(page)).toContainText("Identification");
  await expect(page.getByLabel(/Code postal/)).toHaveValue("86000");
  await page.getByRole("button", { name: "Suivant" }).click();
  await expect(stepTitle(page)).toContainText("Informations candidature");
  await expect(page.getByLabel(/Années d'activité professionnelle/)).toHaveValue("4");
  await page.getByLabel(/Langue vivante obligatoire/).selectOption("espagnol");
  await page.getByRole("button", { name: "Suivant" }).click();
  await expect(stepTitle(page)).toContainText("Récapitulatif");
  await expect(main).toContainText("Espagnol");
  await expectAccessible(page, "modification, récapitulatif");
  await page.getByRole("button", { name: "Enregistrer mes modifications" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Mon inscription" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Version 2 enregistrée" })).toBeVisible();
  await expect(main).toContainText("rééditez votre récapitulatif d'inscription");
  await expect(page.getByText("Version 2", { exact: true })).toBeVisible();
  await expect(main).toContainText("Espagnol");
  const now = await (await page.request.get(`/api/v1/registrations/${registration.id}`)).json();
  expect(now.version).toBe(2);
  expect(now.answers.foreign_language).toBe("espagnol");
  await expectAccessible(page, "mon inscription, version 2");
  const pdf = await page.request.get(`/api/v1/registrations/${registration.id}/recapitulatif.pdf`);
  expect(pdf.headers()["content-disposition"]).toContain(`recapitulatif-${registration.registration_number}-v2.pdf`);
});

test("the server's 422 on saving sends the candidate back to the tab and field at fault", async ({ page, guichet }) => {
  // The rules' verdict can be stale by the time one saves (rules changed meanwhile): here the
  // portal's evaluate calls are answered "valid", so only the real POST judges the residence.
  await activeAccount(guichet, "ancien-verdict@example.org");
  await logInWithToken(page, "ancien-verdict@example.org");
  await page.route("**/sessions/2025/evaluate", (route) =>
    route.fulfill({
      json: { phase: "open", valid: true, errors: {}, pieces: [], pole: null, rule_set_version: "x", at: "2024-11-01T10:00:00+01:00" },
    }),
  );
  await page.goto("/inscription/poitiers/bp/2025");
  await tick(page, /J'ai pris connaissance des modalités/);
  await page.getByRole("button", { name: "Suivant" }).click();
  await expect(stepTitle(page)).toContainText("Identification");
  await page.getByLabel(/Adresse \(numéro et voie\)/).fill("1 rue de Rivoli");
  await page.getByLabel(/Code postal/).fill("75001");
  await page.getByLabel(/Commune/).fill("Paris");
  await page.getByLabel(/Téléphone/).fill("0601020304");
  await page.getByRole("button", { name: "Suivant" }).click();
  await expect(stepTitle(page)).toContainText("Informations candidature");
  await page.getByLabel(/Spécialité/).selectOption({ index: 1 });
  await tick(page, "Forme globale : toutes les épreuves à la même session");
  await tick(page, /Oui : deux années/);
  await page.getByLabel(/Années d'activité professionnelle/).fill("5");
  await page.getByRole("button", { name: "Suivant" }).click();
  await expect(stepTitle(page)).toContainText("Récapitulatif");
  const post = page.waitForResponse((r) => r.url().endsWith("/api/v1/registrations") && r.request().method() === "POST");
  await page.getByRole("button", { name: "Enregistrer" }).click();
  const answer = await post;
  expect(answer.status()).toBe(422);
  expect((await answer.json()).error.code).toBe("wrong_academy");
  await expect(stepTitle(page)).toContainText("Identification");
  await expect(summary(page)).toBeFocused();
  await expect(summary(page)).toContainText("Vous devez vous inscrire dans l'académie de votre résidence.");
  await expect(summary(page)).toContainText("Code postal : Le code postal 75001");
  await expect(page.locator(".fr-input-group").filter({ has: page.getByLabel(/Code postal/) })).toContainText(
    "ne relève pas de l'académie de Poitiers",
  );
  await expectAccessible(page, "enregistrement refusé, hors académie");
});

test("a registration withdrawn by the office says so and offers no Modifier", async ({ page, guichet }) => {
  const { registration } = await registeredThroughApi(page, guichet, "desinscription@example.org");
  await withdrawnByOffice(guichet, registration.id, "Demande écrite du candidat");
  await page.goto("/mes-inscriptions");
  const card = page.getByRole("listitem").filter({ hasText: registration.registration_number });
  await expect(card).toContainText("Désinscrit(e)");
  await page.goto(`/mes-inscriptions/${registration.id}`);
  await expect(page.getByRole("heading", { name: "Cette inscription a été annulée par le service des examens" })).toBeVisible();
  await expect(page.locator("#contenu")).toContainText("Motif : Demande écrite du candidat.");
  await expect(page.getByRole("link", { name: "Modifier" })).toHaveCount(0);
  await expectAccessible(page, "inscription annulée");
  await page.goto(`/mes-inscriptions/${registration.id}/modifier`);
  await expect(page.getByRole("heading", { name: "Cette inscription a été annulée" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Suivant" })).toHaveCount(0);
});
