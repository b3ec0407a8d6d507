//! Speaker linking: from the speaker mentions of claims to the people and bodies who spoke.
//!
//! The quote stage finds *that* something was said and the words naming the speaker in that
//! clause ("المتحدث باسم الكرملين، دميتري بيسكوف", "بيسكوف", nothing at all after "وتابع:",
//! "he"). A reader wants one speaker with all of them. This stage
//!
//! 1. **reads each mention** (module `mention`): splits names from roles ("الناخب الوطني" |
//!    "وليد الركراكي"; "Kremlin spokesman" | "Dmitry Peskov"), tells organisations ("وزارة
//!    الخارجية الروسية", "the State Department"), groups ("وزراء خارجية بريطانيا وألمانيا
//!    وفرنسا", "officials"), pronouns, documents ("البيان") and anaphors ("المتحدث نفسه") apart;
//!    picks up roles in apposition after the mention ("جمال رائف، الكاتب والباحث السياسي") and
//!    aliases in quotes or brackets after it ("منظمة العفو الدولية "أمنستى""); reads a role-only
//!    mention on into the text when a name follows ("القيادي في حركة حماس أسامة حمدان");
//! 2. **scans the text for titled names and named organisations** that are not speakers
//!    ("برئاسة الرئيس نواف سلام", "رحبت الخارجية الأوكرانية"), so that a later role ("رئيس
//!    الحكومة"), surname, bare head or unwritten subject can find them;
//! 3. **clusters mentions into entities** in text order (module `link`): surnames and short
//!    forms, roles given in apposition and bare roles linking back, organisation short forms and
//!    bare heads ("الوزارة", "the department"), gazetteer aliases;
//! 4. **resolves unwritten subjects and pronouns**: the nearest earlier speaker whose agreement
//!    fits the cue (قالت feminine, قالوا plural, "وتابع"/"مضيفا" masculine singular; he/she/they),
//!    or a titled name or organisation earlier in the cue's own sentence (the subject of the
//!    main verb a participle hangs on: "وأعرب الملك سلمان …، مضيفا");
//! 5. **dates each claim** (module `date`).
//!
//! Why rules and not a trained coreference model: news attribution uses a small, stable set of
//! constructions, rules are fast (a few table lookups per token and per claim), and every
//! decision can be explained to a fact-checker. Language knowledge lives in `data/ar.tsv` and
//! `data/en.tsv`, compiled once into word tables (see the crate README for why not an automaton).
//!
//! # Output
//! `entities` holds the speakers (or every entity with `all-entities`): `name` is the fullest
//! name used, `aliases` the other names and the descriptions used in place of a name ("المنظمة
//! الحقوقية"), `roles` the titles given in apposition. Each claim's `speaker` gets `entity` and
//! `name`, and each claim gets `date`. `mentions` lists the speaker mentions (implicit subjects
//! as their cue) with their entity; when an earlier stage already provided `mentions`, those with
//! the same span are enriched and the others kept.
#![deny(missing_docs)]

mod ctx;
mod date;
mod gazetteer;
mod host_subject;
mod lexicon;
mod link;
mod mention;
mod morph;
mod previous_subject;
mod word_class;

use std::path::{Path, PathBuf};

use isnad_core::{
    Document, Entity, Lang as DocLang, Layer, Mention, MentionKind, Span, Stage, StageError,
};
use schemars::JsonSchema;
use serde::Deserialize;
use thiserror::Error;

pub use gazetteer::{GazetteerEntry, GazetteerFile};
pub use word_class::{WordClass, classify_words};

use crate::ctx::{Ctx, Lang, SpanIndex, is_quote_or_bracket};
use crate::gazetteer::Gazetteer;
use crate::lexicon::{Agr, Gender};
use crate::link::{Ent, Linker};
use crate::mention::{Form, Parsed};

