import { defineConfig } from "@playwright/test";

// Browser tests of the portal: Debian's chromium (never a downloaded browser) against a real
// guichet each test file starts on loopback (tests/guichet.ts), serving web/dist.
export default defineConfig({
  testDir: "tests",
  testMatch: "**/*.spec.ts",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 2,
  retries: 0,
  reporter: [["list"]],
  outputDir: "test-results",
  use: {
    browserName: "chromium",
    // Debian's Chromium speaks French (file chooser, built-in messages) with its chromium-l10n
    // package and LANGUAGE=fr.
    launchOptions: {
      executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
      env: { ...process.env, LANGUAGE: "fr" } as Record<string, string>,
    },
    locale: "fr-FR",
    timezoneId: "Europe/Paris",
    trace: "off",
    screenshot: "only-on-failure",
  },
});
