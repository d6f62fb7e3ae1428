from .deadlines import urlpatterns as deadline_patterns
from .documents import urlpatterns as document_patterns
from .imports import urlpatterns as import_patterns
from .notifications import urlpatterns as notification_patterns
from .public import urlpatterns as public_patterns
from .reports import urlpatterns as report_patterns
from .search import urlpatterns as search_patterns
from .tracking import urlpatterns as tracking_patterns
from .two_factor import urlpatterns as two_factor_patterns

app_name = "observations"

urlpatterns = document_patterns + tracking_patterns + report_patterns + notification_patterns + deadline_patterns + search_patterns + public_patterns + import_patterns + two_factor_patterns
