-- Workshop series with their workshops, agendas, members and pre-tasks; worksheet templates as data;
-- worksheets with their service rows and items; a scope on history entries for per-worksheet history.
ALTER TABLE "AuditEntries" ADD "ScopeId" uuid;

CREATE TABLE "WorksheetTemplates" (
    "Id" uuid NOT NULL,
    "CountyId" uuid NOT NULL,
    "Kind" character varying(40) NOT NULL,
    "Key" character varying(60) NOT NULL,
    "Version" integer NOT NULL,
    "Name" character varying(200) NOT NULL,
    "Definition" text NOT NULL,
    "CopiedFromId" uuid,
    "IsActive" boolean NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "Revision" integer NOT NULL,
    CONSTRAINT "PK_WorksheetTemplates" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_WorksheetTemplates_Counties_CountyId" FOREIGN KEY ("CountyId") REFERENCES "Counties" ("Id") ON DELETE CASCADE
);

CREATE TABLE "WorkshopSeries" (
    "Id" uuid NOT NULL,
    "CountyId" uuid NOT NULL,
    "Name" character varying(200) NOT NULL,
    "Link" character varying(2000) NOT NULL,
    "InvitationSubject" character varying(200) NOT NULL,
    "InvitationTemplate" character varying(8000) NOT NULL,
    "CreatedById" uuid,
    "CreatedAt" timestamp with time zone NOT NULL,
    "Version" integer NOT NULL,
    CONSTRAINT "PK_WorkshopSeries" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_WorkshopSeries_Counties_CountyId" FOREIGN KEY ("CountyId") REFERENCES "Counties" ("Id") ON DELETE CASCADE
);

CREATE TABLE "PreTasks" (
    "Id" uuid NOT NULL,
    "CountyId" uuid NOT NULL,
    "SeriesId" uuid NOT NULL,
    "Position" integer NOT NULL,
    "Title" character varying(200) NOT NULL,
    "Description" character varying(2000) NOT NULL,
    "Version" integer NOT NULL,
    CONSTRAINT "PK_PreTasks" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_PreTasks_WorkshopSeries_SeriesId" FOREIGN KEY ("SeriesId") REFERENCES "WorkshopSeries" ("Id") ON DELETE CASCADE
);

CREATE TABLE "SeriesMembers" (
    "Id" uuid NOT NULL,
    "CountyId" uuid NOT NULL,
    "SeriesId" uuid NOT NULL,
    "UserId" uuid NOT NULL,
    "Role" character varying(20) NOT NULL,
    "InvitedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_SeriesMembers" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_SeriesMembers_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_SeriesMembers_WorkshopSeries_SeriesId" FOREIGN KEY ("SeriesId") REFERENCES "WorkshopSeries" ("Id") ON DELETE CASCADE
);

CREATE TABLE "Worksheets" (
    "Id" uuid NOT NULL,
    "CountyId" uuid NOT NULL,
    "SeriesId" uuid NOT NULL,
    "TemplateId" uuid NOT NULL,
    "FunctionalityId" uuid,
    "Title" character varying(200) NOT NULL,
    "IdeationSectionKey" character varying(60),
    "IdeationEndsAt" timestamp with time zone,
    "Version" integer NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_Worksheets" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_Worksheets_Functionalities_FunctionalityId" FOREIGN KEY ("FunctionalityId") REFERENCES "Functionalities" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Worksheets_WorksheetTemplates_TemplateId" FOREIGN KEY ("TemplateId") REFERENCES "WorksheetTemplates" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Worksheets_WorkshopSeries_SeriesId" FOREIGN KEY ("SeriesId") REFERENCES "WorkshopSeries" ("Id") ON DELETE CASCADE
);

