//! Selection and scroll offset of a list-like pane, kept consistent with its length
//! and visible height.

/// A cursor into a list plus the first visible row.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ScrollState {
    /// The selected row.
    pub selected: usize,
    /// The first visible row.
    pub offset: usize,
}

impl ScrollState {
    /// Moves the selection by `delta` rows within `len`, and scrolls so it stays
    /// within `height` visible rows.
    pub fn move_by(&mut self, delta: i64, len: usize, height: usize) {
        let last = len.saturating_sub(1) as i64;
        self.selected = (self.selected as i64 + delta).clamp(0, last.max(0)) as usize;
        self.follow(len, height);
    }

    /// Selects a row (clamped) and scrolls to it.
    pub fn select(&mut self, row: usize, len: usize, height: usize) {
        self.selected = row.min(len.saturating_sub(1));
        self.follow(len, height);
    }

    /// Scrolls the view by `delta` rows without moving the selection past the view.
    pub fn scroll_by(&mut self, delta: i64, len: usize, height: usize) {
        let max_offset = len.saturating_sub(height.max(1)) as i64;
        self.offset = (self.offset as i64 + delta).clamp(0, max_offset.max(0)) as usize;
        let height = height.max(1);
        if self.selected < self.offset {
            self.selected = self.offset;
        } else if self.selected >= self.offset + height {
            self.selected = self.offset + height - 1;
        }
        self.selected = self.selected.min(len.saturating_sub(1));
    }

    /// Keeps selection and offset valid for `len` rows shown `height` at a time.
    pub fn follow(&mut self, len: usize, height: usize) {
        let height = height.max(1);
        self.selected = self.selected.min(len.saturating_sub(1));
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + height {
            self.offset = self.selected + 1 - height;
        }
        self.offset = self.offset.min(len.saturating_sub(height));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moving_scrolls_to_keep_selection_visible() {
        let mut s = ScrollState::default();
        s.move_by(12, 100, 10);
        assert_eq!((s.selected, s.offset), (12, 3));
        s.move_by(-5, 100, 10);
        assert_eq!((s.selected, s.offset), (7, 3));
        s.move_by(1000, 100, 10);
        assert_eq!((s.selected, s.offset), (99, 90));
        s.move_by(-1000, 100, 10);
        assert_eq!((s.selected, s.offset), (0, 0));
    }

    #[test]
    fn empty_lists_and_shrinking_are_safe() {
        let mut s = ScrollState {
            selected: 50,
            offset: 45,
        };
        s.follow(0, 10);
        assert_eq!((s.selected, s.offset), (0, 0));
        s.move_by(3, 0, 0);
        assert_eq!((s.selected, s.offset), (0, 0));
    }

    #[test]
    fn wheel_scroll_drags_selection_along() {
        let mut s = ScrollState::default();
        s.scroll_by(5, 100, 10);
        assert_eq!((s.selected, s.offset), (5, 5));
        s.scroll_by(-3, 100, 10);
        assert_eq!((s.selected, s.offset), (5, 2));
    }
}
