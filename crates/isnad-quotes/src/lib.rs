//! Quote attribution: who said what, through which outlet, in Arabic and English news.
//!
//! The `quotes` stage reads the tokens, sentences and paragraphs of the `segment` stage and adds
//! [`isnad_core::Claim`]s: direct quotations (the speaker's words in marks), indirect speech (a cue
//! and a complementiser: قال إنّ، أكد أنّ، "said that"), and mixed speech (indirect with quoted words
//! inside), each with its cue, content, speaker mention (or `implicit` when the subject is not
//! written), medium, block and a confidence. It also adds a [`isnad_core::Mention`] for each
//! speaker mention and implicit subject, for the speaker linker.
//!
//! # Why rules over tokens
//! Attribution in news follows a small number of constructions that are rules of each language
//! (verb-first reporting clauses with أنّ in Arabic, reporting clauses before or after the content
//! in English). Reading those constructions off tagged tokens is fast (one pass, no allocation per
//! token), explainable (every claim names its cue), and holds on unseen articles because nothing
//! in it is keyed to a particular text. The language knowledge (cue verbs and their inflections,
//! complementisers, prepositions, media nouns, the author's-voice phrases) lives in `data/`,
//! compiled once into aho-corasick automata by [`isnad_text::Lexicon`].
//!
//! # What is not a claim
//! Quoted names of outlets and organisations and scare quotes are too short to be speech or follow
//! a naming noun (`min-quote-words`); headlines are skipped (`skip-headings`); the author's own
//! voice (يُذكر أن، والجدير بالذكر) is listed in the data; what a denial reports is not asserted,
//! so reports nested inside a denied statement are dropped.
//!
//! # Pipeline
//! ```toml
//! [[stage]]
//! use = "segment"
//!
//! [[stage]]
//! use = "quotes"
//! min-quote-words = 3   # shorter quoted stretches are names or scare quotes
//! acts = ["speech", "belief", "intention", "perception", "topic"]   # every attribution
//! ```
//!
//! # Acts
//! Each claim has an [`Act`]: `speech` (said, told, confirmed, denied, according to, قال، نفى)
//! or a state of mind the article ascribes: `belief` (thinks, expects, يعتقد), `intention`
//! (plans to, wants, refused) or `perception` (found, shows, knows); or speech reported by its
//! topic alone, with nothing said in it: `topic` (talked about the economy, criticized the plan,
//! asked whether …). The cue files class every cue; the English rules tell a topic from a
//! statement by what follows the cue. The rules read every cue whatever `acts` says, and the claims of the other acts are
//! dropped at the end: which speech claims come out never depends on the setting.
//!
//! # Data files (`data/`)
//! - `ar-cues.tsv`, `en-cues.tsv`: reporting verbs, one lemma a line; inflections are generated
//!   (Arabic gender/number/present/ḥāl participle, English -s/-ed/-ing) and classed as speech,
//!   opinion (said as such: اعتبر، رأى), belief, intention, perception, denial or agentless.
//! - `ar-function.tsv`, `en-function.tsv`: complementisers, prepositions of a cue's frame,
//!   speaker-phrase stops, relative pronouns, كان/قد, attribution prepositions (بحسب، according
//!   to), the author's-voice phrases, time words, clause openers; the nouns of rules and plans
//!   that make وفق/حسب a manner adverbial (`non-source`), the dating participles and day words a
//!   source after بحسب ends before (`dated`, `date-word`), the words that make ما a negation
//!   (`not-relative`); English finite verbs and sentence-adverbial openers that locate the
//!   subject a participle, an infinitive or a coordinated verb shares (`verb`, `intro`), time
//!   adverbials between a subject and its verb (`time`), naming participles (`naming`).
//! - `ar-media.tsv`, `en-media.tsv`, `ar-names.tsv`: media nouns (medium spans) and heads of
//!   organisation names (quoted names after them are not quotations).
//!
//! Architecture invariant: the stage never changes `text` and never reads outside the layers it
//! `requires`; every span it writes is checked against the text. Every rule looks at a bounded
//! window of tokens (a sentence, a paragraph, a quotation of at most `max-quote-bytes`), so the
//! stage is linear in the length of the document.
#![deny(missing_docs)]

mod arabic;
mod draft;
mod english;
mod lexicon;
mod marks;
mod view;

