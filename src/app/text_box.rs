//! The one-line text boxes (the search box, a facet pane's filter, the reader's search):
//! ratatui-textarea's editing keys (Ctrl-A/E, Ctrl-W, Alt-B/F, …), with readline's
//! Ctrl-U, delete to the start of the line, in place of its undo.

use ratatui_textarea::{Input, Key, TextArea};

/// Applies one key to a box; true when its text changed.
pub fn edit(area: &mut TextArea<'static>, input: Input) -> bool {
    match input {
        Input {
            key: Key::Char('u'),
            ctrl: true,
            alt: false,
            ..
        } => area.delete_line_by_head(),
        other => area.input(other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(text: &str) -> TextArea<'static> {
        let mut area = TextArea::default();
        area.insert_str(text);
        area
    }

    fn ctrl(c: char) -> Input {
        Input {
            key: Key::Char(c),
            ctrl: true,
            ..Input::default()
        }
    }

    #[test]
    fn ctrl_u_deletes_to_the_start_of_the_line() {
        let mut area = typed("devops paris");
        assert!(edit(&mut area, ctrl('u')));
        assert_eq!(area.lines().concat(), "");
        let mut area = typed("devops paris");
        edit(&mut area, ctrl('a'));
        for _ in 0.."devops ".len() {
            edit(
                &mut area,
                Input {
                    key: Key::Right,
                    ..Input::default()
                },
            );
        }
        edit(&mut area, ctrl('u'));
        assert_eq!(
            area.lines().concat(),
            "paris",
            "only what is before the cursor"
        );
    }

    #[test]
    fn readline_keys_move_and_delete_words() {
        let mut area = typed("devops paris 2013");
        assert!(edit(&mut area, ctrl('w')));
        assert_eq!(area.lines().concat(), "devops paris ");
        edit(&mut area, ctrl('a'));
        edit(
            &mut area,
            Input {
                key: Key::Char('x'),
                ..Input::default()
            },
        );
        assert_eq!(area.lines().concat(), "xdevops paris ");
        edit(&mut area, ctrl('e'));
        edit(
            &mut area,
            Input {
                key: Key::Char('y'),
                ..Input::default()
            },
        );
        assert_eq!(area.lines().concat(), "xdevops paris y");
    }
}
