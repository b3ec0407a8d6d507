//! Reading the line-based data files that hold language knowledge.

/// The fields of each meaningful line of a data file: blank lines and lines starting with `#` are
/// skipped, fields are separated by TABs and trimmed. Returns `(line number, fields)`.
pub fn lines(text: &str) -> impl Iterator<Item = (usize, Vec<&str>)> {
    text.lines().enumerate().filter_map(|(i, line)| {
        let line = line.trim_end_matches('\r');
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            return None;
        }
        Some((i + 1, line.split('\t').map(str::trim).collect()))
    })
}
