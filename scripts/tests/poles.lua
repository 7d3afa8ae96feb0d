-- Le candidat type et ses réponses (reponses(examen, autres), ADULTE) : tests/lib/candidat.lua.
local candidat = require("candidat")
local reponses, ADULTE = candidat.reponses, candidat.ADULTE

-- Pôle gestionnaire : CAP, CS et BP selon le secteur de la spécialité ; BAC PRO toujours au pôle
-- baccalauréats professionnels.

case {
  name = "CAP Cuisine : pôle services, alimentation, hôtellerie",
  academy = "poitiers", exam = "cap", session = "2023", at = "2022-11-01 12:00",
  identity = ADULTE, answers = reponses("cap", { speciality = "cuisine" }),
  expect = { pole = "services_alimentation_hotellerie" },
}

case {
  name = "CAP Esthétique cosmétique parfumerie : pôle services, alimentation, hôtellerie",
  academy = "poitiers", exam = "cap", session = "2023", at = "2022-11-01 12:00",
  identity = ADULTE, answers = reponses("cap", { speciality = "esthetique" }),
  expect = { pole = "services_alimentation_hotellerie" },
}

case {
  name = "CAP Électricien : pôle industriel, tertiaire",
  academy = "poitiers", exam = "cap", session = "2023", at = "2022-11-01 12:00",
  identity = ADULTE, answers = reponses("cap", { speciality = "electricien" }),
  expect = { pole = "industriel_tertiaire" },
}

case {
  name = "CAP Équipier polyvalent du commerce : pôle industriel, tertiaire",
  academy = "poitiers", exam = "cap", session = "2023", at = "2022-11-01 12:00",
  identity = ADULTE, answers = reponses("cap", { speciality = "epc" }),
  expect = { pole = "industriel_tertiaire" },
}

case {
  name = "CS Sommellerie : pôle services, alimentation, hôtellerie",
  academy = "poitiers", exam = "cs", session = "2025", at = "2024-11-01 12:00",
  identity = ADULTE, answers = reponses("cs", { speciality = "sommellerie" }),
  expect = { pole = "services_alimentation_hotellerie" },
}

case {
  name = "CS Zinguerie : pôle industriel, tertiaire",
  academy = "poitiers", exam = "cs", session = "2025", at = "2024-11-01 12:00",
  identity = ADULTE,
  answers = reponses("cs", { speciality = "zinguerie", access_diploma = "CAP Couvreur" }),
  expect = { pole = "industriel_tertiaire" },
}

case {
  name = "BP Coiffure : pôle services, alimentation, hôtellerie",
  academy = "poitiers", exam = "bp", session = "2025", at = "2024-11-01 12:00",
  identity = ADULTE, answers = reponses("bp", { speciality = "coiffure" }),
  expect = { pole = "services_alimentation_hotellerie" },
}

case {
  name = "BP Électricien : pôle industriel, tertiaire",
  academy = "poitiers", exam = "bp", session = "2025", at = "2024-11-01 12:00",
  identity = ADULTE, answers = reponses("bp", { speciality = "electricien" }),
  expect = { pole = "industriel_tertiaire" },
}

case {
  name = "BAC PRO Cuisine : pôle baccalauréats professionnels",
  academy = "poitiers", exam = "bac_pro", session = "2025", at = "2024-11-01 12:00",
  identity = ADULTE, answers = reponses("bac_pro", { speciality = "cuisine" }),
  expect = { pole = "bac_pro" },
}

case {
  name = "BAC PRO MELEC : pôle baccalauréats professionnels",
  academy = "poitiers", exam = "bac_pro", session = "2023", at = "2022-11-01 12:00",
  identity = ADULTE, answers = reponses("bac_pro", { speciality = "melec" }),
  expect = { pole = "bac_pro" },
}
