//! The subject a circumstantial participle (ḥāl) continues: that of its sentence's main verb.
//!
//! **Reads**: "رحب رئيس الحكومة اللبنانية بقرار مجلس الأمن، قائلا إن …" (the subject is «رئيس
//! الحكومة اللبنانية», right after the sentence's first verb, not «مجلس الأمن», the genitive
//! inside the object); "وفي السياق، رحب الاتحاد الأوروبي بالخطوة، مؤكدا …" (a fronted
//! circumstance up to its comma is skipped); "ورفض المتحدث باسم الحزب، في تصريح لقناة محلية،
//! الاتهامات …، واصفا إياها …" (the subject ends at the comma of the insertion); "بيروت - رحب …"
//! (a dateline is skipped); "كشف وزير الأشغال، كريم منصور، عن خطة …، موضحا …" (a name between
//! commas after the role is its holder: the subject is the name). A verb after «لكنه» («أبدى …
//! ارتياحه للقرار، لكنه طالب الأمانة بـ…») continues that subject as a participle does, and so
//! does a verb with و after a comma («انتقد النائب …، محمد …، تأخر الحكومة، وقال إن …»).
//! **Not**: a sentence whose first verb is itself the cue of a claim (its speaker is already
//! in the walk's history, which `resolve` reads first); a participle with its own clause before
//! it ("…، وقال إن …، مضيفا": the history holds that clause's speaker); a sentence without a
//! noun phrase after its first word ("وتابع أن …"): the previous speaker then carries over.
//! **Data**: `stop`, `title`, `honorific`, `particle` of `data/ar.tsv`.
//! **Fixture**: `tests/fixtures/ar-host-subject.toml`; end to end,
//! `crates/isnad-quotes/tests/fixtures/ar-participle-subject.txt` and `ar-news-*.txt`.

use std::ops::Range;

use isnad_core::{Claim, Mention, Span};

use crate::ctx::{Ctx, Lang, is_comma};
use crate::lexicon::Cat;
use crate::link::Linker;
use crate::mention::{self, Form};

/// The starts of the claims' cues, sorted (for [`link`]).
pub(crate) fn claim_cues(claims: &[Claim]) -> Vec<usize> {
    let mut cues: Vec<usize> = claims.iter().map(|c| c.cue.start()).collect();
    cues.sort_unstable();
    cues
}

/// "رحب رئيس الحكومة بقرار مجلس الأمن، قائلا": the entity of the subject the participle of
/// claim `c` continues, linked at `pos`, with the subject's mention; `None` when
/// [`subject_span`] gives none or the subject is no name, role, organisation or group.
pub(crate) fn link(
    ctx: &Ctx<'_>,
    linker: &mut Linker<'_>,
    claim_cues: &[usize],
    c: &Claim,
    pos: usize,
) -> Option<(usize, Mention)> {
    let span = subject_span(ctx, claim_cues, c.cue)?;
    let p = mention::parse(ctx, ctx.token_range(span))?;
    let kind = match p.form {
        Form::Person => isnad_core::MentionKind::Person,
        Form::Name => isnad_core::MentionKind::Unknown,
        Form::Role => isnad_core::MentionKind::Role,
        Form::Org => isnad_core::MentionKind::Organization,
        Form::Group => isnad_core::MentionKind::Group,
        _ => return None,
    };
    let span = p.span;
    let idx = linker.link(p, pos, true)?;
    Some((idx, Mention { span, kind, entity: None }))
}

/// The span of the subject the participle cue `cue` continues; `None` when there is none, or
/// when a claim's cue comes before the participle in its sentence (`claim_cues`: the starts of
/// all claim cues, sorted): the walk already knows that clause's speaker.
pub(crate) fn subject_span(ctx: &Ctx<'_>, claim_cues: &[usize], cue: Span) -> Option<Span> {
    let range = ctx.token_range(cue);
    let words: Vec<usize> = range.filter(|&i| ctx.is_word(i)).collect();
    let &[word] = &words[..] else { return None };
    let (verb, subject) = host_subject(ctx, word)?;
    // A claim's cue earlier in the sentence ("وقال الحاج - في تصريح … - أن …، موضحا"): the
    // participle goes on from that clause, whose speaker the walk's history holds.
    let from = ctx.tokens[verb].span.start().min(sentence_start(ctx, cue.start()));
    let before = claim_cues.partition_point(|&c| c < from);
    if claim_cues[before..].first().is_some_and(|&c| c < cue.start()) {
        return None;
    }
    Some(ctx.span(subject.start, subject.end - 1))
}

/// Most words a subject noun phrase is read over.
const MAX_SUBJECT_WORDS: usize = 8;

/// Where the sentence holding byte `at` starts.
fn sentence_start(ctx: &Ctx<'_>, at: usize) -> usize {
    ctx.sentence_of(at).map_or(at, |s| ctx.sentences[s].span.start())
}

