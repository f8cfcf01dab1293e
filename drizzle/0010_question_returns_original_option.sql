ALTER TABLE "question_returns" ADD COLUMN "original_option_id" text;--> statement-breakpoint
-- Amendments made before this column: the value the answer held just before the amendment.
UPDATE "question_returns" AS "r" SET "original_option_id" = (
	SELECT "h"."value"->>'optionId' FROM "answer_history" AS "h"
	WHERE "h"."answer_id" = "r"."conversation_id"::text || ':' || "r"."question_id"
		AND "h"."outcome" = 'applied'
		AND "h"."id" < (
			SELECT min("a"."id") FROM "answer_history" AS "a"
			WHERE "a"."mutation_id" = "r"."answer_mutation_id" AND "a"."outcome" = 'applied'
		)
	ORDER BY "h"."id" DESC LIMIT 1
) WHERE "r"."status" = 'answered';
