/**
 * Builds a value from a JSON Schema of the OpenAPI document, the way a client written from the
 * document alone would: every required property, from its `const`, first `enum` value,
 * `examples`, format or bounds. What only the server's data can say (which conversation, which
 * question, which option) is given by property name in `known`; an optional property is sent
 * only when `known` names it. A pattern with nothing known is an error, not a guess.
 */
type Schema = Record<string, unknown>;
export type Known = Record<string, unknown>;

export function exampleFrom(document: unknown, schema: Schema, known: Known = {}): unknown {
	const resolve = (reference: string): Schema =>
		reference
			.slice(2)
			.split('/')
			.map((key) => key.replaceAll('~1', '/').replaceAll('~0', '~'))
			.reduce<unknown>((node, key) => (node as Schema)[key], document) as Schema;

	function build(node: Schema, where: string): unknown {
		if (typeof node.$ref === 'string') return build(resolve(node.$ref), where);
		if ('const' in node) return node.const;
		if (Array.isArray(node.enum)) return node.enum[0];
		if (Array.isArray(node.examples) && node.examples.length > 0) return node.examples[0];
		const branches = (node.oneOf ?? node.anyOf) as Schema[] | undefined;
		if (branches) {
			return build(branches.find((branch) => branch.type !== 'null') ?? branches[0]!, where);
		}
		switch (node.type) {
			case 'object':
				return buildObject(node, where);
			case 'array': {
				const count = typeof node.minItems === 'number' ? node.minItems : 0;
				return Array.from({ length: count }, (_, i) =>
					build(node.items as Schema, `${where}.${i}`)
				);
			}
			case 'string':
				return buildString(node, where);
			case 'integer':
			case 'number':
				if (typeof node.minimum === 'number') return node.minimum;
				if (typeof node.exclusiveMinimum === 'number') return node.exclusiveMinimum + 1;
				return 0;
			case 'boolean':
				return false;
			case 'null':
				return null;
			default:
				throw new Error(`${where}: no type to build a value from`);
		}
	}

	function buildObject(node: Schema, where: string): Schema {
		const required = new Set((node.required as string[] | undefined) ?? []);
		const value: Schema = {};
		for (const [name, property] of Object.entries((node.properties as Schema) ?? {})) {
			if (name in known) value[name] = known[name];
			else if (required.has(name)) value[name] = build(property as Schema, `${where}.${name}`);
		}
		return value;
	}

	function buildString(node: Schema, where: string): string {
		if (node.format === 'uuid') return crypto.randomUUID();
		if (node.format === 'date-time') return new Date().toISOString();
		if (typeof node.pattern === 'string') {
			throw new Error(`${where}: a pattern (${node.pattern}) and no known value`);
		}
		return 'x'.repeat(typeof node.minLength === 'number' ? Math.max(node.minLength, 1) : 1);
	}

	return build(schema, '$');
}
