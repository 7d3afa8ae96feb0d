// The French transactional mails: plain text plus a simple HTML alternative, "vous" register.
// Every interpolated value is HTML-escaped in the HTML part; links become anchors only when
// they are http(s) URLs.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "mail/message.hpp"

namespace guichet::mail {

struct RegistrationMailData {
  std::string academy_name, exam_name, session_label, speciality_label, registration_number,
      candidate_number, pole_name, pole_email;
  std::vector<std::string> pole_phones;
  int version = 1;
  // Deadlines as format_deadline() says them ("avant le 13 novembre 2024 à 19 h 00"); empty when
  // there is none: the close of registrations, of modifications, of the pieces or the sending.
  std::string closes_text, edits_deadline_text, pieces_deadline_text;
  bool postal = false;                      // final registration by post (else upload)
  std::vector<std::string> postal_address;  // where the file is sent, in postal mode
};

// `expires_text` is a deadline as format_deadline() says it ("avant le 15 novembre 2024 à 10 h 23").
// "Activez votre compte candidat": the activation link (its query holds token=...), the
// deadline, and that an account not activated within 48 h is deleted with its data.
Message activation_mail(const std::string& to, const std::string& first_name,
                        const std::string& link, const std::string& expires_text);

// "Votre compte candidat n'est pas encore activé": sent instead of a reset link when "Mot de
// passe oublié" is asked for an account not yet activated; a new activation link (token=...),
// its deadline, and that the account is deleted if not activated by then. Kind "activation".
Message activation_reminder_mail(const std::string& to, const std::string& first_name,
                                 const std::string& link, const std::string& expires_text);

// "Réinitialisation de votre mot de passe": the link, how long it is valid, and to ignore the
// mail when the request was not yours.
Message password_reset_mail(const std::string& to, const std::string& first_name,
                            const std::string& link, int valid_minutes);

// "Inscription enregistrée : <exam name> <session>": numbers, version, speciality, the office,
// the récapitulatif to download before the close and the pieces deadline.
Message registration_saved_mail(const std::string& to, const std::string& first_name,
                                const RegistrationMailData& data);

// "Modification d'inscription : <exam name>": the new version number and to download the
// récapitulatif again.
Message registration_modified_mail(const std::string& to, const std::string& first_name,
                                   const RegistrationMailData& data);

// Sent to the OLD address: the login address was changed to `new_address_masked`; contact the
// office when it was not you.
Message email_changed_mail(const std::string& old_address, const std::string& first_name,
                           const std::string& new_address_masked);

// Escapes & < > " ' for HTML text and attribute values.
// "Rappel : pièces justificatives à déposer": the missing pieces (labels), the deadline, and
// to confirm with « J'ai fourni toutes mes pièces ».
Message pieces_reminder_mail(const std::string& to, const std::string& first_name, const RegistrationMailData& data,
                             const std::vector<std::string>& missing_labels);

// "Pièce justificative refusée": which piece, the office's reason, and how to replace it.
Message piece_rejected_mail(const std::string& to, const std::string& first_name, const RegistrationMailData& data,
                            const std::string& piece_label, const std::string& reason);

// "Votre accès au guichet des examens" (staff): the link to choose a password and enrol the
// second factor, how long it is valid, and the académie.
Message staff_invitation_mail(const std::string& to, const std::string& display_name, const std::string& academy,
                              const std::string& link, int valid_hours);

// "Désinscription : <exam name> <session>": the registration was withdrawn by the office, the
// reason, and whom to contact.
Message registration_withdrawn_mail(const std::string& to, const std::string& first_name,
                                    const RegistrationMailData& data, const std::string& reason);

// "Nouveau document : <label>": the office published a document (a convocation...) for the
// registration; where to find it ("Mes documents", the portal's link when known). The
// document itself is not attached: it stays behind the candidate's login.
Message document_published_mail(const std::string& to, const std::string& first_name,
                                const RegistrationMailData& data, const std::string& document_label, int version,
                                const std::string& portal_url);

std::string html_escape(std::string_view text);

}  // namespace guichet::mail
