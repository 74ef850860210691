-- The live stream of worksheet changes (numbered per worksheet) and the facilitator's timer.
ALTER TABLE "Worksheets" ADD "TimerEndsAt" TEXT NULL;
ALTER TABLE "Worksheets" ADD "TimerPausedSeconds" INTEGER NULL;
ALTER TABLE "Worksheets" ADD "EventSeq" INTEGER NOT NULL DEFAULT 0;

CREATE TABLE "WorksheetEvents" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_WorksheetEvents" PRIMARY KEY AUTOINCREMENT,
    "CountyId" TEXT NOT NULL,
    "WorksheetId" TEXT NOT NULL,
    "Seq" INTEGER NOT NULL,
    "At" TEXT NOT NULL,
    "Type" TEXT NOT NULL,
    "Payload" TEXT NOT NULL,
    "AudienceUserId" TEXT NULL,
    CONSTRAINT "FK_WorksheetEvents_Worksheets_WorksheetId" FOREIGN KEY ("WorksheetId") REFERENCES "Worksheets" ("Id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "IX_WorksheetEvents_WorksheetId_Seq" ON "WorksheetEvents" ("WorksheetId", "Seq");
