//! Clustering mentions into entities, in text order.
//!
//! Every mention is compared with the entities built so far and joins the most recently
//! mentioned one it matches, or starts a new one. What "matches" depends on the mention:
//! - a name: the same name, or a part of it (the surname "بيسكوف" of "دميتري بيسكوف"; "Trump"),
//!   or a gazetteer alias of the same entry;
//! - an organisation: the same name, the name without its head ("الخارجية الروسية" for
//!   "وزارة الخارجية الروسية"), or the bare head with the article ("الوزارة", "the department");
//! - a role alone: an entity with the same role, or a compatible one (same head noun, the
//!   qualifiers of one contained in the other's: "رئيس الحكومة" and "الرئيس نواف سلام");
//! - a named person whose role contains the role of an earlier anonymous mention ("مسؤول
//!   بالمفوضية الأوروبية في القدس" … "مسؤول الإعلام … بالمفوضية الأوروبية في القدس شادي عثمان")
//!   takes that entity over;
//! - in English, the first bare full name of a person after a lede that named its speaker by
//!   role only ("Kenya's health minister … defended" … "Grace Wanjiru told lawmakers") takes that
//!   speaker over (the wire's delayed identification).

use isnad_core::{EntityKind, Span};

use crate::gazetteer::{GazKind, Gazetteer};
use crate::lexicon::{Agr, Gender};
use crate::mention::{Form, NameForm, Parsed, RoleForm};

/// How far into a document its lede runs, in bytes, for [`Linker::delayed_identification`]:
/// the first sentence of agency copy, with its dateline.
const LEDE_BYTES: usize = 400;

/// An entity being built.
#[derive(Debug, Clone)]
pub(crate) struct Ent {
    pub kind: EntityKind,
    pub names: Vec<NameForm>,
    pub rests: Vec<Vec<String>>,
    pub heads: Vec<String>,
    pub roles: Vec<RoleForm>,
    /// Descriptions used in place of a name ("المنظمة الحقوقية", "المتحدث نفسه").
    pub descs: Vec<String>,
    pub agr: Agr,
    pub gaz: Option<usize>,
    pub mentions: Vec<Span>,
    /// The same spans, for "is this one already there?" without a scan of `mentions` (a speaker
    /// named thousands of times in one long document).
    mention_set: std::collections::HashSet<Span>,
    pub speaker: bool,
    pub first: usize,
    pub last: usize,
    /// Made from a document mention ("a fare table published on …", "the report's summary"):
    /// it may speak, but "he" or "she" never stands for it.
    pub document: bool,
}

impl Ent {
    fn new(kind: EntityKind, pos: usize) -> Ent {
        Ent {
            kind,
            names: Vec::new(),
            rests: Vec::new(),
            heads: Vec::new(),
            roles: Vec::new(),
            descs: Vec::new(),
            agr: Agr::NONE,
            gaz: None,
            mentions: Vec::new(),
            mention_set: Default::default(),
            speaker: false,
            first: pos,
            last: pos,
            document: false,
        }
    }

    /// True when a speaker with agreement `agr` can be this entity. `person_only` is for English
    /// he/she, which never stand for organisations.
    pub fn agrees(&self, agr: Agr, person_only: bool) -> bool {
        if person_only
            && (matches!(self.kind, EntityKind::Organization | EntityKind::Group)
                || self.document
                || (self.kind == EntityKind::Unknown && self.names.is_empty()))
        {
            return false;
        }
        // English "it", "its" never stand for a person known as one (by a role or by "he"/"she"):
        // "Its president, Teresa Moll, said … according to its website" is the union's site.
        if agr.gender == Some(Gender::Neuter)
            && self.kind == EntityKind::Person
            && (!self.roles.is_empty()
                || matches!(self.agr.gender, Some(Gender::Masc | Gender::Fem)))
        {
            return false;
        }
        let plural = self.kind == EntityKind::Group && self.agr.plural != Some(false)
            || self.agr.plural == Some(true);
        match agr.plural {
            Some(true) if !plural && self.kind != EntityKind::Organization => return false,
            Some(false) if plural => return false,
            _ => {}
        }
        match (agr.gender, self.agr.gender) {
            (Some(a), Some(b)) => a == b,
            _ => true,
        }
    }
}

