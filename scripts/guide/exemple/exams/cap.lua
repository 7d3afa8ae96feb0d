-- CAP de l'académie d'exemple : un formulaire réduit, quatre pièces, deux pôles.

-- Le pôle qui gère chaque secteur.
local POLE_DU_SECTEUR = {
  services = "services",
  industriel = "industriel",
}

-- Français de 16 ans à moins de 25 ans : attestation de recensement ou certificat JDC.
local function doit_fournir_jdc(v)
  local age = v:age()
  return v.identity.nationality == "francaise" and age ~= nil and age >= 16 and age < 25
end

exam {
  api_level = 1,
  code = "cap",
  name = "Certificat d'aptitude professionnelle",

  specialities = {
    { code = "cuisine", label = "Cuisine", sector = "services" },
    { code = "patissier", label = "Pâtissier", sector = "services" },
    { code = "electricien", label = "Électricien", sector = "industriel" },
    { code = "macon", label = "Maçon", sector = "industriel" },
  },

  tabs = {
    {
      id = "modalites",
      title = "Modalités d'inscription",
      fields = {
        {
          id = "acceptation",
          label = "J'ai pris connaissance des modalités d'inscription.",
          type = "checkbox",
          required = true,
        },
      },
    },
    {
      id = "identification",
      title = "Identification",
      fields = {
        { id = "address", label = "Adresse", type = "text", required = true },
        { id = "postal_code", label = "Code postal", type = "text", required = true, format = "postal_code" },
        { id = "city", label = "Commune", type = "text", required = true },
        { id = "phone", label = "Téléphone", type = "tel", required = true },
      },
    },
    {
      id = "candidature",
      title = "Informations candidature",
      fields = {
        { id = "speciality", label = "Spécialité", type = "select", required = true },
        { id = "exemption", label = "Je demande une dispense d'épreuves", type = "checkbox" },
        {
          id = "exemption_diploma",
          label = "Diplôme justifiant la dispense",
          type = "text",
          shown_when = { field = "exemption", equals = true },
          required = true,
          max_length = 200,
        },
        { id = "adjustments", label = "Je demande un aménagement des épreuves", type = "checkbox" },
      },
    },
  },

  pieces = {
    {
      code = "identite",
      label = "Pièce d'identité",
      explanation = "Copie recto verso d'une pièce d'identité en cours de validité.",
    },
    {
      code = "jdc",
      label = "Attestation de recensement ou certificat de participation à la JDC",
      explanation = "Pour les candidats de nationalité française de 16 ans à moins de 25 ans.",
    },
    {
      code = "diplome",
      label = "Copie du diplôme justifiant la dispense",
      explanation = "Copie du diplôme qui ouvre droit à la dispense demandée.",
    },
    {
      code = "demande_amenagement",
      label = "Formulaire de demande d'aménagement d'épreuves",
      explanation = "Formulaire complété et signé, à fournir avant la clôture des inscriptions.",
    },
  },

  require_pieces = function(a, v)
    v:piece("identite")
    if doit_fournir_jdc(v) then v:piece("jdc") end
    if a.exemption then v:piece("diplome") end
    if a.adjustments then v:piece("demande_amenagement") end
  end,

  route = function(a, v)
    local s = v:speciality()
    if s then v:pole(POLE_DU_SECTEUR[s.sector]) end
  end,
}
