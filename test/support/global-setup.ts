/** Says once, up front, what a run without a server leaves out and how to include it. */
export default function globalSetup(): void {
  if (!process.env.DATABASE_URL?.startsWith('postgres')) {
    console.log(
      'Server-only suites (concurrency) are skipped: run `DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm test` to include them.',
    );
  }
}