/// Configuration of the `speakers` stage.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct SpeakersConfig {
    /// A gazetteer of known people and organisations (TOML, or JSON by extension), relative to the
    /// pipeline file's directory. Matched entities carry the entry's `id` as `kb_id`; aliases link
    /// spellings the article itself does not connect. Format: see the crate's README.
    pub gazetteer: Option<PathBuf>,
    /// Output every entity found (people named with a title but never quoted, too), not only
    /// the speakers of claims.
    pub all_entities: bool,
    /// How many paragraphs back an unwritten subject ("وتابع:", "he added") may find its speaker.
    /// Beyond that the claim is left without a speaker rather than given a stale one.
    pub carry_paragraphs: usize,
    /// Give each claim a date (`date`): the date expression of its clause or the publication date.
    pub dates: bool,
    /// How far back, in bytes, a mention may find its entity: one last mentioned earlier than
    /// that starts a new entity. Far beyond any news article; it keeps the work on a very long
    /// document (a book, a whole feed in one record) proportional to its length.
    pub link_window: usize,
}

impl Default for SpeakersConfig {
    fn default() -> Self {
        SpeakersConfig {
            gazetteer: None,
            all_entities: false,
            carry_paragraphs: 5,
            dates: true,
            link_window: 100_000,
        }
    }
}

/// Why the stage could not be built.
#[derive(Debug, Error)]
pub enum SpeakersError {
    /// The gazetteer file could not be read.
    #[error("cannot read gazetteer {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// The gazetteer file is not valid.
    #[error("invalid gazetteer {path}: {message}")]
    Gazetteer {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
    /// A built-in data file is broken (a bug in the crate).
    #[error("built-in lexicon: {0}")]
    Data(String),
}

impl From<SpeakersError> for StageError {
    fn from(e: SpeakersError) -> StageError {
        StageError::Config(e.to_string())
    }
}

/// Links claim speakers to entities and dates claims.
#[derive(Debug, Clone)]
pub struct SpeakersStage {
    config: SpeakersConfig,
    gazetteer: Option<Gazetteer>,
}

const REQUIRES: &[Layer] = &[Layer::Normalized, Layer::Sentences, Layer::Tokens, Layer::Quotes];
const PROVIDES: &[Layer] = &[Layer::Mentions, Layer::Entities];

impl SpeakersStage {
    /// Builds the stage; the gazetteer path is taken relative to `base_dir` (the directory of the
    /// pipeline file).
    pub fn new(config: SpeakersConfig, base_dir: &Path) -> Result<SpeakersStage, SpeakersError> {
        lexicon::arabic().map_err(|e| SpeakersError::Data(e.to_string()))?;
        lexicon::english().map_err(|e| SpeakersError::Data(e.to_string()))?;
        let gazetteer = match &config.gazetteer {
            Some(p) => Some(Gazetteer::load(&base_dir.join(p))?),
            None => None,
        };
        Ok(SpeakersStage { config, gazetteer })
    }
}

impl Stage for SpeakersStage {
    fn name(&self) -> &str {
        "speakers"
    }

    fn requires(&self) -> &[Layer] {
        REQUIRES
    }

    fn provides(&self) -> &[Layer] {
        PROVIDES
    }

