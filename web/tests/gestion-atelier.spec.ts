// The rules workbench (/gestion/regles/nouvelle): a rules editor moves the close of Poitiers'
// bac pro 2025 session in the editor; a syntax error is shown on its line in French and a click
// puts the cursor there; a refused submission lists the failing cases; with the cases updated,
// Vérifier passes; the diff shows the change; the simulator between the two closes shows the
// live version closed and the draft open; the draft survives a reload; the submission lands on
// the version's page.
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Locator, Page } from "@playwright/test";
import { test, expect, createStaff, expectAccessible, staffLogIn, type Guichet } from "./guichet";

test.use({ simulatedTime: "2024-11-01T10:00:00+01:00" });

const shots = path.resolve(import.meta.dirname, "../../docs/gestion");

/** Full-page screenshots at 1280 and 360 px (the page must not scroll sideways at 360 px). */
async function screenshots(page: Page, name: string, prepare?: () => Promise<void>) {
  await page.setViewportSize({ width: 1280, height: 800 });
  await prepare?.();
  await page.screenshot({ path: path.join(shots, `${name}-desktop.png`), fullPage: true });
  await page.setViewportSize({ width: 360, height: 800 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth), `${name} at 360 px`).toBeLessThanOrEqual(360);
  await prepare?.();
  await page.screenshot({ path: path.join(shots, `${name}-mobile.png`), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 800 });
}

/** One part of the page at 1280 and 360 px (a long page's full picture is unreadable, and
 * CodeMirror keeps its scroll only when the viewport is not resized for the capture). */
