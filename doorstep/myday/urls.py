from django.urls import path

from doorstep.myday import views

app_name = "myday"
urlpatterns = [path("", views.my_day_view, name="my_day")]
