//! The language knowledge of the stage, read from `data/` and compiled once into automata.
//!
//! Cue files list one verb a line with the forms it inflects from; the inflections are generated
//! here (Arabic: gender, number, present tense, the ḥāl participle; English: -s, -ed, -ing), so a
//! user extends the lexicon with one line per verb.

use isnad_core::{Act, Token, TokenKind};
use isnad_text::{Lexicon, LexiconError, data};
use rustc_hash::FxHashMap;

use crate::QuotesError;

/// What a reporting cue reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Class {
    /// A statement.
    Speech,
    /// An opinion, belief, intention or finding.
    Belief,
    /// A denial: what it reports is not asserted by anyone.
    Denial,
    /// A passive without an agent (أفيد، قيل): the speaker is unknown.
    Agentless,
}

/// The grammatical form a cue was found in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Form {
    /// Arabic past (قال، قالت).
    ArPast,
    /// Arabic present (يقول، تقول).
    ArPresent,
    /// Arabic ḥāl participle (قائلا، مشيرة): continues the speaker of the main clause.
    ArParticiple,
    /// English base form (say).
    EnBase,
    /// English third person singular (says).
    En3sg,
    /// English past or past participle (said).
    EnPast,
    /// English -ing form (saying).
    EnIng,
}

impl Form {
    /// An Arabic form.
    pub(crate) fn is_arabic(self) -> bool {
        matches!(self, Form::ArPast | Form::ArPresent | Form::ArParticiple)
    }
}

/// What follows an English cue.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Frame {
    /// A that-clause, a quotation or a reporting clause.
    Clause,
    /// A noun phrase or clause as object.
    Object,
    /// A hearer and then a clause.
    Tell,
    /// Only a that-clause, a colon or a quotation, or a place after the content.
    That,
    /// Only with "about"/"of"/"on" and a topic right after it.
    About,
    /// A verb of seeming ("seemed to soften", "appears doomed"): its subject is part of what
    /// seems, and nobody is named as perceiving it.
    Raising,
    /// Arabic: a noun phrase object, also after the preposition ب glued to it ("أفاد بنشوب",
    /// "طالب بالإفراج"), as well as a clause.
    ObjectBi,
    /// Arabic: relaying a source named after عن ("نقلت الصحيفة عن مصادر أن"): the source speaks,
    /// the subject is the outlet.
    Relay,
    /// Arabic: rejecting, in the sense of denying, only: the object names a report or claim
    /// ("رفض الاتهامات", "رفض هذه الادعاءات", "رفض ما وصفه بـ"); never a clause ("رفض أن يعلق" is
    /// "refused to comment") nor a verbal noun ("رفض الكشف عن").
    Reject,
    /// Arabic: a warning, whose object follows من after the subject and its circumstances
    /// ("وحذرت النقابات، في بيان، من موجة تسريح").
    Warning,
}

/// A cue entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Cue {
    pub class: Class,
    /// What a claim with this cue reports (the output's `act`).
    pub act: Act,
    pub form: Form,
    pub frame: Frame,
    /// The form is also a common noun ("reports", "plan").
    pub noun: bool,
    /// With a particle after it, another verb ("called in", "called off").
    pub phrasal: bool,
    /// What follows may be a question ("asked whether").
    pub question: bool,
    /// "of"/"for" after its object states a charge or a reason ("accused X of …").
    pub charge: bool,
    /// Its object followed by "as" is a view held: "voters see the wall as a waste".
    pub regard: bool,
    /// Arabic: a verb of stressing, whose object may be headed by an evaluation noun ("أكد أهمية
    /// الشراكة"); pointing at one ("أشار إلى أهمية …") names a topic.
    pub stress: bool,
    /// Arabic: the preposition before what is reported, whatever its head, after the subject,
    /// an addressee and circumstances: a call ("دعا الحكومة إلى …", "طالب بـ …"), an
    /// announcement ("أعلن عن خطة").
    pub call: Option<CallPrep>,
    /// Arabic: a verb of condemning (أدان، استنكر): its object names an act, and a definite one
    /// may follow a definite subject («أدانت الجمعية الوطنية الاعتداء»), which no adjective of the
    /// subject can be when it is a verbal noun or an event noun.
    pub condemn: bool,
}

/// The preposition that introduces what a call asks for, or what an announcement makes known.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum CallPrep {
    /// إلى: "دعا الأطراف إلى وقف إطلاق النار".
    Ila,
    /// على: "حث المواطنين على ترشيد الاستهلاك".
    Ala,
    /// ب glued to the noun: "طالب الحكومة بعرض خطة".
    Bi,
    /// عن: "أعلن الوزير الأسبوع الماضي عن خطة".
    An,
    /// No preposition: a charge of blame, "حمّل X Y مسؤولية Z", reports whom it blames and for
    /// what, from the object before «مسؤولية» on.
    Blame,
}

