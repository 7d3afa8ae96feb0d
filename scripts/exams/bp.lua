-- Brevet professionnel (BP) : spécialités, formulaire, contrôles, pièces justificatives et pôle
-- gestionnaire. Sans condition d'âge, le candidat justifie de deux années d'activité
-- professionnelle en rapport avec la spécialité s'il est titulaire d'un diplôme de niveau 3
-- (CAP, BEP ou titre équivalent), de cinq années sinon.
-- Guide de rédaction : scripts/GUIDE.md.

-- Pôle gestionnaire selon le secteur de la spécialité.
local POLE_DU_SECTEUR = {
  industriel = "industriel_tertiaire",
  services = "services_alimentation_hotellerie",
}

-- Code commun à tous les examens (scripts/lib/commun.lua).
local commun = require("commun")
local nombre = commun.nombre
local doit_fournir_jdc = commun.doit_fournir_jdc
local verifier_code_postal = commun.verifier_code_postal

-- Expérience exigée : 2 ans avec un diplôme de niveau 3 (le minimum que déclare le champ,
-- avec le maximum plausible), 5 ans sinon, ce qu'une déclaration ne sait pas dire.
local function verifier_experience(a, v)
  local n = a.experience_years
  if n == nil then return end  -- champ obligatoire ou hors limites : déjà signalé par le formulaire
  if a.level3_diploma == "non" and n < 5 then
    v:error("experience_years", "Sans diplôme de niveau 3 (CAP, BEP ou titre équivalent), vous devez"
      .. " justifier d'au moins cinq années d'activité professionnelle en rapport avec la spécialité"
      .. " (vous en déclarez " .. nombre(n) .. ").")
  end
end

