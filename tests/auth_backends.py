"""The authentication backends of the test settings (config/settings/test.py)."""

from axes.backends import AxesStandaloneBackend


class AxesStandaloneBackendForTestClient(AxesStandaloneBackend):
    """Axes' backend, except for Django test client's `client.login()`, which authenticates
    without a request (axes refuses those: it needs the address to count attempts). Sign-ins
    over HTTP, through the site's and the admin's forms, are throttled as in production."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
