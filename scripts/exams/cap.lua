-- Certificat d'aptitude professionnelle (CAP) : spécialités, formulaire, contrôles, pièces
-- justificatives et pôle gestionnaire. Le candidat individuel s'inscrit dans une seule
-- spécialité par session ; aucune condition d'expérience n'est demandée.
-- Guide de rédaction : scripts/GUIDE.md.

-- Pôle gestionnaire selon le secteur de la spécialité.
local POLE_DU_SECTEUR = {
  industriel = "industriel_tertiaire",
  services = "services_alimentation_hotellerie",
}

-- Code commun à tous les examens (scripts/lib/commun.lua).
local commun = require("commun")
local doit_fournir_jdc = commun.doit_fournir_jdc
local verifier_code_postal = commun.verifier_code_postal

exam {
  api_level = 1,
  code = "cap",
  name = "Certificat d'aptitude professionnelle",

  -- sector : « services » (pôle services, alimentation, hôtellerie) ou « industriel » (pôle
  -- industriel, tertiaire).
  specialities = {
    { code = "cuisine", label = "Cuisine", sector = "services" },
    { code = "cs_hcr", label = "Commercialisation et services en hôtel-café-restaurant", sector = "services" },
    { code = "patissier", label = "Pâtissier", sector = "services" },
    { code = "boulanger", label = "Boulanger", sector = "services" },
    { code = "boucher", label = "Boucher", sector = "services" },
    { code = "esthetique", label = "Esthétique cosmétique parfumerie", sector = "services" },
    { code = "coiffure", label = "Métiers de la coiffure", sector = "services" },
    { code = "aepe", label = "Accompagnant éducatif petite enfance", sector = "services" },
    { code = "electricien", label = "Électricien", sector = "industriel" },
    { code = "macon", label = "Maçon", sector = "industriel" },
    { code = "menuisier_fabricant", label = "Menuisier fabricant", sector = "industriel" },
    { code = "mva_vp", label = "Maintenance des véhicules option A voitures particulières", sector = "industriel" },
    { code = "epc", label = "Équipier polyvalent du commerce", sector = "industriel" },
    { code = "operateur_logistique", label = "Opérateur/opératrice logistique", sector = "industriel" },
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
        { id = "exemption", label = "Je demande une dispense d'épreuves au titre d'un diplôme déjà obtenu", type = "checkbox" },
        {
          id = "exemption_diploma",
          label = "Diplôme(s) justifiant la dispense",
          type = "text",
          shown_when = { field = "exemption", equals = true },
          required = true,
          help = "Par exemple : CAP Pâtissier, session 2021.",
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
  }),

  validate = function(a, v)
    verifier_code_postal(a, v)
  end,

  require_pieces = function(a, v)
    v:piece("identite")
    v:piece("domicile")
    if doit_fournir_jdc(v) then v:piece("jdc") end
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
