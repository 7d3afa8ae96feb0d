// « Mes justificatifs » in a real browser against a real guichet (Poitiers, bac pro 2025, an
// upload session open on 1 November 2024): states, uploads with progress, refused files,
// removal, confirmation with and without missing pieces, a piece refused by the office.
import { writeFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import { expect, expectAccessible, test } from "./guichet";
import { activeCandidate, file, loginAndRegister, pdf, screenshots, staffCall, staffToken } from "./piecesSupport";

test.use({ simulatedTime: "2024-11-01T10:00:00+01:00" });
// Uploads, axe runs and two screen widths take time on a loaded machine.
test.describe.configure({ timeout: 120_000 });

const piece = (page: Page, label: string) => page.locator("section.fr-card", { has: page.getByRole("heading", { name: label, exact: true }) });

/** Uploads through the API as the browser (the page's own form is tested apart). */
async function give(page: Page, id: string, csrf: string, code: string, name = `${code}.pdf`) {
  const r = await page.request.post(`/api/v1/registrations/${id}/pieces/${code}`, {
    multipart: { file: file(name, pdf(code)) },
    headers: { "X-CSRF-Token": csrf },
  });
  expect(r.status(), await r.text()).toBe(201);
}

test("pieces are listed as missing with the limits, a PDF goes up with its progress, several files to one piece", async ({ page, guichet }, testInfo) => {
  await activeCandidate(guichet, "depot@example.org");
  const reg = await loginAndRegister(page, "depot@example.org");
  await page.goto("/mes-justificatifs");
  // One registration: straight to it.
  await expect(page).toHaveURL(new RegExp(`/mes-justificatifs/${reg.id}$`));
  await expect(page.getByRole("heading", { level: 1, name: "Mes justificatifs" })).toBeVisible();
  await expect(page.getByText(`Inscription n° ${reg.registration_number}`)).toBeVisible();
  await expect(page.getByText("À faire avant le 13 novembre 2024 à 19 h 00")).toBeVisible();
  for (const label of ["Pièce d'identité", "Justificatif de domicile", "Certificats de travail"])
    await expect(piece(page, label).locator(".fr-badge")).toHaveText(`Manquante : ${label}`);
  // The limits, before choosing.
  await expect(piece(page, "Pièce d'identité")).toContainText(
    "Formats acceptés : PDF, JPEG ou PNG. Taille maximale : 10 Mio par fichier. Plusieurs fichiers possibles, jusqu'à 4 fichiers pour cette pièce.",
  );
  await expect(page.locator("#fichiers-identite")).toHaveAttribute("multiple", "");
  await expectAccessible(page, "pieces listed");

  // A large file on a slowed link: the progress bar and its percentage show while it goes.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: 20,
    downloadThroughput: -1,
    uploadThroughput: 1024 * 1024,
  });
  const identite = piece(page, "Pièce d'identité");
  const large = testInfo.outputPath("carte-identite.pdf");
  writeFileSync(large, Buffer.concat([pdf(), Buffer.alloc(3 * 1024 * 1024 - pdf().length, 32)]));
  await page.locator("#fichiers-identite").setInputFiles(large);
  await identite.getByRole("button", { name: /^Ajouter à « / }).click();
  const bar = identite.locator("progress");
  await expect(bar).toBeVisible();
  await expect(identite.getByText("Envoi de « carte-identite.pdf » :")).toBeVisible();
  await expect(identite.locator("span", { hasText: /^\d{1,3} %$/ })).toBeVisible();
  await expectAccessible(page, "upload in progress");
  await expect(bar).toBeHidden({ timeout: 20_000 });
  await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
  await expect(identite.locator(".fr-badge")).toHaveText("Reçue : Pièce d'identité");
  await expect(identite.getByRole("link", { name: "carte-identite.pdf" })).toBeVisible();
  await expect(identite).toContainText(/PDF, 3\u00a0Mio, déposé le 1er novembre 2024 à 10\sh\s\d\d/);
  await expect(page.locator("#pieces-annonce")).toContainText("« carte-identite.pdf » a été ajouté à « Pièce d'identité ».");

  // Several files for one piece, in one choice.
  const domicile = piece(page, "Justificatif de domicile");
  await page.locator("#fichiers-domicile").setInputFiles([
    file("facture-page1.pdf", pdf("page 1")),
    file("facture-page2.png", Buffer.from("89504e470d0a1a0a0000000d49484452", "hex"), "image/png"),
  ]);
  // By keyboard: Tab from the field to Ajouter, Entrée; the focus stays there.
  const add = domicile.getByRole("button", { name: /^Ajouter à « / });
  await page.locator("#fichiers-domicile").focus();
  await page.keyboard.press("Tab");
  await expect(add).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(domicile.getByRole("link", { name: "facture-page1.pdf" })).toBeVisible();
  await expect(add).toBeFocused();
  await expect(domicile.getByRole("link", { name: "facture-page2.png" })).toBeVisible();
  await expect(domicile.locator(".fr-badge")).toHaveText("Reçue : Justificatif de domicile");
  await expect(domicile).toContainText("encore 2 fichiers sur 4 pour cette pièce");
  await expect(page.locator("#pieces-annonce")).toContainText("2 fichiers ont été ajoutés à « Justificatif de domicile ».");
  // The file as stored, for the candidate to check.
  const href = await domicile.getByRole("link", { name: "facture-page1.pdf" }).getAttribute("href");
  const back = await page.request.get(href!);
  expect(back.status()).toBe(200);
  expect((await back.body()).subarray(0, 5).toString()).toBe("%PDF-");
  await expectAccessible(page, "files received");
  await screenshots(page, "mes-justificatifs");
});

