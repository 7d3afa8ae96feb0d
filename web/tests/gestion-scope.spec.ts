// A manager sees only their own académie: a manager of Limoges finds none of Poitiers'
// registrations, and the address of one of them says it does not exist, showing nothing of it.
import path from "node:path";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { test, expect, activeAccount, createStaff, expectAccessible, loginAndRegister, staffLogIn } from "./guichet";

// The shipped scripts hold one académie: a second one, Limoges (Corrèze, Creuse, Haute-Vienne),
// made from Poitiers' script with its own code, name, number and départements.
function scriptsWithLimoges(): string {
  const shipped = path.resolve(import.meta.dirname, "../../scripts");
  const dir = path.join(mkdtempSync(path.join(tmpdir(), "guichet-scope-")), "scripts");
  cpSync(shipped, dir, { recursive: true });
  const poitiers = readFileSync(path.join(shipped, "academies/poitiers.lua"), "utf8");
  const limoges = poitiers
    .replace('code = "poitiers"', 'code = "limoges"')
    .replace('name = "Académie de Poitiers"', 'name = "Académie de Limoges"')
    .replace("number = 13", "number = 22")
    .replace('departments = { "16", "17", "79", "86" }', 'departments = { "19", "23", "87" }');
  expect(limoges).toContain('code = "limoges"');
  writeFileSync(path.join(dir, "academies/limoges.lua"), limoges);
  return dir;
}

const scripts = scriptsWithLimoges();
test.use({ simulatedTime: "2024-11-01T10:00:00+01:00", scripts });
// The server copies the folder at its start: ours goes once the file's tests are done.
test.afterAll(() => rmSync(path.dirname(scripts), { recursive: true, force: true }));

test("a manager of another académie sees none of Poitiers' registrations", async ({ page, guichet, browser }) => {
  test.setTimeout(180_000);
  await activeAccount(guichet, "camille.faure@example.org", { last_name: "Faure", first_name: "Camille" });
  const candidate = await (await browser.newContext({ baseURL: guichet.baseURL })).newPage();
  const reg = await loginAndRegister(candidate, "camille.faure@example.org");

  const limoges = createStaff(guichet, { email: "bureau@ac-limoges.fr", academy: "limoges", roles: "manager,auditor", name: "Bureau de Limoges" });
  await staffLogIn(page, limoges);

  // The search: nothing, neither the whole list nor by name nor by number.
  await page.goto("/gestion/inscriptions");
  await expect(page.getByText("Académie de Limoges").first()).toBeVisible();
  await expect(page.getByText("Aucune inscription ne correspond à cette recherche.")).toBeVisible();
  await expect(page.getByRole("table")).toHaveCount(0);
  for (const q of ["faure", reg.registration_number, reg.candidate_number]) {
    await page.goto(`/gestion/inscriptions?q=${encodeURIComponent(q)}`);
    await expect(page.getByText("Aucune inscription ne correspond à cette recherche.")).toBeVisible();
    await expect(page.getByText(/Faure/i)).toHaveCount(0);
  }
  await expectAccessible(page, "recherche d'une autre académie");
  // Nor the export.
  const csv = await page.request.get("/api/v1/admin/registrations.csv");
  expect(csv.status()).toBe(200);
  expect(await csv.text()).not.toContain("Faure");

  // The registration's own address: it does not exist, and nothing of it is shown.
  await page.goto(`/gestion/inscriptions/${reg.id}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Inscription introuvable");
  await expect(page.getByText("Cette inscription n'existe pas")).toBeVisible();
  const body = await page.locator("main").innerText();
  for (const secret of ["Faure", "Camille", reg.registration_number, reg.candidate_number, "Cathédrale", "Historique"])
    expect(body).not.toContain(secret);
  await expectAccessible(page, "inscription d'une autre académie");
  await page.setViewportSize({ width: 360, height: 800 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

  // Poitiers' own office does find it (the registration exists).
  const poitiers = createStaff(guichet, { email: "bureau@ac-poitiers.fr", roles: "manager", name: "Bureau de Poitiers" });
  const other = await (await browser.newContext({ baseURL: guichet.baseURL })).newPage();
  await staffLogIn(other, poitiers);
  await other.goto(`/gestion/inscriptions/${reg.id}`);
  await expect(other.getByRole("heading", { level: 1 })).toHaveText(`Inscription ${reg.registration_number}`);
});
