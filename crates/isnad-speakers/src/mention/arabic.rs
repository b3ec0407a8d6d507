//! One piece of an Arabic speaker mention read as a pronoun, a document, a group, a role, an
//! organisation or a person: a name with its titles and honorifics, the role words around it,
//! and titles that speak for someone else («المتحدث باسم الأمين العام»: a name after them is
//! the other person's).

use crate::ctx::{Ctx, is_comma};
use crate::lexicon::{Agr, Cat};
use crate::morph;

use super::{
    Form, Parsed, clean_text, construct_head, document_ar, empty, hyphen_joined, is_preposition_ar,
    name_form, name_keys, name_len, role_from_tokens, split_alias,
};

pub(super) fn parse_ar(ctx: &Ctx<'_>, seg: &[usize]) -> Option<Parsed> {
    let (seg, alias) = split_alias(ctx, seg);
    let words: Vec<usize> = seg.iter().copied().filter(|&i| ctx.is_word(i)).collect();
    let &w0 = words.first()?;
    let span = ctx.span(seg[0], seg[seg.len() - 1]);
    let mut p = empty(span, Form::Name);
    p.aliases.extend(alias);
    let lead = ctx.hit(w0).filter(|h| h.first as usize == w0);
    if let Some(k) = words.iter().position(|&i| ctx.cat(i) == Some(Cat::Anaphor)) {
        p.form = Form::Anaphor;
        p.agr = ctx.hit(words[k]).map(|h| h.entry.agr).unwrap_or_default();
        if k > 0
            && let Some(r) = role_from_tokens(ctx, words[0], words[k - 1])
        {
            p.roles.push(r);
        }
        return Some(p);
    }
    match lead.map(|h| (h.entry.cat, h)) {
        Some((Cat::Pronoun, h)) if words.len() == 1 => {
            p.form = Form::Pronoun;
            p.agr = h.entry.agr;
            Some(p)
        }
        Some((Cat::Document, h)) => Some(document_ar(ctx, seg, &words, h.len as usize, p)),
        Some((cat @ (Cat::Group | Cat::Org | Cat::OrgName), h)) => {
            p.form = if cat == Cat::Group { Form::Group } else { Form::Org };
            p.agr = h.entry.agr;
            let after: Vec<usize> =
                words.iter().copied().filter(|&i| i >= (h.first + h.len) as usize).collect();
            if cat != Cat::OrgName {
                p.head = Some(if cat == Cat::Group {
                    morph::number_stem(&ctx.key(w0))
                } else {
                    ctx.key(w0)
                });
                p.rest = name_keys(after.iter().map(|&i| ctx.folded(i)));
                // "الوزارة", "المنظمة الحقوقية", "الوسائل": a head with the article refers back.
                p.bare = ctx.definite(w0) && after.len() <= 1;
            } else {
                p.rest = name_keys(words.iter().map(|&i| ctx.folded(i)));
            }
            // A proper name in quotes after the head is the name; words after the closing mark
            // describe it ("صحيفة “ملييت” التركية" is the newspaper Milliyet, which is Turkish).
            let close = seg.iter().rposition(|&t| matches!(ctx.orig(t), "”" | "»" | "\"" | ")"));
            let open = seg.iter().position(|&t| matches!(ctx.orig(t), "“" | "«" | "\"" | "("));
            match (open, close) {
                (Some(o), Some(c))
                    if o < c && seg[c + 1..].iter().any(|&t| ctx.is_word(t)) && o > 0 =>
                {
                    let named: Vec<usize> = seg[..c].to_vec();
                    p.name = Some(name_form(ctx, &named));
                    p.descs.push(name_form(ctx, seg).text);
                }
                _ if generic_media_head(ctx, h, &after) => {
                    p.name = Some(name_form(ctx, &after));
                }
                _ => p.name = Some(name_form(ctx, seg)),
            }
            Some(p)
        }
        Some((Cat::Title | Cat::Honorific, _)) => {
            // 'المحامي سامر "أبو زيد" العدوان': after roles too, a quoted nickname right after a
            // given name is an alias, and the name is read around it.
            if let Some((o, c)) = inner_nickname(ctx, seg)
                && ctx.cat(seg[o - 1]).is_none()
                && !ctx.definite(seg[o - 1])
            {
                let outer = take_nickname(ctx, seg, (o, c), &mut p);
                let outer_words: Vec<usize> =
                    words.iter().copied().filter(|&i| i < seg[o] || i > seg[c]).collect();
                return Some(person_ar(ctx, &outer, &outer_words, p));
            }
            Some(person_ar(ctx, seg, &words, p))
        }
        _ => {
            // A name, maybe followed by its role without a comma ("بيسكوف المتحدث باسم …").
            if let Some(k) =
                words.iter().position(|&i| ctx.cat(i) == Some(Cat::Title) && ctx.starts_entry(i))
                && k > 0
            {
                p.form = Form::Person;
                p.name = Some(name_form(ctx, &words[..k]));
                p.roles.extend(role_from_tokens(ctx, words[k], words[words.len() - 1]));
                return Some(p);
            }
            // "اللاعبون", "المحتجون": a definite sound masculine plural the lexicon does not
            // know is a group of people, and "قالوا" can stand for it; so is an indefinite one of
            // a participle ("مزارعون", "متظاهرون"), alone or before the place or body they come
            // from ("مزارعون من إقليم سطات").
            let w = words[0];
            let rest_from = words.get(1).is_none_or(|&r| is_preposition_ar(ctx.folded(r)));
            if (words.len() == 1 && sound_plural(ctx.folded(w)))
                || (rest_from && participle_plural(ctx.folded(w)))
            {
                p.form = Form::Group;
                p.agr = Agr::PL;
                p.head = Some(morph::number_stem(&ctx.key(w)));
                p.bare = true;
                p.name = Some(name_form(ctx, seg));
                return Some(p);
            }
            // 'عبد الرحيم "ود البلة" الطيب': a nickname in quotes inside a name is an alias; the
            // name is the words around it.
            if let Some((o, c)) = inner_nickname(ctx, seg) {
                let outer = take_nickname(ctx, seg, (o, c), &mut p);
                p.name = Some(name_form(ctx, &outer));
                return Some(p);
            }
            p.name = Some(name_form(ctx, seg));
            Some(p)
        }
    }
}

