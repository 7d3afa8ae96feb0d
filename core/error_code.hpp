// The closed set of error codes: each with its HTTP status, whether a client may see it, and a
// default French message. One table (an X-macro, as Redis and SQLite list their error codes),
// so a code that is not listed here does not compile, and the statuses cannot drift from the
// codes. openapi.yaml lists which codes each operation answers; tests/app/openapi_test.cpp
// checks it against this table.
#pragma once

#include <cstdint>
#include <optional>
#include <ostream>
#include <string_view>

namespace guichet {

// How an error reaches an HTTP client:
//   shown:    as itself (code, status, message, fields);
//   internal: as "internal_error" (500), the code and message going to the log only;
//   rules:    as "rules_error" (500): a script's fault, file:line to the log only.
enum class Exposure : std::uint8_t { shown, internal, rules };

// X(code, http status, exposure, default message)
#define GUICHET_ERROR_CODES(X)                                                                                  \
  /* Requests the client must fix. */                                                                         \
  X(bad_request, 400, shown, "Adresse de requête invalide.")                                                  \
  X(malformed_request, 400, shown, "La requête est mal formée.")                                              \
  X(malformed_json, 400, shown, "Le corps de la requête n'est pas un JSON valide.")                           \
  X(malformed_multipart, 400, shown, "Le formulaire envoyé est mal formé.")                                   \
  X(invalid_token, 400, shown, "Ce lien n'est pas valide.")                                                   \
  X(unauthenticated, 401, shown, "Vous devez être connecté.")                                                 \
  X(invalid_credentials, 401, shown, "Adresse mail ou mot de passe incorrect.")                               \
  X(account_not_activated, 403, shown, "Ce compte n'est pas encore activé.")                                  \
  X(csrf_failed, 403, shown, "Jeton anti-falsification (X-CSRF-Token) absent ou invalide.")                   \
  X(forbidden, 403, shown, "Vous n'avez pas le droit de faire cette opération.")                              \
  X(withdrawal_by_office_only, 403, shown, "Seul le service des examens peut retirer cette inscription.")      \
  X(not_found, 404, shown, "La ressource demandée n'existe pas.")                                             \
  X(unknown_academy, 404, shown, "Cette académie n'existe pas.")                                              \
  X(unknown_session, 404, shown, "Cette session d'examen n'existe pas dans cette académie.")                  \
  X(unknown_piece, 404, shown, "Cette pièce n'est pas demandée pour cette inscription.")                      \
  X(method_not_allowed, 405, shown, "Méthode HTTP non autorisée pour cette adresse.")                         \
  X(email_taken, 409, shown, "Un compte existe déjà avec cette adresse mail.")                                \
  X(already_registered, 409, shown, "Vous êtes déjà inscrit à cette session.")                                \
  X(service_closed, 409, shown, "Le service d'inscription de cette session n'est pas ouvert.")                \
  X(personal_data_locked, 409, shown, "Votre identité ne peut plus être modifiée ici.")                       \
  X(postal_session, 409, shown, "Dans cette session, les pièces s'envoient par courrier.")                    \
  X(pieces_frozen, 409, shown, "Vos pièces sont confirmées : elles ne peuvent plus changer.")                 \
  X(too_many_files, 409, shown, "Cette pièce a déjà le nombre maximal de fichiers.")                          \
  X(registration_withdrawn, 409, shown, "Cette inscription a été retirée.")                                   \
  X(conflict, 409, shown, "Cette opération contredit l'état actuel.")                                         \
  X(window_guard, 409, shown, "Cette version modifie une session ouverte : confirmez avec un motif.")          \
  X(approval_required, 409, shown, "Cette version doit d'abord être approuvée par une autre personne.")       \
  X(token_expired, 410, shown, "Ce lien a expiré.")                                                           \
  X(document_unavailable, 410, shown, "Ce document n'est plus disponible.")                                   \
  X(stale_version, 412, shown, "L'inscription a changé depuis votre lecture : rechargez-la.")                 \
  X(payload_too_large, 413, shown, "Le contenu envoyé dépasse la taille autorisée.")                          \
  X(file_too_large, 413, shown, "Le fichier envoyé dépasse la taille autorisée.")                             \
  X(unsupported_media_type, 415, shown, "Le corps de la requête doit être du JSON (application/json).")        \
  X(unsupported_file_type, 415, shown, "Ce type de fichier n'est pas accepté.")                               \
  X(validation_failed, 422, shown, "Certaines informations sont invalides.")                                  \
  X(wrong_academy, 422, shown, "Vous devez vous inscrire dans l'académie de votre résidence.")                \
  X(pieces_missing, 422, shown, "Il manque encore des pièces.")                                               \
  X(too_many_attempts, 429, shown, "Trop de tentatives. Réessayez dans quelques minutes.")                    \
  X(headers_too_large, 431, shown, "Les en-têtes de la requête sont trop volumineux.")                        \
  /* The service cannot answer now; retrying later helps. */                                                  \
  X(not_ready, 503, shown, "Le service n'est pas encore prêt. Veuillez réessayer dans un instant.")           \
  X(worker_stuck, 503, shown, "Un traitement de règles est bloqué : le service ne répond plus normalement.")  \
  X(database_unavailable, 503, shown, "La base de données ne répond pas. Veuillez réessayer plus tard.")      \
  X(rules_unavailable, 503, shown, "Les règles de cette session sont momentanément indisponibles.")           \
  X(storage_unavailable, 503, shown, "Le stockage des fichiers est indisponible. Veuillez réessayer plus tard.") \
  X(uploads_busy, 503, shown, "Trop de dépôts en cours. Veuillez réessayer dans un instant.")                 \
  X(exports_busy, 503, shown, "Trop d'exports de données en cours. Veuillez réessayer dans un instant.")      \
  X(plugin_timeout, 504, shown, "Le greffon n'a pas répondu à temps.")                                        \
  /* What the client sees of the faults below. */                                                             \
  X(internal_error, 500, shown, "Une erreur interne est survenue. Veuillez réessayer plus tard.")             \
  X(rules_error, 500, shown,                                                                                  \
    "Les règles de cette session sont momentanément en erreur. Le service des examens a été averti.")         \
  /* A script's faults: the log gets file:line, the client "rules_error". */                                  \
  X(script_error, 500, rules, "Erreur dans un script de règles.")                                             \
  X(script_timeout, 500, rules, "Un script de règles a dépassé son temps.")                                   \
  X(script_memory, 500, rules, "Un script de règles a dépassé sa mémoire.")                                   \
  X(script_stack, 500, rules, "Un script de règles a dépassé sa profondeur d'appels.")                        \
  X(script_too_large, 500, rules, "Un script de règles est trop volumineux.")                                 \
  X(scripts_missing, 500, rules, "Dossier des scripts introuvable.")                                          \
  X(scripts_too_many, 500, rules, "Trop de scripts dans le dossier.")                                         \
  X(rules_unusable, 500, rules, "Aucune règle utilisable.")                                                   \
  /* Faults of the server itself, and of the command line: never shown as they are. */                        \
  X(database, 500, internal, "Erreur de la base de données.")                                                 \
  X(database_error, 500, internal, "La base de données a rencontré une erreur.")                              \
  X(database_url, 500, internal, "Adresse de base de données invalide.")                                      \
  X(constraint_violation, 409, shown, "Cette opération contredit une donnée déjà enregistrée.")               \
  X(schema_too_new, 500, internal, "La base de données vient d'une version plus récente de guichet.")         \
  X(bad_query, 500, internal, "Requête invalide.")                                                            \
  X(invalid_id, 500, internal, "Identifiant invalide.")                                                       \
  X(invalid_time, 500, internal, "Date ou heure invalide.")                                                   \
  X(time_out_of_range, 500, internal, "Date hors des bornes acceptées.")                                      \
  X(unknown_timezone, 500, internal, "Fuseau horaire inconnu.")                                               \
  X(crypto_unavailable, 500, internal, "Bibliothèque cryptographique indisponible.")                          \
  X(hash_failed, 500, internal, "Calcul d'empreinte impossible.")                                             \
  X(mail_io, 500, internal, "Écriture du mail impossible.")                                                   \
  X(mail_key, 500, internal, "Clé de mail invalide.")                                                         \
  X(mail_transport, 500, internal, "Envoi du mail impossible.")                                               \
  X(pdf_error, 500, internal, "Production du PDF impossible.")                                                \
  X(plugin_error, 500, internal, "Erreur d'un greffon.")                                                      \
  X(plugin_refused, 500, internal, "Un greffon a refusé l'opération.")                                        \
  X(listen, 500, internal, "Écoute impossible sur l'adresse demandée.")                                       \
  X(server_started, 500, internal, "Le serveur est déjà démarré.")                                            \
  X(watch_failed, 500, internal, "Surveillance du dossier des scripts impossible.")                           \
  X(invalid_event, 500, internal, "Événement incomplet.")                                                    \
  X(usage, 500, internal, "Utilisation incorrecte de la commande.")                                           \
  X(test, 500, internal, "Erreur de test.")

enum class ErrorCode : std::uint8_t {
#define GUICHET_ERROR_ENUM(code, status, exposure, message) code,
  GUICHET_ERROR_CODES(GUICHET_ERROR_ENUM)
#undef GUICHET_ERROR_ENUM
};

struct ErrorCodeInfo {
  ErrorCode code;
  std::string_view name;  // the JSON "code", stable
  unsigned status;
  Exposure exposure;
  std::string_view message;  // default French message
};

const ErrorCodeInfo& info(ErrorCode code);
inline std::string_view to_string(ErrorCode code) { return info(code).name; }
inline unsigned http_status(ErrorCode code) { return info(code).status; }
// Every code, in table order.
const ErrorCodeInfo* error_codes_begin();
const ErrorCodeInfo* error_codes_end();
std::optional<ErrorCode> error_code_named(std::string_view name);

inline std::ostream& operator<<(std::ostream& os, ErrorCode code) { return os << to_string(code); }

}  // namespace guichet
