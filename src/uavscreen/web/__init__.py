"""The analyst's review UI: server-rendered Jinja2 pages with htmx (served from the
package, no CDN, no build step), mounted under ``/ui`` by the API app."""
