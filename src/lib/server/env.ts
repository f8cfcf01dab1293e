import { z } from 'zod';

const environmentSchema = z.object({
	DATABASE_URL: z
		.string()
		.regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must start with postgres://')
		.optional(),
	DATA_DIR: z.string().min(1).default('./data'),
	SEED_DEMO: z.enum(['0', '1']).optional(),
	NODE_ENV: z.string().optional()
});

export type ServerEnvironment = z.infer<typeof environmentSchema>;

/** The server's settings from the environment; a bad value stops the server with its reason. */
export function readEnvironment(
	source: Record<string, string | undefined> = process.env
): ServerEnvironment {
	const parsed = environmentSchema.safeParse(source);
	if (!parsed.success) {
		throw new Error(
			`Bad server setting: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`
		);
	}
	return parsed.data;
}
