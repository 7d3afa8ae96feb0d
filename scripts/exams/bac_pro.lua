-- Baccalauréat professionnel (BAC PRO) : spécialités, formulaire, contrôles, pièces
-- justificatives et pôle gestionnaire. Le candidat individuel justifie de trois années
-- d'activité professionnelle en rapport avec la spécialité, ou d'une précédente présentation à
-- l'examen. Toutes les spécialités sont gérées par le pôle baccalauréats professionnels.
-- Guide de rédaction : scripts/GUIDE.md.

-- Code commun à tous les examens (scripts/lib/commun.lua).
local commun = require("commun")
local nombre = commun.nombre
local annee_session = commun.annee_session
local doit_fournir_jdc = commun.doit_fournir_jdc
local verifier_code_postal = commun.verifier_code_postal
local verifier_options = commun.verifier_options

-- Condition d'accès : trois années d'activité en rapport avec la spécialité, ou une précédente
-- présentation à ce baccalauréat professionnel.
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
      v:error("experience_years", "Au titre de l'expérience professionnelle, le baccalauréat professionnel"
        .. " demande au moins trois années d'activité en rapport avec la spécialité (vous en déclarez "
        .. nombre(n) .. "). Sinon, il faut vous être déjà présenté(e) à cet examen.")
    end
  elseif a.eligibility == "previous_attempt" then
    local s, annee = a.previous_session, annee_session(v)
    if s == nil then
      v:error("previous_session", "Indiquez l'année de la session à laquelle vous vous êtes déjà présenté(e)"
        .. " à ce baccalauréat professionnel.")
    elseif s ~= math.floor(s) then
      v:error("previous_session", "Indiquez une année, par exemple 2022.")
    elseif annee and s >= annee then
      v:error("previous_session", "La précédente présentation doit être antérieure à la session " .. annee .. ".")
    end
  end
end

exam {
  api_level = 1,
  code = "bac_pro",
  name = "Baccalauréat professionnel",

  -- Le secteur est indicatif : toutes les spécialités vont au pôle baccalauréats professionnels.
  specialities = {
    { code = "cuisine", label = "Cuisine", sector = "services" },
    { code = "csr", label = "Commercialisation et services en restauration", sector = "services" },
    { code = "assp", label = "Accompagnement, soins et services à la personne", sector = "services" },
    { code = "accueil", label = "Métiers de l'accueil", sector = "services" },
    { code = "melec", label = "Métiers de l'électricité et de ses environnements connectés", sector = "industriel" },
    { code = "mv_vp", label = "Maintenance des véhicules option A voitures particulières", sector = "industriel" },
    {
      code = "tb_gros_oeuvre",
      label = "Technicien du bâtiment : organisation et réalisation du gros œuvre",
      sector = "industriel",
    },
    { code = "logistique", label = "Logistique", sector = "industriel" },
    {
      code = "mcv_a",
      label = "Métiers du commerce et de la vente option A animation et gestion de l'espace commercial",
      sector = "industriel",
    },
    -- AGORA remplace « Gestion-Administration » à partir de la session 2021 : elle n'est pas
    -- proposée aux sessions antérieures.
    {
      code = "agora",
      label = "Assistance à la gestion des organisations et de leurs activités",
      sector = "industriel",
      sessions = { from = "2021" },
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
          id = "foreign_language",
          label = "Langue vivante obligatoire",
          type = "select",
          required = true,
          options = {
            { value = "anglais", label = "Anglais" },
            { value = "allemand", label = "Allemand" },
            { value = "espagnol", label = "Espagnol" },
            { value = "italien", label = "Italien" },
            { value = "portugais", label = "Portugais" },
          },
        },
        {
          id = "eligibility",
          label = "Condition d'accès à l'examen",
          type = "radio",
          required = true,
          options = {
            {
              value = "experience",
              label = "Je justifie d'au moins trois années d'activité professionnelle en rapport avec la spécialité",
            },
            { value = "previous_attempt", label = "Je me suis déjà présenté(e) à ce baccalauréat professionnel" },
          },
        },
        {
          id = "experience_years",
          label = "Années d'activité professionnelle en rapport avec la spécialité",
          type = "number",
          help = "À remplir si vous vous inscrivez au titre de l'expérience professionnelle.",
        },
        {
          id = "previous_session",
          label = "Session de la précédente présentation (année)",
          type = "number",
          help = "À remplir si vous vous êtes déjà présenté(e) à l'examen.",
        },
        { id = "exemption", label = "Je demande une dispense d'épreuves au titre d'un diplôme déjà obtenu", type = "checkbox" },
        {
          id = "exemption_diploma",
          label = "Diplôme(s) justifiant la dispense",
          type = "text",
          help = "Par exemple : CAP Cuisine, session 2020.",
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
    "certificats_travail",
    {
      code = "justificatif_tentative",
      label = "Relevé de notes ou convocation de la précédente session",
      explanation = "Relevé de notes ou convocation de la session à laquelle vous vous êtes déjà"
        .. " présenté(e) à ce baccalauréat professionnel.",
    },
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
    if a.eligibility == "experience" then v:piece("certificats_travail") end
    if a.eligibility == "previous_attempt" then v:piece("justificatif_tentative") end
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
    v:pole("bac_pro")
  end,
}
