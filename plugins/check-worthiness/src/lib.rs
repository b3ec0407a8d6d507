//! An isnad plugin that scores how check-worthy each claim is, from features of its content.
//!
//! Fact-checkers triage claims by what can be verified: a number, a quantity, a comparison or a
//! change ("rose to 12%", "ارتفع بنسبة 12 بالمئة"), a date, a named actor. Hedges ("ربما",
//! "may"), opinions and norms ("نعتقد", "should") and predictions ("سوف", "will") make a claim
//! harder or impossible to check. The score is a logistic of a weighted sum of those features:
//!
//! ```text
//! score = 1 / (1 + exp(-(bias + Σ weight_f · strength_f)))     strength = 2·(1 − 0.5^count)
//! ```
//!
//! so a second number counts half as much as the first, and so on (a table of figures is not ten
//! times as check-worthy as one figure). Weights, bias and threshold are configurable; the
//! defaults are hand-set, not trained.
//!
//! Output, per claim, in [`Claim::ext`](isnad_plugin::isnad_core::Claim::ext):
//! `check_worthiness` (0..1, three decimals), `check_worthy` (score ≥ threshold) and, with
//! `explain`, `check_worthiness_features` (the features that fired, in a fixed order).
//!
//! Language knowledge lives in `data/ar.tsv` and `data/en.tsv` (phrase, feature), compiled once
//! into one Aho-Corasick automaton over folded text. Named entities: in English, capitalised
//! words inside the content (not sentence-initial); in Arabic, which has no capitals, words that
//! name an actor by its kind (وزارة، رئيس، الأمم المتحدة); in both, mentions and timexes that an
//! earlier stage found inside the content (read when present).
#![deny(missing_docs)]

use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use isnad_plugin::isnad_core::{Document, Lang, Span};
use isnad_plugin::serde_json::{self, json};
use isnad_plugin::{BoxError, Plugin, PluginInfo};
use schemars::JsonSchema;
use serde::Deserialize;

/// The features, in the order they are reported.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Feature {
    /// Digits (any script) or number words.
    Number,
    /// Percentages, currencies, units, rates.
    Quantity,
    /// Comparisons, superlatives, changes.
    Comparison,
    /// Dates and times: month names, years, relative days, timexes.
    Time,
    /// Named actors: capitalised names, actors named by kind, mentions.
    Entity,
    /// Hedges: the speaker does not commit to the content.
    Hedge,
    /// Opinions, norms, wishes.
    Opinion,
    /// Predictions and intentions.
    Future,
}

const FEATURES: [Feature; 8] = [
    Feature::Number,
    Feature::Quantity,
    Feature::Comparison,
    Feature::Time,
    Feature::Entity,
    Feature::Hedge,
    Feature::Opinion,
    Feature::Future,
];

impl Feature {
    /// The name used in data files and output.
    pub fn name(self) -> &'static str {
        match self {
            Feature::Number => "number",
            Feature::Quantity => "quantity",
            Feature::Comparison => "comparison",
            Feature::Time => "time",
            Feature::Entity => "entity",
            Feature::Hedge => "hedge",
            Feature::Opinion => "opinion",
            Feature::Future => "future",
        }
    }

    fn from_name(name: &str) -> Option<Feature> {
        FEATURES.into_iter().find(|f| f.name() == name)
    }
}

/// Weight of each feature in the sum (positive: more check-worthy).
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct Weights {
    /// Digits or number words ("12", "١٢", "million", "مليون").
    pub number: f64,
    /// Percentages, currencies, units ("%", "بالمئة", "dollars").
    pub quantity: f64,
    /// Comparisons and changes ("more than", "ارتفع", "أعلى").
    pub comparison: f64,
    /// Dates (month names, years, "yesterday", timexes inside the content).
    pub time: f64,
    /// Named actors (capitalised names, "وزارة", mentions inside the content).
    pub entity: f64,
    /// Hedges ("may", "ربما"): usually negative.
    pub hedge: f64,
    /// Opinions and norms ("we believe", "يجب"): usually negative.
    pub opinion: f64,
    /// Predictions ("will", "سوف"): usually negative.
    pub future: f64,
}

