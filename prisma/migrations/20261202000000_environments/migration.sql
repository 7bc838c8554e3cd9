-- CreateTable
CREATE TABLE "ProjectEnvironment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "projectId" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "currentSecretId" TEXT,
    "previousSecretId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ProjectEnvironment_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ProjectEnvironment_currentSecretId_fkey" FOREIGN KEY ("currentSecretId") REFERENCES "IdentitySecret" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "ProjectEnvironment_previousSecretId_fkey" FOREIGN KEY ("previousSecretId") REFERENCES "IdentitySecret" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- Every existing project's secret pair becomes its Production environment, unchanged (its ciphertext
-- keeps the production context). The Development environment and its fresh secret are created by the
-- app at boot (lib/identity/environment-backfill.ts): a secret must be generated and sealed with the
-- master key, which SQL can't do.
INSERT INTO "ProjectEnvironment" ("id", "projectId", "slug", "currentSecretId", "previousSecretId", "createdAt", "updatedAt")
SELECT 'penv_' || "id" || '_production', "id", 'production', "currentSecretId", "previousSecretId", "createdAt", "updatedAt" FROM "Project";

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Team" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "membershipVersion" INTEGER NOT NULL DEFAULT 0,
    "membersRevealDevelopmentSecret" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
INSERT INTO "new_Team" ("createdAt", "id", "membershipVersion", "name") SELECT "createdAt", "id", "membershipVersion", "name" FROM "Team";
DROP TABLE "Team";
ALTER TABLE "new_Team" RENAME TO "Team";
CREATE TABLE "new_Project" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "teamId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Project_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Project" ("createdAt", "id", "name", "teamId", "updatedAt") SELECT "createdAt", "id", "name", "teamId", "updatedAt" FROM "Project";
DROP TABLE "Project";
ALTER TABLE "new_Project" RENAME TO "Project";
CREATE INDEX "Project_teamId_idx" ON "Project"("teamId");
CREATE TABLE "new_IdentitySecret" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "projectId" TEXT NOT NULL,
    "environment" TEXT NOT NULL DEFAULT 'production',
    "ciphertext" TEXT,
    "last4" TEXT NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdById" TEXT,
    "expiresAt" DATETIME,
    "retiredAt" DATETIME,
    "retiredById" TEXT,
    "lastUsedAt" DATETIME,
    "diagnosisCiphertext" TEXT,
    CONSTRAINT "IdentitySecret_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_IdentitySecret" ("ciphertext", "createdAt", "createdById", "diagnosisCiphertext", "expiresAt", "fingerprint", "id", "last4", "lastUsedAt", "projectId", "retiredAt", "retiredById") SELECT "ciphertext", "createdAt", "createdById", "diagnosisCiphertext", "expiresAt", "fingerprint", "id", "last4", "lastUsedAt", "projectId", "retiredAt", "retiredById" FROM "IdentitySecret";
DROP TABLE "IdentitySecret";
ALTER TABLE "new_IdentitySecret" RENAME TO "IdentitySecret";
CREATE INDEX "IdentitySecret_projectId_idx" ON "IdentitySecret"("projectId");
CREATE INDEX "IdentitySecret_expiresAt_idx" ON "IdentitySecret"("expiresAt");
CREATE TABLE "new_IdentifiedUser" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "projectId" TEXT NOT NULL,
    "environment" TEXT NOT NULL DEFAULT 'production',
    "externalId" TEXT NOT NULL,
    "email" TEXT,
    "plan" TEXT,
    "interval" TEXT,
    "mrrCents" INTEGER,
    "firstSeenAt" DATETIME NOT NULL,
    "lastSeenAt" DATETIME NOT NULL,
    CONSTRAINT "IdentifiedUser_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_IdentifiedUser" ("email", "externalId", "firstSeenAt", "id", "interval", "lastSeenAt", "mrrCents", "plan", "projectId") SELECT "email", "externalId", "firstSeenAt", "id", "interval", "lastSeenAt", "mrrCents", "plan", "projectId" FROM "IdentifiedUser";
DROP TABLE "IdentifiedUser";
ALTER TABLE "new_IdentifiedUser" RENAME TO "IdentifiedUser";
CREATE INDEX "IdentifiedUser_projectId_environment_lastSeenAt_idx" ON "IdentifiedUser"("projectId", "environment", "lastSeenAt");
CREATE UNIQUE INDEX "IdentifiedUser_projectId_environment_externalId_key" ON "IdentifiedUser"("projectId", "environment", "externalId");
CREATE TABLE "new_VerificationCounter" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "projectId" TEXT NOT NULL,
    "environment" TEXT NOT NULL DEFAULT 'production',
    "bucketStart" DATETIME NOT NULL,
    "code" TEXT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,
    "ageMinSeconds" INTEGER,
    "ageMaxSeconds" INTEGER,
    CONSTRAINT "VerificationCounter_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_VerificationCounter" ("ageMaxSeconds", "ageMinSeconds", "bucketStart", "code", "count", "id", "projectId") SELECT "ageMaxSeconds", "ageMinSeconds", "bucketStart", "code", "count", "id", "projectId" FROM "VerificationCounter";
DROP TABLE "VerificationCounter";
ALTER TABLE "new_VerificationCounter" RENAME TO "VerificationCounter";
CREATE INDEX "VerificationCounter_projectId_bucketStart_idx" ON "VerificationCounter"("projectId", "bucketStart");
CREATE UNIQUE INDEX "VerificationCounter_projectId_environment_bucketStart_code_key" ON "VerificationCounter"("projectId", "environment", "bucketStart", "code");
CREATE TABLE "new_VerificationFailureExample" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "projectId" TEXT NOT NULL,
    "environment" TEXT NOT NULL DEFAULT 'production',
    "cause" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "lastAt" DATETIME NOT NULL,
    "header" TEXT NOT NULL,
    "claims" TEXT NOT NULL,
    CONSTRAINT "VerificationFailureExample_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_VerificationFailureExample" ("cause", "claims", "code", "header", "id", "lastAt", "projectId") SELECT "cause", "claims", "code", "header", "id", "lastAt", "projectId" FROM "VerificationFailureExample";
DROP TABLE "VerificationFailureExample";
ALTER TABLE "new_VerificationFailureExample" RENAME TO "VerificationFailureExample";
CREATE INDEX "VerificationFailureExample_lastAt_idx" ON "VerificationFailureExample"("lastAt");
CREATE UNIQUE INDEX "VerificationFailureExample_projectId_environment_cause_key" ON "VerificationFailureExample"("projectId", "environment", "cause");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "ProjectEnvironment_currentSecretId_key" ON "ProjectEnvironment"("currentSecretId");

-- CreateIndex
CREATE UNIQUE INDEX "ProjectEnvironment_previousSecretId_key" ON "ProjectEnvironment"("previousSecretId");

-- CreateIndex
CREATE UNIQUE INDEX "ProjectEnvironment_projectId_slug_key" ON "ProjectEnvironment"("projectId", "slug");

