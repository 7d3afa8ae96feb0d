-- Certificat de spécialisation (CS, appelé « mention complémentaire » avant la session 2025) :
-- spécialités, formulaire, contrôles, pièces justificatives et pôle gestionnaire. Le candidat
-- individuel a suivi une formation de préparation ou justifie de trois années d'activité
-- professionnelle en rapport avec la spécialité ; il possède un diplôme qui donne accès à la
-- spécialité.
-- Guide de rédaction : scripts/GUIDE.md.

-- Code commun à tous les examens : contrôles, pièces et pôle (scripts/lib/commun.lua), onglets
-- et champs du formulaire (scripts/lib/formulaire.lua).
local commun = require("commun")
local formulaire = require("formulaire")
local verifier_code_postal = commun.verifier_code_postal

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
    formulaire.onglet("modalites"),
    formulaire.onglet("identification"),
    {
      id = "candidature",
      title = "Informations candidature",
      -- Un identifiant entre guillemets reprend un champ commun (scripts/lib/formulaire.lua) ;
      -- une table décrit un champ propre à cet examen.
      fields = formulaire.champs({
        "speciality",
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
          shown_when = { field = "eligibility", equals = "training" },
          required = true,
          help = "L'organisme qui assure ou a assuré votre formation de préparation.",
        },
        {
          id = "experience_years",
          label = "Années d'activité professionnelle en rapport avec la spécialité",
          type = "number",
          shown_when = { field = "eligibility", equals = "experience" },
          required = true,
          min = 3,
          message = "Sans formation de préparation, le certificat de spécialisation demande au moins trois"
            .. " années d'activité professionnelle en rapport avec la spécialité.",
          help = "Au moins trois années d'activité en rapport avec la spécialité.",
        },
        -- Les demandes communes à tous les examens (scripts/lib/formulaire.lua).
        formulaire.demandes_communes({ exemption_diploma = { help = "Par exemple : BP Barman, session 2019." } }),
      }),
    },
  },

  -- Les pièces communes à tous les examens (scripts/lib/commun.lua), puis celles de cet examen :
  -- un code reprend une pièce commune, une table décrit une pièce propre à l'examen. L'ordre est
  -- celui des listes.
  pieces = commun.catalogue_pieces(commun.PIECES_DE_TOUS_LES_EXAMENS, {
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

  -- Les champs conditionnels (shown_when) et leurs contraintes (min, max...) sont vérifiés par
  -- le formulaire : il ne reste ici que ce qu'une déclaration ne dit pas.
  validate = function(a, v)
    verifier_code_postal(a, v)
  end,

  require_pieces = function(a, v)
    commun.pieces_du_candidat(v)
    v:piece("diplome_acces")
    if a.eligibility == "training" then v:piece("attestation_formation") end
    if a.eligibility == "experience" then v:piece("certificats_travail") end
    commun.pieces_des_demandes(a, v)
  end,

  -- Le pôle selon le secteur de la spécialité (tableau POLE_DU_SECTEUR de scripts/lib/commun.lua).
  route = commun.route_par_secteur,
}