    fn process(&self, doc: &mut Document) -> Result<(), StageError> {
        let lang = match doc.meta.lang {
            Some(DocLang::Ar) => Lang::Ar,
            Some(DocLang::En) => Lang::En,
            _ => return Ok(()),
        };
        let lex = match lang {
            Lang::Ar => lexicon::arabic(),
            Lang::En => lexicon::english(),
        }
        .map_err(|e| StageError::Failed(e.to_string()))?;
        let norm = doc
            .layers
            .normalized
            .take()
            .ok_or_else(|| StageError::MissingLayer("normalized".into()))?;
        let result = self.run(doc, &norm, lang, lex);
        doc.layers.normalized = Some(norm);
        let (entities, mentions, links, dates) = result?;
        for (i, (ent, name)) in links.into_iter().enumerate() {
            doc.layers.claims[i].speaker.entity = ent;
            doc.layers.claims[i].speaker.name = name;
        }
        if self.config.dates {
            for (c, d) in doc.layers.claims.iter_mut().zip(dates) {
                c.date = d;
            }
        }
        doc.layers.entities = entities;
        merge_mentions(
            &mut doc.layers.mentions,
            mentions,
            doc.layers.provided.contains(&Layer::Mentions),
        );
        Ok(())
    }
}

type Output = (
    Vec<Entity>,
    Vec<Mention>,
    Vec<(Option<String>, Option<String>)>,
    Vec<Option<isnad_core::ClaimDate>>,
);

/// The speaker phrase `m` of claim `c`, read with what follows it in the text: the name a
/// relative pronoun stands for, a role extended or followed by a name or an apposed name, the
/// author after a document ("a report by …"), a quoted alias, a trailing role.
fn claim_speaker_phrase(
    ctx: &Ctx<'_>,
    text: &str,
    c: &isnad_core::Claim,
    m: Span,
) -> Option<Parsed> {
    let range = ctx.token_range(m);
    let mut p = match mention::relative_antecedent(ctx, range.clone()) {
        // "Stumpf, who was under questioning, [admitted]": the relative
        // pronoun stands for the name before it.
        Some(range) => {
            let mut p = mention::parse(ctx, range)?;
            p.span = m;
            p
        }
        None => mention::parse(ctx, range.clone())?,
    };
    let next = range.end;
    if p.form == Form::Role
        && let Some(longer) = mention::extend_role(ctx, range.clone(), content_limit(c, m))
    {
        let span = p.span;
        p = longer;
        p.span = span;
    } else if p.form == Form::Role
        && let Some(name) = mention::trailing_name(ctx, next, content_limit(c, m))
    {
        p.name = Some(name);
        p.form = Form::Person;
        p.bare = false;
    } else if matches!(p.form, Form::Role | Form::Person)
        && let Some((name, role)) =
            mention::apposed_name(ctx, range.clone(), content_limit(c, m), p.form == Form::Person)
    {
        // "[رئيسة قسم الأوبئة] في جامعة الخليج الطبية، نورة القحطاني، …".
        p.name = Some(name);
        p.form = Form::Person;
        p.bare = false;
        if let Some(r) = role
            && p.roles.len() <= 1
        {
            p.roles = vec![r];
        }
    }
    if p.form == Form::Document
        && let Some(author) = mention::trailing_author(ctx, range.clone(), content_limit(c, m))
    {
        let span = p.span;
        p = author;
        p.span = span;
    }
    let bracket_taken = p.form == Form::Person
        && ctx.tokens.get(next).is_some_and(|t| is_quote_or_bracket(t.span.slice(text)));
    if p.form == Form::Org
        && p.rest.is_empty()
        && !p.bare
        && let Some(alias) = mention::trailing_alias(ctx, next)
    {
        // "صحيفة" + “ملييت”: a classifier and the quoted name after it.
        if let Some(n) = p.name.as_mut() {
            n.text = format!("{} {}", n.text, alias.text);
            n.keys.extend(alias.keys.iter().cloned());
            p.rest = alias.keys.clone();
        }
    }
    if matches!(p.form, Form::Person | Form::Name | Form::Org) {
        if let Some(r) = mention::trailing_role(ctx, next, content_limit(c, m)) {
            p.roles.push(r);
            if p.form == Form::Name {
                p.form = Form::Person;
            }
        }
        if !bracket_taken {
            p.aliases.extend(mention::trailing_alias(ctx, next));
        }
    }
    Some(p)
}

/// The walk through the document, in text order: the names and organisations scanned outside
/// `skip`, and each claim at its speaker mention or cue (after a scanned name at the same place).
fn walk(ctx: &Ctx<'_>, claims: &[isnad_core::Claim], skip: &ctx::Cover) -> Vec<(usize, Event)> {
    let people = mention::scan(ctx, skip);
    let orgs = mention::scan_orgs(ctx, skip);
    // (Vectors below are sized up front: growing them copied more than the walk itself.)
    let mut events: Vec<(usize, Event)> =
        Vec::with_capacity(people.len() + orgs.len() + claims.len());
    events
        .extend(people.into_iter().chain(orgs).map(|p| (p.span.start(), Event::Scan(Box::new(p)))));
    for (i, c) in claims.iter().enumerate() {
        let at = c.speaker.mention.map_or(c.cue.start(), |m| m.start().min(c.cue.start()));
        events.push((at, Event::Claim(i)));
    }
    events.sort_by_key(|(at, e)| (*at, matches!(e, Event::Claim(_))));
    events
}

/// One step of the walk through the document.
enum Event {
    Scan(Box<Parsed>),
    Claim(usize),
}

impl SpeakersStage {
    fn run(
        &self,
        doc: &Document,
        norm: &isnad_core::Normalized,
        lang: Lang,
        lex: &'static lexicon::LangLex,
    ) -> Result<Output, StageError> {
        let contents: Vec<Span> = doc.layers.claims.iter().map(|c| c.content).collect();
        let ctx = Ctx::new(doc, norm, lang, lex, &contents);
        let claims = &doc.layers.claims;
        for c in claims {
            for s in [Some(c.cue), Some(c.content), c.speaker.mention].into_iter().flatten() {
                s.check(&doc.text)?;
            }
        }
        // Titled names are scanned outside speaker mentions (read on their own) and outside what
        // was said (a quotation's "رئيس الحكومة طلب …" is no name).
        let skip = ctx::Cover::new(
            claims.iter().filter_map(|c| c.speaker.mention).chain(claims.iter().map(|c| c.content)),
        );
        let events = walk(&ctx, claims, &skip);
        let mut linker = Linker::new(
            self.gazetteer.as_ref(),
            lang == Lang::Ar,
            events.len(),
            self.config.link_window,
        );
        let mut claim_ent: Vec<Option<usize>> = vec![None; claims.len()];
        // Speakers found so far: (position, entity, paragraph) — for unwritten subjects.
        let mut history: Vec<(usize, usize, usize)> = Vec::with_capacity(claims.len());
        // Titled names outside any content: (position, entity, sentence).
        let mut scanned: Vec<(usize, usize, Option<usize>)> =
            Vec::with_capacity(events.len() - claims.len());
        let mut mentions: Vec<(Mention, usize)> = Vec::with_capacity(events.len());
        let paragraph_of =
            |at: usize| ctx.sentence_of(at).map_or(0, |s| ctx.sentences[s].paragraph);
        // (Questions about all claims go through indexes, never a loop over the claims: a
        // document can hold tens of thousands.)
        let in_content = |s: Span| ctx.containers.contain(s);
        let content_index = SpanIndex::new(claims.iter().map(|c| c.content));
        let claim_mentions = SpanIndex::new(claims.iter().filter_map(|c| c.speaker.mention));
        let cues = host_subject::claim_cues(claims);

        for (at, ev) in events {
            match ev {
                Event::Scan(p) => {
                    let (span, form) = (p.span, p.form);
                    if let Some(idx) = linker.link(*p, at, false) {
                        if !in_content(span) {
                            scanned.push((at, idx, ctx.sentence_of(at)));
                        }
                        mentions
                            .push((Mention { span, kind: mention_kind(form), entity: None }, idx));
                    }
                }
                Event::Claim(ci) => {
                    let c = &claims[ci];
                    // A subject inside a quotation whose verb is outside it is no subject of that
                    // verb ("X told reporters that [the repairs] were overdue and promised …"):
                    // the cue's subject is then unwritten.
                    let stray = |m: Span| content_index.containing(m).any(|o| !o.contains(c.cue));
                    let parsed = c
                        .speaker
                        .mention
                        .filter(|&m| !stray(m))
                        .and_then(|m| claim_speaker_phrase(&ctx, &doc.text, c, m));
                    let cue_agr = cue_agreement(&ctx, c.cue);
                    let (idx, mention) = match parsed {
                        // "من يتهم الحكومة": after the relative "من" the noun after the verb is its
                        // object; the subject is whoever, nobody named.
                        Some(p)
                            if p.span.start() >= c.cue.end() && relative_subject(&ctx, c.cue) =>
                        {
                            (None, Some((c.cue, MentionKind::Implicit, cue_agr)))
                        }
                        Some(p) if p.form == Form::Pronoun => {
                            let person_only = lang == Lang::En
                                && matches!(p.agr.gender, Some(Gender::Masc | Gender::Fem));
                            // "according to its website" with no speaker for "its" to stand
                            // for: the organisation named last (not for a bare "it", often
                            // nobody: "it could offer …").
                            let owner = lang == Lang::En
                                && p.agr.gender == Some(Gender::Neuter)
                                && p.span.slice(&doc.text).contains(' ');
                            let found = self
                                .resolve(&ctx, &linker, &history, &scanned, at, p.agr, person_only)
                                .or_else(|| owner.then(|| linker.recent_org()).flatten());
                            (found, Some((p.span, MentionKind::Pronoun, p.agr)))
                        }
                        Some(p) => {
                            let (span, form) = (p.span, p.form);
                            let idx = linker.link(p, at, true);
                            if let Some(i) = idx {
                                let subject_first = span.start() < c.cue.start();
                                linker.learn(i, cue_agr, subject_first);
                            }
                            (idx, Some((span, mention_kind(form), Agr::NONE)))
                        }
                        None if relative_subject(&ctx, c.cue) => {
                            (None, Some((c.cue, MentionKind::Implicit, cue_agr)))
                        }
                        // No written subject and none to carry over: a passive ("is expected
                        // to"), an agentless report, or a subject the quote stage could not read
                        // as a noun phrase. Nobody is named rather than a wrong somebody.
                        // (A stray mention, above, leaves the subject unwritten: it resolves.)
                        None if !c.speaker.implicit && c.speaker.mention.is_none() => (None, None),
                        None => {
                            // "رحب رئيس الحكومة بقرار مجلس الأمن، قائلا": a participle continues
                            // the subject of its sentence's main verb.
                            let host = host_subject::link(&ctx, &mut linker, &cues, c, at);
                            mentions.extend(host.clone().map(|(i, m)| (m, i)));
                            let at = c.cue.start();
                            let found = host.map(|h| h.0).or_else(|| {
                                self.resolve(&ctx, &linker, &history, &scanned, at, cue_agr, false)
                            });
                            (found, Some((c.cue, MentionKind::Implicit, cue_agr)))
                        }
                    };
                    if let Some(i) = idx {
                        let (span, kind, agr) = mention.expect("a mention");
                        if matches!(kind, MentionKind::Pronoun | MentionKind::Implicit) {
                            linker.touch(i, at, Some(span), agr);
                        }
                        history.push((at, i, paragraph_of(at)));
                    }
                    if let Some((span, kind, _)) = mention {
                        mentions.push((
                            Mention { span, kind, entity: None },
                            idx.unwrap_or(usize::MAX),
                        ));
                    }
                    claim_ent[ci] = idx;
                }
            }
        }

        Ok(self.output(
            &ctx,
            doc,
            &mut linker,
            &claim_ent,
            mentions,
            &content_index,
            &claim_mentions,
        ))
    }

