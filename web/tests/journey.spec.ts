// The whole candidate journey in one test, only through the pages, as a candidate would go: sign up,
// activate from the mail's link, log in, register through every tab of the wizard, modify, download
// the récapitulatif, upload the pieces, confirm, log out. The other specs test each page's details
// and errors; this one shows the pages chain together. Only the mail is read outside the browser.
import { execFileSync } from "node:child_process";
import type { Page } from "@playwright/test";
import { expect, expectAccessible, linkIn, password, test } from "./guichet";

test.use({ simulatedTime: "2024-11-01T10:00:00+01:00" });

/** A form control by the start of its label (a DSFR label also holds its hint). */
const field = (page: Page, label: string) =>
  page
    .locator("input, select, textarea")
    .and(page.getByLabel(new RegExp("^" + label.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))));

/** Clicks a radio button's or checkbox's label (the DSFR draws the box over the input). */
const tick = (page: Page, label: string | RegExp) => page.locator("label", { hasText: label }).click();

const stepTitle = (page: Page) => page.locator(".fr-stepper__title");

const nav = (page: Page, name: string) => page.getByRole("navigation", { name: /principal/i }).getByRole("link", { name, exact: true });

/** axe clean, and no sideways scroll on a phone (360 px); back to the desktop width after. */
async function checkStep(page: Page, state: string) {
  await expectAccessible(page, state);
  await page.setViewportSize({ width: 360, height: 800 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth), `${state} at 360 px`).toBeLessThanOrEqual(360);
  await page.setViewportSize({ width: 1280, height: 900 });
}

/** A small valid PDF (the server sniffs the %PDF- header). */
const pdf = (text: string) => Buffer.from(`%PDF-1.4\n% ${text}\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n`);

