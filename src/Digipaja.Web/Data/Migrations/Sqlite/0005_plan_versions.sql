-- Published plan versions: an immutable snapshot of a plan, and whether the county shares it with other counties.

CREATE TABLE "PlanVersions" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_PlanVersions" PRIMARY KEY,
    "CountyId" TEXT NOT NULL,
    "Level" TEXT NOT NULL,
    "ScopeId" TEXT NOT NULL,
    "ScopeCode" TEXT NOT NULL,
    "ScopeName" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "PublishedAt" TEXT NOT NULL,
    "PublishedById" TEXT NULL,
    "PublishedByName" TEXT NOT NULL,
    "Snapshot" TEXT NOT NULL,
    "IsShared" INTEGER NOT NULL,
    "Version" INTEGER NOT NULL,
    CONSTRAINT "FK_PlanVersions_Counties_CountyId" FOREIGN KEY ("CountyId") REFERENCES "Counties" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_PlanVersions_CountyId_Level_ScopeId" ON "PlanVersions" ("CountyId", "Level", "ScopeId");

CREATE INDEX "IX_PlanVersions_IsShared" ON "PlanVersions" ("IsShared");