impl Default for Weights {
    fn default() -> Self {
        Weights {
            number: 1.5,
            quantity: 1.0,
            comparison: 1.0,
            time: 0.6,
            entity: 0.6,
            hedge: -1.2,
            opinion: -1.0,
            future: -0.6,
        }
    }
}

impl Weights {
    fn get(&self, f: Feature) -> f64 {
        match f {
            Feature::Number => self.number,
            Feature::Quantity => self.quantity,
            Feature::Comparison => self.comparison,
            Feature::Time => self.time,
            Feature::Entity => self.entity,
            Feature::Hedge => self.hedge,
            Feature::Opinion => self.opinion,
            Feature::Future => self.future,
        }
    }
}

/// Configuration of the `check-worthiness` plugin.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct CheckWorthinessConfig {
    /// Claims scoring at or above this (0..1) get `check_worthy: true`.
    pub threshold: f64,
    /// Added to the weighted sum: sets the score of a claim with no feature at all
    /// (the default, -1.5, gives 0.18).
    pub bias: f64,
    /// Weight of each feature.
    pub weights: Weights,
    /// Also write the features that fired into `check_worthiness_features`, so that a reader can
    /// see why a claim scored as it did.
    pub explain: bool,
}

impl Default for CheckWorthinessConfig {
    fn default() -> Self {
        CheckWorthinessConfig {
            threshold: 0.5,
            bias: -1.5,
            weights: Weights::default(),
            explain: true,
        }
    }
}

/// One lexicon entry.
#[derive(Clone, Debug)]
struct Entry {
    feature: Feature,
    /// When set, the original text must read exactly so ("May" the month vs "may" the hedge).
    exact: Option<String>,
}

/// The compiled lexicon of both languages.
struct Lexicon {
    automaton: AhoCorasick,
    /// The entries of each distinct folded pattern ("May" the month and "may" the hedge share one).
    entries: Vec<Vec<Entry>>,
}

fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(|| {
        let mut patterns: Vec<String> = Vec::new();
        let mut entries: Vec<Vec<Entry>> = Vec::new();
        for (file, data) in
            [("ar.tsv", include_str!("../data/ar.tsv")), ("en.tsv", include_str!("../data/en.tsv"))]
        {
            for (n, line) in data.lines().enumerate() {
                let line = line.trim_end();
                if line.is_empty() || line.starts_with('#') {
                    continue;
                }
                let mut cols = line.split('\t');
                let phrase = cols.next().unwrap_or_default();
                let feature = cols.next().and_then(Feature::from_name);
                let feature =
                    feature.unwrap_or_else(|| panic!("data/{file}:{}: unknown feature", n + 1));
                let exact = (cols.next() == Some("cs")).then(|| phrase.to_string());
                let folded = fold(phrase).0;
                let entry = Entry { feature, exact };
                match patterns.iter().position(|p| *p == folded) {
                    Some(i) => entries[i].push(entry),
                    None => {
                        patterns.push(folded);
                        entries.push(vec![entry]);
                    }
                }
            }
        }
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .kind(Some(AhoCorasickKind::DFA))
            .build(&patterns)
            .expect("the lexicon compiles");
        Lexicon { automaton, entries }
    })
}

/// Folds text for matching: Latin lower-cased, Arabic letter variants unified, diacritics and
/// tatweel dropped, Arabic-Indic and Persian digits made ASCII. Returns the folded text and, for
/// each of its bytes plus one past the end, the byte offset in `text` it came from.
pub fn fold(text: &str) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(text.len());
    let mut map = Vec::with_capacity(text.len() + 1);
    for (at, c) in text.char_indices() {
        let folded = match c {
            'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
            'ى' | 'ی' => 'ي',
            'ة' => 'ه',
            'ک' => 'ك',
            '\u{0640}' | '\u{064B}'..='\u{0652}' | '\u{0670}' => continue,
            '٠'..='٩' => char::from(b'0' + (c as u32 - '٠' as u32) as u8),
            '۰'..='۹' => char::from(b'0' + (c as u32 - '۰' as u32) as u8),
            c if c.is_ascii_uppercase() => c.to_ascii_lowercase(),
            c => c,
        };
        let before = out.len();
        out.push(folded);
        map.extend(std::iter::repeat_n(at, out.len() - before));
    }
    map.push(text.len());
    (out, map)
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '\u{0640}'
}

