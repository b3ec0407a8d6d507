//! One piece of an English speaker mention read as a pronoun, a document, a group, a role, an
//! organisation or a name with its titles.
//!
//! **Reads**: "he"; "the statement"; "Trump and Macron", "analysts at Goldman Sachs" (groups); "a
//! spokesman for the commission" (a role and the body it speaks for); "White House spokesman
//! Josh Earnest", "Health economist Priya Raman of Westbrook University" (a titled name); "the
//! nonpartisan Congressional Budget Office" (an organisation); "the department's chief engineer"
//! (a role by a possessive); "a campaign operative" (a description headed by its last word).
//!
//! **Not part of the phrase**: a party and state tag ("(D-Ore.)"), an age, an adverbial or a
//! relative clause after the noun phrase ("David Axelrod on Wednesday", "sources who reviewed
//! them"), leading determiners and quantities.

use isnad_core::TokenKind;

use crate::ctx::Ctx;
use crate::lexicon::{Agr, Cat};
use crate::morph;

use super::{
    Form, NameForm, Parsed, RoleForm, document_en, empty, name_form, name_keys, possessive,
    role_from_str, role_from_tokens, split_alias,
};

/// Reads the English mention piece `seg`.
pub(super) fn parse_en(ctx: &Ctx<'_>, seg: &[usize]) -> Option<Parsed> {
    let (seg, alias, mut words) = phrase_words(ctx, seg)?;
    // "Gary Johnson's doctor", "Trump's campaign": a possessive before the head names someone
    // else; the phrase is about its last word (unless a titled name ends it: "Qatar's foreign
    // ministry spokesman Majed al-Ansari").
    let possessive_word = words[..words.len() - 1].iter().any(|&i| possessive(ctx.orig(i)));
    let w_first = words[0];
    let definite = words.first().is_some_and(|&i| ctx.folded(i) == "the");
    strip_determiners(ctx, &mut words);
    let &w0 = words.first()?;
    let span = ctx.span(seg[0], seg[seg.len() - 1]);
    let mut p = empty(span, Form::Name);
    p.aliases.extend(alias);
    if words.len() == 1 && ctx.cat(w0) == Some(Cat::Pronoun) {
        p.form = Form::Pronoun;
        p.agr = ctx.hit(w0).map(|h| h.entry.agr).unwrap_or_default();
        return Some(p);
    }
    if let Some(d) = document_en(ctx, seg, &words, definite) {
        return Some(d);
    }
    if collective(ctx, &words, definite, &mut p) {
        return Some(p);
    }
    let phrase = Phrase { words: &words, definite, w_first, possessive_word };
    named(ctx, &phrase, p)
}

/// The piece without its tag, with the alias it gives, and its words up to where the noun
/// phrase ends; `None` when nothing of a noun phrase is left.
fn phrase_words<'s>(
    ctx: &Ctx<'_>,
    seg: &'s [usize],
) -> Option<(&'s [usize], Option<NameForm>, Vec<usize>)> {
    // "Sen. Laura Whitfield (D-Ore.)": a party and state tag in brackets is no part of the name.
    let tag = seg.iter().position(|&t| {
        ctx.orig(t) == "("
            && seg.iter().find(|&&w| w > t && ctx.is_word(w)).is_some_and(|&w| {
                let o = ctx.orig(w);
                o.len() >= 3 && o.as_bytes()[0].is_ascii_uppercase() && o.as_bytes()[1] == b'-'
            })
    });
    let seg = &seg[..tag.unwrap_or(seg.len())];
    // "John Adeyemi, 54, a teacher": an age is no role.
    if seg.iter().all(|&t| !ctx.is_word(t) || ctx.tokens[t].kind == TokenKind::Number) {
        return None;
    }
    let (seg, alias) = split_alias(ctx, seg);
    let mut words: Vec<usize> = seg.iter().copied().filter(|&i| ctx.is_word(i)).collect();
    if let Some(k) = phrase_end(ctx, &words) {
        words.truncate(k);
    }
    if words.is_empty() || words.iter().all(|&i| matches!(ctx.cat(i), Some(Cat::Stop))) {
        return None;
    }
    // ", who runs a bakery on Harlow Street": a relative clause describes, it is no role.
    if matches!(ctx.folded(words[0]), "who" | "whom" | "whose" | "which" | "that" | "where") {
        return None;
    }
    Some((seg, alias, words))
}

