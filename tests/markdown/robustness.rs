//! `shelf::markdown::render` on hostile and oversized input: never panics, never exceeds
//! the width, never lets a control character into a span; wide tables wrap instead of
//! being cut; the real corpora (ignored by default) render without raw tags.

use shelf::markdown::{Rendered, plain_lines, render};

/// Asserts the invariants every rendering must keep.
fn check(name: &str, rendered: &Rendered, width: u16) {
    for (i, line) in rendered.text.lines.iter().enumerate() {
        if width >= 20 {
            assert!(
                line.width() <= usize::from(width),
                "{name} @{width}: line {i} is {} wide",
                line.width()
            );
        }
        for span in &line.spans {
            assert!(
                !span
                    .content
                    .chars()
                    .any(|c| c.is_control() || ('\u{202a}'..='\u{202e}').contains(&c)),
                "{name} @{width}: control character in {span:?}"
            );
        }
    }
    for link in &rendered.links {
        assert!(
            link.line < rendered.text.lines.len().max(1),
            "{name} @{width}: {link:?}"
        );
        assert!(!link.text.chars().any(char::is_control), "{name}: {link:?}");
    }
}

fn nasty_inputs() -> Vec<(&'static str, String)> {
    vec![
        ("empty", String::new()),
        ("unclosed tags", "<a href='x'><b><i>text <table><tr><td>cell <ul><li>item <pre>code".into()),
        ("angle soup", "<<<<>>><</<a<b< </ >< <!-- <![CDATA[ <? <% <%= %> {% {{ }} %}".repeat(50)),
        ("deep quotes", format!("{}x", ">".repeat(1000))),
        ("deep lists", (0..1000).map(|i| format!("{}- item {i}\n", "  ".repeat(i))).collect()),
        ("deep divs", format!("{}text{}", "<div><blockquote><ul><li>".repeat(1000), "</li></ul></blockquote></div>".repeat(1000))),
        ("deep emphasis", format!("{}x{}", "<b><i>".repeat(1000), "</i></b>".repeat(3))),
        ("deep tables", format!("{}x", "<table><tr><td>".repeat(1000))),
        ("brackets", format!("{}{}", "[".repeat(1000), "](".repeat(1000))),
        ("stars", "*_".repeat(2000)),
        ("escapes", "a\x1b[2J\x1b]8;;http://evil\x07b\u{9b}31m\r\n\x1b[31mred\x1b[0m\n\n```\n\x1b[2J\u{202e}\n```\n<b title=\"\x1b\">\x1b</b>".into()),
        ("nuls", "a\0b\0<a href=\"\0\">\0</a>\0\n\n| \0 | \0 |\n|---|---|\n| \0 | \0 |".into()),
        ("sentinels", "\u{e000}0\u{e001} \u{e000}99\u{e001} \u{e001}\u{e000}".into()),
        ("templates everywhere", "[{% img %}]({{ x }}) <a href=\"{% y %}\">{{ z }}</a>\n```{% lang %}\n<% code %>\n```\n{% img http://x/y.png \"a\" %}".into()),
        ("cjk and emoji", "日本語".repeat(200) + &"👨‍👩‍👧‍👦🇧🇪é\u{301}".repeat(100)),
        ("long word", "x".repeat(5000)),
        ("tabs", "\t\ta\tb\n\n    \tcode\t\there".into()),
        ("html document", "<!DOCTYPE html><html><head><script>x</script><body><p>hi<p>there</html>".into()),
        ("unclosed head", "<html><head><title>t</title><p>body text".into()),
        ("footnotes", "a[^1] b[^x]\n\n[^1]: one [^x]\n[^x]: > quoted\n    ```\n    code".into()),
        ("bidi", "abc\u{202e}def\u{2066}ghi".into()),
        ("crlf", "a\r\nb\r\n\r\n- c\r\n- d\r".into()),
        ("many columns", format!("|{}\n|{}\n|{}", "h|".repeat(60), "-|".repeat(60), "c|".repeat(60))),
    ]
}

#[test]
fn nasty_inputs_never_panic_overflow_or_leak_controls() {
    for (name, body) in nasty_inputs() {
        for width in [0u16, 1, 5, 20, 40, 80, 120] {
            let rendered = render(&body, width);
            check(name, &rendered, width);
        }
    }
}

#[test]
fn wide_table_wraps_instead_of_being_cut() {
    let words = [
        "alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india",
        "juliett",
    ];
    let row = |n: usize| {
        format!(
            "| {} |",
            (0..4)
                .map(|c| {
                    format!(
                        "{} {} extra long cell text",
                        words[(n + c) % words.len()],
                        words[(n + c + 3) % words.len()]
                    )
                })
                .collect::<Vec<_>>()
                .join(" | ")
        )
    };
    let body = format!(
        "| one | two | three | four |\n|---|---|---|---|\n{}\n{}\n",
        row(0),
        row(5)
    );
    let letters = |s: &str| s.chars().filter(|c| c.is_alphabetic()).count();
    for width in [30u16, 40, 50, 60] {
        let rendered = render(&body, width);
        check("wide table", &rendered, width);
        let text = plain_lines(&rendered.text).join("\n");
        assert!(text.starts_with('┌'), "not a box at {width}:\n{text}");
        // Narrow columns break long words, but not a letter is lost.
        assert_eq!(
            letters(&text),
            letters(&body),
            "letters lost at {width}:\n{text}"
        );
        if width >= 50 {
            for word in words.iter().chain(&[
                "one", "two", "three", "four", "extra", "long", "cell", "text",
            ]) {
                assert!(text.contains(word), "{word} missing at {width}:\n{text}");
            }
        }
    }
}

