-- Académie d'exemple, à l'heure de la Martinique (UTC-4 toute l'année, sans heure d'été).
-- Toutes les dates de ce fichier sont des heures locales de Fort-de-France.

academy {
  api_level = 1,
  code = "exemple",
  name = "Académie d'exemple",
  number = 99,
  timezone = "America/Martinique",
  departments = { "972" },
  poles = {
    {
      code = "services",
      name = "Pôle services, alimentation, hôtellerie",
      phones = { "05.96.00.00.01" },
      email = "pole.services@exemple.fr",
    },
    {
      code = "industriel",
      name = "Pôle industriel, tertiaire",
      phones = { "05.96.00.00.02", "05.96.00.00.03" },
      email = "pole.industriel@exemple.fr",
    },
  },

  -- Il faut s'inscrire dans l'académie de sa résidence.
  residence = function(a, v)
    local cp = a.postal_code
    if type(cp) ~= "string" or not cp:match("^%d%d%d%d%d$") then return end
    local dep = v:department(cp)
    if dep == nil then return end
    for _, d in ipairs(v.academy.departments) do
      if d == dep then return end
    end
    v:error("postal_code", "Ce code postal ne relève pas de l'académie d'exemple. Vous devez vous"
      .. " inscrire dans l'académie de votre résidence.")
  end,
}

-- CAP, session juin 2025 : du 14 octobre 2024 à 8h00 au 15 novembre 2024 à 17h00 ;
-- pièces à déposer en ligne avant le 22 novembre 2024.
session {
  exam = "cap",
  session = "2025",
  title = "Session juin 2025",
  opens = "2024-10-14 08:00",
  closes = "2024-11-15 17:00",
  final_registration = {
    mode = "upload",
    deadline = "2024-11-22",
    instructions = "Dans le menu « Mes justificatifs », déposez chaque pièce demandée avec « Ajouter »,"
      .. " puis cliquez sur « J'ai fourni toutes mes pièces » {date_limite}.",
  },
  portal_url = "https://candidat.examens-concours.gouv.fr/cyccandidat",
  summary_after_close = false,
}

-- CAP, session juin 2026 : le bloc de 2025 copié, puis le libellé et les dates changés.
session {
  exam = "cap",
  session = "2026",
  title = "Session juin 2026",
  opens = "2025-10-13 08:00",
  closes = "2025-11-14 17:00",
  final_registration = {
    mode = "upload",
    deadline = "2025-11-21",
    instructions = "Dans le menu « Mes justificatifs », déposez chaque pièce demandée avec « Ajouter »,"
      .. " puis cliquez sur « J'ai fourni toutes mes pièces » {date_limite}.",
  },
  portal_url = "https://candidat.examens-concours.gouv.fr/cyccandidat",
  summary_after_close = false,
}
