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

return {
  nombre = nombre,
  annee_session = annee_session,
  doit_fournir_jdc = doit_fournir_jdc,
  verifier_code_postal = verifier_code_postal,
  verifier_options = verifier_options,
}
