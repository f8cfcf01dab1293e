import type { Sector } from '../question-sets/question-set.schema';
import type { SupportNeed } from '../conversation/conversation.schema';

export const SUPPORT_NEED_LABELS: Record<SupportNeed, string> = {
	ppe: 'Personal protective equipment (PPE)',
	testing: 'Testing',
	staffing: 'Staffing',
	'infection-control': 'Infection prevention and control',
	safeguarding: 'Safeguarding',
	wellbeing: 'Staff wellbeing',
	finance: 'Finance',
	other: 'Other'
};

export type SupportSource = {
	id: string;
	need: SupportNeed;
	name: string;
	description: string;
	/** Sectors the source suits; every sector when absent. */
	sectors?: Sector[];
};

/** Sources of support an inspector can suggest, grouped by need. */
export const SUPPORT_CATALOGUE: readonly SupportSource[] = [
	{
		id: 'ppe-portal',
		need: 'ppe',
		name: 'National PPE portal',
		description: 'Emergency orders of PPE for registered services.'
	},
	{
		id: 'ppe-lrf',
		need: 'ppe',
		name: 'Local resilience forum PPE supply',
		description: 'Emergency PPE when usual suppliers cannot deliver.'
	},
	{
		id: 'ppe-fit-testing',
		need: 'ppe',
		name: 'FFP3 fit-testing service',
		description: 'Fit testing for respirator masks.',
		sectors: ['dental', 'nhs-trust', 'gp']
	},
	{
		id: 'testing-portal',
		need: 'testing',
		name: 'Testing portal for care settings',
		description: 'Whole-home and staff testing kits and appointments.'
	},
	{
		id: 'testing-hpt',
		need: 'testing',
		name: 'Local health protection team',
		description: 'Outbreak testing and advice on results.'
	},
	{
		id: 'staffing-skills-for-care',
		need: 'staffing',
		name: 'Skills for Care',
		description: 'Recruitment, induction and training resources for social care.',
		sectors: ['adult-social-care']
	},
	{
		id: 'staffing-la-workforce',
		need: 'staffing',
		name: 'Local authority workforce support',
		description: 'Local staff banks and redeployment schemes.'
	},
	{
		id: 'staffing-icb',
		need: 'staffing',
		name: 'Integrated care board workforce lead',
		description: 'Mutual aid between local health services.',
		sectors: ['gp', 'dental', 'nhs-trust']
	},
	{
		id: 'ipc-community-team',
		need: 'infection-control',
		name: 'Community infection prevention and control team',
		description: 'IPC advice, training and outbreak visits.'
	},
	{
		id: 'ipc-guidance',
		need: 'infection-control',
		name: 'National IPC guidance for the sector',
		description: 'The current infection prevention and control guidance.'
	},
	{
		id: 'safeguarding-la',
		need: 'safeguarding',
		name: 'Local authority safeguarding adults team',
		description: 'Advice on and referral of safeguarding concerns.'
	},
	{
		id: 'safeguarding-dols',
		need: 'safeguarding',
		name: 'Deprivation of Liberty Safeguards team',
		description: 'Advice on DoLS applications and reviews.',
		sectors: ['adult-social-care', 'nhs-trust']
	},
	{
		id: 'wellbeing-workforce',
		need: 'wellbeing',
		name: 'Workforce wellbeing support line',
		description: 'Confidential support for health and care staff.'
	},
	{
		id: 'wellbeing-employee-assistance',
		need: 'wellbeing',
		name: 'Employee assistance programme',
		description: 'Counselling and practical support for staff.'
	},
	{
		id: 'finance-ipc-fund',
		need: 'finance',
		name: 'Infection control fund (local authority)',
		description: 'Grants towards infection control measures.',
		sectors: ['adult-social-care']
	},
	{
		id: 'finance-la-commissioning',
		need: 'finance',
		name: 'Local authority commissioning team',
		description: 'Help with fees, cash flow and market support.'
	},
	{
		id: 'other-dass',
		need: 'other',
		name: 'Director of Adult Social Services (DASS)',
		description: 'The local authority lead for adult social care.'
	},
	{
		id: 'other-good-practice',
		need: 'other',
		name: 'Examples of good practice from other services',
		description: 'Shared ways other services have managed.'
	}
];

export function supportSourcesFor(sector: Sector): SupportSource[] {
	return SUPPORT_CATALOGUE.filter((source) => !source.sectors || source.sectors.includes(sector));
}

export function findSupportSource(id: string): SupportSource | undefined {
	return SUPPORT_CATALOGUE.find((source) => source.id === id);
}