/// A time word: a weekday, a deictic or an adverb of time, or a number.
fn time_word(ctx: &Ctx<'_>, i: usize) -> bool {
    matches!(
        ctx.folded(i),
        "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
            | "yesterday"
            | "today"
            | "now"
            | "then"
            | "also"
            | "again"
    ) || ctx.tokens[i].kind == TokenKind::Number
}

/// Where the noun phrase of `words` ends: "David Axelrod on Wednesday", "sources who reviewed
/// them": an adverbial or relative clause after the noun phrase is not part of it.
fn phrase_end(ctx: &Ctx<'_>, words: &[usize]) -> Option<usize> {
    let cut = words.iter().enumerate().skip(1).find(|&(k, &i)| match ctx.folded(i) {
        "who" | "which" | "that" | "during" | "after" | "before" | "while" | "when" => true,
        // "YouGov last month": a time adverbial.
        "last" | "next" | "this" | "earlier" => words.get(k + 1).is_some_and(|&n| {
            matches!(
                ctx.folded(n),
                "week"
                    | "month"
                    | "year"
                    | "weekend"
                    | "night"
                    | "morning"
                    | "evening"
                    | "summer"
                    | "spring"
                    | "autumn"
                    | "fall"
                    | "winter"
            )
        }),
        // "on Wednesday" is an adverbial; "Commission on Presidential Debates" is a name.
        "on" | "at" | "in" => {
            words.get(k + 1).is_none_or(|&n| !ctx.capitalized(n) || time_word(ctx, n))
        }
        // "Residents interviewed by the Marlow Gazette": a participle clause describes the head
        // (an issuing participle names a document's author: "a report released by …").
        f if f.ends_with("ed")
            && !ctx.capitalized(i)
            && ctx.cat(i) != Some(Cat::Issued)
            && words.get(k + 1).is_some_and(|&n| ctx.folded(n) == "by")
            && ctx.cat(words[k - 1]) != Some(Cat::Document) =>
        {
            true
        }
        _ => time_word(ctx, i),
    });
    cut.map(|(k, _)| k)
}

/// Determiners and quantities in front ("the", "a", "two", "another") are dropped.
fn strip_determiners(ctx: &Ctx<'_>, words: &mut Vec<usize>) {
    while words.len() > 1
        && (matches!(
            ctx.folded(words[0]),
            "the"
                | "a"
                | "an"
                | "another"
                | "some"
                | "several"
                | "many"
                | "one"
                | "two"
                | "three"
                | "four"
        ) || ctx.tokens[words[0]].kind == TokenKind::Number)
    {
        words.remove(0);
    }
}

/// Reads `words` into `p` as several speakers, a group, or a role with the body it speaks for;
/// false when it is none of them.
fn collective(ctx: &Ctx<'_>, words: &[usize], definite: bool, p: &mut Parsed) -> bool {
    let (w0, wl) = (words[0], words[words.len() - 1]);
    // "Analysts at Goldman Sachs", "officials in Kyiv": a plural head with its complement.
    let group_head = words.iter().position(|&i| ctx.cat(i) == Some(Cat::Group)).filter(|&k| {
        k + 1 == words.len()
            || matches!(
                ctx.folded(words[k + 1]),
                "at" | "in" | "from" | "with" | "for" | "of" | "close"
            )
    });
    // "Trump and Macron", "the mayor and the governor": several speakers at once.
    // (Not inside an organisation's name: "the Department of Health and Human Services".)
    if let Some(k) = words.iter().position(|&i| ctx.folded(i) == "and")
        && k > 0
        && k + 1 < words.len()
        && !words.iter().any(|&i| matches!(ctx.cat(i), Some(Cat::Org | Cat::OrgName)))
    {
        p.form = Form::Group;
        p.agr = Agr::PL;
        p.name = Some(name_form(ctx, words));
        return true;
    }
    // "A spokesman for the commission", "an official at the ministry": a person described by
    // a title and the body they speak for.
    // ("the bank's chief economist for Africa": the title before the preposition is the head.)
    let title_of = (0..words.len()).find(|&k| {
        ctx.cat(words[k]) == Some(Cat::Title)
            && k + 1 < words.len()
            && matches!(ctx.folded(words[k + 1]), "for" | "at" | "with" | "from" | "in")
    });
    if let Some(k) = title_of
        && group_head.is_none_or(|g| g > k)
    {
        p.form = Form::Role;
        p.bare = definite;
        let wt = words[k];
        p.agr = ctx.hit(wt).map(|h| h.entry.agr).unwrap_or_default();
        let text = ctx.slice(w0, wl);
        let quals = words
            .iter()
            .filter(|&&i| i != wt && ctx.cat(i).is_none_or(|c| c != Cat::Stop))
            .map(|&i| morph::skeleton(&ctx.key_ref(i)))
            .collect();
        p.roles.push(RoleForm { text: text.to_string(), head: ctx.key(wt), quals });
        return true;
    }
    if ctx.cat(wl) == Some(Cat::Group) || group_head.is_some() {
        let wl = group_head.map_or(wl, |k| words[k]);
        p.form = Form::Group;
        p.agr = Agr::PL;
        p.head = Some(ctx.key(wl));
        p.bare = !words.iter().any(|&i| ctx.capitalized(i));
        p.name = Some(name_form(ctx, words));
        return true;
    }
    false
}

