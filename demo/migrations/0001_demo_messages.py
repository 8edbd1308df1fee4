"""The demo inbox's messages, moved here from the storefront app, table and rows with them.

A database made before the move has the table storefront_demomessage (storefront's 0001): it is renamed
to this app's table, so the messages already in a demo inbox stay. A database without it (a shop that
turns the demo on later) gets the table new.
"""

from django.db import migrations, models

OLD_TABLE = "storefront_demomessage"


def take_over_or_create_the_table(apps, schema_editor):
    DemoMessage = apps.get_model("demo", "DemoMessage")
    if OLD_TABLE in schema_editor.connection.introspection.table_names():
        schema_editor.alter_db_table(DemoMessage, OLD_TABLE, DemoMessage._meta.db_table)
    else:
        schema_editor.create_model(DemoMessage)


def drop_the_table(apps, schema_editor):
    schema_editor.delete_model(apps.get_model("demo", "DemoMessage"))


class Migration(migrations.Migration):

    initial = True

    # After storefront's 0001, so that on a fresh database its table exists to be taken over, not left behind.
    dependencies = [
        ("storefront", "0001_demo_messages"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[
            migrations.CreateModel(
                name="DemoMessage",
                fields=[
                    ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                    ("kind", models.CharField(choices=[("email", "E-mail"), ("sms", "Text message")], max_length=5)),
                    ("to", models.CharField(db_index=True, max_length=254)),
                    ("subject", models.CharField(blank=True, max_length=300)),
                    ("body_text", models.TextField()),
                    ("body_html", models.TextField(blank=True)),
                    ("created_at", models.DateTimeField(auto_now_add=True, db_index=True)),
                ],
                options={
                    "ordering": ["-created_at", "-pk"],
                },
            ),
        ]),
        migrations.RunPython(take_over_or_create_the_table, reverse_code=drop_the_table),
    ]