/// Roles of function words, as bits of [`Tag::roles`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Role {
    Comp,
    Prep,
    Nominal,
    Stop,
    Rel,
    Aux,
    Qad,
    Author,
    Pronoun,
    Media,
    NameHead,
    Det,
    Bound,
    After,
    AttribPrep,
    Particle,
    TextOf,
    Time,
    Clause,
    Aside,
    Reports,
    Verb,
    Intro,
    NonSource,
    Dated,
    DateWord,
    NotRelative,
    Naming,
    Subordinator,
    VerbalNoun,
    Demonstrative,
    Hearer,
    NotContent,
    Question,
    Contrast,
    TitlePrep,
    Spend,
    NounLy,
    Finite,
    TextIn,
    Any,
    Manner,
    Impersonal,
    Survey,
    ReportAdverb,
    Label,
    SourceLink,
    ContentNoun,
    GovernsNoun,
    Evaluation,
    Partitive,
    Addressee,
    /// Arabic: a proverb or saying (المثل، الحكمة) as the subject of a verb of saying.
    Saying,
    /// English: a preposition that gives what a hearer was told of ("told of the delay",
    /// "warned about the cuts"): a topic, not a statement.
    ToldOf,
    /// English: a word that negates the verb it stands before ("has not said", "didn't say").
    Negation,
    /// Arabic: a hand or head with ب right after a verb: a gesture («أشار بيده»), no speech.
    Gesture,
    /// Arabic: على with a pronoun right after a bare كتب: an inscription («لافتات كتب عليها»).
    Surface,
    /// Arabic: a force of nature or the light of day («الشمس»، «الأمطار»، «الرياح») as the
    /// subject right after a verb of saying: what it shows or brings is no speech («كشفت شمس
    /// الصباح حجم الأضرار»).
    Nature,
    /// English: a preposition that opens where, when or how long someone spoke ("testified
    /// before the panel", "testified for three hours", "reported from Washington"), not what
    /// was said.
    Setting,
    /// Arabic: «مما», or a pronoun or demonstrative before «ما» («وهو ما»، «وهذا ما»): a relative
    /// that stands for a fact, the subject of the verb right after it («وهو ما يؤكد أن …»):
    /// the author's inference, no speech.
    Fact,
    /// Arabic: a noun naming an act or event («الهجوم»، «القصف»، «القرار»): what a verb of
    /// condemning condemns (flag `condemn` of `ar-cues.tsv`).
    Event,
    /// English: a cue form that also discloses a company's or an agency's results ("reported"):
    /// with a result noun as its object, figures disclosed, no statement.
    ResultVerb,
    /// English: a noun of results or of their change ("profit", "loss", "revenue", "fall",
    /// "rise"): "reported a 31% fall in profit".
    Result,
    /// English: a verb that also sums ("added EC$1.2 million to the budget"): with a figure and
    /// "to" after it, an amount added, no statement.
    SumVerb,
}

impl Role {
    pub fn bit(self) -> u64 {
        1 << (self as u64)
    }

    fn parse(s: &str) -> Option<Role> {
        Some(match s {
            "comp" => Role::Comp,
            "prep" => Role::Prep,
            "nominal" => Role::Nominal,
            "stop" => Role::Stop,
            "rel" => Role::Rel,
            "aux" => Role::Aux,
            "qad" => Role::Qad,
            "author" => Role::Author,
            "pronoun" | "pron" => Role::Pronoun,
            "det" => Role::Det,
            "bound" => Role::Bound,
            "after" => Role::After,
            "prep-attrib" => Role::AttribPrep,
            "particle" => Role::Particle,
            "text-of" => Role::TextOf,
            "time" => Role::Time,
            "clause" => Role::Clause,
            "aside" => Role::Aside,
            "reports" => Role::Reports,
            "verb" => Role::Verb,
            "intro" => Role::Intro,
            "non-source" => Role::NonSource,
            "dated" => Role::Dated,
            "date-word" => Role::DateWord,
            "not-relative" => Role::NotRelative,
            "naming" => Role::Naming,
            "subordinator" => Role::Subordinator,
            "demonstrative" => Role::Demonstrative,
            "hearer" => Role::Hearer,
            "not-content" => Role::NotContent,
            "question" => Role::Question,
            "contrast" => Role::Contrast,
            "role-prep" => Role::TitlePrep,
            "spend" => Role::Spend,
            "noun-ly" => Role::NounLy,
            "finite" => Role::Finite,
            "text-in" => Role::TextIn,
            "any" => Role::Any,
            "manner" => Role::Manner,
            "impersonal" => Role::Impersonal,
            "survey" => Role::Survey,
            "report-adverb" => Role::ReportAdverb,
            "label" => Role::Label,
            "source-link" => Role::SourceLink,
            "content-noun" => Role::ContentNoun,
            "governs-noun" => Role::GovernsNoun,
            "evaluation" => Role::Evaluation,
            "partitive" => Role::Partitive,
            "addressee" => Role::Addressee,
            "saying" => Role::Saying,
            "told-of" => Role::ToldOf,
            "negation" => Role::Negation,
            "gesture" => Role::Gesture,
            "surface" => Role::Surface,
            "nature" => Role::Nature,
            "setting" => Role::Setting,
            "fact" => Role::Fact,
            "event" => Role::Event,
            "result-verb" => Role::ResultVerb,
            "result" => Role::Result,
            "sum-verb" => Role::SumVerb,
            _ => return None,
        })
    }
}