exam {
  api_level = 1,
  code = "bp",
  name = "Brevet professionnel",

  -- sector : « services » (pôle services, alimentation, hôtellerie) ou « industriel » (pôle
  -- industriel, tertiaire).
  specialities = {
    { code = "boulanger", label = "Boulanger", sector = "services" },
    { code = "boucher", label = "Boucher", sector = "services" },
    { code = "arts_cuisine", label = "Arts de la cuisine", sector = "services" },
    { code = "arts_service", label = "Arts du service et commercialisation en restauration", sector = "services" },
    { code = "coiffure", label = "Coiffure", sector = "services" },
    { code = "esthetique", label = "Esthétique cosmétique parfumerie", sector = "services" },
    { code = "electricien", label = "Électricien", sector = "industriel" },
    { code = "menuisier", label = "Menuisier", sector = "industriel" },
    { code = "macon", label = "Maçon", sector = "industriel" },
    { code = "peintre", label = "Peintre applicateur de revêtements", sector = "industriel" },
    {
      code = "mgcs",
      label = "Monteur en installations du génie climatique et sanitaire",
      sector = "industriel",
    },
  },

  tabs = {
    {
      id = "modalites",
      title = "Modalités d'inscription",
      fields = {
        {
          id = "acceptation",
          label = "J'ai pris connaissance des modalités d'inscription et je m'engage à fournir les pièces"
            .. " justificatives demandées avant la date limite.",
          type = "checkbox",
          required = true,
          help = "Aucune inscription ne sera reçue après la clôture du service d'inscription.",
        },
      },
    },
    {
      id = "identification",
      title = "Identification",
      fields = {
        { id = "address", label = "Adresse (numéro et voie)", type = "text", required = true },
        { id = "address_complement", label = "Complément d'adresse (bâtiment, lieu-dit…)", type = "text" },
        {
          id = "postal_code",
          label = "Code postal",
          type = "text",
          required = true,
          format = "postal_code",
          help = "Le code postal de votre résidence : il détermine votre académie d'inscription.",
        },
        { id = "city", label = "Commune", type = "text", required = true },
        { id = "phone", label = "Téléphone", type = "tel", required = true },
        {
          id = "contact_email",
          label = "Autre adresse électronique de contact",
          type = "email",
          help = "Facultatif : l'adresse de votre compte reste celle où vous recevez les messages.",
        },
      },
    },
    {
      id = "candidature",
      title = "Informations candidature",
      fields = {
        { id = "speciality", label = "Spécialité", type = "select", required = true },
        {
          id = "exam_form",
          label = "Forme de l'examen",
          type = "radio",
          required = true,
          options = {
            { value = "globale", label = "Forme globale : toutes les épreuves à la même session" },
            { value = "progressive", label = "Forme progressive : une partie des épreuves à cette session" },
          },
        },
        {
          id = "level3_diploma",
          label = "Êtes-vous titulaire d'un diplôme de niveau 3 (CAP, BEP) ou d'un titre de même niveau ?",
          type = "radio",
          required = true,
          options = {
            { value = "oui", label = "Oui : deux années d'activité professionnelle suffisent" },
            { value = "non", label = "Non : cinq années d'activité professionnelle sont exigées" },
          },
        },
        {
          id = "experience_years",
          label = "Années d'activité professionnelle en rapport avec la spécialité",
          type = "number",
          required = true,
          min = 2,
          max = 60,
          message = "Indiquez entre 2 et 60 années : titulaire d'un diplôme de niveau 3, vous devez justifier"
            .. " d'au moins deux années d'activité professionnelle en rapport avec la spécialité, de cinq sinon.",
          help = "Comptez les périodes en entreprise, y compris en apprentissage ou en contrat de"
            .. " professionnalisation.",
        },
        { id = "exemption", label = "Je demande une dispense d'épreuves au titre d'un diplôme déjà obtenu", type = "checkbox" },
        {
          id = "exemption_diploma",
          label = "Diplôme(s) justifiant la dispense",
          type = "text",
          shown_when = { field = "exemption", equals = true },
          required = true,
          help = "Par exemple : baccalauréat général, session 2018.",
        },
        {
          id = "kept_marks",
          label = "Je demande à conserver des notes obtenues à une session précédente (bénéfice de notes)",
          type = "checkbox",
        },
        {
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
        {
          id = "adjustments",
          label = "Je demande un aménagement des conditions d'examen (situation de handicap)",
          type = "checkbox",
        },
        {
          id = "distance_learning",
          label = "Je suis inscrit(e) à une formation d'enseignement à distance",
          type = "checkbox",
        },
        {
          id = "distance_school",
          label = "Organisme de formation à distance",
          type = "text",
          shown_when = { field = "distance_learning", equals = true },
          required = true,
        },
      },
    },
  },

  -- Un code : une pièce commune (scripts/lib/commun.lua) ; une table : une pièce propre à
  -- cet examen. L'ordre est celui de la liste.
  pieces = commun.catalogue_pieces({
    "identite",
    "domicile",
    "jdc",
    "diplome",
    "releve_notes",
    "demande_amenagement",
    "dossier_medical",
    "certificat_inscription_distance",
    "attestation_assiduite",
    "certificats_travail",
    {
      code = "diplome_niveau3",
      label = "Copie du diplôme de niveau 3",
      explanation = "Copie du CAP, du BEP ou du titre de niveau 3 qui ramène à deux ans l'expérience"
        .. " professionnelle exigée.",
    },
  }),

  validate = function(a, v)
    verifier_code_postal(a, v)
    verifier_experience(a, v)
  end,

  require_pieces = function(a, v)
    v:piece("identite")
    v:piece("domicile")
    if doit_fournir_jdc(v) then v:piece("jdc") end
    v:piece("certificats_travail")
    if a.level3_diploma == "oui" then v:piece("diplome_niveau3") end
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
  end,

  route = function(a, v)
    local s = v:speciality()
    if s and POLE_DU_SECTEUR[s.sector] then v:pole(POLE_DU_SECTEUR[s.sector]) end
  end,
}
