// « Mes données personnelles » (RGPD right of access): from « Modifier mon compte » the candidate
// downloads one ZIP from GET /api/v1/me/export holding donnees.json (account, registrations,
// pieces, documents), LISEZMOI.txt and their files byte for byte; without a session, 401 JSON.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import type { Page } from "@playwright/test";
import { expect, expectAccessible, test } from "./guichet";
import { activeCandidate, file, loginAndRegister, pdf, staffCall, staffToken } from "./piecesSupport";

// Poitiers bac pro 2025: registrations and uploads open on 1 November 2024.
test.use({ simulatedTime: "2024-11-01T10:00:00+01:00" });
test.describe.configure({ timeout: 120_000 });

const sha256 = (b: Buffer) => createHash("sha256").update(b).digest("hex");

/** Every entry of a ZIP: its name, its bytes' SHA-256, and its text when it is one of the two
 * text files. Python's zipfile (python3 is in tools/deps.sh already) reads it, so the test needs
 * no unzip library and checks the archive with a reader other than the server's. */
function readZip(zipPath: string): { entries: Record<string, string>; texts: Record<string, string> } {
  const script = [
    "import hashlib, json, sys, zipfile",
    "z = zipfile.ZipFile(sys.argv[1])",
    "bad = z.testzip()",
    "assert bad is None, 'corrupt entry: %s' % bad",
    "entries = {i.filename: hashlib.sha256(z.read(i)).hexdigest() for i in z.infolist() if not i.is_dir()}",
    "texts = {n: z.read(n).decode('utf-8') for n in entries if n in ('donnees.json', 'LISEZMOI.txt')}",
    "print(json.dumps({'entries': entries, 'texts': texts}))",
  ].join("\n");
  const r = spawnSync("python3", ["-c", script, zipPath], { encoding: "utf8" });
  expect(r.status, `the download is not a readable ZIP: ${r.stderr}`).toBe(0);
  return JSON.parse(r.stdout);
}

/** The entries under `folder` whose bytes are `bytes`. */
const holding = (entries: Record<string, string>, folder: string, bytes: Buffer) =>
  Object.keys(entries).filter((n) => n.startsWith(folder) && entries[n] === sha256(bytes));

async function exportLink(page: Page) {
  await page.goto("/mon-compte");
  await expect(page.getByRole("heading", { level: 2, name: "Mes données personnelles" })).toBeVisible();
  const link = page.getByRole("link", { name: /^Télécharger mes données \(ZIP\)/ });
  await expect(link).toHaveAttribute("href", "/api/v1/me/export");
  await expect(link).toHaveAttribute("download", "");
  return link;
}

