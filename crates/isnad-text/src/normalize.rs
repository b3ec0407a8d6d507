//! Folding text for matching while keeping a map back to the original offsets.
//!
//! News Arabic spells one word many ways: أكد / اكد, مسؤول / مسئول, الجارية / الجاريه, with or
//! without diacritics and tatweel, with Persian ی and ک in text that passed through Persian
//! keyboards, with Arabic-Indic digits. Lexicons should not have to list every spelling, so both
//! the text and the lexicon entries are *folded* the same way, and matches found in the folded text
//! are mapped back to the original with [`Normalized::to_original`].

use isnad_core::Normalized;

// The character classes live in `chars`; here too for the callers that name them by this path.
pub use crate::chars::{is_arabic_letter, is_arabic_mark, is_word_char};

/// What one original character folds to.
pub(crate) enum Fold {
    /// Dropped (diacritics, tatweel, bidi controls, zero-width joiners).
    Drop,
    /// One character.
    One(char),
    /// Several characters (Latin lower-casing may expand; ligatures).
    Many(&'static str),
    /// Whitespace (collapsed with its neighbours).
    Space { newline: bool },
}

pub(crate) fn fold_char(c: char) -> Fold {
    match c {
        // Arabic letter variants.
        'أ' | 'إ' | 'آ' | 'ٱ' | 'ٲ' | 'ٳ' => Fold::One('ا'),
        'ى' | 'ی' | 'ې' => Fold::One('ي'),
        'ة' => Fold::One('ه'),
        'ؤ' | 'ئ' => Fold::One('ء'),
        'ک' => Fold::One('ك'),
        'ﻻ' | 'ﻼ' => Fold::Many("لا"),
        'ﻷ' | 'ﻸ' | 'ﻹ' | 'ﻺ' | 'ﻵ' | 'ﻶ' => Fold::Many("لا"),
        // Tatweel, harakat, Quranic marks, superscript alef.
        'ـ' | '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{06D6}'..='\u{06ED}' => Fold::Drop,
        // Bidi controls, zero-width characters, BOM.
        '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2066}'..='\u{2069}'
        | '\u{061C}'
        | '\u{FEFF}'
        | '\u{00AD}' => Fold::Drop,
        // Digits of the Arabic script.
        '٠'..='٩' => Fold::One(char::from(b'0' + (c as u32 - '٠' as u32) as u8)),
        '۰'..='۹' => Fold::One(char::from(b'0' + (c as u32 - '۰' as u32) as u8)),
        // Quotation marks: one double and one single form.
        '“' | '”' | '„' | '‟' | '«' | '»' | '″' | '＂' => Fold::One('"'),
        '‘' | '’' | '‚' | '‛' | '′' | '`' => Fold::One('\''),
        '\n' | '\r' | '\u{2028}' | '\u{2029}' | '\u{0085}' => Fold::Space { newline: true },
        c if c.is_whitespace() => Fold::Space { newline: false },
        'A'..='Z' => Fold::One(c.to_ascii_lowercase()),
        c if c.is_ascii() => Fold::One(c),
        // The rest of the Arabic blocks has no case: skip the Unicode case tables.
        '\u{0600}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' => Fold::One(c),
        c if c.is_uppercase() => {
            let mut lower = c.to_lowercase();
            match (lower.next(), lower.next()) {
                (Some(l), None) => Fold::One(l),
                _ => Fold::Many(lower_many(c)),
            }
        }
        c => Fold::One(c),
    }
}

/// The rare upper-case letters whose lower case is more than one character.
fn lower_many(c: char) -> &'static str {
    match c {
        'İ' => "i",
        _ => "",
    }
}

/// Folds `text` for matching and records where every folded byte came from.
///
/// The rules: Arabic alef forms (أ إ آ ٱ) become ا, ى and Persian ی become ي, ة becomes ه, ؤ and ئ
/// become ء, Persian ک becomes ك, lam-alef ligatures are spelled out; tatweel, diacritics, bidi
/// controls and zero-width characters are dropped; Arabic-Indic and Persian digits become ASCII;
/// Latin letters are lower-cased; curly, low and angle quotation marks become `"` or `'`; a run of
/// whitespace becomes one space, or one `\n` when it holds a line break. Everything else is kept.
pub fn normalize(text: &str) -> Normalized {
    // (One entry per folded byte, and one for the end.)
    let mut map: Vec<u32> = Vec::with_capacity(text.len() + 9);
    let out = fold_with(text, &mut map);
    map.push(text.len() as u32);
    // Dropped characters after the last kept one belong to it: make the end of a folded range
    // that ends a word cover its trailing diacritics. `map[i]` for the byte after a character is
    // the start of the next kept character, which already includes them.
    Normalized { text: out, map }
}

