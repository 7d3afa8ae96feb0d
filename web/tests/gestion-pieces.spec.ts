// The back office's « Pièces à examiner »: a candidate's piece reviewed by a manager with the
// file shown in the page, refused with a reason from the list (the candidate reads it on « Mes
// justificatifs »), accepted with the keyboard shortcut, the shortcuts turned off doing nothing.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { deflateSync } from "node:zlib";
import type { Browser, Page } from "@playwright/test";
import { activeAccount, createStaff, expect, expectAccessible, loginAndRegister, staffLogIn, test, type Guichet } from "./guichet";

test.use({ simulatedTime: "2024-11-01T10:00:00+01:00" });
test.describe.configure({ timeout: 120_000 });

const shots = path.resolve(import.meta.dirname, "../../docs/gestion");

// The whole page in one viewport rather than `fullPage`: Chromium's PDF viewer (a frame of its
// own) is not repainted into a full-page capture, which would show its empty dark background.
async function screenshots(page: Page, name: string) {
  mkdirSync(shots, { recursive: true });
  for (const [width, suffix] of [[1280, "desktop"], [360, "mobile"]] as const) {
    await page.setViewportSize({ width, height: 800 });
    if (width === 360) expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    await page.setViewportSize({ width, height });
    await page.waitForTimeout(800);
    await page.screenshot({ path: path.join(shots, `${name}-${suffix}.png`) });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

/** A one-page PDF a viewer can draw (real objects and cross-reference table), ASCII text. */
function drawablePdf(lines: string[]): Buffer {
  const text = lines.map((l, i) => `BT /F1 22 Tf 60 ${760 - i * 34} Td (${l.replace(/[()\\]/g, "\\$&")}) Tj ET`).join("\n");
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    `<< /Length ${Buffer.byteLength(text)} >>\nstream\n${text}\nendstream`,
  ];
  let out = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(out));
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out);
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, "0")} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, "latin1");
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(b: Buffer): number {
  let c = 0xffffffff;
  for (const x of b) c = crcTable[(c ^ x) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** A small PNG (a card-like picture: a blue band over grey), drawn here. */
function png(width = 320, height = 200): Buffer {
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 3 + 1)] = 0;
    for (let x = 0; x < width; x++) {
      const o = y * (width * 3 + 1) + 1 + x * 3;
      const band = y < 50;
      raw[o] = band ? 0 : 225;
      raw[o + 1] = band ? 0 : 225;
      raw[o + 2] = band ? 145 : 225;
    }
  }
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(td));
    return Buffer.concat([len, td, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  return Buffer.concat([
    Buffer.from("89504e470d0a1a0a", "hex"),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(raw)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/** A candidate registered to Poitiers bac pro 2025 in their own browser context. */
async function candidate(browser: Browser, guichet: Guichet, email: string) {
  await activeAccount(guichet, email);
  const context = await browser.newContext({ baseURL: guichet.baseURL });
  const page = await context.newPage();
  const reg = await loginAndRegister(page, email);
  const give = async (code: string, name: string, bytes: Buffer, mimeType: string) => {
    const r = await page.request.post(`/api/v1/registrations/${reg.id}/pieces/${code}`, {
      multipart: { file: { name, mimeType, buffer: bytes } },
      headers: { "X-CSRF-Token": reg.csrf },
    });
    expect(r.status(), await r.text()).toBe(201);
  };
  return { page, context, reg, give };
}

test("a manager sees the candidate's PDF in the page and refuses it with a reason from the list; the candidate reads the reason", async ({ page, guichet, browser }) => {
  const cand = await candidate(browser, guichet, "revue@example.org");
  await cand.give("identite", "carte-identite.pdf", drawablePdf(["Carte nationale d'identite", "MARTIN Elodie", "nee le 12/03/2001 a Poitiers"]), "application/pdf");

  const manager = createStaff(guichet, { email: "revue@ac-poitiers.fr", roles: "manager", name: "Paul Revue" });
  await staffLogIn(page, manager);
  const file = page.waitForResponse((r) => r.url().includes("/pieces/identite/files/") && r.url().includes("inline=1"));
  await page.goto("/gestion/pieces");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Pièces à examiner");
  await expect(page.getByText("1 inscription a au moins une pièce reçue à examiner.")).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Pièce d'identité" })).toBeVisible();
  await expect(page.getByText("Martin Élodie, né(e) le 12 mars 2001")).toBeVisible();
  await expect(page.getByRole("link", { name: `n° ${cand.reg.registration_number}` })).toBeVisible();
  await expect(page.getByText("Baccalauréat professionnel, Session juin 2025")).toBeVisible();
  // The shortcuts are listed where the person works.
  for (const line of ["A : accepter la pièce", "R : refuser la pièce (choisir le motif)", "S ou → : pièce suivante", "← : pièce précédente"])
    await expect(page.getByText(line)).toBeVisible();

  // The file, in the page, from guichet itself.
  const frame = page.locator('iframe[title="Fichier « carte-identite.pdf » de la pièce « Pièce d\'identité »"]');
  await expect(frame).toBeVisible();
  expect(await frame.getAttribute("src")).toMatch(new RegExp(`^/api/v1/admin/registrations/${cand.reg.id}/pieces/identite/files/[0-9a-f]+\\?inline=1$`));
  const answer = await file;
  expect(answer.status()).toBe(200);
  expect(answer.headers()["content-type"]).toBe("application/pdf");
  // Shown, not downloaded, and framed by this site only (once the server answers ?inline=1).
  if (answer.headers()["content-disposition"]?.startsWith("inline"))
    expect(answer.headers()["content-security-policy"]).toContain("frame-ancestors 'self'");
  else console.log(`?inline=1 not yet served inline: ${answer.headers()["content-disposition"]}`);
  await expectAccessible(page, "a PDF under review");
  await screenshots(page, "pieces");

  // Refusing without a reason: the fault beside the list and summarised, focused.
  await page.getByRole("button", { name: "Refuser", exact: true }).click();
  await expect(page.getByLabel("Motif du refus")).toBeFocused();
  await page.getByRole("button", { name: "Confirmer le refus" }).click();
  const summary = page.locator(".fr-alert--error", { hasText: "Le refus n'a pas été enregistré" });
  await expect(summary).toBeFocused();
  await expect(summary.getByRole("link", { name: "Motif du refus : Choisissez un motif dans la liste." })).toBeVisible();
  await expect(page.locator(".fr-select-group--error")).toContainText("Choisissez un motif dans la liste.");
  await expectAccessible(page, "refusal without a reason");
  await screenshots(page, "pieces-refus");

  await page.getByLabel("Motif du refus").selectOption({ label: "Document illisible" });
  await page.getByRole("button", { name: "Confirmer le refus" }).click();
  await expect(page.getByRole("status").filter({ hasText: "« Pièce d'identité » de Élodie Martin : refusée." })).toBeVisible();
  await expect(page.getByText("La file est parcourue")).toBeVisible();
  await expect(page.getByText("Aucune inscription n'a de pièce à examiner.")).toBeVisible();
  await expectAccessible(page, "queue done");

  // The candidate, in their own browser, reads the office's reason.
  await cand.page.goto(`/mes-justificatifs/${cand.reg.id}`);
  const card = cand.page.locator("section.fr-card", { has: cand.page.getByRole("heading", { name: "Pièce d'identité", exact: true }) });
  await expect(card).toContainText("Document illisible : le fichier ne permet pas de lire les informations demandées.");
  await cand.context.close();
});

test("a written reason, an image shown, accepting with A; with the shortcuts off the keys do nothing", async ({ page, guichet, browser }) => {
  const cand = await candidate(browser, guichet, "clavier@example.org");
  await cand.give("identite", "passeport.png", png(), "image/png");
  await cand.give("domicile", "facture.pdf", drawablePdf(["Facture d'electricite", "15 rue de la Cathedrale, Poitiers"]), "application/pdf");
  await cand.give("jdc", "jdc.pdf", drawablePdf(["Certificat de participation JDC"]), "application/pdf");
  const state = async (code: string) => {
    const r = await cand.page.request.get(`/api/v1/registrations/${cand.reg.id}/pieces`);
    return (await r.json()).pieces.find((p: { code: string }) => p.code === code).state as string;
  };

  const manager = createStaff(guichet, { email: "clavier@ac-poitiers.fr", roles: "manager", name: "Anne Clavier" });
  await staffLogIn(page, manager);
  await page.goto("/gestion/pieces");
  await expect(page.getByRole("heading", { level: 2, name: "Pièce d'identité" })).toBeVisible();
  await expect(page.getByText("pièce 1 sur 3 à examiner pour cette inscription")).toBeVisible();
  // The image is drawn from guichet.
  const img = page.getByRole("img", { name: "Fichier « passeport.png » de la pièce « Pièce d'identité »" });
  await expect(img).toBeVisible();
  await expect.poll(() => img.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth)).toBe(320);
  await expectAccessible(page, "an image under review");
  await screenshots(page, "pieces-image");

  // A accepts, and the next piece comes.
  await page.keyboard.press("a");
  await expect(page.getByRole("status").filter({ hasText: "« Pièce d'identité » de Élodie Martin : acceptée." })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Justificatif de domicile" })).toBeFocused();
  expect(await state("identite")).toBe("accepted");

  // → and ← move between pieces without reviewing them.
  await page.keyboard.press("ArrowRight");
  await expect(page.getByRole("heading", { level: 2, name: /JDC/ })).toBeVisible();
  await page.keyboard.press("ArrowLeft");
  await expect(page.getByRole("heading", { level: 2, name: "Justificatif de domicile" })).toBeVisible();

  // R opens the refusal; a written reason (« Autre motif »), typed keys are not shortcuts.
  await page.keyboard.press("r");
  await expect(page.getByLabel("Motif du refus")).toBeFocused();
  await page.getByLabel("Motif du refus").selectOption({ label: "Autre motif (à écrire)" });
  await page.getByRole("button", { name: "Confirmer le refus" }).click();
  await expect(page.locator(".fr-alert--error", { hasText: "Motif écrit : Écrivez le motif que le candidat lira." })).toBeFocused();
  await expectAccessible(page, "written reason missing");
  await page.getByLabel("Motif écrit").fill("La facture date de plus de trois mois : déposez une facture récente à votre adresse.");
  await expect(page.getByRole("heading", { level: 2, name: "Justificatif de domicile" })).toBeVisible();
  await page.getByRole("button", { name: "Confirmer le refus" }).click();
  await expect(page.getByRole("heading", { level: 2, name: /JDC/ })).toBeFocused();
  expect(await state("domicile")).toBe("rejected");

  // Shortcuts off: A, R, S and the arrows do nothing.
  await page.getByText("Activer les raccourcis clavier").click();
  await expect(page.getByRole("checkbox", { name: "Activer les raccourcis clavier" })).not.toBeChecked();
  await page.getByRole("heading", { level: 2, name: /JDC/ }).focus();
  for (const key of ["a", "r", "s", "ArrowRight", "ArrowLeft"]) await page.keyboard.press(key);
  await page.waitForTimeout(500);
  await expect(page.getByRole("heading", { level: 2, name: /JDC/ })).toBeVisible();
  await expect(page.getByLabel("Motif du refus")).toHaveCount(0);
  expect(await state("jdc")).toBe("received");
  await expectAccessible(page, "shortcuts off");
  // The choice holds after a reload (this browser only).
  await page.reload();
  await expect(page.getByRole("checkbox", { name: "Activer les raccourcis clavier" })).not.toBeChecked();

  // The candidate reads the written reason.
  await cand.page.goto(`/mes-justificatifs/${cand.reg.id}`);
  await expect(cand.page.getByText("La facture date de plus de trois mois : déposez une facture récente à votre adresse.")).toBeVisible();
  await cand.context.close();
});
