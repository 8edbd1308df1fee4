"""The demo keeps the apps' layout. The import contracts in pyproject.toml see demo/ only from outside (a fork
that deletes it must still pass `lint-imports`), so its one URLconf is checked here instead."""

import grimp


def test_the_demo_urlconf_imports_views_only():
    graph = grimp.build_graph("demo")

    imported = graph.find_modules_directly_imported_by("demo.urls")

    assert imported == {"demo.views"}
