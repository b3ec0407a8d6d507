//! Reading a speaker mention: which part is a name, which a role, and what kind of thing it is.
//!
//! A mention is first split at top-level commas ("المتحدث باسم الكرملين، دميتري بيسكوف",
//! "Dmitry Peskov, the Kremlin spokesman"): each piece is a name, a role, an organisation, a group,
//! a pronoun, a document or an anaphor. In Arabic a name is the run of words at the end of a piece
//! that are not role words, starting with a word without the article (given names do not take
//! it; "الناخب الوطني وليد الركراكي" → name "وليد الركراكي", role "الناخب الوطني"). In English a
//! name is the run of capitalised words at the end ("Kremlin spokesman Dmitry Peskov").

use isnad_core::Span;

use crate::ctx::{Cover, Ctx, Hit, Lang, is_comma, is_quote_or_bracket};
use crate::lexicon::{Agr, Cat, LangLex};
use crate::morph;

mod arabic;
mod english;
use arabic::parse_ar;
use english::parse_en;

/// What a mention is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Form {
    /// A person's name, maybe with roles.
    Person,
    /// An organisation ("وزارة الخارجية الروسية", "the State Department", "الوزارة").
    Org,
    /// Several people ("وزراء خارجية بريطانيا وألمانيا وفرنسا", "officials").
    Group,
    /// A role without a name ("المتحدث باسم الكرملين", "a senior official").
    Role,
    /// "المتحدث نفسه": the previous speaker.
    Anaphor,
    /// "البيان", "the statement": stands for its author.
    Document,
    /// "he", "she", "they".
    Pronoun,
    /// A name of unknown kind ("بيسكوف", "يسرائيل هيوم", "Trump").
    Name,
}

/// A name as written, with its comparison keys.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct NameForm {
    pub text: String,
    pub keys: Vec<String>,
}

/// A role phrase, with the key of its head noun and the skeletons of its other content words.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct RoleForm {
    pub text: String,
    pub head: String,
    pub quals: Vec<String>,
}

impl RoleForm {
    /// Same head, and the qualifiers of one contained in the other's ("رئيس الحكومة" and
    /// "الرئيس"; "المتحدث باسم الكرملين" and "المتحدث باسم الرئاسة الروسية (الكرملين)").
    pub fn compatible(&self, other: &RoleForm) -> bool {
        self.head == other.head
            && (subset(&self.quals, &other.quals) || subset(&other.quals, &self.quals))
    }

    /// Same head and the same qualifiers.
    pub fn same(&self, other: &RoleForm) -> bool {
        self.head == other.head
            && subset(&self.quals, &other.quals)
            && subset(&other.quals, &self.quals)
    }
}

fn subset(a: &[String], b: &[String]) -> bool {
    a.iter().all(|x| b.contains(x))
}

/// A mention read.
#[derive(Clone, Debug)]
pub(crate) struct Parsed {
    pub span: Span,
    pub form: Form,
    pub name: Option<NameForm>,
    pub roles: Vec<RoleForm>,
    /// Other names given in quotes or brackets right after the name ("منظمة العفو الدولية
    /// "أمنستى"").
    pub aliases: Vec<NameForm>,
    /// Key of the head noun of an organisation or group ("وزاره", "department").
    pub head: Option<String>,
    /// For organisations: the keys of the name without its head ("الخارجية الروسية" for
    /// "وزارة الخارجية الروسية").
    pub rest: Vec<String>,
    /// Only a head with the article and maybe adjectives: refers back ("الوزارة", "the ministry").
    pub bare: bool,
    /// English: a definite description of an organisation in lower case ("the health
    /// authority", "the Gqeberha-based group"): with no organisation of its name or head met,
    /// it is the organisation named last.
    pub described: bool,
    /// Longer forms to list among the aliases without making them the name.
    pub descs: Vec<String>,
    /// Agreement known from the words themselves.
    pub agr: Agr,
    /// The mention as written, cleaned of surrounding punctuation.
    pub text: String,
}

/// Comparison keys of folded words, with a lone "عبد" joined to the word after it.
pub(crate) fn name_keys<'a>(words: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut keys: Vec<String> = Vec::new();
    let mut join = false;
    for w in words {
        let k = morph::word_key_ref(w);
        if k.is_empty() {
            continue;
        }
        if join && let Some(last) = keys.last_mut() {
            last.push_str(&k);
            join = false;
            continue;
        }
        join = k == "عبد";
        keys.push(k.into_owned());
    }
    keys
}

/// Reads a role phrase given as a string (gazetteer roles, role chunks of mentions).
pub(crate) fn role_from_str(text: &str, lang: Lang, lex: &LangLex) -> Option<RoleForm> {
    let folded = isnad_text::fold(text);
    let words: Vec<&str> = folded.split(' ').filter(|w| !w.is_empty()).collect();
    role_from_words(text, &words, lang, lex)
}

/// Reads the role phrase of tokens `a..=b` from their folded forms (no refolding).
fn role_from_tokens(ctx: &Ctx<'_>, a: usize, b: usize) -> Option<RoleForm> {
    let words: Vec<&str> = (a..=b).map(|i| ctx.folded(i)).collect();
    role_from_words(ctx.slice(a, b), &words, ctx.lang, ctx.lex)
}

fn role_from_words(text: &str, words: &[&str], lang: Lang, lex: &LangLex) -> Option<RoleForm> {
    let found = lex.find_in_words(words);
    let titles = found.iter().filter(|(_, _, e)| e.cat == Cat::Title);
    // Arabic heads come first ("المتحدث باسم الكرملين"), English heads last ("Kremlin spokesman").
    let &(hs, hn, _) = match lang {
        Lang::Ar => titles.clone().next(),
        Lang::En => titles.clone().next_back(),
    }?;
    let head_key = match lang {
        Lang::Ar => morph::word_key(words[hs]),
        Lang::En => morph::word_key(words[hs + hn - 1]),
    };
    // "Sen." and "senator" head the same role.
    let head_key = lex.full.get(&head_key).cloned().unwrap_or(head_key);
    let mut quals = Vec::new();
    for (k, w) in words.iter().enumerate() {
        if k >= hs && k < hs + hn {
            continue;
        }
        let skip = found.iter().any(|&(s, n, e)| {
            s <= k
                && k < s + n
                && matches!(e.cat, Cat::Stop | Cat::Particle | Cat::Honorific | Cat::Before)
        });
        let key = morph::word_key_ref(w);
        if skip || key.chars().count() < 2 || key.chars().all(|c| !c.is_alphanumeric()) {
            continue;
        }
        let sk = morph::skeleton(&key);
        if !quals.contains(&sk) {
            quals.push(sk);
        }
    }
    Some(RoleForm { text: text.trim().to_string(), head: head_key, quals })
}