use std::path::Path;

use isnad_core::{
    Act, Claim, Document, Lang, Layer, Mention, MentionKind, Span, Speaker, Stage, StageError,
};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::draft::Draft;
use crate::lexicon::{Class, Lexicons, Role};
use crate::view::View;

/// Why the quote stage could not be built.
#[derive(Debug, Error)]
pub enum QuotesError {
    /// A built-in data file is malformed (a bug in the data, reported with its line).
    #[error("data/{file}:{line}: {message}")]
    Data {
        /// The data file.
        file: String,
        /// 1-based line (0 when the whole file is at fault).
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// The stage's settings contradict each other.
    #[error("quotes: {0}")]
    Config(String),
}

/// What to do with a claim reported inside the content of another one ("he said she told him
/// that …").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Nested {
    /// Keep nested claims in Arabic (its gold annotates them); drop them in English, where the
    /// reference corpora annotate each token for one attribution only.
    #[default]
    Auto,
    /// Keep every nested claim.
    Keep,
    /// Drop every nested claim.
    Drop,
}

/// Configuration of the `quotes` stage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct QuotesConfig {
    /// Fewest words a quotation needs to be taken as speech. Shorter quoted stretches are names
    /// ("الناتو", "Fox News") or scare quotes; they still make an indirect claim `mixed`.
    pub min_quote_words: usize,
    /// The acts to output: `speech` (said, told, denied, according to) and any of `belief`
    /// (thinks, expects), `intention` (plans to, wants), `perception` (found, shows) and `topic`
    /// (talked about, criticized the plan, asked whether), which attribution corpora such as
    /// PolNeAR count too. Default: speech only.
    #[schemars(with = "Vec<ActName>")]
    pub acts: Vec<Act>,
    /// Deprecated, replaced by `acts`: `beliefs = true` is every act, `beliefs = false` is
    /// `acts = ["speech", "topic"]`. Not together with `acts`.
    pub beliefs: Option<bool>,
    /// Skip lines the segment stage marks as headings: a headline is the outlet's summary, not
    /// a statement made in the article. (A title "Name: statement" whose name speaks in the
    /// article is still read, as that speaker's claim: `english/headline.rs`.)
    pub skip_headings: bool,
    /// Longest quotation in bytes. A quotation whose closing mark is missing ends with its
    /// paragraph; this bounds even that, so a stray mark never swallows a page.
    pub max_quote_bytes: usize,
    /// Longest sentence looked at, in tokens. A longer one (a page without punctuation, a list
    /// run together) is read as consecutive windows of this many tokens, so the work per cue
    /// stays bounded; news sentences are far shorter.
    pub max_sentence_tokens: usize,
    /// Longest claim content in bytes: a longer one is cut at the last token that fits. With
    /// `nesting-depth` this bounds the output of a document by a small multiple of its text.
    pub max_content_bytes: usize,
    /// Claims reported inside the content of another claim.
    pub nested: Nested,
    /// Deepest nesting kept where nested claims are kept: 1 keeps claims inside no other, 2 also
    /// those inside one ("قال إن الوزير أكد أن …"), and so on. Deeper ones are dropped, so that a
    /// chain of reporting clauses cannot repeat the text once per level.
    pub nesting_depth: usize,
    /// Add a `mentions` entry for each speaker mention and implicit subject, for the speaker
    /// linker.
    pub mentions: bool,
}

impl Default for QuotesConfig {
    fn default() -> Self {
        QuotesConfig {
            min_quote_words: 3,
            acts: vec![Act::Speech],
            beliefs: None,
            skip_headings: true,
            max_quote_bytes: 6000,
            max_sentence_tokens: 400,
            max_content_bytes: 6000,
            nested: Nested::Auto,
            nesting_depth: 3,
            mentions: true,
        }
    }
}

/// The name of an [`Act`] in a pipeline file (for the settings' schema: `isnad-core` knows no
/// schemas).
#[derive(JsonSchema)]
#[serde(rename_all = "lowercase")]
#[allow(dead_code)]
enum ActName {
    /// said, told, announced, confirmed, denied, according to, قال، أكد، نفى
    Speech,
    /// thinks, believes, expects, fears, يعتقد
    Belief,
    /// plans to, wants, intends, decided, refused
    Intention,
    /// found, shows, knows, learned
    Perception,
    /// talked about, discussed, criticized the plan, asked whether
    Topic,
}

