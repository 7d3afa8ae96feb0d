// What the Mes justificatifs / Mes documents specs share: registrations made through the API as
// the logged-in browser, staff of the académie (`guichet admin create-user` against the test
// server's data, TOTP as an authenticator app computes it), files to upload, screenshots.
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import { activeAccount, bacPro2025, loginAndRegister, staffToken as fixtureStaffToken, expect, type Guichet } from "./guichet";

export { activeAccount as activeCandidate, bacPro2025, loginAndRegister };

export const shots = path.resolve(import.meta.dirname, "../../docs/portal");


/** A manager of the académie, logged in: its Bearer token. */
export const staffToken = (g: Guichet) => fixtureStaffToken(g, { roles: "manager" });

export async function staffCall(g: Guichet, token: string, method: string, url: string, body?: string | Buffer, type = "application/json") {
  const r = await fetch(g.baseURL + url, {
    method,
    headers: { Authorization: `Bearer ${token}`, "Content-Type": type },
    body: body as BodyInit | undefined,
  });
  expect(r.status, await r.clone().text()).toBeLessThan(300);
  return r;
}

/** A small valid PDF (what the server sniffs: the %PDF- header). */
export function pdf(text = "justificatif"): Buffer {
  return Buffer.from(`%PDF-1.4\n% ${text}\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n`);
}

export function file(name: string, bytes: Buffer, mimeType = "application/pdf") {
  return { name, mimeType, buffer: bytes };
}

/** Full-page screenshots at desktop (1280 px) and phone (360 px) widths, and no sideways scroll. */
export async function screenshots(page: Page, name: string) {
  mkdirSync(shots, { recursive: true });
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: path.join(shots, `${name}-desktop.png`), fullPage: true });
  await page.setViewportSize({ width: 360, height: 800 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await page.screenshot({ path: path.join(shots, `${name}-mobile.png`), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
}