/// Reads the mention covering tokens `range`.
pub(crate) fn parse(ctx: &Ctx<'_>, range: std::ops::Range<usize>) -> Option<Parsed> {
    let toks: Vec<usize> = range.collect();
    let first_word = toks.iter().position(|&i| ctx.is_word(i))?;
    let mut last_word = toks.iter().rposition(|&i| ctx.is_word(i))?;
    // A closing mark after the last word closes a quoted alias ("منظمة العفو الدولية
    // «أمنستى»"): kept, so that the alias is read as one.
    while last_word + 1 < toks.len()
        && matches!(ctx.orig(toks[last_word + 1]), "\"" | "”" | "»" | ")")
        && toks[..=last_word].iter().any(|&t| is_quote_or_bracket(ctx.orig(t)))
    {
        last_word += 1;
    }
    let toks = &toks[first_word..=last_word];
    let span = ctx.span(toks[0], toks[toks.len() - 1]);
    // Split at commas outside brackets. The pieces are the runs of `toks` between those commas,
    // kept as ranges of positions in `toks` (one vector, not one per piece).
    let mut bounds: Vec<(usize, usize)> = Vec::with_capacity(4);
    let mut depth = 0i32;
    let mut from = 0;
    for (k, &i) in toks.iter().enumerate() {
        let o = ctx.orig(i);
        match o {
            "(" | "[" => depth += 1,
            ")" | "]" => depth -= 1,
            _ => {}
        }
        if depth <= 0 && is_comma(o) {
            bounds.push((from, k));
            from = k + 1;
        }
    }
    bounds.push((from, toks.len()));
    let seg = |k: usize| &toks[bounds[k].0..bounds[k].1];
    let mut pieces: Vec<(usize, Parsed)> = (0..bounds.len())
        .map(|k| (k, seg(k)))
        .filter(|(_, s)| s.iter().any(|&i| ctx.is_word(i)))
        .filter_map(|(k, s)| {
            match ctx.lang {
                Lang::Ar => parse_ar(ctx, s),
                Lang::En => parse_en(ctx, s),
            }
            .map(|p| (k, p))
        })
        .collect();
    if pieces.is_empty() {
        return None;
    }
    // Combine: the piece with a name (or the first one) takes the roles of role pieces. A name
    // in apposition after a role comes first (see `apposed_after_role`): the role phrase before
    // it may end in words that read like a name ("رئيسة الجمعية المغربية لحماية المستهلك").
    let main = apposed_after_role(ctx, &pieces, &bounds, toks)
        .or_else(|| {
            pieces.iter().position(|(_, p)| {
                matches!(p.form, Form::Person | Form::Name | Form::Org | Form::Group)
            })
        })
        .unwrap_or(0);
    let apposed = pieces[main].1.name.is_some() && main > 0;
    let (main_seg, mut out) = pieces.remove(main);
    let (mut first_seg, mut last_seg) = (main_seg, main_seg);
    for (k, p) in pieces {
        // (the role before an apposed name keeps its roles, not the words it read as a name)
        let role_before = apposed && k < main_seg && p.form == Form::Person;
        if p.form == Form::Role || (p.form == Form::Person && p.name.is_none()) || role_before {
            out.roles.extend(p.roles);
            out.agr = out.agr.merge(p.agr);
            first_seg = first_seg.min(k);
            last_seg = last_seg.max(k);
        }
    }
    // The text stands for the pieces used: a relative clause after them (", which lent …") is
    // left out of the description.
    let used = (first_seg..=last_seg).map(seg);
    let used_first = used.clone().find_map(|s| s.first().copied());
    let used_last = used.rev().find_map(|s| s.last().copied());
    let toks = match used_last {
        None => toks,
        Some(last) => &toks[..=toks.iter().position(|&t| t == last).unwrap_or(toks.len() - 1)],
    };
    let toks = &toks[toks.iter().position(|&t| t == used_first.unwrap_or(toks[0])).unwrap_or(0)..];
    if out.form == Form::Name && !out.roles.is_empty() {
        out.form = Form::Person;
    }
    out.span = span;
    // A document's author keeps the author's own words ("الوزارة" of "بيان الوزارة").
    if out.text.is_empty() {
        out.text = clean_text(ctx, toks);
    }
    Some(out)
}

/// In Arabic, the index in `pieces` of a name in apposition after a role ("رئيسة الجمعية
/// المغربية لحماية المستهلك، السيدة فاطمة الزهراء بنعلي", "المدرب الأرجنتيني لفريق الشباب، ماركوس
/// ألونسو"): a piece that follows a piece led by a title and is either led by an honorific (a
/// sure sign of a name) or by a definite title with a name after it ("المهندس سمير الخطيب"), or
/// is a bare name of two to four plain words, the first without the article. (An honorific marks a name after any phrase: "كبير الاقتصاديين في بنك الخليج،
/// الدكتور سامي الكعبي".)
fn apposed_after_role(
    ctx: &Ctx<'_>,
    pieces: &[(usize, Parsed)],
    bounds: &[(usize, usize)],
    toks: &[usize],
) -> Option<usize> {
    if ctx.lang != Lang::Ar || pieces.len() < 2 {
        return None;
    }
    let words = |k: usize| -> Vec<usize> {
        toks[bounds[k].0..bounds[k].1].iter().copied().filter(|&i| ctx.is_word(i)).collect()
    };
    let led_by = |k: usize, cats: &[Cat]| {
        words(k)
            .first()
            .is_some_and(|&w| ctx.starts_entry(w) && ctx.cat(w).is_some_and(|c| cats.contains(&c)))
    };
    (1..pieces.len()).find(|&n| {
        let (k, p) = &pieces[n];
        let (prev, _) = &pieces[n - 1];
        if *prev + 1 != *k {
            return false;
        }
        let w = words(*k);
        // A definite title before a name marks it as an honorific does ("مدير زراعة نابلس،
        // المهندس سمير الخطيب"): the role before may end in a place read as a name.
        let titled = led_by(*k, &[Cat::Honorific])
            || (led_by(*k, &[Cat::Title])
                && led_by(*prev, &[Cat::Title, Cat::Honorific])
                && w.len() >= 3
                && ctx.definite(w[0]));
        let honorific = p.form == Form::Person && p.name.is_some() && titled;
        let bare_name = led_by(*prev, &[Cat::Title, Cat::Honorific])
            && p.form == Form::Name
            && (2..=4).contains(&w.len())
            && !ctx.definite(w[0])
            && w.iter().all(|&i| matches!(ctx.cat(i), None | Some(Cat::Particle)));
        honorific || bare_name
    })
}

/// The original text of tokens, without quotation marks and outer punctuation.
fn clean_text(ctx: &Ctx<'_>, toks: &[usize]) -> String {
    // Sized once: the tokens and single spaces between them never take more room than the text
    // they come from (growing the string piece by piece cost more than the rest of the reading).
    let room = match (toks.first(), toks.last()) {
        (Some(&a), Some(&b)) => ctx.tokens[b].span.end().saturating_sub(ctx.tokens[a].span.start()),
        _ => 0,
    };
    let mut out = String::with_capacity(room);
    let mut prev_end: Option<usize> = None;
    for (k, &i) in toks.iter().enumerate() {
        let o = ctx.orig(i);
        if matches!(o, "\"" | "“" | "”" | "„" | "«" | "»") {
            continue;
        }
        let t = &ctx.tokens[i];
        if let Some(e) = prev_end
            && t.span.start() > e
        {
            out.push(' ');
        }
        out.push_str(o);
        prev_end = Some(t.span.end());
        // The words of a name may come without the marks glued to them; the name keeps them.
        let next_glued =
            toks.get(k + 1).is_some_and(|&n| ctx.tokens[n].span.start() == t.span.end());
        if !next_glued && let Some(mark) = glued_mark(o, &ctx.text[t.span.end()..]) {
            out.push(mark);
            prev_end = Some(t.span.end() + mark.len_utf8());
        }
    }
    trim_outer(out)
}