/// What the lexicons say about one token.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Tag {
    /// Bits of [`Role`].
    pub roles: u64,
    /// The cue starting at this token.
    pub cue: Option<Cue>,
    /// Last token of the longest lexicon entry starting here (multi-word entries).
    pub last: u32,
    /// Byte length of the clitic prefix chain of the cue or function word matched here.
    pub prefix: u8,
}

/// What the lexicons say of one folded word: its cue reading and its function-word roles.
#[derive(Debug, Clone, Copy, Default)]
struct WordEntry {
    cue: Option<Cue>,
    roles: u64,
}

/// The compiled lexicons of one language.
pub(crate) struct LangLex {
    /// Every single-word cue form and function word, looked up token by token: one hash lookup
    /// per candidate stem answers both questions (this runs for every word of every document).
    words: FxHashMap<String, WordEntry>,
    /// The multi-word function entries ("من جانبه", "according to"), scanned in the folded text.
    phrases: Option<Lexicon<u64>>,
    /// The multi-word cues ("make clear", "point out"), keyed by each form of their verb: only a
    /// token that is one of these forms looks at the words after it.
    multi: FxHashMap<String, Vec<MultiCue>>,
}

/// A cue written as a word sequence: a verb, then words that must follow it in order, some of
/// them optional ("made it clear", "made clear").
#[derive(Debug, Clone)]
struct MultiCue {
    /// The folded words after the verb; `true` marks one that may be left out.
    tail: Vec<(String, bool)>,
    cue: Cue,
}

impl MultiCue {
    /// The last token of this cue when its verb is token `i`, if the words after it match.
    /// Optional words are taken when present (there is one optional word at most in a row, so
    /// trying it first never needs a second pass).
    fn matches(&self, folded: &str, toks: &[Token], i: usize) -> Option<usize> {
        let mut at = i;
        for (word, optional) in &self.tail {
            let next = toks.get(at + 1).filter(|t| t.kind == TokenKind::Word);
            let w = next.map(|t| &folded[t.norm.0 as usize..t.norm.1 as usize]);
            if w == Some(word.as_str()) {
                at += 1;
            } else if !optional {
                return None;
            }
        }
        (at > i).then_some(at)
    }
}

/// Folds lexicon forms into one word index; the first reading of a form wins, as in [`Lexicon`].
fn word_index(
    cues: Vec<(String, Cue)>,
    function: Vec<(String, u64)>,
    file: &str,
) -> Result<FxHashMap<String, WordEntry>, QuotesError> {
    let mut words: FxHashMap<String, WordEntry> = FxHashMap::default();
    for (surface, cue) in cues {
        let key = isnad_text::fold(&surface);
        if key.is_empty() {
            return Err(lex_err(file)(LexiconError::EmptyEntry(surface)));
        }
        let e = words.entry(key).or_default();
        e.cue = e.cue.or(Some(cue));
    }
    for (key, bits) in function {
        if key.is_empty() {
            return Err(lex_err(file)(LexiconError::EmptyEntry(key)));
        }
        // (multi-word entries are matched by the phrase automaton, never token by token)
        if !key.contains(' ') {
            let e = words.entry(key).or_default();
            if e.roles == 0 {
                e.roles = bits;
            }
        }
    }
    Ok(words)
}

/// All compiled lexicons.
pub(crate) struct Lexicons {
    pub ar: LangLex,
    pub en: LangLex,
}

const AR_CUES: &str = include_str!("../data/ar-cues.tsv");
const AR_FUNCTION: &str = include_str!("../data/ar-function.tsv");
const AR_MEDIA: &str = include_str!("../data/ar-media.tsv");
const AR_NAMES: &str = include_str!("../data/ar-names.tsv");
const AR_VERBAL_NOUNS: &str = include_str!("../data/ar-verbal-nouns.tsv");
const EN_CUES: &str = include_str!("../data/en-cues.tsv");
const EN_FUNCTION: &str = include_str!("../data/en-function.tsv");
const EN_MEDIA: &str = include_str!("../data/en-media.tsv");

