// Between sessions: the home page says that no service is open.
import { test, expect, expectAccessible } from "./guichet";

test.use({ simulatedTime: "2025-06-01T10:00:00+02:00" });

test("« aucun service n'est ouvert » when no window holds now", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "Ouverture des services" })).toBeVisible();
  await expect(page.getByText("Aucun service n'est ouvert", { exact: false }).first()).toBeVisible();
  await expect(page.getByRole("link", { name: /m'inscrire/i })).toHaveCount(0);
  await expectAccessible(page, "no service open");
});