impl QuotesConfig {
    /// The acts to output, from `acts` or the deprecated `beliefs`.
    pub fn effective_acts(&self) -> Result<Vec<Act>, QuotesError> {
        let default_acts = self.acts == [Act::Speech];
        match self.beliefs {
            Some(_) if !default_acts => Err(QuotesError::Config(
                "`beliefs` and `acts` both set: keep only `acts` (`beliefs = true` is acts = \
                 [\"speech\", \"belief\", \"intention\", \"perception\", \"topic\"])"
                    .into(),
            )),
            Some(true) => Ok(Act::ALL.to_vec()),
            Some(false) => Ok(vec![Act::Speech, Act::Topic]),
            None if self.acts.is_empty() => {
                Err(QuotesError::Config("`acts` is empty: name at least one act".into()))
            }
            None => Ok(self.acts.clone()),
        }
    }
}

/// The quote attribution stage.
pub struct QuotesStage {
    config: QuotesConfig,
    lex: Lexicons,
    /// The acts to output ([`QuotesConfig::effective_acts`]).
    acts: Vec<Act>,
}

const REQUIRES: &[Layer] = &[Layer::Normalized, Layer::Sentences, Layer::Tokens];
const PROVIDES_ALL: &[Layer] = &[Layer::Quotes, Layer::Mentions];
const PROVIDES_QUOTES: &[Layer] = &[Layer::Quotes];

impl QuotesStage {
    /// Builds the stage: compiles the lexicons of `data/` once. `_base_dir` is unused: the stage
    /// reads no user files.
    pub fn new(config: QuotesConfig, _base_dir: &Path) -> Result<QuotesStage, QuotesError> {
        let acts = config.effective_acts()?;
        Ok(QuotesStage { config, lex: Lexicons::load()?, acts })
    }

    /// The stage's configuration.
    pub fn config(&self) -> &QuotesConfig {
        &self.config
    }

    /// The act a cue phrase of language `lang` reports, as the cue lexicon classes it: that of its
    /// first cue word ("has said": speech, "is expected": belief), speech for an attribution
    /// preposition ("according to", بحسب), `None` when no word is a cue (":", "statement"), when
    /// the act depends on what follows the cue ("criticized the plan" is a topic, "criticized
    /// the plan as reckless" speech) or when the language is neither Arabic nor English. Scoring
    /// uses it to class gold claims.
    pub fn cue_act(&self, lang: &Lang, phrase: &str) -> Option<Act> {
        match lang {
            Lang::Ar => self.lex.ar.phrase_act(phrase),
            Lang::En => self.lex.en.phrase_act(phrase),
            _ => None,
        }
    }

    fn claims(
        &self,
        doc: &Document,
        english: bool,
    ) -> Result<(Vec<Claim>, Vec<Mention>), StageError> {
        let Some(v) = View::new(doc, &self.lex, english, &self.config) else {
            let missing = if doc.layers.normalized.is_none() { "normalized" } else { "sentences" };
            return Err(StageError::MissingLayer(missing.into()));
        };
        let mut drafts =
            if english { english::find(&v, &self.config) } else { arabic::find(&v, &self.config) };
        for d in &mut drafts {
            d.content.1 = capped_end(&v, d.content, self.config.max_content_bytes);
        }
        let keep_nested = match self.config.nested {
            Nested::Auto => !english,
            Nested::Keep => true,
            Nested::Drop => false,
        };
        // What a question asks is no report either: "Asked what he would tell voters …".
        let holds = |d: &Draft| {
            self.acts.contains(&act_of(&v, d, english)) || english && english::asks(&v, d)
        };
        let mut drafts = settle(&v, drafts, keep_nested, self.config.nesting_depth, holds);
        drafts.retain(|d| self.acts.contains(&act_of(&v, d, english)));
        let mut claims = Vec::with_capacity(drafts.len());
        let mut mentions = Vec::new();
        for (n, d) in drafts.iter().enumerate() {
            let (cs, ce) = v.bytes(d.cue.0, d.cue.1);
            let cue = doc.span(cs, ce)?;
            let content = doc.span(d.content.0, d.content.1)?;
            let mention = match d.speaker {
                Some((a, b)) => {
                    let (s, e) = v.bytes(a, b);
                    Some(doc.span(s, e)?)
                }
                None => None,
            };
            // A medium that is the speaker itself ("ذكر التقرير") is no separate channel.
            let medium = match d.medium {
                Some((s, e)) if mention.is_none_or(|m| e <= m.start() || s >= m.end()) => {
                    Some(doc.span(s, e)?)
                }
                _ => None,
            };
            if self.config.mentions {
                if let (Some(span), Some((a, _))) = (mention, d.speaker) {
                    mentions.push(Mention { span, kind: mention_kind(&v, a, span), entity: None });
                } else if d.implicit {
                    mentions.push(Mention { span: cue, kind: MentionKind::Implicit, entity: None });
                }
            }
            claims.push(Claim {
                id: format!("c{}", n + 1),
                kind: d.kind,
                act: act_of(&v, d, english),
                cue,
                content,
                speaker: Speaker { mention, implicit: d.implicit, entity: None, name: None },
                medium,
                block: d.block,
                confidence: d.confidence,
                date: None,
                ext: Default::default(),
            });
        }
        mentions.sort_by_key(|m| (m.span.start(), m.span.end()));
        mentions.dedup_by_key(|m| m.span);
        Ok((claims, mentions))
    }
}

