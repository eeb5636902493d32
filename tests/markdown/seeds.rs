//! The seed posts rendered by `shelf::markdown`: snapshots at 80 columns (plain lines plus
//! the link list), width limits at 40/80/120, and the acceptance checks of issue 4.

use shelf::markdown::{LinkKind, Rendered, plain_lines, render};

const SEEDS: [&str; 5] = [
    "000_706fe552bd2b318a",
    "001_ef305ce8512267df",
    "002_ae16db726f378c53",
    "003_eb90f733d56d9366",
    "004_a571cbaf7fa8eef7",
];

/// The body of a seed: the text after the second `---` line, or all of it without one.
fn seed_body(name: &str) -> String {
    let path = format!("{}/content/{name}.txt", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut fences = 0;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        offset += line.len();
        if line.trim_end() == "---" {
            fences += 1;
            if fences == 2 {
                return text[offset..].to_owned();
            }
        }
    }
    text
}

fn dump(rendered: &Rendered) -> String {
    let mut out = plain_lines(&rendered.text).join("\n");
    out.push_str("\n\n--- links ---\n");
    for link in &rendered.links {
        out.push_str(&format!(
            "[{}] {:?} line {} {:?} -> {}\n",
            link.number, link.kind, link.line, link.text, link.url
        ));
    }
    out
}

#[test]
fn seeds_snapshot_at_80_columns() {
    for name in SEEDS {
        let rendered = render(&seed_body(name), 80);
        insta::assert_snapshot!(name, dump(&rendered));
    }
}

#[test]
fn seed_lines_fit_every_width() {
    for name in SEEDS {
        let body = seed_body(name);
        for width in [40u16, 80, 120] {
            let rendered = render(&body, width);
            for (i, line) in rendered.text.lines.iter().enumerate() {
                assert!(
                    line.width() <= usize::from(width),
                    "{name} at {width}, line {i} is {} wide: {line:?}",
                    line.width()
                );
            }
        }
    }
}

#[test]
fn seed_001_has_no_raw_html_and_the_expected_links() {
    let rendered = render(&seed_body("001_ef305ce8512267df"), 80);
    let text = plain_lines(&rendered.text).join("\n");
    for tag in [
        "<img", "<a ", "</a>", "<center", "<object", "<param", "<embed", "</",
    ] {
        assert!(!text.contains(tag), "raw {tag} in\n{text}");
    }
    let has = |kind: LinkKind, url: &str| {
        rendered
            .links
            .iter()
            .filter(|l| l.kind == kind && l.url.starts_with(url))
            .count()
    };
    assert_eq!(
        has(
            LinkKind::Image,
            "/blog/wp-content/uploads/2009/11/devopsdays-09-logo.png"
        ),
        1
    );
    assert_eq!(
        has(LinkKind::Media, "http://www.youtube.com/v/EOveXZhJpr4"),
        1
    );
    assert_eq!(has(LinkKind::Link, "http://www.devopsdays.org/"), 3);
    let devopsdays = rendered
        .links
        .iter()
        .find(|l| l.url == "http://www.devopsdays.org/")
        .expect("devopsdays link");
    assert_eq!(devopsdays.text, "Devopsdays 09");
    assert!(
        plain_lines(&rendered.text)[devopsdays.line]
            .contains(&format!("Devopsdays 09[{}]", devopsdays.number))
    );
}

#[test]
fn seed_002_liquid_images_become_image_links() {
    let rendered = render(&seed_body("002_ae16db726f378c53"), 80);
    let images: Vec<_> = rendered
        .links
        .iter()
        .filter(|l| l.kind == LinkKind::Image)
        .collect();
    assert_eq!(images.len(), 2, "{:?}", rendered.links);
    assert!(
        images
            .iter()
            .all(|l| l.url.starts_with("http://farm7.static.flickr.com/"))
    );
    let text = plain_lines(&rendered.text).join("\n");
    assert!(!text.contains("{%"), "{text}");
}

#[test]
fn link_lines_point_at_their_markers() {
    for name in SEEDS {
        let rendered = render(&seed_body(name), 80);
        let lines = plain_lines(&rendered.text);
        for link in &rendered.links {
            let marker = format!("[{}]", link.number);
            assert!(
                lines.get(link.line).is_some_and(|l| l.contains(&marker)),
                "{name}: {link:?}"
            );
        }
    }
}
