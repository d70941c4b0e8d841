//! The site's own search index: per language, chunked so that a search downloads only what it
//! needs (one shard per query word, one chunk of document records for the results), and
//! diacritic-insensitive ("chuyen doi so" finds "chuyển đổi số") while an exact spelling ranks
//! higher. Pure: builds the files in memory.
//!
//! Layout under `search/<lang>/`:
//! - `meta.json`: labels, the document chunk size and the list of shards;
//! - `s/<key>.json`: `{folded word: {exact spelling: [[doc, weight], …]}}` for the words whose
//!   folded form starts with `<key>` (its first two characters);
//! - `d/<n>.json`: document records `[type, year, status, title, url]`, `CHUNK` per file.

use crate::slug::fold;
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// Document records per chunk file.
pub const CHUNK: usize = 100;
/// Longest posting list kept per spelling: the highest-weighted documents. Very common words
/// (which say little) stop growing there, so no shard grows without bound.
pub const MAX_POSTINGS: usize = 200;

/// A searchable document.
pub struct SearchDoc {
    /// `article`, `page`, `goal` or `task`.
    pub kind: &'static str,
    /// Reporting year, or 0.
    pub year: i32,
    /// Bucket or status key, or "".
    pub status: String,
    /// Title.
    pub title: String,
    /// URL path from the site root.
    pub url: String,
    /// Weighted texts: (text, weight).
    pub texts: Vec<(String, u32)>,
}

/// Letters and digits, with a fast path for ASCII and the Latin ranges Vietnamese uses.
#[inline]
pub fn is_word_char(c: char) -> bool {
    match c as u32 {
        0x30..=0x39 | 0x41..=0x5A | 0x61..=0x7A => true,
        0..=0x7F | 0xD7 | 0xF7 => false,
        0xC0..=0x24F | 0x1E00..=0x1EFF => true,
        _ => c.is_alphanumeric(),
    }
}

/// The words of `text`, lower-cased, with their diacritics.
pub fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !is_word_char(c))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
}

/// The shard key of a folded word: its first two characters, or a safe stand-in.
pub fn shard_key(folded: &str) -> String {
    let key: String = folded.chars().take(2).collect();
    if key
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
    {
        key
    } else {
        let c = folded.chars().next().map(|c| c as u32).unwrap_or(0);
        format!("u{c:x}")
    }
}

/// The index never iterates a hash map into its output, so the hasher cannot affect the bytes
/// written.
type FxMap<K, V> = rustc_hash::FxHashMap<K, V>;

/// Builds the index files of one language: (path under `search/<lang>/`, bytes).
pub fn build_index(
    docs: &[SearchDoc],
    labels: &BTreeMap<String, String>,
) -> Vec<(String, Vec<u8>)> {
    let mut words = Words::gather(docs);
    let shards = words.shards();
    let meta = json!({
        "version": 1,
        "chunk": CHUNK,
        "docs": docs.len(),
        "shards": shards.keys().collect::<Vec<_>>(),
        "labels": labels,
    });
    let mut files = vec![("meta.json".to_string(), to_bytes(&meta))];
    for (key, mut text) in shards {
        text.push('}');
        files.push((
            format!("s/{key}.json"),
            text.replace("</", "<\\/").into_bytes(),
        ));
    }
    for (n, chunk) in docs.chunks(CHUNK).enumerate() {
        let records: Vec<Value> = chunk
            .iter()
            .map(|d| json!([d.kind, d.year, d.status, d.title, d.url]))
            .collect();
        files.push((format!("d/{n}.json"), to_bytes(&Value::Array(records))));
    }
    files
}

/// Every distinct spelling of the documents' words, numbered, with its postings: (document,
/// summed weight), in document order.
struct Words {
    spellings: Vec<String>,
    postings: Vec<Vec<(u32, u32)>>,
}

impl Words {
    /// Reads the documents. Postings are gathered per spelling number, doc by doc, so each
    /// list comes out in document order without sorting.
    fn gather(docs: &[SearchDoc]) -> Words {
        let mut ids: FxMap<String, u32> = FxMap::default();
        let mut words = Words {
            spellings: Vec::new(),
            postings: Vec::new(),
        };
        let mut local: FxMap<u32, u32> = FxMap::default();
        let mut in_doc: Vec<u32> = Vec::new();
        for (i, d) in docs.iter().enumerate() {
            local.clear();
            in_doc.clear();
            for (text, weight) in &d.texts {
                let lower = text.to_lowercase();
                for w in lower
                    .split(|c: char| !is_word_char(c))
                    .filter(|w| !w.is_empty())
                {
                    let id = words.intern(&mut ids, w);
                    let e = local.entry(id).or_insert(0);
                    if *e == 0 {
                        in_doc.push(id);
                    }
                    *e += weight;
                }
            }
            for id in &in_doc {
                words.postings[*id as usize].push((i as u32, local[id]));
            }
        }
        words
    }