test("an oversize file and a file of the wrong type are refused with the server's French message, next to the piece and summarised", async ({ page, guichet }, testInfo) => {
  await activeCandidate(guichet, "refus@example.org");
  const reg = await loginAndRegister(page, "refus@example.org");
  await page.goto(`/mes-justificatifs/${reg.id}`);
  const limits = (await (await page.request.get(`/api/v1/registrations/${reg.id}/pieces`)).json()).limits;
  const jdc = piece(page, "Attestation de recensement ou certificat de participation à la JDC");
  // One byte over the limit the API states, a real PDF header; a path, not a buffer: the
  // browser reads it from disk (a 10 Mio buffer through the protocol takes seconds).
  const tooBig = testInfo.outputPath("trop-gros.pdf");
  writeFileSync(tooBig, Buffer.concat([pdf(), Buffer.alloc(limits.max_file_bytes + 1 - pdf().length, 32)]));
  // Text named .pdf: the server reads the content, not the name.
  const text = testInfo.outputPath("attestation.pdf");
  writeFileSync(text, "Ceci est un texte, pas un PDF : le serveur le reconnaît à son contenu.\n");
  // A Windows program.
  const program = testInfo.outputPath("installer.exe");
  writeFileSync(program, Buffer.concat([Buffer.from("MZ"), Buffer.alloc(200, 0)]));
  await page.locator("#fichiers-jdc").setInputFiles([tooBig, text, program]);
  await jdc.getByRole("button", { name: /^Ajouter à « / }).click();
  const summary = page.locator(".fr-alert--error[role=alert]");
  await expect(summary).toBeFocused();
  await expect(summary.getByRole("heading")).toHaveText("3 fichiers n'ont pas été ajoutés");
  const tooLarge = "« trop-gros.pdf » : Le fichier dépasse la taille maximale autorisée (10 Mio).";
  const wrongType = "Ce fichier n'est pas accepté : seuls les fichiers PDF, JPEG ou PNG sont acceptés (reconnus à leur contenu).";
  await expect(summary).toContainText(tooLarge);
  await expect(summary).toContainText(`« attestation.pdf » : ${wrongType}`);
  await expect(summary).toContainText(`« installer.exe » : ${wrongType}`);
  // The same messages next to the field, which the summary's link reaches.
  const fieldError = page.locator("#fichiers-jdc-desc-error");
  await expect(fieldError).toContainText(tooLarge);
  await expect(fieldError).toContainText(`« installer.exe » : ${wrongType}`);
  await expect(page.locator("#fichiers-jdc")).toHaveAttribute("aria-describedby", /fichiers-jdc-desc-error/);
  await summary.getByRole("link").first().click();
  await expect(page.locator("#fichiers-jdc")).toBeFocused();
  await expect(jdc).toContainText("Aucun fichier déposé pour cette pièce.");
  await expect(jdc.locator(".fr-badge")).toHaveText(/^Manquante/);
  await expectAccessible(page, "refused files shown");

  // Ajouter without a file: said, not sent.
  const travail = piece(page, "Certificats de travail");
  await travail.getByRole("button", { name: /^Ajouter à « / }).click();
  await expect(summary).toContainText("Certificats de travail : Choisissez au moins un fichier à ajouter.");
  await expect(page.locator("#fichiers-certificats_travail-desc-error")).toHaveText("Choisissez au moins un fichier à ajouter.");
  await page.locator("#fichiers-jdc").setInputFiles([tooBig, text]);
  await jdc.getByRole("button", { name: /^Ajouter à « / }).click();
  await expect(summary.getByRole("heading")).toHaveText("2 fichiers n'ont pas été ajoutés");
  await screenshots(page, "mes-justificatifs-erreur");

  // Five files where four are allowed: four go up, the fifth is refused with the API's words.
  await page.locator("#fichiers-certificats_travail").setInputFiles(
    [1, 2, 3, 4, 5].map((n) => file(`certificat-${n}.pdf`, pdf(`certificat ${n}`))),
  );
  await travail.getByRole("button", { name: /^Ajouter à « / }).click();
  await expect(summary).toContainText(
    "« certificat-5.pdf » : Cette pièce a déjà 4 fichier(s), le maximum : retirez-en un avant d'en déposer un autre.",
  );
  await expect(travail.getByRole("link", { name: /^certificat-\d\.pdf$/ })).toHaveCount(4);
  await expect(travail).toContainText("Cette pièce a déjà 4 fichiers, le maximum : retirez-en un pour en déposer un autre.");
  await expect(page.locator("#pieces-annonce")).toContainText("4 fichiers ont été ajoutés à « Certificats de travail ».");
  await expectAccessible(page, "too many files");
});