/// The mark glued to word `o` of a name in the text `after` it that the name keeps: the period of
/// an initial ("R. Senthil", "Donald J. Trump") and the apostrophe of a plural possessive inside
/// an organisation's name ("Manitoba Teachers' Society").
fn glued_mark(o: &str, after: &str) -> Option<char> {
    let mark = after.chars().next()?;
    let initial = mark == '.' && o.chars().count() == 1 && o.starts_with(char::is_uppercase);
    let possessive = matches!(mark, '\'' | '’')
        && o.ends_with('s')
        && o.starts_with(char::is_uppercase)
        && after[mark.len_utf8()..].starts_with(' ');
    (initial || possessive).then_some(mark)
}

/// `s.trim_matches(…).to_string()` for whitespace and outer punctuation, without a second string.
fn trim_outer(mut s: String) -> String {
    let outer = |c: char| c.is_whitespace() || matches!(c, ',' | '،' | '-' | ':' | '.');
    s.truncate(s.trim_end_matches(outer).len());
    let lead = s.len() - s.trim_start_matches(outer).len();
    s.drain(..lead);
    s
}

fn name_form(ctx: &Ctx<'_>, words: &[usize]) -> NameForm {
    let mut text = clean_text(ctx, words);
    // "Clinton's", "Obama’s": the possessive is not part of the name.
    for suffix in ["'s", "’s"] {
        if let Some(t) = text.strip_suffix(suffix) {
            text.truncate(t.len());
        }
    }
    let keys = name_keys(words.iter().filter(|&&i| ctx.is_word(i)).map(|&i| ctx.folded(i)));
    NameForm { text, keys }
}

fn empty(span: Span, form: Form) -> Parsed {
    Parsed {
        span,
        form,
        name: None,
        roles: Vec::new(),
        aliases: Vec::new(),
        head: None,
        rest: Vec::new(),
        bare: false,
        described: false,
        descs: Vec::new(),
        agr: Agr::NONE,
        text: String::new(),
    }
}

/// Words of a piece after a trailing quoted or bracketed alias has been taken off.
fn split_alias<'s>(ctx: &Ctx<'_>, seg: &'s [usize]) -> (&'s [usize], Option<NameForm>) {
    let n = seg.len();
    if n >= 3
        && is_quote_or_bracket(ctx.orig(seg[n - 1]))
        && let Some(open) = (0..n - 1).rev().find(|&k| is_quote_or_bracket(ctx.orig(seg[k])))
    {
        let inner: Vec<usize> =
            seg[open + 1..n - 1].iter().copied().filter(|&i| ctx.is_word(i)).collect();
        let before = seg[..open].iter().filter(|&&i| ctx.is_word(i)).count();
        // (after a preposition written apart the quotation is its object, no alias: «تقرير
        // لـ"مرصد الأجور"»)
        let governed = open > 0 && ctx.detached_preposition(seg[open - 1]);
        if !inner.is_empty() && inner.len() <= 3 && before > 0 && !governed {
            return (&seg[..open], Some(name_form(ctx, &inner)));
        }
    }
    (seg, None)
}

/// A role in apposition right after a mention: "جمال رائف، الكاتب والباحث السياسي، …",
/// "Dmitry Peskov, the Kremlin spokesman, said".
pub(crate) fn trailing_role(ctx: &Ctx<'_>, after: usize, limit: usize) -> Option<RoleForm> {
    let n = ctx.tokens.len();
    if after >= n || !is_comma(ctx.orig(after)) {
        return None;
    }
    let mut i = after + 1;
    let mut title = false;
    // "Tomas Berg, the museum's head curator": English appositions open with a determiner.
    let det = ctx.lang == Lang::En && i < n && matches!(ctx.folded(i), "the" | "a" | "an");
    if det {
        i += 1;
    }
    let start = i;
    while i < n && i < start + 10 && ctx.tokens[i].span.start() < limit {
        if !ctx.is_word(i) {
            let o = ctx.orig(i);
            if !matches!(o, "(" | ")" | "“" | "”" | "\"" | "«" | "»" | "-") {
                break;
            }
            i += 1;
            continue;
        }
        match ctx.cat(i) {
            Some(Cat::Title) => title = true,
            // "الخبير في الشؤون الإقليمية", "a spokesman for the port authority": a preposition
            // before a definite word continues the role.
            Some(Cat::Stop)
                if title
                    && i + 1 < n
                    && match ctx.lang {
                        Lang::Ar => {
                            matches!(ctx.folded(i), "في" | "فى" | "باسم" | "لدى" | "عن")
                                && (ctx.definite(i + 1)
                                    || matches!(ctx.cat(i + 1), Some(Cat::Org | Cat::OrgName)))
                        }
                        // "a spokeswoman for the foreign ministry": the preposition's article too.
                        Lang::En => {
                            (matches!(ctx.folded(i), "of" | "for" | "at" | "in")
                                || (matches!(ctx.folded(i), "the" | "a" | "an")
                                    && i > 0
                                    && matches!(ctx.folded(i - 1), "of" | "for" | "at" | "in")))
                                && ctx.is_word(i + 1)
                        }
                    } => {}
            Some(Cat::Stop | Cat::Before | Cat::Pronoun) => break,
            _ => {}
        }
        // Arabic appositions open with their title; English titles come last ("the museum's head curator").
        if i == start && !title && ctx.lang == Lang::Ar {
            return None;
        }
        i += 1;
    }
    if !title || i == start {
        return None;
    }
    let mut last = i - 1;
    while last > start && !ctx.is_word(last) && !matches!(ctx.orig(last), ")" | "”" | "»") {
        last -= 1;
    }
    // "the department's chief engineer" keeps its article: without it the possessive dangles.
    let first = if det && possessive(ctx.orig(start)) { start - 1 } else { start };
    role_from_tokens(ctx, first, last)
}

/// A role-only Arabic mention read on into the text with the running-text grammar: "[القيادي]
/// في حركة حماس أسامة حمدان" is Osama Hamdan. Returns the mention re-read over the longer
/// stretch when that yields a name before `limit`.
pub(crate) fn extend_role(
    ctx: &Ctx<'_>,
    range: std::ops::Range<usize>,
    limit: usize,
) -> Option<Parsed> {
    if ctx.lang != Lang::Ar {
        return None;
    }
    let t = range.clone().find(|&i| {
        ctx.starts_entry(i) && matches!(ctx.cat(i), Some(Cat::Title | Cat::Honorific))
    })?;
    let h = ctx.hit(t)?;
    let j = window_ar(ctx, t, h.len as usize);
    if j <= range.end || ctx.tokens[j - 1].span.end() > limit {
        return None;
    }
    parse(ctx, range.start..j).filter(|p| p.form == Form::Person && p.name.is_some())
}