/// Where [`fold_with`] records the origin of each folded byte: the offset map of [`normalize`],
/// or nowhere for [`fold`] (whose callers drop the map: building it costs four bytes per byte).
trait Origins {
    /// `len` folded bytes of one character that came from the character at `orig`.
    fn char(&mut self, len: usize, orig: usize);
    /// The bytes of a run copied whole, `run` being the original bytes from `at`.
    fn run(&mut self, run: &[u8], at: usize);
}

impl Origins for Vec<u32> {
    fn char(&mut self, len: usize, orig: usize) {
        for _ in 0..len {
            self.push(orig as u32);
        }
    }

    fn run(&mut self, run: &[u8], at: usize) {
        // The run holds one- and two-byte characters only: a continuation byte belongs to the
        // character that starts one byte before it.
        self.extend(
            run.iter().enumerate().map(|(i, &b)| (at + i) as u32 - u32::from(is_continuation(b))),
        );
    }
}

impl Origins for () {
    fn char(&mut self, _: usize, _: usize) {}

    fn run(&mut self, _: &[u8], _: usize) {}
}

/// The folding loop of [`normalize`] and [`fold`]: the folded text, each byte's origin recorded
/// in `map`.
fn fold_with(text: &str, map: &mut impl Origins) -> String {
    let bytes = text.as_bytes();
    // Folding rarely changes the length (only lam-alef ligatures and a few case pairs grow it).
    let mut out = String::with_capacity(text.len() + 8);
    // Pending whitespace run: its start in the original and whether it holds a newline.
    let mut space: Option<(usize, bool)> = None;
    let mut at = 0;
    while at < bytes.len() {
        // Fast path: a run of characters that fold to a character of the same length, one to one
        // (ASCII letters, digits and most punctuation, Arabic letters without variants, single
        // spaces between them) is copied whole; each byte maps to the start of its character.
        // A space right after pending whitespace joins it: the slow path collapses it.
        let end = if space.is_some() && bytes[at] == b' ' { at } else { identity_run(bytes, at) };
        if end > at {
            if let Some((start, nl)) = space.take() {
                push(&mut out, map, if nl { '\n' } else { ' ' }, start);
            }
            let from = out.len();
            out.push_str(&text[at..end]);
            out[from..].make_ascii_lowercase();
            map.run(&bytes[at..end], at);
            at = end;
            continue;
        }
        let c = text[at..].chars().next().expect("at is a char boundary below the end");
        let here = at;
        at += c.len_utf8();
        let fold = fold_char(c);
        if let Fold::Space { newline } = fold {
            space = Some(match space {
                Some((start, nl)) => (start, nl || newline),
                None => (here, newline),
            });
            continue;
        }
        if let Some((start, nl)) = space.take() {
            push(&mut out, map, if nl { '\n' } else { ' ' }, start);
        }
        match fold {
            Fold::Drop | Fold::Space { .. } => {}
            Fold::One(f) => push(&mut out, map, f, here),
            Fold::Many(s) => {
                for f in s.chars() {
                    push(&mut out, map, f, here);
                }
            }
        }
    }
    if let Some((start, nl)) = space {
        push(&mut out, map, if nl { '\n' } else { ' ' }, start);
    }
    out
}

