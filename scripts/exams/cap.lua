-- Certificat d'aptitude professionnelle (CAP) : spécialités, formulaire, contrôles, pièces
-- justificatives et pôle gestionnaire. Le candidat individuel s'inscrit dans une seule
-- spécialité par session ; aucune condition d'expérience n'est demandée.
-- Guide de rédaction : scripts/GUIDE.md.

-- Code commun à tous les examens : contrôles, pièces et pôle (scripts/lib/commun.lua), onglets
-- et champs du formulaire (scripts/lib/formulaire.lua).
local commun = require("commun")
local formulaire = require("formulaire")
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
        -- Les demandes communes à tous les examens (scripts/lib/formulaire.lua).
        formulaire.demandes_communes({ exemption_diploma = { help = "Par exemple : CAP Pâtissier, session 2021." } }),
      }),
    },
  },

  -- Les pièces communes à tous les examens (scripts/lib/commun.lua) ; un examen qui en demande
  -- d'autres les ajoute dans une seconde liste (voir exams/bac_pro.lua).
  pieces = commun.catalogue_pieces(commun.PIECES_DE_TOUS_LES_EXAMENS),

  validate = function(a, v)
    verifier_code_postal(a, v)
  end,

  require_pieces = function(a, v)
    commun.pieces_du_candidat(v)
    commun.pieces_des_demandes(a, v)
  end,

  -- Le pôle selon le secteur de la spécialité (tableau POLE_DU_SECTEUR de scripts/lib/commun.lua).
  route = commun.route_par_secteur,
}
