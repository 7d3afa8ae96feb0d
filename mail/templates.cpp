#include "mail/templates.hpp"

#include <utility>

#include <fmt/format.h>

namespace guichet::mail {

namespace {


bool is_http_url(std::string_view url) {
  auto starts = [&](std::string_view prefix) {
    if (url.size() < prefix.size()) return false;
    for (std::size_t i = 0; i < prefix.size(); ++i) {
      char c = url[i];
      if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
      if (c != prefix[i]) return false;
    }
    return true;
  };
  return starts("https://") || starts("http://");
}

using Facts = std::vector<std::pair<std::string, std::string>>;

// Writes the plain text and the HTML of one mail side by side.
class Body {
 public:
  explicit Body(std::string first_name) {
    std::string name = single_line(first_name);
    paragraph_raw(name.empty() ? "Bonjour," : "Bonjour " + name + ",");
  }

  // A paragraph of plain text (escaped in HTML).
  void paragraph(std::string_view text) { paragraph_raw(std::string(text)); }

  // A link on a line of its own.
  void link(std::string_view url_in) {
    std::string url = single_line(url_in);
    text_ += url + "\n\n";
    if (is_http_url(url))
      html_ += "<p><a href=\"" + html_escape(url) + "\">" + html_escape(url) + "</a></p>\n";
    else
      html_ += "<p>" + html_escape(url) + "</p>\n";
  }

  // "label : value" lines; empty values are left out.
  void facts(const Facts& facts) {
    std::string text;
    std::string html;
    for (const auto& [label, value_in] : facts) {
      std::string value = single_line(value_in);
      if (value.empty()) continue;
      text += label + " : " + value + "\n";
      html += "<tr><th style=\"text-align:left;padding-right:1em\">" + html_escape(label) +
              "</th><td>" + html_escape(value) + "</td></tr>\n";
    }
    if (text.empty()) return;
    text_ += text + "\n";
    html_ += "<table>\n" + html + "</table>\n";
  }

  // The managing office: name, phones, email.
  void office(const RegistrationMailData& d) {
    std::string phones;
    for (const auto& p : d.pole_phones) {
      std::string phone = single_line(p);
      if (phone.empty()) continue;
      if (!phones.empty()) phones += " / ";
      phones += phone;
    }
    std::string name = single_line(d.pole_name);
    std::string email = single_line(d.pole_email);
    if (name.empty() && phones.empty() && email.empty()) return;
    text_ += "Votre service gestionnaire :\n";
    html_ += "<p><strong>Votre service gestionnaire :</strong><br>\n";
    if (!name.empty()) {
      text_ += name + "\n";
      html_ += html_escape(name) + "<br>\n";
    }
    if (!phones.empty()) {
      text_ += "Téléphone : " + phones + "\n";
      html_ += "Téléphone : " + html_escape(phones) + "<br>\n";
    }
    if (!email.empty()) {
      text_ += "Courriel : " + email + "\n";
      html_ += "Courriel : <a href=\"mailto:" + html_escape(email) + "\">" + html_escape(email) +
               "</a><br>\n";
    }
    text_ += "\n";
    html_ += "</p>\n";
  }

  // A postal address, one line each, as a block of its own.
  void address(const std::vector<std::string>& lines) {
    std::string text;
    for (const auto& l : lines) {
      std::string line = single_line(l);
      if (!line.empty()) text += (text.empty() ? "" : "\n") + line;
    }
    if (!text.empty()) paragraph_raw(text);
  }

  Message finish(std::string to, std::string subject, std::string kind) {
    paragraph_raw("Cordialement,\nLe service des examens");
    paragraph_raw("Ce message vous est envoyé automatiquement ; merci de ne pas y répondre.");
    Message m;
    m.to = std::move(to);
    m.subject = single_line(subject);
    m.kind = std::move(kind);
    // One trailing newline, not a blank line.
    m.text = text_.substr(0, text_.size() - 1);
    m.html = "<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n<meta charset=\"utf-8\">\n<title>" +
             html_escape(m.subject) +
             "</title>\n</head>\n<body style=\"font-family:sans-serif\">\n" + html_ +
             "</body>\n</html>\n";
    return m;
  }

