# The tracker's image: one image for the web server, the Celery worker and beat, each
# started through bin/production (see README, "Production").
FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PYTHON=python3 DATA_DIR=/data PORT=8000
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
# Static files with their manifest (production settings, DEBUG off). The key below only
# lets the settings load during the build; it is not kept in the image's environment.
RUN SECRET_KEY=build-only-not-a-secret bin/production build \
    && useradd --system --uid 1000 --home-dir /app tracker \
    && mkdir -p /data && chown tracker /data
USER tracker
VOLUME ["/data"]
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD python3 -c "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:%s/healthz' % os.environ.get('PORT', '8000'), timeout=4)"
CMD ["bin/production", "web"]
