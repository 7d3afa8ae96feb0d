// The summary PDF read back with poppler-utils (pdftotext -layout, pdfinfo, pdffonts): French
// text intact and selectable, postal and upload wording, the annex on its own pages, footers
// with the right page count, hostile input, several threads at once.
#include "documents/summary_pdf.hpp"
#include "tests/support/run_command.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace guichet::documents {
namespace {

using guichet::testing::run_command;

// Whitespace runs (line breaks included) as one space: wrapped sentences read as written.
std::string flatten(const std::string& text) {
  std::string out;
  bool space = false;
  for (char c : text) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

std::string without_spaces(const std::string& text) {
  std::string out;
  for (char c : text)
    if (!std::isspace(static_cast<unsigned char>(c))) out += c;
  return out;
}

// A rendered PDF on disk, read back; the file goes away with the object.
class PdfFile {
 public:
  explicit PdfFile(const std::string& bytes) {
    static std::atomic<int> counter{0};
    path_ = (std::filesystem::temp_directory_path() /
             ("guichet-summary-" + std::to_string(::getpid()) + "-" +
              std::to_string(counter++) + ".pdf"))
                .string();
    std::ofstream(path_, std::ios::binary) << bytes;
  }
  ~PdfFile() { std::filesystem::remove(path_); }
  PdfFile(const PdfFile&) = delete;
  PdfFile& operator=(const PdfFile&) = delete;

  std::string text() const { return run_command("pdftotext -enc UTF-8 -layout '" + path_ + "' - 2>/dev/null"); }
  std::string flat() const { return flatten(text()); }
  std::string page_text(int page) const {
    const std::string n = std::to_string(page);
    return run_command("pdftotext -enc UTF-8 -layout -f " + n + " -l " + n + " '" + path_ + "' - 2>/dev/null");
  }
  int pages() const {
    std::istringstream info(run_command("pdfinfo '" + path_ + "' 2>/dev/null"));
    std::string line;
    while (std::getline(info, line))
      if (line.starts_with("Pages:")) return std::stoi(line.substr(6));
    return -1;
  }
  std::string fonts() const { return run_command("pdffonts '" + path_ + "' 2>/dev/null"); }

 private:
  std::string path_;
};

SummaryData sample() {
  SummaryData d;
  d.academy_name = "Académie de Poitiers";
  d.exam_name = "Certificat d'aptitude professionnelle (CAP)";
  d.session_label = "2025";
  d.speciality_label = "Cuisine";
  d.last_name = "Bérénger";
  d.first_name = "Élodie";
  d.birth_date = "12/03/2001";
  d.birth_place = "Châtellerault";
  d.email = "elodie.berenger@example.org";
  d.address_lines = "3 rue des Écoles\n86000 Poitiers";
  d.registration_number = "A13-CAP-2025-00042";
  d.candidate_number = "130000042";
  d.version = 2;
  d.saved_at = "13/11/2024 à 18:59";
  d.pole = {"Pôle services, alimentation, hôtellerie", {"05 16 52 65 06", "05 16 52 65 07"},
            "pole.cap@ac-poitiers.fr"};
  d.final_mode = "postal";
  d.final_deadline = "avant le 24 novembre 2024";
  d.portal_url = "https://candidats.ac-poitiers.fr";
  d.pieces = {{"Pièce d'identité", "Copie recto verso, en cours de validité."},
              {"Certificat de participation à la JDC",
               "Pour les candidats français de moins de 25 ans."},
              {"Justificatif d'aménagement", ""}};
  return d;
}

std::string render(const SummaryData& data) {
  auto pdf = render_summary_pdf(data);
  EXPECT_TRUE(pdf.ok()) << (pdf.ok() ? "" : pdf.error().message);
  return pdf.ok() ? *pdf : std::string();
}

std::string footer(const SummaryData& d, int page, int count) {
  return d.registration_number + " — version " + std::to_string(d.version) + " — page " +
         std::to_string(page) + "/" + std::to_string(count);
}

TEST(SummaryPdf, IsAPdfWithTheFrenchTextIntact) {
  const auto d = sample();
  const std::string bytes = render(d);
  ASSERT_TRUE(bytes.starts_with("%PDF-"));
  PdfFile pdf(bytes);
  const std::string flat = pdf.flat();
  for (const char* expected :
       {"Récapitulatif d'inscription", "Académie de Poitiers",
        "Certificat d'aptitude professionnelle (CAP)", "Session 2025", "Spécialité Cuisine",
        "Nom Bérénger", "Prénom Élodie", "Date de naissance 12/03/2001",
        "Lieu de naissance Châtellerault", "elodie.berenger@example.org", "3 rue des Écoles",
        "86000 Poitiers", "Numéro d'inscription A13-CAP-2025-00042",
        "Numéro de candidat 130000042", "Version 2 enregistrée le 13/11/2024 à 18:59",
        "Service gestionnaire", "Pôle services, alimentation, hôtellerie", "05 16 52 65 06",
        "05 16 52 65 07", "pole.cap@ac-poitiers.fr", "Et maintenant ?", "avant le 24 novembre 2024",
        "signez-le",
        "Conservez ce document : il ne sera plus téléchargeable après la clôture des "
        "inscriptions."})
    EXPECT_NE(flat.find(expected), std::string::npos) << expected << "\n---\n" << pdf.text();
}

TEST(SummaryPdf, EveryAnswerUnderItsTabWithLabelsPhoneAndAddressComplement) {
  auto d = sample();
  d.address_lines = "3 rue des Écoles\nRésidence les Tilleuls, bâtiment B\n86000 Poitiers";
  d.phone = "06 12 34 56 78";
  d.tabs = {{"Identification", {{"Adresse (numéro et voie)", "3 rue des Écoles"}, {"Téléphone", "06 12 34 56 78"}}},
            {"Informations candidature",
             {{"Forme de l'examen", "Forme globale"},
              {"Langue vivante obligatoire", "Espagnol"},
              {"Dispense", "Non"},
              {"Diplôme(s) justifiant la dispense",
               "CAP Cuisine obtenu en 2019 à Poitiers, puis mention complémentaire « Cuisinier en "
               "desserts de restaurant » obtenue en 2021 au lycée hôtelier de La Rochelle"}}}};
  PdfFile pdf(render(d));
  const std::string flat = pdf.flat();
  for (const char* expected :
       {"Téléphone 06 12 34 56 78", "Résidence les Tilleuls, bâtiment B", "Vos réponses", "Identification",
        "Informations candidature", "Forme de l'examen Forme globale", "Langue vivante obligatoire Espagnol",
        "Dispense Non"})
    EXPECT_NE(flat.find(expected), std::string::npos) << expected << "\n---\n" << pdf.text();
  // The long answer wraps inside its column: every word is there, in order.
  const std::string nospace = without_spaces(pdf.text());
  EXPECT_NE(nospace.find("CAPCuisineobtenu"), std::string::npos) << pdf.text();
  EXPECT_NE(nospace.find("hôtelierdeLaRochelle"), std::string::npos) << pdf.text();
  // The tabs come before the office and the annex, in the form's order.
  EXPECT_LT(flat.find("Identification"), flat.find("Informations candidature"));
  EXPECT_LT(flat.find("Vos réponses"), flat.find("Service gestionnaire"));
}

TEST(SummaryPdf, ManyAnswersBreakPagesAndKeepEveryLine) {
  auto d = sample();
  SummaryTab tab{"Informations candidature", {}};
  for (int i = 0; i < 80; ++i)
    tab.answers.push_back({"Question numéro " + std::to_string(i), "Réponse " + std::to_string(i)});
  d.tabs = {tab};
  PdfFile pdf(render(d));
  EXPECT_GE(pdf.pages(), 3);  // two pages of answers at least, then the annex
  const std::string flat = pdf.flat();
  for (int i = 0; i < 80; ++i)
    EXPECT_NE(flat.find("Question numéro " + std::to_string(i) + " Réponse " + std::to_string(i) + " "),
              std::string::npos)
        << i;
}

TEST(SummaryPdf, FontsAreEmbeddedWithUnicodeMaps) {
  PdfFile pdf(render(sample()));
  std::istringstream lines(pdf.fonts());
  std::string line;
  int fonts = 0;
  while (std::getline(lines, line)) {
    if (line.find("DejaVu") == std::string::npos) continue;
    ++fonts;
    std::istringstream words(line);
    std::vector<std::string> columns;
    for (std::string w; words >> w;) columns.push_back(w);
    ASSERT_GE(columns.size(), 6u) << line;
    const size_t n = columns.size();  // ... emb sub uni object generation
    EXPECT_EQ(columns[n - 5], "yes") << "not embedded: " << line;
    EXPECT_EQ(columns[n - 3], "yes") << "no ToUnicode map: " << line;
  }
  EXPECT_GE(fonts, 2) << pdf.fonts();  // regular and bold
}

TEST(SummaryPdf, PostalAsksToSignAndSendUploadToDepositAndConfirm) {
  auto d = sample();
  PdfFile postal(render(d));
  d.final_mode = "upload";
  PdfFile upload(render(d));
  const std::string p = postal.flat(), u = upload.flat();

  EXPECT_NE(p.find("Imprimez ce récapitulatif, vérifiez-le, datez-le, signez-le et envoyez-le "
                   "avec les pièces justificatives listées en annexe au service gestionnaire "
                   "avant le 24 novembre 2024."),
            std::string::npos)
      << p;
  EXPECT_NE(p.find("Date et signature du candidat :"), std::string::npos);
  EXPECT_EQ(p.find("Déposez"), std::string::npos);

  EXPECT_NE(u.find("Déposez les pièces justificatives listées en annexe dans votre espace "
                   "candidat (https://candidats.ac-poitiers.fr), puis confirmez « J'ai fourni "
                   "toutes mes pièces » avant le 24 novembre 2024."),
            std::string::npos)
      << u;
  EXPECT_EQ(u.find("signez"), std::string::npos);
  EXPECT_EQ(u.find("Date et signature"), std::string::npos);

  for (const std::string* text : {&p, &u})
    EXPECT_NE(text->find("Conservez ce document"), std::string::npos);
}

TEST(SummaryPdf, PostalModePrintsWhereToSendTheFile) {
  auto d = sample();
  d.postal_address = {"Rectorat de l'académie de Poitiers", "Division des examens et concours (DEC)",
                      "22 rue Guillaume VII le Troubadour", "BP 625", "86022 Poitiers Cedex"};
  PdfFile postal(render(d));
  const std::string text = postal.text();
  EXPECT_NE(postal.flat().find("listées en annexe par courrier avant le 24 novembre 2024, à l'adresse suivante :"),
            std::string::npos)
      << postal.flat();
  // One line each, in order.
  size_t at = 0;
  for (const auto& line : d.postal_address) {
    size_t found = text.find(line, at);
    ASSERT_NE(found, std::string::npos) << line << "\n" << text;
    at = found + line.size();
  }
  d.final_mode = "upload";
  EXPECT_EQ(PdfFile(render(d)).flat().find("Guillaume VII"), std::string::npos);  // upload: no address
}

TEST(SummaryPdf, WithoutADeadlineNoDateIsPromised) {
  auto d = sample();
  d.final_deadline.clear();
  PdfFile postal(render(d));
  EXPECT_NE(postal.flat().find("au service gestionnaire."), std::string::npos) << postal.flat();
  EXPECT_EQ(postal.flat().find("avant le"), std::string::npos);
  d.final_mode = "upload";
  d.portal_url.clear();
  PdfFile upload(render(d));
  EXPECT_NE(upload.flat().find("dans votre espace candidat, puis confirmez"), std::string::npos)
      << upload.flat();
}

TEST(SummaryPdf, TheAnnexStartsOnANewPageAndListsEveryPiece) {
  const auto d = sample();
  PdfFile pdf(render(d));
  ASSERT_EQ(pdf.pages(), 2);
  EXPECT_EQ(pdf.page_text(1).find("Annexe"), std::string::npos);
  const std::string annex_page = flatten(pdf.page_text(2));
  EXPECT_TRUE(annex_page.starts_with("Annexe : pièces justificatives à fournir")) << annex_page;

  const std::string flat = pdf.flat();
  const size_t annex = flat.find("Annexe : pièces justificatives à fournir");
  ASSERT_NE(annex, std::string::npos);
  size_t previous = annex;
  for (const auto& piece : d.pieces) {
    const size_t at = flat.find(piece.label, annex);
    ASSERT_NE(at, std::string::npos) << piece.label;
    EXPECT_GT(at, previous) << piece.label << " out of order";
    previous = at;
    if (!piece.explanation.empty()) {
      EXPECT_NE(flat.find(piece.explanation, at), std::string::npos) << piece.explanation;
    }
  }
  EXPECT_EQ(flat.find("Aucune pièce"), std::string::npos);
}

TEST(SummaryPdf, NoPiecesSaysSo) {
  auto d = sample();
  d.pieces.clear();
  PdfFile pdf(render(d));
  EXPECT_EQ(pdf.pages(), 2);
  EXPECT_NE(flatten(pdf.page_text(2)).find("Aucune pièce justificative n'est demandée."),
            std::string::npos)
      << pdf.text();
}

TEST(SummaryPdf, FortyPiecesSpanSeveralPagesWithCorrectFooters) {
  auto d = sample();
  d.version = 3;
  d.pieces.clear();
  for (int i = 1; i <= 40; ++i) {
    const std::string n = (i < 10 ? "0" : "") + std::to_string(i);
    d.pieces.push_back({"Justificatif n° " + n + " : attestation",
                        "Explication " + n + " : une attestation récente, datée de moins de "
                        "trois mois, signée par l'organisme qui la délivre, lisible et "
                        "complète ; une copie suffit."});
  }
  PdfFile pdf(render(d));
  const int pages = pdf.pages();
  ASSERT_GE(pages, 3) << pdf.text();
  for (int page = 1; page <= pages; ++page)
    EXPECT_NE(pdf.page_text(page).find(footer(d, page, pages)), std::string::npos)
        << footer(d, page, pages) << "\n---\n" << pdf.page_text(page);
  EXPECT_EQ(pdf.text().find("page " + std::to_string(pages + 1) + "/"), std::string::npos);

  const std::string flat = pdf.flat();
  const size_t annex = flat.find("Annexe :");
  ASSERT_NE(annex, std::string::npos);
  size_t previous = annex;
  for (const auto& piece : d.pieces) {
    const size_t at = flat.find(piece.label, previous);
    ASSERT_NE(at, std::string::npos) << piece.label;
    previous = at;
  }
}

TEST(SummaryPdf, AHugeWordIsCutRatherThanOverflowingOrLooping) {
  auto d = sample();
  std::string word;
  while (word.size() < 300) word += "Hippopotomonstrosesquippedaliophobie";
  word.resize(300);
  std::string accented;
  while (accented.size() < 600) accented += "é";  // 300 characters, 600 bytes
  d.pieces = {{"Pièce " + word, "Voir " + word + " puis " + accented + " fin."}};
  d.address_lines = std::string(300, 'W');
  d.pole.email = word + "@ac-poitiers.fr";
  PdfFile pdf(render(d));
  const std::string compact = without_spaces(pdf.text());
  EXPECT_NE(compact.find(word), std::string::npos);
  EXPECT_NE(compact.find(accented), std::string::npos);
  EXPECT_NE(compact.find(std::string(300, 'W')), std::string::npos);
  // Cut, not clipped: no line of the layout text is wider than the page allows.
  std::istringstream lines(pdf.text());
  for (std::string line; std::getline(lines, line);)
    EXPECT_EQ(line.find(word), std::string::npos) << "uncut: " << line;
}

TEST(SummaryPdf, InvalidUtf8AndControlCharactersAreDrawnNotRefused) {
  auto d = sample();
  d.last_name = "Dupont\xff\xfe";
  d.birth_place = "Niort\t(79)\r";
  d.pieces = {{"Pièce\x01 bizarre", "Texte\xC3"}};
  PdfFile pdf(render(d));
  const std::string flat = pdf.flat();
  EXPECT_NE(flat.find("Dupont"), std::string::npos);
  EXPECT_NE(flat.find("Niort (79)"), std::string::npos) << flat;
  EXPECT_NE(flat.find("Pièce bizarre"), std::string::npos) << flat;
}

TEST(SummaryPdf, AnUnknownFinalModeIsAnError) {
  auto d = sample();
  d.final_mode = "pigeon";
  auto pdf = render_summary_pdf(d);
  ASSERT_FALSE(pdf.ok());
  EXPECT_EQ(pdf.error().code, ErrorCode::pdf_error);
  EXPECT_NE(pdf.error().message.find("pigeon"), std::string::npos);
}

TEST(SummaryPdf, RendersFromFourThreadsAtOnce) {
  constexpr int kThreads = 4, kEach = 5;
  std::vector<std::vector<std::string>> results(kThreads);
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([t, &results, &failures] {
      auto d = sample();
      d.first_name = "Élodie-" + std::to_string(t);
      for (int k = 0; k < 20 * t; ++k) d.pieces.push_back({"Pièce " + std::to_string(k), "À fournir."});
      for (int k = 0; k < kEach; ++k) {
        auto pdf = render_summary_pdf(d);
        if (!pdf.ok() || !pdf->starts_with("%PDF-")) {
          ++failures;
          continue;
        }
        results[t].push_back(std::move(*pdf));
      }
    });
  }
  for (auto& thread : threads) thread.join();
  ASSERT_EQ(failures.load(), 0);
  for (int t = 0; t < kThreads; ++t) {
    ASSERT_EQ(results[t].size(), static_cast<size_t>(kEach));
    PdfFile first(results[t].front());
    const std::string text = first.text();
    EXPECT_NE(flatten(text).find("Prénom Élodie-" + std::to_string(t)), std::string::npos);
    for (const auto& bytes : results[t]) EXPECT_EQ(PdfFile(bytes).text(), text);
  }
}

}  // namespace
}  // namespace guichet::documents
