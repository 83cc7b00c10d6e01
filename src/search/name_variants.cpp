// The variant tables as data: one line per group, canonical spelling first. Spellings are ASCII
// folds (what fold_to_ascii gives), so "józef" is listed as "jozef"; original-script entries
// (Arabic) are as written. Kept to well-known variants: a wrong entry here makes two different
// names agree, which costs more than a missing one.
#include "search/name_variants.h"

#include <algorithm>

namespace haven::search {
namespace {

// Diminutives and pet forms, by language of origin (a name keeps its group whichever country
// registers it).
constexpr std::string_view kDiminutives[] = {
    // Russian, Ukrainian (Latin spellings of each convention; the transliterator gives the rest)
    "aleksandr alexander aleksander alexandr oleksandr olexandr sasha sascha sasza sasa shura "
    "aleksandras aleks alex olek oles",
    "aleksandra alexandra oleksandra sasha sascha sasza sasa ola",
    "ekaterina yekaterina jekaterina katerina kateryna katya katja katia katyusha",
    "mikhail michail mihail mihhail mikhailo mykhailo misha mischa misza",
    "dmitriy dmitrij dmitri dmitrii dmytro dima",
    "ivan iwan vanya wanja vania",
    "anastasiya anastasia anastasija nastya nastja nastia",
    "mariya maria marija masha mascha masza",
    "natalya natalia natalja nataliya natalija natasha natascha natasza",
    "tatyana tatiana tatjana tetiana tetyana tanya tanja tania",
    "svetlana swetlana sveta sweta",
    "vladimir wladimir volodymyr volodya wolodja vova wowa",
    "nikolay nikolai nikolaj mykola kolya kolja",
    "yevgeniy evgeniy jevgenij evgenij yevhen jewgeni zhenya schenja zenja",
    "aleksey aleksei alexei alexej aleksej oleksiy oleksii alyosha ljoscha lyosha",
    "pavel pawel pavlo pasha pascha pasza",
    "konstantin kostya kostja kostia",
    "sergey sergei sergej serhiy serhii seryozha serjoscha",
    "elena jelena yelena olena lena",
    "yuliya yulia julija julia iuliia yuliia yulya",
    "anna anya anja ania",
    // Polish
    "katarzyna kasia kaska",
    "malgorzata gosia malgosia",
    "aleksandra ola",
    "magdalena magda",
    "agnieszka aga",
    "wojciech wojtek",
    "jakub kuba",
    "grzegorz grzesiek",
    "tomasz tomek",
    "zofia zosia",
    "jozef jozek",
    "stanislaw stas stasiek",
    "bartlomiej bartek",
    "joanna asia",
    "barbara basia",
    "krzysztof krzys",
    // German
    "johannes hannes",
    "katharina kathi",
    "elisabeth elisabet lisbeth liesel",
    "maximilian maxi",
    "friedrich fritz",
    "margarete margarethe margrethe margareta grete gretel greta",
    "franziska franzi",
    "christian kristian krystian",
    "christoph christopher kristoffer krzysztof",
    // Nordic and Finnish
    "kristina christina kristin stina",
    "katarina katrine kathrine catharina katariina kaisa",
    "johanna hanne",
    "ingeborg inge",
    // Icelandic
    "gudmundur gummi",
    "sigurdur siggi",
    "kristin stina",
    "johann joi",
    // Baltic
    "janis jancis",
    "jonas jonukas",
};

// Arabic-origin names: Latin spellings from Arabic, Persian, Turkish and Somali practice, and
// the name in Arabic script.
constexpr std::string_view kArabicOrigin[] = {
    "muhammad mohammed mohamad mohamed muhammed mohammad mohamud mahamed maxamed mohd muhamed "
    "muhamad mohammud mehmet mehmed mukhammad magomed mouhamed mhd محمد",
    "ahmad ahmed ahmet achmed axmed ahmat أحمد احمد",
    "ali aly cali alee علي علی",
    "hassan hasan hassen xasan hasaan حسن",
    "hussein hussain husain houssein hossein husein hussen xuseen huseyin husayn hosein حسين حسین",
    "omar umar omer cumar oumar عمر",
    "yusuf yousef youssef yousif yosef jusuf yousuf yussuf yusef yousof يوسف",
    "ibrahim ebrahim brahim ibraahim ibrahiim إبراهيم ابراهيم",
    "khalid khaled chaled haled xaalid khalit خالد",
    "abdullah abdallah abdulla abdalla abdellah abdullahi abdulahi cabdullaahi abdollah عبدالله",
    "mahmoud mahmud mahmood maxamuud mahmut mohamud محمود",
    "mustafa moustafa mostafa mustapha mustafe مصطفى مصطفی",
    "karim kareem kerim كريم",
    "ziad ziyad zeyad زياد",
    "fares faris فارس",
    "ammar amar عمار",
    "abdirahman abdurahman abdirahmaan cabdiraxmaan abdulrahman abdelrahman abderrahman "
    "abdurrahman abdalrahman",
    "abdikadir abdiqadir abdulkadir abdulqadir cabdiqaadir abdelkader",
    "abdiaziz abdiasis abdulaziz cabdicasiis abdelaziz",
    "abdirahim abdirehim cabdiraxiim abdulrahim abderrahim",
    "abdirashid abdirashiid cabdirashiid abdulrashid",
    "abdisalam abdisalaam cabdisalaam abdulsalam abdessalam",
    "abdinasir abdinaser cabdinaasir abdulnasser abdelnasser",
    "abdifatah abdifattah cabdifataax abdulfattah",
    "abdiwali cabdiwali",
    "abdi abdy cabdi",
    "ismail ismaail ismael esmail ismaaciil اسماعيل",
    "osman othman uthman usman cismaan عثمان",
    "fatima fatimah fatma fatuma faadumo fadumo fatemeh fatime فاطمة فاطمه",
    "aisha aysha aischa ayesha aicha caasha caisha ayse عائشة",
    "maryam mariam meryem mariyam maryan مريم",
    "khadija khadijah hadija xadiijo kadija khadidja خديجة",
    "zainab zaynab zeinab zeynep زينب",
    "amina aminah ameena aamina آمنة امینه",
    "hamza hamzah hamsa حمزة",
    "yasmin yasmine yasmeen jasmin ياسمين",
    "layla leila leyla laila lejla ليلى",
    "nur noor nour nuur نور",
    "huda houda hoda هدى",
    "reza riza raza رضا",
    "alireza alirza علیرضا",
    "mahdi mehdi mehdy مهدی مهدي",
    "murtaza mortaza morteza مرتضی",
    "sayed sayid seyed sayyid said سید",
    "javad jawad جواد",
    "navid naveed nawid نوید",
    "rahmatullah rahmatulla رحمت‌الله",
    "omid omeed umid امید",
    "zahra zahraa zehra زهرا",
    "masoumeh masuma masooma معصومه",
    "hawa xawa hawo xaawo حواء",
    "khalil khaleel xaliil خليل",
    "saleh salih saalax صالح",
    "hodan xodan",
    "sahra saxra",
    "hamdi xamdi",
};

constexpr std::string_view kArticles[] = {"al", "el", "ul"};

void split_words(std::string_view line, std::vector<std::string_view>& out) {
  out.clear();
  size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && line[i] == ' ') ++i;
    const size_t start = i;
    while (i < line.size() && line[i] != ' ') ++i;
    if (i > start) out.push_back(line.substr(start, i - start));
  }
}