/// True when `prefix` (the letters glued before a match) is a chain of Arabic clitics:
/// و ف ب ل ك, optionally followed by the article ال (وال، بال، فبال، لل).
fn is_clitic_chain(prefix: &str) -> bool {
    let rest = prefix.trim_start_matches(['و', 'ف']);
    let rest = rest.strip_prefix(['ب', 'ل', 'ك']).unwrap_or(rest);
    let rest = rest.strip_prefix("ال").or_else(|| rest.strip_prefix('ل')).unwrap_or(rest);
    rest.is_empty() && prefix.chars().count() <= 4
}

/// What was found in one content span.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Counts {
    counts: [u32; FEATURES.len()],
}

impl Counts {
    /// How often a feature fired.
    pub fn get(&self, f: Feature) -> u32 {
        self.counts[FEATURES.iter().position(|&g| g == f).unwrap_or(0)]
    }

    fn add(&mut self, f: Feature) {
        if let Some(i) = FEATURES.iter().position(|&g| g == f) {
            self.counts[i] += 1;
        }
    }

    /// The features that fired, in a fixed order.
    pub fn fired(&self) -> Vec<&'static str> {
        FEATURES.iter().filter(|&&f| self.get(f) > 0).map(|f| f.name()).collect()
    }
}

/// Counts the features of `content` from its words alone.
pub fn features(content: &str) -> Counts {
    let mut counts = Counts::default();
    let (folded, map) = fold(content);
    let lex = lexicon();
    // Where month and day names start: capitalised, but not names of actors.
    let mut time_words = Vec::new();
    for m in lex.automaton.find_iter(&folded) {
        let (s, e) = (m.start(), m.end());
        if folded[e..].chars().next().is_some_and(is_word_char) {
            continue;
        }
        // Walk back over letters glued to the match: nothing, or an Arabic clitic chain.
        let glued_start = folded[..s]
            .char_indices()
            .rev()
            .take_while(|&(_, c)| is_word_char(c))
            .last()
            .map_or(s, |(i, _)| i);
        if glued_start < s && !is_clitic_chain(&folded[glued_start..s]) {
            continue;
        }
        for entry in &lex.entries[m.pattern().as_usize()] {
            match &entry.exact {
                Some(exact) if &content[map[s]..map[e]] != exact => {}
                _ => {
                    counts.add(entry.feature);
                    if entry.feature == Feature::Time {
                        time_words.push(map[s]);
                    }
                }
            }
        }
    }
    scan_numbers_and_names(content, &folded, &time_words, &mut counts);
    counts
}

/// Numbers (runs of digits), years, percent signs, and capitalised Latin names.
fn scan_numbers_and_names(content: &str, folded: &str, time_words: &[usize], counts: &mut Counts) {
    let bytes = folded.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_digit() {
            let start = i;
            while i < bytes.len()
                && (bytes[i].is_ascii_digit()
                    || (matches!(bytes[i], b'.' | b',')
                        && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)))
            {
                i += 1;
            }
            // Digits glued to a Latin letter name things, not amounts (G7, MH17, B52).
            if folded[..start].chars().next_back().is_some_and(|c| c.is_ascii_alphabetic()) {
                continue;
            }
            counts.add(Feature::Number);
            let run = &folded[start..i];
            let gregorian = run.starts_with("19") || run.starts_with("20");
            // A Hijri year is written with هـ after it ("1446هـ", "1446 هـ"; folded: ه).
            let hijri = (run.starts_with("13") || run.starts_with("14")) && {
                let rest = folded[i..].trim_start_matches(' ');
                rest.starts_with('ه')
                    && !rest['ه'.len_utf8()..].chars().next().is_some_and(is_word_char)
            };
            if run.len() == 4 && (gregorian || hijri) {
                counts.add(Feature::Time);
            }
            continue;
        }
        i += 1;
    }
    if folded.contains(['%', '٪']) {
        counts.add(Feature::Quantity);
    }
    // Arabic قد before an imperfect verb is "may" (قد يعود، قد يؤدي); before a perfect verb it
    // asserts (قد أصدرت). ي marks the imperfect unambiguously; ت and ن also begin perfect verbs
    // (تم، نفى), so those are left to the lexicon's explicit entries.
    let mut words = folded.split(|c: char| !is_word_char(c)).filter(|w| !w.is_empty()).peekable();
    while let Some(w) = words.next() {
        if matches!(w, "قد" | "وقد" | "فقد")
            && words.peek().is_some_and(|next| next.starts_with('ي'))
        {
            counts.add(Feature::Hedge);
        }
    }
    // Capitalised words that do not start a sentence: English names ("France", "Biden").
    let mut sentence_start = true;
    let is_sep = |c: char| {
        !(c.is_alphanumeric() || c == '\'' || c == '-' || c == '.' || c == '!' || c == '?')
    };
    let mut at = 0;
    for word in content.split(is_sep) {
        let start = at;
        at += word.len() + content[at + word.len()..].chars().next().map_or(0, char::len_utf8);
        if word.is_empty() {
            continue;
        }
        let first = word.chars().next().unwrap_or(' ');
        let is_time = time_words.contains(&start);
        if first.is_ascii_uppercase()
            && !sentence_start
            && !is_time
            && word != "I"
            && word.len() > 1
        {
            counts.add(Feature::Entity);
        }
        sentence_start = word.ends_with(['.', '!', '?']);
    }
}

