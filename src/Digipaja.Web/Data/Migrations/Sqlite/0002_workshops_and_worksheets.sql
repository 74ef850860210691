-- Workshop series with their workshops, agendas, members and pre-tasks; worksheet templates as data;
-- worksheets with their service rows and items; a scope on history entries for per-worksheet history.
ALTER TABLE "AuditEntries" ADD "ScopeId" TEXT NULL;

CREATE TABLE "WorksheetTemplates" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_WorksheetTemplates" PRIMARY KEY,
    "CountyId" TEXT NOT NULL,
    "Kind" TEXT NOT NULL,
    "Key" TEXT NOT NULL,
    "Version" INTEGER NOT NULL,
    "Name" TEXT NOT NULL,
    "Definition" TEXT NOT NULL,
    "CopiedFromId" TEXT NULL,
    "IsActive" INTEGER NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "Revision" INTEGER NOT NULL,
    CONSTRAINT "FK_WorksheetTemplates_Counties_CountyId" FOREIGN KEY ("CountyId") REFERENCES "Counties" ("Id") ON DELETE CASCADE
);

CREATE TABLE "WorkshopSeries" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_WorkshopSeries" PRIMARY KEY,
    "CountyId" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Link" TEXT NOT NULL,
    "InvitationSubject" TEXT NOT NULL,
    "InvitationTemplate" TEXT NOT NULL,
    "CreatedById" TEXT NULL,
    "CreatedAt" TEXT NOT NULL,
    "Version" INTEGER NOT NULL,
    CONSTRAINT "FK_WorkshopSeries_Counties_CountyId" FOREIGN KEY ("CountyId") REFERENCES "Counties" ("Id") ON DELETE CASCADE
);

CREATE TABLE "PreTasks" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_PreTasks" PRIMARY KEY,
    "CountyId" TEXT NOT NULL,
    "SeriesId" TEXT NOT NULL,
    "Position" INTEGER NOT NULL,
    "Title" TEXT NOT NULL,
    "Description" TEXT NOT NULL,
    "Version" INTEGER NOT NULL,
    CONSTRAINT "FK_PreTasks_WorkshopSeries_SeriesId" FOREIGN KEY ("SeriesId") REFERENCES "WorkshopSeries" ("Id") ON DELETE CASCADE
);

CREATE TABLE "SeriesMembers" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_SeriesMembers" PRIMARY KEY,
    "CountyId" TEXT NOT NULL,
    "SeriesId" TEXT NOT NULL,
    "UserId" TEXT NOT NULL,
    "Role" TEXT NOT NULL,
    "InvitedAt" TEXT NOT NULL,
    CONSTRAINT "FK_SeriesMembers_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_SeriesMembers_WorkshopSeries_SeriesId" FOREIGN KEY ("SeriesId") REFERENCES "WorkshopSeries" ("Id") ON DELETE CASCADE
);

CREATE TABLE "Worksheets" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Worksheets" PRIMARY KEY,
    "CountyId" TEXT NOT NULL,
    "SeriesId" TEXT NOT NULL,
    "TemplateId" TEXT NOT NULL,
    "FunctionalityId" TEXT NULL,
    "Title" TEXT NOT NULL,
    "IdeationSectionKey" TEXT NULL,
    "IdeationEndsAt" TEXT NULL,
    "Version" INTEGER NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    CONSTRAINT "FK_Worksheets_Functionalities_FunctionalityId" FOREIGN KEY ("FunctionalityId") REFERENCES "Functionalities" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Worksheets_WorksheetTemplates_TemplateId" FOREIGN KEY ("TemplateId") REFERENCES "WorksheetTemplates" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Worksheets_WorkshopSeries_SeriesId" FOREIGN KEY ("SeriesId") REFERENCES "WorkshopSeries" ("Id") ON DELETE CASCADE
);

CREATE TABLE "Workshops" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Workshops" PRIMARY KEY,
    "CountyId" TEXT NOT NULL,
    "SeriesId" TEXT NOT NULL,
    "Number" INTEGER NOT NULL,
    "Title" TEXT NOT NULL,
    "Topic" TEXT NOT NULL,
    "Goal" TEXT NOT NULL,
    "StartsAt" TEXT NULL,
    "DurationMinutes" INTEGER NOT NULL,
    "Covers" TEXT NOT NULL,
    "Version" INTEGER NOT NULL,
    CONSTRAINT "FK_Workshops_WorkshopSeries_SeriesId" FOREIGN KEY ("SeriesId") REFERENCES "WorkshopSeries" ("Id") ON DELETE CASCADE
);

CREATE TABLE "SeriesServiceLines" (
    "SeriesId" TEXT NOT NULL,
    "ServiceLineId" TEXT NOT NULL,
    "CountyId" TEXT NOT NULL,
    CONSTRAINT "PK_SeriesServiceLines" PRIMARY KEY ("SeriesId", "ServiceLineId"),
    CONSTRAINT "FK_SeriesServiceLines_ServiceLines_ServiceLineId" FOREIGN KEY ("ServiceLineId") REFERENCES "ServiceLines" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_SeriesServiceLines_WorkshopSeries_SeriesId" FOREIGN KEY ("SeriesId") REFERENCES "WorkshopSeries" ("Id") ON DELETE CASCADE
);

