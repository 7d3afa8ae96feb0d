-- Le candidat type et ses réponses (reponses(examen, autres), ADULTE) : tests/lib/candidat.lua.
local candidat = require("candidat")
local reponses, ADULTE = candidat.reponses, candidat.ADULTE

-- Les spécialités selon la session (AGORA à partir de 2021) et les options d'une spécialité
-- (CS Technicien en énergies renouvelables : option A ou B).

case {
  name = "BAC PRO 2020 : AGORA n'existe pas encore",
  academy = "poitiers", exam = "bac_pro", session = "2020", at = "2019-11-10 10:00",
  identity = ADULTE, answers = reponses("bac_pro", { speciality = "agora" }),
  expect = { phase = "open", valid = false, errors = { "speciality" } },
}

case {
  name = "BAC PRO 2025 : AGORA est ouverte",
  academy = "poitiers", exam = "bac_pro", session = "2025", at = "2024-11-01 10:00",
  identity = ADULTE, answers = reponses("bac_pro", { speciality = "agora" }),
  expect = { valid = true, errors = {} },
}

case {
  name = "CS énergies renouvelables sans option : refusé",
  academy = "poitiers", exam = "cs", session = "2025", at = "2024-11-01 10:00",
  identity = ADULTE, answers = reponses("cs", { speciality = "energies_renouvelables" }),
  expect = { valid = false, errors = { "speciality_option" } },
}

case {
  name = "CS énergies renouvelables, option B : accepté",
  academy = "poitiers", exam = "cs", session = "2025", at = "2024-11-01 10:00",
  identity = ADULTE, answers = reponses("cs", { speciality = "energies_renouvelables", speciality_option = "B" }),
  expect = { valid = true, errors = {}, pole = "industriel_tertiaire" },
}

case {
  -- Le champ de l'option n'apparaît que pour les spécialités à options : pour les autres, une
  -- réponse laissée par le portail est ignorée, comme toute réponse d'un champ caché.
  name = "CS Sommellerie avec une option : l'option est ignorée (la spécialité n'en a pas)",
  academy = "poitiers", exam = "cs", session = "2025", at = "2024-11-01 10:00",
  identity = ADULTE, answers = reponses("cs", { speciality_option = "A" }),
  expect = { valid = true, errors = {} },
}
