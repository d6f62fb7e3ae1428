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
# Health: GET /healthz on the web container (docker-compose.yml defines the checks of
# each service: the same image also runs the worker and beat, which serve no HTTP).
CMD ["bin/production", "web"]
