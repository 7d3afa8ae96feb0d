-- Le candidat type et ses réponses (reponses(examen, autres), ADULTE) : tests/lib/candidat.lua.
local candidat = require("candidat")
local reponses, ADULTE = candidat.reponses, candidat.ADULTE

-- Fenêtres d'inscription : ouvertes de « opens » inclus à « closes » exclu, à la seconde près.
-- Les heures sans décalage sont locales (Europe/Paris) ; les heures RFC 3339 (« Z », « +05:00 »)
-- désignent un instant exact, ce qui vérifie le changement d'heure de fin octobre.

-- CAP 2023 : du 18 octobre 2022 à 10h00 au 22 novembre 2022 à 19h00.
case {
  name = "CAP 2023 : ouvert à 18:59:59 le dernier jour",
  academy = "poitiers", exam = "cap", session = "2023",
  at = "2022-11-22 18:59:59",
  identity = ADULTE,
  answers = reponses("cap"),
  expect = { phase = "open", valid = true, errors = {}, pieces = { "identite", "domicile" } },
}

case {
  name = "CAP 2023 : fermé à 19:00:00 pile",
  academy = "poitiers", exam = "cap", session = "2023",
  at = "2022-11-22 19:00:00",
  identity = ADULTE,
  answers = reponses("cap"),
  expect = { phase = "closed" },
}

case {
  name = "CAP 2023 : pas encore ouvert à 09:59:59",
  academy = "poitiers", exam = "cap", session = "2023",
  at = "2022-10-18 09:59:59",
  identity = ADULTE,
  answers = reponses("cap"),
  expect = { phase = "before" },
}

case {
  name = "CAP 2023 : ouvert à 10:00 pile",
  academy = "poitiers", exam = "cap", session = "2023",
  at = "2022-10-18 10:00",
  identity = ADULTE,
  answers = reponses("cap"),
  expect = { phase = "open" },
}

-- BAC PRO 2023 : même fenêtre, mais l'heure d'été s'arrête le 30 octobre 2022 entre les deux.
case {
  name = "BAC PRO 2023 : 08:00:00Z le 18 octobre = 10:00 heure d'été, ouvert",
  academy = "poitiers", exam = "bac_pro", session = "2023",
  at = "2022-10-18T08:00:00Z",
  identity = ADULTE,
  answers = reponses("bac_pro"),
  expect = { phase = "open", valid = true },
}

case {
  name = "BAC PRO 2023 : 07:59:59Z le 18 octobre = 09:59:59 heure d'été, pas encore ouvert",
  academy = "poitiers", exam = "bac_pro", session = "2023",
  at = "2022-10-18T07:59:59Z",
  identity = ADULTE,
  answers = reponses("bac_pro"),
  expect = { phase = "before" },
}

case {
  name = "BAC PRO 2023 : 17:59:59Z le 22 novembre = 18:59:59 heure d'hiver, ouvert",
  academy = "poitiers", exam = "bac_pro", session = "2023",
  at = "2022-11-22T17:59:59Z",
  identity = ADULTE,
  answers = reponses("bac_pro"),
  expect = { phase = "open" },
}

case {
  name = "BAC PRO 2023 : 18:00:00Z le 22 novembre = 19:00:00 heure d'hiver, fermé",
  academy = "poitiers", exam = "bac_pro", session = "2023",
  at = "2022-11-22T18:00:00Z",
  identity = ADULTE,
  answers = reponses("bac_pro"),
  expect = { phase = "closed" },
}

case {
  name = "BAC PRO 2023 : 19:59:59+02:00 le 22 novembre = 18:59:59 heure d'hiver, ouvert",
  academy = "poitiers", exam = "bac_pro", session = "2023",
  at = "2022-11-22T19:59:59+02:00",
  identity = ADULTE,
  answers = reponses("bac_pro"),
  expect = { phase = "open" },
}

-- BAC PRO 2025 : du 10 octobre 2024 à 10h00 au 13 novembre 2024 à 19h00.
case {
  name = "BAC PRO 2025 : pas encore ouvert à 09:59:59",
  academy = "poitiers", exam = "bac_pro", session = "2025",
  at = "2024-10-10 09:59:59",
  identity = ADULTE,
  answers = reponses("bac_pro"),
  expect = { phase = "before" },
}

case {
  name = "BAC PRO 2025 : ouvert à 10:00:00",
  academy = "poitiers", exam = "bac_pro", session = "2025",
  at = "2024-10-10 10:00:00",
  identity = ADULTE,
  answers = reponses("bac_pro"),
  expect = { phase = "open", valid = true },
}

case {
  name = "BAC PRO 2025 : ouvert à 18:59:59 le 13 novembre",
  academy = "poitiers", exam = "bac_pro", session = "2025",
  at = "2024-11-13 18:59:59",
  identity = ADULTE,
  answers = reponses("bac_pro"),
  expect = { phase = "open" },
}

case {
  name = "BAC PRO 2025 : fermé à 19:00:00 le 13 novembre",
  academy = "poitiers", exam = "bac_pro", session = "2025",
  at = "2024-11-13 19:00:00",
  identity = ADULTE,
  answers = reponses("bac_pro"),
  expect = { phase = "closed" },
}