/// A name right after a role-only mention, behind an optional quoted or bracketed alias or an
/// abbreviation dot: "[الأمين العام لحلف شمال الأطلسي] “الناتو” مارك روته", "[وزير الإعلام
/// المحامي د]. بول مرقص". Mentions cut short by the quote stage still find their person.
pub(crate) fn trailing_name(ctx: &Ctx<'_>, after: usize, limit: usize) -> Option<NameForm> {
    let n = ctx.tokens.len();
    let mut j = after;
    if j < n && ctx.orig(j) == "." && j > 0 && ctx.cat(j - 1) == Some(Cat::Honorific) {
        j += 1;
    } else if j < n && is_quote_or_bracket(ctx.orig(j)) {
        let close = (j + 1..(j + 5).min(n)).find(|&k| is_quote_or_bracket(ctx.orig(k)))?;
        j = close + 1;
    }
    let start = j;
    if ctx.lang == Lang::Ar && start > 0 && construct_head(ctx, start - 1) {
        return None;
    }
    // Only after a complete role (ending in a definite word), an honorific's dot or a quoted
    // alias: "مصدر دبلوماسي قوله" is a source and his words, not a source named "قوله".
    if ctx.lang == Lang::Ar && start == after && !ctx.definite(after.saturating_sub(1)) {
        return None;
    }
    while j < n
        && j < start + 5
        && ctx.tokens[j].span.end() <= limit
        && ctx.tokens[j].kind == isnad_core::TokenKind::Word
    {
        let plain = matches!(ctx.cat(j), None | Some(Cat::Particle))
            && ctx.folded(j).chars().filter(|&c| is_letter(c)).count() >= 2;
        let ok = match ctx.lang {
            Lang::Ar => {
                plain
                    && !(j == start && ctx.definite(j))
                    && !(j > start && ctx.folded(j).starts_with('و') && ctx.cat(j).is_none())
            }
            Lang::En => plain && ctx.capitalized(j),
        };
        if !ok {
            break;
        }
        j += 1;
    }
    (j > start).then(|| name_form(ctx, &(start..j).collect::<Vec<_>>()))
}

/// The walk both name scans make: only where a lexicon entry starts is there anything to do, so
/// from anywhere else it goes on to the next entry start; starts inside the skipped spans and
/// tokens without an entry are passed over (before their entry is asked for: see `Ctx`).
struct EntryWalk<'c, 'd> {
    ctx: &'c Ctx<'d>,
    starts: std::slice::Iter<'c, u32>,
    skip: crate::ctx::CoverCursor<'c>,
}

impl<'c, 'd> EntryWalk<'c, 'd> {
    fn new(ctx: &'c Ctx<'d>, skip: &'c Cover) -> Self {
        EntryWalk { ctx, starts: ctx.entry_starts().iter(), skip: skip.cursor() }
    }

    /// The first entry start at or after token `i` (never before an earlier answer) with its hit.
    fn next_from(&mut self, mut i: usize) -> Option<(usize, Hit)> {
        loop {
            i = self.starts.by_ref().map(|&t| t as usize).find(|&t| t >= i)?;
            if self.skip.contains(self.ctx.tokens[i].span.start()) {
                i += 1;
                continue;
            }
            match self.ctx.hit(i) {
                Some(h) => return Some((i, h)),
                None => i += 1,
            }
        }
    }
}

/// Organisations named in running text ("أعلنت وزارة الشؤون الإسلامية …", "the State
/// Department"): antecedents for a later bare head ("الوزارة", "the department").
pub(crate) fn scan_orgs(ctx: &Ctx<'_>, skip: &Cover) -> Vec<Parsed> {
    let mut out = Vec::new();
    let n = ctx.tokens.len();
    let mut i = 0;
    let mut walk = EntryWalk::new(ctx, skip);
    while i < n {
        let Some((t, h)) = walk.next_from(i) else { break };
        i = t;
        if h.first as usize != i || !matches!(h.entry.cat, Cat::Org | Cat::OrgName | Cat::Group) {
            i += 1;
            continue;
        }
        // A short form standing for an organisation ("رحبت الخارجية الأوكرانية", "the
        // Kremlin said"), unless it qualifies a noun before it ("الشؤون الداخلية").
        if h.entry.cat == Cat::OrgName {
            // Not when it qualifies the word before ("الشؤون الداخلية") or is its genitive
            // ("وزير الخارجية", "المتحدث باسم الخارجية").
            let governed_by_prev = i > 0
                && ctx.is_word(i - 1)
                && (ctx.definite(i - 1)
                    || matches!(
                        ctx.cat(i - 1),
                        Some(Cat::Title | Cat::Org | Cat::Group | Cat::Honorific)
                    )
                    || matches!(
                        ctx.folded(i - 1),
                        "باسم" | "في" | "فى" | "من" | "عن" | "لدى" | "of" | "at" | "for"
                    ));
            if !governed_by_prev && !h.governed {
                let mut j = i + h.len as usize;
                while ctx.lang == Lang::Ar
                    && j < n
                    && j < i + 4
                    && ctx.is_word(j)
                    && ctx.folded(j).starts_with("ال")
                    && ctx.definite(j)
                    && ctx.cat(j).is_none_or(|c| c == Cat::Adj)
                {
                    j += 1;
                }
                if let Some(p) = parse(ctx, i..j)
                    && p.form == Form::Org
                {
                    out.push(p);
                }
                i = j;
                continue;
            }
            i += 1;
            continue;
        }
        // A group introduced in running text ("نقلا عن ثلاثة دبلوماسيين غربيين"): the antecedent
        // of a later "الدبلوماسيون". Indefinite only; a definite group refers back itself.
        if h.entry.cat == Cat::Group {
            if ctx.lang == Lang::Ar && !ctx.definite(i) {
                let mut j = i + h.len as usize;
                while j < n && j < i + h.len as usize + 3 && ctx.is_word(j) && !ctx.definite(j) && {
                    let f = ctx.folded(j);
                    ctx.cat(j) == Some(Cat::Adj)
                        || f.ends_with("يين")
                        || f.ends_with("يون")
                        || f.ends_with("يه")
                } {
                    j += 1;
                }
                if let Some(p) = parse(ctx, i..j)
                    && p.form == Form::Group
                {
                    out.push(p);
                }
                i = j;
                continue;
            }
            i += 1;
            continue;
        }
        if h.entry.cat != Cat::Org {
            i += 1;
            continue;
        }
        let (a, b) = match ctx.lang {
            Lang::Ar => {
                if ctx.definite(i) || h.governed {
                    i += 1;
                    continue;
                }
                let mut j = i + h.len as usize;
                let mut proper = 0;
                while j < n && j < i + 10 && ctx.is_word(j) {
                    match ctx.cat(j) {
                        Some(
                            Cat::Stop
                            | Cat::Title
                            | Cat::Honorific
                            | Cat::Pronoun
                            | Cat::Before
                            | Cat::Anaphor,
                        ) => break,
                        None if !ctx.definite(j) => {
                            // A proper name right after the head ("دولة قطر", "حركة حماس").
                            if proper >= 2 || j > i + h.len as usize + proper {
                                break;
                            }
                            proper += 1;
                        }
                        _ => {}
                    }
                    j += 1;
                }
                (i, j)
            }
            Lang::En => {
                if !ctx.capitalized(i) {
                    i += 1;
                    continue;
                }
                let mut a = i;
                while a > 0
                    && ctx.is_word(a - 1)
                    && ctx.capitalized(a - 1)
                    && ctx.cat(a - 1).is_none_or(|c| c == Cat::OrgName)
                {
                    a -= 1;
                }
                let mut j = i + h.len as usize;
                if j + 1 < n && ctx.folded(j) == "of" && ctx.capitalized(j + 1) {
                    j += 1;
                    while j < n && ctx.is_word(j) && ctx.capitalized(j) {
                        j += 1;
                    }
                }
                (a, j)
            }
        };
        if b > a + 1
            && let Some(p) = parse(ctx, a..b)
            && p.form == Form::Org
            && !p.bare
        {
            out.push(p);
        }
        i = b.max(i + 1);
    }
    out
}

