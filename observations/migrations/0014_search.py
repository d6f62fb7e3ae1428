"""Search indexes (PostgreSQL only; other databases search by substring and skip them).

One GIN index per language on each JSON text, on the same expression as
``selectors.search`` (``to_tsvector('<config>'::regconfig, COALESCE((text ->> 'xx'), ''))``);
a trigram index for the Chinese text, which has no word breaks; and one per configuration
on progress narratives, whose language is not recorded.
"""

from django.db import migrations

LANGUAGES = {"ar": "arabic", "en": "english", "fr": "french", "ru": "russian", "es": "spanish"}
NARRATIVE_CONFIGS = ("english", "french", "spanish", "russian", "arabic")
JSON_TEXTS = (("observations_paragraph", "text"), ("observations_subparagraph", "text"),
              ("observations_heading", "titles"))


def _statements():
    create, drop = ["CREATE EXTENSION IF NOT EXISTS pg_trgm"], []
    for table, column in JSON_TEXTS:
        for language, config in LANGUAGES.items():
            name = f"{table.removeprefix('observations_')}_{column}_{language}_fts"
            create.append(f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin "
                          f"(to_tsvector('{config}'::regconfig, COALESCE(({column} ->> '{language}'), '')))")
            drop.append(f"DROP INDEX IF EXISTS {name}")
        name = f"{table.removeprefix('observations_')}_{column}_zh_trgm"
        create.append(f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin (({column} ->> 'zh') gin_trgm_ops)")
        drop.append(f"DROP INDEX IF EXISTS {name}")
    for config in NARRATIVE_CONFIGS:
        name = f"progressupdate_narrative_{config}_fts"
        create.append(f"CREATE INDEX IF NOT EXISTS {name} ON observations_progressupdate USING gin "
                      f"(to_tsvector('{config}'::regconfig, COALESCE(narrative, '')))")
        drop.append(f"DROP INDEX IF EXISTS {name}")
    create.append("CREATE INDEX IF NOT EXISTS progressupdate_narrative_trgm ON observations_progressupdate "
                  "USING gin (narrative gin_trgm_ops)")
    drop.append("DROP INDEX IF EXISTS progressupdate_narrative_trgm")
    return create, drop


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)
    return run


CREATE, DROP = _statements()


class Migration(migrations.Migration):
    dependencies = [("observations", "0013_api_tokens")]

    operations = [migrations.RunPython(_run(CREATE), _run(DROP), elidable=False)]
