-- Dot voting: a vote session per section and the dots placed on notes.

CREATE TABLE "VoteSessions" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_VoteSessions" PRIMARY KEY,
    "CountyId" TEXT NOT NULL,
    "WorksheetId" TEXT NOT NULL,
    "SectionKey" TEXT NOT NULL,
    "VotesPerPerson" INTEGER NOT NULL,
    "OpenedAt" TEXT NOT NULL,
    "ClosedAt" TEXT NULL,
    CONSTRAINT "FK_VoteSessions_Worksheets_WorksheetId" FOREIGN KEY ("WorksheetId") REFERENCES "Worksheets" ("Id") ON DELETE CASCADE
);

CREATE TABLE "Votes" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Votes" PRIMARY KEY,
    "CountyId" TEXT NOT NULL,
    "SessionId" TEXT NOT NULL,
    "WorksheetId" TEXT NOT NULL,
    "ItemId" TEXT NOT NULL,
    "UserId" TEXT NOT NULL,
    "At" TEXT NOT NULL,
    CONSTRAINT "FK_Votes_VoteSessions_SessionId" FOREIGN KEY ("SessionId") REFERENCES "VoteSessions" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_Votes_WorksheetItems_ItemId" FOREIGN KEY ("ItemId") REFERENCES "WorksheetItems" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_Votes_ItemId" ON "Votes" ("ItemId");

CREATE INDEX "IX_Votes_SessionId_UserId" ON "Votes" ("SessionId", "UserId");

CREATE INDEX "IX_VoteSessions_WorksheetId" ON "VoteSessions" ("WorksheetId");
