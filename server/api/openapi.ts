/**
 * The OpenAPI 3.1 document, generated from the zod schemas the routes
 * registered, and a plain, readable reference page rendered from it on the
 * server (no CDN, no script: this machine's users may be offline).
 */
import { OpenApiGeneratorV31, type OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';

type Doc = ReturnType<OpenApiGeneratorV31['generateDocument']>;

export function buildOpenApi(registry: OpenAPIRegistry): Doc {
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'claimgraph API',
      version: '0.1.0',
      description: 'Search, browse, query and export a network in which every edge is a sourced claim.',
    },
    servers: [{ url: '/' }],
  });
}

const esc = (s: unknown) =>
  String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export function renderDocsPage(doc: Doc): string {
  const ops: string[] = [];
  for (const [p, item] of Object.entries(doc.paths ?? {})) {
    for (const [method, op] of Object.entries(item as Record<string, Record<string, unknown>>)) {
      const params = ((op.parameters as { name: string; in: string; required?: boolean; description?: string; schema?: unknown }[]) ?? [])
        .map((x) => `<tr><td><code>${esc(x.name)}</code></td><td>${esc(x.in)}</td><td>${x.required ? 'yes' : ''}</td><td>${esc(x.description ?? '')} <code>${esc(JSON.stringify(x.schema))}</code></td></tr>`)
        .join('');
      const body = (op.requestBody as { content?: Record<string, { schema?: unknown }> })?.content?.['application/json']?.schema;
      const responses = Object.entries((op.responses as Record<string, { description?: string }>) ?? {})
        .map(([code, r]) => `<li><b>${esc(code)}</b> ${esc(r.description)}</li>`)
        .join('');
      ops.push(`<section><h2><span class="m ${esc(method)}">${esc(method.toUpperCase())}</span> <code>${esc(p)}</code></h2>
<p>${esc(op.summary)}</p>${op.description ? `<p>${esc(op.description)}</p>` : ''}
${params ? `<table><tr><th>parameter</th><th>in</th><th>required</th><th>schema</th></tr>${params}</table>` : ''}
${body ? `<details><summary>request body</summary><pre>${esc(JSON.stringify(body, null, 2))}</pre></details>` : ''}
<ul>${responses}</ul></section>`);
    }
  }
  const schemas = Object.entries(doc.components?.schemas ?? {})
    .map(([name, s]) => `<details id="${esc(name)}"><summary>${esc(name)}</summary><pre>${esc(JSON.stringify(s, null, 2))}</pre></details>`)
    .join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>claimgraph API reference</title>
<meta name="viewport" content="width=device-width,initial-scale=1">
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:960px;margin:2rem auto;padding:0 1rem;color:#222}
section{border-top:1px solid #ddd;padding:.5rem 0}h2{font-size:1.05rem}.m{display:inline-block;min-width:3.5rem;padding:0 .4rem;border-radius:4px;color:#fff;font-size:.8rem;text-align:center}
.get{background:#2b7a4b}.post{background:#2857a4}table{border-collapse:collapse;font-size:.9rem}td,th{border:1px solid #ddd;padding:2px 6px;text-align:left;vertical-align:top}
pre{background:#f6f6f6;padding:.5rem;overflow:auto;font-size:.8rem}</style></head><body>
<h1>claimgraph API</h1><p>${esc(doc.info.description)} Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a>.</p>
${ops.join('\n')}<h2>Schemas</h2>${schemas}</body></html>`;
}
