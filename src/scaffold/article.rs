//! `tiendo new article`: one draft per language, named after the title.

use super::{q, site_languages, write_new, Created, ScaffoldError};
use crate::date::Date;
use crate::diag::Diagnostic;
use crate::fs;
use crate::slug::slugify;
use std::path::{Path, PathBuf};

/// The longest file name an article gets from its title (in bytes, all ASCII): far below the
/// 255 that file systems allow, and a readable URL.
const MAX_SLUG: usize = 80;

/// Creates `content/news/<slug>.<lang>.md` for every site language, as a draft dated `today`.
pub fn new_article(root: &Path, title: &str, today: Date) -> Result<Created, ScaffoldError> {
    let title = title.trim();
    if title.is_empty() {
        return Err(
            Diagnostic::error("content/news", "the article needs a title")
                .help("write it in quotes: `tiendo new article \"Kết quả quý I\"`")
                .into(),
        );
    }
    let langs = site_languages(root)?;
    let slug = article_slug(title);
    refuse_taken_stem(root, &slug, &langs)?;
    let files: Vec<(PathBuf, String)> = langs
        .iter()
        .map(|l| (article_path(&slug, Some(l)), article_text(title, l, today)))
        .collect();
    let paths = write_new(root, &files)?;
    Ok(Created {
        paths,
        note: article_note(&langs),
    })
}

/// The file stem: the title's slug, cut at a word boundary to at most [`MAX_SLUG`] bytes.
fn article_slug(title: &str) -> String {
    let slug = slugify(title);
    if slug.len() <= MAX_SLUG {
        return slug;
    }
    // The slug is ASCII, so every byte is a character; cut after the last whole word that fits.
    let mut cut = String::new();
    for word in slug.split('-') {
        let next = if cut.is_empty() {
            word.len()
        } else {
            cut.len() + 1 + word.len()
        };
        if next > MAX_SLUG {
            break;
        }
        if !cut.is_empty() {
            cut.push('-');
        }
        cut.push_str(word);
    }
    if cut.is_empty() {
        // One word longer than the limit: its first characters.
        cut = slug.chars().take(MAX_SLUG).collect();
    }
    cut
}

/// `content/news/<slug>.<lang>.md`, or `<slug>.md` (the default language) without `lang`.
fn article_path(slug: &str, lang: Option<&String>) -> PathBuf {
    match lang {
        Some(l) => PathBuf::from(format!("content/news/{slug}.{l}.md")),
        None => PathBuf::from(format!("content/news/{slug}.md")),
    }
}

/// Refuses a stem that any file has, in any language: it would pair with the new one.
fn refuse_taken_stem(root: &Path, slug: &str, langs: &[String]) -> Result<(), ScaffoldError> {
    let candidates = langs
        .iter()
        .map(Some)
        .chain([None])
        .map(|l| article_path(slug, l));
    for p in candidates {
        if fs::symlink_metadata(&root.join(&p)).is_ok() {
            return Err(Diagnostic::error(
                &p,
                format!(
                    "an article with the file name `{slug}` exists already; tiendo never overwrites it"
                ),
            )
            .help("choose another title, or edit the existing article")
            .into());
        }
    }
    Ok(())
}

/// A new article's text in `lang`: front matter (a draft dated today) and a hint.
fn article_text(title: &str, lang: &str, today: Date) -> String {
    // No shortcode in the comment: it would be expanded, and fail for a missing year.
    let hint = if lang == "vi" {
        "Viết bài ở đây, bằng Markdown. Số liệu lấy từ dữ liệu bằng shortcode: figure(year=…, key=\"goals.completed\") đặt trong hai cặp ngoặc nhọn (xem README). Xóa dòng `draft: true` khi bài sẵn sàng đăng."
    } else {
        "Write the article here, in Markdown. Quote figures from the data with shortcodes: figure(year=…, key=\"goals.completed\") inside double curly braces (see the README). Delete the `draft: true` line when the article is ready."
    };
    format!(
        "---\ntitle: {}\ndate: {today}\ndraft: true\n---\n<!-- {hint} -->\n",
        q(title)
    )
}

fn article_note(langs: &[String]) -> String {
    let others = if langs.len() > 1 {
        " Translate the title in each language's file."
    } else {
        ""
    };
    format!(
        "created a draft article in {} ({}).{others} Preview it with `tiendo serve --drafts`.",
        langs.join(", "),
        if langs.len() == 1 {
            "one file"
        } else {
            "one file per language"
        }
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::slug::slugify;

    #[test]
    fn a_long_title_makes_a_file_name_cut_at_a_word() {
        let title = "Hội nghị tổng kết công tác chuyển đổi số ".repeat(20);
        let slug = article_slug(&title);
        assert!(slug.len() <= MAX_SLUG, "{slug}");
        assert!(slug.starts_with("hoi-nghi-tong-ket-cong-tac-chuyen-doi-so-hoi-nghi"));
        assert!(!slug.ends_with('-'));
        assert!(slugify(&title).starts_with(&slug));
        // One endless word is cut at the limit.
        assert_eq!(article_slug(&"đ".repeat(500)), "d".repeat(MAX_SLUG));
        // Short titles are as before.
        assert_eq!(article_slug("Kết quả quý I"), "ket-qua-quy-i");
    }
}