/// How well a mention's name matches an entity's names: 3 the same, 2 a part, 0 not at all.
///
/// A one-word mention matches the surname (or, after a title, the given name: "الملك سلمان") of
/// a longer name. A longer mention must contain the entity's fullest name or be contained in it,
/// word order kept and last words equal: "سلمان بن يوسف الدوسري" is not "سلمان بن عبدالعزيز آل
/// سعود" even though the article called the latter "الملك سلمان".
fn name_score(m: &[String], names: &[NameForm]) -> u8 {
    if m.is_empty() || names.is_empty() {
        return 0;
    }
    if names.iter().any(|n| n.keys == m) {
        return 3;
    }
    if m.len() == 1 {
        let k = &m[0];
        let part = k.chars().count() >= 2
            && names.iter().any(|n| {
                n.keys.len() >= 2 && (n.keys.last() == Some(k) || n.keys.first() == Some(k))
            });
        return if part { 2 } else { 0 };
    }
    let longest = names.iter().map(|n| &n.keys).max_by_key(|k| k.len()).expect("a name");
    if longest.len() == 1 {
        return if m.last() == longest.last() { 2 } else { 0 };
    }
    let (short, long) =
        if m.len() <= longest.len() { (m, &longest[..]) } else { (&longest[..], m) };
    let mut it = long.iter();
    if short.iter().all(|k| it.any(|x| x == k)) && short.last() == long.last() {
        return 2;
    }
    0
}

/// The entities of one document.
pub(crate) struct Linker<'g> {
    pub ents: Vec<Ent>,
    /// The entities a mention may link to, in index order: those mentioned within `window`
    /// bytes before it. Without this bound every mention would be compared with every entity of
    /// the document, and a long document of many articles would cost the square of its length.
    active: Vec<usize>,
    /// See `SpeakersConfig::link_window`.
    window: usize,
    /// Where `active` was last pruned.
    pruned_at: usize,
    gaz: Option<&'g Gazetteer>,
    /// Arabic names organisations by their head's complement alone ("الخارجية الروسية");
    /// English does not ("the Clinton campaign" is not Clinton).
    short_forms: bool,
    /// Some entity is a person with a name: kept as mentions are absorbed (the only place
    /// names and kinds change), so that [`Linker::delayed_identification`] does not look at
    /// every entity of a long document for every name.
    named_person: bool,
}

