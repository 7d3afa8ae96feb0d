-- Académie de Poitiers : l'académie, ses pôles, sa règle de résidence, puis une session{} par
-- session d'inscription. Les dates s'écrivent en heure locale de Paris (heure d'été ou d'hiver,
-- le moteur sait laquelle s'applique). Une fenêtre est ouverte de « opens » inclus jusqu'à
-- « closes » exclu : « 19:00 » ferme à 19:00:00 pile.
-- Guide de rédaction : scripts/GUIDE.md.

-- Les textes d'instructions n'écrivent jamais la date eux-mêmes : {date_limite} est remplacé par
-- la date limite de la session (« deadline »), dite comme partout ailleurs (courriels, messages,
-- récapitulatif) : « avant le 24 novembre 2022 », ou « avant le 13 novembre 2024 à 19 h 00 ».

-- Texte de l'inscription définitive par courrier (notes aux candidats 2020 et CAP 2023).
local function par_courrier(avec_date)
  local texte = "Dès la finalisation de votre inscription sur internet : imprimez votre confirmation"
    .. " d'inscription et la liste des pièces justificatives depuis votre espace candidat, rubrique"
    .. " « Mes documents » ; vérifiez-la, complétez-la ou corrigez-la si nécessaire, puis datez-la,"
    .. " signez-la et envoyez-la par courrier postal au Rectorat de l'académie de Poitiers,"
    .. " accompagnée des pièces justificatives"
  if avec_date then
    texte = texte .. ", {date_limite}."
  else
    texte = texte .. "."
  end
  return texte .. " Conservez une copie de votre confirmation : elle ne pourra plus être"
    .. " téléchargée après la clôture du service d'inscription."
end

-- Texte de l'inscription définitive par dépôt en ligne (notes aux candidats 2023 et 2025).
local function par_depot()
  return "Dès la finalisation de votre inscription sur internet : enregistrez votre inscription,"
    .. " téléchargez votre récapitulatif d'inscription (bouton « Visualiser/imprimer » ou menu"
    .. " « Mes documents ») ; puis, dans le menu « Mes justificatifs », déposez chacune des pièces"
    .. " justificatives demandées en sélectionnant « Ajouter », et validez en cliquant sur"
    .. " « J'ai fourni toutes mes pièces » {date_limite}."
    .. " Conservez votre récapitulatif : il ne pourra plus être téléchargé après la clôture du"
    .. " service d'inscription."
end

academy {
  api_level = 1,
  code = "poitiers",
  name = "Académie de Poitiers",
  number = 13,
  -- Durées de conservation des données personnelles (docs/donnees-personnelles.md), comptées
  -- depuis la clôture de chaque session (pièces, inscriptions) ou la dernière activité du
  -- compte : les valeurs par défaut de guichet, écrites ici avec leur motif.
  conservation = {
    pieces = {
      mois = 12,
      motif = "Pièces justificatives et documents : le temps de la session, de la publication des"
        .. " résultats et du délai de recours, puis suppression.",
    },
    inscriptions = {
      mois = 24,
      motif = "Inscriptions : preuve de l'inscription en cas de contestation, deux ans après la clôture.",
    },
    comptes = {
      mois = 36,
      motif = "Comptes candidats sans inscription conservée : supprimés après trois ans sans activité.",
    },
  },
  timezone = "Europe/Paris",
  -- Charente, Charente-Maritime, Deux-Sèvres, Vienne.
  departments = { "16", "17", "79", "86" },
  -- Où envoyer le dossier en mode postal (« envoyer par courrier postal [...] au Rectorat »,
  -- notes 000 et 003, qui ne donnent pas l'adresse) : l'adresse publique du Rectorat, division
  -- des examens et concours.
  postal_address = {
    "Rectorat de l'académie de Poitiers",
    "Division des examens et concours (DEC)",
    "22 rue Guillaume VII le Troubadour",
    "BP 625",
    "86022 Poitiers Cedex",
  },
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
    instructions = par_courrier(false),
  },
  -- La note 2020 nomme son propre service, sans téléphone ni adresse électronique.
  contact = {
    name = "Rectorat de l'académie de Poitiers – Bureau des examens professionnels Baccalauréats professionnels",
  },
  portal_url = "https://exacyc.orion.education.fr/cyccandidat/portal/accueil?codeER=&domaine=ATE",
  summary_after_close = false,
}

-- CAP, session juin 2023 (note 000) : confirmation et pièces par courrier « avant le 24 novembre
-- 2022 » : deadline = "2022-11-24", le 24 à 0h00 ; tout le 23 novembre est encore dans les délais.
session {
  exam = "cap",
  session = "2023",
  title = "Session juin 2023",
  opens = "2022-10-18 10:00",
  closes = "2022-11-22 19:00",
  final_registration = {
    mode = "postal",
    deadline = "2022-11-24",
    instructions = par_courrier(true),
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
    instructions = par_depot(),
  },
  portal_url = "https://cyclades.education.gouv.fr/cyccandidat/portal/login",
  summary_after_close = false,
}

-- Session juin 2025 (note 002) : BAC PRO du 10 octobre 2024 à 10h00, CS et BP à partir du
-- 22 octobre 2024 (sans heure : 00:00), tous jusqu'au 13 novembre 2024 à 19h00.
--
-- Date limite des pièces : la note dit « avant le 13 novembre 2024 », sans heure. Lu à la
-- lettre (le 13 à 0h00), le dépôt fermerait 19 heures avant la fin des inscriptions et des
-- modifications (le 13 à 19h00) : un candidat inscrit le 13 à 18h00, comme la note le permet,
-- n'aurait jamais pu déposer ses pièces, et une modification qui ajoute une pièce ne pourrait
-- plus être suivie du dépôt de cette pièce (guichet refuse d'ailleurs une date limite des pièces
-- antérieure à la fin des modifications). La date limite des pièces est donc fixée à la fin
-- des modifications, le 13 novembre 2024 à 19h00 ; le candidat la lit partout ainsi :
-- « avant le 13 novembre 2024 à 19 h 00 ».
session {
  exam = "bac_pro",
  session = "2025",
  title = "Session juin 2025",
  opens = "2024-10-10 10:00",
  closes = "2024-11-13 19:00",
  final_registration = {
    mode = "upload",
    deadline = "2024-11-13 19:00",
    instructions = par_depot(),
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
    instructions = par_depot(),
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
    instructions = par_depot(),
  },
  portal_url = "https://candidat.examens-concours.gouv.fr/cyccandidat",
  summary_after_close = false,
}
