ALTER TABLE "answers" RENAME COLUMN "hlc" TO "written_at";
