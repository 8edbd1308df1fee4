from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_safe


@require_safe
@login_required
def account(request):
    return render(request, "accounts/account.html")