/// The tokens of the subject of the main verb of the sentence holding the participle `cue`
/// (one word), and the token of that verb; `None` when the cue is no ḥāl participle or the
/// sentence has no subject to give it.
pub(crate) fn host_subject(ctx: &Ctx<'_>, cue: usize) -> Option<(usize, Range<usize>)> {
    let continues = is_hal_participle(ctx, cue)
        || after_pronoun_contrast(ctx, cue)
        || coordinated_after_comma(ctx, cue);
    if ctx.lang != Lang::Ar || !continues {
        return None;
    }
    let sentence = ctx.sentence_of(ctx.tokens[cue].span.start())?;
    let toks = ctx.token_range(ctx.sentences[sentence].span);
    let verb = main_verb(ctx, toks.start, cue)?;
    let end = subject_end(ctx, verb + 1, cue);
    // "وزير الصحة في حكومة تصريف الأعمال الدكتور فراس الأبيض": a role, its prepositional phrase
    // and the holder's name after an honorific are read as one by the titled names the walk
    // scans, which `resolve` finds in the sentence: no subject is given from here.
    if (verb + 2..end).any(|t| ctx.cat(t) == Some(Cat::Honorific)) {
        return None;
    }
    if end <= verb + 1 {
        return None;
    }
    // "كشف وزير الأشغال العامة والنقل، كريم منصور، عن خطة …، موضحا": a name between commas
    // after the role is its holder, whom the participle continues.
    Some((verb, apposed_name(ctx, end, cue).unwrap_or(verb + 1..end)))
}

/// Most words of a name in apposition between commas ("، كريم منصور،").
const MAX_APPOSED_WORDS: usize = 4;

/// The tokens of a name between the comma at `comma` and the next one, before `cue`: words
/// that read as a name, the first no stop word ("، في بيان لأعضائها،" is an insertion).
fn apposed_name(ctx: &Ctx<'_>, comma: usize, cue: usize) -> Option<Range<usize>> {
    if !is_comma(ctx.orig(comma)) || ctx.cat(comma + 1) == Some(Cat::Stop) {
        return None;
    }
    let close = (comma + 1..cue.min(comma + 2 + MAX_APPOSED_WORDS))
        .find(|&t| !ctx.is_word(t))
        .filter(|&t| is_comma(ctx.orig(t)) && t > comma + 1)?;
    let name = comma + 1..close;
    matches!(mention::parse(ctx, name.clone())?.form, Form::Person | Form::Name).then_some(name)
}

/// True when the word before the cue `cue` is «لكن» with the pronoun of its subject («أبدى …
/// ارتياحه للقرار، لكنه طالب …»): the pronoun stands for the subject of the sentence's main verb,
/// as a ḥāl's unwritten subject does.
fn after_pronoun_contrast(ctx: &Ctx<'_>, cue: usize) -> bool {
    cue.checked_sub(1)
        .is_some_and(|before| isnad_text::arabic::contrast_with_pronoun(ctx.folded(before)))
}

/// True when the cue `cue` carries و right after a comma («انتقد النائب …، محمد …، تأخر الحكومة،
/// وقال إن …»): a verb coordinated with the sentence's main verb shares its subject. (When that
/// verb is itself a claim's cue, [`subject_span`] leaves the subject to the walk's history.)
fn coordinated_after_comma(ctx: &Ctx<'_>, cue: usize) -> bool {
    let w = ctx.folded(cue);
    w.starts_with('و') && w.chars().count() >= 4 && cue > 0 && is_comma(ctx.orig(cue - 1))
}

/// True when the word at `cue` has the shape of an accusative active participle (مؤكدا، مشيرة،
/// قائلا، واصفين) and follows a comma or carries و: a ḥāl after its clause.
fn is_hal_participle(ctx: &Ctx<'_>, cue: usize) -> bool {
    let w = ctx.folded(cue);
    let bare = w.strip_prefix(['و', 'ف']).filter(|r| r.chars().count() >= 5).unwrap_or(w);
    let chars: Vec<char> = bare.chars().collect();
    if chars.len() < 5 {
        return false;
    }
    let ending = ["ا", "ه", "ين", "ات"].iter().any(|e| bare.ends_with(e));
    // مُفعِل (مؤكد، مشير) or فاعل (قائل، واصف، لافت)
    let shape = chars[0] == 'م' || chars[2] == 'ا' || chars[1] == 'ا';
    let after_clause = bare.len() < w.len() || (cue > 0 && is_comma(ctx.orig(cue - 1)));
    ending && shape && after_clause
}

