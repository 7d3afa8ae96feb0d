-- Le candidat type et ses réponses (reponses(examen, autres), ADULTE) : tests/lib/candidat.lua.
local candidat = require("candidat")
local reponses, ADULTE = candidat.reponses, candidat.ADULTE

-- Académie de résidence : Charente (16), Charente-Maritime (17), Deux-Sèvres (79), Vienne (86).
-- Un code postal d'un autre département est refusé avec « wrong_academy » ; un code mal formé
-- est une simple erreur de saisie.

case {
  name = "Résidence : Poitiers 86000, accepté",
  academy = "poitiers", exam = "cap", session = "2023", at = "2022-11-01 12:00",
  identity = ADULTE, answers = reponses("cap", { postal_code = "86000" }),
  expect = { valid = true, errors = {}, wrong_academy = false },
}

case {
  name = "Résidence : La Rochelle 17000, accepté",
  academy = "poitiers", exam = "bp", session = "2025", at = "2024-11-01 12:00",
  identity = ADULTE, answers = reponses("bp", { postal_code = "17000", city = "La Rochelle" }),
  expect = { valid = true, wrong_academy = false },
}

case {
  name = "Résidence : Niort 79000 et Angoulême 16000 relèvent aussi de Poitiers",
  academy = "poitiers", exam = "cs", session = "2025", at = "2024-11-01 12:00",
  identity = ADULTE, answers = reponses("cs", { postal_code = "16000", city = "Angoulême" }),
  expect = { valid = true, wrong_academy = false },
}

case {
  name = "Résidence : Paris 75001, mauvaise académie",
  academy = "poitiers", exam = "cap", session = "2023", at = "2022-11-01 12:00",
  identity = ADULTE, answers = reponses("cap", { postal_code = "75001", city = "Paris" }),
  expect = { valid = false, errors = { "postal_code" }, wrong_academy = true },
}

case {
  name = "Résidence : Ajaccio 20000 (Corse-du-Sud), mauvaise académie",
  academy = "poitiers", exam = "bac_pro", session = "2025", at = "2024-11-01 12:00",
  identity = ADULTE, answers = reponses("bac_pro", { postal_code = "20000", city = "Ajaccio" }),
  expect = { valid = false, errors = { "postal_code" }, wrong_academy = true },
}

case {
  name = "Résidence : Fort-de-France 97200, mauvaise académie",
  academy = "poitiers", exam = "cap", session = "2023", at = "2022-11-01 12:00",
  identity = ADULTE, answers = reponses("cap", { postal_code = "97200", city = "Fort-de-France" }),
  expect = { valid = false, errors = { "postal_code" }, wrong_academy = true },
}

case {
  name = "Résidence : Nantes 44000, département voisin, mauvaise académie",
  academy = "poitiers", exam = "bp", session = "2025", at = "2024-11-01 12:00",
  identity = ADULTE, answers = reponses("bp", { postal_code = "44000", city = "Nantes" }),
  expect = { valid = false, errors = { "postal_code" }, wrong_academy = true },
}

case {
  name = "Code postal à 4 chiffres : erreur de saisie, pas de mauvaise académie",
  academy = "poitiers", exam = "cap", session = "2023", at = "2022-11-01 12:00",
  identity = ADULTE, answers = reponses("cap", { postal_code = "8600" }),
  expect = { valid = false, errors = { "postal_code" }, wrong_academy = false },
}

case {
  name = "Code postal avec une espace : erreur de saisie",
  academy = "poitiers", exam = "bac_pro", session = "2025", at = "2024-11-01 12:00",
  identity = ADULTE, answers = reponses("bac_pro", { postal_code = "86 000" }),
  expect = { valid = false, errors = { "postal_code" }, wrong_academy = false },
}

case {
  name = "Code postal 00000 : aucun département",
  academy = "poitiers", exam = "cs", session = "2025", at = "2024-11-01 12:00",
  identity = ADULTE, answers = reponses("cs", { postal_code = "00000" }),
  expect = { valid = false, errors = { "postal_code" }, wrong_academy = false },
}
