// What the Mes justificatifs / Mes documents specs share: registrations made through the API as
// the logged-in browser, staff of the académie (`guichet admin create-user` against the test
// server's data, TOTP as an authenticator app computes it), files to upload, screenshots.
import { spawnSync } from "node:child_process";
import { createHmac } from "node:crypto";
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import { expect, password, type Guichet } from "./guichet";


const repo = path.resolve(import.meta.dirname, "../..");
const binary = process.env.GUICHET_BIN ?? path.join(repo, "build/guichet");
export const shots = path.resolve(import.meta.dirname, "../../docs/portal");

/**
 * The browser's own words in French too (the file chooser's "Sélect. fichiers / Aucun fichier
 * choisi"): Debian's chromium takes them from LANGUAGE, given its chromium-l10n package.
 */
export const frenchBrowser = {
  launchOptions: {
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    env: { ...process.env, LANGUAGE: "fr" } as Record<string, string>,
  },
};

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

/**
 * An active account made through the API. As the fixture's activeAccount, but the token is read
 * whole: the server's tokens now end with ".<expiry>", which linkIn's [A-Za-z0-9_-] cuts off.
 */
export async function activeCandidate(g: Guichet, email: string) {
  const r = await fetch(`${g.baseURL}/api/v1/accounts`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({
      email,
      password,
      last_name: "Martin",
      first_name: "Élodie",
      birth_date: "2001-03-12",
      birth_place: "Poitiers",
      nationality: "francaise",
    }),
  });
  expect(r.status, await r.clone().text()).toBe(201);
  const mail = await g.awaitMail((m) => m.includes(`To: ${email}`) && m.includes("token="));
  const token = mail.match(/token=([A-Za-z0-9_.-]+)/)![1];
  const a = await fetch(`${g.baseURL}/api/v1/accounts/activate`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ token }),
  });
  expect(a.status, await a.clone().text()).toBe(200);
}

/** Logs the browser in and registers through the API with the login's CSRF token. */
export async function loginAndRegister(page: Page, email: string, body: object = bacPro2025) {
  const login = await page.request.post("/api/v1/auth/login", { data: { email, password } });
  expect(login.status()).toBe(200);
  const { csrf_token } = await login.json();
  const r = await page.request.post("/api/v1/registrations", { data: body, headers: { "X-CSRF-Token": csrf_token } });
  expect(r.status(), await r.text()).toBe(201);
  return { ...((await r.json()) as { id: string; registration_number: string }), csrf: csrf_token as string };
}

function totp(secret: string, at: number): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = "";
  for (const c of secret.replace(/=+$/, "").toUpperCase()) bits += alphabet.indexOf(c).toString(2).padStart(5, "0");
  const key = Buffer.from(bits.match(/.{8}/g)!.map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 1000 / 30)));
  const h = createHmac("sha1", key).update(counter).digest();
  const o = h[h.length - 1] & 0xf;
  return String((h.readUInt32BE(o) & 0x7fffffff) % 1_000_000).padStart(6, "0");
}

/** A manager of the académie, logged in: its Bearer token. */
export async function staffToken(g: Guichet, email = "bureau@ac-poitiers.fr"): Promise<string> {
  const made = spawnSync(
    binary,
    ["admin", "create-user", "--academy", "poitiers", "--email", email, "--name", "Bureau des examens",
     "--roles", "manager", "--data-dir", g.dataDir, "--scripts", g.scriptsDir, "--password-cost", "minimal"],
    { input: password + "\n", encoding: "utf8" },
  );
  expect(made.status, made.stderr).toBe(0);
  const secret = JSON.parse(made.stdout).totp_secret as string;
  const r = await fetch(`${g.baseURL}/api/v1/admin/auth/login`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ email, password, code: totp(secret, Date.now()) }),
  });
  expect(r.status, await r.clone().text()).toBe(200);
  return (await r.json()).token;
}

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
