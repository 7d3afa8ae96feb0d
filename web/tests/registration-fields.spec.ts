// The form renderer on the field types the shipped forms do not use (textarea, date), and on a
// select that depends on another select: a copy of the shipped scripts whose CS form gets two
// fields more, served by its own guichet.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { test, expect, expectAccessible, password } from "./guichet";
import { activeAccount } from "./registration-helpers";

const extraFields = `
        {
          id = "access_diploma_date",
          label = "Date d'obtention du diplôme d'accès",
          type = "date",
          required = false,
        },
        {
          id = "background",
          label = "Votre parcours en quelques lignes",
          type = "textarea",
          required = false,
          help = "Facultatif : ce qui aidera le service des examens à traiter votre dossier.",
        },
        {
          id = "eligibility",`;

// The patched copy, made when the file loads; the fixture copies it again for its server.
const root = mkdtempSync(path.join(tmpdir(), "guichet-champs-"));
const scripts = path.join(root, "scripts");
cpSync(path.resolve(import.meta.dirname, "../../scripts"), scripts, { recursive: true });
const cs = path.join(scripts, "exams/cs.lua");
const text = readFileSync(cs, "utf8");
const patched = text.replace(/\n {8}\{\n {10}id = "eligibility",/, extraFields);
writeFileSync(cs, patched);

test.use({ simulatedTime: "2024-11-01T10:00:00+01:00", scripts });
test.afterAll(() => rmSync(root, { recursive: true, force: true }));

test("the patch applies to the shipped CS form", () => {
  expect(patched, "the CS form has moved: update this test's patch").not.toBe(text);
});

test("a date, a textarea and a dependent select are drawn, answered and shown in the récapitulatif", async ({
  page,
  guichet,
}) => {
  test.setTimeout(180_000);
  await activeAccount(guichet, "champs@example.org");
  expect((await page.request.post("/api/v1/auth/login", { data: { email: "champs@example.org", password } })).status()).toBe(200);
  await page.goto("/inscription/poitiers/cs/2025");
  await page.locator("label", { hasText: /J'ai pris connaissance des modalités/ }).click();
  await page.getByRole("button", { name: "Suivant" }).click();
  await expect(page.locator(".fr-stepper__title")).toContainText("Identification");
  await page.getByLabel(/Adresse \(numéro et voie\)/).fill("3 place du Marché");
  await page.getByLabel(/Code postal/).fill("17000");
  await page.getByLabel(/Commune/).fill("La Rochelle");
  await page.getByLabel(/Téléphone/).fill("0546000000");
  await page.getByRole("button", { name: "Suivant" }).click();
  await expect(page.locator(".fr-stepper__title")).toContainText("Informations candidature");

  // The option select appears only for a speciality that has options.
  const option = page.getByLabel(/Option de la spécialité/);
  await expect(option).toHaveCount(0);
  await page.getByLabel(/^Spécialité/).selectOption("energies_renouvelables");
  await expect(option).toBeVisible();
  await option.selectOption("B");
  const date = page.getByLabel("Date d'obtention du diplôme d'accès");
  await expect(date).toHaveAttribute("type", "date");
  await date.fill("2019-06-30");
  const background = page.getByLabel(/Votre parcours en quelques lignes/);
  expect(await background.evaluate((e) => e.tagName)).toBe("TEXTAREA");
  await background.fill("Technicien chauffagiste depuis 2019.\nFormation continue en 2024.");
  await page.getByLabel(/Diplôme qui donne accès/).fill("BP Monteur en installations du génie climatique");
  await page.locator("label", { hasText: /J'ai suivi ou je suis une formation/ }).click();
  await page.getByLabel(/^Organisme de formation(?! à distance)/).fill("GRETA Poitou-Charentes");
  await expectAccessible(page, "date, zone de texte, liste dépendante");
  await page.getByRole("button", { name: "Suivant" }).click();

  await expect(page.locator(".fr-stepper__title")).toContainText("Récapitulatif");
  const main = page.locator("#contenu");
  await expect(main).toContainText("30 juin 2019");
  await expect(main).toContainText("Technicien chauffagiste depuis 2019.");
  await expect(main).toContainText("Option B : énergie thermique");
  await page.getByRole("button", { name: "Enregistrer" }).click();
  await expect(page.locator(".fr-stepper__title")).toContainText("N° inscription");
  const saved = (await (await page.request.get("/api/v1/registrations")).json()).registrations[0];
  expect(saved.answers.access_diploma_date).toBe("2019-06-30");
  expect(saved.answers.background).toBe("Technicien chauffagiste depuis 2019.\nFormation continue en 2024.");
  expect(saved.answers.speciality_option).toBe("B");
});
