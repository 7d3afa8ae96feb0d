// What a first visit to the home page downloads, as Chromium counts it (encoded bytes on the
// wire, after guichet's Brotli copies): JavaScript, CSS, fonts, the rest. Used by
// bench/portal_first_load.sh; the goal (issue 15) is under 150 KiB of JavaScript.
import { chromium } from "playwright";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const repo = path.resolve(import.meta.dirname, "../..");
const port = 18000 + Math.floor(Math.random() * 900);
const root = mkdtempSync(path.join(tmpdir(), "guichet-first-load-"));
const server = spawn(
  process.env.GUICHET_BIN ?? path.join(repo, "build/guichet"),
  ["serve", "--listen", `127.0.0.1:${port}`, "--data-dir", path.join(root, "data"), "--scripts",
   path.join(repo, "scripts"), "--web", path.join(repo, "web/dist"), "--simulated-time", "2024-11-01T10:00:00+01:00"],
  { stdio: "ignore" },
);
try {
  for (let i = 0; i < 100; ++i) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/readyz`)).ok) break;
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium" });
  const page = await browser.newPage();
  const responses = [];
  page.on("requestfinished", async (request) => responses.push(request));
  await page.goto(`http://127.0.0.1:${port}/`, { waitUntil: "networkidle" });
  const totals = { js: 0, jsRaw: 0, css: 0, font: 0, other: 0 };
  for (const request of responses) {
    const sizes = await request.sizes();
    const response = await request.response();
    const type = response?.headers()["content-type"] ?? "";
    const bytes = sizes.responseBodySize;
    if (type.includes("javascript")) {
      totals.js += bytes;
      totals.jsRaw += (await response.body()).length;
    } else if (type.includes("css")) totals.css += bytes;
    else if (type.startsWith("font/")) totals.font += bytes;
    else totals.other += bytes;
  }
  const kib = (n) => (n / 1024).toFixed(1) + " KiB";
  console.log(`requests: ${responses.length}`);
  console.log(`javascript: ${kib(totals.js)} on the wire (${kib(totals.jsRaw)} uncompressed)`);
  console.log(`css: ${kib(totals.css)}, fonts: ${kib(totals.font)}, other: ${kib(totals.other)}`);
  console.log(`total: ${kib(totals.js + totals.css + totals.font + totals.other)}`);
  await browser.close();
} finally {
  server.kill("SIGTERM");
  rmSync(root, { recursive: true, force: true });
}
