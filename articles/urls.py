from django.urls import path, register_converter

from articles import views


class CodeConverter:
    regex = "[A-Z]{1,8}[0-9]{8,16}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(CodeConverter, "code")

app_name = "articles"
urlpatterns = [
    path("", views.front_page, name="front"),
    path("section/<slug:slug>/", views.section, name="section"),
    path("keyword/<slug:slug>/", views.keyword, name="keyword"),
    path("writer/<slug:slug>/", views.writer, name="writer"),
    path("article/<code:code>/", views.story, name="story"),
    path("article/<code:code>/v<int:number>/", views.story_version, name="story_version"),
    path("article/<code:code>/<str:slug>/", views.story, name="story_slug"),
]