fn data_err(file: &str, line: usize, msg: impl Into<String>) -> QuotesError {
    QuotesError::Data { file: file.to_string(), line, message: msg.into() }
}

fn lex_err(file: &str) -> impl Fn(LexiconError) -> QuotesError + '_ {
    move |e| data_err(file, 0, e.to_string())
}

/// The class column of a cue file: how the rules treat the cue, and the act it reports. An
/// opinion said as such (اعتبر، رأى) is speech, read with the rules of beliefs; a belief,
/// intention or perception is a state of mind the article ascribes.
fn class(s: &str, file: &str, line: usize) -> Result<(Class, Act), QuotesError> {
    Ok(match s {
        "speech" => (Class::Speech, Act::Speech),
        "opinion" => (Class::Belief, Act::Speech),
        "belief" => (Class::Belief, Act::Belief),
        "intention" => (Class::Belief, Act::Intention),
        "perception" => (Class::Belief, Act::Perception),
        "denial" => (Class::Denial, Act::Speech),
        "agentless" => (Class::Agentless, Act::Speech),
        other => return Err(data_err(file, line, format!("unknown class '{other}'"))),
    })
}

/// The Arabic forms generated from one line of `ar-cues.tsv`.
fn arabic_forms(
    past: &str,
    present: &str,
    part: &str,
    extra: &str,
    (class, act): (Class, Act),
) -> Vec<(String, Cue)> {
    let mut out = Vec::new();
    let cue = |form| Cue {
        class,
        act,
        form,
        frame: Frame::Clause,
        noun: false,
        phrasal: false,
        question: false,
        charge: false,
        regard: false,
        stress: false,
        call: None,
        condemn: false,
    };
    if past != "-" {
        let stem = past.strip_suffix(['ى', 'ا']).unwrap_or(past);
        out.push((past.to_string(), cue(Form::ArPast)));
        for suffix in ["ت", "وا", "تا"] {
            out.push((format!("{stem}{suffix}"), cue(Form::ArPast)));
        }
        out.push((format!("{past}ا"), cue(Form::ArPast)));
    }
    if present != "-" {
        out.push((present.to_string(), cue(Form::ArPresent)));
        if let Some(rest) = present.strip_prefix('ي') {
            out.push((format!("ت{rest}"), cue(Form::ArPresent)));
        }
        for suffix in ["ون", "ان"] {
            out.push((format!("{present}{suffix}"), cue(Form::ArPresent)));
        }
    }
    if part != "-" {
        for suffix in ["ا", "ة", "ين", "ات"] {
            out.push((format!("{part}{suffix}"), cue(Form::ArParticiple)));
        }
    }
    for form in extra.split(',').map(str::trim).filter(|f| !f.is_empty()) {
        let kind = if form.starts_with(['ي', 'ت']) && !form.ends_with('ت') {
            Form::ArPresent
        } else if form.ends_with(['ا', 'ة']) && (form.starts_with('م') || form.starts_with(part))
        {
            Form::ArParticiple
        } else {
            Form::ArPast
        };
        out.push((form.to_string(), cue(kind)));
    }
    out
}

/// The Arabic cues of `ar-cues.tsv`: each line's forms with its class, frame and flags.
fn arabic_cues() -> Result<Vec<(String, Cue)>, QuotesError> {
    let mut ar_cues = Vec::new();
    for (line, f) in data::lines(AR_CUES) {
        if f.len() < 4 {
            return Err(data_err("ar-cues.tsv", line, "expected past, present, participle, class"));
        }
        let class = class(f[3], "ar-cues.tsv", line)?;
        let start = ar_cues.len();
        ar_cues.extend(arabic_forms(f[0], f[1], f[2], f.get(4).copied().unwrap_or(""), class));
        // "np": a noun phrase object is what is reported ("أكد حرص الدولة", "نفى الأنباء").
        let frame = match f.get(5).copied().unwrap_or("") {
            "" => None,
            "np" => Some(Frame::Object),
            "np-ب" => Some(Frame::ObjectBi),
            "relay" => Some(Frame::Relay),
            "reject" => Some(Frame::Reject),
            "np-من" => Some(Frame::Warning),
            other => {
                return Err(data_err("ar-cues.tsv", line, format!("unknown frame '{other}'")));
            }
        };
        let (mut stress, mut call, mut condemn) = (false, None, false);
        for flag in f.get(6).copied().unwrap_or("").split(',').map(str::trim) {
            match flag {
                "" => {}
                "stress" => stress = true,
                "condemn" => condemn = true,
                "call-إلى" => call = Some(CallPrep::Ila),
                "call-على" => call = Some(CallPrep::Ala),
                "call-ب" => call = Some(CallPrep::Bi),
                "call-عن" => call = Some(CallPrep::An),
                "blame" => call = Some(CallPrep::Blame),
                other => {
                    return Err(data_err("ar-cues.tsv", line, format!("unknown flag '{other}'")));
                }
            }
        }
        for (_, c) in &mut ar_cues[start..] {
            c.frame = frame.unwrap_or(c.frame);
            c.stress = stress;
            c.call = call;
            c.condemn = condemn;
        }
    }
    Ok(ar_cues)
}

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u')
}

