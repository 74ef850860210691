-- Dot voting: a vote session per section and the dots placed on notes.

CREATE TABLE "VoteSessions" (
    "Id" uuid NOT NULL,
    "CountyId" uuid NOT NULL,
    "WorksheetId" uuid NOT NULL,
    "SectionKey" character varying(60) NOT NULL,
    "VotesPerPerson" integer NOT NULL,
    "OpenedAt" timestamp with time zone NOT NULL,
    "ClosedAt" timestamp with time zone,
    CONSTRAINT "PK_VoteSessions" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_VoteSessions_Worksheets_WorksheetId" FOREIGN KEY ("WorksheetId") REFERENCES "Worksheets" ("Id") ON DELETE CASCADE
);

CREATE TABLE "Votes" (
    "Id" uuid NOT NULL,
    "CountyId" uuid NOT NULL,
    "SessionId" uuid NOT NULL,
    "WorksheetId" uuid NOT NULL,
    "ItemId" uuid NOT NULL,
    "UserId" uuid NOT NULL,
    "At" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_Votes" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_Votes_VoteSessions_SessionId" FOREIGN KEY ("SessionId") REFERENCES "VoteSessions" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_Votes_WorksheetItems_ItemId" FOREIGN KEY ("ItemId") REFERENCES "WorksheetItems" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_Votes_ItemId" ON "Votes" ("ItemId");

CREATE INDEX "IX_Votes_SessionId_UserId" ON "Votes" ("SessionId", "UserId");

CREATE INDEX "IX_VoteSessions_WorksheetId" ON "VoteSessions" ("WorksheetId");