bool is_ascii_vowel(char c) {
  return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

}  // namespace

const NameVariants& NameVariants::instance() {
  static const NameVariants variants;
  return variants;
}

NameVariants::NameVariants() {
  std::vector<std::string_view> words;
  auto add_groups = [&](std::span<const std::string_view> lines, bool arabic) {
    for (std::string_view line : lines) {
      split_words(line, words);
      if (words.empty()) continue;
      const auto id = static_cast<uint16_t>(names_.size());
      names_.emplace_back(words.front());
      arabic_.push_back(arabic);
      for (std::string_view w : words) {
        auto& ids = by_spelling_[std::string(w)];
        if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
      }
    }
  };
  add_groups(kDiminutives, false);
  add_groups(kArabicOrigin, true);
}

std::span<const uint16_t> NameVariants::groups(std::string_view spelling) const {
  const auto it = by_spelling_.find(std::string(spelling));
  if (it == by_spelling_.end()) return {};
  return it->second;
}

std::optional<std::string> somali_respelling(std::string_view w) {
  if (w.size() < 3) return std::nullopt;
  const bool has_x = w.find('x') != std::string_view::npos;
  const bool has_c = w.find('c') != std::string_view::npos;
  if (!has_x && !has_c) return std::nullopt;
  std::string out;
  out.reserve(w.size());
  for (size_t i = 0; i < w.size(); ++i) {
    const char ch = w[i];
    const char next = i + 1 < w.size() ? w[i + 1] : '\0';
    if (ch == 'c') {
      // ʕ: at the start before a vowel, or between letters where no Latin "c" sound fits.
      if (next == 'h' || next == 'k' || next == 'z') return std::nullopt;  // ch, ck, cz: not Somali
      continue;
    }
    if (ch == 'x') {
      out += 'h';
      continue;
    }
    if (is_ascii_vowel(ch) && !out.empty() && out.back() == ch) continue;  // aa → a
    out += ch;
  }
  if (out.size() < 2 || out == w) return std::nullopt;
  const bool doubled_vowel =
      w.find("aa") != std::string_view::npos || w.find("ii") != std::string_view::npos ||
      w.find("uu") != std::string_view::npos || w.find("oo") != std::string_view::npos;
  if (doubled_vowel || !NameVariants::instance().groups(out).empty()) return out;
  return std::nullopt;
}

std::optional<std::string> without_arabic_article(std::string_view w) {
  for (std::string_view article : kArticles) {
    if (w.size() > article.size() + 2 && w.substr(0, article.size()) == article) {
      std::string rest(w.substr(article.size()));
      if (!NameVariants::instance().groups(rest).empty()) return rest;
    }
  }
  return std::nullopt;
}

}  // namespace haven::search