/// The score for a set of features.
pub fn score(counts: &Counts, config: &CheckWorthinessConfig) -> f64 {
    let sum: f64 = FEATURES
        .iter()
        .map(|&f| {
            let n = counts.get(f) as f64;
            config.weights.get(f) * 2.0 * (1.0 - 0.5f64.powf(n))
        })
        .sum();
    1.0 / (1.0 + (-(config.bias + sum)).exp())
}

/// The plugin.
pub struct CheckWorthiness {
    config: CheckWorthinessConfig,
}

impl CheckWorthiness {
    fn content_counts(&self, doc: &Document, content: Span) -> Counts {
        let mut counts = features(doc.slice(content));
        for m in &doc.layers.mentions {
            if content.contains(m.span) {
                counts.add(Feature::Entity);
            }
        }
        for t in &doc.layers.timexes {
            if content.contains(t.span) {
                counts.add(Feature::Time);
            }
        }
        counts
    }
}

impl Plugin for CheckWorthiness {
    type Config = CheckWorthinessConfig;

    fn info() -> PluginInfo {
        PluginInfo::new("check-worthiness")
            .version(env!("CARGO_PKG_VERSION"))
            .description("scores each claim's check-worthiness (0..1) from numbers, comparisons, dates, names, hedges")
            .requires(["quotes"])
            .reads(["mentions", "timexes"])
            .provides(["check-worthiness"])
            .config_schema(serde_json::to_value(schemars::schema_for!(CheckWorthinessConfig)).unwrap_or_default())
    }

    fn new(config: CheckWorthinessConfig) -> Result<Self, BoxError> {
        if !(0.0..=1.0).contains(&config.threshold) {
            return Err(
                format!("threshold must be between 0 and 1, got {}", config.threshold).into()
            );
        }
        let w = &config.weights;
        let all = [
            config.bias,
            w.number,
            w.quantity,
            w.comparison,
            w.time,
            w.entity,
            w.hedge,
            w.opinion,
            w.future,
        ];
        if all.iter().any(|x| !x.is_finite()) {
            return Err("bias and weights must be finite numbers".into());
        }
        lexicon();
        Ok(CheckWorthiness { config })
    }

    fn process(&self, doc: &mut Document) -> Result<(), BoxError> {
        if matches!(doc.meta.lang, Some(Lang::Other(_))) {
            return Ok(());
        }
        let scored: Vec<(usize, Counts)> = doc
            .layers
            .claims
            .iter()
            .enumerate()
            .map(|(i, c)| (i, self.content_counts(doc, c.content)))
            .collect();
        for (i, counts) in scored {
            let s = score(&counts, &self.config);
            let ext = &mut doc.layers.claims[i].ext;
            ext.insert("check_worthiness".into(), json!((s * 1000.0).round() / 1000.0));
            ext.insert("check_worthy".into(), json!(s >= self.config.threshold));
            if self.config.explain {
                ext.insert("check_worthiness_features".into(), json!(counts.fired()));
            }
        }
        Ok(())
    }
}

isnad_plugin::export_stage!(CheckWorthiness);

