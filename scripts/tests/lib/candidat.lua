-- Ce que les cas de test de Poitiers partagent : un candidat type et ses réponses. Chaque
-- fichier de tests/ le reprend par
--   local candidat = require("candidat")
-- Les fichiers de tests/lib/ ne servent qu'aux cas de test : les règles ne les voient pas.
-- Guide de rédaction : scripts/GUIDE.md, « Écrire un cas de test ».

-- Les réponses propres à chaque examen, complètes et valides.
local BASE = {
  cap = { speciality = "cuisine", exam_form = "globale" },
  bac_pro = {
    speciality = "cuisine", exam_form = "globale", foreign_language = "anglais",
    eligibility = "experience", experience_years = 4,
  },
  cs = {
    speciality = "sommellerie", access_diploma = "CAP Commercialisation et services en hôtel-café-restaurant",
    eligibility = "training", training_school = "GRETA Poitou-Charentes",
  },
  bp = { speciality = "boulanger", exam_form = "globale", level3_diploma = "oui", experience_years = 3 },
}

-- Réponses complètes et valides pour chaque examen (candidat de Poitiers, 86000) ;
-- « autres » ajoute ou remplace des champs.
local function reponses(examen, autres)
  if BASE[examen] == nil then error("examen inconnu : " .. tostring(examen), 2) end
  local t = {
    acceptation = true, address = "15 rue de la Cathédrale", postal_code = "86000",
    city = "Poitiers", phone = "05 49 00 00 00",
  }
  for k, x in pairs(BASE[examen]) do t[k] = x end
  for k, x in pairs(autres or {}) do t[k] = x end
  return t
end

return {
  reponses = reponses,
  -- Un candidat français de plus de 25 ans : ni JDC ni recensement.
  ADULTE = { birth_date = "1990-03-15", nationality = "francaise" },
}