/// The first verb of the clause from `start` to `cue`: the first word, after a dateline ("بيروت
/// -") and a fronted circumstance that opens with a stop word and ends with a comma within a few
/// words ("وفي السياق،", "من جهتها،", "وفي هذا الإطار،"). (The stop list holds verbs too, "استقبل":
/// a verb's clause runs on past those few words, or its comma is the participle's own; the
/// common verbs are marked `stop-verb` and never open a fronted circumstance.) A word
/// with the article, a title or a name is no verb.
fn main_verb(ctx: &Ctx<'_>, start: usize, cue: usize) -> Option<usize> {
    let mut i = start;
    // "بيروت - رحب …": a place and a dash open the first paragraph.
    if let Some(dash) = (i..cue.min(i + 4)).find(|&t| matches!(ctx.orig(t), "-" | "–" | "—"))
        && (i..dash).all(|t| ctx.is_word(t))
    {
        i = dash + 1;
    }
    let word = (i..cue).find(|&t| ctx.is_word(t))?;
    // (A verb opens the clause itself: "وكشفت وزيرة البيئة، ليلى حداد، عن …" has its subject
    // and a name in apposition before the comma, no fronted circumstance.)
    let w = ctx.folded(word);
    let verb_word =
        [w, w.strip_prefix(['و', 'ف']).unwrap_or(w)].iter().any(|f| ctx.lex.verbs.contains(*f));
    let after_fronted = (ctx.cat(word) == Some(Cat::Stop) && !verb_word)
        .then(|| (word..cue.min(word + MAX_FRONTED)).find(|&t| is_comma(ctx.orig(t))))
        .flatten()
        .and_then(|comma| (comma + 1..cue).find(|&t| ctx.is_word(t)));
    let verb = after_fronted.unwrap_or(word);
    let nominal = ctx.definite(verb)
        || matches!(ctx.cat(verb), Some(Cat::Title | Cat::Honorific | Cat::Org | Cat::OrgName));
    (!nominal && verb + 1 < cue).then_some(verb)
}

/// Most tokens of a fronted circumstance, its comma included ("وفي تصريح لقناة محلية،").
const MAX_FRONTED: usize = 5;

/// Where the subject starting at `from` ends (exclusive): before punctuation, a stop word (unless
/// an honorific and a name follow within a few words), a
/// preposition glued to a word ("بقرار" after "اللبنانية", "بالخطوة") unless a title or
/// honorific is right before it, an accusative written with its tanween ("وفدًا"), or a noun in
/// construct with a definite word after a definite word ("الحزب الاشتراكي سياسة الحكومة": the
/// object begins). After a title or an honorific a name may follow whatever it starts with
/// ("الرئيس بشار الأسد").
fn subject_end(ctx: &Ctx<'_>, from: usize, cue: usize) -> usize {
    let mut j = from;
    while j < cue && j - from < MAX_SUBJECT_WORDS {
        // "المتحدث باسم الحزب": a spokesman's role goes on after باسم.
        let spokesman = j > from && ctx.cat(j - 1) == Some(Cat::Title) && ctx.folded(j) == "باسم";
        if spokesman {
            j += 1;
            continue;
        }
        if ctx.is_word(j) && ctx.cat(j) == Some(Cat::Stop) && j > from {
            // "وزير الصحة العامة في حكومة تصريف الأعمال الدكتور فراس الأبيض": a role's
            // prepositional phrase, then the person's honorific and name.
            match honorific_after(ctx, j, cue) {
                Some(h) => {
                    j = h + 1;
                    continue;
                }
                // "رئيس لجنة التجار في الغرفة التجارية، عبدالرحمن باعشن،": after a role, its
                // prepositional phrase up to the comma of the holder's name in apposition.
                None => return role_phrase_comma(ctx, from, j, cue).unwrap_or(j),
            }
        }
        if !ctx.is_word(j) || ctx.cat(j) == Some(Cat::Stop) {
            break;
        }
        let w = ctx.folded(j);
        let prev_named =
            j > from && matches!(ctx.cat(j - 1), Some(Cat::Title | Cat::Honorific | Cat::Particle));
        let after_definite = j > from && ctx.definite(j - 1) && !prev_named;
        let governed = w.strip_prefix(['و', 'ف']).unwrap_or(w).starts_with(['ب', 'ل']);
        // (an accusative with its tanween, "وفدًا", is the object)
        let accusative = ctx.orig(j).ends_with(['\u{64b}']) || ctx.orig(j).ends_with("\u{64b}ا");
        if j > from && (accusative || governed && !prev_named) {
            break;
        }
        let construct = !ctx.definite(j)
            && j + 1 < cue
            && ctx.is_word(j + 1)
            && ctx.definite(j + 1)
            && ctx.cat(j) != Some(Cat::Particle);
        if after_definite && construct {
            break;
        }
        j += 1;
    }
    j
}

/// The comma that closes the prepositional phrase at the stop word `j` of a role starting at
/// `from` (a title), when a name in apposition follows it: the subject's end.
fn role_phrase_comma(ctx: &Ctx<'_>, from: usize, j: usize, cue: usize) -> Option<usize> {
    if ctx.cat(from) != Some(Cat::Title) {
        return None;
    }
    let comma = (j + 1..cue.min(j + 7)).find(|&t| !ctx.is_word(t))?;
    apposed_name(ctx, comma, cue).map(|_| comma)
}

/// The honorific ("الدكتور", "السيد") a few words after the stop word at `j`, with only words
/// between: the name of the role's holder follows it.
fn honorific_after(ctx: &Ctx<'_>, j: usize, cue: usize) -> Option<usize> {
    (j + 1..cue.min(j + 7))
        .take_while(|&t| ctx.is_word(t))
        .find(|&t| ctx.cat(t) == Some(Cat::Honorific))
}
