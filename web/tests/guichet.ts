// A real guichet for browser tests: its own data folder and copy of the shipped scripts, a free
// loopback port, a simulated clock, the built portal (web/dist). The `guichet` fixture starts
// one per test file (worker scope); `test.use({ simulatedTime })` sets its clock.
import { test as base, expect, type Page } from "@playwright/test";
import axe from "axe-core";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createHmac } from "node:crypto";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

const repo = path.resolve(import.meta.dirname, "../..");
const binary = process.env.GUICHET_BIN ?? path.join(repo, "build/guichet");

export interface Guichet {
  baseURL: string;
  dataDir: string;
  scriptsDir: string;
  /** The .eml files written so far, oldest first, as text. */
  mails(): string[];
  /** Waits for a mail for which `about` holds (newest first); throws after 15 s. */
  awaitMail(about: (mail: string) => boolean): Promise<string>;
  stop(): Promise<void>;
  /** Stops this server and starts it again on the same data, port and scripts, with another
   * simulated clock (a test that needs registrations made in an earlier window). */
  restart(simulatedTime?: string): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
    s.on("error", reject);
  });
}

/** Quoted-printable soft breaks and escapes undone, so a test can read a mail's text and links. */
export function decodeMail(raw: string): string {
  return raw
    .replace(/=\r?\n/g, "")
    .replace(/(?:=[0-9A-F]{2})+/g, (m) => {
      const bytes = m.split("=").filter(Boolean).map((h) => parseInt(h, 16));
      return Buffer.from(bytes).toString("utf8");
    });
}

/** The path and query of the first link in a mail (as awaitMail gives it, decoded) whose query
 * holds token=. Never decodes again: "=3F" in a decoded token is the token's own text. */
