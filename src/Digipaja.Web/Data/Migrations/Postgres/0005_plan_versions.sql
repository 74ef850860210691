-- Published plan versions: an immutable snapshot of a plan, and whether the county shares it with other counties.

CREATE TABLE "PlanVersions" (
    "Id" uuid NOT NULL,
    "CountyId" uuid NOT NULL,
    "Level" character varying(20) NOT NULL,
    "ScopeId" uuid NOT NULL,
    "ScopeCode" character varying(60) NOT NULL,
    "ScopeName" character varying(200) NOT NULL,
    "Name" character varying(200) NOT NULL,
    "PublishedAt" timestamp with time zone NOT NULL,
    "PublishedById" uuid,
    "PublishedByName" character varying(200) NOT NULL,
    "Snapshot" text NOT NULL,
    "IsShared" boolean NOT NULL,
    "Version" integer NOT NULL,
    CONSTRAINT "PK_PlanVersions" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_PlanVersions_Counties_CountyId" FOREIGN KEY ("CountyId") REFERENCES "Counties" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_PlanVersions_CountyId_Level_ScopeId" ON "PlanVersions" ("CountyId", "Level", "ScopeId");

CREATE INDEX "IX_PlanVersions_IsShared" ON "PlanVersions" ("IsShared");