 private:
  void paragraph_raw(const std::string& text) {
    text_ += text + "\n\n";
    std::string html = html_escape(text);
    std::string with_breaks;
    for (char c : html) {
      if (c == '\n')
        with_breaks += "<br>\n";
      else
        with_breaks += c;
    }
    html_ += "<p>" + with_breaks + "</p>\n";
  }

  std::string text_;
  std::string html_;
};

std::string exam_and_session(const RegistrationMailData& d) {
  std::string exam = single_line(d.exam_name);
  std::string session = single_line(d.session_label);
  return session.empty() ? exam : exam + " (session " + session + ")";
}

Facts registration_facts(const RegistrationMailData& d) {
  return {{"Académie", d.academy_name},
          {"Examen", d.exam_name},
          {"Session", d.session_label},
          {"Spécialité", d.speciality_label},
          {"Numéro d'inscription", d.registration_number},
          {"Numéro de candidat", d.candidate_number},
          {"Version de l'inscription", std::to_string(d.version)}};
}

// What the candidate must still do to complete the registration, and by when: the pieces to
// upload, or the file to post (with the address it goes to).
void final_registration(Body& b, const RegistrationMailData& d) {
  std::string deadline = single_line(d.pieces_deadline_text);
  std::string when = deadline.empty() ? std::string() : " " + deadline;
  if (d.postal) {
    b.paragraph("Imprimez votre récapitulatif d'inscription, vérifiez-le, datez-le et signez-le, puis envoyez-le par "
                "courrier avec les pièces justificatives demandées" + when +
                (d.postal_address.empty() ? std::string(".") : std::string(", à l'adresse suivante :")));
    b.address(d.postal_address);
    return;
  }
  b.paragraph("Déposez les pièces justificatives demandées dans « Mes justificatifs » de votre espace candidat, puis "
              "confirmez avec « J'ai fourni toutes mes pièces »" + when + ".");
}

std::string duration_text(int minutes) {
  if (minutes >= 60 && minutes % 60 == 0) {
    int hours = minutes / 60;
    return hours == 1 ? "1 heure" : fmt::format("{} heures", hours);
  }
  return minutes == 1 ? "1 minute" : fmt::format("{} minutes", minutes);
}

}  // namespace

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

Message activation_mail(const std::string& to, const std::string& first_name,
                        const std::string& link, const std::string& expires_text) {
  Body b(first_name);
  b.paragraph(
      "Vous avez créé un compte candidat pour vous inscrire à un examen. Pour activer ce compte, "
      "veuillez ouvrir le lien ci-dessous :");
  b.link(link);
  std::string expires = single_line(expires_text);
  if (!expires.empty()) b.paragraph("Activez votre compte " + expires + ".");
  b.paragraph(
      "Si votre compte n'est pas activé dans les 48 h qui suivent sa création, il sera supprimé "
      "avec toutes les données que vous avez saisies.");
  b.paragraph(
      "Si vous n'êtes pas à l'origine de cette demande, vous pouvez ignorer ce message : sans "
      "activation, le compte sera supprimé automatiquement.");
  return b.finish(to, "Activez votre compte candidat", "activation");
}

Message activation_reminder_mail(const std::string& to, const std::string& first_name,
                                 const std::string& link, const std::string& expires_text) {
  Body b(first_name);
  b.paragraph(
      "Vous avez demandé à réinitialiser le mot de passe de votre compte candidat, mais ce compte "
      "n'est pas encore activé. Pour l'activer, veuillez ouvrir le lien ci-dessous (il remplace "
      "celui du mail précédent) :");
  b.link(link);
  std::string expires = single_line(expires_text);
  if (!expires.empty()) b.paragraph("Activez votre compte " + expires + ".");
  b.paragraph(
      "Une fois le compte activé, vous pourrez vous connecter avec le mot de passe choisi à sa "
      "création, ou en choisir un nouveau avec « Mot de passe oublié ». Sans activation dans les "
      "48 h qui suivent sa création, le compte sera supprimé avec toutes les données saisies.");
  b.paragraph(
      "Si vous n'êtes pas à l'origine de cette demande, vous pouvez ignorer ce message.");
  return b.finish(to, "Votre compte candidat n'est pas encore activé", "activation");
}

Message password_reset_mail(const std::string& to, const std::string& first_name,
                            const std::string& link, int valid_minutes) {
  Body b(first_name);
  b.paragraph(
      "Vous avez demandé la réinitialisation du mot de passe de votre compte candidat. Pour "
      "choisir un nouveau mot de passe, veuillez ouvrir le lien ci-dessous :");
  b.link(link);
  if (valid_minutes > 0) b.paragraph("Ce lien est valable " + duration_text(valid_minutes) + ".");
  b.paragraph(
      "Si vous n'êtes pas à l'origine de cette demande, ignorez ce message : votre mot de passe "
      "actuel reste inchangé.");
  return b.finish(to, "Réinitialisation de votre mot de passe", "password_reset");
}

Message staff_invitation_mail(const std::string& to, const std::string& display_name, const std::string& academy,
                              const std::string& link, int valid_hours) {
  Body b(display_name);
  b.paragraph("Un compte de gestion du guichet des examens vous a été ouvert pour l'académie « " + academy +
              " ». Pour choisir votre mot de passe et enregistrer votre second facteur d'authentification "
              "(une application de codes à usage unique sur votre téléphone), veuillez ouvrir le lien ci-dessous :");
  b.link(link);
  b.paragraph("Ce lien est valable " + std::to_string(valid_hours) + " heures et ne peut servir qu'une fois.");
  b.paragraph("Si vous n'attendiez pas ce message, signalez-le à l'administrateur de votre académie.");
  return b.finish(to, "Votre accès au guichet des examens", "staff_invitation");
}

Message registration_withdrawn_mail(const std::string& to, const std::string& first_name,
                                    const RegistrationMailData& data, const std::string& reason) {
  Body b(first_name);
  b.paragraph("Le service des examens a annulé votre inscription à l'examen " + exam_and_session(data) + ".");
  b.facts(registration_facts(data));
  b.facts({{"Motif", reason}});
  b.paragraph("Votre inscription et ses documents sont conservés. Pour toute question, contactez votre pôle"
              " de gestion" + (data.pole_email.empty() ? std::string(".") : " (" + single_line(data.pole_email) + ")."));
  return b.finish(to, "Désinscription : " + exam_and_session(data), "registration_withdrawn");
}

Message document_published_mail(const std::string& to, const std::string& first_name,
                                const RegistrationMailData& data, const std::string& document_label, int version,
                                const std::string& portal_url) {
  Body b(first_name);
  const std::string label = single_line(document_label);
  b.paragraph("Le service gestionnaire a publié un document pour votre inscription à l'examen " +
              exam_and_session(data) + " : " + label +
              (version > 1 ? " (version " + std::to_string(version) + ", qui remplace la précédente)." : "."));
  b.facts(registration_facts(data));
  b.paragraph("Pour le consulter et le télécharger, connectez-vous à votre espace candidat, rubrique « Mes "
              "documents ». Par sécurité, le document n'est pas joint à ce message.");
  if (!portal_url.empty()) b.link(portal_url);
  b.office(data);
  return b.finish(to, "Nouveau document : " + label + " (" + single_line(data.exam_name) + ")", "document_published");
}

Message registration_saved_mail(const std::string& to, const std::string& first_name,
                                const RegistrationMailData& data) {
  Body b(first_name);
  b.paragraph("Votre inscription à l'examen " + exam_and_session(data) + " est enregistrée.");
  b.facts(registration_facts(data));
  std::string closes = single_line(data.closes_text);
  std::string edits = single_line(data.edits_deadline_text);
  b.paragraph("Téléchargez votre récapitulatif d'inscription depuis votre espace candidat et vérifiez-le" +
              (closes.empty() ? std::string(".") : " " + closes + " (clôture des inscriptions).") +
              (edits.empty() ? std::string() : " Vous pouvez modifier votre inscription " + edits + "."));
  final_registration(b, data);
  b.office(data);
  std::string session = single_line(data.session_label);
  std::string subject = "Inscription enregistrée : " + single_line(data.exam_name) +
                        (session.empty() ? "" : " " + session);
  return b.finish(to, subject, "registration_saved");
}

Message registration_modified_mail(const std::string& to, const std::string& first_name,
                                   const RegistrationMailData& data) {
  Body b(first_name);
  std::string version = std::to_string(data.version);
  b.paragraph("Votre inscription à l'examen " + exam_and_session(data) +
              " a été modifiée. Elle est désormais en version " + version + ".");
  b.facts(registration_facts(data));
  std::string closes = single_line(data.closes_text);
  b.paragraph(
      "Votre précédent récapitulatif n'est plus à jour : veuillez télécharger à nouveau votre "
      "récapitulatif d'inscription (version " +
      version + ") depuis votre espace candidat" +
      (closes.empty() ? std::string(".") : " " + closes + " (clôture des inscriptions)."));
  final_registration(b, data);
  b.paragraph(
      "Si vous n'êtes pas à l'origine de cette modification, contactez sans délai votre "
      "service gestionnaire.");
  b.office(data);
  return b.finish(to, "Modification d'inscription : " + single_line(data.exam_name),
                  "registration_modified");
}

Message pieces_reminder_mail(const std::string& to, const std::string& first_name, const RegistrationMailData& data,
                             const std::vector<std::string>& missing_labels) {
  Body b(first_name);
  std::string deadline = single_line(data.pieces_deadline_text);
  b.paragraph("Votre dossier d'inscription à l'examen " + exam_and_session(data) +
              " est incomplet : il manque encore des pièces justificatives" +
              (deadline.empty() ? std::string(".") : ", à déposer " + deadline + "."));
  Facts missing;
  for (const auto& label : missing_labels) missing.push_back({"Pièce manquante", label});
  b.facts(missing);
  b.facts(registration_facts(data));
  b.paragraph(
      "Déposez-les dans « Mes justificatifs » de votre espace candidat, puis confirmez avec « J'ai "
      "fourni toutes mes pièces ». Sans ces pièces, votre inscription ne pourra pas être validée.");
  b.office(data);
  return b.finish(to, "Rappel : pièces justificatives à déposer (" + single_line(data.exam_name) + ")",
                  "pieces_reminder");
}

Message piece_rejected_mail(const std::string& to, const std::string& first_name, const RegistrationMailData& data,
                            const std::string& piece_label, const std::string& reason) {
  Body b(first_name);
  b.paragraph("Le service gestionnaire a refusé une pièce justificative de votre inscription à l'examen " +
              exam_and_session(data) + ".");
  b.facts({{"Pièce", piece_label}, {"Motif", reason}});
  b.facts(registration_facts(data));
  b.paragraph(
      "Cette pièce est de nouveau ouverte au dépôt dans « Mes justificatifs » : déposez un fichier qui la "
      "remplace, puis confirmez avec « J'ai fourni toutes mes pièces ».");
  b.office(data);
  return b.finish(to, "Pièce justificative refusée : " + single_line(piece_label), "piece_rejected");
}

Message email_changed_mail(const std::string& old_address, const std::string& first_name,
                           const std::string& new_address_masked) {
  Body b(first_name);
  b.paragraph(
      "L'adresse électronique de connexion de votre compte candidat vient d'être modifiée. La "
      "nouvelle adresse est : " +
      single_line(new_address_masked) + ".");
  b.paragraph(
      "Ce message est envoyé à votre ancienne adresse, qui ne permet plus de vous connecter.");
  b.paragraph(
      "Si vous n'êtes pas à l'origine de ce changement, contactez sans délai le service "
      "gestionnaire des examens de votre académie.");
  return b.finish(old_address, "Modification de votre adresse électronique de connexion",
                  "email_changed");
}

}  // namespace guichet::mail