/// The English forms of a lemma: base, 3sg, past, past participle, -ing.
fn english_forms(lemma: &str, irregular: &str) -> [String; 5] {
    let given: Vec<&str> = irregular.split(',').map(str::trim).collect();
    let pick = |i: usize, rule: String| match given.get(i) {
        Some(&f) if !f.is_empty() && f != "-" => f.to_string(),
        _ => rule,
    };
    let last = lemma.chars().last().unwrap_or('a');
    let before_last = lemma.chars().rev().nth(1).unwrap_or('a');
    let s3 = if lemma.ends_with(['s', 'x', 'z']) || lemma.ends_with("ch") || lemma.ends_with("sh") {
        format!("{lemma}es")
    } else if last == 'y' && !is_vowel(before_last) {
        format!("{}ies", &lemma[..lemma.len() - 1])
    } else {
        format!("{lemma}s")
    };
    let past = if last == 'e' {
        format!("{lemma}d")
    } else if last == 'y' && !is_vowel(before_last) {
        format!("{}ied", &lemma[..lemma.len() - 1])
    } else {
        format!("{lemma}ed")
    };
    let ing = if last == 'e' && !lemma.ends_with("ee") {
        format!("{}ing", &lemma[..lemma.len() - 1])
    } else {
        format!("{lemma}ing")
    };
    [lemma.to_string(), pick(0, s3), pick(1, past.clone()), pick(2, past), pick(3, ing)]
}

#[allow(clippy::type_complexity)]
fn function_lexicon(
    sources: &[(&str, &str)],
) -> Result<(Vec<(String, u64)>, Option<Lexicon<u64>>), QuotesError> {
    // Several roles may share one form: merge their bits before building (`index`: where each
    // form is in `merged`, which keeps the files' order).
    let mut merged: Vec<(String, u64)> = Vec::new();
    let mut index: FxHashMap<String, usize> = FxHashMap::default();
    for &(file, text) in sources {
        for (line, f) in data::lines(text) {
            let role = match f.get(1) {
                Some(r) => Role::parse(r)
                    .ok_or_else(|| data_err(file, line, format!("unknown role '{r}'")))?,
                None if file.ends_with("media.tsv") => Role::Media,
                None if file.ends_with("names.tsv") => Role::NameHead,
                None if file.ends_with("verbal-nouns.tsv") => Role::VerbalNoun,
                None => return Err(data_err(file, line, "missing role column")),
            };
            let key = isnad_text::fold(f[0]);
            // A verbal noun may carry a possessive pronoun ("قلقها", "قدرتها"): each form is
            // listed (ة is written ت before the pronoun).
            let mut keys = vec![key];
            if matches!(role, Role::VerbalNoun | Role::NotContent) {
                let base = keys[0].strip_suffix('ه').map_or(keys[0].clone(), |b| format!("{b}ت"));
                keys.extend(crate::arabic::POSSESSIVES.iter().map(|p| format!("{base}{p}")));
            }
            for key in keys {
                match index.get(&key) {
                    Some(&at) => merged[at].1 |= role.bit(),
                    None => {
                        index.insert(key.clone(), merged.len());
                        merged.push((key, role.bit()));
                    }
                }
            }
        }
    }
    let phrases: Vec<(String, u64)> =
        merged.iter().filter(|(k, _)| k.contains(' ')).cloned().collect();
    let phrases = if phrases.is_empty() {
        None
    } else {
        Some(Lexicon::new(phrases).map_err(lex_err(sources[0].0))?)
    };
    Ok((merged, phrases))
}