/// A quoted or bracketed alias right after a mention: "منظمة العفو الدولية "أمنستى"".
pub(crate) fn trailing_alias(ctx: &Ctx<'_>, after: usize) -> Option<NameForm> {
    let n = ctx.tokens.len();
    if after >= n || !is_quote_or_bracket(ctx.orig(after)) || matches!(ctx.orig(after), ")" | "]") {
        return None;
    }
    let mut i = after + 1;
    while i < n && ctx.is_word(i) && i <= after + 3 {
        i += 1;
    }
    if i == after + 1 || i >= n || !is_quote_or_bracket(ctx.orig(i)) {
        return None;
    }
    let words: Vec<usize> = (after + 1..i).collect();
    if words.iter().any(|&w| ctx.cat(w).is_some_and(|c| c != Cat::OrgName)) {
        return None;
    }
    Some(name_form(ctx, &words))
}

/// Titled names in running text ("برئاسة الرئيس نواف سلام", "President Barack Obama"): they
/// give roles and full names that later mentions link to ("رئيس الحكومة", "Obama").
pub(crate) fn scan(ctx: &Ctx<'_>, skip: &Cover) -> Vec<Parsed> {
    let mut out = Vec::new();
    let n = ctx.tokens.len();
    let mut i = 0;
    let mut walk = EntryWalk::new(ctx, skip);
    while i < n {
        let Some((t, h)) = walk.next_from(i) else { break };
        i = t;
        if h.first as usize != i || !matches!(h.entry.cat, Cat::Title | Cat::Honorific) {
            i += 1;
            continue;
        }
        let j = match ctx.lang {
            Lang::Ar => window_ar(ctx, i, h.len as usize),
            Lang::En => window_en(ctx, i, h.len as usize),
        };
        if j > i + 1
            && let Some(p) = parse(ctx, i..j)
            && p.form == Form::Person
            && p.name.as_ref().is_some_and(|nm| !nm.keys.is_empty() && nm.keys.len() <= 6)
        {
            out.push(p);
        }
        i = j.max(i + 1);
    }
    out
}

/// How many of `words` (starting with a given name) belong to the name. A word with the
/// article is a family name only as the second unit ("وليد الركراكي", "عبد الفتاح السيسي") or
/// in a name built with particles ("ماجد بن محمد الأنصاري"); later it is what follows the name
/// ("فيكتور أوربان القرار", "أوزاي شيندير أسلوب ترامب السياسي").
fn name_len(ctx: &Ctx<'_>, words: &[usize]) -> usize {
    let mut units = 0;
    let mut after_particle = false;
    let mut particles = false;
    for (k, &w) in words.iter().enumerate() {
        // "عمر نور-الدائم", "ربيع شمعون-حداد": a word joined to the one before by a hyphen is
        // the same part of the name (a double family name), whatever its form.
        if k > 0 && hyphen_joined(ctx, words[k - 1], w) {
            continue;
        }
        let particle = ctx.cat(w) == Some(Cat::Particle);
        particles |= particle;
        // A nisba in ـي is a family name ("محمد شياع السوداني"); another definite word that
        // late is not ("فيكتور أوربان القرار").
        if k > 0 && ctx.definite(w) && !particles && units >= 2 && !ctx.folded(w).ends_with('ي') {
            return k;
        }
        // "سليم داود بزيارة": a noun in ـة behind the preposition ب or ل is the complement of
        // what follows the name, never part of it.
        let f = ctx.folded(w);
        if k > 0 && units >= 2 && f.starts_with(['ب', 'ل']) && f.ends_with('ه') && !particle {
            return k;
        }
        if !after_particle {
            units += 1;
        }
        after_particle = particle;
    }
    words.len()
}

/// True when words `a` and `b` are written as one with a hyphen between them and no space
/// («شمعون-حداد»): a compound name, never two phrases (a spaced dash separates).
pub(crate) fn hyphen_joined(ctx: &Ctx<'_>, a: usize, b: usize) -> bool {
    b == a + 2
        && matches!(ctx.orig(a + 1), "-" | "‐" | "‑")
        && ctx.tokens[a].span.end() == ctx.tokens[a + 1].span.start()
        && ctx.tokens[a + 1].span.end() == ctx.tokens[b].span.start()
}

/// True when token `w` governs the next word as a genitive: an indefinite title ("مستشار",
/// "مصدر", "متحدث باسم") or an organisation head ("حلف", "وزارة").
fn construct_head(ctx: &Ctx<'_>, w: usize) -> bool {
    match ctx.cat(w) {
        Some(Cat::Title) => !ctx.definite(w),
        Some(Cat::Org | Cat::Group) => !ctx.definite(w),
        _ => false,
    }
}

/// True when token `j` is the dot of an abbreviated honorific ("د.", "Dr.").
fn abbrev_dot(ctx: &Ctx<'_>, j: usize) -> bool {
    j > 0 && ctx.orig(j) == "." && matches!(ctx.cat(j - 1), Some(Cat::Honorific | Cat::Title))
}

/// End of a titled name in Arabic running text: the role (title, definite words, organisation
/// and adjective words, prepositions before a definite word, more titles), then a name of one to
/// five plain words starting without the article.
fn window_ar(ctx: &Ctx<'_>, i: usize, title_len: usize) -> usize {
    let n = ctx.tokens.len();
    let mut j = i + title_len;
    while j < n && j < i + 14 {
        if !ctx.is_word(j) {
            if abbrev_dot(ctx, j) || matches!(ctx.orig(j), "(" | ")" | "“" | "”" | "«" | "»")
            {
                j += 1;
                continue;
            }
            // "المتحدث الرسمي لوزارة الخارجية، الدكتور ماجد …": the name after a comma, behind
            // an honorific.
            if is_comma(ctx.orig(j)) && j + 1 < n && ctx.cat(j + 1) == Some(Cat::Honorific) {
                j += 1;
                continue;
            }
            break;
        }
        match ctx.cat(j) {
            Some(Cat::Title | Cat::Honorific | Cat::Org | Cat::OrgName | Cat::Group | Cat::Adj) => {
            }
            Some(Cat::Stop) => {
                let prep = matches!(ctx.folded(j), "في" | "فى" | "باسم" | "لدى" | "عن" | "من");
                let complement = j + 1 < n
                    && ctx.is_word(j + 1)
                    && (ctx.definite(j + 1)
                        || matches!(ctx.cat(j + 1), Some(Cat::Org | Cat::OrgName)));
                if !(prep && complement) {
                    break;
                }
            }
            Some(_) => break,
            None if ctx.definite(j) => {}
            None => break,
        }
        j += 1;
    }
    // The genitive of an indefinite head ("حركة حماس") belongs to the role.
    if j > 0 && j < n && construct_head(ctx, j - 1) && ctx.is_word(j) && ctx.cat(j).is_none() {
        j += 1;
    }
    let mut k = 0;
    let name_start = j;
    while j < n && k < 5 {
        // ("ربيع شمعون-حداد": a hyphen glued between two words goes on with the name)
        if k > 0 && j + 1 < n && hyphen_joined(ctx, j - 1, j + 1) {
            j += 1;
            continue;
        }
        if !ctx.is_word(j)
            || ctx.tokens[j].kind != isnad_core::TokenKind::Word
            || ctx.cues.covers_token(ctx.tokens, j)
        {
            break;
        }
        if k > 0
            && name_len(ctx, &(name_start..=j).filter(|&t| ctx.is_word(t)).collect::<Vec<_>>()) <= k
        {
            break;
        }
        let plain = (matches!(ctx.cat(j), None | Some(Cat::Particle))
            || (k > 0 && ctx.cat(j) == Some(Cat::Adj) && ctx.definite(j)))
            && ctx.folded(j).chars().nth(1).is_some();
        let f = ctx.folded(j);
        if !plain
            || (k == 0 && ctx.definite(j))
            || (k > 0 && f.starts_with('و') && ctx.cat(j).is_none())
        {
            break;
        }
        j += 1;
        k += 1;
    }
    if k == 0 { i } else { j }
}

