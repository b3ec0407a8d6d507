//! The memos of the rules, kept per thread from one sentence to the next.

use super::*;

/// Memo of a rule's result at each token, with whether computing it asked for the sentence's
/// tense, and the generation of [`Memos`] it was stored in (an older one: not computed yet).
pub(super) type Memo<X> = std::cell::RefCell<Vec<(u32, Option<Match<X>>, bool)>>;

/// What [`Parser::run_reusing`] found at each token where it tried a parse: the result, and whether it
/// depended on the sentence's tense (a parse under the other tense can reuse the others).
pub(crate) type Tried = Vec<Option<(Option<Match<TimeValue>>, bool)>>;

/// The parser's memos, kept from one sentence to the next (see [`Parser::new`]).
///
/// Entries carry the generation they were stored in, so that emptying them for the next parse is
/// a counter increment, not a pass over them.
#[derive(Default)]
pub(crate) struct Memos {
    pub(super) generation: std::cell::Cell<u32>,
    pub(super) date: Memo<Spec>,
    pub(super) datetime: Memo<Spec>,
    /// [`Parser::top`]'s results.
    pub(super) top: Memo<TimeValue>,
    /// What a parse tried, for the one under the other tense (see [`Parser::run_reusing`]).
    pub(crate) tried: [std::cell::RefCell<Tried>; 2],
    /// Per token, the first [`real_trigger`] at or after it (the token count when none): see
    /// [`Parser::run_reusing`].
    pub(super) next_trigger: std::cell::RefCell<Vec<u32>>,
    /// Every range the parses of the sentence read, with its two ends, which [`Found::ends`]
    /// points into (emptied by [`Memos::new_sentence`]).
    pub(crate) ranges: std::cell::RefCell<Vec<ReadRange>>,
}

thread_local! {
    /// Each thread's memos (a parse uses them from [`Parser::new`] to its end).
    pub(crate) static MEMOS: Memos = Memos::default();
}

impl Memos {
    /// Empties what is kept for one sentence, however many parses it takes.
    pub(crate) fn new_sentence(&self) {
        self.ranges.borrow_mut().clear();
    }

    /// Empties them for a sentence of `n` tokens.
    pub(super) fn reset(&self, n: usize) {
        let mut generation = self.generation.get().wrapping_add(1);
        if generation == 0 {
            // (after 2^32 parses: forget the old entries for good)
            self.date.borrow_mut().clear();
            self.datetime.borrow_mut().clear();
            self.top.borrow_mut().clear();
            generation = 1;
        }
        self.generation.set(generation);
        for m in [&self.date, &self.datetime] {
            let mut m = m.borrow_mut();
            if m.len() < n + 1 {
                m.resize(n + 1, (0, None, false));
            }
        }
        let mut t = self.top.borrow_mut();
        if t.len() < n + 1 {
            t.resize(n + 1, (0, None, false));
        }
    }
}

/// The result at token `i` from `memo`, computed with `compute` and stored the first time.
/// (The parser asks for the same date or date-time at a token many times while it tries
/// alternatives.) The borrow is released before `compute` runs, which may recurse.
///
/// `generations`: the current one, and one whose entries that did not depend on the tense are
/// good too (0: none; see [`Parser::run_reusing`]).
pub(super) fn memoised<X: Copy>(
    memo: &Memo<X>,
    (generation, reuse): (u32, u32),
    dep: &std::cell::Cell<bool>,
    i: usize,
    compute: impl FnOnce() -> Option<Match<X>>,
) -> Option<Match<X>> {
    if let Some(&(g, r, d)) = memo.borrow().get(i)
        && (g == generation || reuse != 0 && g == reuse && !d)
    {
        // a result that asked for the tense makes what uses it depend on the tense too
        if d {
            dep.set(true);
        }
        return r;
    }
    let outer = dep.replace(false);
    let r = compute();
    let d = dep.get();
    dep.set(outer || d);
    if let Some(slot) = memo.borrow_mut().get_mut(i) {
        *slot = (generation, r, d);
    }
    r
}
