-- Code commun aux scripts d'examen : chaque script l'obtient par
--   local commun = require("commun")
-- et reçoit sa propre copie (modifier la sienne ne change rien pour les autres scripts).
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

-- Code postal : cinq chiffres d'un département existant (l'académie de résidence est vérifiée
-- par le script de l'académie).
local function verifier_code_postal(a, v)
  local cp = a.postal_code
  if cp == nil then return end
  if not cp:match("^%d%d%d%d%d$") then
    v:error("postal_code", "Le code postal doit comporter 5 chiffres, sans espace (par exemple 86000).")
  elseif v:department(cp) == nil then
    v:error("postal_code", "Ce code postal ne correspond à aucun département français.")
  end
end

-- Dispenses, bénéfice de notes, enseignement à distance : le détail demandé par chaque case.
local function verifier_options(a, v)
  if a.exemption and a.exemption_diploma == nil then
    v:error("exemption_diploma", "Indiquez le ou les diplômes qui justifient votre demande de dispense.")
  end
  if a.kept_marks then
    local s, annee = a.kept_marks_session, annee_session(v)
    if s == nil then
      v:error("kept_marks_session", "Indiquez l'année de la session dont vous voulez conserver les notes.")
    elseif s ~= math.floor(s) then
      v:error("kept_marks_session", "Indiquez une année, par exemple 2021.")
    elseif annee and s >= annee then
      v:error("kept_marks_session", "La session des notes conservées doit précéder la session " .. annee .. ".")
    elseif annee and annee - s > 5 then
      v:error("kept_marks_session", "Les notes égales ou supérieures à 10 sur 20 se conservent cinq sessions"
        .. " au plus : celles de la session " .. s .. " ne peuvent plus être reportées.")
    end
  end
  if a.distance_learning and a.distance_school == nil then
    v:error("distance_school", "Indiquez l'organisme de formation à distance auquel vous êtes inscrit(e).")
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

-- Le catalogue de pièces d'un examen : un code désigne une pièce commune (PIECES ci-dessus),
-- une table une pièce propre à l'examen ; l'ordre de la liste est gardé.
local function catalogue_pieces(liste)
  local catalogue = {}
  for _, piece in ipairs(liste) do
    if type(piece) == "string" then
      if PIECES[piece] == nil then error("pièce commune inconnue : " .. piece, 2) end
      catalogue[#catalogue + 1] = PIECES[piece]
    else
      catalogue[#catalogue + 1] = piece
    end
  end
  return catalogue
end

return {
  catalogue_pieces = catalogue_pieces,
  nombre = nombre,
  annee_session = annee_session,
  doit_fournir_jdc = doit_fournir_jdc,
  verifier_code_postal = verifier_code_postal,
  verifier_options = verifier_options,
}
