-- Académie de Poitiers : l'académie, ses pôles, sa règle de résidence, puis une session{} par
-- session d'inscription. Les dates s'écrivent en heure locale de Paris (heure d'été ou d'hiver,
-- le moteur sait laquelle s'applique). Une fenêtre est ouverte de « opens » inclus jusqu'à
-- « closes » exclu : « 19:00 » ferme à 19:00:00 pile.
-- Guide de rédaction : scripts/GUIDE.md.

-- Texte de l'inscription définitive par courrier (notes aux candidats 2020 et CAP 2023).
local function par_courrier(avant)
  local texte = "Dès la finalisation de votre inscription sur internet : imprimez votre confirmation"
    .. " d'inscription et la liste des pièces justificatives depuis votre espace candidat, rubrique"
    .. " « Mes documents » ; vérifiez-la, complétez-la ou corrigez-la si nécessaire, puis datez-la,"
    .. " signez-la et envoyez-la par courrier postal au Rectorat de l'académie de Poitiers,"
    .. " accompagnée des pièces justificatives"
  if avant then
    texte = texte .. ", avant le " .. avant .. "."
  else
    texte = texte .. "."
  end
  return texte .. " Conservez une copie de votre confirmation : elle ne pourra plus être"
    .. " téléchargée après la clôture du service d'inscription."
end

-- Texte de l'inscription définitive par dépôt en ligne (notes aux candidats 2023 et 2025).
local function par_depot(avant)
  return "Dès la finalisation de votre inscription sur internet : enregistrez votre inscription,"
    .. " téléchargez votre récapitulatif d'inscription (bouton « Visualiser/imprimer » ou menu"
    .. " « Mes documents ») ; puis, dans le menu « Mes justificatifs », déposez chacune des pièces"
    .. " justificatives demandées en sélectionnant « Ajouter », et validez en cliquant sur"
    .. " « J'ai fourni toutes mes pièces » avant le " .. avant .. "."
    .. " Conservez votre récapitulatif : il ne pourra plus être téléchargé après la clôture du"
    .. " service d'inscription."
end

academy {
  api_level = 1,
  code = "poitiers",
  name = "Académie de Poitiers",
  number = 13,
  timezone = "Europe/Paris",
  -- Charente, Charente-Maritime, Deux-Sèvres, Vienne.
  departments = { "16", "17", "79", "86" },
  poles = {
    {
      code = "industriel_tertiaire",
      name = "Pôle industriel, tertiaire",
      phones = { "05.16.52.64.55", "05.16.52.64.56" },
      email = "pole.industriel.tertiaire@ac-poitiers.fr",
    },
    {
      code = "services_alimentation_hotellerie",
      name = "Pôle services, alimentation, hôtellerie",
      phones = { "05.16.52.64.50", "05.16.52.64.53" },
      email = "pole.sah@ac-poitiers.fr",
    },
    {
      code = "bac_pro",
      name = "Pôle baccalauréats professionnels",
      phones = { "05.16.52.64.64", "05.16.52.64.63", "05.16.52.64.31" },
      email = "pole.bac.pro@ac-poitiers.fr",
    },
  },

  -- Les documents que les pôles publient dans « Mes documents » : un code (dans l'adresse de
  -- publication) et le libellé que lit le candidat. Publier un autre type est refusé.
  document_types = {
    { code = "convocation", label = "Convocation aux épreuves" },
    { code = "releve_notes", label = "Relevé de notes" },
    { code = "attestation", label = "Attestation de réussite" },
  },

  -- « Vous devez vous inscrire dans l'académie de votre résidence. » Un code postal mal formé
  -- ou inconnu est signalé par le validate de l'examen ; ici, seul un code postal valide d'un
  -- autre département est refusé (réponse « wrong_academy »).
  residence = function(a, v)
    local cp = a.postal_code
    if type(cp) ~= "string" or not cp:match("^%d%d%d%d%d$") then return end
    local dep = v:department(cp)
    if dep == nil then return end
    for _, d in ipairs(v.academy.departments) do
      if d == dep then return end
    end
    v:error("postal_code", "Le code postal " .. cp .. " (département " .. dep .. ") ne relève pas de"
      .. " l'académie de Poitiers (Charente, Charente-Maritime, Deux-Sèvres, Vienne). Vous devez vous"
      .. " inscrire dans l'académie de votre résidence.")
  end,
}

-- Baccalauréat professionnel, session juin 2020 (note 003) : confirmation par courrier, la note
-- ne donne pas de date limite d'envoi.
session {
  exam = "bac_pro",
  session = "2020",
  title = "Session juin 2020",
  opens = "2019-11-04 09:00",
  closes = "2019-11-27 19:00",
  final_registration = {
    mode = "postal",
    instructions = par_courrier(nil),
  },
  portal_url = "https://exacyc.orion.education.fr/cyccandidat/portal/accueil?codeER=&domaine=ATE",
  summary_after_close = false,
}

-- CAP, session juin 2023 (note 000) : confirmation et pièces par courrier avant le 24 novembre
-- 2022, c'est-à-dire au plus tard le 23 novembre à minuit.
session {
  exam = "cap",
  session = "2023",
  title = "Session juin 2023",
  opens = "2022-10-18 10:00",
  closes = "2022-11-22 19:00",
  final_registration = {
    mode = "postal",
    deadline = "2022-11-24",
    instructions = par_courrier("24 novembre 2022"),
  },
  portal_url = "https://cyclades.education.gouv.fr/cyccandidat/portal/login",
  summary_after_close = false,
}

-- Baccalauréat professionnel, session juin 2023 (note 001) : même fenêtre que le CAP, mais les
-- pièces se déposent en ligne.
session {
  exam = "bac_pro",
  session = "2023",
  title = "Session juin 2023",
  opens = "2022-10-18 10:00",
  closes = "2022-11-22 19:00",
  final_registration = {
    mode = "upload",
    deadline = "2022-11-24",
    instructions = par_depot("24 novembre 2022"),
  },
  portal_url = "https://cyclades.education.gouv.fr/cyccandidat/portal/login",
  summary_after_close = false,
}

-- Session juin 2025 (note 002) : BAC PRO du 10 octobre 2024 à 10h00, CS et BP à partir du
-- 22 octobre 2024 (sans heure : 00:00), tous jusqu'au 13 novembre 2024 à 19h00.
session {
  exam = "bac_pro",
  session = "2025",
  title = "Session juin 2025",
  opens = "2024-10-10 10:00",
  closes = "2024-11-13 19:00",
  final_registration = {
    mode = "upload",
    deadline = "2024-11-13 19:00",
    instructions = par_depot("13 novembre 2024 à 19h00"),
  },
  portal_url = "https://candidat.examens-concours.gouv.fr/cyccandidat",
  summary_after_close = false,
}

session {
  exam = "cs",
  session = "2025",
  title = "Session juin 2025",
  opens = "2024-10-22",
  closes = "2024-11-13 19:00",
  final_registration = {
    mode = "upload",
    deadline = "2024-11-13 19:00",
    instructions = par_depot("13 novembre 2024 à 19h00"),
  },
  portal_url = "https://candidat.examens-concours.gouv.fr/cyccandidat",
  summary_after_close = false,
}

session {
  exam = "bp",
  session = "2025",
  title = "Session juin 2025",
  opens = "2024-10-22",
  closes = "2024-11-13 19:00",
  final_registration = {
    mode = "upload",
    deadline = "2024-11-13 19:00",
    instructions = par_depot("13 novembre 2024 à 19h00"),
  },
  portal_url = "https://candidat.examens-concours.gouv.fr/cyccandidat",
  summary_after_close = false,
}