    /// The number of spelling `w`, new or known.
    fn intern(&mut self, ids: &mut FxMap<String, u32>, w: &str) -> u32 {
        if let Some(id) = ids.get(w) {
            return *id;
        }
        let id = self.spellings.len() as u32;
        ids.insert(w.to_string(), id);
        self.spellings.push(w.to_string());
        self.postings.push(Vec::new());
        id
    }

    /// The shards' JSON texts by key, each still open (without its final `}`): `{folded
    /// word: {spelling: postings}}`. Words that fold to a single letter are left out.
    fn shards(&mut self) -> BTreeMap<String, String> {
        let mut by_folded: BTreeMap<String, Vec<u32>> = BTreeMap::new();
        for (id, sp) in self.spellings.iter().enumerate() {
            let f = fold(sp);
            if f.chars().count() < 2 && !f.chars().all(|c| c.is_ascii_digit()) {
                continue;
            }
            by_folded.entry(f).or_default().push(id as u32);
        }
        let mut shards: BTreeMap<String, String> = BTreeMap::new();
        for (folded, mut ids) in by_folded {
            ids.sort_by(|a, b| self.spellings[*a as usize].cmp(&self.spellings[*b as usize]));
            let out = shards.entry(shard_key(&folded)).or_default();
            out.push(if out.is_empty() { '{' } else { ',' });
            push_json_str(out, &folded);
            out.push_str(":{");
            for (n, id) in ids.iter().enumerate() {
                if n > 0 {
                    out.push(',');
                }
                self.push_spelling(out, *id);
            }
            out.push('}');
        }
        shards
    }

    /// Appends `"spelling":[[doc,weight],…]`, keeping the `MAX_POSTINGS` highest-weighted.
    fn push_spelling(&mut self, out: &mut String, id: u32) {
        let list = &mut self.postings[id as usize];
        if list.len() > MAX_POSTINGS {
            list.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            list.truncate(MAX_POSTINGS);
            list.sort_by_key(|p| p.0);
        }
        push_json_str(out, &self.spellings[id as usize]);
        out.push_str(":[");
        for (k, (d, w)) in list.iter().enumerate() {
            if k > 0 {
                out.push(',');
            }
            out.push('[');
            out.push_str(&d.to_string());
            out.push(',');
            out.push_str(&w.to_string());
            out.push(']');
        }
        out.push(']');
    }
}

/// Appends `s` as a JSON string.
fn push_json_str(out: &mut String, s: &str) {
    out.push_str(&serde_json::to_string(s).unwrap_or_else(|_| "\"\"".to_string()));
}

fn to_bytes(v: &Value) -> Vec<u8> {
    // `</` is escaped so that no JSON file can close a script element it is pasted into.
    serde_json::to_string(v)
        .unwrap_or_default()
        .replace("</", "<\\/")
        .into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(title: &str) -> SearchDoc {
        SearchDoc {
            kind: "goal",
            year: 2023,
            status: "completed".into(),
            title: title.into(),
            url: "nam/2023/#goal-G01".into(),
            texts: vec![(title.into(), 10)],
        }
    }

    #[test]
    fn folded_words_keep_their_spellings() {
        let files = build_index(&[doc("Chuyển đổi số"), doc("Chuyến đi")], &BTreeMap::new());
        let shard = files.iter().find(|(p, _)| p == "s/ch.json").unwrap();
        let v: Value = serde_json::from_slice(&shard.1).unwrap();
        assert_eq!(v["chuyen"]["chuyển"], json!([[0, 10]]));
        assert_eq!(v["chuyen"]["chuyến"], json!([[1, 10]]));
        let d = files.iter().find(|(p, _)| p == "s/do.json").unwrap();
        assert!(String::from_utf8_lossy(&d.1).contains("\"doi\":{\"đổi\""));
    }

    #[test]
    fn shard_keys_are_file_safe() {
        assert_eq!(shard_key("chuyen"), "ch");
        assert_eq!(shard_key("2023"), "20");
        assert_eq!(shard_key("中文"), "u4e2d");
        assert_eq!(shard_key("x"), "x");
    }

    #[test]
    fn postings_are_capped_and_json_is_script_safe() {
        let docs: Vec<SearchDoc> = (0..500)
            .map(|i| doc(&format!("common {i} </script>")))
            .collect();
        let files = build_index(&docs, &BTreeMap::new());
        let shard = files.iter().find(|(p, _)| p == "s/co.json").unwrap();
        let v: Value = serde_json::from_slice(&shard.1).unwrap();
        assert_eq!(
            v["common"]["common"].as_array().unwrap().len(),
            MAX_POSTINGS
        );
        assert!(files
            .iter()
            .all(|(_, b)| !String::from_utf8_lossy(b).contains("</script")));
        assert_eq!(files.iter().filter(|(p, _)| p.starts_with("d/")).count(), 5);
    }
}
