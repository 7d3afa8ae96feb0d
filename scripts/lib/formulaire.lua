-- Les onglets et les champs de formulaire communs aux examens : chaque script d'examen les
-- reprend par
--   local formulaire = require("formulaire")
-- Modifier un champ ici le modifie dans tous les examens qui le reprennent ; un examen qui veut
-- autre chose pour lui seul le dit dans son propre fichier (formulaire.champ et
-- formulaire.onglet, plus bas).
-- Guide de rédaction : scripts/GUIDE.md, « Le code commun ».

-- Les champs communs, par identifiant.
local CHAMPS = {
  -- Onglet « Modalités d'inscription ».
  acceptation = {
    id = "acceptation",
    label = "J'ai pris connaissance des modalités d'inscription et je m'engage à fournir les pièces"
      .. " justificatives demandées avant la date limite.",
    type = "checkbox",
    required = true,
    help = "Aucune inscription ne sera reçue après la clôture du service d'inscription.",
  },

  -- Onglet « Identification » : l'adresse et les moyens de contact (l'identité vient du compte).
  address = { id = "address", label = "Adresse (numéro et voie)", type = "text", required = true },
  address_complement = { id = "address_complement", label = "Complément d'adresse (bâtiment, lieu-dit…)", type = "text" },
  postal_code = {
    id = "postal_code",
    label = "Code postal",
    type = "text",
    required = true,
    format = "postal_code",
    help = "Le code postal de votre résidence : il détermine votre académie d'inscription.",
  },
  city = { id = "city", label = "Commune", type = "text", required = true },
  phone = { id = "phone", label = "Téléphone", type = "tel", required = true },
  contact_email = {
    id = "contact_email",
    label = "Autre adresse électronique de contact",
    type = "email",
    help = "Facultatif : l'adresse de votre compte reste celle où vous recevez les messages.",
  },

  -- Onglet « Informations candidature ».
  speciality = { id = "speciality", label = "Spécialité", type = "select", required = true },
  exam_form = {
    id = "exam_form",
    label = "Forme de l'examen",
    type = "radio",
    required = true,
    options = {
      { value = "globale", label = "Forme globale : toutes les épreuves à la même session" },
      { value = "progressive", label = "Forme progressive : une partie des épreuves à cette session" },
    },
  },
  -- Dispense d'épreuves : chaque examen donne son exemple de diplôme dans l'aide
  -- (formulaire.champ("exemption_diploma", { help = "Par exemple : ..." })).
  exemption = { id = "exemption", label = "Je demande une dispense d'épreuves au titre d'un diplôme déjà obtenu", type = "checkbox" },
  exemption_diploma = {
    id = "exemption_diploma",
    label = "Diplôme(s) justifiant la dispense",
    type = "text",
    shown_when = { field = "exemption", equals = true },
    required = true,
  },
  -- Bénéfice de notes d'une session précédente.
  kept_marks = {
    id = "kept_marks",
    label = "Je demande à conserver des notes obtenues à une session précédente (bénéfice de notes)",
    type = "checkbox",
  },
  kept_marks_session = {
    id = "kept_marks_session",
    label = "Session des notes conservées (année)",
    type = "number",
    shown_when = { field = "kept_marks", equals = true },
    required = true,
    -- Les cinq sessions qui précèdent celle-ci : de l'année de la session moins 5 à
    -- l'année de la session moins 1.
    integer = true,
    min = { session = -5 },
    max = { session = -1 },
    message = "Les notes égales ou supérieures à 10 sur 20 se conservent cinq sessions au plus :"
      .. " indiquez l'année de l'une des cinq sessions qui précèdent celle-ci.",
    help = "Les notes égales ou supérieures à 10 sur 20 se conservent cinq sessions au plus.",
  },
  -- Aménagement des conditions d'examen.
  adjustments = {
    id = "adjustments",
    label = "Je demande un aménagement des conditions d'examen (situation de handicap)",
    type = "checkbox",
  },
  -- Formation à distance.
  distance_learning = {
    id = "distance_learning",
    label = "Je suis inscrit(e) à une formation d'enseignement à distance",
    type = "checkbox",
  },
  distance_school = {
    id = "distance_school",
    label = "Organisme de formation à distance",
    type = "text",
    shown_when = { field = "distance_learning", equals = true },
    required = true,
  },
}

