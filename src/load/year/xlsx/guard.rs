//! What a file is, checked before any cell is read: its size, its first bytes, and, for a zip,
//! its central directory (the sizes every entry declares), so that nothing is decompressed from
//! a file that is not a workbook or would unpack to too much.
//!
//! Declared sizes can lie. zip >= 9.0.1 fails any read that produces more than the entry's
//! declared size, and calamine reads every part through it, so the sum checked here also bounds
//! what reading really unpacks (a test makes a file whose directory lies).

use std::io::{Cursor, Read};

/// Largest workbook file read (8 MB). The 1,000-goal + 1,000-task year is 138 KB (58× less);
/// pictures pasted into a sheet are what makes real workbooks large.
pub const MAX_FILE_BYTES: u64 = 8_000_000;
/// Largest sum of the entries' declared uncompressed sizes (64 MB; the 1,000 + 1,000 year
/// unpacks to 1.4 MB). Bounds memory too: calamine holds a sheet's cells and the shared strings.
pub const MAX_UNPACKED_BYTES: u64 = 64_000_000;
/// Largest number of entries in the zip.
pub const MAX_ENTRIES: usize = 2_000;

/// A file that is not read, and what to do about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileError {
    /// What is wrong with the file.
    pub message: String,
    /// What to do.
    pub help: String,
}

fn err(message: impl Into<String>, help: impl Into<String>) -> FileError {
    FileError {
        message: message.into(),
        help: help.into(),
    }
}

/// The hint for a file that is damaged.
pub const SAVE_AGAIN: &str = "open it in Excel or LibreOffice Calc and save it again as an Excel workbook (.xlsx), or restore a copy";

/// A readable workbook's format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// An Excel workbook.
    Xlsx {
        /// The workbook asks to be recomputed when opened (`fullCalcOnLoad`), as files written
        /// by programs that do not compute formulas do: their cached results are not results.
        recalc_on_load: bool,
    },
    /// An OpenDocument spreadsheet (refused for now: see the reader's documentation).
    Ods,
}

/// Refuses a file that is too large before reading it (`len` from the file's metadata).
pub fn check_len(len: u64) -> Result<(), FileError> {
    if len > MAX_FILE_BYTES {
        return Err(err(
            format!("the workbook is {}, larger than the {} tiendo reads", mb(len), mb(MAX_FILE_BYTES)),
            "remove pictures, charts and sheets tiendo does not read (keep them in another file), or keep the year in YAML",
        ));
    }
    Ok(())
}

/// Tells what the bytes are, and refuses all but an .xlsx or .ods workbook within the limits.
pub fn check(bytes: &[u8]) -> Result<Format, FileError> {
    check_len(bytes.len() as u64)?;
    not_a_zip(bytes)?;
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| damaged(&e))?;
    let parts = Parts::of(&mut zip)?;
    if parts.xlsx {
        let wb = read_entry(&mut zip, "xl/workbook.xml")?;
        return Ok(Format::Xlsx {
            recalc_on_load: asks_recalc(&wb),
        });
    }
    if parts.xlsb {
        return Err(err(
            "the file is an Excel binary workbook (.xlsb)",
            "save it as Excel Workbook (.xlsx): File → Save As → Excel Workbook",
        ));
    }
    if parts.ods_content
        && read_entry(&mut zip, "mimetype")
            .is_ok_and(|m| m.starts_with(b"application/vnd.oasis.opendocument.spreadsheet"))
    {
        return Ok(Format::Ods);
    }
    let what = if parts.docx {
        "a Word or PowerPoint document"
    } else {
        "a zip archive, not a workbook"
    };
    Err(err(
        format!("the file is {what}"),
        "a year workbook is an Excel workbook (.xlsx)",
    ))
}

/// Refuses what is not a zip by its first bytes: an empty file, an OLE compound file (an `.xls`
/// or a password-protected workbook), a web page or XML file given an `.xlsx` name.
fn not_a_zip(bytes: &[u8]) -> Result<(), FileError> {
    const CFB: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    if bytes.is_empty() {
        return Err(err("the file is empty", SAVE_AGAIN));
    }
    if bytes.starts_with(CFB) {
        return Err(compound_file(bytes));
    }
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return Ok(());
    }
    let head = String::from_utf8_lossy(bytes.get(..bytes.len().min(512)).unwrap_or_default())
        .to_lowercase();
    let what = if head.contains("<html") || head.contains("<table") {
        "a web page (HTML) with an .xlsx name"
    } else if head.trim_start().starts_with("<?xml") {
        "an XML file (such as \"XML Spreadsheet 2003\"), not an .xlsx workbook"
    } else {
        "not an Excel workbook (.xlsx)"
    };
    Err(err(
        format!("the file is {what}"),
        "open it in Excel or LibreOffice Calc and save it as Excel Workbook (.xlsx)",
    ))
}

