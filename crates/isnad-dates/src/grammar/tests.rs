//! The fast paths held to the rules they stand for.

use super::*;
use jiff::civil::DateTime;

use crate::vocab::features;

/// Handmade English texts where "a"/"an" may or may not begin an expression.
const ARTICLE_CASES: [&str; 116] = [
    "a half",
    "a half hour ago",
    "half an hour later",
    "a quarter past 3pm",
    "a quarter to noon",
    "a.m.",
    "at 5 a.m.",
    "at 5a.m. and 6 a.m",
    "at 5a and 6a",
    "a few days ago",
    "a few",
    "a couple of weeks ago",
    "a couple of",
    "a couple",
    "a pair of days ago",
    "an hour and a half",
    "in an hour and a half",
    "a week from Tuesday",
    "a day after Easter",
    "a year from christmas",
    "a thousand AD",
    "a thousand and 5 BC",
    "a thousand years ago",
    "a upcoming week",
    "a more minutes ago",
    "a of days ago",
    "a and a half hours ago",
    "a.5 hours ago",
    "a/2 h ago",
    "a' ago",
    "a\" ago",
    "a hence 3 pm",
    "a from now noon",
    "a minute past noon",
    "a minute after 3pm",
    "a minute to 4pm",
    "a minute before 4pm",
    "a fridays from now",
    "3 fridays from now",
    "aish",
    "a.",
    "a .5",
    "a / 2 h",
    "it was a 2014 deal",
    "a may day",
    "a march 3 rally",
    "a 5 pm",
    "at a 5",
    "for a week",
    "in a week",
    "about a week ago",
    "within a day",
    "after a day",
    "since a year",
    "by a day",
    "the day after a week",
    "a week",
    "a day later",
    "an hour",
    "a second time",
    "a second ago",
    "a quarter",
    "a quarter of an hour",
    "a third of the vote",
    "a twenty",
    "a and",
    "a to z",
    "a past life",
    "a hence",
    "a before",
    "a after",
    "a more",
    "a thousand",
    "a weekend",
    "a summer",
    "a monday meeting",
    "a lot of days ago",
    "a ago",
    "a a week ago",
    "an an hour",
    "the a",
    "a the day",
    "a \"great\" week ago",
    "a 'day' ago",
    "in a statement on monday",
    "at a rally at 5pm",
    "for an hour a day",
    "to a new record in 2014",
    "since a 2014 deal",
    "by a 3-2 vote",
    "from a to b",
    "between a and b",
    "at a quarter past 3",
    "at a the 5pm",
    "in the a 2014",
    "the a 15th",
    "at about a 5 pm",
    "in a a week",
    "twenty a",
    "twelve oh a",
    "at 5a",
    "at 5 a",
    "for a few days",
    "on a monday",
    "in a year or two",
    "a year ago today",
    "Workers will strike on Friday, the union said on Monday.",
    "The union said on Monday it will strike on Friday.",
    "On Tuesday, officials said the vote would be held on Friday; it will be close.",
    "He arrived on Monday and will leave on Friday",
    "Talks resume Monday, he said.",
    "In March, the plan was approved: it starts in May",
    "said on 12 March that it will end in May",
    "the expected date is March 3, the minister said",
    "We met in June. We will meet in June.",
    "Monday: talks; Friday: vote",
];

/// Handmade English texts for the guards: every family's first words, near misses.
const GUARD_CASES: [&str; 92] = [
    "the the weekend",
    "over the weekend",
    "at the end of the month",
    "in early march",
    "in the middle of 2014",
    "on the 15th",
    "on 15",
    "on the first",
    "the 1st of may",
    "q3 2024",
    "Q1 of 2024",
    "18q4",
    "2018q4",
    "the day after tomorrow",
    "after tomorrow",
    "before yesterday",
    "the week of october 6th",
    "the third quarter",
    "the first half of 2024",
    "the closest monday to oct 5th",
    "last week's sunday",
    "at about half past three",
    "@ 5pm",
    "about noon",
    "at a quarter to noon",
    "at twelve oh three",
    "in a half hour",
    "at 1030",
    "at 3 15",
    "twenty after 3pm",
    "half three",
    "at the end",
    "in mid-march",
    "mid-1990s",
    "the 1990s",
    "in the",
    "on the",
    "on",
    "the",
    "at",
    "at at at 5",
    "about about 3pm",
    "from 13 to 15 july",
    "between 10 and 12 february",
    "3-4pm",
    "9:30 - 11:00 on thursday",
    "from the 3rd to the 5th",
    "thursday from 9:30 to 11:00",
    "from noon to 2pm",
    "from tomorrow until friday",
    "between the two",
    "from a to b",
    "from early march to late april",
    "from this morning to tonight",
    "from half past three to four",
    "in 3 days",
    "since 2 weeks",
    "last 2 weeks",
    "upcoming two weeks",
    "2 upcoming weeks",
    "about a week ago",
    "half an hour from now",
    "a quarter of an hour ago",
    "three days after easter",
    "in a year",
    "hours ago",
    "the 3rd of may to the 5th",
    "from q3 to q4",
    "between the 1990s and 2000s",
    "8am until 6",
    "11:30-1:30",
    "at 5-6pm",
    "@ 3 - 4 pm",
    "about 3-4pm",
    "at noon to 2pm",
    "to 5pm",
    "to tuesday",
    "until 5 pm",
    "of 5 pm",
    "and 3 days ago",
    "ago 3 days",
    "to the end of may",
    "the closest monday to oct 5th",
    "closest xmas to today",
    "this now",
    "right now",
    "asap",
    "within 2 weeks",
    "by 2pm",
    "before 11 am",
    "after 2 pm",
    "since 2014",
];

