-- Brevet professionnel (BP) : spécialités, formulaire, contrôles, pièces justificatives et pôle
-- gestionnaire. Sans condition d'âge, le candidat justifie de deux années d'activité
-- professionnelle en rapport avec la spécialité s'il est titulaire d'un diplôme de niveau 3
-- (CAP, BEP ou titre équivalent), de cinq années sinon.
-- Guide de rédaction : scripts/GUIDE.md.

-- Code commun à tous les examens : contrôles, pièces et pôle (scripts/lib/commun.lua), onglets
-- et champs du formulaire (scripts/lib/formulaire.lua).
local commun = require("commun")
local formulaire = require("formulaire")
local nombre = commun.nombre
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
    formulaire.onglet("modalites"),
    formulaire.onglet("identification"),
    {
      id = "candidature",
      title = "Informations candidature",
      -- Un identifiant entre guillemets reprend un champ commun (scripts/lib/formulaire.lua) ;
      -- une table décrit un champ propre à cet examen.
      fields = formulaire.champs({
        "speciality",
        "exam_form",
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
        -- Les demandes communes à tous les examens (scripts/lib/formulaire.lua).
        formulaire.demandes_communes({ exemption_diploma = { help = "Par exemple : baccalauréat général, session 2018." } }),
      }),
    },
  },

  -- Les pièces communes à tous les examens (scripts/lib/commun.lua), puis celles de cet examen :
  -- un code reprend une pièce commune, une table décrit une pièce propre à l'examen. L'ordre est
  -- celui des listes.
  pieces = commun.catalogue_pieces(commun.PIECES_DE_TOUS_LES_EXAMENS, {
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
    commun.pieces_du_candidat(v)
    v:piece("certificats_travail")
    if a.level3_diploma == "oui" then v:piece("diplome_niveau3") end
    commun.pieces_des_demandes(a, v)
  end,

  -- Le pôle selon le secteur de la spécialité (tableau POLE_DU_SECTEUR de scripts/lib/commun.lua).
  route = commun.route_par_secteur,
}