/// What the zip's central directory says, read without unpacking anything.
struct Parts {
    xlsx: bool,
    xlsb: bool,
    docx: bool,
    ods_content: bool,
}

impl Parts {
    /// Checks the entry count, encryption and the declared unpacked size, and notes the parts
    /// that tell the formats apart.
    fn of(zip: &mut zip::ZipArchive<Cursor<&[u8]>>) -> Result<Parts, FileError> {
        if zip.len() > MAX_ENTRIES {
            return Err(err(
                format!(
                    "the workbook has {} parts, more than the {MAX_ENTRIES} tiendo reads",
                    zip.len()
                ),
                SAVE_AGAIN,
            ));
        }
        let mut parts = Parts {
            xlsx: false,
            xlsb: false,
            docx: false,
            ods_content: false,
        };
        let mut total: u64 = 0;
        for i in 0..zip.len() {
            let entry = zip.by_index_raw(i).map_err(|e| damaged(&e))?;
            if entry.encrypted() {
                return Err(err("the workbook is password-protected", PASSWORD));
            }
            total = total.saturating_add(entry.size());
            let name = entry
                .name()
                .map(|n| n.to_ascii_lowercase())
                .unwrap_or_default();
            match name.as_str() {
                "xl/workbook.xml" => parts.xlsx = true,
                "xl/workbook.bin" => parts.xlsb = true,
                "word/document.xml" | "ppt/presentation.xml" => parts.docx = true,
                "content.xml" => parts.ods_content = true,
                _ => {}
            }
        }
        if total > MAX_UNPACKED_BYTES {
            return Err(err(
                format!("the workbook would unpack to {}, more than the {} tiendo reads", mb(total), mb(MAX_UNPACKED_BYTES)),
                "a workbook this large is not a year of goals and tasks: remove pictures and unused sheets, or check where the file came from",
            ));
        }
        Ok(parts)
    }
}

fn damaged(e: &zip::result::ZipError) -> FileError {
    err(
        format!("the workbook is damaged: {}", zip_reason(e)),
        SAVE_AGAIN,
    )
}

const PASSWORD: &str = "remove the password: in Excel, File → Info → Protect Workbook → Encrypt with Password, \
                        clear it and save; in LibreOffice, File → Save As without \"Save with password\"";

/// An OLE compound file: a password-protected .xlsx (its streams `EncryptionInfo` and
/// `EncryptedPackage`) or an Excel 97–2003 workbook (its stream `Workbook`, or `Book` for Excel 5).
fn compound_file(bytes: &[u8]) -> FileError {
    // Directory entries store their names in UTF-16LE; a scan finds them without parsing the FAT.
    let has = |name: &str| {
        let pat: Vec<u8> = name.encode_utf16().flat_map(u16::to_le_bytes).collect();
        bytes.windows(pat.len()).any(|w| w == pat)
    };
    if has("EncryptedPackage") || has("EncryptionInfo") {
        err("the workbook is password-protected", PASSWORD)
    } else if has("Workbook") || has("Book") {
        err(
            "the file is an old Excel 97–2003 workbook (.xls)",
            "open it in Excel or LibreOffice Calc and save it as Excel Workbook (.xlsx), then rename the new file to <year>.xlsx",
        )
    } else {
        err(
            "the file is an old Office document, not an Excel workbook",
            "save the year as Excel Workbook (.xlsx)",
        )
    }
}

fn read_entry(zip: &mut zip::ZipArchive<Cursor<&[u8]>>, name: &str) -> Result<Vec<u8>, FileError> {
    let mut out = Vec::new();
    let mut entry = zip.by_name(name).map_err(|e| damaged(&e))?;
    // The entry's declared size is within the limit checked above, and zip stops past it.
    entry.read_to_end(&mut out).map_err(|e| {
        err(
            format!("the workbook is damaged: `{name}` cannot be unpacked ({e})"),
            SAVE_AGAIN,
        )
    })?;
    Ok(out)
}

/// `<calcPr ... fullCalcOnLoad="1"/>` in xl/workbook.xml.
fn asks_recalc(workbook_xml: &[u8]) -> bool {
    let s = String::from_utf8_lossy(workbook_xml);
    let Some(at) = s.find("<calcPr") else {
        return false;
    };
    let rest = s.get(at..).unwrap_or_default();
    let tag = rest
        .get(..rest.find('>').unwrap_or(rest.len()))
        .unwrap_or_default();
    tag.contains("fullCalcOnLoad=\"1\"") || tag.contains("fullCalcOnLoad=\"true\"")
}

fn zip_reason(e: &zip::result::ZipError) -> String {
    match e {
        zip::result::ZipError::InvalidArchive(_) | zip::result::ZipError::Io(_) => {
            "it is not a complete zip archive (cut short while copying or downloading?)".into()
        }
        other => other.to_string(),
    }
}

fn mb(n: u64) -> String {
    format!("{:.1} MB", n as f64 / 1_000_000.0)
}
