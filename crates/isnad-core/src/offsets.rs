//! Conversion of byte offsets to Unicode code-point offsets for output.

/// Maps byte offsets of one text to code-point offsets (what Python's `str` indexes count).
///
/// Built once per document in O(n); each lookup is a binary search over the multi-byte
/// characters only, so pure-ASCII text costs nothing beyond the scan.
#[derive(Debug, Clone)]
pub struct CharIndex {
    /// Byte offsets of every character that is more than one byte long, with the number of extra
    /// bytes seen up to and including it.
    wide: Vec<(usize, usize)>,
}

impl CharIndex {
    /// Indexes `text`.
    pub fn new(text: &str) -> CharIndex {
        let mut wide = Vec::new();
        let mut extra = 0;
        for (at, ch) in text.char_indices() {
            let len = ch.len_utf8();
            if len > 1 {
                extra += len - 1;
                wide.push((at, extra));
            }
        }
        CharIndex { wide }
    }

    /// The code-point offset of byte offset `byte` (which must be a character boundary).
    pub fn char_offset(&self, byte: usize) -> usize {
        // Characters starting before `byte` have all their extra bytes before it.
        let before = self.wide.partition_point(|&(at, _)| at < byte);
        let extra = if before == 0 { 0 } else { self.wide[before - 1].1 };
        byte - extra
    }
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
}