#[cfg(test)]
mod tests {
    use super::*;

    fn s(text: &str) -> f64 {
        score(&features(text), &CheckWorthinessConfig::default())
    }

    #[test]
    fn folding_unifies_letters_and_digits() {
        let (folded, map) = fold("أعلى ١٢٪ Ministry");
        assert_eq!(folded, "اعلي 12٪ ministry");
        assert_eq!(map.len(), folded.len() + 1);
        assert_eq!(map[folded.find('1').unwrap()], "أعلى ".len());
    }

    #[test]
    fn arabic_features_with_clitics() {
        let f = features("وارتفعت الأسعار بنسبة ١٢ بالمئة مقارنة بالعام الماضي");
        assert_eq!(f.fired(), ["number", "quantity", "comparison", "time"]);
        // و+ال before an entry is a clitic chain; a word merely ending in an entry is not.
        assert_eq!(features("والحكومة").get(Feature::Entity), 1);
        assert_eq!(features("المجلسين").get(Feature::Entity), 0);
        assert_eq!(features("سيارتفع").get(Feature::Comparison), 0);
    }

    #[test]
    fn qad_with_an_imperfect_verb_hedges() {
        assert_eq!(features("روسيا قد يعود وفدها").get(Feature::Hedge), 1);
        assert_eq!(features("وقد يؤثر ذلك").get(Feature::Hedge), 1);
        assert_eq!(features("قد أصدرت بيانا").get(Feature::Hedge), 0);
    }

    #[test]
    fn hijri_years_are_dates() {
        assert_eq!(features("موسم الحج للعام 1446هـ").get(Feature::Time), 1);
        assert_eq!(features("موسم الحج للعام 1446 هـ").get(Feature::Time), 1);
        assert_eq!(features("رقم 1446 هنا").get(Feature::Time), 0);
    }

    #[test]
    fn identifiers_with_digits_are_not_numbers() {
        assert_eq!(features("مجموعة السبع (G7)").get(Feature::Number), 0);
        assert_eq!(features("flight MH17").get(Feature::Number), 0);
        // An Arabic clitic before a number does not make it an identifier.
        assert_eq!(features("مقارنة بـ9.8").get(Feature::Number), 1);
    }

    #[test]
    fn english_features() {
        let f = features("inflation rose to 12% in 2024, higher than in France");
        assert_eq!(f.fired(), ["number", "quantity", "comparison", "time", "entity"]);
        // Sentence-initial capitals are not names.
        assert_eq!(features("The talks went well.").get(Feature::Entity), 0);
    }

    #[test]
    fn may_is_a_month_or_a_hedge_by_case() {
        assert_eq!(features("prices may fall").get(Feature::Hedge), 1);
        assert_eq!(features("prices fell in May").get(Feature::Hedge), 0);
        assert_eq!(features("prices fell in May").get(Feature::Time), 1);
        // A month is a date, not a named actor.
        assert_eq!(features("prices fell in May").get(Feature::Entity), 0);
    }

    #[test]
    fn checkable_claims_outscore_hedged_opinions() {
        let checkable = s("البطالة ارتفعت إلى 9.5 في المئة في مارس");
        let opinion = s("نعتقد أنه ربما يجب التريث");
        let plain = s("الوضع جيد");
        assert!(checkable > 0.9, "{checkable}");
        assert!(opinion < 0.05, "{opinion}");
        assert!((plain - 0.182).abs() < 0.01, "{plain}");
        assert!(
            s("unemployment fell to 4 percent in March") > s("we believe things could improve")
        );
    }

    #[test]
    fn config_is_validated_and_weights_apply() {
        let bad = isnad_plugin::sdk::testing::build::<CheckWorthiness>(json!({ "threshold": 2 }));
        assert_eq!(bad.err().unwrap(), "threshold must be between 0 and 1, got 2");
        let typo = isnad_plugin::sdk::testing::build::<CheckWorthiness>(
            json!({ "weights": { "numbr": 1 } }),
        );
        assert!(typo.err().unwrap().contains("unknown field `numbr`"));
        let config: CheckWorthinessConfig =
            serde_json::from_value(json!({ "bias": 0.0, "weights": { "number": 0.0 } })).unwrap();
        assert_eq!(score(&features("12"), &config), 0.5);
    }
}
