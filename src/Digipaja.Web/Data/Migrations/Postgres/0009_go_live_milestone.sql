-- A service's go-live is a milestone of its development path marked as such, not whichever milestone comes last.
ALTER TABLE "WorksheetItems" ADD "IsGoLive" boolean NOT NULL DEFAULT FALSE;
ALTER TABLE "WorksheetItems" ALTER COLUMN "IsGoLive" DROP DEFAULT;

-- Plans made before keep their go-live dates: each service row's last dated milestone becomes its go-live milestone.
UPDATE "WorksheetItems" SET "IsGoLive" = TRUE
WHERE "Id" IN (
    SELECT DISTINCT ON (i."RowId") i."Id" FROM "WorksheetItems" i
    WHERE i."Kind" = 'Milestone' AND NOT i."IsDeleted" AND i."RowId" IS NOT NULL AND i."StartDate" IS NOT NULL
    ORDER BY i."RowId", i."StartDate" DESC, i."Id" DESC);
