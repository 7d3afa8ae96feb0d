// Helpers of the registration specs.
import { execFileSync } from "node:child_process";
import { createHmac } from "node:crypto";
import path from "node:path";
import { expect, password, type Guichet } from "./guichet";

/** An active account made through the API. Like the fixture's activeAccount, except that the
 * mail awaitMail returns (already decoded) is not decoded again: the fixture's linkIn decodes it
 * a second time, which turns a token starting with two upper-case hex digits ("token=3F…")
 * into "token?…" and fails one account in sixteen. */
export async function activeAccount(g: Guichet, email: string) {
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
  const token = /token=([A-Za-z0-9_.-]+)/.exec(mail)![1];
  const a = await fetch(`${g.baseURL}/api/v1/accounts/activate`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ token }),
  });
  expect(a.status, await a.clone().text()).toBe(200);
}

/** The current RFC 6238 code of a base32 TOTP secret (staff logins keep the machine's time). */
export function totp(secret: string, at = Date.now()): string {
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

/** The office withdraws a registration (désinscription), as staff would from the back office:
 * an admin made with `guichet admin create-user`, logged in with its TOTP code. */
export async function withdrawnByOffice(g: Guichet, registrationId: string, reason: string) {
  const binary = process.env.GUICHET_BIN ?? path.resolve(import.meta.dirname, "../../build/guichet");
  const staffEmail = "bureau@ac-poitiers.fr";
  const out = execFileSync(
    binary,
    ["admin", "create-user", "--academy", "poitiers", "--email", staffEmail, "--name", "Bureau des examens",
      "--roles", "admin,manager", "--data-dir", g.dataDir, "--scripts", g.scriptsDir],
    { input: password + "\n" },
  ).toString();
  const { totp_secret } = JSON.parse(out.slice(out.indexOf("{")));
  const login = await fetch(`${g.baseURL}/api/v1/admin/auth/login`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ email: staffEmail, password, code: totp(totp_secret) }),
  });
  expect(login.status, await login.clone().text()).toBe(200);
  const { token } = await login.json();
  const w = await fetch(`${g.baseURL}/api/v1/admin/registrations/${registrationId}/withdraw`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
    body: JSON.stringify({ reason }),
  });
  expect(w.status, await w.clone().text()).toBe(200);
}
