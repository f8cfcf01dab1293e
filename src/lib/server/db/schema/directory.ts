import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

export const locations = pgTable(
	'locations',
	{
		locationId: text('location_id').primaryKey(),
		providerId: text('provider_id').notNull(),
		name: text('name').notNull(),
		postcode: text('postcode').notNull(),
		region: text('region').notNull(),
		localAuthority: text('local_authority').notNull(),
		sector: text('sector', { enum: ['adult-social-care', 'gp', 'dental', 'nhs-trust'] }).notNull(),
		type: text('type').notNull(),
		careHome: boolean('care_home').notNull(),
		beds: integer('beds'),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(table) => [
		check(
			'locations_sector_check',
			sql`${table.sector} in ('adult-social-care', 'gp', 'dental', 'nhs-trust')`
		),
		index('locations_region_idx').on(table.region, table.locationId),
		index('locations_provider_idx').on(table.providerId)
	]
);