test("a candidate's whole journey: account, registration, modification, récapitulatif, pieces, logout", async ({
  page,
  guichet,
}, testInfo) => {
  // Loaded 2-core machines; about a minute on an idle one.
  test.setTimeout(240_000);
  const email = "journee.complete@example.org";
  await page.setViewportSize({ width: 1280, height: 900 });

  // Ouverture des services: the open session, and the way to an account.
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "Ouverture des services" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 3, name: "Baccalauréat professionnel" })).toBeVisible();
  await checkStep(page, "ouverture des services");

  // Créer mon compte, through the form.
  await page.getByRole("link", { name: "Créer mon compte" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Créer mon compte" })).toBeVisible();
  await field(page, "Adresse mail").fill(email);
  await field(page, "Mot de passe").fill(password);
  await field(page, "Confirmation du mot de passe").fill(password);
  await field(page, "Nom").fill("Girard");
  await field(page, "Prénom").fill("Maël");
  await field(page, "Date de naissance").fill("04/07/2002");
  await field(page, "Lieu de naissance").fill("Châtellerault");
  await field(page, "Nationalité").selectOption({ label: "Française" });
  await checkStep(page, "créer mon compte, rempli");
  await page.getByRole("button", { name: "Créer mon compte" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Activez votre compte" })).toBeFocused();
  await expect(page.getByText(`Un mail vient d'être envoyé à l'adresse ${email}.`)).toBeVisible();
  await checkStep(page, "compte créé");

  // The mail's link activates the account.
  const mail = await guichet.awaitMail((m) => m.includes(`To: ${email}`) && m.includes("/activation?token="));
  await page.goto(linkIn(mail));
  await expect(page.getByRole("heading", { level: 1, name: "Votre compte est activé" })).toBeVisible();
  await checkStep(page, "compte activé");

  // Me connecter, through the form.
  await page.getByRole("link", { name: "Me connecter" }).last().click();
  await expect(page.getByRole("heading", { level: 1, name: "Me connecter" })).toBeVisible();
  await field(page, "Adresse mail").fill(email);
  await page.getByLabel("Mot de passe", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("link", { name: "Maël Girard" })).toBeVisible();
  await checkStep(page, "connecté");

  // M'inscrire: the session, then every tab with Suivant.
  await nav(page, "M'inscrire").click();
  await expect(page.getByRole("heading", { level: 1, name: "M'inscrire" })).toBeVisible();
  await tick(page, "Baccalauréat professionnel – Session juin 2025 (Académie de Poitiers)");
  await checkStep(page, "choix de la session");
  await page.getByRole("button", { name: "Commencer mon inscription" }).click();

  await expect(stepTitle(page)).toContainText("Modalités d'inscription");
  await expect(stepTitle(page)).toContainText("Étape 1 sur 5");
  await tick(page, /J'ai pris connaissance des modalités/);
  await checkStep(page, "étape 1, modalités");
  await page.getByRole("button", { name: "Suivant" }).click();

  await expect(stepTitle(page)).toContainText("Identification");
  await expect(page.getByLabel("Nom", { exact: true })).toHaveValue("Girard");
  await expect(page.getByLabel("Nom", { exact: true })).toBeDisabled();
  await page.getByLabel(/Adresse \(numéro et voie\)/).fill("3 place du Marché");
  await page.getByLabel(/Code postal/).fill("86100");
  await page.getByLabel(/Commune/).fill("Châtellerault");
  await page.getByLabel(/Téléphone/).fill("0549000000");
  await checkStep(page, "étape 2, identification");
  await page.getByRole("button", { name: "Suivant" }).click();

  await expect(stepTitle(page)).toContainText("Informations candidature");
  await page.getByLabel(/Spécialité/).selectOption("cuisine");
  await tick(page, "Forme globale : toutes les épreuves à la même session");
  await page.getByLabel(/Langue vivante obligatoire/).selectOption("anglais");
  await tick(page, /Je justifie d'au moins trois années/);
  await page.getByLabel(/Années d'activité professionnelle/).fill("5");
  await checkStep(page, "étape 3, informations candidature");
  await page.getByRole("button", { name: "Suivant" }).click();

  // Récapitulatif: the answers, the pieces to give and the office, before Enregistrer.
  await expect(stepTitle(page)).toContainText("Récapitulatif");
  const main = page.locator("#contenu");
  await expect(main).toContainText("3 place du Marché");
  await expect(main).toContainText("Anglais");
  await expect(page.getByRole("heading", { name: "Pièces justificatives à fournir" })).toBeVisible();
  await checkStep(page, "récapitulatif");
  await page.getByRole("button", { name: "Enregistrer" }).click();

  // N° inscription: the numbers the API gave, read from the page.
  await expect(stepTitle(page)).toContainText("N° inscription");
  const candidateNumber = (await page.getByTestId("numero-candidat").textContent())?.trim() ?? "";
  const registrationNumber = (await page.getByTestId("numero-inscription").textContent())?.trim() ?? "";
  expect(candidateNumber).toMatch(/^\d+$/);
  expect(registrationNumber).toMatch(/-BACPRO-2025-\d+$/);
  await checkStep(page, "numéros");

  // Mes inscriptions → Mon inscription → Modifier (another language) → version 2.
  await nav(page, "Mes inscriptions").click();
  await expect(page.getByRole("heading", { level: 1, name: "Mes inscriptions" })).toBeVisible();
  const card = page.getByRole("listitem").filter({ hasText: registrationNumber });
  await expect(card).toContainText(candidateNumber);
  await expect(card).toContainText("Version 1");
  await checkStep(page, "mes inscriptions");
  await card.getByRole("link", { name: /Baccalauréat professionnel – Session juin 2025/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Mon inscription" })).toBeVisible();
  await expect(page.getByText("Version 1", { exact: true })).toBeVisible();
  await expect(main).toContainText(registrationNumber);
  await checkStep(page, "mon inscription, version 1");
  await page.getByRole("link", { name: "Modifier" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Modifier mon inscription" })).toBeVisible();
  await page.getByRole("button", { name: "Suivant" }).click();
  await expect(stepTitle(page)).toContainText("Identification");
  await page.getByRole("button", { name: "Suivant" }).click();
  await expect(stepTitle(page)).toContainText("Informations candidature");
  await page.getByLabel(/Langue vivante obligatoire/).selectOption("espagnol");
  await page.getByRole("button", { name: "Suivant" }).click();
  await expect(stepTitle(page)).toContainText("Récapitulatif");
  await expect(main).toContainText("Espagnol");
  await page.getByRole("button", { name: "Enregistrer mes modifications" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Mon inscription" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Version 2 enregistrée" })).toBeVisible();
  await expect(page.getByText("Version 2", { exact: true })).toBeVisible();
  await expect(main).toContainText("Espagnol");
  await checkStep(page, "mon inscription, version 2");

  // Visualiser/imprimer: the récapitulatif of version 2, a PDF with the registration's number.
  const pdfLink = page.getByRole("link", { name: /Visualiser\/imprimer/ });
  const served = await page.request.get((await pdfLink.getAttribute("href"))!);
  expect(served.status()).toBe(200);
  expect(served.headers()["content-type"]).toBe("application/pdf");
  const download = page.waitForEvent("download");
  await pdfLink.click();
  const file = await download;
  expect(file.suggestedFilename()).toBe(`recapitulatif-${registrationNumber}-v2.pdf`);
  const saved = testInfo.outputPath("recapitulatif.pdf");
  await file.saveAs(saved);
  const text = execFileSync("pdftotext", ["-layout", saved, "-"], { encoding: "utf8" });
  expect(text).toContain(registrationNumber);
  expect(text).toContain(candidateNumber);
  // Its words: « Version 2 enregistrée le 01/11/2024 à 10:00 », and each page's footer.
  expect(text).toContain("Version 2 enregistrée le 01/11/2024");
  expect(text).toContain(`${registrationNumber} — version 2 — page 1/`);
  expect(text).toContain("Espagnol");

  // Mes justificatifs: a small PDF for each required piece, then J'ai fourni toutes mes pièces.
  await nav(page, "Mes justificatifs").click();
  await expect(page.getByRole("heading", { level: 1, name: "Mes justificatifs" })).toBeVisible();
  await expect(page.getByText(`Inscription n° ${registrationNumber}`)).toBeVisible();
  // Those the rules ask of this candidate (22 years old, working experience).
  const pieces = page.locator("section.fr-card").filter({ has: page.locator("input[type=file]") });
  await expect(pieces.locator("h2")).toHaveText([
    "Pièce d'identité",
    "Justificatif de domicile",
    "Attestation de recensement ou certificat de participation à la JDC",
    "Certificats de travail",
  ]);
  const count = await pieces.count();
  await checkStep(page, "mes justificatifs, pièces manquantes");
  for (let i = 0; i < count; ++i) {
    const piece = pieces.nth(i);
    const label = (await piece.locator("h2").textContent())!.trim();
    await expect(piece.locator(".fr-badge")).toHaveText(`Manquante : ${label}`);
    await piece.locator("input[type=file]").setInputFiles({ name: `piece-${i + 1}.pdf`, mimeType: "application/pdf", buffer: pdf(label) });
    await piece.getByRole("button", { name: /^Ajouter à « / }).click();
    await expect(piece.getByRole("link", { name: `piece-${i + 1}.pdf` })).toBeVisible();
    await expect(piece.locator(".fr-badge")).toHaveText(`Reçue : ${label}`);
  }
  await expect(page.locator(".fr-badge", { hasText: /^Manquante/ })).toHaveCount(0);
  await checkStep(page, "mes justificatifs, pièces reçues");
  await page.getByRole("button", { name: "J'ai fourni toutes mes pièces" }).click();
  await expect(page.getByText("Vous avez fourni toutes vos pièces")).toBeVisible();
  await expect(page.getByText(/Vous avez confirmé avoir fourni toutes vos pièces le 1er novembre 2024/)).toBeVisible();
  // Frozen: nothing more to add, remove or confirm.
  await expect(page.locator("input[type=file]")).toHaveCount(0);
  await expect(page.getByRole("button", { name: /^Ajouter à « / })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /^Retirer/ })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "J'ai fourni toutes mes pièces" })).toHaveCount(0);
  await checkStep(page, "mes justificatifs, confirmé");

  // Se déconnecter: the login page says so; the candidate's space asks to log in again.
  await page.getByRole("button", { name: "Se déconnecter" }).click();
  await expect(page).toHaveURL(/\/connexion\?deconnecte=1$/);
  await expect(page.getByText("Vous êtes déconnecté.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Se déconnecter" })).toHaveCount(0);
  await checkStep(page, "déconnecté");
  await page.goto("/mes-inscriptions");
  await expect(page).toHaveURL(/\/connexion\?retour=%2Fmes-inscriptions$/);
  await expect(page.getByRole("heading", { level: 1, name: "Me connecter" })).toBeVisible();
  await checkStep(page, "mes inscriptions sans session");
});