CREATE TABLE "Workshops" (
    "Id" uuid NOT NULL,
    "CountyId" uuid NOT NULL,
    "SeriesId" uuid NOT NULL,
    "Number" integer NOT NULL,
    "Title" character varying(200) NOT NULL,
    "Topic" character varying(2000) NOT NULL,
    "Goal" character varying(2000) NOT NULL,
    "StartsAt" timestamp with time zone,
    "DurationMinutes" integer NOT NULL,
    "Covers" character varying(20) NOT NULL,
    "Version" integer NOT NULL,
    CONSTRAINT "PK_Workshops" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_Workshops_WorkshopSeries_SeriesId" FOREIGN KEY ("SeriesId") REFERENCES "WorkshopSeries" ("Id") ON DELETE CASCADE
);

CREATE TABLE "SeriesServiceLines" (
    "SeriesId" uuid NOT NULL,
    "ServiceLineId" uuid NOT NULL,
    "CountyId" uuid NOT NULL,
    CONSTRAINT "PK_SeriesServiceLines" PRIMARY KEY ("SeriesId", "ServiceLineId"),
    CONSTRAINT "FK_SeriesServiceLines_ServiceLines_ServiceLineId" FOREIGN KEY ("ServiceLineId") REFERENCES "ServiceLines" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_SeriesServiceLines_WorkshopSeries_SeriesId" FOREIGN KEY ("SeriesId") REFERENCES "WorkshopSeries" ("Id") ON DELETE CASCADE
);

CREATE TABLE "PreTaskAssignments" (
    "Id" uuid NOT NULL,
    "CountyId" uuid NOT NULL,
    "PreTaskId" uuid NOT NULL,
    "SeriesId" uuid NOT NULL,
    "UserId" uuid NOT NULL,
    "DoneAt" timestamp with time zone,
    CONSTRAINT "PK_PreTaskAssignments" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_PreTaskAssignments_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_PreTaskAssignments_PreTasks_PreTaskId" FOREIGN KEY ("PreTaskId") REFERENCES "PreTasks" ("Id") ON DELETE CASCADE
);

CREATE TABLE "WorksheetRows" (
    "Id" uuid NOT NULL,
    "CountyId" uuid NOT NULL,
    "WorksheetId" uuid NOT NULL,
    "Position" integer NOT NULL,
    "IsDeleted" boolean NOT NULL,
    "Version" integer NOT NULL,
    CONSTRAINT "PK_WorksheetRows" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_WorksheetRows_Worksheets_WorksheetId" FOREIGN KEY ("WorksheetId") REFERENCES "Worksheets" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AgendaItems" (
    "Id" uuid NOT NULL,
    "CountyId" uuid NOT NULL,
    "WorkshopId" uuid NOT NULL,
    "SeriesId" uuid NOT NULL,
    "Position" integer NOT NULL,
    "Title" character varying(200) NOT NULL,
    "Minutes" integer NOT NULL,
    "Version" integer NOT NULL,
    CONSTRAINT "PK_AgendaItems" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_AgendaItems_Workshops_WorkshopId" FOREIGN KEY ("WorkshopId") REFERENCES "Workshops" ("Id") ON DELETE CASCADE
);

CREATE TABLE "WorksheetItems" (
    "Id" uuid NOT NULL,
    "CountyId" uuid NOT NULL,
    "WorksheetId" uuid NOT NULL,
    "CellKey" character varying(60) NOT NULL,
    "RowId" uuid,
    "Kind" character varying(20) NOT NULL,
    "Text" character varying(2000) NOT NULL,
    "Group" character varying(200) NOT NULL,
    "Colour" character varying(20) NOT NULL,
    "Tag" character varying(200) NOT NULL,
    "Position" integer NOT NULL,
    "Owner" character varying(200) NOT NULL,
    "DueDate" date,
    "StartDate" date,
    "EndDate" date,
    "MetricId" uuid,
    "AuthorId" uuid,
    "AuthorName" character varying(200) NOT NULL,
    "IsPrivate" boolean NOT NULL,
    "IsDeleted" boolean NOT NULL,
    "Version" integer NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "UpdatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_WorksheetItems" PRIMARY KEY ("Id"),
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
