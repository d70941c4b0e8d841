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
use serde_json::{json, Map, Value};
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

/// The words of `text`, lower-cased, with their diacritics.
pub fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
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

/// Builds the index files of one language: (path under `search/<lang>/`, bytes).
pub fn build_index(
    docs: &[SearchDoc],
    labels: &BTreeMap<String, String>,
) -> Vec<(String, Vec<u8>)> {
    // word (folded) -> spelling -> doc -> weight
    let mut index: BTreeMap<String, BTreeMap<String, BTreeMap<usize, u32>>> = BTreeMap::new();
    for (i, d) in docs.iter().enumerate() {
        for (text, weight) in &d.texts {
            for w in words(text) {
                let f = fold(&w);
                if f.chars().count() < 2 && !f.chars().all(|c| c.is_ascii_digit()) {
                    continue;
                }
                *index
                    .entry(f)
                    .or_default()
                    .entry(w)
                    .or_default()
                    .entry(i)
                    .or_insert(0) += weight;
            }
        }
    }
    let mut shards: BTreeMap<String, Map<String, Value>> = BTreeMap::new();
    for (folded, spellings) in index {
        let mut m = Map::new();
        for (spelling, postings) in spellings {
            let mut list: Vec<(usize, u32)> = postings.into_iter().collect();
            list.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            list.truncate(MAX_POSTINGS);
            list.sort_by_key(|p| p.0);
            m.insert(
                spelling,
                Value::Array(list.into_iter().map(|(d, w)| json!([d, w])).collect()),
            );
        }
        shards
            .entry(shard_key(&folded))
            .or_default()
            .insert(folded, Value::Object(m));
    }
    let mut files = Vec::new();
    let meta = json!({
        "version": 1,
        "chunk": CHUNK,
        "docs": docs.len(),
        "shards": shards.keys().collect::<Vec<_>>(),
        "labels": labels,
    });
    files.push(("meta.json".to_string(), to_bytes(&meta)));
    for (key, m) in shards {
        files.push((format!("s/{key}.json"), to_bytes(&Value::Object(m))));
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