#[test]
fn large_body_renders_and_reports_its_time() {
    let mut body = String::new();
    let mut n = 0;
    while body.len() < 200 * 1024 {
        n += 1;
        body.push_str(&format!(
            "## Section {n}\n\nSome *text* with a [link](http://example.com/{n}) and `code` and <b>html</b> \
             and {{{{ liquid }}}} words words words words words words words words words words.\n\n\
             - item one\n- item two with 日本語\n\n| a | b |\n|---|---|\n| {n} | cell |\n\n```rust\nfn f() -> u32 {{ {n} }}\n```\n\n"
        ));
    }
    let started = std::time::Instant::now();
    let rendered = render(&body, 80);
    let elapsed = started.elapsed();
    eprintln!(
        "render of a {} KB body: {elapsed:?} ({} lines, {} links)",
        body.len() / 1024,
        rendered.text.lines.len(),
        rendered.links.len()
    );
    check("large", &rendered, 80);
    assert_eq!(rendered.links.len(), n);
}

#[test]
fn a_paragraph_of_a_hundred_thousand_urls_numbers_them_all() {
    let body: String = (0..100_000)
        .map(|n| format!("(https://example.com/{n}) "))
        .collect();
    let rendered = render(&body, 80);
    check("many urls", &rendered, 80);
    assert_eq!(rendered.links.len(), 100_000);
    assert_eq!(rendered.links[99_999].url, "https://example.com/99999");
    assert_eq!(rendered.links[99_999].number, 100_000);
}

#[test]
fn a_megabyte_line_with_a_megabyte_url_renders_and_lists_it_wrapped() {
    let url = format!(
        "https://example.com/{}",
        "segment-of-a-path/".repeat(60_000)
    );
    let body = format!("{} {url} {}", "word ".repeat(20_000), ":// ".repeat(20_000));
    let rendered = render(&body, 80);
    check("megabyte line", &rendered, 80);
    assert_eq!(rendered.links.len(), 1);
    assert_eq!(rendered.links[0].url, url);
    let composed = shelf::markdown::post_view::compose(&meta(), &body, None, 80);
    check("megabyte line composed", &composed, 80);
    let list: Vec<String> = plain_lines(&composed.text)
        .into_iter()
        .skip_while(|l| l != "Links")
        .skip(1)
        .collect();
    assert!(list.len() > 1000, "the URL wraps over many lines");
    assert!(
        list[1..].iter().all(|l| l.starts_with("    ")),
        "indented under the text"
    );
    assert!(
        list[..list.len() - 1].iter().all(|l| l.ends_with('/')),
        "broken after slashes"
    );
}

/// A post with a header and no fields of note, to compose bodies under.
fn meta() -> shelf::corpus::Post {
    shelf::corpus::Post {
        id: "x".into(),
        path: "x.md".into(),
        source: shelf::corpus::Source::Embedded(b""),
        title: "T".into(),
        authors: vec![],
        date: None,
        tags: vec![],
        words: 0,
        excerpt: String::new(),
        ..shelf::corpus::Post::default()
    }
}

/// Three real posts with template code and HTML; needs the shared corpora.
#[test]
#[ignore = "needs ../shared/corpora"]
fn corpus_examples_render_readably() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpora");
    let files = [
        "ruby-lang-news/en/news/_posts/2020-10-02-ruby-2-7-2-released.md",
        "devopsdays/devopsdays-webby/site/content/events/2015-siliconvalley/program/index.html",
        "devopsdays/devopsdays-web/content/events/2009-ghent/index.html",
    ];
    for file in files {
        let body = std::fs::read_to_string(format!("{root}/{file}"))
            .unwrap_or_else(|e| panic!("{file}: {e}"));
        for width in [40u16, 80, 120] {
            let rendered = render(&body, width);
            check(file, &rendered, width);
            let text = plain_lines(&rendered.text).join("\n");
            for tag in [
                "<div", "<a ", "</a>", "<p>", "<img", "<table", "<td", "<script",
            ] {
                assert!(!text.contains(tag), "{file}: raw {tag}");
            }
        }
    }
}

/// Every post of every corpus renders within 80 columns without panicking.
#[test]
#[ignore = "needs ../shared/corpora; slow in debug builds"]
fn every_corpus_post_renders_within_the_width() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpora");
    let mut stack = vec![std::path::PathBuf::from(root)];
    let mut count = 0;
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if let Ok(body) = std::fs::read_to_string(&path) {
                check(&path.display().to_string(), &render(&body, 80), 80);
                count += 1;
            }
        }
    }
    assert!(count > 1000, "only {count} files found under {root}");
}