-- Un instant donné avec un autre décalage que celui de Paris (+05:00).
case {
  name = "BAC PRO 2025 : 22:59:59+05:00 = 18:59:59 à Paris, ouvert",
  academy = "poitiers", exam = "bac_pro", session = "2025",
  at = "2024-11-13T22:59:59+05:00",
  identity = ADULTE,
  answers = reponses("bac_pro"),
  expect = { phase = "open" },
}

case {
  name = "BAC PRO 2025 : 23:00:00+05:00 = 19:00:00 à Paris, fermé",
  academy = "poitiers", exam = "bac_pro", session = "2025",
  at = "2024-11-13T23:00:00+05:00",
  identity = ADULTE,
  answers = reponses("bac_pro"),
  expect = { phase = "closed" },
}

-- L'heure 02:30 du 27 octobre 2024 existe deux fois à Paris : le décalage la précise.
case {
  name = "BAC PRO 2025 : 02:30+01:00 le 27 octobre (heure reculée), ouvert",
  academy = "poitiers", exam = "bac_pro", session = "2025",
  at = "2024-10-27 02:30:00+01:00",
  identity = ADULTE,
  answers = reponses("bac_pro"),
  expect = { phase = "open" },
}

-- CS et BP 2025 : du 22 octobre 2024 (sans heure : 00:00) au 13 novembre 2024 à 19h00.
case {
  name = "CS 2025 : pas encore ouvert le 21 octobre à 23:59:59",
  academy = "poitiers", exam = "cs", session = "2025",
  at = "2024-10-21 23:59:59",
  identity = ADULTE,
  answers = reponses("cs"),
  expect = { phase = "before" },
}

case {
  name = "CS 2025 : ouvert le 22 octobre à 00:00:00",
  academy = "poitiers", exam = "cs", session = "2025",
  at = "2024-10-22 00:00:00",
  identity = ADULTE,
  answers = reponses("cs"),
  expect = { phase = "open", valid = true },
}

case {
  name = "CS 2025 : 22:00:00Z le 21 octobre = minuit heure d'été, ouvert",
  academy = "poitiers", exam = "cs", session = "2025",
  at = "2024-10-21T22:00:00Z",
  identity = ADULTE,
  answers = reponses("cs"),
  expect = { phase = "open" },
}

case {
  name = "CS 2025 : 21:59:59Z le 21 octobre = 23:59:59 heure d'été, pas encore ouvert",
  academy = "poitiers", exam = "cs", session = "2025",
  at = "2024-10-21T21:59:59Z",
  identity = ADULTE,
  answers = reponses("cs"),
  expect = { phase = "before" },
}

case {
  name = "BP 2025 : ouvert le 22 octobre à 00:00:00",
  academy = "poitiers", exam = "bp", session = "2025",
  at = "2024-10-22 00:00:00",
  identity = ADULTE,
  answers = reponses("bp"),
  expect = { phase = "open", valid = true },
}

case {
  name = "BP 2025 : fermé le 13 novembre à 19:00:00 (18:00:00Z)",
  academy = "poitiers", exam = "bp", session = "2025",
  at = "2024-11-13T18:00:00Z",
  identity = ADULTE,
  answers = reponses("bp"),
  expect = { phase = "closed" },
}

-- BAC PRO 2020 : du 4 novembre 2019 à 9h00 au 27 novembre 2019 à 19h00 (heure d'hiver).
case {
  name = "BAC PRO 2020 : pas encore ouvert à 08:59:59",
  academy = "poitiers", exam = "bac_pro", session = "2020",
  at = "2019-11-04 08:59:59",
  identity = ADULTE,
  answers = reponses("bac_pro"),
  expect = { phase = "before" },
}

case {
  name = "BAC PRO 2020 : ouvert à 09:00:00",
  academy = "poitiers", exam = "bac_pro", session = "2020",
  at = "2019-11-04 09:00:00",
  identity = ADULTE,
  answers = reponses("bac_pro"),
  expect = { phase = "open", valid = true },
}

case {
  name = "BAC PRO 2020 : 17:59:59Z le 27 novembre = 18:59:59, ouvert",
  academy = "poitiers", exam = "bac_pro", session = "2020",
  at = "2019-11-27T17:59:59Z",
  identity = ADULTE,
  answers = reponses("bac_pro"),
  expect = { phase = "open" },
}

case {
  name = "BAC PRO 2020 : fermé à 19:00:00 le 27 novembre",
  academy = "poitiers", exam = "bac_pro", session = "2020",
  at = "2019-11-27 19:00:00",
  identity = ADULTE,
  answers = reponses("bac_pro"),
  expect = { phase = "closed" },
}

-- Hors de la fenêtre, les règles s'appliquent toujours (l'interface dit seulement « fermé »).
case {
  name = "CAP 2023 fermé : le verdict donne encore pièces et pôle",
  academy = "poitiers", exam = "cap", session = "2023",
  at = "2022-12-01 10:00",
  identity = ADULTE,
  answers = reponses("cap", { speciality = "macon" }),
  expect = {
    phase = "closed", valid = true, pieces = { "identite", "domicile" }, pole = "industriel_tertiaire",
  },
}
