//! Tables: box-drawn, columns sized to fit the width, cells wrapped, never cut.
//!
//! Column widths use max-min fairness: narrow columns get their natural width, the space
//! left is shared by the wide ones. Words wider than their column are hard-broken. When
//! there is not even one column per cell, the table is printed as `header: value` rows.

use pulldown_cmark::Alignment;
use ratatui::style::Style;

use super::style;
use crate::text::wrap::{Frag, WrappedLine, measure, wrap};

/// One table row: its cells' inline content.
#[derive(Debug, Clone, Default)]
pub(crate) struct TableRow {
    pub cells: Vec<Vec<Frag>>,
    pub header: bool,
}

/// Lays the table out in at most `width` columns.
pub(crate) fn layout(rows: &[TableRow], aligns: &[Alignment], width: usize) -> Vec<WrappedLine> {
    let ncols = rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
    if ncols == 0 {
        return Vec::new();
    }
    let overhead = 3 * ncols + 1;
    if width < overhead + 2 * ncols {
        return as_rows(rows, width);
    }
    let mut natural = vec![1usize; ncols];
    for row in rows {
        for (i, cell) in row.cells.iter().enumerate() {
            let (line, _) = measure(cell);
            if let Some(n) = natural.get_mut(i) {
                *n = (*n).max(line);
            }
        }
    }
    let widths = fair_widths(&natural, width - overhead);
    let mut out = Vec::new();
    out.push(border(&widths, '┌', '┬', '┐'));
    let mut previous_header = false;
    for (r, row) in rows.iter().enumerate() {
        if r > 0 && previous_header && !row.header {
            out.push(border(&widths, '├', '┼', '┤'));
        }
        previous_header = row.header;
        let wrapped: Vec<Vec<WrappedLine>> = widths
            .iter()
            .enumerate()
            .map(|(i, w)| row.cells.get(i).map(|c| wrap(c, *w)).unwrap_or_default())
            .collect();
        let height = wrapped.iter().map(Vec::len).max().unwrap_or(0).max(1);
        for l in 0..height {
            let mut line = WrappedLine::default();
            push(&mut line, "│", style::chrome());
            for (i, w) in widths.iter().enumerate() {
                let cell_line = wrapped
                    .get(i)
                    .and_then(|c| c.get(l))
                    .cloned()
                    .unwrap_or_default();
                let pad = w.saturating_sub(cell_line.width);
                let (left, right) = match aligns.get(i) {
                    Some(Alignment::Right) => (pad, 0),
                    Some(Alignment::Center) => (pad / 2, pad - pad / 2),
                    _ => (0, pad),
                };
                push(&mut line, &" ".repeat(left + 1), Style::new());
                for span in cell_line.spans {
                    let style = if row.header {
                        span.style.patch(style::table_header())
                    } else {
                        span.style
                    };
                    push(&mut line, &span.content, style);
                }
                line.markers.extend(cell_line.markers);
                push(&mut line, &" ".repeat(right + 1), Style::new());
                push(&mut line, "│", style::chrome());
            }
            out.push(line);
        }
    }
    out.push(border(&widths, '└', '┴', '┘'));
    out
}

/// Max-min fair share of `total` columns among columns wanting `natural` widths (each >= 1).
fn fair_widths(natural: &[usize], total: usize) -> Vec<usize> {
    if natural.iter().sum::<usize>() <= total {
        return natural.to_vec();
    }
    let mut widths = vec![0; natural.len()];
    let mut order: Vec<usize> = (0..natural.len()).collect();
    order.sort_by_key(|&i| natural[i]);
    let mut left = total;
    for (done, &i) in order.iter().enumerate() {
        let share = left / (natural.len() - done);
        widths[i] = natural[i].min(share).max(1);
        left = left.saturating_sub(widths[i]);
    }
    widths
}

fn push(line: &mut WrappedLine, text: &str, style: Style) {
    let width = unicode_width::UnicodeWidthStr::width(text);
    if let Some(last) = line.spans.last_mut()
        && last.style == style
    {
        last.content.to_mut().push_str(text);
    } else {
        line.spans
            .push(ratatui::text::Span::styled(text.to_owned(), style));
    }
    line.width += width;
}

fn border(widths: &[usize], left: char, mid: char, right: char) -> WrappedLine {
    let mut s = String::new();
    s.push(left);
    for (i, w) in widths.iter().enumerate() {
        if i > 0 {
            s.push(mid);
        }
        s.extend(std::iter::repeat_n('─', w + 2));
    }
    s.push(right);
    let mut line = WrappedLine::default();
    push(&mut line, &s, style::chrome());
    line
}

/// Fallback for tables with more columns than the width can hold: `header: value` lines.
fn as_rows(rows: &[TableRow], width: usize) -> Vec<WrappedLine> {
    let header = rows.iter().find(|r| r.header);
    let mut out = Vec::new();
    for row in rows.iter().filter(|r| !r.header || header.is_none()) {
        if !out.is_empty() {
            out.push(WrappedLine::default());
        }
        for (i, cell) in row.cells.iter().enumerate() {
            let mut frags: Vec<Frag> = header
                .and_then(|h| h.cells.get(i))
                .map(|h| {
                    let mut h: Vec<Frag> = h
                        .iter()
                        .map(|f| Frag {
                            style: f.style.patch(style::table_header()),
                            ..f.clone()
                        })
                        .collect();
                    h.push(Frag::text(": ", style::table_header()));
                    h
                })
                .unwrap_or_default();
            frags.extend(cell.iter().cloned());
            out.extend(wrap(&frags, width));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use pretty_assertions::assert_eq;

    #[test]
    fn fair_widths_keep_narrow_columns_and_share_the_rest() {
        assert_eq!(fair_widths(&[3, 50, 40], 30), vec![3, 14, 13]);
        assert_eq!(fair_widths(&[3, 5], 30), vec![3, 5]);
        assert_eq!(fair_widths(&[9, 9, 9], 3), vec![1, 1, 1]);
    }
}
