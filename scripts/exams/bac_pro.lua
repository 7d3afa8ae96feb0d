-- Baccalauréat professionnel (BAC PRO) : spécialités, formulaire, contrôles, pièces
-- justificatives et pôle gestionnaire. Le candidat individuel justifie de trois années
-- d'activité professionnelle en rapport avec la spécialité, ou d'une précédente présentation à
-- l'examen. Toutes les spécialités sont gérées par le pôle baccalauréats professionnels.
-- Guide de rédaction : scripts/GUIDE.md.

-- Code commun à tous les examens : contrôles, pièces et pôle (scripts/lib/commun.lua), onglets
-- et champs du formulaire (scripts/lib/formulaire.lua).
local commun = require("commun")
local formulaire = require("formulaire")
local verifier_code_postal = commun.verifier_code_postal

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
          shown_when = { field = "eligibility", equals = "experience" },
          required = true,
          min = 3,
          message = "Au titre de l'expérience professionnelle, le baccalauréat professionnel demande au moins"
            .. " trois années d'activité en rapport avec la spécialité. Sinon, il faut vous être déjà"
            .. " présenté(e) à cet examen.",
          help = "Au moins trois années d'activité en rapport avec la spécialité.",
        },
        {
          id = "previous_session",
          label = "Session de la précédente présentation (année)",
          type = "number",
          shown_when = { field = "eligibility", equals = "previous_attempt" },
          required = true,
          integer = true,
          max = { session = -1 },
          message = "Indiquez l'année (par exemple 2022) d'une session antérieure à celle-ci.",
        },
        -- Les demandes communes à tous les examens (scripts/lib/formulaire.lua).
        formulaire.demandes_communes({ exemption_diploma = { help = "Par exemple : CAP Cuisine, session 2020." } }),
      }),
    },
  },

  -- Les pièces communes à tous les examens (scripts/lib/commun.lua), puis celles de cet examen :
  -- un code reprend une pièce commune, une table décrit une pièce propre à l'examen. L'ordre est
  -- celui des listes.
  pieces = commun.catalogue_pieces(commun.PIECES_DE_TOUS_LES_EXAMENS, {
    "certificats_travail",
    {
      code = "justificatif_tentative",
      label = "Relevé de notes ou convocation de la précédente session",
      explanation = "Relevé de notes ou convocation de la session à laquelle vous vous êtes déjà"
        .. " présenté(e) à ce baccalauréat professionnel.",
    },
  }),

  -- Les champs conditionnels (shown_when) et leurs contraintes (min, max...) sont vérifiés par
  -- le formulaire : il ne reste ici que ce qu'une déclaration ne dit pas.
  validate = function(a, v)
    verifier_code_postal(a, v)
  end,

  require_pieces = function(a, v)
    commun.pieces_du_candidat(v)
    if a.eligibility == "experience" then v:piece("certificats_travail") end
    if a.eligibility == "previous_attempt" then v:piece("justificatif_tentative") end
    commun.pieces_des_demandes(a, v)
  end,

  route = function(a, v)
    v:pole("bac_pro")
  end,
}
