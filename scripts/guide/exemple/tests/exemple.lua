-- Cas de test de l'académie d'exemple : « guichet test guide/exemple ».

-- Des réponses valides ; « autres » ajoute ou remplace des champs.
local function reponses(autres)
  local t = {
    acceptation = true, address = "1 rue Victor Hugo", postal_code = "97200",
    city = "Fort-de-France", phone = "0596 00 00 00", speciality = "cuisine",
  }
  for k, x in pairs(autres or {}) do t[k] = x end
  return t
end

local ADULTE = { birth_date = "1990-03-15", nationality = "francaise" }

-- La clôture, à la seconde près, en heure de la Martinique.
case {
  name = "CAP 2025 : ouvert à 16:59:59",
  academy = "exemple", exam = "cap", session = "2025",
  at = "2024-11-15 16:59:59",
  identity = ADULTE,
  answers = reponses(),
  expect = { phase = "open", valid = true, pieces = { "identite" }, pole = "services" },
}

case {
  name = "CAP 2025 : fermé à 17:00:00",
  academy = "exemple", exam = "cap", session = "2025",
  at = "2024-11-15 17:00:00",
  identity = ADULTE,
  answers = reponses(),
  expect = { phase = "closed" },
}

-- Le même instant vu de Paris (22:00 heure d'hiver) ou en temps universel (21:00Z).
case {
  name = "CAP 2025 : 22:00 à Paris = 17:00 en Martinique, fermé",
  academy = "exemple", exam = "cap", session = "2025",
  at = "2024-11-15T22:00:00+01:00",
  identity = ADULTE,
  answers = reponses(),
  expect = { phase = "closed" },
}

case {
  name = "CAP 2025 : 20:59:59Z = 16:59:59 en Martinique, ouvert",
  academy = "exemple", exam = "cap", session = "2025",
  at = "2024-11-15T20:59:59Z",
  identity = ADULTE,
  answers = reponses(),
  expect = { phase = "open" },
}

case {
  name = "CAP 2025 : pas encore ouvert à 07:59:59",
  academy = "exemple", exam = "cap", session = "2025",
  at = "2024-10-14 07:59:59",
  identity = ADULTE,
  answers = reponses(),
  expect = { phase = "before" },
}

-- Les pièces.
case {
  name = "Français de 20 ans qui demande une dispense : JDC et diplôme",
  academy = "exemple", exam = "cap", session = "2025",
  at = "2024-11-01 10:00",
  identity = { birth_date = "2004-05-01", nationality = "francaise" },
  answers = reponses({ exemption = true, exemption_diploma = "CAP Cuisine, session 2020" }),
  expect = { valid = true, pieces = { "identite", "jdc", "diplome" } },
}

-- Un champ conditionnel : demandé seulement quand la case « dispense » est cochée.
case {
  name = "Dispense sans le diplôme : le champ affiché est obligatoire",
  academy = "exemple", exam = "cap", session = "2025",
  at = "2024-11-01 10:00",
  identity = ADULTE,
  answers = reponses({ exemption = true }),
  expect = { valid = false, errors = { "exemption_diploma" } },
}

-- Le pôle et la résidence.
case {
  name = "CAP Maçon : pôle industriel",
  academy = "exemple", exam = "cap", session = "2025",
  at = "2024-11-01 10:00",
  identity = ADULTE,
  answers = reponses({ speciality = "macon" }),
  expect = { pole = "industriel" },
}

case {
  name = "Résident de Guadeloupe (97100) : mauvaise académie",
  academy = "exemple", exam = "cap", session = "2025",
  at = "2024-11-01 10:00",
  identity = ADULTE,
  answers = reponses({ postal_code = "97100", city = "Pointe-à-Pitre" }),
  expect = { valid = false, errors = { "postal_code" }, wrong_academy = true },
}

-- La session 2026, copiée de 2025.
case {
  name = "CAP 2026 : ouvert le 13 octobre 2025 à 08:00",
  academy = "exemple", exam = "cap", session = "2026",
  at = "2025-10-13 08:00",
  identity = ADULTE,
  answers = reponses(),
  expect = { phase = "open", valid = true },
}
