-- DropForeignKey
ALTER TABLE "Project" DROP CONSTRAINT "Project_currentSecretId_fkey";

-- DropForeignKey
ALTER TABLE "Project" DROP CONSTRAINT "Project_previousSecretId_fkey";

-- DropIndex
DROP INDEX "Project_currentSecretId_key";

-- DropIndex
DROP INDEX "Project_previousSecretId_key";

-- DropIndex
DROP INDEX "IdentifiedUser_projectId_lastSeenAt_idx";

-- DropIndex
DROP INDEX "IdentifiedUser_projectId_externalId_key";

-- DropIndex
DROP INDEX "VerificationCounter_projectId_bucketStart_code_key";

-- DropIndex
DROP INDEX "VerificationFailureExample_projectId_cause_key";

-- AlterTable
ALTER TABLE "Team" ADD COLUMN     "membersRevealDevelopmentSecret" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "ProjectEnvironment" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "currentSecretId" TEXT,
    "previousSecretId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ProjectEnvironment_pkey" PRIMARY KEY ("id")
);

-- Every existing project's secret pair becomes its Production environment, unchanged (its ciphertext
-- keeps the production context). The Development environment and its fresh secret are created by the
-- app at boot (lib/identity/environment-backfill.ts): a secret must be generated and sealed with the
-- master key, which SQL can't do.
INSERT INTO "ProjectEnvironment" ("id", "projectId", "slug", "currentSecretId", "previousSecretId", "createdAt", "updatedAt")
SELECT 'penv_' || "id" || '_production', "id", 'production', "currentSecretId", "previousSecretId", "createdAt", "updatedAt" FROM "Project";

-- AlterTable
ALTER TABLE "Project" DROP COLUMN "currentSecretId",
DROP COLUMN "previousSecretId";

-- AlterTable
ALTER TABLE "IdentitySecret" ADD COLUMN     "environment" TEXT NOT NULL DEFAULT 'production';

-- AlterTable
ALTER TABLE "IdentifiedUser" ADD COLUMN     "environment" TEXT NOT NULL DEFAULT 'production';

-- AlterTable
ALTER TABLE "VerificationCounter" ADD COLUMN     "environment" TEXT NOT NULL DEFAULT 'production';

-- AlterTable
ALTER TABLE "VerificationFailureExample" ADD COLUMN     "environment" TEXT NOT NULL DEFAULT 'production';

-- CreateIndex
CREATE UNIQUE INDEX "ProjectEnvironment_currentSecretId_key" ON "ProjectEnvironment"("currentSecretId");

-- CreateIndex
CREATE UNIQUE INDEX "ProjectEnvironment_previousSecretId_key" ON "ProjectEnvironment"("previousSecretId");

-- CreateIndex
CREATE UNIQUE INDEX "ProjectEnvironment_projectId_slug_key" ON "ProjectEnvironment"("projectId", "slug");

-- CreateIndex
CREATE INDEX "IdentifiedUser_projectId_environment_lastSeenAt_idx" ON "IdentifiedUser"("projectId", "environment", "lastSeenAt");

-- CreateIndex
CREATE UNIQUE INDEX "IdentifiedUser_projectId_environment_externalId_key" ON "IdentifiedUser"("projectId", "environment", "externalId");

-- CreateIndex
CREATE UNIQUE INDEX "VerificationCounter_projectId_environment_bucketStart_code_key" ON "VerificationCounter"("projectId", "environment", "bucketStart", "code");

-- CreateIndex
CREATE UNIQUE INDEX "VerificationFailureExample_projectId_environment_cause_key" ON "VerificationFailureExample"("projectId", "environment", "cause");

-- AddForeignKey
ALTER TABLE "ProjectEnvironment" ADD CONSTRAINT "ProjectEnvironment_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProjectEnvironment" ADD CONSTRAINT "ProjectEnvironment_currentSecretId_fkey" FOREIGN KEY ("currentSecretId") REFERENCES "IdentitySecret"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProjectEnvironment" ADD CONSTRAINT "ProjectEnvironment_previousSecretId_fkey" FOREIGN KEY ("previousSecretId") REFERENCES "IdentitySecret"("id") ON DELETE SET NULL ON UPDATE CASCADE;

