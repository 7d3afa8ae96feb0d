// « Mes documents » in a real browser against a real guichet: the récapitulatif first and
// downloadable, a document the office publishes appears with its title, the choice between
// registrations.
import { expect, expectAccessible, test } from "./guichet";
import { activeCandidate, bacPro2025, loginAndRegister, pdf, screenshots, staffCall, staffToken } from "./piecesSupport";

test.use({ simulatedTime: "2024-11-01T10:00:00+01:00" });
// Uploads, axe runs and two screen widths take time on a loaded machine.
test.describe.configure({ timeout: 120_000 });

test("the récapitulatif comes first and downloads as a PDF; a published document appears with its title", async ({ page, guichet }) => {
  await activeCandidate(guichet, "documents@example.org");
  const reg = await loginAndRegister(page, "documents@example.org");
  await page.goto("/mes-documents");
  await expect(page).toHaveURL(new RegExp(`/mes-documents/${reg.id}$`));
  await expect(page.getByRole("heading", { level: 1, name: "Mes documents" })).toBeVisible();
  await expect(page.getByText(`Inscription n° ${reg.registration_number}`)).toBeVisible();
  await expect(page.getByRole("heading", { level: 2 })).toHaveText(["Récapitulatif d'inscription", "Autres documents"]);
  await expect(page.getByText(/^Version 1 du 1er novembre 2024 à 10\sh\s\d\d\./)).toBeVisible();
  const view = page.getByRole("link", { name: /^Visualiser\/imprimer/ });
  await expect(view).toHaveAttribute("href", `/api/v1/registrations/${reg.id}/recapitulatif.pdf`);
  await expect(view).toContainText("PDF – version 1");
  const summary = await page.request.get((await view.getAttribute("href"))!);
  expect(summary.status()).toBe(200);
  expect(summary.headers()["content-type"]).toContain("application/pdf");
  expect((await summary.body()).subarray(0, 5).toString()).toBe("%PDF-");
  // The browser downloads it under its registration number.
  const download = page.waitForEvent("download");
  await view.click();
  expect((await download).suggestedFilename()).toBe(`recapitulatif-${reg.registration_number}-v1.pdf`);
  await expect(page.getByText("Aucun autre document pour le moment.")).toBeVisible();
  await expectAccessible(page, "récapitulatif only");

  // The office publishes the convocation: the candidate finds it under its title.
  const staff = await staffToken(guichet);
  const convocation = pdf("convocation aux épreuves");
  await staffCall(guichet, staff, "PUT", `/api/v1/admin/registrations/${reg.id}/documents/convocation?file_name=convocation.pdf`, convocation, "application/pdf");
  await page.reload();
  const link = page.getByRole("link", { name: /^Convocation aux épreuves/ });
  await expect(link).toBeVisible();
  await expect(link).toContainText(`PDF – ${convocation.length}\u00a0octets – version 1 – publié le 1er novembre 2024`);
  // The récapitulatif stays first.
  const order = await page.locator(".fr-link--download").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
  expect(order).toEqual([`/api/v1/registrations/${reg.id}/recapitulatif.pdf`, `/api/v1/registrations/${reg.id}/documents/convocation`]);
  const got = await page.request.get((await link.getAttribute("href"))!);
  expect(got.status()).toBe(200);
  expect(got.headers()["content-type"]).toContain("application/pdf");
  expect(Buffer.compare(await got.body(), convocation)).toBe(0);
  await expectAccessible(page, "a published document");
  await screenshots(page, "mes-documents");
});

test("with several registrations, the candidate chooses one first", async ({ page, guichet }) => {
  await activeCandidate(guichet, "deux@example.org");
  const bac = await loginAndRegister(page, "deux@example.org");
  const cs = await loginAndRegister(page, "deux@example.org", {
    academy: "poitiers",
    exam: "cs",
    session: "2025",
    answers: {
      ...Object.fromEntries(Object.entries(bacPro2025.answers).filter(([k]) => ["acceptation", "address", "postal_code", "city", "phone"].includes(k))),
      speciality: "sommellerie",
      access_diploma: "CAP Commercialisation et services en hôtel-café-restaurant",
      eligibility: "training",
      training_school: "GRETA Poitou-Charentes",
    },
  });
  await page.goto("/mes-documents");
  await expect(page.getByText("Sélectionnez la candidature dont vous voulez consulter les documents.")).toBeVisible();
  const cards = page.locator(".fr-card");
  await expect(cards).toHaveCount(2);
  await expect(page.getByRole("link", { name: "Baccalauréat professionnel" })).toBeVisible();
  await expect(page.getByText(`Session juin 2025 – inscription n° ${cs.registration_number}`)).toBeVisible();
  await expectAccessible(page, "registration chooser");
  await page.setViewportSize({ width: 360, height: 800 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.getByRole("link", { name: "Certificat de spécialisation", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/mes-documents/${cs.id}$`));
  await expect(page.getByText(`Inscription n° ${cs.registration_number}`)).toBeVisible();
  await expect(page.getByRole("link", { name: /^Visualiser\/imprimer/ })).toHaveAttribute("href", `/api/v1/registrations/${cs.id}/recapitulatif.pdf`);

  // The same choice opens Mes justificatifs.
  await page.goto("/mes-justificatifs");
  await page.getByRole("link", { name: "Baccalauréat professionnel" }).click();
  await expect(page).toHaveURL(new RegExp(`/mes-justificatifs/${bac.id}$`));
  await expect(page.getByRole("heading", { name: "Certificats de travail" })).toBeVisible();
});
