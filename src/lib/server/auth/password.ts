import { hash, verify } from '@node-rs/argon2';

// argon2id with the OWASP-recommended minimum cost (19 MiB, 2 passes).
const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
	return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
	try {
		return await verify(passwordHash, password);
	} catch {
		return false;
	}
}

/** A real hash to verify against when there is no account, so both cases take as long. */
export const UNKNOWN_ACCOUNT_HASH =
	'$argon2id$v=19$m=19456,t=2,p=1$h86SEFd5l6REGNDnHL8xVw$GAaAmHshR3xG1pM+zYATGP+WvFPV61IAwF/F7fh6sKI';