/// What the claim reports: the act of its cue word (attribution prepositions, "according to",
/// بحسب, report speech), which the English rules refine by what follows the cue ("criticized
/// the plan": a topic).
fn act_of(v: &View<'_>, d: &Draft, english: bool) -> Act {
    if english { english::act(v, d) } else { v.tags[d.cue.0].cue.map_or(Act::Speech, |c| c.act) }
}

/// A first guess at what a speaker mention is; the speaker linker refines it.
fn mention_kind(v: &View<'_>, first: usize, span: Span) -> MentionKind {
    if v.has(first, Role::Pronoun) && span.len() == v.toks[first].span.len() {
        MentionKind::Pronoun
    } else if v.has(first, Role::NameHead) || v.has(first, Role::Media) {
        MentionKind::Organization
    } else {
        MentionKind::Unknown
    }
}

/// The end of a content cut to at most `max` bytes: the end of the last token that fits (or the
/// last character boundary, when not even one token does).
fn capped_end(v: &View<'_>, (start, end): (usize, usize), max: usize) -> usize {
    if end - start <= max {
        return end;
    }
    let limit = start + max;
    let fit = v.toks.partition_point(|t| t.span.end() <= limit);
    match fit.checked_sub(1).map(|t| v.toks[t].span.end()) {
        Some(e) if e > start => e,
        _ => (start..=limit).rev().find(|&b| v.text.is_char_boundary(b)).unwrap_or(start),
    }
}

/// Orders drafts, removes duplicates, and applies the nesting policy (claims inside a denial
/// or a belief, nested claims where they are not kept, nesting deeper than `max_depth`). Only
/// drafts that `holds` (claims that are output, questions) hold others: when topics are not
/// output, "rejected comments by a director who said the fund was insolvent" keeps the
/// director's claim.
fn settle(
    v: &View<'_>,
    mut drafts: Vec<Draft>,
    keep_nested: bool,
    max_depth: usize,
    holds: impl Fn(&Draft) -> bool,
) -> Vec<Draft> {
    drafts.retain(|d| d.content.1 > d.content.0);
    drafts.sort_by_key(|d| (d.cue.0, d.content.0));
    // One claim per cue, except for contents side by side ("أكد أن … وأن …": two claims).
    drafts.dedup_by(|b, a| a.cue.0 == b.cue.0 && b.content.0 < a.content.1);
    let n = drafts.len();
    let mut drop = vec![false; n];
    // Nesting level of each kept draft: 1 inside no other, its container's level + 1 otherwise.
    let mut depth = vec![1usize; n];
    // Outer candidates sorted by content start; contents are bounded (a sentence, a paragraph, a
    // quotation), so only the few starting within the longest content before a cue can hold it.
    let mut by_start: Vec<usize> = (0..n).collect();
    by_start.sort_by_key(|&j| drafts[j].content.0);
    let longest = drafts.iter().map(|d| d.content.1 - d.content.0).max().unwrap_or(0);
    for i in 0..n {
        let (cs, ce) = v.bytes(drafts[i].cue.0, drafts[i].cue.1);
        let upto = by_start.partition_point(|&j| drafts[j].content.0 <= cs);
        for &j in by_start[..upto].iter().rev() {
            isnad_core::work::tick();
            let outer = &drafts[j];
            if cs - outer.content.0 > longest {
                break;
            }
            if i == j
                || drop[j]
                || !(outer.content.0 <= cs && ce <= outer.content.1)
                || !holds(outer)
            {
                continue;
            }
            // A belief inside reported content is part of what was reported ("أكد أنه يعتقد أن",
            // "ترى الإدارة أن" inside a quoted analysis).
            if outer.class == Class::Denial || !keep_nested || drafts[i].class == Class::Belief {
                drop[i] = true;
                break;
            }
            depth[i] = depth[i].max(depth[j] + 1);
            if depth[i] > max_depth.max(1) {
                drop[i] = true;
                break;
            }
        }
    }
    // Two claims for one content (a cue pair such as "أكد … مؤكدا"): keep the first.
    let mut seen = std::collections::HashSet::new();
    let mut kept: Vec<Draft> = Vec::with_capacity(n);
    for (d, dropped) in drafts.into_iter().zip(drop) {
        if dropped || !seen.insert(d.content) {
            continue;
        }
        kept.push(d);
    }
    kept.sort_by_key(|d| (d.content.0, d.cue.0));
    kept
}