/// English texts where the articles are tricky: the crate's fixtures, the project's English
/// fixtures (when the crate sits in its workspace), and (with `every_entry`) "a"/"an" before
/// every entry of the English vocabulary with what could follow it.
pub(crate) fn article_texts(every_entry: bool) -> Vec<String> {
    let mut texts: Vec<String> = [
        include_str!("../../tests/fixtures/en-news.txt"),
        include_str!("../../tests/fixtures/en-news-2.txt"),
        include_str!("../../tests/fixtures/en-datelines.txt"),
        include_str!("../../tests/fixtures/en-duckling-style.txt"),
        include_str!("../../tests/fixtures/en-festivals.txt"),
    ]
    .iter()
    .flat_map(|t| t.lines().map(str::to_string))
    .collect();
    let project = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/en");
    if let Ok(dir) = std::fs::read_dir(project) {
        for f in dir.flatten() {
            if f.path().extension().is_some_and(|e| e == "txt") {
                texts.extend(
                    std::fs::read_to_string(f.path())
                        .unwrap_or_default()
                        .lines()
                        .map(str::to_string),
                );
            }
        }
    }
    texts.extend(ARTICLE_CASES.map(str::to_string));
    let tails = [
        "",
        "ago",
        "from now",
        "hence",
        "past 3pm",
        "to noon",
        "after Easter",
        "from Tuesday",
        "of an hour",
        "AD",
        "3",
        "2014",
        "before 5 pm",
        "after next",
        "in the morning",
        "a half hours ago",
        "days ago",
        "quarter past 3 pm",
    ];
    let entries = if every_entry { include_str!("../../data/en.tsv") } else { "" };
    // and after the function words that lead expressions (with fewer tails)
    let leads = [
        "in a",
        "for an",
        "at a",
        "about a",
        "the a",
        "from a",
        "between a",
        "since an",
        "by a",
        "until a",
        "after a",
        "within a",
        "on a",
        "@ a",
        "to a",
    ];
    for (_, fields) in isnad_text::data::lines(entries) {
        for article in ["a", "an"] {
            for tail in tails {
                texts.push(format!("He said {article} {} {tail}.", fields[0]));
            }
        }
        for lead in leads {
            for tail in ["", "ago", "past 3pm", "5pm", "2014", "from now"] {
                texts.push(format!("{lead} {} {tail}", fields[0]));
            }
        }
    }
    texts
}

