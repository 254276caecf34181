//! Undo and redo of a text, for the body editor. A burst of typing is one
//! step (edits less than [`BURST_MS`] apart), a quick fix or an inserted
//! field is a step of its own, and the history is bounded.

/// Typing pauses shorter than this belong to one undo step.
pub const BURST_MS: i64 = 1000;
/// Steps kept; the oldest go first.
pub const MAX_STEPS: usize = 200;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct UndoStack {
    past: Vec<String>,
    future: Vec<String>,
    /// When the last typed edit was recorded, while a burst may go on.
    burst_ms: Option<i64>,
}

/// What kind of change is being recorded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Change {
    /// Typing: joins the burst it continues.
    Typing,
    /// A quick fix, an inserted field, a restored version: always its own step.
    Whole,
}

impl UndoStack {
    /// Records that the text is about to change from `before`.
    pub fn record(&mut self, before: &str, change: Change, now_ms: i64) {
        self.future.clear();
        let continues = change == Change::Typing && self.burst_ms.is_some_and(|last| now_ms - last < BURST_MS);
        self.burst_ms = (change == Change::Typing).then_some(now_ms);
        if continues || self.past.last().is_some_and(|last| last == before) {
            return;
        }
        if self.past.len() == MAX_STEPS {
            self.past.remove(0);
        }
        self.past.push(before.to_owned());
    }

    /// The text before the last step, with `current` kept for redo.
    pub fn undo(&mut self, current: &str) -> Option<String> {
        let previous = self.past.pop()?;
        self.future.push(current.to_owned());
        self.burst_ms = None;
        Some(previous)
    }

    /// The text the last undo went back from, with `current` kept for undo.
    pub fn redo(&mut self, current: &str) -> Option<String> {
        let next = self.future.pop()?;
        self.past.push(current.to_owned());
        self.burst_ms = None;
        Some(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Types `text` one character at a time, `gap_ms` apart, from `start`.
    fn type_into(stack: &mut UndoStack, start: &str, text: &str, from_ms: i64, gap_ms: i64) -> String {
        let mut current = start.to_owned();
        for (i, c) in text.chars().enumerate() {
            stack.record(&current, Change::Typing, from_ms + i as i64 * gap_ms);
            current.push(c);
        }
        current
    }

    #[test]
    fn a_burst_of_typing_is_one_step_and_a_pause_starts_another() {
        let mut stack = UndoStack::default();
        let text = type_into(&mut stack, "", "您好", 0, 100);
        let text = type_into(&mut stack, &text, "，张伟", 5_000, 100);
        let back = stack.undo(&text).unwrap();
        assert_eq!(back, "您好");
        assert_eq!(stack.undo(&back).as_deref(), Some(""));
        assert_eq!(stack.undo(""), None);
        assert_eq!(stack.redo("").as_deref(), Some("您好"));
        assert_eq!(stack.redo("您好").as_deref(), Some("您好，张伟"));
        assert_eq!(stack.redo("您好，张伟"), None);
    }

    #[test]
    fn a_whole_change_is_its_own_step_and_a_new_edit_drops_the_redo() {
        let mut stack = UndoStack::default();
        let typed = type_into(&mut stack, "", "Dear {{ nme }}", 0, 10);
        stack.record(&typed, Change::Whole, 50);
        let fixed = "Dear {{ name }}";
        assert_eq!(stack.undo(fixed).as_deref(), Some(typed.as_str()));
        stack.record(&typed, Change::Typing, 60);
        assert_eq!(stack.redo(&typed), None, "typing after an undo forgets the redo");
    }

    #[test]
    fn the_history_is_bounded() {
        let mut stack = UndoStack::default();
        for i in 0..MAX_STEPS + 50 {
            stack.record(&i.to_string(), Change::Whole, i as i64);
        }
        let mut steps = 0;
        let mut current = String::from("now");
        while let Some(previous) = stack.undo(&current) {
            current = previous;
            steps += 1;
        }
        assert_eq!(steps, MAX_STEPS);
        assert_eq!(current, "50", "the oldest went first");
    }
}
