-- Le candidat type et ses réponses (reponses(examen, autres), ADULTE) : tests/lib/candidat.lua.
local candidat = require("candidat")
local reponses, ADULTE = candidat.reponses, candidat.ADULTE

-- Pièces justificatives demandées selon la situation du candidat.
-- JDC : attestation de recensement ou certificat JDC pour un Français de 16 ans à moins de 25 ans,
-- âge calculé au jour de l'évaluation (heure de Paris).

case {
  name = "CAP : Français de 20 ans, JDC demandée",
  academy = "poitiers", exam = "cap", session = "2023",
  at = "2022-11-01 12:00",
  identity = { birth_date = "2002-05-01", nationality = "francaise" },
  answers = reponses("cap"),
  expect = { valid = true, pieces = { "identite", "domicile", "jdc" } },
}

case {
  name = "CAP : Français de 30 ans, pas de JDC",
  academy = "poitiers", exam = "cap", session = "2023",
  at = "2022-11-01 12:00",
  identity = { birth_date = "1992-05-01", nationality = "francaise" },
  answers = reponses("cap"),
  expect = { valid = true, pieces = { "identite", "domicile" } },
}

case {
  name = "CAP : ressortissant de l'Union européenne de 20 ans, pas de JDC",
  academy = "poitiers", exam = "cap", session = "2023",
  at = "2022-11-01 12:00",
  identity = { birth_date = "2002-05-01", nationality = "ue" },
  answers = reponses("cap"),
  expect = { pieces_exclude = { "jdc" } },
}

case {
  name = "BP : candidat étranger (hors UE) de 19 ans, pas de JDC",
  academy = "poitiers", exam = "bp", session = "2025",
  at = "2024-11-01 12:00",
  identity = { birth_date = "2005-02-10", nationality = "autre" },
  answers = reponses("bp"),
  expect = { pieces_exclude = { "jdc" } },
}

case {
  name = "CAP : Français qui a 25 ans le jour même, pas de JDC",
  academy = "poitiers", exam = "cap", session = "2023",
  at = "2022-11-01 12:00",
  identity = { birth_date = "1997-11-01", nationality = "francaise" },
  answers = reponses("cap"),
  expect = { pieces_exclude = { "jdc" } },
}

case {
  name = "CAP : Français qui a 25 ans le lendemain, JDC demandée",
  academy = "poitiers", exam = "cap", session = "2023",
  at = "2022-11-01 23:59:59",
  identity = { birth_date = "1997-11-02", nationality = "francaise" },
  answers = reponses("cap"),
  expect = { pieces_include = { "jdc" } },
}

case {
  name = "CAP : l'âge se compte au jour de Paris (23:30Z le 31 octobre = 1er novembre 00:30)",
  academy = "poitiers", exam = "cap", session = "2023",
  at = "2022-10-31T23:30:00Z",
  identity = { birth_date = "1997-11-01", nationality = "francaise" },
  answers = reponses("cap"),
  expect = { pieces_exclude = { "jdc" } },
}

case {
  name = "CAP : Français de 15 ans, pas encore de JDC",
  academy = "poitiers", exam = "cap", session = "2023",
  at = "2022-11-01 12:00",
  identity = { birth_date = "2007-06-01", nationality = "francaise" },
  answers = reponses("cap"),
  expect = { pieces = { "identite", "domicile" } },
}

case {
  name = "CAP : Français de 16 ans le jour même, JDC demandée",
  academy = "poitiers", exam = "cap", session = "2023",
  at = "2022-11-01 12:00",
  identity = { birth_date = "2006-11-01", nationality = "francaise" },
  answers = reponses("cap"),
  expect = { pieces_include = { "jdc" } },
}

case {
  name = "CAP : dispense demandée, copie du diplôme exigée",
  academy = "poitiers", exam = "cap", session = "2023",
  at = "2022-11-01 12:00",
  identity = ADULTE,
  answers = reponses("cap", { exemption = true, exemption_diploma = "CAP Pâtissier, session 2020" }),
  expect = { valid = true, pieces = { "identite", "domicile", "diplome" } },
}

case {
  name = "CAP : sans dispense, pas de copie de diplôme",
  academy = "poitiers", exam = "cap", session = "2023",
  at = "2022-11-01 12:00",
  identity = ADULTE,
  answers = reponses("cap", { exemption = false }),
  expect = { valid = true, pieces_exclude = { "diplome" } },
}

case {
  name = "BAC PRO : bénéfice de notes, relevé de notes exigé",
  academy = "poitiers", exam = "bac_pro", session = "2025",
  at = "2024-11-01 12:00",
  identity = ADULTE,
  answers = reponses("bac_pro", { kept_marks = true, kept_marks_session = 2023 }),
  expect = { valid = true, pieces_include = { "releve_notes" } },
}

case {
  name = "CS : aménagement d'épreuves, formulaire et dossier médical",
  academy = "poitiers", exam = "cs", session = "2025",
  at = "2024-11-01 12:00",
  identity = ADULTE,
  answers = reponses("cs", { adjustments = true }),
  expect = {
    valid = true,
    pieces = { "identite", "domicile", "diplome_acces", "attestation_formation", "demande_amenagement",
               "dossier_medical" },
  },
}

case {
  name = "CAP : enseignement à distance, certificat d'inscription et attestation d'assiduité",
  academy = "poitiers", exam = "cap", session = "2023",
  at = "2022-11-01 12:00",
  identity = ADULTE,
  answers = reponses("cap", { distance_learning = true, distance_school = "CNED" }),
  expect = {
    valid = true,
    pieces = { "identite", "domicile", "certificat_inscription_distance", "attestation_assiduite" },
  },
}

case {
  name = "BAC PRO : accès par l'expérience, certificats de travail",
  academy = "poitiers", exam = "bac_pro", session = "2025",
  at = "2024-11-01 12:00",
  identity = ADULTE,
  answers = reponses("bac_pro"),
  expect = { valid = true, pieces = { "identite", "domicile", "certificats_travail" } },
}

case {
  name = "BAC PRO : déjà présenté, justificatif de la session et pas de certificats de travail",
  academy = "poitiers", exam = "bac_pro", session = "2025",
  at = "2024-11-01 12:00",
  identity = ADULTE,
  answers = reponses("bac_pro", { eligibility = "previous_attempt", previous_session = 2024,
                                  experience_years = 1 }),
  expect = { valid = true, pieces = { "identite", "domicile", "justificatif_tentative" } },
}

case {
  name = "CS : accès par l'expérience, certificats de travail et pas d'attestation de formation",
  academy = "poitiers", exam = "cs", session = "2025",
  at = "2024-11-01 12:00",
  identity = ADULTE,
  answers = reponses("cs", { eligibility = "experience", experience_years = 3 }),
  expect = { valid = true, pieces = { "identite", "domicile", "diplome_acces", "certificats_travail" } },
}

case {
  name = "BP : diplôme de niveau 3, certificats de travail et copie du diplôme",
  academy = "poitiers", exam = "bp", session = "2025",
  at = "2024-11-01 12:00",
  identity = ADULTE,
  answers = reponses("bp"),
  expect = { valid = true, pieces = { "identite", "domicile", "certificats_travail", "diplome_niveau3" } },
}

case {
  name = "BP : sans diplôme de niveau 3, certificats de travail seulement",
  academy = "poitiers", exam = "bp", session = "2025",
  at = "2024-11-01 12:00",
  identity = ADULTE,
  answers = reponses("bp", { level3_diploma = "non", experience_years = 6 }),
  expect = { valid = true, pieces = { "identite", "domicile", "certificats_travail" } },
}
