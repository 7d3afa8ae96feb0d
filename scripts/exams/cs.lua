-- Certificat de spécialisation (CS, appelé « mention complémentaire » avant la session 2025) :
-- spécialités, formulaire, contrôles, pièces justificatives et pôle gestionnaire. Le candidat
-- individuel a suivi une formation de préparation ou justifie de trois années d'activité
-- professionnelle en rapport avec la spécialité ; il possède un diplôme qui donne accès à la
-- spécialité.
-- Guide de rédaction : scripts/GUIDE.md.

-- Pôle gestionnaire selon le secteur de la spécialité.
local POLE_DU_SECTEUR = {
  industriel = "industriel_tertiaire",
  services = "services_alimentation_hotellerie",
}

-- Code commun à tous les examens (scripts/lib/commun.lua).
local commun = require("commun")
local nombre = commun.nombre
local annee_session = commun.annee_session
local doit_fournir_jdc = commun.doit_fournir_jdc
local verifier_code_postal = commun.verifier_code_postal
local verifier_options = commun.verifier_options

-- Condition d'accès : une formation de préparation, ou trois années d'activité en rapport avec
-- la spécialité.
local function verifier_acces(a, v)
  local n = a.experience_years
  if n and n < 0 then
    v:error("experience_years", "Le nombre d'années ne peut pas être négatif.")
    return
  end
  if a.eligibility == "experience" then
    if n == nil then
      v:error("experience_years", "Indiquez le nombre d'années d'activité professionnelle en rapport avec"
        .. " la spécialité.")
    elseif n < 3 then
      v:error("experience_years", "Sans formation de préparation, le certificat de spécialisation demande au"
        .. " moins trois années d'activité professionnelle en rapport avec la spécialité (vous en déclarez "
        .. nombre(n) .. ").")
    end
  elseif a.eligibility == "training" and a.training_school == nil then
    v:error("training_school", "Indiquez l'organisme qui assure votre formation de préparation.")
  end
end

exam {
  api_level = 1,
  code = "cs",
  name = "Certificat de spécialisation",

  -- sector : « services » (pôle services, alimentation, hôtellerie) ou « industriel » (pôle
  -- industriel, tertiaire).
  specialities = {
    { code = "sommellerie", label = "Sommellerie", sector = "services" },
    { code = "barman", label = "Barman", sector = "services" },
    { code = "desserts_restaurant", label = "Cuisinier en desserts de restaurant", sector = "services" },
    { code = "employe_traiteur", label = "Employé traiteur", sector = "services" },
    { code = "zinguerie", label = "Zinguerie", sector = "industriel" },
    -- Deux options : le candidat choisit la sienne dans le champ « speciality_option ».
    {
      code = "energies_renouvelables",
      label = "Technicien en énergies renouvelables",
      sector = "industriel",
      options = {
        { code = "A", label = "Option A : énergie électrique" },
        { code = "B", label = "Option B : énergie thermique" },
      },
    },
    {
      code = "systemes_embarques",
      label = "Maintenance des systèmes embarqués de l'automobile",
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
          id = "speciality_option",
          label = "Option de la spécialité",
          type = "select",
          help = "Seulement pour une spécialité à options (Technicien en énergies renouvelables : option A"
            .. " ou B).",
        },
        {
          id = "access_diploma",
          label = "Diplôme qui donne accès à cette spécialité",
          type = "text",
          required = true,
          help = "Intitulé du diplôme que vous possédez (par exemple : CAP Cuisine).",
        },
        {
          id = "eligibility",
          label = "Condition d'accès à l'examen",
          type = "radio",
          required = true,
          options = {
            { value = "training", label = "J'ai suivi ou je suis une formation de préparation à ce certificat" },
            {
              value = "experience",
              label = "Je justifie d'au moins trois années d'activité professionnelle en rapport avec la spécialité",
            },
          },
        },
        {
          id = "training_school",
          label = "Organisme de formation",
          type = "text",
          help = "À remplir si vous vous inscrivez au titre d'une formation de préparation.",
        },
        {
          id = "experience_years",
          label = "Années d'activité professionnelle en rapport avec la spécialité",
          type = "number",
          help = "À remplir si vous vous inscrivez au titre de l'expérience professionnelle.",
        },
        { id = "exemption", label = "Je demande une dispense d'épreuves au titre d'un diplôme déjà obtenu", type = "checkbox" },
        {
          id = "exemption_diploma",
          label = "Diplôme(s) justifiant la dispense",
          type = "text",
          help = "Par exemple : BP Barman, session 2019.",
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
        { id = "distance_school", label = "Organisme de formation à distance", type = "text" },
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
    {
      code = "diplome_acces",
      label = "Copie du diplôme d'accès",
      explanation = "Copie du diplôme qui donne accès à la spécialité du certificat de spécialisation"
        .. " (voir la liste fixée par l'arrêté de la spécialité).",
    },
    {
      code = "attestation_formation",
      label = "Attestation de formation",
      explanation = "Attestation de l'organisme qui assure ou a assuré votre formation de préparation au"
        .. " certificat de spécialisation.",
    },
    "certificats_travail",
  }),

  validate = function(a, v)
    verifier_code_postal(a, v)
    verifier_acces(a, v)
    verifier_options(a, v)
  end,

  require_pieces = function(a, v)
    v:piece("identite")
    v:piece("domicile")
    if doit_fournir_jdc(v) then v:piece("jdc") end
    v:piece("diplome_acces")
    if a.eligibility == "training" then v:piece("attestation_formation") end
    if a.eligibility == "experience" then v:piece("certificats_travail") end
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
