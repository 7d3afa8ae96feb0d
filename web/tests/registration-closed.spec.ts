// After the close: the wizard says the service is closed, Mon inscription offers no Modifier.
// The registration is made for real while the window is open: the server starts at
// 2024-11-13T18:59:40+01:00, the candidate registers through the API, and the test waits until
// the simulated clock (it runs in real time) passes the 19:00 close, as guichet itself sees it.
// (guichet has no way to move a running clock, and a derogation would reopen the window.)
import { test, expect, expectAccessible, loginAndRegister } from "./guichet";
import { activeAccount } from "./registration-helpers";

test.use({ simulatedTime: "2024-11-13T18:59:40+01:00" });

test("after the close the wizard says the service is closed and Modifier is gone", async ({ page, guichet }) => {
  test.setTimeout(240_000);
  const email = "retardataire@example.org";
  await activeAccount(guichet, email);
  const registration = await loginAndRegister(page, email);
  const csrf = registration.csrf;

  // Wait for the server's clock to pass 19:00: no service open any more.
  await expect
    .poll(async () => (await (await page.request.get("/api/v1/services")).json()).services.length, {
      timeout: 90_000,
      intervals: [1_000],
    })
    .toBe(0);
  // The API agrees: neither a new registration nor a modification.
  const late = await page.request.post("/api/v1/registrations", {
    headers: { "X-CSRF-Token": csrf },
    data: { academy: "poitiers", exam: "bp", session: "2025", answers: {} },
  });
  expect(late.status()).toBe(409);
  expect((await late.json()).error.code).toBe("service_closed");

  // M'inscrire: nothing open.
  await page.goto("/inscription");
  await expect(page.getByText("Aucun service n'est ouvert")).toBeVisible();
  await expectAccessible(page, "m'inscrire, aucun service");

  // The wizard of a closed session: the dates, no form.
  await page.goto("/inscription/poitiers/bp/2025");
  await expect(page.getByRole("heading", { name: "Le service d'inscription est fermé" })).toBeVisible();
  await expect(page.locator("#contenu")).toContainText("au 13 novembre 2024 à 19\u00a0h\u00a000");
  await expect(page.getByRole("button", { name: "Suivant" })).toHaveCount(0);
  await expectAccessible(page, "assistant, service fermé");

  // Mon inscription: kept, readable, no Modifier; the récapitulatif is no longer downloadable.
  await page.goto(`/mes-inscriptions/${registration.id}`);
  await expect(page.getByRole("heading", { level: 1, name: "Mon inscription" })).toBeVisible();
  await expect(page.locator("#contenu")).toContainText(registration.registration_number);
  await expect(page.getByRole("heading", { name: "Les modifications ne sont plus possibles" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Modifier" })).toHaveCount(0);
  await expect(page.locator("#contenu")).toContainText("n'est plus téléchargeable depuis la clôture des inscriptions");
  await expect(page.getByRole("link", { name: /Ajouter les échéances à mon agenda/ })).toBeVisible();
  await expectAccessible(page, "mon inscription, après la clôture");

  // The modification page, reached by its address, refuses too.
  await page.goto(`/mes-inscriptions/${registration.id}/modifier`);
  await expect(page.getByRole("heading", { name: "Les modifications ne sont plus possibles" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Suivant" })).toHaveCount(0);
  await expectAccessible(page, "modification, après la clôture");
});