/// True when the organisation head `h` is a news outlet's generic head («وكالة»، «صحيفة»: `media`
/// in `data/ar.tsv`) of one word before one to three words, `after`, that have no article and
/// that the lexicon does not know: a proper name («وكالة رويترز»), which names the outlet.
fn generic_media_head(ctx: &Ctx<'_>, h: crate::ctx::Hit, after: &[usize]) -> bool {
    let w0 = h.first as usize;
    h.len == 1
        && h.entry.cat == Cat::Org
        && (1..=3).contains(&after.len())
        && after.first() == Some(&(w0 + 1))
        && after.windows(2).all(|p| p[1] == p[0] + 1)
        && after.iter().all(|&i| !ctx.definite(i) && ctx.cat(i).is_none())
        && {
            // (not `word_key`: it would read the و of «وكالة» as the conjunction; «لوكالة» is
            // an author after a document, «تقرير لوكالة رويترز»)
            let f = ctx.folded(w0);
            let conj = f.strip_prefix(['و', 'ف']).unwrap_or(f);
            let prep = conj.strip_prefix(['ل', 'ب']).unwrap_or(conj);
            [f, conj, prep].iter().any(|w| ctx.lex.media.contains(*w))
        }
}

/// The opening and closing marks of a quoted nickname of one to three words inside a name, with
/// words before and after it: 'عبد الرحيم "ود البلة" الطيب'.
fn inner_nickname(ctx: &Ctx<'_>, seg: &[usize]) -> Option<(usize, usize)> {
    let mark = |k: usize| matches!(ctx.orig(seg[k]), "\"" | "“" | "”" | "«" | "»");
    let o = (1..seg.len()).find(|&k| mark(k))?;
    let c = (o + 1..seg.len()).find(|&k| mark(k))?;
    let inner = seg[o + 1..c].iter().filter(|&&t| ctx.is_word(t)).count();
    let words = |r: &[usize]| r.iter().all(|&t| ctx.is_word(t)) && !r.is_empty();
    ((1..=3).contains(&inner) && words(&seg[..o]) && words(&seg[c + 1..])).then_some((o, c))
}

/// The piece's tokens around its quoted nickname (at marks `o` and `c`, from [`inner_nickname`]),
/// the nickname going to `p`'s aliases.
fn take_nickname(
    ctx: &Ctx<'_>,
    seg: &[usize],
    (o, c): (usize, usize),
    p: &mut Parsed,
) -> Vec<usize> {
    p.aliases.push(name_form(ctx, &seg[o + 1..c]));
    seg[..o].iter().chain(&seg[c + 1..]).copied().collect()
}

/// True for a folded word with the article and the nominative plural ending ـون on a stem of at
/// least four letters ("اللاعبون", "المراقبون"); shorter stems are singular nouns ("القانون").
fn sound_plural(folded: &str) -> bool {
    let rest = folded.trim_start_matches(['و', 'ف']);
    rest.strip_prefix("ال")
        .and_then(|r| r.strip_suffix("ون"))
        .is_some_and(|stem| stem.chars().count() >= 4)
}

