from django.urls import path, register_converter
from django.views.decorators.cache import cache_control

from reader import feeds, views


class CodeConverter:
    regex = "[A-Z]{1,8}[0-9]{8,16}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(CodeConverter, "code")

# Feed readers poll; a minute of caching is fine, and a repeat poll gets a 304.
feed = cache_control(public=True, max_age=60)

app_name = "articles"
urlpatterns = [
    path("", views.front_page, name="front"),
    path("search/", views.search, name="search"),
    path("feed/", feed(feeds.conditional(feeds.LatestStoriesFeed())), name="feed_rss"),
    path("feed/atom/", feed(feeds.conditional(feeds.LatestStoriesAtom())), name="feed_atom"),
    path("section/<slug:slug>/", views.section, name="section"),
    path(
        "section/<slug:slug>/feed/",
        feed(feeds.conditional(feeds.SectionFeed())),
        name="section_feed_rss",
    ),
    path(
        "section/<slug:slug>/feed/atom/",
        feed(feeds.conditional(feeds.SectionAtom())),
        name="section_feed_atom",
    ),
    path("keyword/<slug:slug>/", views.keyword, name="keyword"),
    path("writer/<slug:slug>/", views.writer, name="writer"),
    path("article/<code:code>/", views.story, name="story"),
    path("article/<code:code>/v<int:number>/", views.story_version, name="story_version"),
    path(
        "article/<code:code>/v<int:number>/print/",
        views.story_version_print,
        name="story_version_print",
    ),
    path("article/<code:code>/v<int:number>/card.png", views.story_card, name="story_card"),
    path("article/<code:code>/history/", views.story_history, name="story_history"),
    path("article/<code:code>/print/", views.story_print, name="story_print"),
    path("article/<code:code>/edit/", views.edit, name="story_edit"),
    path("article/<code:code>/<slug:slug>/", views.story, name="story_slug"),
]
