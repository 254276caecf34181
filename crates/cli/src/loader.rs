//! Templates a FILE includes, imports or extends, found on disk as Jinja2's
//! `FileSystemLoader` finds them: in the FILE's folder, then in each
//! `--search-path` folder, the first that has the name winning.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use notice_engine::lang::Lang;
use notice_engine::template::scan;
use notice_engine::text::Span;

use crate::InputError;

/// Where templates are looked for, in order.
pub struct Loader {
    folders: Vec<PathBuf>,
}

impl Loader {
    pub fn new(file: &str, search_paths: &[String]) -> Loader {
        let own = Path::new(file).parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new(".")).to_path_buf();
        Loader { folders: std::iter::once(own).chain(search_paths.iter().map(PathBuf::from)).collect() }
    }

    /// Every template `source` names, directly or through the ones it names,
    /// by name. A name no folder has is an error naming it, where it is
    /// named, and the folders searched; unless the tag says `ignore missing`
    /// or offers another name that is found.
    pub fn partials(&self, file: &str, source: &str, lang: Lang) -> Result<BTreeMap<String, String>, InputError> {
        let mut found = BTreeMap::new();
        let mut waiting = vec![(file.to_owned(), source.to_owned())];
        while let Some((referrer, text)) = waiting.pop() {
            let used = scan::partials_used(&text);
            for (name, tag) in &used {
                if found.contains_key(name) {
                    continue;
                }
                match self.read(name, lang)? {
                    Some(partial) => {
                        waiting.push((name.clone(), partial.clone()));
                        found.insert(name.clone(), partial);
                    }
                    None => {
                        let optional = text[tag.clone()].contains("ignore missing")
                            || used.iter().any(|(other, t)| t == tag && other != name && self.read(other, lang).ok().flatten().is_some());
                        if !optional {
                            return Err(self.missing(name, &referrer, &Span::of(&text, tag.clone()), lang));
                        }
                    }
                }
            }
        }
        Ok(found)
    }

    /// The template called `name`, from the first folder that has it.
    fn read(&self, name: &str, lang: Lang) -> Result<Option<String>, InputError> {
        // Jinja2 refuses names that climb out of the folders.
        if name.split('/').any(|piece| piece == "..") {
            return Ok(None);
        }
        for folder in &self.folders {
            let path = folder.join(name);
            if path.is_file() {
                return crate::read(&path.to_string_lossy(), lang).map(Some);
            }
        }
        Ok(None)
    }

    fn missing(&self, name: &str, referrer: &str, at: &Span, lang: Lang) -> InputError {
        let folders: Vec<String> = self.folders.iter().map(|f| f.display().to_string()).collect();
        let folders = folders.join(", ");
        InputError(match lang {
            Lang::Zh => format!("{referrer} 第 {} 行引用的模板“{name}”找不到；查找过的文件夹：{folders}（可用 --search-path 添加文件夹）", at.line),
            Lang::En => format!("{referrer} line {} names the template “{name}”, which is not in any folder searched: {folders} (add folders with --search-path)", at.line),
        })
    }
}