impl Lexicons {
    /// Loads and compiles every data file.
    pub fn load() -> Result<Lexicons, QuotesError> {
        let ar_cues = arabic_cues()?;
        let mut en_cues = Vec::new();
        let mut en_multi: FxHashMap<String, Vec<MultiCue>> = FxHashMap::default();
        for (line, f) in data::lines(EN_CUES) {
            if f.len() < 3 {
                return Err(data_err("en-cues.tsv", line, "expected lemma, class, frame"));
            }
            let (class, act) = class(f[1], "en-cues.tsv", line)?;
            let frame = match f[2] {
                "clause" => Frame::Clause,
                "object" => Frame::Object,
                "tell" => Frame::Tell,
                "that" => Frame::That,
                "about" => Frame::About,
                "raising" => Frame::Raising,
                other => {
                    return Err(data_err("en-cues.tsv", line, format!("unknown frame '{other}'")));
                }
            };
            // "make (it) clear": the verb, then the words after it; "(it)" may be left out.
            let mut words = f[0].split(' ').filter(|w| !w.is_empty());
            let lemma = words.next().unwrap_or("");
            let tail: Vec<(String, bool)> = words
                .map(|w| match w.strip_prefix('(').and_then(|w| w.strip_suffix(')')) {
                    Some(w) => (isnad_text::fold(w), true),
                    None => (isnad_text::fold(w), false),
                })
                .collect();
            if tail.iter().filter(|(_, optional)| *optional).count() > 1
                || tail.iter().all(|(_, optional)| *optional) && !tail.is_empty()
            {
                return Err(data_err(
                    "en-cues.tsv",
                    line,
                    "a multi-word cue needs a word that must follow its verb and one optional word at most",
                ));
            }
            let forms = english_forms(lemma, f.get(3).copied().unwrap_or(""));
            let kinds = [Form::EnBase, Form::En3sg, Form::EnPast, Form::EnPast, Form::EnIng];
            let flag = |name: &str| {
                f.get(4).is_some_and(|flags| flags.split(',').any(|x| x.trim() == name))
            };
            let (noun, phrasal) = (flag("noun"), flag("phrasal"));
            let (question, charge, regard) = (flag("question"), flag("charge"), flag("as"));
            if let Some(bad) = f.get(4).and_then(|flags| {
                flags.split(',').map(str::trim).find(|x| {
                    !x.is_empty()
                        && !matches!(*x, "noun" | "phrasal" | "question" | "charge" | "as")
                })
            }) {
                return Err(data_err("en-cues.tsv", line, format!("unknown flag '{bad}'")));
            }
            // "read": a base form spelt as the past is read as the past, the form news writes
            // ("“…,” the sign read", "a banner that read"), which is a verb after punctuation
            // and a relative pronoun, where the bare form would be a noun or an imperative.
            let past = forms.get(2).cloned();
            for (form, kind) in forms.into_iter().zip(kinds) {
                if kind == Form::EnBase && past.as_deref() == Some(form.as_str()) {
                    continue;
                }
                if form != "!" {
                    // (only the base and -s forms double as nouns: "the report", "reports")
                    let noun = noun && matches!(kind, Form::EnBase | Form::En3sg);
                    let cue = Cue {
                        class,
                        act,
                        form: kind,
                        frame,
                        noun,
                        phrasal,
                        question,
                        charge,
                        regard,
                        stress: false,
                        call: None,
                        condemn: false,
                    };
                    if tail.is_empty() {
                        en_cues.push((form, cue));
                    } else {
                        let tail = tail.clone();
                        en_multi
                            .entry(isnad_text::fold(&form))
                            .or_default()
                            .push(MultiCue { tail, cue });
                    }
                }
            }
        }
        let (ar_function, ar_phrases) = function_lexicon(&[
            ("ar-function.tsv", AR_FUNCTION),
            ("ar-media.tsv", AR_MEDIA),
            ("ar-names.tsv", AR_NAMES),
            ("ar-verbal-nouns.tsv", AR_VERBAL_NOUNS),
        ])?;
        let (en_function, en_phrases) =
            function_lexicon(&[("en-function.tsv", EN_FUNCTION), ("en-media.tsv", EN_MEDIA)])?;
        Ok(Lexicons {
            ar: LangLex {
                words: word_index(ar_cues, ar_function, "ar-cues.tsv")?,
                phrases: ar_phrases,
                multi: FxHashMap::default(),
            },
            en: LangLex {
                words: word_index(en_cues, en_function, "en-cues.tsv")?,
                phrases: en_phrases,
                multi: en_multi,
            },
        })
    }