-- Les onglets communs : leur titre et leurs champs, dans l'ordre.
local ONGLETS = {
  modalites = {
    title = "Modalités d'inscription",
    fields = { "acceptation" },
  },
  identification = {
    title = "Identification",
    fields = { "address", "address_complement", "postal_code", "city", "phone", "contact_email" },
  },
}

-- Une copie d'une valeur, tables imbriquées comprises : un examen qui change sa copie ne change
-- ni la définition commune ni ce qu'en reçoivent ses autres champs.
local function copie(x)
  if type(x) ~= "table" then return x end
  local t = {}
  for k, y in pairs(x) do t[k] = copie(y) end
  return t
end

-- Le champ commun `id`, avec les changements propres à l'examen : une clé de `changements`
-- remplace celle du champ commun (help, label, required, min, message...).
--   formulaire.champ("exemption_diploma", { help = "Par exemple : CAP Cuisine, session 2020." })
local function champ(id, changements, niveau)
  local base = CHAMPS[id]
  if base == nil then error("champ commun inconnu : " .. tostring(id), niveau or 2) end
  local c = copie(base)
  for k, x in pairs(changements or {}) do c[k] = copie(x) end
  return c
end

-- Les demandes que tous les examens posent à la fin de l'onglet « candidature », dans cet ordre.
local DEMANDES_COMMUNES = {
  "exemption", "exemption_diploma", "kept_marks", "kept_marks_session",
  "adjustments", "distance_learning", "distance_school",
}

-- Les champs `ids` (communs), chacun avec ses changements pour cet examen, donnés par
-- identifiant ; un identifiant qui n'est pas de la liste est une erreur (à la ligne de l'appel).
local function champs_changes(ids, changements, quoi)
  changements = changements or {}
  for cle in pairs(changements) do
    local present = false
    for _, f in ipairs(ids) do present = present or f == cle end
    if not present then error(quoi .. " n'a pas de champ « " .. tostring(cle) .. " »", 3) end
  end
  local out = {}
  for _, f in ipairs(ids) do out[#out + 1] = champ(f, changements[f], 3) end
  return out
end

-- Les demandes communes (dispense, bénéfice de notes, aménagements, enseignement à distance),
-- avec les changements propres à l'examen, par identifiant :
--   formulaire.demandes_communes({ exemption_diploma = { help = "Par exemple : ..." } })
local function demandes_communes(changements)
  return { demandes = champs_changes(DEMANDES_COMMUNES, changements, "les demandes communes") }
end

-- Une liste de champs : un identifiant entre guillemets reprend le champ commun, une table est
-- un champ propre à l'examen (ou un champ commun changé par formulaire.champ), et
-- formulaire.demandes_communes(...) y met les demandes communes. L'ordre est celui de la liste.
local function champs(liste)
  local out = {}
  for _, x in ipairs(liste) do
    if type(x) == "string" then
      out[#out + 1] = champ(x, nil, 3)
    elseif type(x) == "table" and x.demandes ~= nil and x.id == nil then
      for _, f in ipairs(x.demandes) do out[#out + 1] = f end
    else
      out[#out + 1] = x
    end
  end
  return out
end

-- L'onglet commun `id` (« modalites », « identification »). `changements` change certains de ses
-- champs pour cet examen, par identifiant :
--   formulaire.onglet("identification", { phone = { required = false } })
local function onglet(id, changements)
  local base = ONGLETS[id]
  if base == nil then error("onglet commun inconnu : " .. tostring(id), 2) end
  return { id = id, title = base.title, fields = champs_changes(base.fields, changements, "l'onglet « " .. id .. " »") }
end

return {
  champ = champ,
  champs = champs,
  demandes_communes = demandes_communes,
  onglet = onglet,
}
