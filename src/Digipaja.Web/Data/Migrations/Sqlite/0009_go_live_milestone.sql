-- A service's go-live is a milestone of its development path marked as such, not whichever milestone comes last.
ALTER TABLE "WorksheetItems" ADD "IsGoLive" INTEGER NOT NULL DEFAULT 0;

-- Plans made before keep their go-live dates: each service row's last dated milestone becomes its go-live milestone.
UPDATE "WorksheetItems" SET "IsGoLive" = 1
WHERE "Id" IN (
    SELECT i."Id" FROM "WorksheetItems" i
    WHERE i."Kind" = 'Milestone' AND i."IsDeleted" = 0 AND i."RowId" IS NOT NULL AND i."StartDate" IS NOT NULL
      AND NOT EXISTS (
        SELECT 1 FROM "WorksheetItems" o
        WHERE o."RowId" = i."RowId" AND o."Kind" = 'Milestone' AND o."IsDeleted" = 0 AND o."StartDate" IS NOT NULL
          AND (o."StartDate" > i."StartDate" OR (o."StartDate" = i."StartDate" AND o."Id" > i."Id"))));
