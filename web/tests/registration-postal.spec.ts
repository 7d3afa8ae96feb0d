// A postal session (CAP 2023: the signed récapitulatif goes by post to the Rectorat): the
// N° inscription step and Mon inscription give the address and the deadline, and no upload.
import { test, expect, expectAccessible, password } from "./guichet";
import { activeAccount } from "./registration-helpers";

test.use({ simulatedTime: "2022-11-01T10:00:00+01:00" });

test("a postal session's registration says where to send the file and by when", async ({ page, guichet }) => {
  test.setTimeout(180_000);
  await activeAccount(guichet, "courrier@example.org");
  expect((await page.request.post("/api/v1/auth/login", { data: { email: "courrier@example.org", password } })).status()).toBe(200);

  await page.goto("/inscription/poitiers/cap/2023");
  await page.locator("label", { hasText: /J'ai pris connaissance des modalités/ }).click();
  await page.getByRole("button", { name: "Suivant" }).click();
  await expect(page.locator(".fr-stepper__title")).toContainText("Identification");
  await page.getByLabel(/Adresse \(numéro et voie\)/).fill("5 rue Ricard");
  await page.getByLabel(/Code postal/).fill("79000");
  await page.getByLabel(/Commune/).fill("Niort");
  await page.getByLabel(/Téléphone/).fill("0549000000");
  await page.getByRole("button", { name: "Suivant" }).click();
  await expect(page.locator(".fr-stepper__title")).toContainText("Informations candidature");
  await page.getByLabel(/^Spécialité/).selectOption("cuisine");
  await page.locator("label", { hasText: "Forme globale : toutes les épreuves à la même session" }).click();
  await page.getByRole("button", { name: "Suivant" }).click();
  await expect(page.locator(".fr-stepper__title")).toContainText("Récapitulatif");
  await page.getByRole("button", { name: "Enregistrer" }).click();
  await expect(page.locator(".fr-stepper__title")).toContainText("N° inscription");

  const main = page.locator("#contenu");
  await expect(page.getByRole("heading", { name: "Envoi de votre dossier par courrier" })).toBeVisible();
  await expect(main).toContainText("Rectorat de l'académie de Poitiers");
  await expect(main).toContainText("86022 Poitiers Cedex");
  await expect(main).toContainText("Date limite : avant le 24 novembre 2022.");
  await expect(main.getByRole("link", { name: /Mes justificatifs/ })).toHaveCount(0);
  await expectAccessible(page, "numéros, session postale");

  await page.getByRole("link", { name: /Voir mon inscription/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Mon inscription" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Envoi de votre dossier par courrier" })).toBeVisible();
  await expect(main).toContainText("22 rue Guillaume VII le Troubadour");
  await expect(main).toContainText("avant le 24 novembre 2022");
  await expect(main.getByRole("link", { name: /Mes justificatifs/ })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Modifier" })).toBeVisible();
  await expectAccessible(page, "mon inscription, session postale");
});