export function linkIn(mail: string): string {
  const m = mail.match(/https?:\/\/[^\s"<>]+token=[A-Za-z0-9_.-]+/);
  if (!m) throw new Error("no link with a token in this mail");
  const u = new URL(m[0]);
  return u.pathname + u.search;
}

export async function startGuichet(options: { simulatedTime?: string; scripts?: string } = {}): Promise<Guichet> {
  const root = mkdtempSync(path.join(tmpdir(), "guichet-web-"));
  const scriptsDir = path.join(root, "scripts");
  cpSync(options.scripts ?? path.join(repo, "scripts"), scriptsDir, { recursive: true });
  const dataDir = path.join(root, "data");
  const port = await freePort();
  const baseURL = `http://127.0.0.1:${port}`;
  const launch = async (simulatedTime: string | undefined): Promise<ChildProcess> => {
    const args = [
      "serve",
      "--listen", `127.0.0.1:${port}`,
      "--data-dir", dataDir,
      "--scripts", scriptsDir,
      "--web", path.join(repo, "web/dist"),
      "--public-url", baseURL,
      "--password-cost", "minimal",
      "--threads", "2",
    ];
    if (simulatedTime) args.push("--simulated-time", simulatedTime);
    const child: ChildProcess = spawn(binary, args, { stdio: ["ignore", "pipe", "pipe"] });
    let log = "";
    child.stdout!.on("data", (d) => (log += d));
    child.stderr!.on("data", (d) => (log += d));
    const deadline = Date.now() + 20_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`guichet ended at start:\n${log}`);
      try {
        const r = await fetch(`${baseURL}/readyz`);
        if (r.ok) break;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error(`guichet not ready after 20 s:\n${log}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    return child;
  };
  const halt = async (c: ChildProcess) => {
    if (c.exitCode === null) {
      c.kill("SIGTERM");
      await new Promise((r) => c.once("exit", r));
    }
  };
  let child = await launch(options.simulatedTime);
  const outbox = path.join(dataDir, "outbox");
  const mails = () =>
    existsSync(outbox)
      ? readdirSync(outbox)
          .filter((f) => f.endsWith(".eml"))
          .map((f) => path.join(outbox, f))
          .sort((a, b) => statSync(a).mtimeMs - statSync(b).mtimeMs)
          .map((f) => readFileSync(f, "utf8"))
      : [];
  return {
    baseURL,
    dataDir,
    scriptsDir,
    mails,
    async awaitMail(about) {
      for (let i = 0; i < 150; ++i) {
        const found = mails().reverse().find((m) => about(decodeMail(m)));
        if (found) return decodeMail(found);
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error("no such mail within 15 s");
    },
    async stop() {
      await halt(child);
      rmSync(root, { recursive: true, force: true });
    },
    async restart(simulatedTime) {
      await halt(child);
      child = await launch(simulatedTime);
    },
  };
}

const wcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/** axe-core on the page as it is now: no violation of WCAG 2.0/2.1 A and AA, frames included.
 * axe runs in the page itself (its source put in every frame, as @axe-core/playwright's legacy
 * mode does): the wrapper's default mode opened a new browser page for every check, 1.5 s of
 * the 1.7 s each one took, over 150 checks. */
export async function expectAccessible(page: Page, state = "") {
  type Found = { id: string; impact?: string | null; help: string; targets: string[] }[];
  // The page as it settles, not halfway through a transition: a DSFR dialog fading out has
  // text at partial opacity, which axe measures as a contrast fault (seen on a loaded run).
  await page
    .waitForFunction(
      () =>
        document
          .getAnimations()
          .every((a) => a.playState !== "running" || a.effect?.getTiming().iterations === Infinity),
      undefined,
      { timeout: 5000 },
    )
    .catch(() => undefined);  // still moving after 5 s: axe judges the page as it is
  let violations: Found | null = null;
  // A page that navigates between the injection and the run (a redirect, a reload) loses axe:
  // inject again into the new document.
  for (let attempt = 0; attempt < 3 && violations === null; ++attempt) {
    for (const frame of page.frames()) {
      // A frame that cannot take a script (a PDF viewer) is left to axe, which reports what it
      // cannot reach. Its source is sent once per document (client-side navigation keeps it).
      const timeout = new Promise((resolve) => setTimeout(resolve, 1000));
      const inject = async () => {
        if (!(await frame.evaluate(() => "axe" in window))) await frame.evaluate(axe.source);
      };
      await Promise.race([inject().catch(() => undefined), timeout]);
    }
    violations = await page.evaluate(async (tags) => {
      const inPage = (window as unknown as { axe?: typeof axe }).axe;
      if (!inPage) return null;
      const results = await inPage.run(document, {
        runOnly: { type: "tag", values: tags },
        // Two of axe's best practices that RGAA asks for as well (12.6 landmarks, 12.7 skip links).
        rules: { region: { enabled: true }, "skip-link": { enabled: true } },
        resultTypes: ["violations"],
      });
      return results.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(" ")) }));
    }, wcagTags).catch(() => null);  // the document changed under the run: again
  }
  expect(violations, `axe n'a pas pu s'exécuter ${state}`).not.toBeNull();
  const summary = violations!.map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.targets.join("\n  ")}`);
  expect(summary, `axe violations ${state}`).toEqual([]);
}

// The server's clock, and the scripts folder it copies (default: the shipped scripts).
type Options = { simulatedTime: string | undefined; scripts: string | undefined };
type Fixtures = { guichet: Guichet };
// One server per spec file: a worker runs several files in turn, and each starts afresh (its own
// clock, data and throttles: sign-ups are limited per client address, and every test signs up
// from 127.0.0.1).
type Servers = { current: { file: string; server: Guichet } | null };

export const test = base.extend<Fixtures, Options & { guichetServers: Servers }>({
  simulatedTime: [undefined, { option: true, scope: "worker" }],
  scripts: [undefined, { option: true, scope: "worker" }],
  guichetServers: [
    async ({}, use) => {
      const servers: Servers = { current: null };
      await use(servers);
      await servers.current?.server.stop();
    },
    { scope: "worker" },
  ],
  guichet: async ({ guichetServers, simulatedTime, scripts }, use, testInfo) => {
    if (guichetServers.current?.file !== testInfo.file) {
      await guichetServers.current?.server.stop();
      guichetServers.current = { file: testInfo.file, server: await startGuichet({ simulatedTime, scripts }) };
    }
    await use(guichetServers.current.server);
  },
  baseURL: async ({ guichet }, use) => use(guichet.baseURL),
  // Any Content-Security-Policy violation or script error fails the test that caused it.
  page: async ({ page }, use) => {
    const problems: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error" && /Content Security Policy|Refused to/i.test(m.text())) problems.push(m.text());
    });
    page.on("pageerror", (e) => problems.push(String(e)));
    await use(page);
    expect(problems, "CSP violations or script errors").toEqual([]);
  },
});

export { expect };

export const password = "une phrase de passe solide";

/** An active account made through the API (sign-up, the mail's link, activation). */
export async function activeAccount(
  g: Guichet,
  email: string,
  identity: Partial<Record<"last_name" | "first_name" | "birth_date" | "birth_place" | "nationality", string>> = {},
) {
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
      ...identity,
    }),
  });
  expect(r.status, await r.clone().text()).toBe(201);
  const mail = await g.awaitMail((m) => m.includes(`To: ${email}`) && m.includes("token="));
  const token = new URL("http://x" + linkIn(mail)).searchParams.get("token");
  const a = await fetch(`${g.baseURL}/api/v1/accounts/activate`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ token }),
  });
  expect(a.status).toBe(200);
}