/// True for a folded word without the article with the plural ending ـون on the stem of a
/// participle: م, a consonant, at least two more letters ("مزارعون", "محتجون", "مسؤولون"). Names
/// in ـون do not take that shape ("ماكرون", "هارون", "خلدون").
fn participle_plural(folded: &str) -> bool {
    let rest = folded.trim_start_matches(['و', 'ف']);
    let Some(stem) = rest.strip_suffix("ون") else { return false };
    let mut cs = stem.chars();
    cs.next() == Some('م')
        && cs.next().is_some_and(|c| !matches!(c, 'ا' | 'و' | 'ي' | 'ى'))
        && stem.chars().count() >= 4
}

/// Where the name starts in `words` of a piece that starts with a title or honorific: the
/// index of its first word, or `words.len()` when the piece names a role only.
fn name_index(ctx: &Ctx<'_>, seg: &[usize], words: &[usize]) -> usize {
    // The name: the longest run of plain words at the end, not crossing brackets or quotes.
    let mut j = words.len();
    // «ولد», «منت» («son, daughter of») follow a given name: the word before one is the name's
    // first word, even an honorific («المزارع الشيخ ولد بيده»; `filial` in `data/ar.tsv`).
    let before_filial =
        |k: usize| words.get(k + 1).is_some_and(|&n| ctx.lex.filial.contains(ctx.folded(n)));
    while j > 0 {
        let w = words[j - 1];
        let stop = match ctx.cat(w) {
            Some(Cat::Particle) | None => false,
            // A definite nisba can be a surname ("منصور التركي"); the trim below drops it when
            // no given name precedes it ("الرئيس الروسي").
            Some(Cat::Adj) => !ctx.definite(w),
            // An honorific precedes a name; one that ends the phrase is a family name ("الدكتور
            // هيثم الحاج").
            Some(Cat::Honorific) => {
                let family_name = j == words.len() && j >= 2 && ctx.cat(words[j - 2]).is_none();
                !(family_name || before_filial(j - 1))
            }
            Some(_) => true,
        };
        if stop || ctx.tokens[w].kind != isnad_core::TokenKind::Word {
            break;
        }
        if j < words.len()
            && !hyphen_joined(ctx, w, words[j])
            && seg.iter().any(|&t| t > w && t < words[j] && !ctx.is_word(t) && ctx.orig(t) != ".")
        {
            break;
        }
        j -= 1;
    }
    // Words right after a preposition are its object, not a name: "الخبيرة في شؤون المياه";
    // a name may follow the object ("المسؤول بالمفوضية في القدس شادي عثمان"): the object's
    // first word and its definite words are skipped.
    if j > 0
        && j < words.len()
        && ctx.cat(words[j - 1]) == Some(Cat::Stop)
        && is_preposition_ar(ctx.folded(words[j - 1]))
    {
        j += 1;
        while j < words.len() && ctx.definite(words[j]) {
            j += 1;
        }
    }
    // It starts with a word without the article (a given name), not with a particle like بن.
    while j < words.len() {
        let w = words[j];
        let f = ctx.folded(w);
        let name_initial =
            ctx.cat(w) != Some(Cat::Particle) || f.starts_with("عبد") || f.starts_with("ابو");
        if (ctx.definite(w) || !name_initial) && !before_filial(j) {
            j += 1;
        } else {
            break;
        }
    }
    // The word right after an indefinite title or an organisation head is its complement, not
    // its holder: "مستشار ترامب" is Trump's adviser, "مصدر وثيق الصلة" a source, "لحلف شمال
    // الأطلسي" the alliance; a name may follow it ("القيادي في حركة حماس أسامة حمدان").
    if j > 0 && j < words.len() && construct_head(ctx, words[j - 1]) {
        j += 1;
        while j < words.len()
            && (ctx.definite(words[j]) || ctx.cat(words[j]) == Some(Cat::Particle))
        {
            j += 1;
        }
    }
    // "سفير روسيا بتونس", "سفير اليابان بعمان": one last word glued to ب or ل after a role is
    // where the holder serves, not his name (a name there has two words: "سفير روسيا بسام حداد").
    if j > 0
        && j + 1 == words.len()
        && ctx.folded(words[j]).starts_with(['ب', 'ل'])
        && !ctx.lex.filial.contains(ctx.folded(words[j - 1]))
    {
        j += 1;
    }
    // "السيد الوزاني", "الدكتورة العلي": after an honorific alone, one definite word the
    // lexicon does not know is the family name.
    if j == words.len()
        && let [h, w] = words[..]
        && ctx.cat(h) == Some(Cat::Honorific)
        && ctx.cat(w).is_none()
        && ctx.definite(w)
    {
        j = 1;
    }
    j
}

