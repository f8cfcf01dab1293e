/** Answers for the adult social care set: one area each, concern answers marked. */
export const CALM_ANSWERS: Record<string, Record<string, string>> = {
	'1': { '1.1': 'Yes', '1.2': 'Yes', '1.3': 'Yes', '1.4': 'Yes', '1.5': 'Yes' },
	'2': { '2.1': 'Yes', '2.2': 'Yes', '2.3': 'Yes' },
	'3': { '3.1': 'Yes', '3.2': 'Yes', '3.3': 'Not applicable' },
	'4': { '4.1': 'Yes', '4.2': 'Yes', '4.3': 'Yes', '4.4': 'Yes' }
};

export const WITH_CONCERNS: Record<string, Record<string, string>> = {
	...CALM_ANSWERS,
	'2': { '2.1': 'No', '2.2': 'Partly', '2.3': 'Yes' }
};
