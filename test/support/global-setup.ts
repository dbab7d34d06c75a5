import type { TestProject } from 'vitest/node';
import { pgliteTemplate, serverTemplate, serverUrl } from './database-templates.js';

/**
 * Migrates once per run, not once per test file: every test database starts as a copy of one
 * migrated template (a PGlite dump, or a template database on the server). Also says once, up
 * front, what a run without a server leaves out and how to include it.
 */
export default async function globalSetup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  project.provide('pgliteTemplate', await pgliteTemplate());
  project.provide('serverTemplate', undefined);
  if (!serverUrl) {
    console.log(
      'Server-only suites (concurrency) are skipped: run `DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm test` to include them.',
    );
    return undefined;
  }
  const template = await serverTemplate(serverUrl);
  project.provide('serverTemplate', template.name);
  return template.drop;
}