/// The words of a mention piece after its determiners, and what was said of them before.
struct Phrase<'w> {
    words: &'w [usize],
    /// Opened by "the".
    definite: bool,
    /// The first word, determiner included.
    w_first: usize,
    /// A possessive before the last word ("Trump's campaign").
    possessive_word: bool,
}

/// Where the name lies in a phrase: `words[start..end]`, with `start == words.len()` when there
/// is none.
struct NameBounds {
    start: usize,
    end: usize,
    /// A title or an honorific before the name.
    has_title: bool,
    /// A title, then a preposition before the name ("the director of the Institute …").
    title_before_prep: bool,
}

/// The name at the end of `words`: the capitalised words that are not titles.
fn name_bounds(ctx: &Ctx<'_>, phrase: &Phrase<'_>) -> NameBounds {
    let words = phrase.words;
    let mut j = words.len();
    while j > 0 {
        let w = words[j - 1];
        let cat = ctx.cat(w);
        // After "Mr."/"Ms."/"Dr." a capitalised word is a name even when it is also a title
        // ("Mr. King", "Ms. Price").
        let after_honorific = j >= 2 && ctx.cat(words[j - 2]) == Some(Cat::Honorific);
        // "al-Ansari", "bin-Salman": a particle joined to a capitalised name.
        let joined =
            ctx.orig(w).split_once('-').is_some_and(|(_, b)| b.starts_with(char::is_uppercase));
        // (A capitalised document noun is part of a name: "the National Statistics Bureau".)
        let ok = ctx.capitalized(w)
            && (matches!(cat, None | Some(Cat::Particle) | Some(Cat::Document)) || after_honorific)
            || joined
            || (cat == Some(Cat::Particle) && j < words.len());
        if !ok {
            break;
        }
        j -= 1;
    }
    // "Friends of Wexley Library", "Friends of the Earth", "Sisters of Mercy": a capitalised
    // plural that the lexicon does not know, then "of" (and "the"), opening the phrase, make
    // one name with the capitals after them (a title or an organisation head before "of" is
    // read elsewhere: "Secretary of State John Kerry", "Bank of England"; a surname is no
    // plural: "Heiserman of the CORE Teachers").
    let of_at = if j >= 1 && ctx.folded(words[j - 1]) == "the" { j - 1 } else { j };
    if j < words.len()
        && of_at == 2
        && ctx.folded(words[1]) == "of"
        && ctx.capitalized(words[0])
        && ctx.cat(words[0]).is_none()
        && plural_noun(ctx.orig(words[0]))
    {
        j = 0;
    }
    let has_title =
        words[..j].iter().any(|&i| matches!(ctx.cat(i), Some(Cat::Title | Cat::Honorific)));
    // "Health economist Priya Raman of Westbrook University": the walk above stops at the
    // organisation; the name is the capitalised run right after the title, before "of"/"at"/
    // "from" brings in where the person works.
    let mut name_end = words.len();
    if has_title && j == words.len() {
        let first_prep = words.iter().position(|&i| matches!(ctx.folded(i), "of" | "at" | "from"));
        if let Some(t) = words[..first_prep.unwrap_or(0)]
            .iter()
            .rposition(|&i| matches!(ctx.cat(i), Some(Cat::Title | Cat::Honorific)))
        {
            let start = t + 1;
            let mut e = start;
            while e < words.len() && ctx.capitalized(words[e]) && ctx.cat(words[e]).is_none() {
                e += 1;
            }
            if e > start
                && Some(e) == first_prep
                && words[e + 1..].iter().any(|&i| {
                    matches!(ctx.cat(i), Some(Cat::Org | Cat::OrgName)) && ctx.capitalized(i)
                })
            {
                j = start;
                name_end = e;
            }
        }
    }
    // "the director of the Institute for Peace Studies": capitals after a preposition are its
    // object, not the title holder's name; the phrase is a role.
    let after_prep = j > 0
        && j < words.len()
        && matches!(
            ctx.folded(words[j - 1]),
            "of" | "for" | "at" | "in" | "from" | "with" | "on" | "by"
        );
    let title_before_prep =
        words[..j].iter().position(|&i| ctx.cat(i) == Some(Cat::Title)).is_some_and(|t| {
            words[t + 1..j]
                .iter()
                .any(|&i| matches!(ctx.folded(i), "of" | "for" | "at" | "in" | "from" | "with"))
        });
    if after_prep && title_before_prep && !phrase.possessive_word {
        j = words.len();
    }
    NameBounds { start: j, end: name_end, has_title, title_before_prep }
}

