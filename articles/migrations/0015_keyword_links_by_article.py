"""An index of a keyword's links by article: a keyword's newest articles (search's named
keywords, a rare keyword's page) are read in order from it, where the keyword's own index
made the database fetch and sort all of its links (7,000 for a common keyword)."""

from django.db import migrations

INDEX = "articles_article_keywords_keyword_article"


class Migration(migrations.Migration):
    dependencies = [("articles", "0014_related_stories")]

    operations = [
        migrations.RunSQL(
            f"CREATE INDEX {INDEX} ON articles_article_keywords (keyword_id, article_id)",
            reverse_sql=f"DROP INDEX {INDEX}",
        )
    ]
