//! «يبلغ / تبلغ» before a quantity: بَلَغَ "amounts to, reaches", not أَبْلَغَ "informed".
//!
//! **Reads**: the present of أبلغ is written as the present of بلغ; before a number, or before
//! an approximation and a number («نحو»، «حوالي»، «قرابة»، «أكثر من»), it is the verb of
//! amount («حصة إضافية تبلغ 300 ميغاواط»، «تبلغ المساحة المزروعة نحو 420 ألف فدان»): no cue.
//! **Not**: «يبلغ الوزير النواب أن …» or «أبلغ 3 مسؤولين الصحيفة أن …»: a complementiser in the
//! clause makes it the cue, a number or not.
//! **Data**: none (the two forms and the approximations are the grammar's, listed here).
//! **Fixture**: `tests/fixtures/ar-amounts-to.txt`.

use isnad_core::{Token, TokenKind};

use crate::lexicon::{Role, Tag};

/// How many tokens after the verb its quantity may come (after its subject: «تبلغ المساحة
/// المزروعة بالقمح هذا الموسم نحو 420»).
const WITHIN: usize = 9;

/// How far a complementiser that makes it the cue is looked for.
const CLAUSE: usize = 16;

/// True when the cue at `i` is «يبلغ/تبلغ» (with و or ف or not) and a quantity follows.
pub(super) fn amount(tags: &[Tag], toks: &[Token], folded: &str, i: usize) -> bool {
    let (s, e) = toks[i].norm;
    let w = &folded[s as usize..e as usize];
    let w = w.strip_prefix(['و', 'ف']).unwrap_or(w);
    if !matches!(w, "يبلغ" | "تبلغ") || toks[i].kind != TokenKind::Word {
        return false;
    }
    let clause: Vec<usize> = (i + 1..toks.len().min(i + 1 + CLAUSE))
        .take_while(|&k| toks[k].kind != TokenKind::Punct)
        .collect();
    let comp = clause.iter().any(|&k| tags[k].roles & Role::Comp.bit() != 0);
    let quantity = clause.iter().take(WITHIN).any(|&k| toks[k].kind == TokenKind::Number);
    quantity && !comp
}