/// The end of the run of characters starting at `at` that [`fold_char`] maps one to one onto a
/// character of the same UTF-8 length: ASCII (upper case lower-cased) except whitespace, controls
/// and '`'; Arabic-block letters without variants ([`ARABIC_IDENTITY`]); and single spaces
/// followed by such a character (a space alone folds to itself; only runs of whitespace collapse).
#[inline]
fn identity_run(bytes: &[u8], mut at: usize) -> usize {
    let len = bytes.len();
    while at < len {
        let b = bytes[at];
        if ASCII_FOLDS_ALONE[b as usize] {
            at += 1;
            // Latin text: then eight bytes at a time while they are all printable ASCII but '`',
            // with no two spaces in a row and no space last (its fate depends on the byte after).
            while at + 8 <= len
                && ascii_word_folds_alone(u64::from_le_bytes(
                    bytes[at..at + 8].try_into().expect("eight bytes"),
                ))
            {
                at += 8;
            }
        } else if is_arabic_identity(bytes, at) {
            at += 2;
        } else if b == b' '
            && at + 1 < len
            && (ASCII_FOLDS_ALONE[bytes[at + 1] as usize] || is_arabic_identity(bytes, at + 1))
        {
            at += 1;
        } else {
            break;
        }
    }
    at
}

/// True when the eight bytes of `w` (little-endian) are each ASCII and in [`ASCII_FOLDS_ALONE`] or
/// a space, no two spaces are next to each other and the last byte is not a space: then each byte
/// folds to one byte on its own (a space followed by a non-space stays a space).
#[inline]
fn ascii_word_folds_alone(w: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const LOW7: u64 = 0x7F7F_7F7F_7F7F_7F7F;
    // High bit of each byte set when the byte is not zero (exact: no carry leaves a byte).
    let nonzero = |x: u64| ((x & LOW7).wrapping_add(LOW7) | x) & HIGH;
    let is = |c: u8| !nonzero(w ^ (ONES * u64::from(c))) & HIGH;
    if w & HIGH != 0 {
        return false;
    }
    // All ASCII now: byte + 0x60 reaches the high bit exactly when the byte is 0x20 or more.
    let control = !(w.wrapping_add(ONES * 0x60)) & HIGH;
    let spaces = is(b' ');
    control == 0
        && is(0x7F) == 0
        && is(b'`') == 0
        && spaces & (spaces >> 8) == 0
        && spaces >> 56 == 0
}

/// True when a two-byte character of U+0600–U+06FF that folds to itself starts at `at`.
#[inline]
fn is_arabic_identity(bytes: &[u8], at: usize) -> bool {
    let b = bytes[at];
    if !(0xD8..=0xDB).contains(&b) || at + 1 >= bytes.len() {
        return false;
    }
    let low = (((b & 0x03) as usize) << 6) | (bytes[at + 1] & 0x3F) as usize;
    ARABIC_IDENTITY[low]
}

#[inline]
fn is_continuation(b: u8) -> bool {
    b & 0xC0 == 0x80
}

/// ASCII bytes that fold to one ASCII byte on their own: everything printable but whitespace and
/// '`' (upper-case letters fold to lower case, which the copy does).
static ASCII_FOLDS_ALONE: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0x21;
    while b < 0x7F {
        t[b] = b != b'`' as usize;
        b += 1;
    }
    t
};

/// For U+0600 + i: true when [`fold_char`] keeps the character as it is. Checked against
/// `fold_char` for every entry by a unit test.
static ARABIC_IDENTITY: [bool; 256] = {
    let mut t = [true; 256];
    let mut i = 0;
    while i < 256 {
        let c = 0x600 + i as u32;
        let changed = matches!(c,
            0x0622 | 0x0623 | 0x0624 | 0x0625 | 0x0626 | 0x0629 | 0x0649 | 0x0671..=0x0673 | 0x06CC | 0x06D0
            | 0x06A9 | 0x0640 | 0x064B..=0x065F | 0x0670 | 0x06D6..=0x06ED | 0x061C | 0x0660..=0x0669
            | 0x06F0..=0x06F9);
        t[i] = !changed;
        i += 1;
    }
    t
};

fn push(out: &mut String, map: &mut impl Origins, c: char, orig: usize) {
    out.push(c);
    map.char(c.len_utf8(), orig);
}

/// Folds a string the way [`normalize`] folds text, trimmed, without the map (lexicon entries,
/// gold text, the full-text index's search forms and link keys).
///
/// The same loop as [`normalize`] without building the offset map (four bytes per byte of text)
/// only to drop it: this runs on every claim `isnad index` writes.
pub fn fold(s: &str) -> String {
    let mut out = fold_with(s, &mut ());
    let end = out.trim_end().len();
    out.truncate(end);
    let lead = out.len() - out.trim_start().len();
    out.drain(..lead);
    out
}

