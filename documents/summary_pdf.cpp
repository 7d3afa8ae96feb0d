#include "documents/summary_pdf.hpp"

#include <cairo-pdf.h>
#include <cairo.h>

#include <exception>
#include <memory>
#include <mutex>
#include <string>

#include "documents/pdf_layout.hpp"

namespace guichet::documents {
namespace {

// DejaVu Sans (fonts-dejavu-core) covers every French accent and the typographic quotes;
// cairo embeds the subset it uses with a ToUnicode map, so the text can be selected and
// searched.
constexpr const char* kFont = "DejaVu Sans";

const TextStyle kTitle{.size = 18, .weight = Weight::bold};
const TextStyle kSubtitle{.size = 12.5, .gray = 0.25};
const TextStyle kExam{.size = 12.5, .weight = Weight::bold};
const TextStyle kHeading{.size = 12, .weight = Weight::bold};
const TextStyle kLabel{.size = 10, .weight = Weight::bold, .gray = 0.3};
const TextStyle kBody{.size = 10};
const TextStyle kStrong{.size = 10, .weight = Weight::bold};
const TextStyle kFooter{.size = 8.5, .gray = 0.4};
constexpr double kLabelWidth = 140;
// Answers' labels are the form's questions, often a sentence: a wider column.
constexpr double kAnswerLabelWidth = 250;
const TextStyle kTabTitle{.size = 10.5, .weight = Weight::bold, .gray = 0.15};
constexpr double kIndent = 12;

// Fontconfig and cairo's font caches initialise lazily; do it once before threads race to it.
void warm_up_fonts() {
  static std::once_flag once;
  std::call_once(once, [] {
    cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_A8, 1, 1);
    cairo_t* cr = cairo_create(surface);
    for (Weight weight : {Weight::regular, Weight::bold}) {
      apply_style(cr, kFont, TextStyle{.weight = weight});
      cairo_text_extents_t extents;
      cairo_text_extents(cr, "É", &extents);
    }
    cairo_destroy(cr);
    cairo_surface_destroy(surface);
  });
}

cairo_status_t append_to_string(void* closure, const unsigned char* data, unsigned int length) {
  try {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
  } catch (const std::exception&) {
    return CAIRO_STATUS_WRITE_ERROR;  // out of memory: cairo reports it, we return an Error
  }
}

struct SurfaceDeleter {
  void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); }
};
struct ContextDeleter {
  void operator()(cairo_t* cr) const { cairo_destroy(cr); }
};

Error pdf_error(const std::string& detail) {
  return Error{ErrorCode::pdf_error, "Le récapitulatif d'inscription n'a pas pu être produit : " + detail};
}

std::string join(const std::vector<std::string>& items, const std::string& separator) {
  std::string out;
  for (const auto& item : items) {
    if (item.empty()) continue;
    if (!out.empty()) out += separator;
    out += item;
  }
  return out;
}

// The document, top to bottom.
class SummaryWriter {
 public:
  SummaryWriter(PdfLayout& layout, const SummaryData& data) : l_(layout), d_(data) {}

  void write() {
    header();
    candidate();
    registration();
    answers();
    office();
    next_steps();
    annex();
  }

 private:
  void section(const std::string& title) {
    l_.space(14);
    // A heading is never alone at the bottom of a page.
    l_.keep_together(kHeading.line_height() + 4 * kBody.line_height());
    l_.paragraph(title, kHeading);
    l_.rule(0.5, 0.7);
    l_.space(4);
  }

  void field(const std::string& label, const std::string& value) {
    if (!value.empty()) l_.field(label, value, kLabel, kBody, kLabelWidth);
  }

  void header() {
    l_.paragraph("Récapitulatif d'inscription", kTitle);
    if (!d_.academy_name.empty()) l_.paragraph(d_.academy_name, kSubtitle);
    l_.space(6);
    l_.rule(1.0, 0.2);
    l_.space(10);
    l_.paragraph(d_.exam_name, kExam);
    l_.space(4);
    field("Session", d_.session_label);
    field("Spécialité", d_.speciality_label);
  }

  void candidate() {
    section("Candidat");
    field("Nom", d_.last_name);
    field("Prénom", d_.first_name);
    field("Date de naissance", d_.birth_date);
    field("Lieu de naissance", d_.birth_place);
    field("Adresse électronique", d_.email);
    field("Adresse postale", d_.address_lines);
    field("Téléphone", d_.phone);
  }

  // Every answer under its tab, so the candidate can check, complete or correct them.
  void answers() {
    if (d_.tabs.empty()) return;
    section("Vos réponses");
    l_.paragraph("Vérifiez ces réponses. Pour les compléter ou les corriger, modifiez votre "
                 "inscription dans votre espace candidat tant que les modifications sont ouvertes.",
                 kBody);
    for (const auto& tab : d_.tabs) {
      l_.space(8);
      // A tab's title is not left alone at the bottom of a page.
      l_.keep_together(kTabTitle.line_height() + 2 * kBody.line_height());
      l_.paragraph(tab.title, kTabTitle);
      l_.space(2);
      for (const auto& a : tab.answers) {
        l_.field(a.label, a.value, kLabel, kBody, kAnswerLabelWidth);
        l_.space(2);
      }
    }
  }

