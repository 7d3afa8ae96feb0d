// What the Mes justificatifs / Mes documents specs share: registrations made through the API as
// the logged-in browser, staff of the académie (`guichet admin create-user` against the test
// server's data, TOTP as an authenticator app computes it), files to upload, screenshots.
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import { activeAccount, expect, password, staffToken as fixtureStaffToken, type Guichet } from "./guichet";

export { activeAccount as activeCandidate };

export const shots = path.resolve(import.meta.dirname, "../../docs/portal");


/** Valid answers for the shipped Poitiers bac pro 2025 (the C++ candidate API tests use them). */
export const bacPro2025 = {
  academy: "poitiers",
  exam: "bac_pro",
  session: "2025",
  answers: {
    acceptation: true,
    address: "15 rue de la Cathédrale",
    postal_code: "86000",
    city: "Poitiers",
    phone: "05 49 00 00 00",
    speciality: "cuisine",
    exam_form: "globale",
    foreign_language: "anglais",
    eligibility: "experience",
    experience_years: 4,
  },
};

/** Logs the browser in and registers through the API with the login's CSRF token. */
export async function loginAndRegister(page: Page, email: string, body: object = bacPro2025) {
  const login = await page.request.post("/api/v1/auth/login", { data: { email, password } });
  expect(login.status()).toBe(200);
  const { csrf_token } = await login.json();
  const r = await page.request.post("/api/v1/registrations", { data: body, headers: { "X-CSRF-Token": csrf_token } });
  expect(r.status(), await r.text()).toBe(201);
  return { ...((await r.json()) as { id: string; registration_number: string }), csrf: csrf_token as string };
}

/** A manager of the académie, logged in: its Bearer token. */
export const staffToken = (g: Guichet) => fixtureStaffToken(g, { roles: "manager" });

export async function staffCall(g: Guichet, token: string, method: string, url: string, body?: string | Buffer, type = "application/json") {
  const r = await fetch(g.baseURL + url, {
    method,
    headers: { Authorization: `Bearer ${token}`, "Content-Type": type },
    body,
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