/// The first word of `fold(text)` (its leading run of [`is_word_char`] characters), written to
/// `buf`; returns its length in bytes.
///
/// `None` when it cannot be told from the characters before byte `limit` of `text` alone (the word
/// reaches `limit`, or the folded text would start with whitespace, which `fold` trims); also when
/// the word does not fit in `buf` (`Some(usize::MAX)` would be ambiguous): callers treat `None` as
/// "fold the text and look". Folding is character by character up to the first whitespace, so
/// the first word of the folded text is the fold of the leading characters up to the first one
/// that folds to a non-word character.
pub(crate) fn first_folded_word(text: &str, limit: usize, buf: &mut [u8]) -> Option<usize> {
    /// Appends `f` when it is a word character: `Some(false)` when it is not, `None` when full.
    fn put(buf: &mut [u8], len: &mut usize, f: char) -> Option<bool> {
        if !is_word_char(f) {
            return Some(false);
        }
        let n = f.len_utf8();
        if *len + n > buf.len() {
            return None;
        }
        f.encode_utf8(&mut buf[*len..*len + n]);
        *len += n;
        Some(true)
    }
    let mut len = 0;
    for (at, c) in text.char_indices() {
        if at >= limit {
            return None;
        }
        let more = match fold_char(c) {
            Fold::Drop => true,
            Fold::Space { .. } if len == 0 => return None,
            Fold::Space { .. } => false,
            Fold::One(f) => put(buf, &mut len, f)?,
            Fold::Many(s) => {
                let mut more = true;
                for f in s.chars() {
                    if !put(buf, &mut len, f)? {
                        more = false;
                        break;
                    }
                }
                more
            }
        };
        if !more {
            break;
        }
    }
    Some(len)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    #[test]
    fn folds_arabic_variants() {
        assert_eq!(fold("أكّد"), "اكد");
        assert_eq!(fold("مسؤولية"), fold("مسئوليه"));
        assert_eq!(fold("الجارية"), "الجاريه");
        assert_eq!(fold("بوتین"), "بوتين");
        assert_eq!(fold("موسکو"), "موسكو");
        assert_eq!(fold("عـــاجل"), "عاجل");
        assert_eq!(fold("١٢ فبراير ٢٠٢٥"), "12 فبراير 2025");
        assert_eq!(fold("“Said” «قال»"), "\"said\" \"قال\"");
        assert_eq!(fold("a \t b\r\n\n c"), "a b\nc");
    }

    #[test]
    fn maps_back_to_original() {
        let text = "وأكّدَ  «اليوم»";
        let n = normalize(text);
        let at = n.text.find("اكد").unwrap();
        let (s, e) = n.to_original(at, at + "اكد".len());
        // The trailing fatha is covered because the next kept character starts after it.
        assert_eq!(&text[s..e], "أكّدَ  ".trim_end_matches(' '));
        let at = n.text.find("اليوم").unwrap();
        let (s, e) = n.to_original(at, at + "اليوم".len());
        assert_eq!(&text[s..e], "اليوم");
        assert_eq!(n.map.len(), n.text.len() + 1);
    }

    /// Folding character by character with [`fold_char`] alone: what the fast paths must equal.
    fn normalize_by_char(text: &str) -> (String, Vec<u32>) {
        let (mut out, mut map) = (String::new(), Vec::new());
        let mut space: Option<(usize, bool)> = None;
        for (at, c) in text.char_indices() {
            let fold = fold_char(c);
            if let Fold::Space { newline } = fold {
                space = Some(space.map_or((at, newline), |(s, nl)| (s, nl || newline)));
                continue;
            }
            if let Some((start, nl)) = space.take() {
                push(&mut out, &mut map, if nl { '\n' } else { ' ' }, start);
            }
            match fold {
                Fold::One(f) => push(&mut out, &mut map, f, at),
                Fold::Many(s) => s.chars().for_each(|f| push(&mut out, &mut map, f, at)),
                Fold::Drop | Fold::Space { .. } => {}
            }
        }
        if let Some((start, nl)) = space {
            push(&mut out, &mut map, if nl { '\n' } else { ' ' }, start);
        }
        map.push(text.len() as u32);
        (out, map)
    }

    /// `count` strings over `alphabet`, the k-th of length `k % lengths`, its characters the
    /// digits of k in base `alphabet.len()`: every short combination, for holding a fast path to
    /// its reference.
    pub(crate) fn enumerated_strings(
        alphabet: &str,
        lengths: usize,
        count: usize,
    ) -> impl Iterator<Item = String> {
        let letters: Vec<char> = alphabet.chars().collect();
        (0..count).map(move |k| {
            let mut x = k;
            (0..k % lengths)
                .map(|_| {
                    let c = letters[x % letters.len()];
                    x /= letters.len();
                    c
                })
                .collect()
        })
    }

    /// Strings of characters where the fast paths start and stop: spaces next to pending
    /// whitespace, dropped marks, letters with variants, upper case, ligatures, multi-byte runs.
    pub(crate) fn tricky_strings() -> Vec<String> {
        let alphabet: Vec<char> = " \n\t\r\u{0B}\u{A0}\u{2003}AaZz09`'’\"“«»-.!?؟؛…।,:٫()أإاةهىیکؤئءـَّٰ\u{200C}\u{200F}\u{FEFF}٣۵ﻻİÀKΣ😀وفبلكسمنقد"
            .chars()
            .collect();
        let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut out: Vec<String> =
            ["", " ", "  x", "\n x", "x \n", "a  b", "قال  «اليوم»", "A B\u{200F} C", "ا ة", "لا ﻻ"]
                .iter()
                .map(|s| s.to_string())
                .collect();
        for _ in 0..20_000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let len = (seed % 24) as usize;
            let mut x = seed >> 8;
            out.push(
                (0..len)
                    .map(|_| {
                        let c = alphabet[(x % alphabet.len() as u64) as usize];
                        x = x / alphabet.len() as u64 + (seed >> 40) * 7 + 1;
                        c
                    })
                    .collect(),
            );
        }
        out
    }

    #[test]
    fn fast_paths_fold_like_fold_char() {
        for text in tricky_strings() {
            let n = normalize(&text);
            let (folded, map) = normalize_by_char(&text);
            assert_eq!((n.text, n.map), (folded, map), "{text:?}");
        }
    }

    #[test]
    fn fold_is_normalize_trimmed() {
        for text in tricky_strings() {
            assert_eq!(fold(&text), normalize(&text).text.trim(), "{text:?}");
        }
    }

    #[test]
    fn ascii_words_by_bits_and_by_bytes() {
        let by_bytes = |b: [u8; 8]| {
            b.iter().all(|&x| ASCII_FOLDS_ALONE[x as usize] || x == b' ')
                && b.windows(2).all(|p| p != b"  ")
                && b[7] != b' '
        };
        let mut seed = 0xD1B5_4A32_D192_ED03u64;
        let alphabet = b" `\x7f\x1f\x00\n\tAz09.,\x80\xd8\xff~!";
        for _ in 0..200_000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let b: [u8; 8] = std::array::from_fn(|i| {
                let r = (seed >> (i * 8)) as u8;
                // Mostly tricky bytes, sometimes any byte.
                if r & 1 == 0 { alphabet[(r as usize >> 1) % alphabet.len()] } else { r }
            });
            assert_eq!(ascii_word_folds_alone(u64::from_le_bytes(b)), by_bytes(b), "{b:?}");
        }
        for b in
            [*b"abcdefgh", *b"a b c d1", *b"ab  cdef", *b"abcdefg ", *b"ABC`DEFG", *b" bcdefgh"]
        {
            assert_eq!(ascii_word_folds_alone(u64::from_le_bytes(b)), by_bytes(b), "{b:?}");
        }
    }

    #[test]
    fn arabic_identity_table_matches_fold_char() {
        for (i, &identity) in ARABIC_IDENTITY.iter().enumerate() {
            let c = char::from_u32(0x600 + i as u32).unwrap();
            let same = matches!(fold_char(c), Fold::One(f) if f == c);
            assert_eq!(identity, same, "U+{:04X}", 0x600 + i);
        }
        // The ASCII table may leave out bytes that fold alone (controls take the slow path), but
        // must not claim any that do not.
        for b in 0..=255u8 {
            let same = b.is_ascii()
                && matches!(fold_char(b as char), Fold::One(f) if f == (b as char).to_ascii_lowercase());
            assert!(!ASCII_FOLDS_ALONE[b as usize] || same, "byte {b:#x}");
        }
    }
}
