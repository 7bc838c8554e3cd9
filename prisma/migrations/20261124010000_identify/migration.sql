-- CreateTable
CREATE TABLE "IdentifiedUser" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "projectId" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "email" TEXT,
    "plan" TEXT,
    "interval" TEXT,
    "mrrCents" INTEGER,
    "firstSeenAt" DATETIME NOT NULL,
    "lastSeenAt" DATETIME NOT NULL,
    CONSTRAINT "IdentifiedUser_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "VerificationCounter" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "projectId" TEXT NOT NULL,
    "bucketStart" DATETIME NOT NULL,
    "code" TEXT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,
    "ageMinSeconds" INTEGER,
    "ageMaxSeconds" INTEGER,
    CONSTRAINT "VerificationCounter_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "IdentifiedUser_projectId_lastSeenAt_idx" ON "IdentifiedUser"("projectId", "lastSeenAt");

-- CreateIndex
CREATE UNIQUE INDEX "IdentifiedUser_projectId_externalId_key" ON "IdentifiedUser"("projectId", "externalId");

-- CreateIndex
CREATE INDEX "VerificationCounter_projectId_bucketStart_idx" ON "VerificationCounter"("projectId", "bucketStart");

-- CreateIndex
CREATE UNIQUE INDEX "VerificationCounter_projectId_bucketStart_code_key" ON "VerificationCounter"("projectId", "bucketStart", "code");