    /// Tags every token of a document with the lexicon of its language.
    ///
    /// Single words are looked up token by token in the lexicons' hash index, whole and then
    /// without each clitic prefix chain the token may carry (و، ف، ب، ل، ال …): a scan of the
    /// folded text would report every short function word (في، من، أن) inside every longer
    /// word. Only the multi-word entries are scanned, with the aho-corasick automaton.
    /// `text` is the original text: a word spelled with «آ» is no complementiser
    /// (`arabic/madda.rs`), which its folded form cannot tell.
    pub fn tag(&self, english: bool, folded: &str, text: &str, toks: &[Token]) -> Vec<Tag> {
        let lex = if english { &self.en } else { &self.ar };
        let mut tags: Vec<Tag> =
            (0..toks.len()).map(|i| Tag { last: i as u32, ..Tag::default() }).collect();
        for (i, t) in toks.iter().enumerate() {
            if t.kind != TokenKind::Word {
                continue;
            }
            let w = &folded[t.norm.0 as usize..t.norm.1 as usize];
            if t.clitic_max == 0 {
                // No clitic to cut (every English word): the whole word is the only stem.
                if let Some(entry) = lex.words.get(w) {
                    tags[i].cue = entry.cue;
                    tags[i].roles = if english {
                        entry.roles
                    } else {
                        crate::arabic::madda::without_madda_comp(entry.roles, t, text)
                    };
                }
                // The longest multi-word cue on this verb replaces its single-word reading
                // ("pointed out", "made it clear").
                let longest = lex.multi.get(w).and_then(|cues| {
                    cues.iter()
                        .filter_map(|c| Some((c.matches(folded, toks, i)?, c.cue)))
                        .max_by_key(|&(last, _)| last)
                });
                if let Some((last, cue)) = longest {
                    tags[i].cue = Some(cue);
                    tags[i].last = last as u32;
                }
                continue;
            }
            let mut cue_done = false;
            let mut fn_done = false;
            for (p, _) in w.char_indices().take_while(|&(p, _)| p <= t.clitic_max as usize) {
                let (prefix, rest) = w.split_at(p);
                if p > 0 && !isnad_text::is_clitic_chain(prefix) {
                    continue;
                }
                let Some(entry) = lex.words.get(rest) else { continue };
                if !cue_done && let Some(cue) = &entry.cue {
                    let ok = match cue.form {
                        Form::ArPast | Form::ArParticiple => matches!(prefix, "" | "و" | "ف"),
                        Form::ArPresent => {
                            matches!(prefix, "" | "و" | "ف" | "س" | "وس" | "فس" | "ل" | "ول")
                        }
                        _ => prefix.is_empty(),
                    };
                    if ok {
                        tags[i].cue = Some(*cue);
                        tags[i].prefix = p as u8;
                        cue_done = true;
                    }
                }
                if !fn_done {
                    let bits = crate::arabic::madda::without_madda_comp(
                        filter_prefix(entry.roles, prefix),
                        t,
                        text,
                    );
                    if bits != 0 {
                        tags[i].roles |= bits;
                        if !cue_done {
                            tags[i].prefix = p as u8;
                        }
                        fn_done = true;
                    }
                }
                if cue_done && fn_done {
                    break;
                }
            }
        }
        if let Some(phrases) = &lex.phrases {
            let first_at = |start: usize| toks.partition_point(|t| (t.norm.0 as usize) < start);
            let last_before =
                |end: usize| toks.partition_point(|t| (t.norm.0 as usize) < end).saturating_sub(1);
            for m in phrases.find_iter(folded) {
                let i = first_at(m.start);
                if i >= toks.len() || toks[i].norm.0 as usize != m.start {
                    continue;
                }
                let bits = filter_prefix(*m.value, m.prefix(folded));
                if bits == 0 {
                    continue;
                }
                let t = &mut tags[i];
                t.roles |= bits;
                t.last = t.last.max(last_before(m.end).max(i) as u32);
            }
        }
        tags
    }
}

impl LangLex {
    /// The cue reading of a single folded word form, if it has one.
    pub fn cue_of(&self, form: &str) -> Option<Cue> {
        self.words.get(form).and_then(|e| e.cue)
    }

    /// The act a cue phrase reports (for scoring gold claims by act): that of its first word
    /// that is a cue (whole, or for Arabic after a conjunction or future prefix: "وأكد",
    /// "سيقول"), else speech when it holds an attribution preposition ("according to", بحسب).
    /// `None` for a cue whose act depends on what follows it ("criticized", "asked").
    pub fn phrase_act(&self, phrase: &str) -> Option<Act> {
        let folded = isnad_text::fold(phrase);
        let words = folded.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '-');
        for word in words.clone().filter(|w| !w.is_empty()) {
            // "made it clear": a multi-word cue whose required words are all in the phrase.
            let present = |t: &(String, bool)| t.1 || folded.split(' ').any(|w| w == t.0);
            let multi = self
                .multi
                .get(word)
                .and_then(|cues| cues.iter().find(|c| c.tail.iter().all(present)).map(|c| c.cue));
            let stems = word
                .char_indices()
                .take(4)
                .map(|(p, _)| word.split_at(p))
                .filter(|(prefix, _)| prefix.is_empty() || isnad_text::is_clitic_chain(prefix));
            for (_, stem) in stems {
                if let Some(cue) = multi.or_else(|| self.words.get(stem).and_then(|e| e.cue)) {
                    // ("criticized the plan" is a topic, "criticized the plan as reckless"
                    // speech: the word alone does not say. An Arabic noun phrase object is
                    // what is reported: "أكد حرص الدولة".)
                    let depends = !cue.form.is_arabic()
                        && cue.act == Act::Speech
                        && (matches!(cue.frame, Frame::Object | Frame::About) || cue.question);
                    return (!depends).then_some(cue.act);
                }
            }
        }
        let attrib = Role::AttribPrep.bit();
        let single = words
            .filter(|w| !w.is_empty())
            .any(|w| self.words.get(w).is_some_and(|e| e.roles & attrib != 0));
        let phrase = self
            .phrases
            .as_ref()
            .is_some_and(|p| p.find_iter(&folded).any(|m| m.value & attrib != 0));
        (single || phrase).then_some(Act::Speech)
    }
}