test("a file is removed after a confirmation dialog", async ({ page, guichet }) => {
  await activeCandidate(guichet, "retrait@example.org");
  const reg = await loginAndRegister(page, "retrait@example.org");
  await page.goto(`/mes-justificatifs/${reg.id}`);
  const identite = piece(page, "Pièce d'identité");
  await page.locator("#fichiers-identite").setInputFiles(file("mauvaise-page.pdf", pdf()));
  await identite.getByRole("button", { name: /^Ajouter à « / }).click();
  await expect(identite.getByRole("link", { name: "mauvaise-page.pdf" })).toBeVisible();

  // By keyboard: the dialog opens, Échap closes it and the focus comes back.
  const remove = identite.getByRole("button", { name: "Retirer « mauvaise-page.pdf »" });
  const dialog = page.getByRole("dialog", { name: "Retirer ce fichier ?" });
  await remove.focus();
  await page.keyboard.press("Enter");
  await expect(dialog).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(remove).toBeFocused();

  // Cancelled: nothing changes.
  await remove.click();
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText("Le fichier « mauvaise-page.pdf » sera retiré de la pièce « Pièce d'identité ».");
  await expectAccessible(page, "removal dialog");
  await dialog.getByRole("button", { name: "Annuler" }).click();
  await expect(dialog).toBeHidden();
  await expect(identite.getByRole("link", { name: "mauvaise-page.pdf" })).toBeVisible();

  // Confirmed: the file goes, the piece is missing again.
  await identite.getByRole("button", { name: "Retirer « mauvaise-page.pdf »" }).click();
  await dialog.getByRole("button", { name: "Retirer le fichier" }).click();
  await expect(dialog).toBeHidden();
  await expect(identite.getByRole("link", { name: "mauvaise-page.pdf" })).toHaveCount(0);
  await expect(identite.locator(".fr-badge")).toHaveText("Manquante : Pièce d'identité");
  await expect(page.locator("#pieces-annonce")).toContainText("« mauvaise-page.pdf » a été retiré de « Pièce d'identité ».");
  const set = await (await page.request.get(`/api/v1/registrations/${reg.id}/pieces`)).json();
  expect(set.pieces.find((p: { code: string }) => p.code === "identite").files).toEqual([]);
  await expectAccessible(page, "file removed");
});

