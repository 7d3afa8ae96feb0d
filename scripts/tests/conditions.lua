-- Le candidat type et ses réponses (reponses(examen, autres), ADULTE) : tests/lib/candidat.lua.
local candidat = require("candidat")
local reponses, ADULTE = candidat.reponses, candidat.ADULTE

-- Conditions d'accès et contrôles du formulaire.

-- BP : deux années d'expérience avec un diplôme de niveau 3, cinq sinon.
case {
  name = "BP : diplôme de niveau 3 et 1 an d'expérience, refusé",
  academy = "poitiers", exam = "bp", session = "2025", at = "2024-11-01 12:00",
  identity = ADULTE, answers = reponses("bp", { level3_diploma = "oui", experience_years = 1 }),
  expect = { valid = false, errors = { "experience_years" }, wrong_academy = false },
}

case {
  name = "BP : diplôme de niveau 3 et 2 ans d'expérience, accepté",
  academy = "poitiers", exam = "bp", session = "2025", at = "2024-11-01 12:00",
  identity = ADULTE, answers = reponses("bp", { level3_diploma = "oui", experience_years = 2 }),
  expect = { valid = true, errors = {} },
}

case {
  name = "BP : sans diplôme de niveau 3 et 4,5 ans d'expérience, refusé",
  academy = "poitiers", exam = "bp", session = "2025", at = "2024-11-01 12:00",
  identity = ADULTE, answers = reponses("bp", { level3_diploma = "non", experience_years = 4.5 }),
  expect = { valid = false, errors = { "experience_years" } },
}

case {
  name = "BP : sans diplôme de niveau 3 et 5 ans d'expérience, accepté",
  academy = "poitiers", exam = "bp", session = "2025", at = "2024-11-01 12:00",
  identity = ADULTE, answers = reponses("bp", { level3_diploma = "non", experience_years = 5 }),
  expect = { valid = true },
}

case {
  name = "BP : expérience non renseignée, champ obligatoire",
  academy = "poitiers", exam = "bp", session = "2025", at = "2024-11-01 12:00",
  identity = ADULTE,
  answers = {
    acceptation = true, address = "15 rue de la Cathédrale", postal_code = "86000", city = "Poitiers",
    phone = "05 49 00 00 00", speciality = "boulanger", exam_form = "globale", level3_diploma = "oui",
  },
  expect = { valid = false, errors = { "experience_years" } },
}

-- BAC PRO : trois années d'activité, ou une précédente présentation.
case {
  name = "BAC PRO : 2 ans d'expérience seulement, refusé",
  academy = "poitiers", exam = "bac_pro", session = "2025", at = "2024-11-01 12:00",
  identity = ADULTE, answers = reponses("bac_pro", { eligibility = "experience", experience_years = 2 }),
  expect = { valid = false, errors = { "experience_years" } },
}

case {
  name = "BAC PRO : 3 ans d'expérience, accepté",
  academy = "poitiers", exam = "bac_pro", session = "2025", at = "2024-11-01 12:00",
  identity = ADULTE, answers = reponses("bac_pro", { eligibility = "experience", experience_years = 3 }),
  expect = { valid = true },
}

case {
  name = "BAC PRO : déjà présenté sans dire quand, refusé",
  academy = "poitiers", exam = "bac_pro", session = "2025", at = "2024-11-01 12:00",
  identity = ADULTE,
  answers = reponses("bac_pro", { eligibility = "previous_attempt", experience_years = 0 }),
  expect = { valid = false, errors = { "previous_session" } },
}

case {
  name = "BAC PRO : précédente présentation à la session 2025 elle-même, refusé",
  academy = "poitiers", exam = "bac_pro", session = "2025", at = "2024-11-01 12:00",
  identity = ADULTE,
  answers = reponses("bac_pro", { eligibility = "previous_attempt", previous_session = 2025 }),
  expect = { valid = false, errors = { "previous_session" } },
}

-- CS : formation de préparation, ou trois années d'activité.
case {
  name = "CS : 2 ans d'expérience sans formation, refusé",
  academy = "poitiers", exam = "cs", session = "2025", at = "2024-11-01 12:00",
  identity = ADULTE, answers = reponses("cs", { eligibility = "experience", experience_years = 2 }),
  expect = { valid = false, errors = { "experience_years" } },
}

case {
  name = "CS : formation sans organisme indiqué, refusé",
  academy = "poitiers", exam = "cs", session = "2025", at = "2024-11-01 12:00",
  identity = ADULTE,
  answers = {
    acceptation = true, address = "15 rue de la Cathédrale", postal_code = "86000", city = "Poitiers",
    phone = "05 49 00 00 00", speciality = "barman", access_diploma = "CAP Commercialisation et services en"
      .. " hôtel-café-restaurant", eligibility = "training",
  },
  expect = { valid = false, errors = { "training_school" } },
}

-- Contrôles communs.
case {
  name = "Modalités non acceptées : case obligatoire",
  academy = "poitiers", exam = "cap", session = "2023", at = "2022-11-01 12:00",
  identity = ADULTE, answers = reponses("cap", { acceptation = false }),
  expect = { valid = false, errors = { "acceptation" } },
}

case {
  name = "Dispense demandée sans préciser le diplôme, refusé",
  academy = "poitiers", exam = "cap", session = "2023", at = "2022-11-01 12:00",
  identity = ADULTE, answers = reponses("cap", { exemption = true }),
  expect = { valid = false, errors = { "exemption_diploma" }, pieces_include = { "diplome" } },
}

case {
  name = "Bénéfice de notes de la session 2020 pour 2025 : cinq sessions, accepté",
  academy = "poitiers", exam = "bp", session = "2025", at = "2024-11-01 12:00",
  identity = ADULTE, answers = reponses("bp", { kept_marks = true, kept_marks_session = 2020 }),
  expect = { valid = true, pieces_include = { "releve_notes" } },
}

case {
  name = "Bénéfice de notes de la session 2019 pour 2025 : trop ancien",
  academy = "poitiers", exam = "bp", session = "2025", at = "2024-11-01 12:00",
  identity = ADULTE, answers = reponses("bp", { kept_marks = true, kept_marks_session = 2019 }),
  expect = { valid = false, errors = { "kept_marks_session" } },
}

case {
  name = "Enseignement à distance sans organisme, refusé",
  academy = "poitiers", exam = "cs", session = "2025", at = "2024-11-01 12:00",
  identity = ADULTE, answers = reponses("cs", { distance_learning = true }),
  expect = { valid = false, errors = { "distance_school" } },
}

case {
  name = "Spécialité inconnue de l'examen : refusée par le formulaire",
  academy = "poitiers", exam = "cap", session = "2023", at = "2022-11-01 12:00",
  identity = ADULTE, answers = reponses("cap", { speciality = "sommellerie" }),
  expect = { valid = false, errors = { "speciality" } },
}