test("« Mon compte » downloads everything held about the candidate as a ZIP with their piece's bytes", async ({ page, guichet, browser }, testInfo) => {
  // Another candidate of the same académie, with a piece: nothing of theirs may be in the export.
  await activeCandidate(guichet, "voisin@example.org", { last_name: "Voisin", first_name: "Paul" });
  const other = await browser.newContext({ baseURL: guichet.baseURL });
  const otherPage = await other.newPage();
  const otherReg = await loginAndRegister(otherPage, "voisin@example.org");
  const otherPiece = pdf("pièce d'identité de Paul Voisin");
  const otherUp = await otherPage.request.post(`/api/v1/registrations/${otherReg.id}/pieces/identite`, {
    multipart: { file: file("identite-voisin.pdf", otherPiece) },
    headers: { "X-CSRF-Token": otherReg.csrf },
  });
  expect(otherUp.status(), await otherUp.text()).toBe(201);
  await other.close();

  const email = "donnees@example.org";
  await activeCandidate(guichet, email, { last_name: "Lefèvre", first_name: "Inès" });
  const reg = await loginAndRegister(page, email);
  // A piece uploaded as the browser would (the page's own form is tested in pieces.spec.ts).
  const piece = pdf("pièce d'identité d'Inès Lefèvre");
  const up = await page.request.post(`/api/v1/registrations/${reg.id}/pieces/identite`, {
    multipart: { file: file("carte-identite.pdf", piece) },
    headers: { "X-CSRF-Token": reg.csrf },
  });
  expect(up.status(), await up.text()).toBe(201);
  // A document the office publishes is the candidate's too.
  const convocation = pdf("convocation d'Inès Lefèvre");
  await staffCall(guichet, await staffToken(guichet), "PUT",
    `/api/v1/admin/registrations/${reg.id}/documents/convocation?file_name=convocation.pdf`, convocation, "application/pdf");

  const link = await exportLink(page);
  await expect(page.getByText(/peut être volumineuse/)).toBeVisible();
  await expectAccessible(page, "Mes données personnelles");
  await page.setViewportSize({ width: 360, height: 800 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth), "no sideways scroll at 360 px").toBeLessThanOrEqual(360);
  await page.setViewportSize({ width: 1280, height: 900 });

  const download = page.waitForEvent("download");
  await link.click();
  const got = await download;
  expect(got.suggestedFilename()).toMatch(/^mes-donnees-\d{4}-\d{2}-\d{2}\.zip$/);
  const saved = testInfo.outputPath("mes-donnees.zip");
  await got.saveAs(saved);
  const { entries, texts } = readZip(saved);

  expect(Object.keys(entries), "donnees.json and LISEZMOI.txt at the root").toEqual(
    expect.arrayContaining(["donnees.json", "LISEZMOI.txt"]),
  );
  let parsed: unknown;
  expect(() => (parsed = JSON.parse(texts["donnees.json"])), "donnees.json is JSON").not.toThrow();
  // Searched in a re-serialised copy: "\u00e8" and "è" are the same letter to a JSON reader.
  const json = JSON.stringify(parsed);
  for (const expected of [reg.registration_number, email, "Lefèvre", "carte-identite.pdf", sha256(piece)])
    expect(json, `donnees.json mentions ${expected}`).toContain(expected);
  for (const foreign of [otherReg.registration_number, "voisin@example.org", "identite-voisin.pdf", sha256(otherPiece)])
    expect(json, `donnees.json holds nothing of another candidate (${foreign})`).not.toContain(foreign);
  expect(texts["LISEZMOI.txt"].trim().length, "LISEZMOI.txt is not empty").toBeGreaterThan(0);
  expect(holding(entries, `pieces/${reg.registration_number}/`, piece), "the piece's file, same bytes").toHaveLength(1);
  // What the office published is the candidate's too, as « Mes documents » lists it (beside the
  // récapitulatif): in donnees.json and as a file.
  const mine = (parsed as { registrations?: { registration_number?: string; documents?: { type?: string }[] }[] })
    .registrations?.find((r) => r.registration_number === reg.registration_number);
  expect(mine?.documents?.map((d) => d.type), "donnees.json lists the récapitulatif and the published convocation").toEqual(
    expect.arrayContaining(["recapitulatif", "convocation"]),
  );
  expect(holding(entries, `documents/${reg.registration_number}/`, convocation), "the published convocation, same bytes").toHaveLength(1);
  expect(Object.values(entries), "no file of another candidate").not.toContain(sha256(otherPiece));
  // The page is still there, and still accessible, after the download.
  await expect(page).toHaveURL(/\/mon-compte$/);
  await expectAccessible(page, "after the download");
});

test("without a session the export answers 401 in JSON, and with a logged-out session's cookie too", async ({ page, guichet, playwright }) => {
  const stranger = await playwright.request.newContext({ baseURL: guichet.baseURL });
  const anonymous = await stranger.get("/api/v1/me/export");
  expect(anonymous.status()).toBe(401);
  expect(anonymous.headers()["content-type"]).toContain("application/json");
  expect((await anonymous.json()).error?.code).toBe("unauthenticated");
  await stranger.dispose();

  const email = "sortie@example.org";
  await activeCandidate(guichet, email);
  await loginAndRegister(page, email);
  await exportLink(page);
  const session = (await page.context().cookies()).find((c) => c.name === "guichet_session");
  expect(session, "the candidate's session cookie").toBeTruthy();
  // A copy of the cookie, sent from elsewhere: it opens the account while the session lives…
  const replay = await playwright.request.newContext({
    baseURL: guichet.baseURL,
    extraHTTPHeaders: { Cookie: `guichet_session=${session!.value}` },
  });
  expect((await replay.get("/api/v1/me")).status(), "the copied cookie works before logging out").toBe(200);
  await page.getByRole("button", { name: "Se déconnecter" }).click();
  await expect(page).toHaveURL(/\/connexion\?deconnecte=1$/);
  // …and, once the candidate logged out, no longer gives their data.
  const after = await replay.get("/api/v1/me/export");
  expect(after.status(), "a logged-out session's cookie no longer opens the export").toBe(401);
  expect((await after.json()).error?.code).toBe("unauthenticated");
  await replay.dispose();
});
