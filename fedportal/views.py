from django.contrib import admin
from django.contrib.auth.decorators import login_required
from django.shortcuts import render


@login_required
def home(request):
    """The portal's front page: who you are, what you may see, and where to go."""
    user = request.user
    context = {
        "units": user.top_units,
        "roles": [group.name for group in user.groups.all()],
        "work_areas": list(user.work_areas.all()),
        "admin_apps": admin.site.get_app_list(request) if user.is_staff else [],
    }
    return render(request, "fedportal/home.html", context)
