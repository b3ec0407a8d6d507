//! What is a letter, for the scanner and the tense scan: the one place that decides it.
//!
//! The folded text has no diacritics and only ASCII digits, so ASCII and Arabic letters are
//! decided by range, off the slow Unicode tables; other scripts ask them. [`is_letter`] is the
//! scanner's letter (a word runs over them); [`is_alphabetic`] is `char::is_alphabetic`, the
//! tense scan's word character. Both lean on no other module of the crate (the vocabulary, the
//! word index and the tokenizer all ask them).

/// A letter of a word. Arabic and ASCII are decided by range (the folded text has no diacritics
/// and only ASCII digits), which keeps the scan off the slow Unicode tables; other scripts ask them.
pub(crate) fn is_letter(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' => true,
        '\0'..='\x7f' => false,
        '\u{0621}'..='\u{064A}'
        | '\u{066E}'..='\u{066F}'
        | '\u{0671}'..='\u{06D3}'
        | '\u{06D5}'
        | '\u{06FA}'..='\u{06FF}' => true,
        '\u{0600}'..='\u{06FF}' => false,
        c => c.is_alphabetic(),
    }
}

/// The end of the run of ASCII letters from `j`: the first byte at or after `j` that is no
/// ASCII letter (or the end).
///
/// Eight bytes at a time: a byte loop leaves at a different count of letters for every word,
/// and that branch, mispredicted once a word, was the costliest line of the scan. For each byte
/// `b` of a word of eight, `x = (b | 0x20) & 0x7f` folds the case; `x + 0x1f` reaches 0x80
/// exactly when `x >= 'a'` and `x + 0x05` exactly when `x > 'z'`, without a carry into the next
/// byte (`x <= 0x7f`); a letter is in that range with `b < 0x80`. A test checks every byte value.
#[inline(always)]
pub(crate) fn ascii_letters_end(bytes: &[u8], mut j: usize) -> usize {
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const CASE: u64 = 0x2020_2020_2020_2020;
    while let Some(chunk) = bytes.get(j..j + 8) {
        let w = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
        let x = (w | CASE) & LOW7;
        let ge_a = x.wrapping_add(0x1f1f_1f1f_1f1f_1f1f);
        let gt_z = x.wrapping_add(0x0505_0505_0505_0505);
        let letters = ge_a & !gt_z & !w & HIGH;
        let others = !letters & HIGH;
        if others != 0 {
            return j + (others.trailing_zeros() / 8) as usize;
        }
        j += 8;
    }
    while j < bytes.len() && bytes[j].is_ascii_alphabetic() {
        j += 1;
    }
    j
}

/// The character at byte `i` of `s` (which must be a char boundary) and its length, with the
/// one- and two-byte forms (ASCII, Arabic) decoded inline.
#[inline(always)]
pub(crate) fn char_at(s: &str, i: usize) -> (char, usize) {
    let bytes = s.as_bytes();
    let b = bytes[i];
    if b < 0x80 {
        return (b as char, 1);
    }
    if b < 0xE0 {
        // a two-byte sequence (the text is valid UTF-8, so the next byte exists)
        let c = (u32::from(b & 0x1F) << 6) | u32::from(bytes[i + 1] & 0x3F);
        return (char::from_u32(c).unwrap_or(' '), 2);
    }
    let c = s[i..].chars().next().unwrap_or(' ');
    (c, c.len_utf8())
}

/// `char::is_alphabetic` with fast paths for ASCII and the basic Arabic letters, the bulk of the
/// text: the general Unicode table lookup was a hot spot of the tense scan. Same answers.
#[inline]
pub(crate) fn is_alphabetic(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' | '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{064A}' => true,
        '\0'..='\u{7F}' => false,
        _ => c.is_alphabetic(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The eight-bytes-at-a-time run end is the byte loop's, for every byte value at every
    /// place of a word of eight and past it.
    #[test]
    fn letter_runs_end_where_the_byte_loop_ends() {
        let slow = |bytes: &[u8], mut j: usize| {
            while j < bytes.len() && bytes[j].is_ascii_alphabetic() {
                j += 1;
            }
            j
        };
        for b in 0..=255u8 {
            for at in 0..20 {
                let mut bytes = b"abcdefghijKLMNOPQRSTuvwxyz".to_vec();
                bytes[at] = b;
                for len in at..=bytes.len() {
                    for from in 0..=at {
                        assert_eq!(
                            ascii_letters_end(&bytes[..len], from),
                            slow(&bytes[..len], from),
                            "{b:#x} at {at}, {len}, {from}"
                        );
                    }
                }
            }
        }
    }
}
