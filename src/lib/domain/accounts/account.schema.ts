import { z } from 'zod';
import { regionSchema } from '../directory/location.schema';
import { hasNoNul, NUL_MESSAGE } from '../text';

export const roleSchema = z.enum(['inspector', 'manager', 'admin']);
export type Role = z.infer<typeof roleSchema>;

export const ROLE_LABELS: Record<Role, string> = {
	inspector: 'Inspector',
	manager: 'Inspection manager',
	admin: 'Administrator'
};

export const emailSchema = z
	.string()
	.trim()
	.min(1, 'Enter an email address')
	.max(254, 'Email address must be 254 characters or fewer')
	.pipe(z.email('Enter an email address in the correct format, like name@example.com'))
	.transform((email) => email.toLowerCase());

export const newPasswordSchema = z
	.string()
	.min(12, 'Password must be 12 characters or more')
	.max(200, 'Password must be 200 characters or fewer');

export const signInBodySchema = z.object({
	email: emailSchema,
	password: z
		.string()
		.min(1, 'Enter your password')
		.max(200, 'Password must be 200 characters or fewer')
});
export type SignInBody = z.infer<typeof signInBodySchema>;

export const createUserSchema = z.object({
	email: emailSchema,
	name: z
		.string()
		.trim()
		.min(1, 'Enter their full name')
		.max(200, 'Name must be 200 characters or fewer')
		.refine(hasNoNul, NUL_MESSAGE),
	role: roleSchema,
	teamId: z.uuid().nullable(),
	region: regionSchema.nullable(),
	password: newPasswordSchema
});
export type CreateUserInput = z.infer<typeof createUserSchema>;

export const updateUserSchema = createUserSchema
	.pick({ role: true, teamId: true, region: true })
	.extend({ active: z.boolean() });
export type UpdateUserInput = z.infer<typeof updateUserSchema>;

export const changePasswordSchema = z
	.object({
		currentPassword: z.string().min(1, 'Enter your current password').max(200),
		newPassword: newPasswordSchema,
		confirmPassword: z.string()
	})
	.refine((input) => input.newPassword !== input.currentPassword, {
		message: 'Your new password must be different from your current password',
		path: ['newPassword']
	})
	.refine((input) => input.newPassword === input.confirmPassword, {
		message: 'The new passwords do not match',
		path: ['confirmPassword']
	});

/** The signed-in person as the browser knows them; no secrets. */
export const sessionUserSchema = z.object({
	id: z.uuid(),
	email: z.string(),
	name: z.string(),
	role: roleSchema,
	teamId: z.uuid().nullable(),
	region: z.string().nullable()
});
export type SessionUser = z.infer<typeof sessionUserSchema>;
