FROM python:3.11-slim AS app
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 DJANGO_SETTINGS_MODULE=plms.settings.production
RUN apt-get update && apt-get install -y --no-install-recommends nodejs npm xmlsec1 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error
COPY pyproject.toml README.md ./
COPY . .
RUN pip install --no-cache-dir -c constraints.txt . \
 && mkdir -p static/vendor && cp node_modules/htmx.org/dist/htmx.min.js static/vendor/ \
 && DJANGO_SECRET_KEY=build-only-secret-key-build-only-secret-key-build-only \
    python manage.py collectstatic --noinput
RUN useradd --create-home plms && chown -R plms /app
USER plms
EXPOSE 8000
CMD ["gunicorn", "plms.wsgi:application", "-c", "gunicorn.conf.py"]
