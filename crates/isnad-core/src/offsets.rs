//! Conversion of byte offsets to Unicode code-point offsets for output.

/// Maps byte offsets of one text to code-point offsets (what Python's `str` indexes count).
///
/// Built once per document in one pass over the bytes, 64 at a time: for each block of 64 bytes it
/// keeps the number of characters before the block and a bit mask of the bytes that start a
/// character. A lookup is then one popcount, whatever the script (Arabic text, where nearly every
/// character is two bytes, used to make an index entry per character).
#[derive(Debug, Clone)]
pub struct CharIndex {
    /// Per block of 64 bytes: characters before it, and which of its bytes start a character.
    blocks: Vec<(usize, u64)>,
    /// Bytes in the text.
    len: usize,
    /// Characters in the text.
    chars: usize,
}

impl CharIndex {
    /// Indexes `text`.
    pub fn new(text: &str) -> CharIndex {
        let bytes = text.as_bytes();
        let mut blocks = Vec::with_capacity(bytes.len().div_ceil(64));
        let mut chars = 0;
        let mut chunks = bytes.chunks_exact(64);
        for chunk in &mut chunks {
            let mask = starts_mask(chunk);
            blocks.push((chars, mask));
            chars += mask.count_ones() as usize;
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mask = starts_mask(rest);
            blocks.push((chars, mask));
            chars += mask.count_ones() as usize;
        }
        CharIndex { blocks, len: bytes.len(), chars }
    }

    /// The code-point offset of byte offset `byte` (which must be a character boundary).
    pub fn char_offset(&self, byte: usize) -> usize {
        if byte >= self.len {
            // The end of the text (and, as before, bytes past it count one each).
            return self.chars + (byte - self.len);
        }
        let (before, mask) = self.blocks[byte / 64];
        let below = mask & ((1u64 << (byte % 64)) - 1);
        before + below.count_ones() as usize
    }
}

/// Bit `i` set when byte `i` of `chunk` (at most 64 bytes) starts a character (is not a UTF-8
/// continuation byte, `0b10xx_xxxx`). Eight bytes at a time: in each byte of a word, bit 7 of
/// `w & !(w << 1)` is set for continuation bytes; a multiplication gathers those eight bits.
#[inline]
fn starts_mask(chunk: &[u8]) -> u64 {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut mask = 0u64;
    let mut words = chunk.chunks_exact(8);
    for (k, word) in (&mut words).enumerate() {
        let w = u64::from_le_bytes(word.try_into().expect("eight bytes"));
        let starts = !(w & !(w << 1)) & HIGH;
        // Bit 7 of byte j moved to bit j of the top byte.
        let packed = ((starts >> 7).wrapping_mul(0x0102_0408_1020_4080)) >> 56;
        mask |= packed << (8 * k);
    }
    let done = chunk.len() - words.remainder().len();
    for (i, &b) in words.remainder().iter().enumerate() {
        mask |= u64::from((b as i8) >= -0x40) << (done + i);
    }
    mask
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_code_points() {
        let text = "a قال “b” 😀x";
        let idx = CharIndex::new(text);
        for (chars, (byte, _)) in text.char_indices().enumerate() {
            assert_eq!(idx.char_offset(byte), chars);
        }
        assert_eq!(idx.char_offset(text.len()), text.chars().count());
    }

    #[test]
    fn start_masks_by_words_and_by_bytes() {
        let mut seed = 0x2545_F491_4F6C_DD1Du64;
        for _ in 0..20_000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let len = (seed % 65) as usize;
            let chunk: Vec<u8> = (0..len)
                .map(|i| (seed.rotate_left(i as u32 * 5) as u8).wrapping_mul(i as u8 | 1))
                .collect();
            let by_bytes = chunk
                .iter()
                .enumerate()
                .fold(0u64, |m, (i, &b)| m | (u64::from(b & 0xC0 != 0x80) << i));
            assert_eq!(starts_mask(&chunk), by_bytes, "{chunk:x?}");
        }
    }

    #[test]
    fn counts_across_blocks() {
        // Lengths around the 64-byte blocks, mixed widths.
        for n in 0..200 {
            let text: String = (0..n).map(|i| ['a', 'ق', '“', '😀'][(i * 7 + n) % 4]).collect();
            let idx = CharIndex::new(&text);
            for (chars, (byte, _)) in text.char_indices().enumerate() {
                assert_eq!(idx.char_offset(byte), chars, "{text:?} at {byte}");
            }
            assert_eq!(idx.char_offset(text.len()), text.chars().count());
            assert_eq!(idx.char_offset(text.len() + 2), text.chars().count() + 2);
        }
    }
}