CREATE TABLE "PreTaskAssignments" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_PreTaskAssignments" PRIMARY KEY,
    "CountyId" TEXT NOT NULL,
    "PreTaskId" TEXT NOT NULL,
    "SeriesId" TEXT NOT NULL,
    "UserId" TEXT NOT NULL,
    "DoneAt" TEXT NULL,
    CONSTRAINT "FK_PreTaskAssignments_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_PreTaskAssignments_PreTasks_PreTaskId" FOREIGN KEY ("PreTaskId") REFERENCES "PreTasks" ("Id") ON DELETE CASCADE
);

CREATE TABLE "WorksheetRows" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_WorksheetRows" PRIMARY KEY,
    "CountyId" TEXT NOT NULL,
    "WorksheetId" TEXT NOT NULL,
    "Position" INTEGER NOT NULL,
    "IsDeleted" INTEGER NOT NULL,
    "Version" INTEGER NOT NULL,
    CONSTRAINT "FK_WorksheetRows_Worksheets_WorksheetId" FOREIGN KEY ("WorksheetId") REFERENCES "Worksheets" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AgendaItems" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AgendaItems" PRIMARY KEY,
    "CountyId" TEXT NOT NULL,
    "WorkshopId" TEXT NOT NULL,
    "SeriesId" TEXT NOT NULL,
    "Position" INTEGER NOT NULL,
    "Title" TEXT NOT NULL,
    "Minutes" INTEGER NOT NULL,
    "Version" INTEGER NOT NULL,
    CONSTRAINT "FK_AgendaItems_Workshops_WorkshopId" FOREIGN KEY ("WorkshopId") REFERENCES "Workshops" ("Id") ON DELETE CASCADE
);

CREATE TABLE "WorksheetItems" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_WorksheetItems" PRIMARY KEY,
    "CountyId" TEXT NOT NULL,
    "WorksheetId" TEXT NOT NULL,
    "CellKey" TEXT NOT NULL,
    "RowId" TEXT NULL,
    "Kind" TEXT NOT NULL,
    "Text" TEXT NOT NULL,
    "Group" TEXT NOT NULL,
    "Colour" TEXT NOT NULL,
    "Tag" TEXT NOT NULL,
    "Position" INTEGER NOT NULL,
    "Owner" TEXT NOT NULL,
    "DueDate" TEXT NULL,
    "StartDate" TEXT NULL,
    "EndDate" TEXT NULL,
    "MetricId" TEXT NULL,
    "AuthorId" TEXT NULL,
    "AuthorName" TEXT NOT NULL,
    "IsPrivate" INTEGER NOT NULL,
    "IsDeleted" INTEGER NOT NULL,
    "Version" INTEGER NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "UpdatedAt" TEXT NOT NULL,
    CONSTRAINT "FK_WorksheetItems_Metrics_MetricId" FOREIGN KEY ("MetricId") REFERENCES "Metrics" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_WorksheetItems_WorksheetRows_RowId" FOREIGN KEY ("RowId") REFERENCES "WorksheetRows" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_WorksheetItems_Worksheets_WorksheetId" FOREIGN KEY ("WorksheetId") REFERENCES "Worksheets" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_AgendaItems_WorkshopId" ON "AgendaItems" ("WorkshopId");

CREATE INDEX "IX_AuditEntries_ScopeId" ON "AuditEntries" ("ScopeId");

CREATE UNIQUE INDEX "IX_PreTaskAssignments_PreTaskId_UserId" ON "PreTaskAssignments" ("PreTaskId", "UserId");

CREATE INDEX "IX_PreTaskAssignments_UserId" ON "PreTaskAssignments" ("UserId");

CREATE INDEX "IX_PreTasks_SeriesId" ON "PreTasks" ("SeriesId");

CREATE UNIQUE INDEX "IX_SeriesMembers_SeriesId_UserId" ON "SeriesMembers" ("SeriesId", "UserId");

CREATE INDEX "IX_SeriesMembers_UserId" ON "SeriesMembers" ("UserId");

CREATE INDEX "IX_SeriesServiceLines_ServiceLineId" ON "SeriesServiceLines" ("ServiceLineId");

CREATE INDEX "IX_WorksheetItems_MetricId" ON "WorksheetItems" ("MetricId");

CREATE INDEX "IX_WorksheetItems_RowId" ON "WorksheetItems" ("RowId");

CREATE INDEX "IX_WorksheetItems_WorksheetId_CellKey" ON "WorksheetItems" ("WorksheetId", "CellKey");

CREATE INDEX "IX_WorksheetRows_WorksheetId" ON "WorksheetRows" ("WorksheetId");

CREATE INDEX "IX_Worksheets_FunctionalityId" ON "Worksheets" ("FunctionalityId");

CREATE INDEX "IX_Worksheets_SeriesId" ON "Worksheets" ("SeriesId");

CREATE INDEX "IX_Worksheets_TemplateId" ON "Worksheets" ("TemplateId");

CREATE UNIQUE INDEX "IX_WorksheetTemplates_CountyId_Key_Version" ON "WorksheetTemplates" ("CountyId", "Key", "Version");

CREATE INDEX "IX_Workshops_SeriesId_Number" ON "Workshops" ("SeriesId", "Number");

CREATE INDEX "IX_WorkshopSeries_CountyId" ON "WorkshopSeries" ("CountyId");
