from django.conf import settings


def newsroom(request):
    return {"NEWSROOM_NAME": settings.NEWSROOM_NAME, "NEWSROOM_AGENCY": settings.NEWSROOM_AGENCY}