impl<'g> Linker<'g> {
    /// `mentions`: how many mentions will be linked at most (each makes at most one entity).
    /// `window`: how far back, in bytes, an entity's last mention may be for a new mention to
    /// link to it.
    pub fn new(
        gaz: Option<&'g Gazetteer>,
        short_forms: bool,
        mentions: usize,
        window: usize,
    ) -> Linker<'g> {
        Linker {
            ents: Vec::with_capacity(mentions),
            active: Vec::new(),
            window: window.max(1),
            pruned_at: 0,
            gaz,
            short_forms,
            named_person: false,
        }
    }

    /// The entities a mention may link to, in index order.
    fn candidates(&self) -> impl Iterator<Item = (usize, &Ent)> {
        self.active.iter().map(|&i| {
            isnad_core::work::tick();
            (i, &self.ents[i])
        })
    }

    /// Drops from `active` the entities last mentioned more than `window` bytes before `pos`
    /// (every quarter window, so that pruning costs little per mention).
    fn prune(&mut self, pos: usize) {
        if pos < self.pruned_at + self.window / 4 {
            return;
        }
        let (ents, window) = (&self.ents, self.window);
        self.active.retain(|&i| ents[i].last + window >= pos);
        self.pruned_at = pos;
    }

    /// Puts `idx` back among the candidates (an entity found again by resolution).
    fn activate(&mut self, idx: usize) {
        if let Err(at) = self.active.binary_search(&idx) {
            self.active.insert(at, idx);
        }
    }

    /// The organisation mentioned last (a speaker or not): what an English "it" or "its" with
    /// no speaker to stand for refers to ("The association … according to its website").
    pub fn recent_org(&self) -> Option<usize> {
        self.recent(|e| e.kind == EntityKind::Organization && !e.document)
    }

    /// The most recent entity (by last mention) satisfying `pred`.
    fn recent(&self, pred: impl Fn(&Ent) -> bool) -> Option<usize> {
        self.candidates().filter(|(_, e)| pred(e)).max_by_key(|(_, e)| e.last).map(|(i, _)| i)
    }

    fn gaz_of_names(&self, p: &Parsed) -> Option<usize> {
        let g = self.gaz?;
        p.name
            .iter()
            .chain(&p.aliases)
            .find_map(|n| g.lookup(&n.keys))
            .or_else(|| (!p.rest.is_empty()).then(|| g.lookup(&p.rest)).flatten())
    }

    /// Links a mention (not a pronoun) at `pos`; returns the entity index, or `None` when the
    /// mention refers to nothing the document has (an anaphor with no antecedent). The mention's
    /// names, roles and texts move into the entity (no copies).
    pub fn link(&mut self, mut p: Parsed, pos: usize, speaker: bool) -> Option<usize> {
        self.prune(pos);
        if let Some(name) = self.trim_known_genitive(&p) {
            p.name = Some(name);
        }
        let p = p;
        let gaz = self.gaz_of_names(&p);
        let found = match p.form {
            Form::Pronoun => return None,
            Form::Anaphor => self
                .recent(|e| e.speaker && e.agrees(p.agr, false))
                .or_else(|| self.role_match(&p.roles)),
            // "البيان", "the statement": the organisation that spoke last; a person's statement
            // or a poll's figures are not linked (a new entity names the document). An
            // indefinite document ("a traffic study", "دراسة حديثة") is new: a new entity.
            Form::Document if p.bare => {
                self.recent(|e| e.speaker && e.kind == EntityKind::Organization)
            }
            Form::Document => None,
            Form::Person | Form::Name => gaz
                .and_then(|g| self.recent(|e| e.gaz == Some(g)))
                .or_else(|| self.name_match(&p))
                .or_else(|| self.anonymous_match(&p))
                .or_else(|| self.delayed_identification(&p)),
            Form::Org => {
                let found = gaz
                    .and_then(|g| self.recent(|e| e.gaz == Some(g)))
                    .or_else(|| self.org_match(&p));
                // (A bare name taken for a person is an organisation once described as one.)
                if let Some(i) = found
                    && p.described
                {
                    self.ents[i].kind = EntityKind::Organization;
                }
                found
            }
            Form::Group => self.group_match(&p),
            Form::Role => self.role_match(&p.roles).or_else(|| {
                // "المصدر المطلع" after "مصدر وثيق الصلة …": a definite role whose head an
                // earlier anonymous speaker had refers back to it, whatever its adjectives.
                let head = &p.roles.first()?.head;
                (p.bare)
                    .then(|| {
                        self.recent(|e| {
                            e.names.is_empty() && e.roles.iter().any(|r| &r.head == head)
                        })
                    })
                    .flatten()
            }),
        };
        if found.is_none() && p.form == Form::Anaphor {
            return None;
        }
        // A description that found nothing to refer back to names the organisation ("the
        // transportation department announced …" first in an article).
        let mut p = p;
        p.described &= found.is_some();
        let idx = match found {
            Some(i) => i,
            None => {
                let kind = match p.form {
                    Form::Org => EntityKind::Organization,
                    Form::Group => EntityKind::Group,
                    Form::Document => EntityKind::Unknown,
                    Form::Person | Form::Role => EntityKind::Person,
                    _ => match gaz.map(|g| self.gaz.expect("gazetteer").items[g].kind) {
                        Some(GazKind::Person) => EntityKind::Person,
                        Some(GazKind::Organization) => EntityKind::Organization,
                        Some(GazKind::Group) => EntityKind::Group,
                        None => match p.name.as_ref().map_or(0, |n| n.keys.len()) {
                            2..=4 => EntityKind::Person,
                            _ => EntityKind::Unknown,
                        },
                    },
                };
                let mut e = Ent::new(kind, pos);
                e.document = p.form == Form::Document;
                self.ents.push(e);
                self.active.push(self.ents.len() - 1);
                self.ents.len() - 1
            }
        };
        self.absorb(idx, p, pos, speaker, gaz);
        Some(idx)
    }

    /// Adds what a mention says to an entity.
    fn absorb(&mut self, idx: usize, p: Parsed, pos: usize, speaker: bool, gaz: Option<usize>) {
        let Parsed { span, form, name, roles, aliases, head, rest, descs, agr, text, .. } = p;
        // (A description refers back: it names nothing.)
        let bare = p.bare || p.described;
        let gaz_items = self.gaz.map(|g| &g.items);
        let e = &mut self.ents[idx];
        e.speaker |= speaker;
        e.last = e.last.max(pos);
        e.first = e.first.min(pos);
        if e.mention_set.insert(span) {
            e.mentions.push(span);
        }
        if e.gaz.is_none()
            && let Some(g) = gaz
        {
            e.gaz = Some(g);
            if let Some(items) = gaz_items {
                e.agr = e.agr.merge(items[g].agr);
            }
        }
        match form {
            Form::Person | Form::Name | Form::Org | Form::Group if !bare => {
                if let Some(n) = name
                    && !n.keys.is_empty()
                    && !e.names.iter().any(|x| x.keys == n.keys)
                {
                    e.names.push(n);
                }
                if form == Form::Person && e.kind == EntityKind::Unknown {
                    e.kind = EntityKind::Person;
                }
                if form == Form::Org && e.kind == EntityKind::Unknown {
                    e.kind = EntityKind::Organization;
                }
            }
            Form::Role | Form::Anaphor | Form::Org | Form::Group | Form::Document
                if !text.is_empty() && !e.descs.contains(&text) =>
            {
                e.descs.push(text);
            }
            _ => {}
        }
        for d in descs {
            if !e.descs.contains(&d) {
                e.descs.push(d);
            }
        }
        for a in aliases {
            if !e.names.iter().any(|x| x.keys == a.keys) {
                e.names.push(a);
            }
        }
        if !rest.is_empty() && !e.rests.contains(&rest) {
            e.rests.push(rest);
        }
        if let Some(h) = head
            && !e.heads.contains(&h)
        {
            e.heads.push(h);
        }
        if form != Form::Anaphor {
            for r in roles {
                if !e.roles.iter().any(|x| x.text == r.text) {
                    e.roles.push(r);
                }
            }
        }
        if matches!(form, Form::Person | Form::Org | Form::Group) {
            e.agr = e.agr.merge(agr);
        }
        self.named_person |= e.kind == EntityKind::Person && !e.names.is_empty();
    }

    /// A name that runs into a known person's surname through a common noun is cut before
    /// that noun: in "الصحفي أوزاي شيندير أسلوب ترامب" (the journalist Özay Şendir [described]
    /// Trump's style) "ترامب" is an entity already met and "أسلوب" is not one of his names, so
    /// the name is "أوزاي شيندير". A father's name ("علاء حسني مبارك") is kept: there the word
    /// before the surname is the known person's given name.
    /// Returns the cut name.
    fn trim_known_genitive(&self, p: &Parsed) -> Option<NameForm> {
        let name = p.name.as_ref()?;
        if !matches!(p.form, Form::Person | Form::Name)
            || name.keys.len() < 3
            || name.text.is_ascii()
        {
            return None;
        }
        let words: Vec<&str> = name.text.split_whitespace().collect();
        if words.len() != name.keys.len() {
            return None;
        }
        let cut = (2..name.keys.len()).find(|&k| {
            let key = &name.keys[k];
            let before = &name.keys[k - 1];
            self.candidates().any(|(_, e)| {
                e.kind == EntityKind::Person
                    && e.names.iter().any(|n| n.keys.len() >= 2 && n.keys.last() == Some(key))
                    && !e.names.iter().any(|n| n.keys.contains(before))
            })
        })?;
        let keep = cut - 1;
        Some(NameForm { text: words[..keep].join(" "), keys: name.keys[..keep].to_vec() })
    }

    fn name_match(&self, p: &Parsed) -> Option<usize> {
        let keys = &p.name.as_ref()?.keys;
        let mut best: Option<(u8, usize, usize)> = None;
        for (i, e) in self.candidates() {
            if e.kind == EntityKind::Group {
                continue;
            }
            let mut s = name_score(keys, &e.names);
            // A surname is a person's: "Clinton" is not "the Clinton campaign".
            if s == 2 && e.kind == EntityKind::Organization {
                s = 0;
            }
            if e.rests.iter().any(|r| r == keys) {
                s = s.max(3);
            }
            if s > 0 && best.is_none_or(|(bs, bl, _)| (s, e.last) > (bs, bl)) {
                best = Some((s, e.last, i));
            }
        }
        best.map(|(_, _, i)| i)
    }

    /// An earlier anonymous entity whose role this named mention's role contains.
    fn anonymous_match(&self, p: &Parsed) -> Option<usize> {
        if p.name.is_none() || p.roles.is_empty() {
            return None;
        }
        self.recent(|e| {
            e.names.is_empty()
                && e.kind == EntityKind::Person
                && e.roles.iter().any(|er| {
                    !er.quals.is_empty()
                        && p.roles.iter().any(|pr| {
                            pr.head == er.head && er.quals.iter().all(|q| pr.quals.contains(q))
                        })
                })
        })
    }

    /// "Kenya's health minister on Wednesday defended a levy … ¶ Grace Wanjiru told lawmakers
    /// that …": an English lede that names its speaker by role only gives the name in the next
    /// sentences, bare, with no role of its own. The first full name of a person in the
    /// article, given without a role, takes over the one role-only speaker of the lede. Not for
    /// Arabic, whose news names a speaker with the role on first mention.
    fn delayed_identification(&self, p: &Parsed) -> Option<usize> {
        if self.short_forms || !p.roles.is_empty() {
            return None;
        }
        // (Only the name: "Imam Yusuf Karimi" comes with a title of its own, so is introduced.)
        let bare_name = p.name.as_ref().is_some_and(|n| {
            n.keys.len() >= 2 && p.text.split_whitespace().count() == n.keys.len()
        });
        if !bare_name || self.named_person {
            return None;
        }
        let mut lede = self.candidates().filter(|(_, e)| {
            e.kind == EntityKind::Person
                && e.speaker
                && e.names.is_empty()
                && !e.roles.is_empty()
                && e.first < LEDE_BYTES
                && e.agrees(p.agr, true)
                // "a senior official", "an aide": an unnamed source is not named later.
                && !e.descs.iter().any(|d| {
                    let d = d.to_lowercase();
                    d.starts_with("a ") || d.starts_with("an ") || d.starts_with("one ")
                })
        });
        let (first, _) = lede.next()?;
        lede.next().is_none().then_some(first)
    }

    fn org_match(&self, p: &Parsed) -> Option<usize> {
        let keys = p.name.as_ref().map(|n| &n.keys);
        // The name without its head stands for the organisation ("الخارجية الروسية"), but a
        // person's name is not their campaign ("the Clinton campaign").
        let exact = self.recent(|e| {
            e.kind != EntityKind::Group
                && (keys.is_some_and(|k| {
                    e.names
                        .iter()
                        .any(|n| &n.keys == k || (!e.rests.is_empty() && e.rests.contains(k)))
                }) || (!p.rest.is_empty()
                    && (e.rests.contains(&p.rest)
                        || (self.short_forms
                            && e.kind != EntityKind::Person
                            && e.names.iter().any(|n| n.keys == p.rest)))))
        });
        if exact.is_some() || !(p.bare || p.described) {
            return exact;
        }
        let head = p.head.as_ref()?;
        // (Only a bare head refers back by its head: "the drafting committee" is not the
        // Democratic National Committee.)
        let by_head = p
            .bare
            .then(|| self.recent(|e| e.kind == EntityKind::Organization && e.heads.contains(head)))
            .flatten();
        by_head.or_else(|| (p.described && !p.bare).then(|| self.described_org()).flatten())
    }

    /// "Fraser Health said … The health authority urged …", "Karoo Cement … the Gqeberha-based
    /// group said": a definite description of an organisation with words of its own besides
    /// its head, that no organisation of its name answers, is the speaker met last when that
    /// speaker is an organisation whose name has no head, or a bare name of two words or more
    /// (no title, no role, never "he" or "she"), which a bare name would type a person. A
    /// bare head ("the government", "the airline") keeps its own reading: it refers back by
    /// its head only; a description after another speaker is a new body ("the transportation
    /// department announced …" after "The union said …").
    fn described_org(&self) -> Option<usize> {
        let last = self.recent(|e| e.speaker)?;
        let e = &self.ents[last];
        let named = !e.names.is_empty() && !e.document && e.heads.is_empty();
        let bare_name = e.kind == EntityKind::Person
            && e.roles.is_empty()
            && !matches!(e.agr.gender, Some(Gender::Masc | Gender::Fem))
            && e.names.iter().all(|n| n.keys.len() >= 2);
        (named && (e.kind == EntityKind::Organization || bare_name)).then_some(last)
    }

    fn group_match(&self, p: &Parsed) -> Option<usize> {
        let keys = p.name.as_ref().map(|n| &n.keys);
        let exact = self.recent(|e| {
            e.kind == EntityKind::Group
                && keys.is_some_and(|k| e.names.iter().any(|n| &n.keys == k))
        });
        if exact.is_some() || !p.bare {
            return exact;
        }
        let head = p.head.as_ref()?;
        self.recent(|e| e.kind == EntityKind::Group && e.heads.contains(head))
    }

    fn role_match(&self, roles: &[RoleForm]) -> Option<usize> {
        if roles.is_empty() {
            return None;
        }
        let same = self.recent(|e| e.roles.iter().any(|er| roles.iter().any(|r| r.same(er))));
        if same.is_some() {
            return same;
        }
        if let Some(g) = self.gaz {
            let hit = self.recent(|e| {
                e.gaz.is_some_and(|gi| {
                    g.items[gi].roles.iter().any(|gr| roles.iter().any(|r| r.same(gr)))
                })
            });
            if hit.is_some() {
                return hit;
            }
        }
        self.recent(|e| e.roles.iter().any(|er| roles.iter().any(|r| r.compatible(er))))
    }

    /// Records that `idx` was found as the speaker of a claim at `pos` by resolution (pronoun,
    /// implicit subject).
    pub fn touch(&mut self, idx: usize, pos: usize, mention: Option<Span>, agr: Agr) {
        self.activate(idx);
        let e = &mut self.ents[idx];
        e.speaker = true;
        e.last = e.last.max(pos);
        if let Some(m) = mention
            && e.mention_set.insert(m)
        {
            e.mentions.push(m);
        }
        if e.kind != EntityKind::Group && e.kind != EntityKind::Organization {
            e.agr = e.agr.merge(Agr { gender: agr.gender, plural: None });
        }
    }

    /// Learns agreement from the cue verb of a claim whose subject is explicit: the verb agrees
    /// in gender with its subject (in number only when the subject comes first).
    pub fn learn(&mut self, idx: usize, cue_agr: Agr, subject_first: bool) {
        let e = &mut self.ents[idx];
        if e.kind == EntityKind::Group {
            return;
        }
        e.agr = e.agr.merge(Agr {
            gender: cue_agr.gender,
            plural: if subject_first { cue_agr.plural } else { None },
        });
    }
}