    /// The stage's output once the walk is done: the entities that speak (or all of them, when
    /// asked), numbered in order of first mention; the mentions linked to them; each claim's
    /// entity; each claim's date.
    #[allow(clippy::too_many_arguments)]
    fn output(
        &self,
        ctx: &Ctx<'_>,
        doc: &Document,
        linker: &mut Linker<'_>,
        claim_ent: &[Option<usize>],
        mentions: Vec<(Mention, usize)>,
        content_index: &SpanIndex,
        claim_mentions: &SpanIndex,
    ) -> Output {
        let claims = &doc.layers.claims;
        // Entities to output, in order of first mention.
        let mut order: Vec<usize> = (0..linker.ents.len())
            .filter(|&i| self.config.all_entities || linker.ents[i].speaker)
            .collect();
        order.sort_by_key(|&i| {
            linker.ents[i].mentions.iter().map(|s| s.start()).min().unwrap_or(linker.ents[i].first)
        });
        // Entity index → position in the output (its id is "e" and the position + 1).
        let mut out_pos: Vec<Option<usize>> = vec![None; linker.ents.len()];
        for (n, &i) in order.iter().enumerate() {
            out_pos[i] = Some(n);
        }
        let entities: Vec<Entity> = order
            .iter()
            .enumerate()
            .map(|(n, &i)| {
                build_entity(&mut linker.ents[i], format!("e{}", n + 1), self.gazetteer.as_ref())
            })
            .collect();
        let out_of = |idx: usize| out_pos.get(idx).copied().flatten().map(|n| &entities[n]);
        let links = claim_ent
            .iter()
            .map(|idx| match idx.and_then(out_of) {
                Some(e) => (Some(e.id.clone()), Some(e.name.clone())),
                None => (None, None),
            })
            .collect();
        let mut out_mentions: Vec<Mention> = mentions
            .into_iter()
            .filter_map(|(mut m, idx)| {
                let id = out_of(idx).map(|e| e.id.clone());
                if id.is_none() && m.kind != MentionKind::Implicit && m.kind != MentionKind::Pronoun
                {
                    // Scanned names of people who never speak stay out unless asked for.
                    if !claim_mentions.has(m.span) {
                        return None;
                    }
                }
                m.entity = id;
                Some(m)
            })
            .collect();
        out_mentions.sort_by_key(|m| m.span);
        out_mentions.dedup_by_key(|m| m.span);
        let dating = date::Dating::new(content_index, claim_mentions, &doc.layers.timexes);
        let published = doc.meta.published.as_ref().map(|p| p.date().to_string());
        let dates = claims
            .iter()
            .map(|c| date::claim_date(ctx, c, &dating, published.as_deref()))
            .collect();
        (entities, out_mentions, links, dates)
    }

