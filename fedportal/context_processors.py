from django.conf import settings


def federation(request):
    return {"federation_name": settings.FEDERATION_NAME}
