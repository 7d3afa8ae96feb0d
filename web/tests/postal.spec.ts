// A postal session (Poitiers CAP 2023, open on 1 November 2022): « Mes justificatifs » gives
// the session's postal instructions, its deadline and the Rectorat's address, and no upload.
import { expect, expectAccessible, test } from "./guichet";
import { activeCandidate, loginAndRegister, screenshots } from "./piecesSupport";

test.use({ simulatedTime: "2022-11-01T10:00:00+01:00" });
// Uploads, axe runs and two screen widths take time on a loaded machine.
test.describe.configure({ timeout: 120_000 });

test("a CAP 2023 registration shows the postal instructions instead of the upload", async ({ page, guichet }) => {
  await activeCandidate(guichet, "courrier@example.org");
  const reg = await loginAndRegister(page, "courrier@example.org", {
    academy: "poitiers",
    exam: "cap",
    session: "2023",
    answers: {
      acceptation: true,
      address: "15 rue de la Cathédrale",
      postal_code: "86000",
      city: "Poitiers",
      phone: "05 49 00 00 00",
      speciality: "cuisine",
      exam_form: "globale",
    },
  });
  // The API says so too: no pieces online for this session.
  const pieces = await page.request.get(`/api/v1/registrations/${reg.id}/pieces`);
  expect(pieces.status()).toBe(409);
  expect((await pieces.json()).error.code).toBe("postal_session");

  await page.goto("/mes-justificatifs");
  await expect(page).toHaveURL(new RegExp(`/mes-justificatifs/${reg.id}$`));
  await expect(page.getByText("Pièces justificatives à envoyer par courrier")).toBeVisible();
  await expect(page.getByText("Pour cette session, les pièces justificatives ne se déposent pas en ligne")).toBeVisible();
  // The session's own instructions, its deadline, where to send.
  await expect(page.getByText(/envoyez-la par courrier postal au Rectorat de l'académie de Poitiers, accompagnée des pièces justificatives, avant le 24 novembre 2022/)).toBeVisible();
  await expect(page.getByText("Date limite d'envoi : votre dossier doit être envoyé avant le 24 novembre 2022.")).toBeVisible();
  const address = page.locator("address");
  await expect(address).toContainText("Rectorat de l'académie de Poitiers");
  await expect(address).toContainText("86022 Poitiers Cedex");
  await expect(page.getByRole("link", { name: "Imprimer ma confirmation d'inscription depuis Mes documents" })).toHaveAttribute(
    "href",
    `/mes-documents/${reg.id}`,
  );
  // Nothing to upload or confirm.
  await expect(page.locator("input[type=file]")).toHaveCount(0);
  await expect(page.getByRole("button", { name: /Ajouter/ })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "J'ai fourni toutes mes pièces" })).toHaveCount(0);
  await expectAccessible(page, "postal session");
  await screenshots(page, "justificatifs-postal");

  // Its documents page works the same way.
  await page.getByRole("link", { name: "Imprimer ma confirmation d'inscription depuis Mes documents" }).click();
  await expect(page.getByRole("link", { name: /^Visualiser\/imprimer/ })).toBeVisible();
});