impl Stage for QuotesStage {
    fn name(&self) -> &str {
        "quotes"
    }

    fn requires(&self) -> &[Layer] {
        REQUIRES
    }

    fn provides(&self) -> &[Layer] {
        if self.config.mentions { PROVIDES_ALL } else { PROVIDES_QUOTES }
    }

    fn process(&self, doc: &mut Document) -> Result<(), StageError> {
        let english = match &doc.meta.lang {
            Some(Lang::Ar) => false,
            Some(Lang::En) => true,
            _ => return Ok(()),
        };
        let (claims, mentions) = self.claims(doc, english)?;
        doc.layers.claims = claims;
        if self.config.mentions {
            doc.layers.mentions.extend(mentions);
            doc.layers.mentions.sort_by_key(|m| (m.span.start(), m.span.end()));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn config_is_kebab_case_and_strict() {
        let c: QuotesConfig =
            serde_json::from_str(r#"{"min-quote-words": 2, "nested": "drop"}"#).unwrap();
        assert_eq!(c.min_quote_words, 2);
        assert_eq!(c.nested, Nested::Drop);
        assert_eq!(c.acts, vec![Act::Speech], "unset fields keep their defaults");
        assert!(serde_json::from_str::<QuotesConfig>(r#"{"cue-list": "x"}"#).is_err());
    }

    #[test]
    fn beliefs_is_an_alias_of_acts() {
        let read =
            |json: &str| serde_json::from_str::<QuotesConfig>(json).unwrap().effective_acts();
        assert_eq!(read("{}").unwrap(), vec![Act::Speech]);
        assert_eq!(read(r#"{"beliefs": true}"#).unwrap(), Act::ALL.to_vec());
        assert_eq!(read(r#"{"beliefs": false}"#).unwrap(), vec![Act::Speech, Act::Topic]);
        assert_eq!(
            read(r#"{"acts": ["speech", "intention"]}"#).unwrap(),
            vec![Act::Speech, Act::Intention]
        );
        let both = read(r#"{"beliefs": true, "acts": ["belief"]}"#).unwrap_err().to_string();
        assert!(both.contains("keep only `acts`"), "{both}");
        assert!(read(r#"{"acts": []}"#).is_err());
        assert!(serde_json::from_str::<QuotesConfig>(r#"{"acts": ["opinion"]}"#).is_err());
    }

    #[test]
    fn provides_follow_the_mentions_switch() {
        let on = QuotesStage::new(QuotesConfig::default(), Path::new(".")).unwrap();
        assert_eq!(on.provides(), &[Layer::Quotes, Layer::Mentions]);
        let off = QuotesStage::new(
            QuotesConfig { mentions: false, ..QuotesConfig::default() },
            Path::new("."),
        )
        .unwrap();
        assert_eq!(off.provides(), &[Layer::Quotes]);
        assert_eq!(on.requires(), &[Layer::Normalized, Layer::Sentences, Layer::Tokens]);
    }
}