async function sectionShots(page: Page, part: Locator | null, name: string, prepare?: () => Promise<void>) {
  for (const [width, suffix] of [[1280, "desktop"], [360, "mobile"]] as const) {
    await page.setViewportSize({ width, height: 800 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth), `${name} at ${width} px`).toBeLessThanOrEqual(width);
    await prepare?.();
    const file = path.join(shots, `${name}-${suffix}.png`);
    // Without a part: the window as the person sees it after `prepare`.
    await (part ? part.screenshot({ path: file }) : page.screenshot({ path: file }));
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

/** Replaces a CodeMirror editor's whole text by a paste (CodeMirror reads the clipboard event;
 * typed-in text through the browser's own editing would carry inline styles the CSP refuses). */
async function replaceText(page: Page, editor: Locator, text: string) {
  await editor.click();
  await page.keyboard.press("ControlOrMeta+a");
  await editor.evaluate((el, t) => {
    const data = new DataTransfer();
    data.setData("text/plain", t);
    el.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}

/** The line number the cursor is on in the CodeMirror view that holds `editor`. */
function cursorLine(editor: Locator): Locator {
  return editor.locator("xpath=ancestor::div[contains(@class,'cm-editor')]").locator(".cm-lineNumbers .cm-activeLineGutter");
}

const closeBefore = `closes = "2024-11-13 19:00",
  final_registration = {
    mode = "upload",
    deadline = "2024-11-13 19:00",
    instructions = par_depot(),
  },
  portal_url = "https://candidat.examens-concours.gouv.fr/cyccandidat",`;
const closeAfter = closeBefore.replaceAll("2024-11-13 19:00", "2024-11-20 19:00");

/** The shipped script as it is, with a syntax error, and with bac pro 2025's close on 20
 * November; the window cases moved along with it. */
/** The 1-based line of the `nth` occurrence of `needle` in `text` (lines move when the script changes). */
function lineOf(text: string, needle: string, nth = 1): string {
  let at = -1;
  for (let i = 0; i < nth; ++i) at = text.indexOf(needle, at + 1);
  expect(at, `« ${needle} » n° ${nth}`).toBeGreaterThanOrEqual(0);
  return String(text.slice(0, at).split("\n").length);
}

function texts(scriptsDir: string) {
  const live = readFileSync(path.join(scriptsDir, "academies/poitiers.lua"), "utf8");
  const moved = live.replace(closeBefore, closeAfter);
  expect(moved).not.toBe(live);
  const folderCases = readFileSync(path.join(scriptsDir, "tests/fenetres.lua"), "utf8");
  const cases = folderCases
    .replaceAll("2024-11-13 18:59:59", "2024-11-20 18:59:59")
    .replaceAll("2024-11-13 19:00:00", "2024-11-20 19:00:00")
    .replaceAll("2024-11-13T22:59:59+05:00", "2024-11-20T22:59:59+05:00")
    .replaceAll("2024-11-13T23:00:00+05:00", "2024-11-20T23:00:00+05:00");
  return { live, moved, broken: live.replace("session {", "session {{"), folderCases, cases };
}

/** A rules editor of Poitiers (a new one per test: a TOTP code works once) on the workbench. */
async function openWorkbench(page: Page, guichet: Guichet, email: string) {
  const person = createStaff(guichet, { email, roles: "rules_editor", name: "Rédaction des règles" });
  await staffLogIn(page, person);
  await page.goto("/gestion/regles/nouvelle");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Nouvelle version des règles");
  const editor = page.getByRole("textbox", { name: /Brouillon du script de l'académie/ });
  await expect(editor).toContainText("Académie de Poitiers");
  return editor;
}

test("a syntax error is shown on its line in French, and a click puts the cursor there", async ({ page, guichet }) => {
  test.setTimeout(150_000);
  const { broken, live } = texts(guichet.scriptsDir);
  // "session {{" opens a table in the first session: Lua misses its "}" where the second starts.
  const faultLine = lineOf(live, "session {", 2);
  const editor = await openWorkbench(page, guichet, "regles-syntaxe@ac-poitiers.fr");
  await expect(page).toHaveTitle(/Nouvelle version des règles/);
  await expect(page.getByText("Le brouillon est identique à la version en service n° 1.")).toBeVisible();
  await expectAccessible(page, "brouillon initial");

  await replaceText(page, editor, broken);
  await page.getByRole("button", { name: "Vérifier" }).click();
  const verdict = page.locator("#atelier-verification");
  await expect(verdict.getByRole("heading", { name: "Le brouillon ne se charge pas" })).toBeVisible();
  await expect(verdict).toContainText("il manque « } »");
  const where = verdict.getByRole("button", { name: new RegExp(`academies/poitiers\\.lua:${faultLine}\\b`) });
  await expect(where).toBeVisible();
  await page.keyboard.press("ControlOrMeta+Home");
  await where.click();
  await expect(page.locator(".cm-lintRange-error").first()).toBeAttached();
  await expect(editor).toBeFocused();
  await expect(cursorLine(editor)).toHaveText(faultLine);
  // The same from the keyboard.
  await page.keyboard.press("ControlOrMeta+Home");
  await expect(cursorLine(editor)).toHaveText("1");
  await where.focus();
  await page.keyboard.press("Enter");
  await expect(editor).toBeFocused();
  await expect(cursorLine(editor)).toHaveText(faultLine);
  await expectAccessible(page, "défaut de syntaxe");
  await screenshots(page, "atelier-editeur");
  // The draft at the fault's line, marked, as the click shows it.
  await sectionShots(page, null, "atelier-editeur-defaut", async () => {
    await where.click();
    await page.waitForTimeout(300);
  });
});

test("the close moved: refused with the failing cases, then checked, compared, kept over a reload and submitted", async ({ page, guichet }) => {
  test.setTimeout(150_000);
  const { moved, cases } = texts(guichet.scriptsDir);
  const editor = await openWorkbench(page, guichet, "regles-cloture@ac-poitiers.fr");

  // The folder's cases still expect the 13th: the submission is refused with each failing
  // case, summarised at the top.
  await replaceText(page, editor, moved);
  await page.getByLabel("Ce qui change").fill("La clôture du bac pro 2025 passe au 20 novembre à 19 h.");
  await page.getByRole("button", { name: "Soumettre la version" }).click();
  const summary = page.locator(".fr-alert--error", { hasText: "La version n'a pas été soumise" }).first();
  await expect(summary).toBeFocused();
  await expect(summary).toContainText("tests/fenetres.lua:120");
  await expect(summary).toContainText("attendu");
  await expect(page).toHaveURL(/\/gestion\/regles\/nouvelle$/);
  await expectAccessible(page, "soumission refusée");

  // The cases follow the new close; Vérifier passes, nothing is stored.
  // The folder's cases, taken into the draft as they are: the failing one is a click away.
  await page.getByLabel("Reprendre un fichier de cas de test du dossier").selectOption("tests/fenetres.lua");
  await page.getByRole("button", { name: "Reprendre ce fichier dans le brouillon" }).click();
  await expect(page.getByLabel("Chemin du fichier de cas de test")).toHaveValue("tests/fenetres.lua");
  const casesEditor = page.getByRole("textbox", { name: "Cas de test tests/fenetres.lua" });
  await page.getByRole("button", { name: "Vérifier" }).click();
  const verdict = page.locator("#atelier-verification");
  await verdict.getByRole("button", { name: /tests\/fenetres\.lua:120/ }).click();
  await expect(casesEditor).toBeFocused();
  await expect(cursorLine(casesEditor)).toHaveText("120");
  await replaceText(page, casesEditor, cases);
  await page.getByRole("button", { name: "Vérifier" }).click();
  await expect(verdict.getByRole("heading", { name: /Le brouillon passe les \d+ tests\./ })).toBeVisible();
  await expect(page.locator(".cm-lintRange-error")).toHaveCount(0);
  await expectAccessible(page, "vérification réussie");

  // The diff: the live version beside the draft, the changed lines marked.
  const diff = page.getByRole("region", { name: "Différences avec la version en service" });
  await expect(diff.locator(".cm-changedLine", { hasText: "2024-11-20 19:00" }).first()).toBeVisible();
  await expect(diff.locator(".cm-changedLine", { hasText: "2024-11-13 19:00" }).first()).toBeVisible();

  // A reload keeps the draft (this tab's sessionStorage: rules text, no token).
  await page.reload();
  await expect(page.getByRole("heading", { name: "Votre brouillon a été repris" })).toBeVisible();
  await expect(page.getByRole("textbox", { name: "Cas de test tests/fenetres.lua" })).toBeAttached();
  const stored = await page.evaluate(() => JSON.stringify({ ...localStorage, ...sessionStorage }));
  expect(stored).toContain("2024-11-20 19:00");
  expect(stored).not.toMatch(/csrf|guichet_staff/i);

  // Without a note the page says so; with it the version is staged and its page opens.
  await page.getByLabel("Ce qui change").fill("");
  await page.getByRole("button", { name: "Soumettre la version" }).click();
  await expect(page.locator(".fr-alert--error", { hasText: "La version n'a pas été soumise" }).first()).toBeFocused();
  await expect(page.locator(".fr-input-group--error", { hasText: "Dites en une phrase" })).toBeVisible();
  await expectAccessible(page, "note manquante");
  await page.getByLabel("Ce qui change").fill("La clôture du bac pro 2025 passe au 20 novembre à 19 h.");
  await page.getByRole("button", { name: "Soumettre la version" }).click();
  await expect(page).toHaveURL(/\/gestion\/regles\/versions\/2$/);
  expect(await page.evaluate(() => sessionStorage.getItem("guichet-atelier-brouillon:poitiers"))).toBeNull();
});

test("the simulator between the two closes: the live version closed, the draft open, each line a click away", async ({ page, guichet }) => {
  test.setTimeout(150_000);
  const { moved } = texts(guichet.scriptsDir);
  const closeLine = lineOf(moved, closeAfter);
  const editor = await openWorkbench(page, guichet, "regles-simulateur@ac-poitiers.fr");
  await replaceText(page, editor, moved);

  const simulator = page.getByRole("region", { name: "Simulateur" });
  await simulator.getByLabel("Examen et session").selectOption({ label: "Baccalauréat professionnel – Session juin 2025" });
  await expect(simulator.getByText("Réponses du candidat")).toBeVisible();
  await simulator.getByLabel("Date", { exact: true }).fill("2024-11-15");
  await simulator.getByLabel("Heure", { exact: true }).fill("12:00");
  await simulator.getByLabel("Date de naissance").fill("2001-03-12");
  await simulator.getByLabel("Nationalité").selectOption({ label: "Française" });
  await simulator.getByLabel(/Code postal/).fill("86000");
  await simulator.getByRole("button", { name: "Simuler" }).click();
  const liveCard = simulator.locator(".fr-card", { has: page.getByRole("heading", { name: "Version en service" }) });
  const draftCard = simulator.locator(".fr-card", { has: page.getByRole("heading", { name: "Brouillon" }) });
  await expect(simulator.getByRole("heading", { name: "Résultat de la simulation" })).toBeFocused();
  await expect(liveCard).toContainText("Closes");
  await expect(draftCard).toContainText("Ouvertes");
  await expect(simulator.getByText("Inscriptions : « Closes » avec la version en service, « Ouvertes » avec le brouillon.")).toBeVisible();
  // The moved date itself, said in the académie's time.
  await expect(
    simulator.getByText(
      "Clôture des inscriptions : le 13 novembre 2024 à 19\u00a0h\u00a000 avec la version en service, le 20 novembre 2024 à 19\u00a0h\u00a000 avec le brouillon.",
    ),
  ).toBeVisible();
  await expectAccessible(page, "simulation");
  await sectionShots(page, simulator, "atelier-simulateur");

  // The draft's close came from its line: the click goes there in the editor.
  await page.keyboard.press("ControlOrMeta+Home");
  await draftCard.getByRole("listitem").filter({ hasText: "Clôture des inscriptions" }).getByRole("button").click();
  await expect(editor).toBeFocused();
  await expect(cursorLine(editor)).toHaveText(closeLine);
  // The live version's line opens its text, read-only, at that line.
  await liveCard.getByRole("listitem").filter({ hasText: "Clôture des inscriptions" }).getByRole("button").click();
  await expect(page.getByRole("heading", { name: `Version en service n° 1, ligne ${closeLine}` })).toBeFocused();
  await expectAccessible(page, "version en service ouverte");

  // Nothing chosen: the page says what is missing, beside the field and at the top.
  await page.reload();
  await page.getByRole("region", { name: "Simulateur" }).getByRole("button", { name: "Simuler" }).click();
  await expect(page.locator(".fr-alert--error", { hasText: "La simulation n'a pas pu être faite" })).toBeFocused();
  await expectAccessible(page, "simulation sans session");
});

test("the workbench is for rules editors: a manager is told it is not open to them", async ({ page, guichet }) => {
  const manager = createStaff(guichet, { email: "bureau-atelier@ac-poitiers.fr", roles: "manager", name: "Bureau des examens" });
  await staffLogIn(page, manager);
  await page.goto("/gestion/regles/nouvelle");
  await expect(page.getByText("Cette page ne vous est pas ouverte")).toBeVisible();
});
