// The account pages of the espace candidat in a real browser: sign-up, activation from the mail,
// login and its errors, forgotten password, "Modifier mon compte" (identity locked after a
// registration), logout, help, accessibility statement; axe in every state, 360 px wide.
import path from "node:path";
import type { Page } from "@playwright/test";
import { activeAccount, expect, expectAccessible, linkIn, loginAndRegister, password, test } from "./guichet";

test.use({ simulatedTime: "2024-11-01T10:00:00+01:00" });
// Long journeys with axe in every state: a busy 2-core machine took two minutes for the first.
test.describe.configure({ timeout: 240_000 });

const shots = path.resolve(import.meta.dirname, "../../docs/portal");

/** The page at 360 px (a phone) and 640 px (a 1280 px window zoomed to 200 %): no horizontal
 * scroll; back to the first size after. */
async function expectNoHorizontalScroll(page: Page, what: string) {
  const size = page.viewportSize();
  for (const width of [360, 640]) {
    await page.setViewportSize({ width, height: 800 });
    const scrolled = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(scrolled, `${what} scrolls sideways at ${width} px`).toBeLessThanOrEqual(width);
  }
  await page.setViewportSize(size ?? { width: 1280, height: 800 });
}

/** Full-page screenshots at desktop and phone widths into docs/portal/. */
async function screenshots(page: Page, name: string) {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.screenshot({ path: path.join(shots, `${name}-desktop.png`), fullPage: true });
  await page.setViewportSize({ width: 360, height: 800 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await page.screenshot({ path: path.join(shots, `${name}-mobile.png`), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 800 });
}

async function fillLogin(page: Page, email: string, secret: string) {
  await field(page, "Adresse mail").fill(email);
  await page.getByLabel("Mot de passe", { exact: true }).fill(secret);
  await page.getByRole("button", { name: "Se connecter" }).click();
}

const summary = (page: Page) => page.locator("main [role=alert]").first();

/** A form control by the start of its label (a DSFR label also holds the field's hint, which may
 * name other fields). */
const field = (page: Page, label: string) =>
  page
    .locator("input, select, textarea")
    .and(page.getByLabel(new RegExp("^" + label.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))));

test("sign up through the page, activate from the mail, log in, change the address, log out", async ({
  page,
  guichet,
}) => {
  const email = "camille.durand@example.org";
  await page.goto("/");
  await page.getByRole("link", { name: "Créer mon compte" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Créer mon compte" })).toBeVisible();
  await expect(page.getByText("vous avez 48 h pour cliquer sur le lien « Activer mon compte »")).toBeVisible();
  await expectAccessible(page, "sign-up form");

  await field(page, "Adresse mail").fill(email);
  await field(page, "Mot de passe").fill(password);
  await field(page, "Confirmation du mot de passe").fill(password);
  await field(page, "Nom").fill("Durand");
  await field(page, "Prénom").fill("Camille");
  await field(page, "Date de naissance").fill("12/03/2001");
  await field(page, "Lieu de naissance").fill("Niort");
  await field(page, "Nationalité").selectOption({ label: "Française" });
  await field(page, "Téléphone (facultatif)").fill("06 12 34 56 78");
  await page.getByRole("button", { name: "Créer mon compte" }).click();

  await expect(page.getByRole("heading", { level: 1, name: "Activez votre compte" })).toBeFocused();
  await expect(page.getByText(`Un mail vient d'être envoyé à l'adresse ${email}.`)).toBeVisible();
  await expect(page.getByText("48 h", { exact: true })).toBeVisible();
  await expectAccessible(page, "sign-up done");

  // The mail's link opens the activation page, which activates on arrival.
  const mail = await guichet.awaitMail((m) => m.includes(`To: ${email}`) && m.includes("/activation?token="));
  const link = linkIn(mail);
  await page.goto(link);
  await expect(page.getByRole("heading", { level: 1, name: "Votre compte est activé" })).toBeVisible();
  await expectAccessible(page, "account activated");

  // The same link again: it has served, the page says so and what to do.
  await page.goto(link);
  await expect(page.getByRole("heading", { level: 1, name: "Votre compte n'a pas pu être activé" })).toBeVisible();
  await expect(page.getByText("Ce lien d'activation a déjà servi")).toBeVisible();
  await expectAccessible(page, "activation link used twice");

  await page.getByRole("link", { name: "Me connecter" }).last().click();
  await expect(page).toHaveURL(/\/connexion$/);
  await fillLogin(page, email, password);
  await expect(page).toHaveURL(/\/$/);
  await page.getByRole("link", { name: "Camille Durand" }).click();
  await expect(page).toHaveURL(/\/mon-compte$/);
  await expect(page.getByRole("heading", { level: 1, name: "Modifier mon compte" })).toBeVisible();
  // The identity as typed at sign-up, editable: no registration yet.
  await expect(field(page, "Date de naissance")).toHaveValue("12/03/2001");
  await expect(field(page, "Nationalité")).toHaveValue("francaise");
  await expect(field(page, "Nom")).toBeEnabled();
  await expectAccessible(page, "my account");

  // A change of the identity while not locked.
  await field(page, "Lieu de naissance").fill("Niort (Deux-Sèvres)");
  await page.getByRole("button", { name: "Enregistrer mes informations" }).click();
  await expect(page.locator(".fr-alert--success", { hasText: "Vos informations personnelles ont été enregistrées" })).toBeFocused();
  await expectAccessible(page, "identity saved");

  // A new address needs the current password: refused without it, then accepted.
  const newEmail = "camille.durand@example.net";
  await field(page, "Adresse mail").fill(newEmail);
  await page.getByRole("button", { name: "Enregistrer l'adresse et le mot de passe" }).click();
  await expect(summary(page)).toBeFocused();
  await expect(summary(page)).toContainText("Mot de passe actuel : Saisissez votre mot de passe actuel");
  await expect(field(page, "Mot de passe actuel")).toHaveAttribute("aria-invalid", "true");
  await expectAccessible(page, "my account, current password missing");
  await field(page, "Mot de passe actuel").fill(password);
  await page.getByRole("button", { name: "Enregistrer l'adresse et le mot de passe" }).click();
  await expect(page.locator(".fr-alert--success", { hasText: "Votre adresse mail a été modifiée" })).toBeFocused();
  await expect(page.getByText(`Vous vous connecterez désormais avec l'adresse ${newEmail}.`)).toBeVisible();
  await expectAccessible(page, "address changed");
  await guichet.awaitMail((m) => m.includes(`To: ${email}`) && !m.includes("token="));

  // Se déconnecter (header quick access): back on the login page, which says so.
  await page.getByRole("button", { name: "Se déconnecter" }).click();
  await expect(page).toHaveURL(/\/connexion\?deconnecte=1$/);
  await expect(page.getByText("Vous êtes déconnecté.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Se déconnecter" })).toHaveCount(0);
  await expectAccessible(page, "logged out");

  // A page of the candidate's space asks for a login, then comes back; the new address is the login.
  await page.goto("/mon-compte");
  await expect(page).toHaveURL(/\/connexion\?retour=%2Fmon-compte$/);
  await fillLogin(page, newEmail, password);
  await expect(page).toHaveURL(/\/mon-compte$/);
  await expect(field(page, "Adresse mail")).toHaveValue(newEmail);
});

test("bad sign-up: every fault of an empty form at once, a weak password, a taken address", async ({
  page,
  guichet,
}) => {
  await page.goto("/creer-mon-compte");
  await page.getByRole("button", { name: "Créer mon compte" }).click();
  await expect(summary(page)).toBeFocused();
  const fields = [
    "Adresse mail",
    "Mot de passe",
    "Confirmation du mot de passe",
    "Nom",
    "Prénom",
    "Date de naissance",
    "Lieu de naissance",
    "Nationalité",
  ];
  await expect(summary(page).getByRole("link")).toHaveCount(fields.length);
  for (const label of fields) {
    await expect(summary(page).getByRole("link", { name: `${label} : Ce champ est obligatoire.`, exact: true })).toBeVisible();
    await expect(field(page, label)).toHaveAttribute("aria-invalid", "true");
  }
  await expect(page.locator("form").getByText("Ce champ est obligatoire.", { exact: true })).toHaveCount(fields.length);
  await expect(field(page, "Téléphone (facultatif)")).not.toHaveAttribute("aria-invalid", "true");
  await expect(page).toHaveTitle(/^Erreur – Créer mon compte/);
  await expectAccessible(page, "empty sign-up");
  await screenshots(page, "creer-mon-compte");

  // A summary link leads to its field.
  await summary(page).getByRole("link", { name: /^Nom :/ }).click();
  await expect(field(page, "Nom")).toBeFocused();

  // A password the API refuses (too common), said beside the field; a date of no calendar.
  await field(page, "Adresse mail").fill("sacha.petit@example.org");
  await field(page, "Mot de passe").fill("motdepasse123");
  await field(page, "Confirmation du mot de passe").fill("motdepasse123");
  await field(page, "Nom").fill("Petit");
  await field(page, "Prénom").fill("Sacha");
  await field(page, "Date de naissance").fill("31/02/2003");
  await field(page, "Lieu de naissance").fill("La Rochelle");
  await field(page, "Nationalité").selectOption("ue");
  await page.getByRole("button", { name: "Créer mon compte" }).click();
  await expect(summary(page)).toBeFocused();
  await expect(summary(page).getByRole("link")).toHaveCount(2);
  await expect(summary(page)).toContainText("Mot de passe : Ce mot de passe est trop courant.");
  await expect(summary(page)).toContainText("Date de naissance : Date invalide (format attendu : JJ/MM/AAAA");
  await expect(page.locator(".fr-password .fr-message--error")).toHaveText("Ce mot de passe est trop courant. Choisissez-en un autre.");
  await expectAccessible(page, "weak password");

  // Too short, and a confirmation that differs: said by the page, nothing sent.
  await field(page, "Date de naissance").fill("28/02/2003");
  await field(page, "Mot de passe").fill("court");
  await field(page, "Confirmation du mot de passe").fill("autre");
  await page.getByRole("button", { name: "Créer mon compte" }).click();
  await expect(summary(page)).toBeFocused();
  await expect(summary(page).getByRole("link")).toHaveCount(1);
  await expect(summary(page)).toContainText("La confirmation ne correspond pas au mot de passe saisi.");
  await field(page, "Mot de passe").fill("court");
  await field(page, "Confirmation du mot de passe").fill("court");
  await page.getByRole("button", { name: "Créer mon compte" }).click();
  await expect(summary(page)).toContainText("Le mot de passe doit contenir au moins 12 caractères.");
  await expectAccessible(page, "short password");

  // An address that already has an account: the notice's explanation and its two ways out.
  const taken = "deja.inscrit@example.org";
  await activeAccount(guichet, taken);
  await field(page, "Adresse mail").fill(taken);
  await field(page, "Mot de passe").fill(password);
  await field(page, "Confirmation du mot de passe").fill(password);
  await page.getByRole("button", { name: "Créer mon compte" }).click();
  await expect(summary(page)).toBeFocused();
  await expect(summary(page)).toContainText("Adresse mail : Cette adresse mail existe déjà dans l'application.");
  await expect(page.getByText("Vous ou l'un de vos proches avez déjà créé un compte")).toBeVisible();
  await expect(page.getByText("Il existe déjà un candidat qui possède la même adresse mail.")).toBeVisible();
  await expectAccessible(page, "address taken");
  await page.getByRole("link", { name: "Mot de passe oublié, réinitialisation du mot de passe" }).click();
  await expect(page).toHaveURL(/\/mot-de-passe-oublie$/);
});

test("login errors: wrong password, account not activated, too many attempts", async ({ page, guichet }) => {
  const email = "noa.leroy@example.org";
  await activeAccount(guichet, email, { first_name: "Noa", last_name: "Leroy" });
  await page.goto("/connexion");
  await expect(page.getByRole("heading", { level: 1, name: "Me connecter" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Mot de passe oublié, réinitialisation du mot de passe" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Je n'ai pas de compte" })).toHaveAttribute("href", "/creer-mon-compte");
  await expectAccessible(page, "login form");
  await screenshots(page, "connexion");

  // Empty: each field said.
  await page.getByRole("button", { name: "Se connecter" }).click();
  await expect(summary(page)).toBeFocused();
  await expect(summary(page).getByRole("link")).toHaveCount(2);
  await expectAccessible(page, "empty login");

  await fillLogin(page, email, "pas le bon mot de passe");
  await expect(summary(page)).toBeFocused();
  await expect(summary(page)).toContainText("Adresse mail ou mot de passe incorrect.");
  await expectAccessible(page, "wrong password");

  // An account never activated: the API's sentence says what to do.
  const pending = "en.attente@example.org";
  const r = await fetch(`${guichet.baseURL}/api/v1/accounts`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({
      email: pending,
      password,
      last_name: "Bernard",
      first_name: "Inès",
      birth_date: "2000-01-01",
      birth_place: "Angoulême",
      nationality: "autre",
    }),
  });
  expect(r.status).toBe(201);
  await fillLogin(page, pending, password);
  await expect(summary(page)).toBeFocused();
  await expect(summary(page)).toContainText("Votre compte n'est pas encore activé");
  await expectAccessible(page, "not activated");

  // Failures 2 to 4 answer 401; the 5th blocks the account for a minute: said with its delay.
  for (let i = 0; i < 3; ++i) {
    await fillLogin(page, email, `mauvais ${i}`);
    await expect(summary(page)).toContainText("Adresse mail ou mot de passe incorrect.");
  }
  await fillLogin(page, email, "mauvais encore");
  await expect(summary(page)).toContainText("Trop de tentatives de connexion.");
  await expect(summary(page)).toContainText("Vous pourrez réessayer dans 1 minute.");
  await expectAccessible(page, "too many attempts");
});

test("forgotten password: the mail's reset link, a new password, then login with it", async ({ page, guichet }) => {
  const email = "lou.moreau@example.org";
  await activeAccount(guichet, email, { first_name: "Lou", last_name: "Moreau" });
  await page.goto("/connexion");
  await page.getByRole("link", { name: "Mot de passe oublié, réinitialisation du mot de passe" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Mot de passe oublié, réinitialisation du mot de passe");
  await expectAccessible(page, "forgotten password form");
  await page.getByRole("button", { name: "Recevoir le lien" }).click();
  await expect(summary(page)).toBeFocused();
  await expectAccessible(page, "forgotten password, empty");
  await field(page, "Adresse mail").fill(email);
  await page.getByRole("button", { name: "Recevoir le lien" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Consultez votre messagerie" })).toBeFocused();
  await expect(page.getByText("Si un compte correspond à cette adresse, un mail vient d'y être envoyé")).toBeVisible();
  await expectAccessible(page, "reset mail sent");

  const mail = await guichet.awaitMail((m) => m.includes(`To: ${email}`) && m.includes("/reinitialisation?token="));
  const link = linkIn(mail);
  await page.goto(link);
  await expect(page.getByRole("heading", { level: 1, name: "Choisir un nouveau mot de passe" })).toBeVisible();
  await expectAccessible(page, "reset form");
  const fresh = "un tout nouveau mot de passe";
  await field(page, "Nouveau mot de passe").fill(fresh);
  await field(page, "Confirmation du nouveau mot de passe").fill("autre chose encore");
  await page.getByRole("button", { name: "Enregistrer le nouveau mot de passe" }).click();
  await expect(summary(page)).toBeFocused();
  await expect(summary(page)).toContainText("La confirmation ne correspond pas au mot de passe saisi.");
  await expectAccessible(page, "reset mismatch");
  await field(page, "Confirmation du nouveau mot de passe").fill(fresh);
  await page.getByRole("button", { name: "Enregistrer le nouveau mot de passe" }).click();
  await expect(page).toHaveURL(/\/connexion\?mot-de-passe=modifie$/);
  await expect(page.getByText("Votre mot de passe a été modifié.")).toBeVisible();
  await expectAccessible(page, "password reset, login");

  await fillLogin(page, email, password);
  await expect(summary(page)).toContainText("Adresse mail ou mot de passe incorrect.");
  await fillLogin(page, email, fresh);
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("button", { name: "Se déconnecter" })).toBeVisible();

  // The link has served: the page says so and offers a new request.
  await page.goto(link);
  await field(page, "Nouveau mot de passe").fill("encore un autre mot de passe");
  await field(page, "Confirmation du nouveau mot de passe").fill("encore un autre mot de passe");
  await page.getByRole("button", { name: "Enregistrer le nouveau mot de passe" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Ce lien ne permet plus de changer le mot de passe" })).toBeFocused();
  await expect(page.getByRole("link", { name: "Faire une nouvelle demande" })).toBeVisible();
  await expectAccessible(page, "reset link used");
});

test("Modifier mon compte: identity greyed after a registration, with the office to write to; a new password", async ({
  page,
  guichet,
}) => {
  const email = "jade.roux@example.org";
  await activeAccount(guichet, email, { first_name: "Jade", last_name: "Roux" });
  await loginAndRegister(page, email);

  await page.goto("/mon-compte");
  await expect(page.getByRole("heading", { level: 1, name: "Modifier mon compte" })).toBeVisible();
  await expect(page.getByText("Ces informations ne sont plus modifiables ici")).toBeVisible();
  await expect(page.getByText("contactez le service des examens (pole.bac.pro@ac-poitiers.fr)")).toBeVisible();
  await expect(page.getByRole("link", { name: "pole.bac.pro@ac-poitiers.fr" })).toHaveAttribute(
    "href",
    "mailto:pole.bac.pro@ac-poitiers.fr",
  );
  for (const label of ["Nom", "Prénom", "Date de naissance", "Lieu de naissance", "Nationalité"])
    await expect(field(page, label)).toBeDisabled();
  await expect(field(page, "Nom")).toHaveValue("Roux");
  await expect(page.getByRole("button", { name: "Enregistrer mes informations" })).toHaveCount(0);
  await expect(field(page, "Adresse mail")).toBeEnabled();
  await expectAccessible(page, "identity locked");
  await screenshots(page, "mon-compte");

  // The password still changes (after a reload: the page asks for its CSRF token); every session
  // ends with the old one, so the page asks to log in again.
  const fresh = "mon second mot de passe";
  await field(page, "Nouveau mot de passe (facultatif)").fill(fresh);
  await field(page, "Confirmation du nouveau mot de passe (facultatif)").fill("pas pareil du tout");
  await field(page, "Mot de passe actuel").fill(password);
  await page.getByRole("button", { name: "Enregistrer l'adresse et le mot de passe" }).click();
  await expect(summary(page)).toBeFocused();
  await expect(summary(page)).toContainText("La confirmation ne correspond pas au mot de passe saisi.");
  await expectAccessible(page, "new password mismatch");
  await field(page, "Confirmation du nouveau mot de passe (facultatif)").fill(fresh);
  await page.getByRole("button", { name: "Enregistrer l'adresse et le mot de passe" }).click();
  await expect(page).toHaveURL(/\/connexion\?mot-de-passe=modifie$/);
  await expect(page.getByText("Votre mot de passe a été modifié.")).toBeVisible();
  await fillLogin(page, email, fresh);
  await expect(page).toHaveURL(/\/$/);
});

test("J'ai besoin d'aide lists the académie's offices; the accessibility statement is linked from the footer", async ({
  page,
}) => {
  await page.goto("/");
  await page.getByRole("link", { name: "J'ai besoin d'aide" }).first().click();
  await expect(page).toHaveURL(/\/aide$/);
  await expect(page.getByRole("heading", { level: 1, name: "J'ai besoin d'aide" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Je ne peux pas accéder à mon compte" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Académie de Poitiers" })).toBeVisible();
  const office = page.locator(".fr-card", { has: page.getByRole("heading", { name: "Pôle baccalauréats professionnels" }) });
  await expect(office.getByRole("link", { name: "pole.bac.pro@ac-poitiers.fr" })).toBeVisible();
  await expect(office.getByRole("link", { name: "05.16.52.64.64" })).toHaveAttribute("href", "tel:0516526464");
  await expect(page.getByRole("heading", { name: "Pôle industriel, tertiaire" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Désinscription d'une candidature" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Ouverture des services" }).last()).toHaveAttribute("href", "/");
  await expectAccessible(page, "help");
  await screenshots(page, "aide");

  await page.getByRole("link", { name: /Accessibilité : partiellement conforme/ }).click();
  await expect(page).toHaveURL(/\/accessibilite$/);
  await expect(page.getByRole("heading", { level: 1, name: "Déclaration d'accessibilité" })).toBeVisible();
  await expect(page.getByText("partiellement conforme", { exact: true })).toBeVisible();
  await expect(page.getByText(/contrôles automatiques avec l'outil axe-core/)).toBeVisible();
  await expect(page.getByRole("heading", { name: "Voies de recours" })).toBeVisible();
  await expect(page.getByText(/Libre réponse 71120/)).toBeVisible();
  await expectAccessible(page, "accessibility statement");
});

test("keyboard only: the skip link comes first and moves the focus to the content; login by keyboard", async ({
  page,
  guichet,
}) => {
  const email = "eden.fabre@example.org";
  await activeAccount(guichet, email, { first_name: "Eden", last_name: "Fabre" });
  await page.goto("/connexion");
  // The page is drawn by script: a Tab before it is there focuses nothing (the run on CI).
  await expect(page.getByRole("heading", { level: 1, name: "Me connecter" })).toBeVisible();
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Contenu" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.locator("#contenu")).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(field(page, "Adresse mail")).toBeFocused();
  await page.keyboard.type(email);
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Mot de passe", { exact: true })).toBeFocused();
  await page.keyboard.type(password);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("button", { name: "Se déconnecter" })).toBeVisible();
});

test("every account page fits 360 px and 200 % zoom without horizontal scrolling; an expired activation link", async ({ page, guichet }) => {
  for (const p of [
    "/creer-mon-compte",
    "/connexion?deconnecte=1",
    "/mot-de-passe-oublie",
    "/reinitialisation?token=inconnu",
    "/activation?token=inconnu",
    "/aide",
    "/accessibilite",
  ]) {
    await page.goto(p);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expectNoHorizontalScroll(page, p);
  }
  await expectAccessible(page, "accessibility statement");
  await page.goto("/activation?token=inconnu");
  await expect(page.getByText("Ce lien d'activation n'est pas valide.")).toBeVisible();
  await expectAccessible(page, "activation link unknown");
  // A link whose 48 h are over (its expiry is in the token): 410, create the account again.
  await page.goto("/activation?token=perime.1000000000");
  await expect(page.getByText("Ce lien d'activation a expiré (48 h).")).toBeVisible();
  await expect(page.getByText("Créez votre compte à nouveau")).toBeVisible();
  await expect(page.locator("main").getByRole("link", { name: "Créer mon compte" })).toBeVisible();
  await expect(page.locator("main").getByRole("link", { name: "Me connecter" })).toHaveCount(0);
  await expectAccessible(page, "activation link expired");

  const email = "sam.garnier@example.org";
  await activeAccount(guichet, email, { first_name: "Sam", last_name: "Garnier" });
  await page.goto("/connexion");
  await fillLogin(page, email, password);
  await expect(page).toHaveURL(/\/$/);
  await page.goto("/mon-compte");
  await expect(page.getByRole("heading", { level: 1, name: "Modifier mon compte" })).toBeVisible();
  await expectNoHorizontalScroll(page, "/mon-compte");
});