  void registration() {
    section("Inscription");
    field("Numéro d'inscription", d_.registration_number);
    field("Numéro de candidat", d_.candidate_number);
    l_.space(4);
    std::string version = "Version " + std::to_string(d_.version);
    if (!d_.saved_at.empty()) version += " enregistrée le " + d_.saved_at;
    l_.paragraph(version, kBody);
  }

  void office() {
    section("Service gestionnaire");
    if (!d_.pole.name.empty()) l_.paragraph(d_.pole.name, kStrong);
    l_.space(2);
    field(d_.pole.phones.size() > 1 ? "Téléphones" : "Téléphone", join(d_.pole.phones, "\n"));
    field("Adresse électronique", d_.pole.email);
  }

  void next_steps() {
    section("Et maintenant ?");
    const std::string before =
        d_.final_deadline.empty() ? std::string() : " " + d_.final_deadline;
    if (d_.final_mode == "postal") {
      // With the address known, the file goes there (the Rectorat), not to the office's mailbox.
      l_.paragraph("Imprimez ce récapitulatif, vérifiez-le, datez-le, signez-le et envoyez-le "
                   "avec les pièces justificatives listées en annexe " +
                       (d_.postal_address.empty() ? "au service gestionnaire" + before + "."
                                                  : "par courrier" + before + ", à l'adresse suivante :"),
                   kBody);
      postal_address();
    } else {
      const std::string portal =
          d_.portal_url.empty() ? std::string() : " (" + d_.portal_url + ")";
      l_.paragraph("Déposez les pièces justificatives listées en annexe dans votre espace "
                   "candidat" + portal + ", puis confirmez « J'ai fourni toutes mes pièces »" + before + ".",
                   kBody);
    }
    l_.space(6);
    l_.paragraph("Conservez ce document : il ne sera plus téléchargeable après la clôture des "
                 "inscriptions.",
                 kStrong);
    if (d_.final_mode == "postal") {
      // The line and the room to sign under it stay together.
      constexpr double kSignatureRoom = 70;
      l_.space(18);
      l_.keep_together(kStrong.line_height() + kSignatureRoom);
      l_.paragraph("Date et signature du candidat :", kStrong);
      l_.space(kSignatureRoom);
    }
  }

  // Where the postal file goes, as a block the candidate can copy onto the envelope.
  void postal_address() {
    if (d_.postal_address.empty()) return;
    std::string lines;
    for (const auto& line : d_.postal_address) lines += (lines.empty() ? "" : "\n") + line;
    l_.space(4);
    l_.keep_together(static_cast<double>(d_.postal_address.size()) * kStrong.line_height());
    l_.paragraph(lines, kStrong, kIndent);
  }

  void annex() {
    l_.page_break();
    l_.paragraph("Annexe : pièces justificatives à fournir", kHeading);
    l_.rule(0.5, 0.7);
    l_.space(6);
    if (d_.pieces.empty()) {
      l_.paragraph("Aucune pièce justificative n'est demandée.", kBody);
      return;
    }
    for (const auto& piece : d_.pieces) {
      // A label is not left at the bottom of a page without the start of its explanation.
      l_.keep_together(kStrong.line_height() +
                       (piece.explanation.empty() ? 0 : 2 * kBody.line_height()));
      l_.paragraph(piece.label, kStrong);
      if (!piece.explanation.empty()) l_.paragraph(piece.explanation, kBody, kIndent);
      l_.space(6);
    }
  }

  PdfLayout& l_;
  const SummaryData& d_;
};

}  // namespace

Result<std::string> render_summary_pdf(const SummaryData& data) {
  if (data.final_mode != "postal" && data.final_mode != "upload")
    return pdf_error("mode de dépôt inconnu « " + data.final_mode + " ».");
  warm_up_fonts();

  const PageGeometry geometry;
  std::string pdf;
  std::unique_ptr<cairo_surface_t, SurfaceDeleter> surface(cairo_pdf_surface_create_for_stream(
      append_to_string, &pdf, geometry.width, geometry.height));
  std::unique_ptr<cairo_t, ContextDeleter> cr(cairo_create(surface.get()));
  if (cairo_status(cr.get()) != CAIRO_STATUS_SUCCESS)
    return pdf_error(cairo_status_to_string(cairo_status(cr.get())));

  const std::string title = "Récapitulatif d'inscription" +
                            (data.registration_number.empty()
                                 ? std::string()
                                 : " " + sanitize_utf8(data.registration_number));
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, title.c_str());
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "guichet");

  // Layout first (measuring on the PDF context), then draw: footers need the page count.
  PdfLayout layout(cr.get(), kFont, geometry);
  SummaryWriter(layout, data).write();
  const std::string version = "version " + std::to_string(data.version);
  layout.draw(
      cr.get(),
      [&](int page, int count) {
        std::string footer = data.registration_number.empty()
                                 ? std::string()
                                 : data.registration_number + " — ";
        return footer + version + " — page " + std::to_string(page) + "/" +
               std::to_string(count);
      },
      kFooter);

  cairo_status_t status = cairo_status(cr.get());
  cr.reset();
  cairo_surface_finish(surface.get());
  if (status == CAIRO_STATUS_SUCCESS) status = cairo_surface_status(surface.get());
  surface.reset();
  if (status != CAIRO_STATUS_SUCCESS) return pdf_error(cairo_status_to_string(status));
  if (!pdf.starts_with("%PDF-")) return pdf_error("sortie vide.");
  return pdf;
}

}  // namespace guichet::documents