/// Function words stand alone; only nouns (media, names) and attribution prepositions take
/// clitics, and a conjunction may open an author's-voice phrase, a relative pronoun, كان, a
/// circumstance (وفي، وخلال) or a new clause.
fn filter_prefix(bits: u64, prefix: &str) -> u64 {
    if prefix.is_empty() {
        return bits;
    }
    let conj = matches!(prefix, "و" | "ف");
    let keep = Role::Media.bit()
        | Role::NameHead.bit()
        | Role::VerbalNoun.bit()
        | Role::Evaluation.bit()
        | Role::Event.bit()
        | Role::Hearer.bit()
        | Role::Reports.bit()
        | Role::NonSource.bit()
        | Role::Dated.bit()
        | Role::AttribPrep.bit()
        | if conj {
            Role::Author.bit()
                | Role::Rel.bit()
                | Role::Aux.bit()
                | Role::Stop.bit()
                | Role::Clause.bit()
                | Role::Comp.bit()
                | Role::Demonstrative.bit()
                | Role::TextIn.bit()
                | Role::Manner.bit()
                | Role::Any.bit()
                | Role::Impersonal.bit()
                | Role::GovernsNoun.bit()
                | Role::Fact.bit()
        } else {
            0
        };
    bits & keep
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arabic_inflections() {
        let forms: Vec<String> =
            arabic_forms("قال", "يقول", "قائل", "", (Class::Speech, Act::Speech))
                .into_iter()
                .map(|(f, _)| f)
                .collect();
        for f in ["قال", "قالت", "قالوا", "قالا", "يقول", "تقول", "يقولون", "قائلا", "قائلة"]
        {
            assert!(forms.iter().any(|g| g == f), "{f} missing from {forms:?}");
        }
        let forms: Vec<String> = arabic_forms("نفى", "ينفي", "-", "", (Class::Denial, Act::Speech))
            .into_iter()
            .map(|(f, _)| f)
            .collect();
        assert!(forms.iter().any(|g| g == "نفت"), "{forms:?}");
    }

    #[test]
    fn english_inflections() {
        assert_eq!(
            english_forms("note", ""),
            ["note", "notes", "noted", "noted", "noting"].map(String::from)
        );
        assert_eq!(
            english_forms("deny", ""),
            ["deny", "denies", "denied", "denied", "denying"].map(String::from)
        );
        assert_eq!(english_forms("say", "says,said,said,saying")[2], "said");
        assert_eq!(english_forms("stress", "")[1], "stresses");
        assert_eq!(english_forms("agree", "")[4], "agreeing");
    }

    #[test]
    fn phrases_are_classed_by_their_cue() {
        let lex = Lexicons::load().unwrap();
        assert_eq!(lex.en.phrase_act("has said"), Some(Act::Speech));
        assert_eq!(lex.en.phrase_act("according to"), Some(Act::Speech));
        assert_eq!(lex.en.phrase_act("is expected"), Some(Act::Belief));
        assert_eq!(lex.en.phrase_act("plans"), Some(Act::Intention));
        assert_eq!(lex.en.phrase_act("found"), Some(Act::Perception));
        assert_eq!(lex.en.phrase_act("made it clear"), Some(Act::Speech));
        assert_eq!(lex.en.phrase_act("pointed out"), Some(Act::Speech));
        assert_eq!(lex.en.phrase_act(":"), None);
        assert_eq!(lex.en.phrase_act("statement"), None);
        assert_eq!(lex.en.phrase_act("criticized"), None, "a topic or a statement");
        assert_eq!(lex.en.phrase_act("was asked"), None);
        assert_eq!(lex.ar.phrase_act("وأكد"), Some(Act::Speech));
        assert_eq!(lex.ar.phrase_act("يعتقد"), Some(Act::Belief));
        assert_eq!(lex.ar.phrase_act("بحسب"), Some(Act::Speech));
    }

    #[test]
    fn data_files_load() {
        let lex = Lexicons::load().unwrap();
        assert!(lex.ar.words.values().filter(|w| w.cue.is_some()).count() > 200);
        assert!(lex.en.words.values().filter(|w| w.cue.is_some()).count() > 300);
    }
}
