// The back office's administration: an admin invites a colleague who enrols (QR code drawn in
// the page) and logs in; roles changed, the account disabled; the journal with its filters,
// paging and CSV; the service's state; the idle warning and the end of an idle session.
import path from "node:path";
import type { Browser, Locator, Page } from "@playwright/test";
import {
  test,
  expect,
  createStaff,
  expectAccessible,
  freshCode,
  linkIn,
  staffLogIn,
  type StaffMember,
} from "./guichet";

test.use({ simulatedTime: "2024-11-01T10:00:00+01:00" });

const shots = path.resolve(import.meta.dirname, "../../docs/gestion");

async function screenshots(page: Page, name: string) {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: path.join(shots, `${name}-desktop.png`), fullPage: true });
  await page.setViewportSize({ width: 360, height: 800 });
  const wide = await page.evaluate(() =>
    [...document.querySelectorAll("body *")]
      .filter((e) => e.getBoundingClientRect().right > 362 && !e.closest("table"))
      .slice(0, 8)
      .map((e) => `${e.tagName}.${e.className} ${Math.round(e.getBoundingClientRect().right)}`),
  );
  expect(await page.evaluate(() => document.documentElement.scrollWidth), `${name} at 360 px: ${wide.join(" | ")}`).toBeLessThanOrEqual(360);
  await page.screenshot({ path: path.join(shots, `${name}-mobile.png`), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
}

// A second browser (the colleague's), with the same watch on CSP violations and script errors.
async function otherPage(browser: Browser, baseURL: string) {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  const problems: string[] = [];
  const elsewhere: string[] = [];
  page.on("request", (r) => {
    if (!r.url().startsWith(baseURL) && !r.url().startsWith("data:")) elsewhere.push(r.url());
  });
  page.on("console", (m) => {
    if (m.type() === "error" && /Content Security Policy|Refused to/i.test(m.text())) problems.push(m.text());
  });
  page.on("pageerror", (e) => problems.push(String(e)));
  return { page, context, problems, elsewhere };
}

// A DSFR checkbox is drawn by its label, which takes the click.
async function tick(box: Locator) {
  const id = await box.getAttribute("id");
  await box.page().locator(`label[for="${id}"]`).click();
}

const colleaguePassword = "trois chats sur un toit";

test("an admin invites a colleague who enrols with the QR code, logs in, gets new roles, is disabled; the journal says it all", async ({
  page,
  guichet,
  browser,
}) => {
  test.setTimeout(400_000);
  const admin = createStaff(guichet, { email: "admin@ac-poitiers.fr", roles: "admin", name: "Alice Admin" });
  await staffLogIn(page, admin);

  // The team, and an empty invitation: every fault beside its field and summarised.
  await page.goto("/gestion/equipe");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Équipe – Académie de Poitiers");
  await expect(page.getByRole("table", { name: /Membres de l'équipe/ })).toContainText("Alice Admin");
  await expectAccessible(page, "équipe");
  await page.getByRole("button", { name: "Envoyer l'invitation" }).click();
  const inviteSummary = page.locator(".fr-alert--error", { hasText: "L'invitation n'est pas partie" });
  await expect(inviteSummary).toBeFocused();
  for (const field of ["Nom et prénom", "Adresse mail professionnelle", "Rôles"])
    await expect(inviteSummary.getByRole("link", { name: new RegExp(field) })).toBeVisible();
  await expect(page.getByText("Cochez au moins un rôle.").last()).toBeVisible();
  await expectAccessible(page, "invitation vide");

  await page.getByLabel("Nom et prénom").fill("Bruno Colin");
  await page.getByLabel("Adresse mail professionnelle").fill("bruno.colin@ac-poitiers.fr");
  await tick(page.locator("form", { hasText: "Inviter une personne" }).getByRole("checkbox", { name: /^Gestionnaire/ }));
  await page.getByRole("button", { name: "Envoyer l'invitation" }).click();
  await expect(page.getByText("L'invitation est partie à bruno.colin@ac-poitiers.fr.")).toBeVisible();
  const bruno = page.getByRole("row", { name: /Bruno Colin/ });
  await expect(bruno).toContainText("Invitation envoyée");
  await expectAccessible(page, "invitation envoyée");

  // The same address again: the API's refusal beside the field.
  await page.getByLabel("Nom et prénom").fill("Bruno Colin");
  await page.getByLabel("Adresse mail professionnelle").fill("bruno.colin@ac-poitiers.fr");
  await tick(page.locator("form", { hasText: "Inviter une personne" }).getByRole("checkbox", { name: /^Gestionnaire/ }));
  await page.getByRole("button", { name: "Envoyer l'invitation" }).click();
  await expect(page.locator("#invite-mail-desc-error, .fr-error-text", { hasText: "existe déjà" }).first()).toBeVisible();
  await expect(inviteSummary).toBeFocused();
  await expectAccessible(page, "invitation refusée");

  // The mail's link opens the activation page, in the colleague's own browser.
  const mail = await guichet.awaitMail((m) => m.includes("To: bruno.colin@ac-poitiers.fr") && m.includes("token="));
  const link = linkIn(mail);
  expect(link).toMatch(/^\/gestion\/activation\?token=/);
  const colleague = await otherPage(browser, guichet.baseURL);
  const cpage = colleague.page;
  await cpage.goto(link);
  await expect(cpage.getByRole("heading", { level: 1 })).toHaveText("Activer mon compte de gestion");
  await expect(cpage.getByText(/Au moins 12 caractères/)).toBeVisible();
  await expectAccessible(cpage, "activation");

  // A confirmation that differs, then a password the API finds too short: said beside the field.
  await cpage.locator("#mot-de-passe").fill(colleaguePassword);
  await cpage.locator("#confirmation").fill("autre chose encore");
  await cpage.getByRole("button", { name: "Enregistrer mon mot de passe" }).click();
  const activationSummary = cpage.locator(".fr-alert--error", { hasText: "Le mot de passe n'a pas été enregistré" });
  await expect(activationSummary).toBeFocused();
  await expect(activationSummary).toContainText("La confirmation ne correspond pas");
  await cpage.locator("#mot-de-passe").fill("court");
  await cpage.locator("#confirmation").fill("court");
  await cpage.getByRole("button", { name: "Enregistrer mon mot de passe" }).click();
  await expect(activationSummary).toContainText("12 caractères");
  await expect(cpage.locator(".fr-message--error", { hasText: "12 caractères" })).toBeVisible();
  await expectAccessible(cpage, "activation refusée");

  await cpage.locator("#mot-de-passe").fill(colleaguePassword);
  await cpage.locator("#confirmation").fill(colleaguePassword);
  await cpage.getByRole("button", { name: "Enregistrer mon mot de passe" }).click();
  await expect(cpage.getByRole("heading", { level: 1 })).toHaveText("Relier votre compte à une application d'authentification");
  const qr = cpage.getByRole("img", { name: /Code QR à scanner/ });
  await expect(qr).toBeVisible();
  expect(await qr.evaluate((e) => e.tagName.toLowerCase())).toBe("svg");
  const shown = (await cpage.getByTestId("cle-totp").textContent())!;
  expect(shown).toMatch(/^([A-Z2-7]{4} )*[A-Z2-7]{1,4}$/);
  const secret = shown.replace(/\s/g, "");
  await expect(cpage.getByText("Installez une application d'authentification")).toBeVisible();
  await expectAccessible(cpage, "enrôlement");
  await screenshots(cpage, "administration-activation");

  // Logs in through the login page with a code computed from the secret shown.
  const colleagueMember: StaffMember = { email: "bruno.colin@ac-poitiers.fr", secret };
  await cpage.getByRole("link", { name: "Aller à la page de connexion" }).click();
  await cpage.getByLabel("Adresse mail professionnelle").fill(colleagueMember.email);
  await cpage.getByLabel("Mot de passe", { exact: true }).fill(colleaguePassword);
  await cpage.getByLabel("Code à 6 chiffres").fill(freshCode(colleagueMember));
  await cpage.getByRole("button", { name: "Se connecter" }).click();
  await expect(cpage).toHaveURL(/\/gestion$/);
  await expect(cpage.getByText("Bruno Colin, académie").first()).toBeVisible();
  await expect(cpage.getByRole("list", { name: "Vos rôles" })).toHaveText("Gestionnaire");

  // The same link a second time: a clear French message.
  await cpage.goto(link);
  await cpage.locator("#mot-de-passe").fill(colleaguePassword);
  await cpage.locator("#confirmation").fill(colleaguePassword);
  await cpage.getByRole("button", { name: "Enregistrer mon mot de passe" }).click();
  await expect(cpage.getByRole("heading", { level: 1 })).toHaveText("Ce lien d'invitation ne fonctionne plus");
  await expect(cpage.getByText("Lien d'invitation invalide ou déjà utilisé.")).toBeVisible();
  await expectAccessible(cpage, "lien déjà utilisé");

  // The admin gives the colleague the auditor role too.
  await page.reload();
  await expect(bruno).toContainText("Actif");
  await bruno.getByRole("button", { name: "Gérer le compte de Bruno Colin" }).click();
  const panel = page.getByRole("region", { name: "Compte de Bruno Colin" });
  await expect(panel.getByRole("heading", { name: "Compte de Bruno Colin" })).toBeFocused();
  await tick(panel.getByRole("checkbox", { name: /^Auditeur/ }));
  await panel.getByRole("button", { name: "Enregistrer les rôles" }).click();
  await expect(page.getByText("Les rôles de Bruno Colin sont enregistrés.")).toBeVisible();
  await expect(bruno).toContainText("Gestionnaire, Auditeur");
  await expectAccessible(page, "rôles changés");
  await screenshots(page, "administration-equipe");

  // An admin cannot remove their own admin role: the API's refusal beside the roles.
  await page.getByRole("button", { name: "Gérer le compte de Alice Admin" }).click();
  const own = page.getByRole("region", { name: "Compte de Alice Admin" });
  await tick(own.getByRole("checkbox", { name: /^Administrateur/ }));
  await tick(own.getByRole("checkbox", { name: /^Gestionnaire/ }));
  await own.getByRole("button", { name: "Enregistrer les rôles" }).click();
  const refusal = page.locator(".fr-alert--error", { hasText: "La modification n'a pas été faite" });
  await expect(refusal).toBeFocused();
  await expect(refusal).toContainText("Vous ne pouvez pas retirer vos propres droits d'administration.");
  await expect(own.locator(".fr-message--error, .fr-error-text", { hasText: "propres droits" })).toBeVisible();
  await expectAccessible(page, "rôle d'administration refusé");

  // The colleague is disabled after a confirmation in place: their session ends, their login fails.
  await bruno.getByRole("button", { name: "Gérer le compte de Bruno Colin" }).click();
  await panel.getByRole("button", { name: "Désactiver le compte" }).click();
  await expect(panel.getByText("Désactiver le compte de Bruno Colin ?")).toBeVisible();
  await expectAccessible(page, "confirmation de désactivation");
  await panel.getByRole("button", { name: "Confirmer la désactivation" }).click();
  await expect(page.getByText("Le compte de Bruno Colin est désactivé.")).toBeVisible();
  await expect(bruno).toContainText("Désactivé");
  await expect(panel.getByRole("button", { name: "Réactiver le compte" })).toBeVisible();

  await cpage.goto("/gestion");
  await expect(cpage).toHaveURL(/\/gestion\/connexion/);
  await cpage.getByLabel("Adresse mail professionnelle").fill(colleagueMember.email);
  await cpage.getByLabel("Mot de passe", { exact: true }).fill(colleaguePassword);
  await cpage.getByLabel("Code à 6 chiffres").fill(freshCode(colleagueMember));
  await cpage.getByRole("button", { name: "Se connecter" }).click();
  await expect(cpage.locator(".fr-alert--error", { hasText: "Connexion impossible" })).toBeVisible();
  await expect(cpage).toHaveURL(/\/gestion\/connexion/);
  expect(colleague.problems, "CSP violations or script errors in the colleague's browser").toEqual([]);
  // The QR code and the secret never left the page: no request went to another site.
  expect(colleague.elsewhere).toEqual([]);
  await colleague.context.close();

  // The journal lists these actions, in words, and filters them.
  await page.goto("/gestion/journal");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Journal des actions");
  const journal = page.getByRole("table", { name: /Actions/ });
  await expect(journal).toContainText("Création d'un compte de gestion");
  await expect(journal).toContainText("Activation d'un compte de gestion");
  await expect(journal).toContainText("Connexion à la gestion");
  const roleChange = journal.getByRole("row").filter({ hasText: "Gestionnaire → après, Gestionnaire, Auditeur" });
  await expect(roleChange).toHaveCount(1);
  await expect(journal.getByRole("row").filter({ hasText: "Actif → après, Désactivé" })).toHaveCount(1);
  await expectAccessible(page, "journal");
  await screenshots(page, "administration-journal");

  await page.getByLabel("Action", { exact: true }).selectOption({ label: "Modification d'un compte de gestion" });
  await page.getByRole("button", { name: "Filtrer" }).click();
  await expect(page).toHaveURL(/action=staff\.update/);
  await expect(journal.getByRole("row")).toHaveCount(3); // the header and two changes
  await expect(journal).not.toContainText("Création d'un compte");
  await expectAccessible(page, "journal filtré");

  // The CSV of the same filters.
  const csvLink = page.getByRole("link", { name: /Exporter en CSV/ });
  const href = (await csvLink.getAttribute("href"))!;
  expect(href).toContain("action=staff.update");
  const csv = await page.request.get(href);
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-type"]).toMatch(/^text\/csv/);
  const csvText = await csv.text();
  expect(csvText).toContain("staff.update");
  expect(csvText).not.toContain("staff.create");

  // By author: the colleague's own actions (a family and a person), kept in the address.
  await page.getByLabel("Action", { exact: true }).selectOption({ label: "Équipe et connexions (toutes)" });
  await page.getByLabel("Auteur").selectOption({ label: "Bruno Colin" });
  await page.getByRole("button", { name: "Filtrer" }).click();
  await expect(page).toHaveURL(/auteur=/);
  await expect(journal).toContainText("Activation d'un compte de gestion");
  await expect(journal).toContainText("Connexion à la gestion");
  await expect(journal).not.toContainText("Modification d'un compte de gestion");
  await page.reload();
  await expect(page.getByLabel("Auteur")).toHaveValue(/[0-9a-f]{32}/);
  await expect(journal).toContainText("Activation d'un compte de gestion");

  // Days in the wrong order: said beside the field and at the top.
  await page.locator("#filtre-du").fill("2026-12-10");
  await page.locator("#filtre-au").fill("2026-12-01");
  await page.getByRole("button", { name: "Filtrer" }).click();
  const filterSummary = page.locator(".fr-alert--error", { hasText: "Le journal n'a pas pu être filtré" });
  await expect(filterSummary).toBeFocused();
  await expect(page.locator(".fr-error-text, .fr-message--error", { hasText: "Le dernier jour doit venir après le premier." })).toBeVisible();
  await expectAccessible(page, "filtre en erreur");

  await page.getByRole("button", { name: "Effacer les filtres" }).click();
  await expect(page).toHaveURL(/\/gestion\/journal$/);
  await expect(journal).toContainText("Création d'un compte de gestion");
});

test("the journal pages through many entries and keeps its place in the address", async ({ page, guichet }) => {
  const admin = createStaff(guichet, { email: "pages@ac-poitiers.fr", roles: "admin,auditor", name: "Paule Pages" });
  const { csrf_token } = await staffLogIn(page, admin);
  const made = await page.request.post("/api/v1/admin/users", {
    data: { email: "renomme@ac-poitiers.fr", display_name: "Nom 0", roles: ["manager"] },
    headers: { "X-CSRF-Token": csrf_token },
  });
  expect(made.status()).toBe(201);
  const id = (await made.json()).id as string;
  for (let i = 1; i <= 55; i++) {
    const r = await page.request.patch(`/api/v1/admin/users/${id}`, {
      data: { display_name: `Nom ${i}` },
      headers: { "X-CSRF-Token": csrf_token },
    });
    expect(r.status()).toBe(200);
  }
  await page.goto(`/gestion/journal?action=staff.update&objet=${id}`);
  const journal = page.getByRole("table", { name: /Actions/ });
  await expect(journal.getByRole("row")).toHaveCount(51);
  await expect(journal).toContainText("Nom 0 → après, Nom 1");
  await page.getByRole("link", { name: "Actions suivantes" }).click();
  await expect(page).toHaveURL(/apres=\d+/);
  await expect(page).toHaveURL(/objet=/);
  await expect(journal.getByRole("row")).toHaveCount(6);
  await expect(journal).toContainText("Nom 54 → après, Nom 55");
  await expect(page.getByRole("link", { name: "Actions suivantes" })).toHaveCount(0);
  await expectAccessible(page, "journal, deuxième page");
  await page.getByRole("link", { name: "Revenir aux premières actions" }).click();
  await expect(journal).toContainText("Nom 0 → après, Nom 1");
});

test("the service page says in words that the database and the rules work, and lists the plugins", async ({
  page,
  guichet,
}) => {
  const auditor = createStaff(guichet, { email: "audit@ac-poitiers.fr", roles: "auditor", name: "Anne Audit" });
  await staffLogIn(page, auditor);
  await page.goto("/gestion/service");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("État du service");
  await expect(page.getByText("Le service fonctionne")).toBeVisible();
  await expect(page.getByText("Opérationnelle", { exact: true })).toBeVisible();
  await expect(page.getByText("Chargées", { exact: true })).toBeVisible();
  await expect(page.getByText(/Version [0-9a-f]+ en service : 1 académie, 4 examens\./)).toBeVisible();
  await expect(page.getByRole("heading", { name: "Greffons" })).toBeVisible();
  await expect(page.getByText(/Aucun greffon n'est installé/)).toBeVisible();
  await expectAccessible(page, "service");
  await screenshots(page, "administration-service");

  // An auditor reads the journal too, and types an author's identifier (the team is not theirs).
  await page.goto("/gestion/journal");
  await expect(page.getByLabel("Identifiant de l'auteur")).toBeVisible();
  await expectAccessible(page, "journal d'un auditeur");
  // The team is the admins'.
  await page.goto("/gestion/equipe");
  await expect(page.getByText("Cette page ne vous est pas ouverte")).toBeVisible();
});

test("the idle warning comes two minutes before the end, « Rester connecté » restarts the clock, then the session ends", async ({
  page,
  guichet,
}) => {
  const member = createStaff(guichet, { email: "veille@ac-poitiers.fr", roles: "admin", name: "Victor Veille" });
  await page.clock.install();
  await staffLogIn(page, member);
  await page.goto("/gestion/service");
  await expect(page.getByText("Le service fonctionne")).toBeVisible();
  const me = await (await page.request.get("/api/v1/admin/me")).json();
  expect(me.idle_timeout_seconds).toBe(900);
  const warning = page.locator(".fr-alert--warning", { hasText: "Votre session va se fermer" });
  await expect(warning).toHaveCount(0);

  // 13 min 30 s idle: the warning, with the time left and « Rester connecté ».
  await page.clock.fastForward("13:30");
  await expect(warning).toBeVisible();
  await expect(warning).toContainText(/1 min \d\d s/);
  await expectAccessible(page, "avertissement d'inactivité");
  const stay = page.waitForResponse((r) => r.url().endsWith("/api/v1/admin/me"));
  await warning.getByRole("button", { name: "Rester connecté" }).click();
  expect((await stay).status()).toBe(200);
  await expect(warning).toHaveCount(0);

  // Idle again until the end: the login page says why.
  await page.clock.fastForward("13:30");
  await expect(warning).toBeVisible();
  await page.clock.fastForward("02:00");
  await expect(page).toHaveURL(/\/gestion\/connexion\?retour=%2Fgestion%2Fservice&expire=1/);
  await expect(page.getByText("Votre session a été fermée après une période sans activité.")).toBeVisible();
  await expectAccessible(page, "session fermée");
});
