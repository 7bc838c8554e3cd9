-- AlterTable
ALTER TABLE "IdentitySecret" ADD COLUMN     "diagnosisCiphertext" TEXT;

-- CreateTable
CREATE TABLE "VerificationFailureExample" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "cause" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "lastAt" TIMESTAMP(3) NOT NULL,
    "header" TEXT NOT NULL,
    "claims" TEXT NOT NULL,

    CONSTRAINT "VerificationFailureExample_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "VerificationFailureExample_lastAt_idx" ON "VerificationFailureExample"("lastAt");

-- CreateIndex
CREATE UNIQUE INDEX "VerificationFailureExample_projectId_cause_key" ON "VerificationFailureExample"("projectId", "cause");

-- AddForeignKey
ALTER TABLE "VerificationFailureExample" ADD CONSTRAINT "VerificationFailureExample_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

