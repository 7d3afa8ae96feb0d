-- Code commun aux scripts d'examen (contrôles, pièces, pôle) : chaque script l'obtient par
--   local commun = require("commun")
-- et reçoit sa propre copie (modifier la sienne ne change rien pour les autres scripts). Les
-- champs et onglets communs du formulaire sont dans lib/formulaire.lua.
-- Guide de rédaction : scripts/GUIDE.md, « Le code commun ».

-- Un nombre écrit à la française : 3 -> « 3 », 2.5 -> « 2,5 ».
local function nombre(n)
  if n == math.floor(n) then return string.format("%d", n) end
  return (string.gsub(tostring(n), "%.", ","))
end

-- Année de la session (« 2023 » -> 2023), ou nil si le libellé ne commence pas par une année.
local function annee_session(v)
  return tonumber(string.match(v.session.session or "", "^(%d%d%d%d)"))
end

-- Attestation de recensement ou certificat JDC : Français de 16 ans à moins de 25 ans.
local function doit_fournir_jdc(v)
  local age = v:age()
  return v.identity.nationality == "francaise" and age ~= nil and age >= 16 and age < 25
end

-- Code postal : celui d'un département existant. Les cinq chiffres sont vérifiés par le
-- formulaire (format = "postal_code") ; l'académie de résidence, par le script de l'académie.
local function verifier_code_postal(a, v)
  local cp = a.postal_code
  if cp == nil then return end
  if v:department(cp) == nil then
    v:error("postal_code", "Ce code postal ne correspond à aucun département français.")
  end
end

-- Les pièces justificatives communes à plusieurs examens, par code.
local PIECES = {
  identite = {
    code = "identite",
    label = "Pièce d'identité",
    explanation = "Copie recto verso d'une pièce d'identité en cours de validité (carte nationale"
      .. " d'identité, passeport ou titre de séjour).",
  },
  domicile = {
    code = "domicile",
    label = "Justificatif de domicile",
    explanation = "Document de moins de trois mois à votre nom (facture d'énergie ou de téléphone,"
      .. " quittance de loyer, avis d'imposition) qui établit votre résidence dans l'académie.",
  },
  jdc = {
    code = "jdc",
    label = "Attestation de recensement ou certificat de participation à la JDC",
    explanation = "Pour les candidats de nationalité française de 16 ans à moins de 25 ans : attestation de"
      .. " recensement ou certificat individuel de participation à la journée défense et citoyenneté.",
  },
  diplome = {
    code = "diplome",
    label = "Copie du diplôme justifiant la dispense",
    explanation = "Copie du diplôme ou de l'attestation de réussite qui ouvre droit à la dispense"
      .. " d'épreuves demandée.",
  },
  releve_notes = {
    code = "releve_notes",
    label = "Relevé de notes (bénéfice de notes)",
    explanation = "Relevé de notes de la session dont vous demandez à conserver les notes égales ou"
      .. " supérieures à 10 sur 20.",
  },
  demande_amenagement = {
    code = "demande_amenagement",
    label = "Formulaire de demande d'aménagement d'épreuves",
    explanation = "Formulaire de demande d'aménagement des conditions d'examen, complété et signé, à"
      .. " fournir avant la clôture des inscriptions.",
  },
  dossier_medical = {
    code = "dossier_medical",
    label = "Dossier médical",
    explanation = "Pièces médicales à l'appui de la demande d'aménagement, sous pli confidentiel à"
      .. " l'attention du médecin désigné par la CDAPH.",
  },
  certificat_inscription_distance = {
    code = "certificat_inscription_distance",
    label = "Certificat d'inscription à la formation à distance",
    explanation = "Certificat d'inscription de l'année en cours délivré par l'organisme de formation"
      .. " à distance.",
  },
  attestation_assiduite = {
    code = "attestation_assiduite",
    label = "Attestation d'assiduité",
    explanation = "Attestation de l'organisme de formation à distance certifiant que vous suivez"
      .. " régulièrement la formation (devoirs rendus).",
  },
  certificats_travail = {
    code = "certificats_travail",
    label = "Certificats de travail",
    explanation = "Certificats de travail ou attestations d'employeurs indiquant les emplois occupés et"
      .. " leurs durées ; pour une activité non salariée, tout document qui en établit la nature et la"
      .. " durée.",
  },
}