/// Reads the phrase into `p` as a titled role, an organisation, a possessive role, a document,
/// a name with its roles, or a description.
fn named(ctx: &Ctx<'_>, phrase: &Phrase<'_>, mut p: Parsed) -> Option<Parsed> {
    let (words, definite) = (phrase.words, phrase.definite);
    let (w0, wl) = (words[0], words[words.len() - 1]);
    let cat_last = ctx.cat(wl);
    // ("the Gqeberha-based group": a place made an adjective names nothing.)
    let any_cap = words.iter().any(|&i| ctx.capitalized(i) && !place_adjective(ctx, i));
    let nb = name_bounds(ctx, phrase);
    let (j, has_title) = (nb.start, nb.has_title);
    // "White House spokesman Josh Earnest": a title and a name make a person even when an
    // organisation is named in the role.
    let titled_name = has_title && j < words.len();
    if has_title && nb.title_before_prep && j == words.len() {
        p.form = Form::Role;
        p.bare = definite;
        let text = ctx.slice(w0, wl);
        if let Some(r) = role_from_str(text, ctx.lang, ctx.lex) {
            p.agr = p.agr.merge(ctx.hit(words[0]).map(|h| h.entry.agr).unwrap_or_default());
            p.roles.push(r);
            return Some(p);
        }
    }
    let possessive = phrase.possessive_word && !titled_name;
    // "the ministry of religious affairs": a head with its "of" complement names the
    // organisation in lower case too (a lower-case head elsewhere is a common noun: "a union
    // spokesman").
    let of_complement = words.len() > 2 && ctx.folded(words[1]) == "of";
    let org_word = |i: usize| match ctx.cat(i) {
        Some(Cat::OrgName) => true,
        Some(Cat::Org) => ctx.capitalized(i) || (i == w0 && of_complement),
        _ => false,
    };
    if !titled_name && (cat_last == Some(Cat::Org) || words.iter().any(|&i| org_word(i))) {
        p.form = Form::Org;
        if cat_last == Some(Cat::Org) {
            p.head = Some(ctx.key(wl));
        }
        // The name starts at its first capital ("the nonpartisan Congressional Budget Office").
        let from =
            words.iter().position(|&i| ctx.capitalized(i) && !place_adjective(ctx, i)).unwrap_or(0);
        let named = &words[from..];
        p.rest = if possessive {
            name_keys(named.iter().map(|&i| ctx.folded(i)))
        } else {
            name_keys(
                named.iter().filter(|&&i| ctx.cat(i) != Some(Cat::Org)).map(|&i| ctx.folded(i)),
            )
        };
        // "the department", "the foreign ministry" refer back; "the transportation department"
        // names one (in lower case, but by a word of its own).
        p.bare = !any_cap
            && words
                .iter()
                .all(|&i| i == wl || matches!(ctx.cat(i), Some(Cat::Org | Cat::Adj | Cat::Stop)));
        p.name = Some(name_form(ctx, named));
        p.described = definite && !any_cap && cat_last == Some(Cat::Org) && !possessive;
        return Some(p);
    }
    if possessive {
        p.form = Form::Role;
        // "the department's chief engineer": the article goes with the possessive.
        let text = ctx.slice(if definite { phrase.w_first } else { w0 }, wl);
        let quals =
            words[..words.len() - 1].iter().map(|&i| morph::skeleton(&ctx.key_ref(i))).collect();
        p.roles.push(RoleForm { text: text.to_string(), head: ctx.key(wl), quals });
        return Some(p);
    }
    if cat_last == Some(Cat::Document) && !any_cap {
        p.form = Form::Document;
        return Some(p);
    }
    // "the charity Shelter Point", "the union Unite": a lower-case organisation noun right
    // before the name says what the name is.
    if !has_title && j > 0 && j < words.len() && is_org_noun(ctx, words[j - 1]) {
        let name = &words[j..nb.end];
        p.form = Form::Org;
        p.head = Some(ctx.key(words[j - 1]));
        p.rest = name_keys(name.iter().map(|&i| ctx.folded(i)));
        p.name = Some(name_form(ctx, name));
        return Some(p);
    }
    if j < words.len() {
        let name = &words[j..nb.end];
        p.name = Some(name_form(ctx, name));
        p.form = if has_title { Form::Person } else { Form::Name };
        for &i in &words[..j] {
            if let Some(h) = ctx.hit(i)
                && matches!(h.entry.cat, Cat::Honorific | Cat::Title)
            {
                p.agr = p.agr.merge(h.entry.agr);
            }
        }
        let role_words: Vec<usize> =
            words[..j].iter().copied().filter(|&i| ctx.cat(i) != Some(Cat::Honorific)).collect();
        if let (Some(&a), Some(&b)) = (role_words.first(), role_words.last())
            && let Some(r) = role_from_tokens(ctx, a, b)
        {
            p.roles.push(r);
        }
        return Some(p);
    }
    Some(described(ctx, words, definite, p))
}