/// End of a titled name in English running text: the title words, then capitalised words.
fn window_en(ctx: &Ctx<'_>, i: usize, title_len: usize) -> usize {
    let n = ctx.tokens.len();
    let mut j = i + title_len;
    if j < n && abbrev_dot(ctx, j) {
        j += 1;
    }
    let name_end = |mut j: usize| {
        let from = j;
        while j < n
            && j < from + 4
            && ctx.is_word(j)
            && ctx.capitalized(j)
            && matches!(ctx.cat(j), None | Some(Cat::Particle))
        {
            j += 1;
        }
        j
    };
    let end = name_end(j);
    if end > j {
        return end;
    }
    // The name in apposition between commas: "Millbrook's captain, Ben Hollis, was unhappy".
    if j < n && is_comma(ctx.folded(j)) {
        let end = name_end(j + 1);
        if end > j + 2 && end < n && is_comma(ctx.folded(end)) {
            return end;
        }
    }
    i
}

/// The tokens of `seg` from word `a` to word `b` (brackets and quotes between them kept).
fn seg_between(seg: &[usize], a: usize, b: usize) -> Vec<usize> {
    seg.iter().copied().filter(|&t| t >= a && t <= b).collect()
}

/// A document standing for its author, in Arabic: "تقرير المنظمة الإقليمية للصحة الصادر في 3
/// نوفمبر" is the organisation's report, "بيان صادر عن وزارة الخارجية" the ministry's statement,
/// "دراسة أعدتها جامعة …" the university's study. The author is the genitive of an indefinite
/// document noun when it is an organisation, a role or a proper name (not "تقرير التنمية", a
/// report *on* development), or what follows an issuing word ("الصادر عن", "أعدتها"). With an
/// author the mention is the author's; without one it is the document, named by its noun phrase
/// without what follows it (participles, dates, prepositions): "دراسة حديثة".
fn document_ar(
    ctx: &Ctx<'_>,
    seg: &[usize],
    words: &[usize],
    doc_len: usize,
    mut p: Parsed,
) -> Parsed {
    // "تقرير سابق لـ"مرصد العدالة العمالية"": a preposition written apart before a quoted name
    // is not a word of the phrase (the tagger reads the name as governed by it).
    let words: Vec<usize> =
        words.iter().copied().filter(|&w| !ctx.detached_preposition(w)).collect();
    let words = &words[..];
    let w0 = words[0];
    p.form = Form::Document;
    p.agr = ctx.hit(w0).map(|h| h.entry.agr).unwrap_or_default();
    p.bare = ctx.definite(w0);
    // Where the document's noun phrase ends: after one word right after the noun (a genitive
    // or an adjective, "تقرير المنظمة", "دراسة حديثة"), only a chain of definite words goes on
    // ("المنظمة الإقليمية للصحة"; not "نشرت" in "دراسة حديثة نشرت …"). Further on, an issuing
    // word may name the author.
    let mut np_end: Option<usize> = None;
    let mut stop_end = words.len();
    let mut author: Option<(usize, usize)> = None;
    let ends_author = |w: usize| {
        matches!(
            ctx.cat(w),
            Some(Cat::Stop | Cat::Before | Cat::Pronoun | Cat::Issued | Cat::Anaphor)
        ) || ctx.tokens[w].kind == isnad_core::TokenKind::Number
    };
    let start = doc_len.min(words.len());
    for k in start..words.len() {
        let w = words[k];
        // Words separated by punctuation other than brackets and quotes are no longer the phrase.
        if seg.iter().any(|&t| {
            t > words[k - 1] && t < w && !ctx.is_word(t) && !is_quote_or_bracket(ctx.orig(t))
        }) {
            np_end.get_or_insert(k);
            stop_end = k;
            break;
        }
        if ctx.cat(w) == Some(Cat::Issued) {
            np_end.get_or_insert(k);
            stop_end = k;
            // "الصادر عن الهيئة", "صادرة من الوزارة"; a finite verb takes its subject directly.
            let from = match words.get(k + 1).map(|&n| ctx.folded(n)) {
                Some("عن" | "من") => k + 2,
                _ if !ctx.definite(w) && !ctx.folded(w).starts_with("صادر") => k + 1,
                _ => break,
            };
            let to = (from..words.len()).find(|&m| ends_author(words[m])).unwrap_or(words.len());
            if to > from {
                author = Some((from, to));
            }
            break;
        }
        if ends_author(w) {
            np_end.get_or_insert(k);
            stop_end = k;
            break;
        }
        if k > start && !(ctx.definite(w) && ctx.definite(words[k - 1])) {
            np_end.get_or_insert(k);
        }
    }
    let np_end = np_end.unwrap_or(words.len());
    // The genitive right after an indefinite document noun.
    if author.is_none() && !ctx.definite(w0) && np_end > start {
        let g = words[start];
        // Not an adjective: a nisba ("رسمي"), or a feminine ending agreeing with a feminine or
        // non-human plural noun ("دراسة حديثة", "تصريحات صحفية").
        let (fg, f0) = (ctx.folded(g), ctx.folded(w0));
        let adjective = fg.ends_with('ي')
            || fg.ends_with("يه")
            || ((f0.ends_with('ه') || f0.ends_with("ات")) && fg.ends_with('ه'));
        let proper = ctx.cat(g).is_none()
            && !adjective
            && !ctx.definite(g)
            && !ctx.hit(g).is_some_and(|h| h.governed);
        // An organisation or a role, also behind the preposition ل of the genitive ("تقرير
        // لوكالة رويترز", "بيان للأمم المتحدة"), runs to the end of the phrase; a proper name
        // over its plain words ("تصريحات دونالد ترامب").
        let named = matches!(
            ctx.cat(g),
            Some(Cat::Org | Cat::OrgName | Cat::Group | Cat::Title | Cat::Honorific)
        );
        // "بيان مشترك لمنظمات إغاثة دولية": after an adjective, the author behind ل.
        let after_adj = (adjective || ctx.cat(g) == Some(Cat::Adj))
            && start + 1 < stop_end
            && ctx.hit(words[start + 1]).is_some_and(|h| {
                h.governed
                    && matches!(h.entry.cat, Cat::Org | Cat::OrgName | Cat::Group | Cat::Title)
            });
        if named {
            author = Some((start, stop_end.min(start + 6)));
        } else if after_adj {
            author = Some((start + 1, stop_end.min(start + 7)));
        } else if proper {
            let end = (start..stop_end)
                .find(|&m| ctx.cat(words[m]).is_some() || ctx.definite(words[m]))
                .unwrap_or(stop_end);
            author = Some((start, end.max(start + 1)));
        }
    }
    if let Some((a, b)) = author {
        let toks = seg_between(seg, words[a], words[b - 1]);
        if let Some(mut q) = parse_ar(ctx, &toks)
            && q.form != Form::Document
            && (q.name.is_some() || !q.roles.is_empty())
        {
            q.text = clean_text(ctx, &toks);
            if ctx.hit(words[a]).is_some_and(|h| h.governed)
                && !ctx.after_detached_preposition(words[a])
            {
                drop_lam(ctx, &toks, &mut q);
            }
            return q;
        }
    }
    let last = words[np_end.max(1) - 1];
    p.text = clean_text(ctx, &seg_between(seg, w0, last));
    p
}