test("J'ai fourni toutes mes pièces: with a piece missing, the list of what is missing; complete, the set is frozen", async ({ page, guichet }) => {
  await activeCandidate(guichet, "confirme@example.org");
  const reg = await loginAndRegister(page, "confirme@example.org");
  for (const code of ["identite", "domicile"]) await give(page, reg.id, reg.csrf, code);
  await page.goto(`/mes-justificatifs/${reg.id}`);

  await page.getByRole("button", { name: "J'ai fourni toutes mes pièces" }).click();
  const summary = page.locator(".fr-alert--error[role=alert]");
  await expect(summary).toBeFocused();
  await expect(summary.getByRole("heading")).toHaveText("Vous ne pouvez pas encore confirmer");
  await expect(summary).toContainText("Il manque encore des pièces : déposez-les avant de confirmer.");
  await expect(summary.getByRole("listitem")).toHaveText([
    "Pièce manquante : Attestation de recensement ou certificat de participation à la JDC",
    "Pièce manquante : Certificats de travail",
  ]);
  await expect(page.locator("#fichiers-certificats_travail-desc-error")).toHaveText("Pièce manquante : Certificats de travail");
  await expectAccessible(page, "pieces missing");

  for (const [code, label] of [
    ["jdc", "Attestation de recensement ou certificat de participation à la JDC"],
    ["certificats_travail", "Certificats de travail"],
  ]) {
    await page.locator(`#fichiers-${code}`).setInputFiles(file(`${code}.pdf`, pdf(code)));
    await piece(page, label).getByRole("button", { name: /^Ajouter à « / }).click();
    await expect(piece(page, label).locator(".fr-badge")).toHaveText(`Reçue : ${label}`);
  }
  await page.getByRole("button", { name: "J'ai fourni toutes mes pièces" }).click();
  await expect(page.getByText("Vous avez fourni toutes vos pièces")).toBeVisible();
  await expect(page.getByText(/Vous avez confirmé avoir fourni toutes vos pièces le 1er novembre 2024 à 10\sh\s\d\d\./)).toBeVisible();
  // Frozen: no more Ajouter, Retirer or confirmation, also after a reload.
  for (const check of [false, true]) {
    if (check) await page.reload();
    await expect(page.getByText("Vous avez fourni toutes vos pièces")).toBeVisible();
    await expect(page.getByRole("button", { name: /^Ajouter à « / })).toHaveCount(0);
    await expect(page.getByRole("button", { name: /^Retirer/ })).toHaveCount(0);
    await expect(page.locator("input[type=file]")).toHaveCount(0);
    await expect(page.getByRole("button", { name: "J'ai fourni toutes mes pièces" })).toHaveCount(0);
    await expect(page.getByRole("link", { name: "jdc.pdf" })).toBeVisible();
  }
  await expectAccessible(page, "pieces confirmed");
});

test("a piece the office refused shows its reason and opens again, alone", async ({ page, guichet }) => {
  await activeCandidate(guichet, "refusee@example.org");
  const reg = await loginAndRegister(page, "refusee@example.org");
  for (const code of ["identite", "domicile", "jdc", "certificats_travail"]) await give(page, reg.id, reg.csrf, code);
  const confirmed = await page.request.post(`/api/v1/registrations/${reg.id}/pieces/confirm`, { headers: { "X-CSRF-Token": reg.csrf } });
  expect(confirmed.status()).toBe(200);
  const staff = await staffToken(guichet);
  const reason = "Le justificatif de domicile date de plus de trois mois.";
  await staffCall(guichet, staff, "POST", `/api/v1/admin/registrations/${reg.id}/pieces/domicile/review`, JSON.stringify({ verdict: "rejected", reason }));
  await staffCall(guichet, staff, "POST", `/api/v1/admin/registrations/${reg.id}/pieces/identite/review`, JSON.stringify({ verdict: "accepted" }));

  await page.goto(`/mes-justificatifs/${reg.id}`);
  const domicile = piece(page, "Justificatif de domicile");
  await expect(domicile.locator(".fr-badge")).toHaveText("Refusée : Justificatif de domicile");
  await expect(domicile).toContainText(`Pièce refusée par le service gestionnaire. Motif : ${reason}`);
  await expect(piece(page, "Pièce d'identité").locator(".fr-badge")).toHaveText("Acceptée : Pièce d'identité");
  // Only the refused piece takes files again; the confirmation comes back.
  await expect(page.getByRole("button", { name: /^Ajouter à « / })).toHaveCount(1);
  await expect(domicile.getByRole("button", { name: /^Ajouter à « / })).toBeVisible();
  await expect(page.getByRole("button", { name: "J'ai fourni toutes mes pièces" })).toBeVisible();
  await expectAccessible(page, "piece refused by the office");

  await page.locator("#fichiers-domicile").setInputFiles(file("facture-octobre.pdf", pdf("octobre")));
  await domicile.getByRole("button", { name: /^Ajouter à « / }).click();
  await expect(domicile).toContainText("Vous avez déposé un nouveau fichier : confirmez de nouveau");
  await page.getByRole("button", { name: "J'ai fourni toutes mes pièces" }).click();
  await expect(page.getByText("Vous avez fourni toutes vos pièces")).toBeVisible();
  await expect(domicile.locator(".fr-badge")).toHaveText("Reçue : Justificatif de domicile");
  await expect(page.getByRole("button", { name: /^Ajouter à « / })).toHaveCount(0);
});