-- Les pièces que demandent tous les examens, selon les mêmes réponses (pieces_du_candidat et
-- pieces_des_demandes, plus bas), dans l'ordre de leur catalogue.
local PIECES_DE_TOUS_LES_EXAMENS = {
  "identite",
  "domicile",
  "jdc",
  "diplome",
  "releve_notes",
  "demande_amenagement",
  "dossier_medical",
  "certificat_inscription_distance",
  "attestation_assiduite",
}

-- Le catalogue de pièces d'un examen, fait d'une ou plusieurs listes mises bout à bout : un code
-- désigne une pièce commune (PIECES ci-dessus), une table une pièce propre à l'examen ; l'ordre
-- des listes est gardé.
--   commun.catalogue_pieces(commun.PIECES_DE_TOUS_LES_EXAMENS, { "certificats_travail", { code = ... } })
local function catalogue_pieces(...)
  local catalogue = {}
  for i = 1, select("#", ...) do
    for _, piece in ipairs((select(i, ...))) do
      if type(piece) == "string" then
        if PIECES[piece] == nil then error("pièce commune inconnue : " .. piece, 2) end
        catalogue[#catalogue + 1] = PIECES[piece]
      else
        catalogue[#catalogue + 1] = piece
      end
    end
  end
  return catalogue
end

-- Les pièces que tout candidat fournit : pièce d'identité, justificatif de domicile et, pour un
-- Français de 16 ans à moins de 25 ans, l'attestation de recensement ou le certificat JDC.
-- À appeler en tête de require_pieces, avant les pièces propres à l'examen.
local function pieces_du_candidat(v)
  v:piece("identite")
  v:piece("domicile")
  if doit_fournir_jdc(v) then v:piece("jdc") end
end

-- Les pièces des demandes communes du formulaire (lib/formulaire.lua) : dispense d'épreuves,
-- bénéfice de notes, aménagement des conditions d'examen, formation à distance.
local function pieces_des_demandes(a, v)
  if a.exemption then v:piece("diplome") end
  if a.kept_marks then v:piece("releve_notes") end
  if a.adjustments then
    v:piece("demande_amenagement")
    v:piece("dossier_medical")
  end
  if a.distance_learning then
    v:piece("certificat_inscription_distance")
    v:piece("attestation_assiduite")
  end
end

-- Le pôle gestionnaire selon le secteur de la spécialité (« sector » dans specialities) : pour
-- confier tout un secteur à un autre pôle, changez sa ligne ici ; les codes sont ceux des pôles
-- du fichier de l'académie.
local POLE_DU_SECTEUR = {
  industriel = "industriel_tertiaire",
  services = "services_alimentation_hotellerie",
}

-- La fonction route des examens dont le pôle dépend du secteur : route = commun.route_par_secteur.
local function route_par_secteur(a, v)
  local s = v:speciality()
  if s and POLE_DU_SECTEUR[s.sector] then v:pole(POLE_DU_SECTEUR[s.sector]) end
end

return {
  PIECES_DE_TOUS_LES_EXAMENS = PIECES_DE_TOUS_LES_EXAMENS,
  catalogue_pieces = catalogue_pieces,
  pieces_du_candidat = pieces_du_candidat,
  pieces_des_demandes = pieces_des_demandes,
  route_par_secteur = route_par_secteur,
  nombre = nombre,
  annee_session = annee_session,
  doit_fournir_jdc = doit_fournir_jdc,
  verifier_code_postal = verifier_code_postal,
}