    /// The speaker of an unwritten subject or pronoun at `at`: the nearest earlier speaker (or
    /// titled name earlier in the same sentence, outside any quotation) whose agreement fits.
    #[allow(clippy::too_many_arguments)]
    fn resolve(
        &self,
        ctx: &Ctx<'_>,
        linker: &Linker<'_>,
        history: &[(usize, usize, usize)],
        scanned: &[(usize, usize, Option<usize>)],
        at: usize,
        agr: Agr,
        person_only: bool,
    ) -> Option<usize> {
        let sentence = ctx.sentence_of(at);
        let paragraph = sentence.map_or(0, |s| ctx.sentences[s].paragraph);
        let sentence_start = sentence.map_or(0, |s| ctx.sentences[s].span.start());
        // In order: speakers of earlier claims in the same sentence (the main clause a
        // participle hangs on), titled names and organisations earlier in the same sentence
        // (the subject of a non-reporting main verb: "رحبت الخارجية الأوكرانية …، وقالت"), then
        // speakers of earlier sentences, each group nearest first. `history` and `scanned` are
        // in text order, so each group is a slice read backwards, and the search stops at the
        // first fit instead of sorting every earlier speaker.
        let before = history.partition_point(|(pos, _, _)| *pos < at);
        let in_sentence = match sentence {
            Some(_) => history[..before].partition_point(|(pos, _, _)| *pos < sentence_start),
            None => before,
        };
        let carry = |par: usize| paragraph.saturating_sub(par) <= self.config.carry_paragraphs;
        let same_sentence: Vec<usize> = nearest_first(&history[in_sentence..before], |h| h.0)
            .filter(|h| carry(h.2))
            .map(|h| h.1)
            .collect();
        let scanned_from = scanned.partition_point(|(pos, _, _)| *pos < sentence_start);
        let scanned_to = scanned.partition_point(|(pos, _, _)| *pos < at);
        let mut titled: Vec<usize> = match sentence {
            Some(_) => nearest_first(&scanned[scanned_from..scanned_to.max(scanned_from)], |s| s.0)
                .filter(|s| s.2 == sentence)
                .map(|s| s.1)
                .collect(),
            None => Vec::new(),
        };
        // Arabic puts the main verb first and its subject right after it: "رحب X … بموقف البابا
        // فرنسيس، قائلا …" continues X, the first name of the sentence, not the nearest.
        if ctx.lang == Lang::Ar {
            titled.reverse();
        }
        // Earlier sentences: at most MAX_CARRY_SPEAKERS are looked at.
        let earlier = nearest_first(&history[..in_sentence], |h| h.0)
            .take(MAX_CARRY_SPEAKERS)
            .filter(|h| carry(h.2))
            .map(|h| h.1);
        // English "he"/"she" opening a sentence: the titled name opening the sentence before.
        let previous = person_only
            .then(|| {
                let last_speaker = history[..before].last().map(|h| h.0);
                previous_subject::previous_subject(ctx, scanned, sentence, at, last_speaker)
            })
            .flatten();
        let mut cands = same_sentence.into_iter().chain(titled).chain(previous).chain(earlier);
        let first = cands.next();
        let fits =
            first.into_iter().chain(cands).find(|&e| linker.ents[e].agrees(agr, person_only));
        // Nothing fits: when the cue shows no agreement the nearest speaker is the best guess;
        // when it does ("قائلا" after only feminine speakers) the subject is someone the
        // article has not named as a speaker, and a wrong name is worse than none.
        let fallback = if person_only || agr != Agr::NONE { None } else { first };
        fits.or(fallback)
    }
}

/// Most speakers of earlier sentences an unwritten subject looks back over: within
/// `carry-paragraphs` only, and never more than this many (a page of one paragraph holding
/// thousands of claims would otherwise make each look back over all of them).
const MAX_CARRY_SPEAKERS: usize = 256;

/// The items of `items` (in text order by `pos`) from the last to the first, those at one
/// position in their original order: the order of a stable sort by descending position.
fn nearest_first<T>(items: &[T], pos: impl Fn(&T) -> usize) -> impl Iterator<Item = &T> {
    let mut end = items.len();
    let mut run = Vec::new().into_iter();
    std::iter::from_fn(move || {
        loop {
            if let Some(item) = run.next() {
                isnad_core::work::tick();
                return Some(item);
            }
            if end == 0 {
                return None;
            }
            let at = pos(&items[end - 1]);
            let start = items[..end].partition_point(|x| pos(x) < at);
            run = items[start..end].iter().collect::<Vec<_>>().into_iter();
            end = start;
        }
    })
}

/// Where text after a mention stops being about the speaker: the content when it follows.
fn content_limit(c: &isnad_core::Claim, m: Span) -> usize {
    if c.content.start() >= m.end() { c.content.start() } else { usize::MAX }
}

/// True when an imperfect cue follows the relative "من" ("سمع من يتهم الحكومة", "whoever
/// accuses"): its subject is indefinite, nobody the article names.
fn relative_subject(ctx: &Ctx<'_>, cue: Span) -> bool {
    if ctx.lang != Lang::Ar {
        return false;
    }
    let r = ctx.token_range(cue);
    if r.start == 0 || r.is_empty() {
        return false;
    }
    let verb = ctx.folded(r.start);
    ctx.folded(r.start - 1) == "من" && (verb.starts_with('ي') || verb.starts_with('ت'))
}

/// Agreement shown by a cue (Arabic verb morphology; English cues show none).
fn cue_agreement(ctx: &Ctx<'_>, cue: Span) -> Agr {
    match ctx.lang {
        Lang::Ar => {
            // A phrase ("نص البيان", "في تصريحات") is no verb and shows no agreement.
            let words: Vec<usize> = ctx.token_range(cue).filter(|&i| ctx.is_word(i)).collect();
            match words[..] {
                [i] => morph::arabic_cue_agr(ctx.folded(i), ctx.lex),
                _ => Agr::NONE,
            }
        }
        Lang::En => Agr::NONE,
    }
}

fn mention_kind(form: Form) -> MentionKind {
    match form {
        Form::Person => MentionKind::Person,
        Form::Org => MentionKind::Organization,
        Form::Group => MentionKind::Group,
        Form::Role | Form::Anaphor => MentionKind::Role,
        Form::Pronoun => MentionKind::Pronoun,
        Form::Document | Form::Name => MentionKind::Unknown,
    }
}

/// The output entity; its texts are moved out of `e` (each entity is built once, at the end).
fn build_entity(e: &mut Ent, id: String, gaz: Option<&Gazetteer>) -> Entity {
    let fold = |s: &str| isnad_text::fold(s);
    // Where the name comes from: the fullest name (the last of equals), else the first
    // description, else the first role.
    enum NameSource {
        Name(usize),
        Desc,
        Role,
        Nothing,
    }
    let from = match e
        .names
        .iter()
        .enumerate()
        .max_by_key(|(_, n)| (n.keys.len(), n.text.chars().count()))
    {
        Some((k, _)) => NameSource::Name(k),
        None if !e.descs.is_empty() => NameSource::Desc,
        None if !e.roles.is_empty() => NameSource::Role,
        None => NameSource::Nothing,
    };
    // Aliases and roles are kept once per folded form. Folding is the costly part, so a text
    // equal to one already taken (the name itself, most often) is passed over unfolded — equal
    // texts fold alike — and nothing is folded when there is nothing to compare. They are
    // picked first (as indices: in the names or else the descriptions) and moved out after.
    let mut alias_picks: Vec<(bool, usize)> = Vec::new();
    let mut role_picks: Vec<usize> = Vec::new();
    {
        let name: &str = match from {
            NameSource::Name(k) => &e.names[k].text,
            NameSource::Desc => &e.descs[0],
            NameSource::Role => &e.roles[0].text,
            NameSource::Nothing => "",
        };
        let candidates: Vec<(bool, usize, &String)> = e
            .names
            .iter()
            .enumerate()
            .map(|(k, n)| (false, k, &n.text))
            .chain(e.descs.iter().enumerate().map(|(k, d)| (true, k, d)))
            .filter(|&(_, _, a)| *a != name)
            .collect();
        if !candidates.is_empty() {
            let mut seen = vec![fold(name)];
            let mut seen_text: Vec<&str> = Vec::new();
            for (desc, k, a) in candidates {
                if seen_text.contains(&a.as_str()) {
                    continue;
                }
                seen_text.push(a);
                let f = fold(a);
                if !seen.contains(&f) {
                    seen.push(f);
                    alias_picks.push((desc, k));
                }
            }
        }
        if e.roles.len() == 1 {
            role_picks.push(0);
        } else {
            let mut seen_roles: Vec<String> = Vec::new();
            let mut seen_text: Vec<&str> = Vec::new();
            for (k, r) in e.roles.iter().enumerate() {
                if seen_text.contains(&r.text.as_str()) {
                    continue;
                }
                seen_text.push(&r.text);
                let f = fold(&r.text);
                if !seen_roles.contains(&f) {
                    seen_roles.push(f);
                    role_picks.push(k);
                }
            }
        }
    }
    // (A name taken from the names or descriptions is never also an alias: aliases differ from
    // it. A name taken from the roles is also a role: copied.)
    let name = match from {
        NameSource::Name(k) => std::mem::take(&mut e.names[k].text),
        NameSource::Desc => std::mem::take(&mut e.descs[0]),
        NameSource::Role => e.roles[0].text.clone(),
        NameSource::Nothing => String::new(),
    };
    let aliases = alias_picks
        .into_iter()
        .map(|(desc, k)| {
            if desc {
                std::mem::take(&mut e.descs[k])
            } else {
                std::mem::take(&mut e.names[k].text)
            }
        })
        .collect();
    let roles = role_picks.into_iter().map(|k| std::mem::take(&mut e.roles[k].text)).collect();
    let mut mentions = std::mem::take(&mut e.mentions);
    mentions.sort();
    mentions.dedup();
    Entity {
        id,
        name,
        kind: e.kind,
        aliases,
        roles,
        mentions,
        kb_id: e.gaz.and_then(|g| gaz.and_then(|g2| g2.items[g].id.clone())),
    }
}

/// Puts the linker's mentions into the layer: enriches mentions an earlier stage gave (same
/// span) and adds the rest.
fn merge_mentions(layer: &mut Vec<Mention>, ours: Vec<Mention>, provided: bool) {
    if !provided {
        // Ours are sorted by span, one per span: the merge below would give them unchanged.
        debug_assert!(ours.windows(2).all(|w| w[0].span < w[1].span));
        *layer = ours;
        return;
    }
    // Sorted (stably) first, so that each of ours finds the first mention with its span by a
    // binary search instead of a scan of the layer.
    layer.sort_by_key(|m| m.span);
    let mut added = Vec::new();
    for m in ours {
        let k = layer.partition_point(|x| x.span < m.span);
        match layer.get_mut(k).filter(|x| x.span == m.span) {
            Some(x) => {
                if x.entity.is_none() {
                    x.entity = m.entity;
                }
            }
            None => added.push(m),
        }
    }
    layer.extend(added);
    layer.sort_by_key(|m| m.span);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `nearest_first` gives the order of the stable sort by descending position it replaces.
    #[test]
    fn nearest_first_is_a_stable_sort_by_descending_position() {
        let items = [(1, 'a'), (2, 'b'), (2, 'c'), (3, 'd'), (3, 'e'), (5, 'f')];
        for n in 0..=items.len() {
            let mut sorted: Vec<&(usize, char)> = items[..n].iter().collect();
            sorted.sort_by_key(|&&(pos, _)| std::cmp::Reverse(pos));
            let fast: Vec<&(usize, char)> = nearest_first(&items[..n], |x| x.0).collect();
            assert_eq!(fast, sorted, "{n}");
        }
    }
}