/// Where the English guards say that `top`, `date`, `clock_in`, `range` or `offset` finds nothing, the rules find
/// nothing, at every token of the English test texts, under several references and both
/// tenses.
#[test]
fn guards_agree_with_the_rules() {
    let hol = Holidays::parse(include_str!("../../data/holidays.tsv")).unwrap();
    let en = Language::english(&hol.names).unwrap();
    let memos = Memos::default();
    let mut scratch = crate::tokenize::Scratch::default();
    let anchors = [
        (DateTime::constant(2025, 2, 19, 0, 0, 0, 0), false, crate::Bare::Tense),
        (DateTime::constant(2025, 12, 30, 16, 45, 0, 0), true, crate::Bare::Future),
    ];
    let mut texts = article_texts(true);
    texts.extend(GUARD_CASES.map(str::to_string));
    let (mut date_skips, mut clock_skips, mut range_skips, mut offset_skips, mut top_skips) =
        (0, 0, 0, 0, 0);
    for text in texts {
        let folded = isnad_text::fold(&text);
        crate::tokenize::tokenize(&folded, &en.vocab, &mut scratch);
        let toks = &scratch.toks[..];
        for &(now, has_time, bare) in &anchors {
            for past in [false, true] {
                let a = Anchor {
                    now,
                    has_time,
                    bare,
                    hijri: crate::HijriVariant::UmmAlQura,
                    offset: None,
                };
                let mut p = Parser::new(toks, &folded, &en, a, true, &hol, &memos);
                p.set_past_tense(past);
                SLOW_PATHS.with(|s| s.set(true));
                for i in 0..=toks.len() {
                    if !p.date_may_start(i) {
                        date_skips += 1;
                        assert!(p.date(i).is_none(), "{text:?}: date at {i}");
                    }
                    if !p.top_may_start(i) {
                        top_skips += 1;
                        assert!(p.top(i).is_none(), "{text:?}: top at {i}");
                    }
                    if !p.range_may_start(i) {
                        range_skips += 1;
                        assert!(p.range(i).is_none(), "{text:?}: range at {i}");
                    }
                    if !p.offset_may_start(i) {
                        offset_skips += 1;
                        assert!(p.offset(i).is_none(), "{text:?}: offset at {i}");
                    }
                    if !p.clock_may_start(i) {
                        clock_skips += 1;
                        for cue in [ClockCue::Bare, ClockCue::Marked, ClockCue::Certain] {
                            assert!(p.clock_in(i, cue).is_none(), "{text:?}: clock at {i}");
                        }
                    }
                }
                SLOW_PATHS.with(|s| s.set(false));
            }
        }
    }
    assert!(date_skips > 50_000 && clock_skips > 50_000, "{date_skips} {clock_skips}");
    assert!(
        range_skips > 50_000 && offset_skips > 50_000 && top_skips > 20_000,
        "{range_skips} {offset_skips} {top_skips}"
    );
}

/// Where the fast paths skip a parse start (an article that begins nothing, a function word
/// whose only triggers near it are such articles, a sentence with only those), the rules
/// themselves give nothing.
#[test]
fn idle_articles_give_nothing() {
    let hol = Holidays::parse(include_str!("../../data/holidays.tsv")).unwrap();
    let en = Language::english(&hol.names).unwrap();
    let memos = Memos::default();
    let mut scratch = crate::tokenize::Scratch::default();
    let anchors = [
        (DateTime::constant(2025, 2, 19, 0, 0, 0, 0), false, crate::Bare::Tense),
        (DateTime::constant(2025, 12, 30, 16, 45, 0, 0), true, crate::Bare::Future),
        (DateTime::constant(2024, 6, 1, 0, 0, 0, 0), false, crate::Bare::Past),
    ];
    let (mut idle, mut busy, mut leads, mut sentences) = (0, 0, 0, 0);
    let slow = |on: bool| SLOW_PATHS.with(|s| s.set(on));
    for text in article_texts(true) {
        let folded = isnad_text::fold(&text);
        crate::tokenize::tokenize(&folded, &en.vocab, &mut scratch);
        let toks = &scratch.toks[..];
        let (fast_any, slow_any) = (any_trigger(toks, &folded, Lang::En), {
            slow(true);
            let a = any_trigger(toks, &folded, Lang::En);
            slow(false);
            a
        });
        assert!(slow_any || !fast_any);
        for &(now, has_time, bare) in &anchors {
            for past in [false, true] {
                let a = Anchor {
                    now,
                    has_time,
                    bare,
                    hijri: crate::HijriVariant::UmmAlQura,
                    offset: None,
                };
                let mut p = Parser::new(toks, &folded, &en, a, true, &hol, &memos);
                p.set_past_tense(past);
                let fast_can: Vec<bool> = (0..toks.len()).map(|i| p.can_start(i)).collect();
                slow(true);
                for (i, &fast_can) in fast_can.iter().enumerate() {
                    let skipped = p.has(i, features::ONE_WEAK) && p.idle_one(i)
                        || !fast_can && p.can_start(i)
                        || !fast_any;
                    if p.has(i, features::ONE_WEAK) && !p.idle_one(i) {
                        busy += 1;
                    }
                    if !skipped || !p.can_start(i) {
                        continue;
                    }
                    if p.has(i, features::ONE_WEAK) {
                        idle += 1;
                    } else if fast_any {
                        leads += 1;
                    } else {
                        sentences += 1;
                    }
                    if let Some(Match { end: j, value: t }) = p.top(i) {
                        assert!(j <= i, "{text:?}: a start skipped at {i} gives {t:?} to {j}");
                    }
                }
                slow(false);
            }
        }
    }
    // (leads: since "past" is a date word of its own, "in the past", the texts with the tail
    // "past 3pm" have a trigger near their article, and the skipped leads are the tails "" and
    // "ago" after the relative and function-word entries)
    assert!(
        idle > 10_000 && busy > 10_000 && leads > 20 && sentences > 5_000,
        "{idle} {busy} {leads} {sentences}"
    );
}
