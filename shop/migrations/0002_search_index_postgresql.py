"""Indexes that let PostgreSQL answer a search without reading the whole catalogue (see shop/search.py).

PostgreSQL only: SQLite has no GIN indexes, and the demo catalogue is small enough to read in full.
The models do not declare these indexes because the model state cannot say "PostgreSQL only".
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations, models
from django.db.models.functions import Upper


def search_indexes(apps):
    Product = apps.get_model("shop", "Product")
    ProductVariant = apps.get_model("shop", "ProductVariant")
    return [
        # The same expression as shop.search.DOCUMENT_VECTOR: PostgreSQL uses the index only for that one.
        (Product, GinIndex(SearchVector("search_document", config="english"), name="product_search_document_gin")),
        # A SKU typed in any case: `sku__iexact` compares UPPER(sku).
        (Product, models.Index(Upper("sku"), name="product_sku_upper_idx")),
        (ProductVariant, models.Index(Upper("sku"), name="productvariant_sku_upper_idx")),
    ]


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for model, index in search_indexes(apps):
            schema_editor.add_index(model, index)


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for model, index in search_indexes(apps):
            schema_editor.remove_index(model, index)


class Migration(migrations.Migration):
    dependencies = [("shop", "0001_initial")]

    operations = [migrations.RunPython(create_indexes, drop_indexes)]
