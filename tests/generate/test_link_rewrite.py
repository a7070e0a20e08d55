"""Site-absolute Markdown links become page-relative links to source files."""

from __future__ import annotations

from termsite.generate.links import absolute_links, linked_paths, markdown_path, relative_links

KNOWN = {"index.md", "term/a.md", "definition/b.md", "assets/x.svg"}


def test_directory_url_becomes_a_relative_markdown_link() -> None:
    assert relative_links("[b](/definition/b/)", "term/a.md", KNOWN) == "[b](../definition/b.md)"


def test_anchor_is_kept() -> None:
    assert relative_links("[a](/term/a/#faq)", "index.md", KNOWN) == "[a](term/a.md#faq)"


def test_home_link_points_at_index() -> None:
    assert relative_links("[home](/)", "term/a.md", KNOWN) == "[home](../index.md)"


def test_image_file_link_is_made_relative() -> None:
    assert relative_links("![x](/assets/x.svg)", "term/a.md", KNOWN) == "![x](../assets/x.svg)"


def test_unknown_target_is_left_for_mkdocs_to_report() -> None:
    assert relative_links("[n](/term/nope/)", "term/a.md", KNOWN) == "[n](/term/nope/)"


def test_external_links_are_untouched() -> None:
    text = "[e](https://example.test/term/a/) [p](//cdn.test/x)"
    assert relative_links(text, "term/a.md", KNOWN) == text


def test_a_titled_link_is_made_relative_and_keeps_its_title() -> None:
    found = relative_links('[b](/definition/b/#x "B")', "term/a.md", KNOWN)
    assert found == '[b](../definition/b.md#x "B")'


def test_every_use_of_site_links_leaves_protocol_relative_links_alone() -> None:
    text = "[a](/term/a/) [cdn](//cdn.test/x.js) [t](/definition/b/ 'B')"
    assert linked_paths(text) == {"term/a/", "definition/b/"}
    assert absolute_links(text, "https://x.test/") == (
        "[a](https://x.test/term/a/) [cdn](//cdn.test/x.js) [t](https://x.test/definition/b/ 'B')"
    )
    assert "](//cdn.test/x.js)" in relative_links(text, "index.md", {"cdn.test/x.js"})


def test_a_directory_url_is_given_by_the_markdown_file_beside_its_folder() -> None:
    assert [markdown_path(url) for url in ("", "term/a/", "/term/a")] == [
        "index.md",
        "term/a.md",
        "term/a.md",
    ]