/// A piece that starts with a title or honorific: roles, then maybe a name.
fn person_ar(ctx: &Ctx<'_>, seg: &[usize], words: &[usize], mut p: Parsed) -> Parsed {
    let j = name_index(ctx, seg, words);
    let mut name_start = words.get(j).copied();
    // Where the roles end: before the name, or before another person's name.
    let mut role_limit = name_start;
    if let Some(ns) = name_start
        && names_another(ctx, &words[..j])
    {
        // "المتحدث باسم الأمين العام للأمم المتحدة أنطونيو جوتيريش": the name is the
        // Secretary-General's; the spokesman is named by his role only.
        let role_toks: Vec<usize> = seg.iter().copied().filter(|&t| t < ns).collect();
        p.text = clean_text(ctx, &role_toks);
        name_start = None;
        role_limit = Some(ns);
    }
    if let Some(ns) = name_start {
        // "، السفير سامي يوسف الحداد،": a name that a comma closes is whole, its definite family
        // name too (without the comma a definite word that late may be what follows the name:
        // "فيكتور أوربان القرار").
        let closed = seg.last().is_some_and(|&t| {
            words.last() == Some(&t)
                && ctx.tokens.get(t + 1).is_some_and(|_| is_comma(ctx.orig(t + 1)))
        });
        let keep = if closed { words.len() - j } else { name_len(ctx, &words[j..]) };
        let last = words[j + keep - 1];
        let name_toks: Vec<usize> = seg.iter().copied().filter(|&t| t >= ns && t <= last).collect();
        p.name = Some(name_form(ctx, &name_toks));
        p.form = Form::Person;
    } else {
        p.form = Form::Role;
        p.bare = ctx.definite(words[0]);
    }
    // Roles: the words before the name, cut before each honorific and each new definite title.
    let role_words: Vec<usize> =
        words.iter().copied().filter(|&w| role_limit.is_none_or(|ns| w < ns)).collect();
    let mut chunks: Vec<Vec<usize>> = Vec::new();
    for &w in &role_words {
        let cat = ctx.cat(w);
        let f = ctx.folded(w);
        if cat == Some(Cat::Honorific) {
            if let Some(h) = ctx.hit(w)
                && p.agr.gender.is_none()
            {
                p.agr = p.agr.merge(h.entry.agr);
            }
            chunks.push(Vec::new());
            continue;
        }
        let new_title = cat == Some(Cat::Title)
            && ctx.starts_entry(w)
            && ctx.definite(w)
            && !f.starts_with('و')
            && chunks.last().is_some_and(|c| !c.is_empty());
        if new_title || chunks.is_empty() {
            chunks.push(Vec::new());
        }
        chunks.last_mut().expect("a chunk").push(w);
    }
    for c in chunks.iter().filter(|c| !c.is_empty()) {
        if let Some(h) = ctx.hit(c[0])
            && h.entry.cat == Cat::Title
        {
            p.agr = p.agr.merge(h.entry.agr);
        }
        // Keep brackets and quotes that close inside the role ("(الكرملين)", "“الناتو”").
        let mut last = c[c.len() - 1];
        while let Some(&next) = seg.iter().find(|&&t| t == last + 1)
            && !ctx.is_word(next)
            && matches!(ctx.orig(next), ")" | "”" | "»" | "\"")
        {
            last = next;
        }
        // "كلمة للملك سلمان": a title behind a preposition is a complement, not an apposition.
        let f0 = ctx.folded(c[0]);
        let governed = ["لل", "بال", "كال", "ولل", "وبال", "فبال", "فلل"]
            .iter()
            .any(|pre| f0.starts_with(pre));
        if !governed && let Some(r) = role_from_tokens(ctx, c[0], last) {
            p.roles.push(r);
        }
    }
    p
}

/// True when `role_words` hold a title that speaks for or advises someone, followed at once by
/// another title ("المتحدث باسم الأمين العام", "مستشار الرئيس"): a name after them is that other
/// person's.
fn names_another(ctx: &Ctx<'_>, role_words: &[usize]) -> bool {
    role_words.iter().enumerate().any(|(k, &w)| {
        let Some(h) = ctx.hit(w).filter(|h| h.first as usize == w && h.entry.cat == Cat::Title)
        else {
            return false;
        };
        let n = h.len as usize;
        let title: Vec<&str> = (w..w + n).map(|t| ctx.folded(t)).collect();
        let title = title.join(" ");
        let bare = title.strip_prefix("ال").unwrap_or(&title);
        ctx.lex.relational.contains(bare)
            && role_words
                .get(k + n)
                .is_some_and(|&next| next == w + n && ctx.cat(next) == Some(Cat::Title))
    })
}
