"""The demo inbox's model moved to the demo app (demo/migrations/0001 takes over its table).

Without the demo app installed, the table is a leftover of the demo in a shop that does not have it,
and is dropped. With it, the table is left for the demo's migration to rename, whichever runs first.
"""

from django.apps import apps as installed_apps
from django.db import migrations


def drop_the_table_unless_the_demo_takes_it(apps, schema_editor):
    # The installed apps, not the historical `apps`: whether the demo/ folder is in use right now.
    if installed_apps.is_installed("demo"):
        return
    if "storefront_demomessage" in schema_editor.connection.introspection.table_names():
        schema_editor.delete_model(apps.get_model("storefront", "DemoMessage"))


class Migration(migrations.Migration):

    dependencies = [
        ("storefront", "0001_demo_messages"),
    ]

    operations = [
        # Not undone: the messages now belong to the demo app, if it is installed.
        migrations.RunPython(drop_the_table_unless_the_demo_takes_it, reverse_code=migrations.RunPython.noop),
        migrations.SeparateDatabaseAndState(state_operations=[migrations.DeleteModel(name="DemoMessage")]),
    ]
