use std::path::Path;
use isnad_core::{Lang, TimexKind};
use isnad_dates::{Bare, DatesConfig, DatesStage};
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let lang = Lang::from_code(&args[1]);
    let published = args[2].parse().ok();
    let stage = DatesStage::new(DatesConfig { bare: Bare::Past, ..DatesConfig::default() }, Path::new(".")).unwrap();
    let text = std::fs::read_to_string(&args[3]).unwrap();
    for f in stage.find(&text, &lang, published.as_ref()) {
        let t = &f.timex;
        let v = match t.kind { TimexKind::Value => t.value.clone().unwrap_or_default(), TimexKind::Interval => format!("[{:?}..{:?})", t.from, t.to) };
        println!("{:?} -> {:?} {}", &text[f.start..f.end], t.grain, v);
    }
}