/** Logs the browser in through the API (the cookie lands in the page's context). */
export async function logIn(page: Page, email: string) {
  const r = await page.request.post("/api/v1/auth/login", { data: { email, password } });
  expect(r.status()).toBe(200);
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

export interface StaffMember {
  email: string;
  secret: string;
}

/** A staff member made with `guichet admin create-user` against the test server's data (active,
 * enrolled: its TOTP secret is returned). */
export function createStaff(
  g: Guichet,
  {
    email = "bureau@ac-poitiers.fr",
    roles = "manager",
    academy = "poitiers",
    name = "Bureau des examens",
  }: { email?: string; roles?: string; academy?: string; name?: string } = {},
): StaffMember {
  const made = spawnSync(
    binary,
    ["admin", "create-user", "--academy", academy, "--email", email, "--name", name,
     "--roles", roles, "--data-dir", g.dataDir, "--scripts", g.scriptsDir, "--password-cost", "minimal"],
    { input: password + "\n", encoding: "utf8" },
  );
  expect(made.status, made.stderr).toBe(0);
  return { email, secret: JSON.parse(made.stdout.slice(made.stdout.indexOf("{"))).totp_secret as string };
}

// A code works once: a second login of the same person within 30 s uses the next step's code
// (the server accepts one step of drift).
const usedSteps = new Map<string, number>();
export function freshCode(m: StaffMember): string {
  let step = Math.floor(Date.now() / 30000);
  const last = usedSteps.get(m.secret);
  if (last !== undefined && last >= step) step = last + 1;
  usedSteps.set(m.secret, step);
  return totp(m.secret, step * 30000);
}

/** Logs the browser into the back office through the API (the staff cookie lands in the
 * page's context); returns the login's answer (csrf_token, token...). */
export async function staffLogIn(page: Page, m: StaffMember) {
  const r = await page.request.post("/api/v1/admin/auth/login", {
    data: { email: m.email, password, code: freshCode(m) },
  });
  expect(r.status(), await r.text()).toBe(200);
  return (await r.json()) as { token: string; csrf_token: string };
}

/** A staff member of Poitiers logged in with its TOTP code: its Bearer token. */
export async function staffToken(
  g: Guichet,
  { email = "bureau@ac-poitiers.fr", roles = "manager" }: { email?: string; roles?: string } = {},
): Promise<string> {
  const m = createStaff(g, { email, roles });
  const r = await fetch(`${g.baseURL}/api/v1/admin/auth/login`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ email, password, code: freshCode(m) }),
  });
  expect(r.status, await r.clone().text()).toBe(200);
  return (await r.json()).token;
}

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
  return {
    ...((await r.json()) as { id: string; registration_number: string; candidate_number: string; version: number }),
    csrf: csrf_token as string,
  };
}