/// A document standing for its author, in English: "a report by the World Bank", "a statement
/// released by the ministry", "the ministry's statement", "a Gallup poll". The document noun
/// must head the phrase (the last word, or followed by "by", "from", an issuing participle or
/// another participle: "a traffic study commissioned by the city"). "by"/"from" and the issuing
/// participles ("released by") name the author; "commissioned by" names a client, not an author.
/// Without an author the mention is the document, named by its noun phrase without determiners
/// and without what follows the noun ("traffic study").
fn document_en(ctx: &Ctx<'_>, seg: &[usize], words: &[usize], definite: bool) -> Option<Parsed> {
    // A document noun, or any common noun an issuing participle describes ("a fare table
    // published on the website").
    // (A capitalised document noun inside a name is part of the name: "the National Statistics
    // Bureau"; at the start of a phrase it may just open a sentence: "Figures from …".)
    let doc_noun = |k: usize| {
        let i = words[k];
        ctx.cat(i) == Some(Cat::Document)
            && (!ctx.capitalized(i)
                || (k == 0 && words.get(1).is_none_or(|&n| !ctx.capitalized(n))))
    };
    let k = (0..words.len()).find(|&k| doc_noun(k)).or_else(|| {
        let q = words.iter().position(|&i| ctx.cat(i) == Some(Cat::Issued))?;
        (q > 0 && !ctx.capitalized(words[q - 1]) && ctx.cat(words[q - 1]).is_none()).then(|| q - 1)
    })?;
    let next = words.get(k + 1).copied();
    let heads = match next {
        None => true,
        Some(n) => {
            let f = ctx.folded(n);
            matches!(f, "by" | "from")
                || ctx.cat(n) == Some(Cat::Issued)
                || (f.ends_with("ed") && !ctx.capitalized(n))
        }
    };
    // "poll numbers", "report cards": the noun modifies another.
    if !heads || words[..k].iter().any(|&i| matches!(ctx.cat(i), Some(Cat::Title | Cat::Group))) {
        return None;
    }
    let doc = words[k];
    let span = ctx.span(seg[0], seg[seg.len() - 1]);
    let author: Option<Vec<usize>> = match next.map(|n| (n, ctx.folded(n))) {
        Some((_, "by" | "from")) if k + 2 < words.len() => {
            Some(seg_between(seg, words[k + 2], words[words.len() - 1]))
        }
        Some((n, _))
            if ctx.cat(n) == Some(Cat::Issued)
                && k + 3 < words.len()
                && ctx.folded(words[k + 2]) == "by" =>
        {
            Some(seg_between(seg, words[k + 3], words[words.len() - 1]))
        }
        _ => {
            // A possessive before the noun ("the ministry's statement") or capitalised words
            // right before it ("a World Bank report").
            let poss = words[..k].iter().rposition(|&i| possessive(ctx.orig(i)));
            match poss {
                Some(q) => Some(seg_between(seg, seg[0], words[q])),
                None => {
                    let mut a = k;
                    while a > 0
                        && ctx.capitalized(words[a - 1])
                        && ctx.cat(words[a - 1]) != Some(Cat::Stop)
                    {
                        a -= 1;
                    }
                    (a < k).then(|| seg_between(seg, words[a], words[k - 1]))
                }
            }
        }
    };
    if let Some(toks) = author
        && let Some(mut q) = parse_en(ctx, &toks)
        && !matches!(q.form, Form::Document | Form::Pronoun)
        && (q.name.is_some() || !q.roles.is_empty())
    {
        let t = clean_text(ctx, &toks);
        q.text = t.strip_suffix("'s").or_else(|| t.strip_suffix("’s")).unwrap_or(&t).to_string();
        return Some(q);
    }
    // "according to its website", "their latest report": with no author named, a possessive
    // pronoun before the noun makes the document its owner's, and the owner is whoever the
    // pronoun stands for (resolved as "it said", "they said" would be).
    if let Some(&q) = words[..k].iter().rev().find(|&&i| ctx.cat(i) == Some(Cat::Pronoun)) {
        let mut p = empty(span, Form::Pronoun);
        p.agr = ctx.hit(q).map(|h| h.entry.agr).unwrap_or_default();
        return Some(p);
    }
    let mut p = empty(span, Form::Document);
    p.bare = definite;
    p.agr = Agr::N;
    // "traffic study" names a new entity; "The statement" describes a known one.
    p.text = clean_text(ctx, &seg_between(seg, if definite { seg[0] } else { words[0] }, doc));
    Some(p)
}

/// A name in apposition after a role-only mention cut short by the quote stage: "[رئيسة قسم
/// الأوبئة] في جامعة الخليج الطبية، نورة القحطاني، …", "[the agency's chief economist], Mark
/// Ellis, said". The role may run on (a prepositional complement, definite words) up to a comma;
/// after it (and an optional honorific) comes a name that ends at a comma, other punctuation, a
/// function word or where the content starts (`limit`). Returns the name, and the role over the
/// mention and its continuation when it ran on.
///
/// With `honorific`, the name must open with an honorific ("، الدكتور منير العلي،"): then it
/// names the person even when the mention itself read as a name ("أستاذ هندسة البيئة" is a
/// title and its field, not a title and a name).
pub(crate) fn apposed_name(
    ctx: &Ctx<'_>,
    mention: std::ops::Range<usize>,
    limit: usize,
    honorific: bool,
) -> Option<(NameForm, Option<RoleForm>)> {
    let n = ctx.tokens.len();
    let after = mention.end;
    let mut j = after;
    while j < n && j < after + 8 && ctx.is_word(j) && ctx.tokens[j].span.end() <= limit {
        let ok = match ctx.lang {
            Lang::Ar => {
                ctx.definite(j)
                    || matches!(ctx.cat(j), Some(Cat::Org | Cat::OrgName | Cat::Adj | Cat::Title))
                    || (matches!(ctx.folded(j), "في" | "فى" | "باسم" | "لدى" | "عن" | "من")
                        && j + 1 < n
                        && ctx.is_word(j + 1)
                        && (ctx.definite(j + 1)
                            || matches!(ctx.cat(j + 1), Some(Cat::Org | Cat::OrgName))
                            // "في مستشفى الرحمة": a construct whose genitive is definite.
                            || (j + 2 < n && ctx.is_word(j + 2) && ctx.definite(j + 2))))
                    || (j > 0 && construct_head(ctx, j - 1) && ctx.cat(j).is_none())
                    || (j > after
                        && matches!(ctx.folded(j - 1), "في" | "فى" | "باسم" | "لدى" | "عن" | "من"))
            }
            Lang::En => {
                matches!(ctx.folded(j), "of" | "for" | "at" | "in" | "the")
                    || matches!(ctx.cat(j), Some(Cat::Org | Cat::OrgName | Cat::Title | Cat::Adj))
                    || (j > after
                        && matches!(ctx.folded(j - 1), "of" | "for" | "at" | "in" | "the"))
            }
        };
        if !ok {
            break;
        }
        j += 1;
    }
    if j >= n || !is_comma(ctx.orig(j)) || ctx.tokens[j].span.end() > limit {
        return None;
    }
    let role_end = j;
    j += 1;
    if honorific && !(j < n && ctx.cat(j) == Some(Cat::Honorific)) {
        return None;
    }
    if j < n && ctx.cat(j) == Some(Cat::Honorific) {
        j += 1;
        if abbrev_dot(ctx, j) {
            j += 1;
        }
    }
    // "رئيس البلدية، مساء الاثنين، إن …": a time phrase between commas tells when, not who.
    if j < n && ctx.in_timex(j) {
        return None;
    }
    let start = j;
    let mut k = 0;
    while j < n
        && k < 5
        && ctx.tokens[j].span.end() <= limit
        && ctx.tokens[j].kind == isnad_core::TokenKind::Word
    {
        let plain = matches!(ctx.cat(j), None | Some(Cat::Particle))
            && ctx.folded(j).chars().nth(1).is_some();
        let ok = match ctx.lang {
            Lang::Ar => {
                (plain || (k > 0 && ctx.cat(j) == Some(Cat::Adj) && ctx.definite(j)))
                    && !(k == 0 && ctx.definite(j))
                    && !(k > 0 && ctx.folded(j).starts_with('و') && ctx.cat(j).is_none())
                    && (k == 0 || name_len(ctx, &(start..=j).collect::<Vec<_>>()) > k)
            }
            Lang::En => plain && ctx.capitalized(j),
        };
        if !ok {
            break;
        }
        j += 1;
        k += 1;
    }
    // Two words at least in Arabic (a single plain word after a comma is as likely the start of
    // a clause); the name must end the apposition.
    let min = if ctx.lang == Lang::Ar { 2 } else { 1 };
    let closed = j >= n
        || !ctx.is_word(j)
        || ctx.tokens[j].span.start() >= limit
        || matches!(ctx.cat(j), Some(Cat::Stop))
        || (ctx.lang == Lang::En && !ctx.capitalized(j));
    if k < min || !closed {
        return None;
    }
    let name = name_form(ctx, &(start..j).collect::<Vec<_>>());
    let first = (mention.start..after).find(|&i| {
        ctx.is_word(i) && !(ctx.lang == Lang::En && matches!(ctx.folded(i), "the" | "a" | "an"))
    })?;
    let role = (role_end > after).then(|| role_from_tokens(ctx, first, role_end - 1)).flatten();
    Some((name, role))
}

