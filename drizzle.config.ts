import { defineConfig } from 'drizzle-kit';

// Migrations are generated SQL, committed and applied when the server starts.
export default defineConfig({
	dialect: 'postgresql',
	schema: './src/lib/server/db/schema/index.ts',
	out: './drizzle',
	strict: true,
	verbose: true
});