/// A plural in "-s" ("Friends", "Sisters"; not "-ss" or a possessive).
fn plural_noun(w: &str) -> bool {
    w.len() > 3
        && w.ends_with('s')
        && !w.ends_with("ss")
        && !w.ends_with("'s")
        && !w.ends_with("’s")
}

/// A lower-case organisation head ("charity", "union", "company").
fn is_org_noun(ctx: &Ctx<'_>, i: usize) -> bool {
    ctx.cat(i) == Some(Cat::Org) && !ctx.capitalized(i)
}

/// A place name made an adjective by a lower-case word after a hyphen ("Gqeberha-based",
/// "Toronto-listed", "Texas-born"): a description, not a name.
fn place_adjective(ctx: &Ctx<'_>, i: usize) -> bool {
    ctx.orig(i).rsplit_once('-').is_some_and(|(a, b)| {
        !a.is_empty() && b.len() > 2 && b.chars().all(|c| c.is_ascii_lowercase())
    })
}

/// A role without a name: a known title ("the chief economist"), or a description headed by its
/// last word ("a campaign operative").
fn described(ctx: &Ctx<'_>, words: &[usize], definite: bool, mut p: Parsed) -> Parsed {
    let (w0, wl) = (words[0], words[words.len() - 1]);
    p.form = Form::Role;
    p.bare = definite;
    for &i in words {
        if let Some(h) = ctx.hit(i)
            && h.entry.cat == Cat::Title
        {
            p.agr = p.agr.merge(h.entry.agr);
        }
    }
    let text = ctx.slice(w0, wl);
    match role_from_str(text, ctx.lang, ctx.lex) {
        Some(r) => p.roles.push(r),
        None => {
            // A description without a known title ("a campaign operative"): its last word heads it.
            let quals = words[..words.len() - 1]
                .iter()
                .map(|&i| morph::skeleton(&ctx.key_ref(i)))
                .collect();
            p.roles.push(RoleForm { text: text.to_string(), head: ctx.key(wl), quals });
        }
    }
    p
}