/// True for an English possessive ("ministry's", "states'").
fn possessive(word: &str) -> bool {
    word.ends_with("'s") || word.ends_with("’s") || word.ends_with("s'") || word.ends_with("s’")
}

/// Arabic prepositions that govern the words after them ("في شؤون المياه", "باسم الوزارة").
fn is_preposition_ar(f: &str) -> bool {
    matches!(f, "في" | "من" | "عن" | "علي" | "الي" | "لدي" | "باسم" | "مع" | "حول" | "بين")
}

/// A document mention cut short by the quote stage, read on to its author: "[بيان صادر] عن سلطة
/// وادي الأردن", "[a report] released by the bank". Returns the author's reading of the longer
/// stretch (up to the content, `limit`), or `None` when it names no author.
pub(crate) fn trailing_author(
    ctx: &Ctx<'_>,
    range: std::ops::Range<usize>,
    limit: usize,
) -> Option<Parsed> {
    let n = ctx.tokens.len();
    let mut j = range.end;
    let linking = |j: usize| {
        matches!(ctx.folded(j), "عن" | "من" | "by" | "from")
            && j > 0
            && matches!(ctx.cat(j - 1), Some(Cat::Issued | Cat::Document))
    };
    // Only an issuing word or "by"/"عن" after the document (or its issuing word) reads on.
    if j >= n || !ctx.is_word(j) || !(ctx.cat(j) == Some(Cat::Issued) || linking(j)) {
        return None;
    }
    while j < n && j < range.end + 10 && ctx.is_word(j) && ctx.tokens[j].span.end() <= limit {
        if ctx.cat(j) == Some(Cat::Stop) && !linking(j) {
            break;
        }
        j += 1;
    }
    if j == range.end {
        return None;
    }
    parse(ctx, range.start..j)
        .filter(|p| p.form != Form::Document && (p.name.is_some() || !p.roles.is_empty()))
}

/// Takes the genitive preposition ل off the first word of an author read from "تقرير لوكالة
/// رويترز" ("لوكالة" → "وكالة", "للأمم" → "الأمم") in its name, keys and text.
fn drop_lam(ctx: &Ctx<'_>, toks: &[usize], q: &mut Parsed) {
    let fix = |w: &str| -> String {
        if let Some(r) = w.strip_prefix("لل") {
            format!("ال{r}")
        } else {
            w.strip_prefix('ل').unwrap_or(w).to_string()
        }
    };
    let Some(&first) = toks.iter().find(|&&t| ctx.is_word(t)) else { return };
    let key = morph::word_key(&fix(ctx.folded(first)));
    let orig = ctx.orig(first);
    let fixed = fix(orig);
    if let Some(n) = q.name.as_mut()
        && n.text.starts_with(orig)
        && !n.keys.is_empty()
    {
        let old_keys = n.keys.clone();
        n.text = format!("{fixed}{}", &n.text[orig.len()..]);
        n.keys[0] = key.clone();
        if q.rest == old_keys {
            q.rest = n.keys.clone();
        }
    }
    if let Some(t) = q.text.strip_prefix(orig) {
        q.text = format!("{fixed}{t}");
    }
}

/// For a mention that is only an English relative pronoun ("who", "which"), the tokens of the
/// capitalised name right before it (behind a comma): "Stumpf, who …" → "Stumpf".
pub(crate) fn relative_antecedent(
    ctx: &Ctx<'_>,
    range: std::ops::Range<usize>,
) -> Option<std::ops::Range<usize>> {
    if ctx.lang != Lang::En {
        return None;
    }
    let mut words = range.clone().filter(|&i| ctx.is_word(i));
    let (Some(word), None) = (words.next(), words.next()) else { return None };
    if !matches!(ctx.folded(word), "who" | "which") {
        return None;
    }
    let mut j = word;
    while j > 0 && !ctx.is_word(j - 1) && is_comma(ctx.orig(j - 1)) {
        j -= 1;
    }
    let end = j;
    while j > 0 && end - j < 4 && ctx.is_word(j - 1) && ctx.capitalized(j - 1) {
        j -= 1;
    }
    (j < end).then_some(j..end)
}

/// `char::is_alphabetic` with fast paths: ASCII, and the basic Arabic letter blocks (all
/// alphabetic), which are most folded characters here; the Unicode table only for the rest.
fn is_letter(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    matches!(c, '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{064A}') || c.is_alphabetic()
}

#[cfg(test)]
mod trim_tests {
    use super::trim_outer;

    #[test]
    fn trim_outer_is_trim_matches() {
        let outer = |c: char| c.is_whitespace() || matches!(c, ',' | '،' | '-' | ':' | '.');
        for s in [
            "",
            " ",
            ",",
            " ، x ،",
            "x",
            "- x -",
            "، وزير،",
            ":.x.y.:",
            "  a b  ",
            ".\u{a0}x\u{a0}.",
            "،،،",
        ] {
            assert_eq!(trim_outer(s.to_string()), s.trim_matches(outer), "{s:?}");
        }
    }
}
